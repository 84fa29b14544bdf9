package conformance

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// testStaffInputSecurity: the staff API holds what staff send to the rules
// of the staff pages (issue 10, findings 7 and 9). A reply over 10,000
// characters, or an RLO, NUL, LRI or C1 control in a text, a unit or a
// diary number, is 400 invalid_transition naming the field, and nothing of
// the case changes; before, all of it was stored, and an RLO in a reply
// turned text around on the citizen's page. A date outside 1900-01-01 to
// 2200-12-31 in a staff query or a promised time is 400 naming the
// parameter or field with the code out_of_range; before,
// /api/staff/stats?to=9999-12-31 gave 500.
func (s *suite) testStaffInputSecurity(t *testing.T) {
	a, _ := s.submit(t, submission("Hur länge har simhallen öppet under jullovet?"))
	path := "/api/staff/cases/" + a.ID
	type staffCase struct {
		Status      string           `json:"status"`
		Unit        string           `json:"unit"`
		DiaryNumber string           `json:"diary_number"`
		InterimText string           `json:"interim_text"`
		ReplyText   string           `json:"reply_text"`
		History     []map[string]any `json:"history"`
	}
	read := func() staffCase {
		t.Helper()
		r := s.get(t, path, s.staff())
		if r.Status != http.StatusOK {
			t.Fatalf("GET %s: status %d, want %d: %s", path, r.Status, http.StatusOK, r)
		}
		var c staffCase
		requireJSON(t, r, &c)
		return c
	}
	before := read()

	bad := map[string]string{
		"over 10000 characters": strings.Repeat("a", 10001),
		"RLO U+202E":            "Ditt ärende är \u202eklart",
		"NUL":                   "Svar\x00et",
		"LRI U+2066":            "Svar \u2066x\u2069",
		"C1 U+0085":             "Svar\u0085et",
	}
	for name, v := range bad {
		for _, tc := range []struct {
			what, field string
			body        map[string]any
		}{
			{"reply", "text", map[string]any{"to": "answered", "text": v}},
			{"interim reply", "text", map[string]any{"to": "interim_sent", "text": v}},
			{"unit", "unit", map[string]any{"to": "registered", "unit": v}},
			{"diary number", "diary_number", map[string]any{"to": "registered", "diary_number": v}},
		} {
			p := requireProblem(t, s.transition(t, a.ID, tc.body), http.StatusBadRequest, "invalid_transition")
			if p.fieldCodes()[tc.field] == "" {
				t.Errorf("%s with %s: no error for the field %s, want the problem to name it: %+v", tc.what, name, tc.field, p.Fields)
			}
		}
	}
	for _, promised := range []string{"9999-12-31T00:00:00Z", "2201-01-01T12:00:00+01:00", "1899-12-31T12:00:00Z"} {
		p := requireProblem(t, s.transition(t, a.ID, map[string]any{"to": "interim_sent", "text": "Vi svarar snart.", "promised": promised}),
			http.StatusBadRequest, "invalid_transition")
		if p.fieldCodes()["promised"] != "out_of_range" {
			t.Errorf("promised %s: field %q has the code %q, want %q", promised, "promised", p.fieldCodes()["promised"], "out_of_range")
		}
	}

	// Nothing changed, and the citizen sees no override.
	after := read()
	if after.Status != before.Status {
		t.Errorf("after the refused transitions: status %q, want it unchanged, %q", after.Status, before.Status)
	}
	if len(after.History) != len(before.History) {
		t.Errorf("after the refused transitions: %d history entries, want them unchanged, %d", len(after.History), len(before.History))
	}
	if after.Unit+after.DiaryNumber+after.InterimText+after.ReplyText != "" {
		t.Errorf("after the refused transitions: unit %q, diary_number %q, interim_text %q, reply_text %q, want all empty",
			after.Unit, after.DiaryNumber, after.InterimText, after.ReplyText)
	}
	cr := s.get(t, "/api/feedback/"+a.Token, nil)
	if cr.Status != http.StatusOK {
		t.Fatalf("the citizen's view: status %d, want %d: %s", cr.Status, http.StatusOK, cr)
	}
	if strings.Contains(string(cr.Body), "\u202e") {
		t.Errorf("the citizen's view holds an RLO (U+202E): %q", cr.Body)
	}
	if strings.Contains(string(cr.Body), `\u202e`) {
		t.Errorf(`the citizen's view holds an RLO escaped as \u202e: %s`, cr.Body)
	}

	// What staff may write still goes through: lines, å ä ö, the limit.
	r := s.transition(t, a.ID, map[string]any{"to": "registered", "unit": "Kultur och fritid", "diary_number": "KS 2026/0042"})
	if r.Status != http.StatusOK {
		t.Fatalf("to registered with a unit and a diary number: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	r = s.transition(t, a.ID, map[string]any{"to": "interim_sent", "text": "Vi återkommer.", "promised": time.Now().Add(72 * time.Hour).Format(time.RFC3339)})
	if r.Status != http.StatusOK {
		t.Fatalf("to interim_sent with a promise in 72 h: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	reply := "Hej!\n\nSimhallen har öppet 10–16 under jullovet.\r\nVänliga hälsningar\n"
	reply += strings.Repeat("ö", 10000-len([]rune(reply)))
	r = s.transition(t, a.ID, map[string]any{"to": "answered", "text": reply})
	if r.Status != http.StatusOK {
		t.Fatalf("to answered with a reply of 10,000 characters: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	if got := read().ReplyText; got != reply {
		t.Errorf("reply_text %q, want the reply as sent, %q", got, reply)
	}

	// Dates of staff queries.
	for _, route := range []string{"/api/staff/stats", "/api/staff/stats.csv", "/api/staff/overdue.csv", "/api/staff/cases"} {
		for _, tc := range []struct{ query, param string }{
			{"to=9999-12-31", "to"},
			{"from=1899-12-31", "from"},
			{"from=9999-12-01&to=9999-12-31", "from"},
			{"from=2026-01-01&to=2201-01-01", "to"},
			{"to=9999-12-31T23:00:00Z", "to"},
		} {
			p := requireProblem(t, s.get(t, route+"?"+tc.query, s.staff()), http.StatusBadRequest, "invalid_query")
			if p.fieldCodes()[tc.param] != "out_of_range" {
				t.Errorf("%s?%s: field %q has the code %q, want %q", route, tc.query, tc.param, p.fieldCodes()[tc.param], "out_of_range")
			}
		}
		for _, q := range []string{"from=1900-01-01&to=1900-01-31", "from=2200-12-01&to=2200-12-31"} {
			r := s.get(t, route+"?"+q, s.staff())
			if r.Status != http.StatusOK {
				t.Errorf("%s?%s: status %d, want %d: %s", route, q, r.Status, http.StatusOK, r)
			}
		}
	}
}
