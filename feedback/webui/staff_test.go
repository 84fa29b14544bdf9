package webui_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/pii"
	"github.com/kommunkit/kommunkit/feedback/plain"
)

// change posts a status change from the staff case page, with its CSRF
// token, and returns the response.
func (e *env) change(id string, form url.Values) response {
	e.t.Helper()
	page := e.get("/staff/case/" + id)
	require.Equal(e.t, http.StatusOK, page.code)
	form.Set("csrf", csrf(e.t, page.body))
	return e.post("/staff/case/"+id, form)
}

func (e *env) status(id string) feedback.Case {
	e.t.Helper()
	cases, err := e.store.List(context.Background(), feedback.CaseFilter{})
	require.NoError(e.t, err)
	for _, c := range cases {
		if c.ID.String() == id {
			full, err := e.store.Get(context.Background(), c.ID)
			require.NoError(e.t, err)
			return full
		}
	}
	e.t.Fatalf("no case %s", id)
	return feedback.Case{}
}

func TestStateChangesPersist(t *testing.T) {
	e := newEnv(t)
	_, token := e.submit("Varför tar det så lång tid att få svar om bygglov?", "Erik", "erik@example.se", "")
	id := e.caseByToken(token).ID.String()
	e.login()

	steps := []struct {
		form  url.Values
		want  feedback.Status
		check func(c feedback.Case)
	}{
		{url.Values{"to": {"registered"}, "diary_number": {"KS 2026/0042"}}, feedback.StatusRegistered,
			func(c feedback.Case) { assert.Equal(t, "KS 2026/0042", c.DiaryNumber) }},
		{url.Values{"to": {"interim_sent"}, "text": {"Bygglovsenheten svarar dig senast fredag."}, "promised": {"2026-03-13T15:00"}, "action": {"apply"}}, feedback.StatusInterimSent,
			func(c feedback.Case) {
				assert.Equal(t, "Bygglovsenheten svarar dig senast fredag.", c.InterimText)
				assert.Equal(t, "2026-03-13 15:00", c.Promised.Format("2006-01-02 15:04"))
			}},
		{url.Values{"to": {"waiting"}, "text": {"Vilket ärendenummer har ditt bygglov?"}}, feedback.StatusWaiting, nil},
		{url.Values{"to": {"interim_sent"}}, feedback.StatusInterimSent, nil}, // resume
		{url.Values{"to": {"answered"}, "text": {"Ditt bygglov blir klart nästa vecka."}, "action": {"apply"}}, feedback.StatusAnswered,
			func(c feedback.Case) { assert.Equal(t, "Ditt bygglov blir klart nästa vecka.", c.ReplyText) }},
		{url.Values{"to": {"closed"}}, feedback.StatusClosed, nil},
	}
	for i, st := range steps {
		e.clock.Advance(time.Hour)
		r := e.change(id, st.form)
		require.Equal(t, http.StatusSeeOther, r.code, "step %d: %s", i, r.body)
		assert.Equal(t, "/staff/case/"+id+"?done="+string(st.want), r.header.Get("Location"))
		c := e.status(id)
		assert.Equal(t, st.want, c.Status, "step %d", i)
		assert.Len(t, c.History, i+2, "step %d", i)
		if st.check != nil {
			st.check(c)
		}
	}

	r := e.get("/staff/case/" + id + "?done=closed")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Ändringen är sparad: avslutat.")
	assert.Contains(t, r.body, "Ärendet är avslutat. Inget mer kan ändras.")
	assert.Contains(t, r.body, "KS 2026/0042")
	assert.Contains(t, r.body, "Klarspråk i svaret som skickades")
	assertStrictCSP(t, r.body)

	// The citizen sees the interim reply and the answer.
	r = e.get("/arende/" + token)
	assert.Contains(t, r.body, "Ditt bygglov blir klart nästa vecka.")
	assert.Contains(t, r.body, "Bygglovsenheten svarar dig senast fredag.")
	assert.Contains(t, r.body, "Avslutat")
}

func TestIllegalAndIncompleteChanges(t *testing.T) {
	e := newEnv(t)
	id := e.submitCase("Jag vill klaga på att soptunnan inte töms.", "", "x@example.se")
	e.login()

	// An answer without text.
	r := e.change(id, url.Values{"to": {"answered"}, "text": {"  "}, "action": {"apply"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, `href="#a-answered-text"`)
	assert.Contains(t, r.body, "Skriv svaret innan du skickar det.")
	assertStrictCSP(t, r.body)

	// A promised time that cannot be read.
	r = e.change(id, url.Values{"to": {"interim_sent"}, "text": {"Vi svarar snart."}, "promised": {"på fredag"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, `href="#a-interim_sent-promised"`)

	// A promised time that has passed.
	r = e.change(id, url.Values{"to": {"interim_sent"}, "text": {"Vi svarar snart."}, "promised": {"2026-03-09T12:00"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Det utlovade svaret måste komma senare än nu.")
	assert.Contains(t, r.body, `value="2026-03-09T12:00"`, "what was typed is kept")

	// An unknown status.
	r = e.change(id, url.Values{"to": {"deleted"}})
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Equal(t, feedback.StatusReceived, e.status(id).Status)

	// Close, then try to answer.
	require.Equal(t, http.StatusSeeOther, e.change(id, url.Values{"to": {"closed"}}).code)
	e.clock.Advance(time.Minute)
	page := e.get("/staff/case/" + id)
	r = e.post("/staff/case/"+id, url.Values{"csrf": {csrf(t, page.body)}, "to": {"answered"}, "text": {"Svar"}})
	assert.Equal(t, http.StatusConflict, r.code)
	assert.Contains(t, r.body, "Ändringen går inte att göra nu.")
	assert.Equal(t, feedback.StatusClosed, e.status(id).Status)

	// Unknown and malformed case IDs.
	assert.Equal(t, http.StatusNotFound, e.get("/staff/case/01900000-0000-7000-8000-000000000000").code)
	assert.Equal(t, http.StatusNotFound, e.get("/staff/case/nope").code)
	r = e.post("/staff/case/01900000-0000-7000-8000-000000000000", url.Values{"csrf": {csrf(t, page.body)}, "to": {"closed"}})
	assert.Equal(t, http.StatusNotFound, r.code)
}

func TestPlainCheckWithoutJavaScript(t *testing.T) {
	e := newEnv(t)
	id := e.submitCase("Hur ansöker jag om plats i förskolan?", "", "y@example.se")
	e.login()
	draft := "Med anledning av Er förfrågan meddelas att ansökan avseende förskoleplats fr.o.m. augusti ska inkomma till BUN."
	r := e.change(id, url.Values{"to": {"answered"}, "text": {draft}, "action": {"check"}})
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, feedback.StatusReceived, e.status(id).Status, "checking changes nothing")
	assert.Contains(t, r.body, html.EscapeString(draft), "the draft is kept in the textarea")
	rep := plain.Check(draft)
	require.NotEmpty(t, rep.Findings)
	assert.Contains(t, r.body, "LIX ")
	for _, f := range rep.Findings {
		assert.Contains(t, r.body, html.EscapeString(f.Advice.Sv))
	}
	assert.Contains(t, r.body, "BUN")
	assertStrictCSP(t, r.body)

	r = e.change(id+"?lang=en", url.Values{"to": {"answered"}, "text": {draft}, "action": {"check"}, "lang": {"en"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, html.EscapeString(rep.Findings[0].Advice.En))
}

func TestPlainCheckEndpoint(t *testing.T) {
	e := newEnv(t)
	id := e.submitCase("Tack för hjälpen!", "", "")
	e.login()
	tok := csrf(t, e.get("/staff/case/"+id).body)
	body := `{"text":"Vi återkommer snarast avseende Er ansökan fr.o.m. måndag.","lang":"sv"}`

	r := e.postJSON("/staff/plaincheck", body, map[string]string{"X-CSRF-Token": tok})
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Contains(t, r.header.Get("Content-Type"), "application/json")
	var out struct {
		Summary  string `json:"summary"`
		Verdict  string `json:"verdict"`
		Score    int    `json:"score"`
		Findings []struct {
			Kind, Label, Text, Suggestion, Advice string
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.body), &out))
	want := plain.Check("Vi återkommer snarast avseende Er ansökan fr.o.m. måndag.")
	assert.Equal(t, string(want.Verdict), out.Verdict)
	assert.Equal(t, want.Score, out.Score)
	require.Len(t, out.Findings, len(want.Findings))
	for i, f := range want.Findings {
		assert.Equal(t, string(f.Kind), out.Findings[i].Kind)
		assert.Equal(t, f.Advice.Sv, out.Findings[i].Advice)
	}
	assert.True(t, strings.HasPrefix(out.Summary, "LIX "))

	assert.Equal(t, http.StatusForbidden, e.postJSON("/staff/plaincheck", body, nil).code, "no CSRF token")
	assert.Equal(t, http.StatusForbidden, e.postJSON("/staff/plaincheck", body, map[string]string{"X-CSRF-Token": tok + "x"}).code)
	assert.Equal(t, http.StatusBadRequest, e.postJSON("/staff/plaincheck", `{"text":`, map[string]string{"X-CSRF-Token": tok}).code)
	r = e.post("/staff/plaincheck", url.Values{"text": {"x"}, "csrf": {tok}})
	assert.Equal(t, http.StatusUnsupportedMediaType, r.code)
}

func TestCSRFTokenRequired(t *testing.T) {
	e := newEnv(t)
	id := e.submitCase("Förslag: fler papperskorgar i parken.", "", "z@example.se")
	e.login()
	good := csrf(t, e.get("/staff/case/"+id).body)

	for name, form := range map[string]url.Values{
		"no token":    {"to": {"closed"}},
		"wrong token": {"to": {"closed"}, "csrf": {"AAAA" + good[4:]}},
		"empty token": {"to": {"closed"}, "csrf": {""}},
	} {
		r := e.post("/staff/case/"+id, form)
		assert.Equal(t, http.StatusForbidden, r.code, name)
	}
	assert.Equal(t, feedback.StatusReceived, e.status(id).Status)

	// A token from another session is not good for this one.
	other := newEnv(t)
	other.login()
	_, otherToken := other.submit("Hej", "", "", "")
	foreign := csrf(t, other.get("/staff/case/"+other.caseByToken(otherToken).ID.String()).body)
	e.clock.Advance(time.Second)
	r := e.post("/staff/case/"+id, url.Values{"to": {"closed"}, "csrf": {foreign}})
	assert.Equal(t, http.StatusForbidden, r.code)

	// A cross-site form post is refused even with the right token.
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/staff/case/"+id, strings.NewReader(url.Values{"to": {"closed"}, "csrf": {good}}.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	assert.Equal(t, http.StatusForbidden, e.do(req).code)
	assert.Equal(t, feedback.StatusReceived, e.status(id).Status)

	// "Origin: null" (sent under strict referrer settings) is left to the
	// CSRF token and the cookie.
	req, err = http.NewRequest(http.MethodPost, e.srv.URL+"/staff/case/"+id, strings.NewReader(url.Values{"to": {"closed"}, "csrf": {good}}.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "null")
	r = e.do(req)
	assert.Equal(t, http.StatusSeeOther, r.code)
	assert.Equal(t, feedback.StatusClosed, e.status(id).Status)
}

func TestInboxSortsFiltersAndMarksOverdue(t *testing.T) {
	e := newEnv(t)
	// A complaint by e-mail on Tuesday, due Wednesday 16:30.
	_, t1 := e.submit("Jag är missnöjd med att ingen svarar i telefon.", "", "a@example.se", "")
	e.clock.Advance(24 * time.Hour)
	_, t2 := e.submit("Tack för en fin badplats!", "", "b@example.se", "")
	e.clock.Advance(24 * time.Hour) // Thursday 09:00: the first case is overdue
	_, t3 := e.submit("Anonymt förslag: fler bänkar.", "", "", "")
	c1, c2, c3 := e.caseByToken(t1), e.caseByToken(t2), e.caseByToken(t3)
	require.True(t, c1.Overdue(e.clock.Now()))
	require.False(t, c2.Overdue(e.clock.Now()))
	e.login()

	r := e.get("/staff")
	require.Equal(t, http.StatusOK, r.code)
	i1, i2, i3 := strings.Index(r.body, c1.ID.String()), strings.Index(r.body, c2.ID.String()), strings.Index(r.body, c3.ID.String())
	require.True(t, i1 > 0 && i2 > 0 && i3 > 0)
	assert.True(t, i1 < i2 && i2 < i3, "sorted by due time, no due time last")

	// The overdue row says so in words, not by colour alone.
	row1 := r.body[strings.LastIndex(r.body[:i1], "<tr"):i1]
	assert.Contains(t, row1, "Försenad")
	row2 := r.body[strings.LastIndex(r.body[:i2], "<tr"):i2]
	assert.NotContains(t, row2, "Försenad")

	r = e.get("/staff?overdue=1")
	assert.Contains(t, r.body, c1.ID.String())
	assert.NotContains(t, r.body, c2.ID.String())
	assert.Contains(t, r.body, "1 ärende.")

	r = e.get("/staff?kind=" + string(c2.Kind))
	assert.Contains(t, r.body, c2.ID.String())
	assert.NotContains(t, r.body, c1.ID.String())

	r = e.get("/staff?status=answered")
	assert.Contains(t, r.body, "Inga ärenden matchar filtret.")

	r = e.get("/staff?channel=email")
	assert.Contains(t, r.body, "Inga ärenden matchar filtret.")
	r = e.get("/staff?channel=web&lang=en")
	assert.Contains(t, r.body, "3 cases")
	assert.Contains(t, r.body, "Overdue")
}

func TestInboxShowsRedactedTexts(t *testing.T) {
	e := newEnv(t)
	_, token := e.submit("Ring mig på 070-123 45 67 eller mejla kalle@example.se, personnummer 811218-9876.", "Kalle Anka", "kalle@example.se", "")
	e.login()
	r := e.get("/staff")
	for _, secret := range []string{"070-123 45 67", "kalle@example.se", "811218-9876", "Kalle Anka"} {
		assert.NotContains(t, r.body, secret)
	}
	assert.Contains(t, r.body, pii.MaskPhone)
	assert.Contains(t, r.body, pii.MaskPersonnummer)

	// The case itself shows the whole text.
	r = e.get("/staff/case/" + e.caseByToken(token).ID.String())
	assert.Contains(t, r.body, "811218-9876")
	assert.Contains(t, r.body, "Kalle Anka")
}

// xssPayloads are what an attacker might type into any field.
var xssPayloads = []string{
	`<script>alert("xss")</script>`,
	`"><img src=x onerror=alert(1)>`,
	`'><svg/onload=alert(2)>`,
	`javascript:alert(3)`,
	`</textarea><script>alert(4)</script>`,
	`{{constructor.constructor('alert(6)')()}} ${alert(7)} <iframe srcdoc="<script>alert(8)</script>">`,
	"\u2028\u2029<style>*{display:none}</style>",
}

// assertInert asserts that the page shows payload as text: escaped, never
// as markup.
func assertInert(t *testing.T, body, payload, where string) {
	t.Helper()
	assertStrictCSP(t, body)
	if strings.ContainsAny(payload, `<>"'`) {
		assert.NotContains(t, body, payload, "%s: the raw payload", where)
	}
	escaped := html.EscapeString(payload)
	assert.True(t, strings.Contains(body, escaped) || strings.Contains(body, strings.ReplaceAll(escaped, "&#34;", "&quot;")),
		"%s: the escaped payload %q", where, escaped)
}

func TestXSSPayloadsAreShownInert(t *testing.T) {
	e := newEnv(t)
	e.login()
	for i, p := range xssPayloads {
		// The text through the plain form; the contact fields stored as
		// another intake path might store them, unchecked.
		_, token := e.submit("Klagomål: "+p, p, "", "")
		c := e.caseByToken(token)
		raw := e.insertRaw("Synpunkt "+p, &feedback.Contact{Name: p, Email: p, Phone: p})

		inbox := e.get("/staff")
		assertStrictCSP(t, inbox.body)
		if strings.ContainsAny(p, "<>\"'") {
			assert.NotContains(t, inbox.body, p)
		}

		for _, id := range []string{c.ID.String(), raw.ID.String()} {
			page := e.get("/staff/case/" + id)
			require.Equal(t, http.StatusOK, page.code)
			assertInert(t, page.body, p, "staff case")
		}

		// Staff reply with the payload; the citizen page shows it inert.
		r := e.change(c.ID.String(), url.Values{"to": {"interim_sent"}, "text": {"Besked " + p}, "action": {"apply"}})
		require.Equal(t, http.StatusSeeOther, r.code, "payload %d", i)
		e.clock.Advance(time.Minute)
		r = e.change(c.ID.String(), url.Values{"to": {"answered"}, "text": {"Svar " + p}, "action": {"apply"}})
		require.Equal(t, http.StatusSeeOther, r.code, "payload %d", i)
		citizen := e.get("/arende/" + token)
		assertInert(t, citizen.body, "Svar "+p, "citizen page reply")
		assertInert(t, citizen.body, "Besked "+p, "citizen page interim")
		staff := e.get("/staff/case/" + c.ID.String())
		assertInert(t, staff.body, "Svar "+p, "staff case reply")

		// The plaincheck JSON is data, never markup for the page.
		tok := csrf(t, staff.body)
		body, err := json.Marshal(map[string]string{"text": p})
		require.NoError(t, err)
		pc := e.postJSON("/staff/plaincheck", string(body), map[string]string{"X-CSRF-Token": tok})
		require.Equal(t, http.StatusOK, pc.code)
		assert.NotContains(t, pc.body, "<script", "encoding/json escapes < and >")
	}
	// The inbox (redacted texts) shows the payloads escaped.
	inbox := e.get("/staff")
	for _, p := range xssPayloads {
		assertInert(t, inbox.body, "Klagomål: "+p, "inbox")
	}
}

func TestXSSPayloadsInRejectedFormAreInert(t *testing.T) {
	e := newEnv(t)
	for _, p := range xssPayloads {
		r, _ := e.sendForm("sv", map[string]string{"text": p, "name": p, "email": p, "phone": p})
		require.Equal(t, http.StatusBadRequest, r.code, p)
		assertInert(t, r.body, p, "rejected form")
	}
}
