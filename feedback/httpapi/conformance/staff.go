package conformance

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
)

func (s *suite) testStaffAuth(t *testing.T) {
	a, _ := s.submit(t, submission("Hur ansöker jag om bygglov för ett staket?"))
	routes := []struct{ method, path, body string }{
		{http.MethodGet, "/api/staff/cases", ""},
		{http.MethodGet, "/api/staff/cases/" + a.ID, ""},
		{http.MethodPost, "/api/staff/cases/" + a.ID + "/transitions", `{"to":"closed"}`},
		{http.MethodGet, "/api/staff/stats", ""},
		{http.MethodGet, "/api/staff/stats.csv", ""},
		{http.MethodGet, "/api/staff/overdue.csv", ""},
	}
	wrong := []struct {
		name string
		h    header
	}{
		{"no token", header{}},
		{"empty bearer", header{"Authorization": "Bearer "}},
		{"wrong token", header{"Authorization": "Bearer " + strings.Repeat("x", len(s.StaffToken))}},
		{"token prefix", header{"Authorization": "Bearer " + s.StaffToken[:len(s.StaffToken)-1]}},
		{"token plus", header{"Authorization": "Bearer " + s.StaffToken + "x"}},
		{"basic scheme", header{"Authorization": "Basic " + s.StaffToken}},
		{"token as query", header{}},
	}
	for _, rt := range routes {
		for _, w := range wrong {
			t.Run(w.name+" "+rt.method+" "+rt.path, func(t *testing.T) {
				path := rt.path
				if w.name == "token as query" {
					path += "?token=" + url.QueryEscape(s.StaffToken)
				}
				h := header{"Content-Type": "application/json"}
				for k, v := range w.h {
					h[k] = v
				}
				var body []byte
				if rt.body != "" {
					body = []byte(rt.body)
				}
				r := s.do(t, nil, s.BaseURL, rt.method, path, h, body)
				requireProblem(t, r, http.StatusUnauthorized, "unauthorized")
				if !strings.Contains(r.Header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("WWW-Authenticate %q, want the Bearer scheme", r.Header.Get("WWW-Authenticate"))
				}
				if strings.Contains(string(r.Body), a.ID) {
					t.Errorf("the 401 holds the case ID %s: %s", a.ID, r.Body)
				}
			})
		}
	}
	// The case is untouched by the refused transitions.
	r := s.get(t, "/api/staff/cases/"+a.ID, s.staff())
	if r.Status != http.StatusOK {
		t.Fatalf("GET the case with the staff token: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	if !strings.Contains(string(r.Body), `"status":"received"`) {
		t.Errorf("after the refused transitions the case is not %q: %s", "received", r.Body)
	}
	// Lower-case scheme is fine (RFC 7235: the scheme is case-insensitive).
	r = s.get(t, "/api/staff/cases/"+a.ID, header{"Authorization": "bearer " + s.StaffToken})
	if r.Status != http.StatusOK {
		t.Errorf(`scheme "bearer" in lower case: status %d, want %d: %s`, r.Status, http.StatusOK, r)
	}
}

func (s *suite) testStaffRedaction(t *testing.T) {
	pnr := "19811218-9876"
	body := submission("Min son (personnummer " + pnr + ") fick inte plats i förskolan. Ring mig på 070-765 43 21 eller skriv till privat.adress@example.se. Jag är missnöjd.")
	body["contact"] = map[string]any{"name": "Bertil Hemlig", "email": "bertil.hemlig@example.se", "phone": "070-111 22 33"}
	a, _ := s.submit(t, body)
	r := s.get(t, "/api/staff/cases?limit=100000", s.staff())
	if r.Status != http.StatusOK {
		t.Fatalf("GET /api/staff/cases: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	var list struct {
		At    string                       `json:"at"`
		Cases []map[string]json.RawMessage `json:"cases"`
	}
	requireJSON(t, r, &list)
	requireRFC3339(t, list.At)
	var found map[string]json.RawMessage
	for _, c := range list.Cases {
		if string(c["id"]) == `"`+a.ID+`"` {
			found = c
		}
		if _, ok := c["token"]; ok {
			t.Errorf("lists show no receipt tokens, but a case has %q: %s", "token", c["token"])
		}
	}
	if found == nil {
		t.Fatalf("case %s is not in the list", a.ID)
	}
	raw := string(r.Body)
	for _, secret := range []string{pnr, "070-765 43 21", "privat.adress@example.se", "Bertil", "bertil.hemlig@example.se", "070-111 22 33", a.Token} {
		if strings.Contains(raw, secret) {
			t.Errorf("lists are redacted, but the list shows %q: %s", secret, raw)
		}
	}
	if !strings.Contains(string(found["text"]), "förskolan") {
		t.Errorf("the rest of the text is kept: text %s, want %q in it", found["text"], "förskolan")
	}
	// The single case has everything.
	r = s.get(t, "/api/staff/cases/"+a.ID, s.staff())
	if r.Status != http.StatusOK {
		t.Fatalf("GET /api/staff/cases/{id}: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	var one struct {
		Text    string            `json:"text"`
		Token   string            `json:"token"`
		Contact map[string]string `json:"contact"`
		Next    []string          `json:"next"`
		History []json.RawMessage `json:"history"`
	}
	requireJSON(t, r, &one)
	if one.Text != body["text"] {
		t.Errorf("the single case: text %q, want it whole, %q", one.Text, body["text"])
	}
	if one.Token != a.Token {
		t.Errorf("the single case: token %q, want %q", one.Token, a.Token)
	}
	if one.Contact["email"] != "bertil.hemlig@example.se" {
		t.Errorf("the single case: contact.email %q, want %q", one.Contact["email"], "bertil.hemlig@example.se")
	}
	if len(one.Next) == 0 {
		t.Errorf("the single case has no next statuses: %s", r.Body)
	}
	if len(one.History) != 1 {
		t.Errorf("the single case has %d history entries, want 1: %s", len(one.History), r.Body)
	}
	// Unknown and malformed IDs.
	requireProblem(t, s.get(t, "/api/staff/cases/"+uuid.NewString(), s.staff()), http.StatusNotFound, "not_found")
	requireProblem(t, s.get(t, "/api/staff/cases/nope", s.staff()), http.StatusNotFound, "not_found")
}

func (s *suite) testStaffFilters(t *testing.T) {
	body := submission("Det finns ett stort hål i vägen på Skolgatan, någon kommer att köra sönder bilen.")
	body["channel"] = "email"
	a, _ := s.submit(t, body)
	list := func(q string) []map[string]any {
		t.Helper()
		r := s.get(t, "/api/staff/cases?"+q, s.staff())
		if r.Status != http.StatusOK {
			t.Fatalf("%s: status %d, want %d: %s", q, r.Status, http.StatusOK, r)
		}
		var l struct {
			Cases []map[string]any `json:"cases"`
		}
		requireJSON(t, r, &l)
		return l.Cases
	}
	has := func(cs []map[string]any, id string) bool {
		for _, c := range cs {
			if c["id"] == id {
				return true
			}
		}
		return false
	}
	byChannel := list("channel=email&limit=100000")
	if !has(byChannel, a.ID) {
		t.Errorf("channel=email: case %s (e-mail) is not in the list", a.ID)
	}
	for _, c := range byChannel {
		if c["channel"] != "email" {
			t.Errorf("channel=email: a case with channel %#v", c["channel"])
		}
	}
	if has(list("channel=phone&limit=100000"), a.ID) {
		t.Errorf("channel=phone: case %s (e-mail) is in the list", a.ID)
	}
	byKind := list("kind=" + a.Kind + "&limit=100000")
	if !has(byKind, a.ID) {
		t.Errorf("kind=%s: case %s is not in the list", a.Kind, a.ID)
	}
	for _, c := range byKind {
		if c["kind"] != a.Kind {
			t.Errorf("kind=%s: a case with kind %#v", a.Kind, c["kind"])
		}
	}
	byStatus := list("status=received,registered&limit=100000")
	if !has(byStatus, a.ID) {
		t.Errorf("status=received,registered: case %s (received) is not in the list", a.ID)
	}
	for _, c := range byStatus {
		if !slices.Contains([]any{"received", "registered"}, c["status"]) {
			t.Errorf("status=received,registered: a case with status %#v", c["status"])
		}
	}
	if has(list("status=closed&limit=100000"), a.ID) {
		t.Errorf("status=closed: case %s (received) is in the list", a.ID)
	}
	for _, c := range list("overdue=true&limit=100000") {
		if c["overdue"] != true {
			t.Errorf("overdue=true: a case with overdue %#v", c["overdue"])
		}
	}
	if has(list("overdue=true&limit=100000"), a.ID) {
		t.Errorf("overdue=true: case %s, just received, is in the list", a.ID)
	}
	today := calendar.DateOf(time.Now()).String() // the day in Europe/Stockholm, as the API reads dates
	if !has(list("from="+today+"&limit=100000"), a.ID) {
		t.Errorf("from=%s: case %s, received today, is not in the list", today, a.ID)
	}
	// Sorted by due time, cases without one last.
	var last time.Time
	noneSeen := false
	for _, c := range list("limit=100000") {
		d, ok := c["due"].(string)
		if !ok {
			noneSeen = true
			continue
		}
		if noneSeen {
			t.Errorf("a case due %s after one without a due time: cases with a due time come first", d)
		}
		tm := requireRFC3339(t, d)
		if tm.Before(last) {
			t.Errorf("a case due %s after one due %s: the list is sorted by due time", tm, last)
		}
		last = tm
	}
	for _, q := range []string{"status=bogus", "kind=bogus", "channel=bogus", "overdue=maybe", "limit=-1", "from=2026-13-01", "from=2026-03-10&to=2026-03-01"} {
		requireProblem(t, s.get(t, "/api/staff/cases?"+q, s.staff()), http.StatusBadRequest, "invalid_query")
	}
}

func (s *suite) transition(t *testing.T, id string, body map[string]any) response {
	t.Helper()
	return s.postJSON(t, "/api/staff/cases/"+id+"/transitions", body, s.staff())
}

func (s *suite) testTransitions(t *testing.T) {
	a, _ := s.submit(t, submission("Jag är missnöjd med att soporna inte hämtades i veckan."))
	path := "/api/feedback/" + a.Token

	r := s.transition(t, a.ID, map[string]any{"to": "registered", "diary_number": "KS 2026/0042", "by": "Handläggare"})
	if r.Status != http.StatusOK {
		t.Fatalf("to registered: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	var sc map[string]any
	requireJSON(t, r, &sc)
	if sc["status"] != "registered" {
		t.Errorf("to registered: status %#v, want %q", sc["status"], "registered")
	}
	if sc["diary_number"] != "KS 2026/0042" {
		t.Errorf("to registered: diary_number %#v, want %q", sc["diary_number"], "KS 2026/0042")
	}

	promised := time.Now().Add(72 * time.Hour).Format(time.RFC3339)
	r = s.transition(t, a.ID, map[string]any{"to": "interim_sent", "text": "Vi utreder saken och svarar senast på torsdag.", "promised": promised})
	if r.Status != http.StatusOK {
		t.Fatalf("to interim_sent: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}

	reply := "Hej! Hämtningen missades på grund av ett fordonsfel. Den görs i morgon. Vi ber om ursäkt."
	r = s.transition(t, a.ID, map[string]any{"to": "answered", "text": reply})
	if r.Status != http.StatusOK {
		t.Fatalf("to answered: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	requireJSON(t, r, &sc)
	if sc["status"] != "answered" {
		t.Errorf("to answered: status %#v, want %q", sc["status"], "answered")
	}
	if sc["reply_text"] != reply {
		t.Errorf("to answered: reply_text %#v, want %q", sc["reply_text"], reply)
	}
	if h, _ := sc["history"].([]any); len(h) != 4 {
		t.Errorf("to answered: history %v, want 4 entries", sc["history"])
	}

	// The citizen sees the reply.
	cr := s.get(t, path, nil)
	if cr.Status != http.StatusOK {
		t.Fatalf("the citizen's view: status %d, want %d: %s", cr.Status, http.StatusOK, cr)
	}
	var v map[string]any
	requireJSON(t, cr, &v)
	if v["status"] != "answered" {
		t.Errorf("the citizen's view: status %#v, want %q", v["status"], "answered")
	}
	if v["reply_text"] != reply {
		t.Errorf("the citizen's view: reply_text %#v, want %q", v["reply_text"], reply)
	}
	if v["due"] != nil {
		t.Errorf("the citizen's view: due %v, want null after the answer", v["due"])
	}
	requireRFC3339(t, v["answered_at"].(string))

	// Illegal: back to registered; answered without text; unknown status.
	requireProblem(t, s.transition(t, a.ID, map[string]any{"to": "registered"}), http.StatusConflict, "illegal_transition")
	r = s.transition(t, a.ID, map[string]any{"to": "closed"})
	if r.Status != http.StatusOK {
		t.Fatalf("to closed: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	requireProblem(t, s.transition(t, a.ID, map[string]any{"to": "answered", "text": "igen"}), http.StatusConflict, "illegal_transition")

	b, _ := s.submit(t, submission("Vad kostar det att hyra en lokal i kommunhuset?"))
	requireProblem(t, s.transition(t, b.ID, map[string]any{"to": "answered"}), http.StatusConflict, "illegal_transition")
	requireProblem(t, s.transition(t, b.ID, map[string]any{"to": "flying"}), http.StatusBadRequest, "invalid_transition")
	requireProblem(t, s.transition(t, uuid.NewString(), map[string]any{"to": "closed"}), http.StatusNotFound, "not_found")
	r = s.do(t, nil, s.BaseURL, http.MethodPost, "/api/staff/cases/"+b.ID+"/transitions",
		header{"Authorization": "Bearer " + s.StaffToken, "Content-Type": "text/plain"}, []byte(`{"to":"closed"}`))
	requireProblem(t, r, http.StatusUnsupportedMediaType, "unsupported_media_type")

	// A complaint about staff must be registered first.
	c, _ := s.submit(t, submission("Handläggaren var otrevlig och nonchalant mot mig i telefon."))
	requireProblem(t, s.transition(t, c.ID, map[string]any{"to": "answered", "text": "Svar"}), http.StatusConflict, "illegal_transition")
	// Waiting and back.
	r = s.transition(t, b.ID, map[string]any{"to": "waiting", "text": "Vilket datum gäller det?"})
	if r.Status != http.StatusOK {
		t.Fatalf("to waiting: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	cr = s.get(t, "/api/feedback/"+b.Token, nil)
	if !strings.Contains(string(cr.Body), `"status":"waiting"`) {
		t.Errorf("the citizen's view of a waiting case, want status %q: %s", "waiting", cr.Body)
	}
}

func (s *suite) testStats(t *testing.T) {
	s.submit(t, submission("Bra jobbat med den nya cykelbanan!"))
	r := s.get(t, "/api/staff/stats", s.staff())
	if r.Status != http.StatusOK {
		t.Fatalf("GET /api/staff/stats: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	var st struct {
		Period struct {
			From string `json:"from"`
			To   string `json:"to"`
		} `json:"period"`
		At        string                       `json:"at"`
		Total     map[string]any               `json:"total"`
		ByKind    []map[string]any             `json:"by_kind"`
		ByChannel []map[string]any             `json:"by_channel"`
		ByUnit    []map[string]any             `json:"by_unit"`
		Overdue   []map[string]json.RawMessage `json:"overdue"`
		Weeks     []struct {
			Week     string `json:"week"`
			Received int    `json:"received"`
		} `json:"weeks"`
	}
	requireJSON(t, r, &st)
	requireRFC3339(t, st.Period.From)
	requireRFC3339(t, st.Period.To)
	requireRFC3339(t, st.At)
	for _, k := range []string{"dimension", "key", "received", "answered", "closed", "open", "reply_owed", "settled", "on_time", "on_time_share", "overdue", "responded", "median_response_hours"} {
		if _, ok := st.Total[k]; !ok {
			t.Errorf("no %q in total: %s", k, r.Body)
		}
	}
	if n, _ := st.Total["received"].(float64); n < 1 {
		t.Errorf("total.received %#v, want a number of at least 1", st.Total["received"])
	}
	if len(st.ByKind) == 0 {
		t.Errorf("by_kind is empty: %s", r.Body)
	}
	if len(st.ByChannel) == 0 {
		t.Errorf("by_channel is empty: %s", r.Body)
	}
	if len(st.Weeks) == 0 {
		t.Errorf("weeks is empty: %s", r.Body)
	}
	isoWeek := regexp.MustCompile(`^\d{4}-W\d{2}$`)
	sum := 0
	for _, w := range st.Weeks {
		if !isoWeek.MatchString(w.Week) {
			t.Errorf("week %q, want an ISO week such as 2026-W09", w.Week)
		}
		sum += w.Received
	}
	if float64(sum) != st.Total["received"] {
		t.Errorf("the weeks add up to %d received, want the total's %v", sum, st.Total["received"])
	}

	r = s.get(t, "/api/staff/stats?from=2020-01-01&to=2020-12-31", s.staff())
	if r.Status != http.StatusOK {
		t.Fatalf("GET /api/staff/stats for 2020: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	requireJSON(t, r, &st)
	if st.Total["received"] != float64(0) {
		t.Errorf("2020: total.received %#v, want 0", st.Total["received"])
	}
	requireProblem(t, s.get(t, "/api/staff/stats?from=yesterday", s.staff()), http.StatusBadRequest, "invalid_query")

	r = s.get(t, "/api/staff/stats.csv", s.staff())
	if r.Status != http.StatusOK {
		t.Fatalf("GET /api/staff/stats.csv: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
		t.Errorf("stats.csv: Content-Type %q, want text/csv", r.Header.Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSpace(string(r.Body)), "\n")
	if len(lines) < 2 {
		t.Fatalf("stats.csv has %d lines, want a header and at least the total: %s", len(lines), r.Body)
	}
	if !strings.HasPrefix(lines[0], "dimension,") {
		t.Errorf("stats.csv: header %q, want it to start with %q", lines[0], "dimension,")
	}
	if !strings.HasPrefix(lines[1], "total,") {
		t.Errorf("stats.csv: second line %q, want the total, %q…", lines[1], "total,")
	}
	r = s.get(t, "/api/staff/overdue.csv", s.staff())
	if r.Status != http.StatusOK {
		t.Fatalf("GET /api/staff/overdue.csv: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
		t.Errorf("overdue.csv: Content-Type %q, want text/csv", r.Header.Get("Content-Type"))
	}
	if !strings.HasPrefix(string(r.Body), "id,") {
		t.Errorf("overdue.csv: want a header that starts with %q: %s", "id,", r.Body)
	}
}
