package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/classify"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/feedback/pii"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/servicerules"
)

func stockholm(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Location())
}

func nykvarn(t testing.TB) *servicerules.Policy {
	t.Helper()
	p, err := servicerules.Preset("nykvarn")
	require.NoError(t, err)
	return p
}

// openDB opens a new SQLite file in a temporary directory.
func openDB(t testing.TB) (*sql.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kommunkit.db")
	db, err := sqlstore.OpenSQLite(path)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db, path
}

// openStore opens a Store on a new SQLite file.
func openStore(t testing.TB, cfg sqlstore.Config) (*sqlstore.Store, *sql.DB, string) {
	t.Helper()
	db, path := openDB(t)
	st, err := sqlstore.Open(context.Background(), db, cfg)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st, db, path
}

// newCase makes a case as the API does, classified by classify.Message.
func newCase(t testing.TB, p *servicerules.Policy, text string, ch servicerules.Channel, contact *feedback.Contact, key string, at time.Time) feedback.Case {
	t.Helper()
	s, cl, err := feedback.Accept(feedback.Submission{IdempotencyKey: key, Channel: ch, Text: text, Contact: contact}, at)
	require.NoError(t, err)
	c, err := feedback.NewCase(s, cl, p)
	require.NoError(t, err)
	return c
}

// kindCase makes a case with a given kind, not asking classify.Message.
func kindCase(t testing.TB, p *servicerules.Policy, kind message.Kind, ch servicerules.Channel, contact *feedback.Contact, at time.Time) feedback.Case {
	t.Helper()
	s, _, err := feedback.Accept(feedback.Submission{IdempotencyKey: uuid.NewString(), Channel: ch, Text: "Meddelande om " + string(kind), Contact: contact}, at)
	require.NoError(t, err)
	c, err := feedback.NewCase(s, classify.Result{Kind: kind, Language: "sv", Confidence: 0.8}, p)
	require.NoError(t, err)
	return c
}

var anna = &feedback.Contact{Name: "Anna Andersson", Email: "anna@exempel.se", Phone: "070-123 45 67"}

// sameCase asserts that two cases are the same, times compared as instants.
func sameCase(t *testing.T, want, got feedback.Case) {
	t.Helper()
	norm := func(c feedback.Case) feedback.Case {
		loc := calendar.Location()
		for _, p := range []*time.Time{&c.Received, &c.RegistrationDue, &c.ReplyDue, &c.Promised, &c.RegisteredAt,
			&c.RespondedAt, &c.AnsweredAt, &c.ClosedAt, &c.PausedAt} {
			if !p.IsZero() {
				*p = p.In(loc)
			}
		}
		h := make([]feedback.Change, len(c.History))
		for i, ch := range c.History {
			ch.At = ch.At.In(loc)
			if !ch.Promised.IsZero() {
				ch.Promised = ch.Promised.In(loc)
			}
			h[i] = ch
		}
		c.History = h
		return c
	}
	assert.Equal(t, norm(want), norm(got))
}

func TestInsertGetLookup(t *testing.T) {
	p := nykvarn(t)
	st, _, _ := openStore(t, sqlstore.Config{Calendar: p.Calendar()})
	ctx := context.Background()
	at := stockholm(2026, 3, 10, 9, 0)
	c := newCase(t, p, "Personalen i receptionen var otrevlig mot mig. Ring mig på 070-123 45 67.", servicerules.Email, anna, uuid.NewString(), at)

	got, created, err := st.Insert(ctx, c)
	require.NoError(t, err)
	assert.True(t, created)
	sameCase(t, c, got)

	// A retry (the same submission, later) gets the case stored first.
	again, created, err := st.Insert(ctx, newCase(t, p, c.Text, servicerules.Email, anna, c.IdempotencyKey, at.Add(time.Minute)))
	require.NoError(t, err)
	assert.False(t, created)
	sameCase(t, c, again)

	// Another submission under the same key gets nothing of the stored
	// case: not its token, not its ID.
	other, created, err := st.Insert(ctx, newCase(t, p, "another text", servicerules.Web, nil, c.IdempotencyKey, at.Add(time.Minute)))
	require.ErrorIs(t, err, feedback.ErrKeyReused)
	assert.False(t, created)
	assert.Equal(t, feedback.Case{}, other)

	full, err := st.Get(ctx, c.ID)
	require.NoError(t, err)
	sameCase(t, c, full)
	assert.Equal(t, full, got, "Insert returns the case exactly as Get reads it")
	assert.Equal(t, full, again)
	byKey, err := st.GetByKey(ctx, c.IdempotencyKey)
	require.NoError(t, err)
	assert.Equal(t, c.ID, byKey.ID)

	v, err := st.Lookup(ctx, c.Token.String())
	require.NoError(t, err)
	assert.Equal(t, c.Citizen().Status, v.Status)
	assert.Equal(t, c.Kind, v.Kind)
	require.NotNil(t, v.Due)
	assert.True(t, c.ReplyDue.Equal(*v.Due))

	list, err := st.List(ctx, feedback.CaseFilter{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.NotContains(t, list[0].Text, "070-123 45 67", "lists show redacted texts")
	assert.Contains(t, list[0].Text, pii.MaskPhone)
	assert.Equal(t, feedback.Contact{Name: feedback.MaskName, Email: pii.MaskEmail, Phone: pii.MaskPhone}, *list[0].Contact)
	assert.False(t, list[0].Anonymous())
	assert.Equal(t, full.Summary(), list[0], "a list holds the summaries of the cases Get reads")
}

func TestInsertRejectsWhatIsNotANewCase(t *testing.T) {
	p := nykvarn(t)
	st, _, _ := openStore(t, sqlstore.Config{Calendar: p.Calendar()})
	ctx := context.Background()
	c := kindCase(t, p, message.Praise, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0))
	for name, change := range map[string]func(*feedback.Case){
		"no ID":      func(c *feedback.Case) { c.ID = uuid.Nil },
		"no token":   func(c *feedback.Case) { c.Token = uuid.Nil },
		"no key":     func(c *feedback.Case) { c.IdempotencyKey = "" },
		"no time":    func(c *feedback.Case) { c.Received = time.Time{} },
		"bad status": func(c *feedback.Case) { c.Status = "lost" },
		"changed": func(c *feedback.Case) {
			*c, _ = c.Apply(feedback.Transition{To: feedback.StatusRegistered, At: c.Received.Add(time.Hour)}, p.Calendar())
		},
	} {
		bad := c
		change(&bad)
		_, _, err := st.Insert(ctx, bad)
		assert.Error(t, err, name)
	}
	list, err := st.List(ctx, feedback.CaseFilter{})
	require.NoError(t, err)
	assert.Empty(t, list)
}

// TestConcurrentInserts has 16 writers insert 50 cases each, over 200 keys
// that each writer shares with three others: exactly one row per key, one
// created per key, and every caller gets the same case back for a key.
func TestConcurrentInserts(t *testing.T) {
	p := nykvarn(t)
	st, db, _ := openStore(t, sqlstore.Config{Calendar: p.Calendar()})
	ctx := context.Background()
	const writers, perWriter, keys = 16, 50, 200
	keyOf := make([]string, keys)
	for i := range keyOf {
		keyOf[i] = uuid.NewString()
	}
	at := stockholm(2026, 3, 10, 9, 0)
	type result struct {
		key     string
		id      uuid.UUID
		token   uuid.UUID
		created bool
	}
	results := make(chan result, writers*perWriter)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				k := keyOf[(w*perWriter+i)%keys]
				c := kindCase(t, p, message.Complaint, servicerules.Web, anna, at.Add(time.Duration(w*perWriter+i)*time.Second))
				c.IdempotencyKey = k
				got, created, err := st.Insert(ctx, c)
				if !assert.NoError(t, err) {
					return
				}
				assert.Equal(t, k, got.IdempotencyKey)
				results <- result{k, got.ID, got.Token, created}
			}
		})
	}
	wg.Wait()
	close(results)

	first := map[string]result{}
	createdPerKey := map[string]int{}
	n := 0
	for r := range results {
		n++
		if r.created {
			createdPerKey[r.key]++
		}
		if f, ok := first[r.key]; ok {
			assert.Equal(t, f.id, r.id, "every caller gets the first case back")
			assert.Equal(t, f.token, r.token)
		} else {
			first[r.key] = r
		}
	}
	assert.Equal(t, writers*perWriter, n)
	assert.Len(t, first, keys)
	for _, k := range keyOf {
		assert.Equal(t, 1, createdPerKey[k], "one insert created key %s", k)
	}
	var rows, distinct int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM cases`).Scan(&rows, &distinct))
	assert.Equal(t, keys, rows)
	assert.Equal(t, keys, distinct)
}

func TestInsertBatch(t *testing.T) {
	p := nykvarn(t)
	for _, noTx := range []bool{false, true} {
		t.Run(fmt.Sprintf("NoTransactions=%v", noTx), func(t *testing.T) {
			st, _, _ := openStore(t, sqlstore.Config{Calendar: p.Calendar(), NoTransactions: noTx})
			ctx := context.Background()
			at := stockholm(2026, 3, 10, 9, 0)
			old := kindCase(t, p, message.Praise, servicerules.Email, anna, at)
			_, created, err := st.Insert(ctx, old)
			require.NoError(t, err)
			require.True(t, created)

			a := kindCase(t, p, message.Complaint, servicerules.Email, anna, at.Add(time.Minute))
			aAgain := kindCase(t, p, message.Complaint, servicerules.Email, anna, at.Add(2*time.Minute))
			aAgain.IdempotencyKey = a.IdempotencyKey
			oldAgain := kindCase(t, p, message.Suggestion, servicerules.Web, nil, at.Add(3*time.Minute))
			oldAgain.IdempotencyKey = old.IdempotencyKey
			bad := kindCase(t, p, message.Question, servicerules.Email, anna, at)
			bad.Token = uuid.Nil
			b := kindCase(t, p, message.Question, servicerules.Phone, anna, at.Add(4*time.Minute))

			res, err := st.InsertBatch(ctx, []feedback.Case{a, aAgain, oldAgain, bad, b})
			require.NoError(t, err)
			require.Len(t, res, 5)
			assert.True(t, res[0].Created)
			assert.Equal(t, a.ID, res[0].Case.ID)
			assert.False(t, res[1].Created)
			assert.Equal(t, a.ID, res[1].Case.ID, "a key twice in one batch gives the first")
			assert.False(t, res[2].Created)
			assert.ErrorIs(t, res[2].Err, feedback.ErrKeyReused, "another submission under a stored key")
			assert.Equal(t, uuid.Nil, res[2].Case.ID)
			assert.Error(t, res[3].Err)
			assert.True(t, res[4].Created)
			assert.Equal(t, b.ID, res[4].Case.ID)

			all, err := st.List(ctx, feedback.CaseFilter{})
			require.NoError(t, err)
			assert.Len(t, all, 3)
		})
	}
}

func TestTokenPrivacy(t *testing.T) {
	p := nykvarn(t)
	st, _, _ := openStore(t, sqlstore.Config{Calendar: p.Calendar()})
	ctx := context.Background()
	c := kindCase(t, p, message.Complaint, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0))
	_, _, err := st.Insert(ctx, c)
	require.NoError(t, err)

	for name, tok := range map[string]string{
		"unknown token":    uuid.NewString(),
		"the case ID":      c.ID.String(),
		"the key":          c.IdempotencyKey,
		"nil UUID":         uuid.Nil.String(),
		"empty":            "",
		"not a UUID":       "' OR 1=1 --",
		"token without -":  c.Token.String()[:8] + c.Token.String()[9:],
		"token in a URN":   "urn:uuid:" + c.Token.String(),
		"token and suffix": c.Token.String() + "x",
	} {
		_, err := st.Lookup(ctx, tok)
		assert.ErrorIs(t, err, feedback.ErrNotFound, name)
	}
	v, err := st.Lookup(ctx, c.Token.String())
	require.NoError(t, err)
	assert.Equal(t, c.Token, v.Token)
	up, err := st.Lookup(ctx, fmt.Sprintf("%X", c.Token[:4])+c.Token.String()[8:])
	require.NoError(t, err, "a token in upper case is the same token")
	assert.Equal(t, c.Token, up.Token)

	_, err = st.Get(ctx, uuid.New())
	assert.ErrorIs(t, err, feedback.ErrNotFound)
	_, err = st.GetByKey(ctx, "nonsense")
	assert.ErrorIs(t, err, feedback.ErrNotFound)
}

func TestMigrationsIdempotent(t *testing.T) {
	p := nykvarn(t)
	ctx := context.Background()
	db, path := openDB(t)
	st, err := sqlstore.Open(ctx, db, sqlstore.Config{Calendar: p.Calendar()})
	require.NoError(t, err)
	c := kindCase(t, p, message.Praise, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0))
	_, _, err = st.Insert(ctx, c)
	require.NoError(t, err)
	require.NoError(t, st.Close())
	require.NoError(t, st.Close(), "Close twice")
	_, _, err = st.Insert(ctx, c)
	assert.ErrorIs(t, err, feedback.ErrClosed)

	// Open again on the same handle, and twice at once on new handles.
	st2, err := sqlstore.Open(ctx, db, sqlstore.Config{})
	require.NoError(t, err)
	defer st2.Close()
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			db2, err := sqlstore.OpenSQLite(path)
			if !assert.NoError(t, err) {
				return
			}
			defer db2.Close()
			s, err := sqlstore.Open(ctx, db2, sqlstore.Config{})
			if assert.NoError(t, err) {
				s.Close()
			}
		})
	}
	wg.Wait()

	ms, err := sqlstore.Migrations()
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	assert.Equal(t, 1, ms[0].Version)
	var n, maxV int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*), MAX(version) FROM schema_migrations`).Scan(&n, &maxV))
	assert.Equal(t, len(ms), n)
	assert.Equal(t, ms[len(ms)-1].Version, maxV)
	got, err := st2.Get(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, c.Token, got.Token, "data survives reopening")
}

func TestSchemaManaged(t *testing.T) {
	p := nykvarn(t)
	ctx := context.Background()
	// On an empty database a managed schema is not created: Open does not
	// touch it, and the first write says what is missing.
	db, _ := openDB(t)
	st, err := sqlstore.Open(ctx, db, sqlstore.Config{SchemaManaged: true, Calendar: p.Calendar()})
	require.NoError(t, err)
	defer st.Close()
	var n int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'`).Scan(&n))
	assert.Zero(t, n, "Open applied no migrations")
	_, _, err = st.Insert(ctx, kindCase(t, p, message.Praise, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0)))
	require.Error(t, err)

	// Where another tool applied the migrations, the Store works as usual.
	db2, _ := openDB(t)
	ms, err := sqlstore.Migrations()
	require.NoError(t, err)
	for _, m := range ms {
		for _, stmt := range m.Statements() {
			_, err := db2.Exec(stmt)
			require.NoError(t, err, stmt)
		}
	}
	st2, err := sqlstore.Open(ctx, db2, sqlstore.Config{SchemaManaged: true, Calendar: p.Calendar()})
	require.NoError(t, err)
	defer st2.Close()
	c := kindCase(t, p, message.Praise, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0))
	_, created, err := st2.Insert(ctx, c)
	require.NoError(t, err)
	assert.True(t, created)
}

func TestMigrationsUsePortableSQL(t *testing.T) {
	ms, err := sqlstore.Migrations()
	require.NoError(t, err)
	for _, m := range ms {
		for _, stmt := range m.Statements() {
			assert.Regexp(t, `^(CREATE (TABLE|INDEX|UNIQUE INDEX) IF NOT EXISTS|DROP INDEX IF EXISTS|ALTER TABLE \w+ ADD COLUMN|INSERT|UPDATE)\b`, stmt, m.Name)
			for _, banned := range []string{"PRAGMA", "TRIGGER", "ATTACH", "RETURNING", "BEGIN", "COMMIT"} {
				assert.NotContains(t, stmt, banned, m.Name)
			}
		}
	}
}

func TestLifecyclePersistence(t *testing.T) {
	p := nykvarn(t)
	st, _, path := openStore(t, sqlstore.Config{Calendar: p.Calendar()})
	ctx := context.Background()
	c := kindCase(t, p, message.Question, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0))
	_, _, err := st.Insert(ctx, c)
	require.NoError(t, err)

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
		want, err = want.Apply(tr, p.Calendar())
		require.NoError(t, err)
		got, err := st.Apply(ctx, c.ID, tr)
		require.NoError(t, err)
		sameCase(t, want, got)
	}

	// A new handle on the file sees the same case, history and all.
	db2, err := sqlstore.OpenSQLite(path)
	require.NoError(t, err)
	defer db2.Close()
	st2, err := sqlstore.Open(ctx, db2, sqlstore.Config{Calendar: p.Calendar()})
	require.NoError(t, err)
	defer st2.Close()
	got, err := st2.Get(ctx, c.ID)
	require.NoError(t, err)
	sameCase(t, want, got)
	assert.Equal(t, 17*time.Hour, got.Paused)
	require.Len(t, got.History, 7)
	assert.Equal(t, "Vilken adress gäller det?", got.History[2].Text)
	assert.True(t, got.History[4].Promised.Equal(stockholm(2026, 3, 20, 16, 30)))

	v, err := st2.Lookup(ctx, c.Token.String())
	require.NoError(t, err)
	assert.Equal(t, feedback.StatusClosed, v.Status)
	assert.Equal(t, "Här är svaret.", v.ReplyText)
	assert.Nil(t, v.Due)

	_, err = st2.Apply(ctx, c.ID, feedback.Transition{To: feedback.StatusAnswered, At: stockholm(2026, 3, 19, 9, 0), Text: "x"})
	assert.ErrorIs(t, err, feedback.ErrIllegalTransition)
	_, err = st2.Apply(ctx, uuid.New(), steps[0])
	assert.ErrorIs(t, err, feedback.ErrNotFound)

	// A time the text form cannot order is refused, and the case stays readable.
	d := kindCase(t, p, message.Question, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0))
	_, _, err = st2.Insert(ctx, d)
	require.NoError(t, err)
	_, err = st2.Apply(ctx, d.ID, feedback.Transition{To: feedback.StatusRegistered, At: time.Date(12026, 1, 1, 0, 0, 0, 0, time.UTC)})
	var ve *feedback.ValidationError
	assert.ErrorAs(t, err, &ve, "the domain (feedback.Transition.Validate) refuses it before the store")
	got, err = st2.Get(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, feedback.StatusReceived, got.Status)
}

// TestConcurrentApply makes the same transition from many goroutines at
// once: exactly one wins and the history holds it once.
func TestConcurrentApply(t *testing.T) {
	p := nykvarn(t)
	for _, noTx := range []bool{false, true} {
		t.Run(fmt.Sprintf("NoTransactions=%v", noTx), func(t *testing.T) {
			st, _, _ := openStore(t, sqlstore.Config{Calendar: p.Calendar(), NoTransactions: noTx})
			ctx := context.Background()
			c := kindCase(t, p, message.Complaint, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0))
			_, _, err := st.Insert(ctx, c)
			require.NoError(t, err)
			var wg sync.WaitGroup
			var mu sync.Mutex
			wins := 0
			for range 8 {
				wg.Go(func() {
					_, err := st.Apply(ctx, c.ID, feedback.Transition{To: feedback.StatusRegistered, At: stockholm(2026, 3, 10, 10, 0)})
					if err == nil {
						mu.Lock()
						wins++
						mu.Unlock()
						return
					}
					assert.True(t, errors.Is(err, feedback.ErrIllegalTransition) || errors.Is(err, feedback.ErrConflict), "%v", err)
				})
			}
			wg.Wait()
			assert.Equal(t, 1, wins)
			got, err := st.Get(ctx, c.ID)
			require.NoError(t, err)
			assert.Len(t, got.History, 2)
		})
	}
}

func TestListFilters(t *testing.T) {
	p := nykvarn(t)
	cal := p.Calendar()
	st, _, _ := openStore(t, sqlstore.Config{Calendar: cal})
	ctx := context.Background()
	mon := stockholm(2026, 3, 9, 9, 0)
	type spec struct {
		kind    message.Kind
		ch      servicerules.Channel
		contact *feedback.Contact
		day     int // days after Monday 9 March
		steps   []feedback.Transition
	}
	at := func(d, h int) time.Time { return mon.AddDate(0, 0, d).Add(time.Duration(h) * time.Hour) }
	specs := []spec{
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
	}
	var cases []feedback.Case
	for _, s := range specs {
		c := kindCase(t, p, s.kind, s.ch, s.contact, at(s.day, 0))
		_, _, err := st.Insert(ctx, c)
		require.NoError(t, err)
		for _, tr := range s.steps {
			c, err = st.Apply(ctx, c.ID, tr)
			require.NoError(t, err)
		}
		cases = append(cases, c)
	}
	ids := func(cs []feedback.CaseSummary) []uuid.UUID {
		var out []uuid.UUID
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
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
		got, err := st.List(ctx, f)
		require.NoError(t, err)
		return got
	}

	all := list(feedback.CaseFilter{})
	require.Len(t, all, len(cases))
	for i := 1; i < len(all); i++ {
		a, b := all[i-1].Due(), all[i].Due()
		if a.IsZero() {
			assert.True(t, b.IsZero(), "cases without a due time come last")
		} else if !b.IsZero() {
			assert.False(t, b.Before(a), "sorted by due time")
		}
	}

	assert.ElementsMatch(t, where(func(c feedback.Case) bool { return c.Kind == message.Complaint }),
		ids(list(feedback.CaseFilter{Kinds: []message.Kind{message.Complaint}})))
	assert.ElementsMatch(t, where(func(c feedback.Case) bool { return c.Channel == servicerules.Web || c.Channel == servicerules.Post }),
		ids(list(feedback.CaseFilter{Channels: []servicerules.Channel{servicerules.Web, servicerules.Post}})))
	assert.ElementsMatch(t, where(func(c feedback.Case) bool { return c.Status == feedback.StatusReceived }),
		ids(list(feedback.CaseFilter{Statuses: []feedback.Status{feedback.StatusReceived}})))
	assert.ElementsMatch(t, where(func(c feedback.Case) bool { return c.Unit == "Gata" }),
		ids(list(feedback.CaseFilter{Units: []string{"Gata"}})))
	assert.ElementsMatch(t, where(func(c feedback.Case) bool { return !c.Received.Before(at(2, 0)) && c.Received.Before(at(8, 0)) }),
		ids(list(feedback.CaseFilter{From: at(2, 0), To: at(8, 0)})))
	assert.ElementsMatch(t, where(func(c feedback.Case) bool { return c.Kind == message.Complaint && c.Channel == servicerules.Email }),
		ids(list(feedback.CaseFilter{Kinds: []message.Kind{message.Complaint}, Channels: []servicerules.Channel{servicerules.Email}})))

	// The SQL overdue filter agrees with Case.Overdue every three hours for three weeks.
	for h := 0; h < 21*24; h += 3 {
		instant := mon.Add(time.Duration(h) * time.Hour)
		want := where(func(c feedback.Case) bool { return c.Overdue(instant) })
		assert.ElementsMatch(t, want, ids(list(feedback.CaseFilter{OverdueAt: instant})), "overdue at %s", instant)
	}
	overdue := list(feedback.CaseFilter{OverdueAt: at(20, 0)})
	assert.NotEmpty(t, overdue)

	page := list(feedback.CaseFilter{Limit: 3, Offset: 2})
	assert.Equal(t, ids(all)[2:5], ids(page))
}

func TestFollowUp(t *testing.T) {
	p := nykvarn(t)
	cal := p.Calendar()
	st, _, _ := openStore(t, sqlstore.Config{Calendar: cal})
	ctx := context.Background()
	// Three e-mail complaints on Tuesday 10 March 09:00, due Wednesday
	// 16:30: one answered after 2 working hours, one after 10 (late), one
	// open and overdue; and one anonymous praise.
	at := stockholm(2026, 3, 10, 9, 0)
	mk := func(kind message.Kind, contact *feedback.Contact, answer time.Time) feedback.Case {
		c := kindCase(t, p, kind, servicerules.Email, contact, at)
		_, _, err := st.Insert(ctx, c)
		require.NoError(t, err)
		if !answer.IsZero() {
			c, err = st.Apply(ctx, c.ID, feedback.Transition{To: feedback.StatusAnswered, At: answer, Text: "Svar", Unit: "Gata"})
			require.NoError(t, err)
		}
		return c
	}
	mk(message.Complaint, anna, stockholm(2026, 3, 10, 11, 0))
	mk(message.Complaint, anna, stockholm(2026, 3, 12, 10, 30))
	open := mk(message.Complaint, anna, time.Time{})
	mk(message.Praise, nil, time.Time{})
	outside := kindCase(t, p, message.Complaint, servicerules.Email, anna, stockholm(2026, 4, 2, 9, 0))
	_, _, err := st.Insert(ctx, outside)
	require.NoError(t, err)

	period := feedback.Period{From: stockholm(2026, 3, 1, 0, 0), To: stockholm(2026, 4, 1, 0, 0)}
	judged := stockholm(2026, 3, 31, 12, 0)
	stats, err := st.FollowUp(ctx, period, judged)
	require.NoError(t, err)
	assert.Equal(t, 4, stats.Total.Received)
	assert.Equal(t, 2, stats.Total.Answered)
	assert.Equal(t, 3, stats.Total.ReplyOwed)
	assert.Equal(t, 3, stats.Total.Settled)
	assert.Equal(t, 1, stats.Total.OnTime)
	assert.InDelta(t, 1.0/3, stats.Total.OnTimeShare, 1e-9)
	assert.Equal(t, 1, stats.Total.Overdue)
	// Responses of 2 h and 7.5 + 8.5 + 2.5 = 18.5 working hours: median 10.25.
	assert.InDelta(t, 10.25, stats.Total.MedianResponseHours, 1e-9)
	require.Len(t, stats.Overdue, 1)
	assert.Equal(t, open.ID, stats.Overdue[0].ID)
	require.Len(t, stats.ByUnit, 2)
	assert.Equal(t, "", stats.ByUnit[0].Key)
	assert.Equal(t, "Gata", stats.ByUnit[1].Key)
	assert.Equal(t, 2, stats.ByUnit[1].Answered)

	cs, err := st.CasesReceived(ctx, period.From, period.To)
	require.NoError(t, err)
	assert.Len(t, cs, 4)
	assert.Equal(t, feedback.FollowUp(cs, period, judged, cal), stats)
}

func TestCloseCommitsWhatItWasGiven(t *testing.T) {
	p := nykvarn(t)
	db, _ := openDB(t)
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, db, sqlstore.Config{Calendar: p.Calendar()})
	require.NoError(t, err)
	at := stockholm(2026, 3, 10, 9, 0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var acked []uuid.UUID
	for i := range 64 {
		c := kindCase(t, p, message.Complaint, servicerules.Web, anna, at.Add(time.Duration(i)*time.Second))
		wg.Go(func() {
			got, _, err := st.Insert(ctx, c)
			if err != nil {
				assert.ErrorIs(t, err, feedback.ErrClosed)
				return
			}
			mu.Lock()
			acked = append(acked, got.ID)
			mu.Unlock()
		})
	}
	time.Sleep(time.Millisecond)
	require.NoError(t, st.Close())
	wg.Wait()
	st2, err := sqlstore.Open(ctx, db, sqlstore.Config{})
	require.NoError(t, err)
	defer st2.Close()
	for _, id := range acked {
		_, err := st2.Get(ctx, id)
		assert.NoError(t, err, "an acknowledged insert is stored")
	}
	var n int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM cases`).Scan(&n))
	assert.Equal(t, len(acked), n, "nothing is stored that was not acknowledged")
}

func TestInsertContextCancelled(t *testing.T) {
	p := nykvarn(t)
	st, _, _ := openStore(t, sqlstore.Config{Calendar: p.Calendar()})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := st.Insert(ctx, kindCase(t, p, message.Praise, servicerules.Web, anna, stockholm(2026, 3, 10, 9, 0)))
	// Either the send or the wait saw the cancelled context; if the writer
	// was quicker the case is stored, and a retry finds it.
	if err != nil {
		assert.ErrorIs(t, err, context.Canceled)
	}
}

func TestSQLiteSettings(t *testing.T) {
	db, _ := openDB(t)
	var mode string
	var sync, fk, busy int
	require.NoError(t, db.QueryRow(`PRAGMA journal_mode`).Scan(&mode))
	require.NoError(t, db.QueryRow(`PRAGMA synchronous`).Scan(&sync))
	require.NoError(t, db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk))
	require.NoError(t, db.QueryRow(`PRAGMA busy_timeout`).Scan(&busy))
	assert.Equal(t, "wal", mode)
	assert.Equal(t, 2, sync, "FULL")
	assert.Equal(t, 1, fk)
	assert.Equal(t, 10000, busy)

	dsn, err := sqlstore.SQLite{Path: "x.db", Synchronous: "normal", BusyTimeout: 2 * time.Second}.DSN()
	require.NoError(t, err)
	assert.Contains(t, dsn, "synchronous(NORMAL)")
	assert.Contains(t, dsn, "busy_timeout(2000)")
	for _, bad := range []sqlstore.SQLite{{}, {Path: "a?b"}, {Path: "x.db", Synchronous: "OFF"}} {
		_, err := bad.DSN()
		assert.Error(t, err)
	}
}

func TestForeignKeys(t *testing.T) {
	_, db, _ := openStore(t, sqlstore.Config{})
	_, err := db.Exec(`INSERT INTO case_changes (case_id, seq, from_status, to_status, at) VALUES ('nope', 1, 'received', 'registered', 'x')`)
	assert.Error(t, err, "a change must belong to a case")
}
