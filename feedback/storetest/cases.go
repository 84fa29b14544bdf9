package storetest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

// testInsertGetLookup: a case is stored once per idempotency key; a retry
// gets the case stored first, and another submission under the key gets
// nothing of it.
func testInsertGetLookup(t *testing.T, e env) {
	st := e.store(t)
	at := stockholm(2026, 3, 10, 9, 0)
	c := e.newCase(t, "Personalen i receptionen var otrevlig mot mig. Ring mig på 070-123 45 67.", servicerules.Email, anna, uuid.NewString(), at)

	got := insert(t, st, c)
	sameCase(t, "Insert", c, got)
	if loc := got.Received.Location().String(); loc != calendar.Location().String() {
		t.Errorf("Insert returns times in %s, want %s", loc, calendar.Location())
	}

	// A retry (the same submission, later) gets the case stored first.
	again, created, err := st.Insert(ctx, e.newCase(t, c.Text, servicerules.Email, anna, c.IdempotencyKey, at.Add(time.Minute)))
	if err != nil || created {
		t.Fatalf("Insert of a retry = created %v, %v; want the case stored first", created, err)
	}
	sameCase(t, "Insert of a retry", c, again)

	// Another submission under the same key gets nothing of the stored
	// case: not its token, not its ID.
	other, created, err := st.Insert(ctx, e.newCase(t, "another text", servicerules.Web, nil, c.IdempotencyKey, at.Add(time.Minute)))
	if !errors.Is(err, feedback.ErrKeyReused) || created {
		t.Errorf("Insert of another submission under a stored key = created %v, %v; want an error wrapping ErrKeyReused", created, err)
	}
	if !reflect0(other) {
		t.Errorf("Insert of another submission under a stored key returned %+v; want nothing", other)
	}

	full := get(t, st, c.ID)
	sameCase(t, "Get", c, full)
	if d := differences(full, got); len(d) > 0 {
		t.Errorf("Insert returns the case as Get reads it; they differ in %v", d)
	}
	if d := differences(full, again); len(d) > 0 {
		t.Errorf("Insert of a retry returns the case as Get reads it; they differ in %v", d)
	}
	if len(full.History) != 1 || full.History[0].To != feedback.StatusReceived || !full.History[0].At.Equal(c.Received) {
		t.Errorf("Get: history %+v; want the one change to received at %s", full.History, c.Received)
	}

	v, err := st.Lookup(ctx, c.Token.String())
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if want := c.Citizen(); v.Token != want.Token || v.Status != want.Status || v.Kind != want.Kind || v.Due == nil || !v.Due.Equal(c.ReplyDue) {
		t.Errorf("Lookup = %+v; want %+v", v, want)
	}

	// Another case, under another key, with the ID or the receipt token of
	// the stored one, is refused, and changes nothing.
	for name, change := range map[string]func(*feedback.Case){
		"the ID of a stored case":    func(d *feedback.Case) { d.ID = c.ID },
		"the token of a stored case": func(d *feedback.Case) { d.Token = c.Token },
	} {
		d := e.kindCase(t, message.Praise, servicerules.Web, nil, at)
		change(&d)
		if _, _, err := st.Insert(ctx, d); err == nil {
			t.Errorf("Insert of a new case with %s: no error", name)
		}
	}
	sameCase(t, "Get after refused inserts", c, get(t, st, c.ID))
	if list, err := st.List(ctx, feedback.CaseFilter{}); err != nil || len(list) != 1 {
		t.Errorf("List after refused inserts = %d cases, %v; want 1", len(list), err)
	}
}

// reflect0 reports whether c is the zero Case.
func reflect0(c feedback.Case) bool {
	return len(differences(c, feedback.Case{})) == 0
}

// testInsertRefusesWhatIsNotNew: Insert takes only a new case, as
// feedback.Case.CheckNew says, and stores nothing else.
func testInsertRefusesWhatIsNotNew(t *testing.T, e env) {
	st := e.store(t)
	c := e.kindCase(t, message.Praise, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0))
	for name, change := range map[string]func(*feedback.Case){
		"no ID":            func(c *feedback.Case) { c.ID = uuid.Nil },
		"no token":         func(c *feedback.Case) { c.Token = uuid.Nil },
		"no key":           func(c *feedback.Case) { c.IdempotencyKey = "" },
		"no time":          func(c *feedback.Case) { c.Received = time.Time{} },
		"no redacted text": func(c *feedback.Case) { c.RedactedText = "" },
		"bad status":       func(c *feedback.Case) { c.Status = "lost" },
		"changed": func(c *feedback.Case) {
			*c, _ = c.Apply(feedback.Transition{To: feedback.StatusRegistered, At: c.Received.Add(time.Hour)}, e.p.Calendar())
		},
	} {
		bad := c
		change(&bad)
		if _, _, err := st.Insert(ctx, bad); err == nil {
			t.Errorf("Insert of a case with %s: no error", name)
		}
	}
	if list, err := st.List(ctx, feedback.CaseFilter{}); err != nil || len(list) != 0 {
		t.Errorf("List after refused inserts = %d cases, %v; want none", len(list), err)
	}
}

// testConcurrentInserts has 16 writers insert 50 cases each, over 200 keys
// that each writer shares with three others: one case per key, created by
// one call, and every caller gets the same case back for a key.
func testConcurrentInserts(t *testing.T, e env) {
	st := e.store(t)
	const writers, perWriter, keys = 16, 50, 200
	keyOf := make([]string, keys)
	for i := range keyOf {
		keyOf[i] = uuid.NewString()
	}
	at := stockholm(2026, 3, 10, 9, 0)
	// The cases are made before the writers start: the t of the test must
	// not be failed from their goroutines.
	cases := make([][]feedback.Case, writers)
	for w := range writers {
		for i := range perWriter {
			c := e.kindCase(t, message.Complaint, servicerules.Web, anna, at)
			c.IdempotencyKey = keyOf[(w*perWriter+i)%keys]
			cases[w] = append(cases[w], c)
		}
	}
	type result struct {
		key     string
		id      uuid.UUID
		token   uuid.UUID
		created bool
		err     error
	}
	results := make(chan result, writers*perWriter)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for _, c := range cases[w] {
				got, created, err := st.Insert(ctx, c)
				if err == nil && got.IdempotencyKey != c.IdempotencyKey {
					err = fmt.Errorf("Insert under key %s returned the case of key %s", c.IdempotencyKey, got.IdempotencyKey)
				}
				results <- result{c.IdempotencyKey, got.ID, got.Token, created, err}
			}
		})
	}
	wg.Wait()
	close(results)

	first := map[string]result{}
	created := map[string]int{}
	for r := range results {
		if r.err != nil {
			t.Errorf("Insert: %v", r.err)
			continue
		}
		if r.created {
			created[r.key]++
		}
		if f, ok := first[r.key]; !ok {
			first[r.key] = r
		} else if f.id != r.id || f.token != r.token {
			t.Errorf("key %s: one caller got case %s, another %s", r.key, f.id, r.id)
		}
	}
	for _, k := range keyOf {
		if created[k] != 1 {
			t.Errorf("key %s was created by %d inserts, want 1", k, created[k])
		}
	}
	list, err := st.List(ctx, feedback.CaseFilter{})
	if err != nil || len(list) != keys {
		t.Errorf("List = %d cases, %v; want one per key, %d", len(list), err, keys)
	}
}

// testTokenPrivacy: the citizen's lookup takes the receipt token and
// nothing else.
func testTokenPrivacy(t *testing.T, e env) {
	st := e.store(t)
	c := insert(t, st, e.kindCase(t, message.Complaint, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0)))
	tok := c.Token.String()
	for name, s := range map[string]string{
		"unknown token":    uuid.NewString(),
		"the case ID":      c.ID.String(),
		"the key":          c.IdempotencyKey,
		"nil UUID":         uuid.Nil.String(),
		"empty":            "",
		"not a UUID":       "' OR 1=1 --",
		"token without -":  strings.ReplaceAll(tok, "-", ""),
		"token in a URN":   "urn:uuid:" + tok,
		"token in braces":  "{" + tok + "}",
		"token and suffix": tok + "x",
	} {
		if v, err := st.Lookup(ctx, s); !errors.Is(err, feedback.ErrNotFound) {
			t.Errorf("Lookup(%s) = %+v, %v; want an error wrapping ErrNotFound", name, v, err)
		}
	}
	for _, s := range []string{tok, strings.ToUpper(tok)} {
		if v, err := st.Lookup(ctx, s); err != nil || v.Token != c.Token {
			t.Errorf("Lookup(%q) = %+v, %v; want the case (a token in upper case is the same token)", s, v, err)
		}
	}
	if _, err := st.Get(ctx, uuid.New()); !errors.Is(err, feedback.ErrNotFound) {
		t.Errorf("Get(an unknown ID) = %v; want an error wrapping ErrNotFound", err)
	}
	if _, err := st.Get(ctx, c.Token); !errors.Is(err, feedback.ErrNotFound) {
		t.Errorf("Get(the receipt token) = %v; want an error wrapping ErrNotFound", err)
	}
}

// testLifecycle: transitions are made as Case.Apply makes them, on the
// store's calendar, recorded in the history, and seen by Get and Lookup.
func testLifecycle(t *testing.T, e env) {
	st := e.store(t)
	c := insert(t, st, e.kindCase(t, message.Question, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0)))
	steps := []feedback.Transition{
		{To: feedback.StatusRegistered, At: stockholm(2026, 3, 10, 9, 30), By: "registrator", Unit: "Kundtjänst", DiaryNumber: "KS 2026/0042"},
		{To: feedback.StatusWaiting, At: stockholm(2026, 3, 10, 10, 0), By: "lisa", Text: "Vilken adress gäller det?"},
		{To: feedback.StatusRegistered, At: stockholm(2026, 3, 12, 10, 0), By: "lisa"},
		{To: feedback.StatusInterimSent, At: stockholm(2026, 3, 12, 11, 0), By: "lisa", Text: "Lisa svarar senast 20 mars.", Promised: stockholm(2026, 3, 20, 16, 30)},
		{To: feedback.StatusAnswered, At: stockholm(2026, 3, 18, 14, 0), By: "lisa", Text: "Här är svaret."},
		{To: feedback.StatusClosed, At: stockholm(2026, 3, 18, 15, 0), By: "lisa"},
	}
	want := c
	for _, tr := range steps {
		var err error
		if want, err = want.Apply(tr, e.p.Calendar()); err != nil {
			t.Fatalf("Case.Apply(to %s): %v", tr.To, err)
		}
		sameCase(t, "Apply to "+string(tr.To), want, apply(t, st, c.ID, tr))
	}
	got := get(t, st, c.ID)
	sameCase(t, "Get after the transitions", want, got)
	if got.Paused != 17*time.Hour {
		t.Errorf("Paused = %v; want 17h, the working time waited on the store's calendar", got.Paused)
	}
	if len(got.History) != 7 || got.History[2].Text != "Vilken adress gäller det?" || !got.History[4].Promised.Equal(stockholm(2026, 3, 20, 16, 30)) {
		t.Errorf("History = %+v; want the 7 changes as made", got.History)
	}
	v, err := st.Lookup(ctx, c.Token.String())
	if err != nil || v.Status != feedback.StatusClosed || v.ReplyText != "Här är svaret." || v.Due != nil {
		t.Errorf("Lookup = %+v, %v; want closed, with the reply and no due time", v, err)
	}

	// What cannot be done is refused, and changes nothing.
	if _, err := st.Apply(ctx, c.ID, feedback.Transition{To: feedback.StatusAnswered, At: stockholm(2026, 3, 19, 9, 0), Text: "x"}); !errors.Is(err, feedback.ErrIllegalTransition) {
		t.Errorf("Apply to a closed case = %v; want an error wrapping ErrIllegalTransition", err)
	}
	var te *feedback.TransitionError
	if _, err := st.Apply(ctx, c.ID, feedback.Transition{To: feedback.StatusAnswered, At: stockholm(2026, 3, 19, 9, 0), Text: "x"}); !errors.As(err, &te) || te.From != feedback.StatusClosed {
		t.Errorf("Apply to a closed case = %v; want a *feedback.TransitionError from closed", err)
	}
	if _, err := st.Apply(ctx, uuid.New(), steps[0]); !errors.Is(err, feedback.ErrNotFound) {
		t.Errorf("Apply to an unknown ID = %v; want an error wrapping ErrNotFound", err)
	}
	d := insert(t, st, e.kindCase(t, message.Question, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0)))
	var ve *feedback.ValidationError
	if _, err := st.Apply(ctx, d.ID, feedback.Transition{To: feedback.StatusRegistered, At: time.Date(12026, 1, 1, 0, 0, 0, 0, time.UTC)}); !errors.As(err, &ve) {
		t.Errorf("Apply of a time in the year 12026 = %v; want the *feedback.ValidationError of Transition.Validate", err)
	}
	if _, err := st.Apply(ctx, d.ID, feedback.Transition{To: feedback.StatusRegistered, At: d.Received.Add(-time.Hour)}); !errors.Is(err, feedback.ErrIllegalTransition) {
		t.Errorf("Apply of a time before the case's last change = %v; want an error wrapping ErrIllegalTransition", err)
	}
	sameCase(t, "Get after refused transitions", want, get(t, st, c.ID))
	sameCase(t, "Get after refused transitions", d, get(t, st, d.ID))
}

// testConcurrentApply makes the same transition from many goroutines at
// once: exactly one wins, each other gets ErrConflict or
// ErrIllegalTransition, and the history holds the change once.
func testConcurrentApply(t *testing.T, e env) {
	st := e.store(t)
	c := insert(t, st, e.kindCase(t, message.Complaint, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0)))
	errs := make(chan error, 16)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range cap(errs) {
		wg.Go(func() {
			<-start
			_, err := st.Apply(ctx, c.ID, feedback.Transition{To: feedback.StatusRegistered, At: stockholm(2026, 3, 10, 10, 0)})
			errs <- err
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	wins := 0
	for err := range errs {
		switch {
		case err == nil:
			wins++
		case errors.Is(err, feedback.ErrConflict), errors.Is(err, feedback.ErrIllegalTransition):
		default:
			t.Errorf("a concurrent Apply: %v; want ErrConflict or ErrIllegalTransition", err)
		}
	}
	if wins != 1 {
		t.Errorf("%d concurrent Applies of one transition won; want 1", wins)
	}
	if got := get(t, st, c.ID); len(got.History) != 2 {
		t.Errorf("History = %+v; want the change once", got.History)
	}
}

// testListFilters: List sorts by due time, then time received, then ID,
// and each filter keeps what it says, OverdueAt as Case.Overdue judges.
func testListFilters(t *testing.T, e env) {
	st := e.store(t)
	mon := stockholm(2026, 3, 9, 9, 0)
	at := func(d, h int) time.Time { return mon.AddDate(0, 0, d).Add(time.Duration(h) * time.Hour) }
	specs := []struct {
		kind    message.Kind
		ch      servicerules.Channel
		contact *feedback.Contact
		day     int // days after Monday 9 March
		steps   []feedback.Transition
	}{
		{message.Complaint, servicerules.Email, anna, 0, nil},
		{message.Praise, servicerules.Web, anna, 1, []feedback.Transition{{To: feedback.StatusAnswered, At: at(1, 2), Text: "Tack!", Unit: "Kultur"}}},
		{message.Question, servicerules.Phone, anna, 2, []feedback.Transition{{To: feedback.StatusRegistered, At: at(2, 1), Unit: "Gata"}}},
		{message.Suggestion, servicerules.Email, nil, 3, nil},
		{message.Complaint, servicerules.Email, anna, 4, []feedback.Transition{
			{To: feedback.StatusRegistered, At: at(4, 1), Unit: "Gata"},
			{To: feedback.StatusWaiting, At: at(4, 2)},
		}},
		{message.FaultReport, servicerules.Web, anna, 7, nil},
		{message.Complaint, servicerules.Post, anna, 8, []feedback.Transition{
			{To: feedback.StatusInterimSent, At: at(8, 1), Promised: at(15, 7), Unit: "Kultur"},
		}},
		{message.Question, servicerules.Email, anna, 9, nil},
		// An interim reply without a promised date: the first response
		// has come, and nothing is due after it.
		{message.Suggestion, servicerules.Email, anna, 0, []feedback.Transition{
			{To: feedback.StatusInterimSent, At: at(0, 1), Text: "Vi återkommer."},
		}},
		// Waiting after an interim reply with a promise.
		{message.Question, servicerules.Email, anna, 1, []feedback.Transition{
			{To: feedback.StatusInterimSent, At: at(1, 1), Promised: at(3, 0)},
			{To: feedback.StatusWaiting, At: at(2, 0)},
		}},
	}
	var cases []feedback.Case
	for _, s := range specs {
		c := insert(t, st, e.kindCase(t, s.kind, s.ch, s.contact, at(s.day, 0)))
		for _, tr := range s.steps {
			c = apply(t, st, c.ID, tr)
		}
		cases = append(cases, c)
	}
	// Two cases received at the same instant, both without a due time:
	// the ID decides, whatever order they were stored in.
	a := e.kindCase(t, message.Praise, servicerules.Web, nil, at(5, 0))
	b := e.kindCase(t, message.Praise, servicerules.Web, nil, at(5, 0))
	if a.ID.String() < b.ID.String() {
		a, b = b, a
	}
	cases = append(cases, insert(t, st, a), insert(t, st, b))
	where := func(keep func(feedback.Case) bool) []uuid.UUID {
		var out []uuid.UUID
		for _, c := range cases {
			if keep(c) {
				out = append(out, c.ID)
			}
		}
		return out
	}
	list := func(f feedback.CaseFilter) []feedback.CaseSummary {
		t.Helper()
		got, err := st.List(ctx, f)
		if err != nil {
			t.Fatalf("List(%+v): %v", f, err)
		}
		return got
	}
	sameSet := func(what string, want, got []uuid.UUID) {
		t.Helper()
		if !sameIDs(want, got) {
			t.Errorf("%s: List gives %v, want %v", what, got, want)
		}
	}

	// The order: feedback.ListOrder.
	sorted := slices.Clone(cases)
	slices.SortFunc(sorted, feedback.ListOrder)
	all := list(feedback.CaseFilter{})
	wantOrder := make([]uuid.UUID, len(sorted))
	for i, c := range sorted {
		wantOrder[i] = c.ID
	}
	if !slices.Equal(ids(all), wantOrder) {
		t.Errorf("List order %v, want %v (feedback.ListOrder: due time, none last; then received; then ID)", ids(all), wantOrder)
	}

	sameSet("Kinds", where(func(c feedback.Case) bool { return c.Kind == message.Complaint }),
		ids(list(feedback.CaseFilter{Kinds: []message.Kind{message.Complaint}})))
	sameSet("Channels", where(func(c feedback.Case) bool { return c.Channel == servicerules.Web || c.Channel == servicerules.Post }),
		ids(list(feedback.CaseFilter{Channels: []servicerules.Channel{servicerules.Web, servicerules.Post}})))
	sameSet("Statuses", where(func(c feedback.Case) bool {
		return c.Status == feedback.StatusReceived || c.Status == feedback.StatusWaiting
	}),
		ids(list(feedback.CaseFilter{Statuses: []feedback.Status{feedback.StatusReceived, feedback.StatusWaiting}})))
	sameSet("Units", where(func(c feedback.Case) bool { return c.Unit == "Gata" }),
		ids(list(feedback.CaseFilter{Units: []string{"Gata"}})))
	sameSet("From and To", where(func(c feedback.Case) bool { return !c.Received.Before(at(2, 0)) && c.Received.Before(at(8, 0)) }),
		ids(list(feedback.CaseFilter{From: at(2, 0), To: at(8, 0)})))
	sameSet("Kinds and Channels", where(func(c feedback.Case) bool { return c.Kind == message.Complaint && c.Channel == servicerules.Email }),
		ids(list(feedback.CaseFilter{Kinds: []message.Kind{message.Complaint}, Channels: []servicerules.Channel{servicerules.Email}})))
	sameSet("an empty unit", nil, ids(list(feedback.CaseFilter{Units: []string{"Ingen"}})))

	// OverdueAt agrees with Case.Overdue every three hours for three
	// weeks, and at each case's due instant and a nanosecond after it.
	instants := []time.Time{}
	for h := 0; h < 21*24; h += 3 {
		instants = append(instants, mon.Add(time.Duration(h)*time.Hour))
	}
	for _, c := range cases {
		if d := c.Due(); !d.IsZero() {
			instants = append(instants, d, d.Add(time.Nanosecond))
		}
	}
	wrong := 0
	for _, instant := range instants {
		want := where(func(c feedback.Case) bool { return c.Overdue(instant) })
		got := ids(list(feedback.CaseFilter{OverdueAt: instant}))
		if !sameIDs(want, got) {
			if wrong++; wrong <= 3 {
				t.Errorf("OverdueAt %s: List gives %v, want %v (Case.Overdue)", instant.Format(time.RFC3339Nano), got, want)
			}
		}
	}
	if wrong > 3 {
		t.Errorf("OverdueAt: List disagrees with Case.Overdue at %d of %d instants", wrong, len(instants))
	}
	if len(list(feedback.CaseFilter{OverdueAt: at(20, 0)})) == 0 {
		t.Error("no case is overdue three weeks on; the test shows nothing")
	}

	// Paging.
	if got := ids(list(feedback.CaseFilter{Limit: 3, Offset: 2})); !slices.Equal(got, ids(all)[2:5]) {
		t.Errorf("List with Limit 3, Offset 2 = %v, want %v", got, ids(all)[2:5])
	}
	if got := ids(list(feedback.CaseFilter{Offset: len(all) - 1})); !slices.Equal(got, ids(all)[len(all)-1:]) {
		t.Errorf("List with Offset %d = %v, want the last case", len(all)-1, got)
	}
	if got := list(feedback.CaseFilter{Offset: len(all)}); len(got) != 0 {
		t.Errorf("List past the end = %v, want none", ids(got))
	}
}

// sameIDs reports whether a and b hold the same IDs, in any order.
func sameIDs(a, b []uuid.UUID) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	cmp := func(x, y uuid.UUID) int { return strings.Compare(x.String(), y.String()) }
	slices.SortFunc(a, cmp)
	slices.SortFunc(b, cmp)
	return slices.Equal(a, b)
}

// testListSummaries: List gives the summaries of the cases (Case.Summary),
// so texts redacted and contacts masked, and Get the whole case.
func testListSummaries(t *testing.T, e env) {
	st := e.store(t)
	c := insert(t, st, e.newCase(t, "Soptunnan har inte tömts. Ring mig på 070-123 45 67 eller mejla anna@exempel.se.",
		servicerules.Email, anna, uuid.NewString(), stockholm(2026, 3, 10, 9, 0)))
	anon := insert(t, st, e.kindCase(t, message.Praise, servicerules.Web, nil, stockholm(2026, 3, 10, 10, 0)))
	list, err := st.List(ctx, feedback.CaseFilter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("List = %d cases, %v; want 2", len(list), err)
	}
	for _, s := range list {
		want := get(t, st, s.ID).Summary()
		if d := differences(inStockholmSummary(want), inStockholmSummary(s)); len(d) > 0 {
			t.Errorf("List: the summary of %s differs from Get(...).Summary() in %v", s.ID, d)
		}
	}
	s := list[slices.IndexFunc(list, func(s feedback.CaseSummary) bool { return s.ID == c.ID })]
	for _, secret := range []string{"070-123 45 67", "anna@exempel.se", "Anna"} {
		if strings.Contains(s.Text, secret) || s.Contact != nil && strings.Contains(s.Contact.Name+s.Contact.Email+s.Contact.Phone, secret) {
			t.Errorf("List shows %q: %+v", secret, s)
		}
	}
	if s.Anonymous() || list[slices.IndexFunc(list, func(s feedback.CaseSummary) bool { return s.ID == anon.ID })].Contact != nil {
		t.Errorf("List: who gave contact details and who did not is kept: %+v", list)
	}
	if full := get(t, st, c.ID); full.Text != c.Text || *full.Contact != *anna {
		t.Errorf("Get = %q, %+v; want the whole case", full.Text, full.Contact)
	}
}

// inStockholmSummary is inStockholm for a summary.
func inStockholmSummary(s feedback.CaseSummary) feedback.CaseSummary {
	loc := calendar.Location()
	for _, p := range []*time.Time{&s.Received, &s.RegistrationDue, &s.ReplyDue, &s.Promised, &s.RegisteredAt,
		&s.RespondedAt, &s.AnsweredAt, &s.ClosedAt, &s.PausedAt} {
		if !p.IsZero() {
			*p = p.In(loc)
		}
	}
	return s
}

// testFollowUp: CasesReceived gives the whole cases of a period, without
// histories, and FollowUp their statistics on the store's calendar.
func testFollowUp(t *testing.T, e env) {
	st := e.store(t)
	cal := e.p.Calendar()
	// Three e-mail complaints on Tuesday 10 March 09:00, due Wednesday
	// 16:30: one answered after 2 working hours, one after 18.5 (late),
	// one open and overdue; and one anonymous praise.
	at := stockholm(2026, 3, 10, 9, 0)
	mk := func(kind message.Kind, contact *feedback.Contact, answer time.Time) feedback.Case {
		c := insert(t, st, e.kindCase(t, kind, servicerules.Email, contact, at))
		if !answer.IsZero() {
			c = apply(t, st, c.ID, feedback.Transition{To: feedback.StatusAnswered, At: answer, Text: "Svar", Unit: "Gata"})
		}
		return c
	}
	mk(message.Complaint, anna, stockholm(2026, 3, 10, 11, 0))
	mk(message.Complaint, anna, stockholm(2026, 3, 12, 10, 30))
	open := mk(message.Complaint, anna, time.Time{})
	mk(message.Praise, nil, time.Time{})
	insert(t, st, e.kindCase(t, message.Complaint, servicerules.Email, anna, stockholm(2026, 4, 1, 0, 0)))
	insert(t, st, e.kindCase(t, message.Complaint, servicerules.Email, anna, stockholm(2026, 2, 28, 23, 59)))

	period := feedback.Period{From: stockholm(2026, 3, 1, 0, 0), To: stockholm(2026, 4, 1, 0, 0)}
	judged := stockholm(2026, 3, 31, 12, 0)
	stats, err := st.FollowUp(ctx, period, judged)
	if err != nil {
		t.Fatalf("FollowUp: %v", err)
	}
	tot := stats.Total
	if tot.Received != 4 || tot.Answered != 2 || tot.ReplyOwed != 3 || tot.Settled != 3 || tot.OnTime != 1 || tot.Overdue != 1 {
		t.Errorf("FollowUp total = %+v; want 4 received, 2 answered, 3 owed a reply, 3 settled, 1 on time, 1 overdue", tot)
	}
	// Responses of 2 h and 7.5 + 8.5 + 2.5 = 18.5 working hours: median 10.25.
	if tot.MedianResponseHours < 10.25-1e-9 || tot.MedianResponseHours > 10.25+1e-9 {
		t.Errorf("median response = %v working hours, want 10.25 (on the store's calendar)", tot.MedianResponseHours)
	}
	if len(stats.Overdue) != 1 || stats.Overdue[0].ID != open.ID {
		t.Errorf("overdue = %+v; want the open complaint", stats.Overdue)
	}
	if len(stats.ByUnit) != 2 || stats.ByUnit[0].Key != "" || stats.ByUnit[1].Key != "Gata" || stats.ByUnit[1].Answered != 2 {
		t.Errorf("by unit = %+v; want no unit, then Gata with 2 answered", stats.ByUnit)
	}

	cs, err := st.CasesReceived(ctx, period.From, period.To)
	if err != nil || len(cs) != 4 {
		t.Fatalf("CasesReceived = %d cases, %v; want the 4 of the period", len(cs), err)
	}
	for i, c := range cs {
		if c.History != nil {
			t.Errorf("CasesReceived: case %s has a history", c.ID)
		}
		whole := get(t, st, c.ID)
		whole.History = nil
		sameCase(t, "CasesReceived", whole, c)
		if i > 0 && (c.Received.Before(cs[i-1].Received) || c.Received.Equal(cs[i-1].Received) && c.ID.String() < cs[i-1].ID.String()) {
			t.Errorf("CasesReceived is not sorted by time received, then ID")
		}
	}
	if want := feedback.FollowUp(cs, period, judged, cal); len(differences(want, stats)) > 0 {
		t.Errorf("FollowUp differs from feedback.FollowUp of CasesReceived, on the store's calendar, in %v", differences(want, stats))
	}
	if none, err := st.CasesReceived(ctx, stockholm(2027, 1, 1, 0, 0), stockholm(2028, 1, 1, 0, 0)); err != nil || len(none) != 0 {
		t.Errorf("CasesReceived of an empty period = %d cases, %v", len(none), err)
	}
}

// testCopies: what a store returns shares nothing with what it keeps, nor
// what it was given.
func testCopies(t *testing.T, e env) {
	st := e.store(t)
	c := e.kindCase(t, message.Question, servicerules.Email, &feedback.Contact{Name: "Anna", Email: "anna@exempel.se"}, stockholm(2026, 3, 10, 9, 0))
	given := c
	given.Contact = &feedback.Contact{Name: "Anna", Email: "anna@exempel.se"}
	given.History = slices.Clone(c.History)
	got := insert(t, st, given)
	given.Contact.Name = "changed by the caller"
	given.History[0].By = "changed by the caller"
	got.Contact.Name = "changed by the caller"
	got.History[0].By = "changed by the caller"
	apply(t, st, c.ID, feedback.Transition{To: feedback.StatusRegistered, At: stockholm(2026, 3, 10, 10, 0)})
	full := get(t, st, c.ID)
	full.Contact.Email = "changed@exempel.se"
	full.History[1].By = "changed by the caller"
	cs, err := st.CasesReceived(ctx, c.Received, c.Received.Add(time.Second))
	if err != nil || len(cs) != 1 {
		t.Fatalf("CasesReceived = %d, %v", len(cs), err)
	}
	cs[0].Contact.Phone = "changed"
	list, err := st.List(ctx, feedback.CaseFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %d, %v", len(list), err)
	}
	list[0].Contact.Name = "changed"

	again := get(t, st, c.ID)
	if *again.Contact != (feedback.Contact{Name: "Anna", Email: "anna@exempel.se"}) || again.History[0].By != "" || again.History[1].By != "" {
		t.Errorf("a change to a case given to or returned by the store changed what it keeps: %+v, %+v", again.Contact, again.History)
	}
	if l, _ := st.List(ctx, feedback.CaseFilter{}); len(l) != 1 || l[0].Contact.Name != feedback.MaskName {
		t.Errorf("a change to a summary changed the next list: %+v", l)
	}
}
