package webui_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/webui"
)

// sessionState is the JSON of /staff/session.
type sessionState struct {
	Idle     int64  `json:"idle"`
	Absolute int64  `json:"absolute"`
	CSRF     string `json:"csrf"`
}

func decodeState(t *testing.T, r response) sessionState {
	t.Helper()
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Contains(t, r.header.Get("Content-Type"), "application/json")
	assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
	var s sessionState
	require.NoError(t, json.Unmarshal([]byte(r.body), &s))
	return s
}

// bodyAttrs returns the attributes of the page's <body>.
func bodyAttrs(t *testing.T, page string) map[string]string {
	t.Helper()
	for _, el := range parseHTML(t, page) {
		if el.name == "body" {
			return el.attrs
		}
	}
	t.Fatal("no <body>")
	return nil
}

func seconds(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }

func TestStaffPagesCarryTheSessionsTimeLeft(t *testing.T) {
	e := newEnv(t)
	e.login()
	a := bodyAttrs(t, e.get("/staff").body)
	assert.Equal(t, seconds(webui.DefaultSessionIdle), a["data-session-idle"])
	assert.Equal(t, seconds(webui.DefaultSessionMaxAge), a["data-session-absolute"])
	assert.Equal(t, seconds(webui.SessionWarnIdle), a["data-session-warn-idle"])
	assert.Equal(t, seconds(webui.SessionWarnAbsolute), a["data-session-warn-absolute"])

	// Half an hour idle: the page made then has half an hour less.
	e.clock.Advance(30 * time.Minute)
	a = bodyAttrs(t, e.get("/staff/uppfoljning").body)
	assert.Equal(t, seconds(webui.DefaultSessionIdle), a["data-session-idle"], "this request was a use")
	assert.Equal(t, seconds(webui.DefaultSessionMaxAge-30*time.Minute), a["data-session-absolute"])

	// Used every hour, late in the day the idle end is the absolute one.
	for range 9 {
		e.clock.Advance(time.Hour)
		require.Equal(t, http.StatusOK, e.get("/staff").code)
	}
	a = bodyAttrs(t, e.get("/staff").body)
	assert.Equal(t, seconds(30*time.Minute), a["data-session-absolute"])
	assert.Equal(t, seconds(30*time.Minute), a["data-session-idle"], "the idle end never passes the absolute end")
}

func TestPagesWithoutASessionHaveNoSessionWarning(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/", "/staff/login", "/tillganglighet"} {
		r := e.get(path)
		require.Equal(t, http.StatusOK, r.code, path)
		a := bodyAttrs(t, r.body)
		assert.NotContains(t, a, "data-session-idle", path)
		assert.NotContains(t, r.body, "session.js", path)
		assert.NotContains(t, r.body, "session-dialog", path)
	}
	// Reading with the staff secret as a bearer token: no session to warn of.
	r := e.send(newClient(t), http.MethodGet, "/staff", nil, map[string]string{"Authorization": "Bearer " + staffToken})
	require.Equal(t, http.StatusOK, r.code)
	assert.NotContains(t, r.body, "session.js")
}

func TestStaySignedInExtendsTheIdleDeadline(t *testing.T) {
	e := newEnv(t)
	e.login()
	tok := csrf(t, e.get("/staff").body)

	// Just before the idle end, the warning's button.
	e.clock.Advance(webui.DefaultSessionIdle - webui.SessionWarnIdle)
	s := decodeState(t, e.postJSON("/staff/session", "", map[string]string{webui.CSRFHeader: tok}))
	assert.Equal(t, int64(webui.DefaultSessionIdle/time.Second), s.Idle, "the idle timeout starts again")
	assert.Equal(t, int64((webui.DefaultSessionMaxAge-webui.DefaultSessionIdle+webui.SessionWarnIdle)/time.Second), s.Absolute)
	assert.Equal(t, tok, s.CSRF)

	// Past the first idle end, the session lives on.
	e.clock.Advance(webui.DefaultSessionIdle - time.Minute)
	assert.Equal(t, http.StatusOK, e.get("/staff").code, "extended")

	// The form field works as well as the header.
	e.clock.Advance(webui.DefaultSessionIdle - time.Minute)
	r := e.post("/staff/session", url.Values{"csrf": {tok}})
	assert.Equal(t, int64(webui.DefaultSessionIdle/time.Second), decodeState(t, r).Idle)
}

func TestSessionEndpointRefuses(t *testing.T) {
	e := newEnv(t)
	e.login()
	tok := csrf(t, e.get("/staff").body)

	// Without the CSRF token, or with a wrong one: 403.
	r := e.postJSON("/staff/session", "", nil)
	assert.Equal(t, http.StatusForbidden, r.code)
	assert.Contains(t, r.header.Get("Content-Type"), "application/json")
	assert.NotContains(t, r.body, tok)
	r = e.postJSON("/staff/session", "", map[string]string{webui.CSRFHeader: tok + "x"})
	assert.Equal(t, http.StatusForbidden, r.code)
	// After the end: 401, with the right token too.
	e.clock.Advance(webui.DefaultSessionIdle + time.Second)
	assert.Equal(t, http.StatusUnauthorized, e.postJSON("/staff/session", "", map[string]string{webui.CSRFHeader: tok}).code)

	// Without a session: 401, by POST and GET, also with the bearer token.
	other := newClient(t)
	for _, h := range []map[string]string{nil, {"Authorization": "Bearer " + staffToken}} {
		assert.Equal(t, http.StatusUnauthorized, e.send(other, http.MethodPost, "/staff/session", nil, h).code)
		assert.Equal(t, http.StatusUnauthorized, e.send(other, http.MethodGet, "/staff/session", nil, h).code)
	}
	// From another site's page: refused before anything.
	e.login()
	tok = csrf(t, e.get("/staff").body)
	r = e.postJSON("/staff/session", "", map[string]string{webui.CSRFHeader: tok, "Origin": "https://evil.example"})
	assert.Equal(t, http.StatusForbidden, r.code)
}

func TestSessionGETGivesTheNewSessionsToken(t *testing.T) {
	e := newEnv(t)
	e.login()
	old := csrf(t, e.get("/staff").body)
	// The session ends; the person logs in again (in another tab).
	e.clock.Advance(webui.DefaultSessionIdle + time.Second)
	e.login()
	s := decodeState(t, e.get("/staff/session"))
	assert.NotEqual(t, old, s.CSRF)
	assert.Equal(t, csrf(t, e.get("/staff").body), s.CSRF)
	assert.Equal(t, int64(webui.DefaultSessionIdle/time.Second), s.Idle)
	// The page's old forms, given that token, work again.
	assert.Equal(t, http.StatusOK, e.postJSON("/staff/session", "", map[string]string{webui.CSRFHeader: s.CSRF}).code)
}

func TestSessionScriptIsServedUnderTheCSP(t *testing.T) {
	e := newEnv(t)
	e.login()
	for _, lang := range []string{"", "?lang=fi", "?lang=en"} {
		page := e.get("/staff" + lang)
		require.Equal(t, http.StatusOK, page.code)
		assertStrictCSP(t, page.body)
		var src string
		var dialog map[string]string
		for _, el := range parseHTML(t, page.body) {
			if el.name == "script" && strings.Contains(el.attrs["src"], "session.js") {
				src = el.attrs["src"]
				assert.Equal(t, "module", el.attrs["type"])
			}
			if el.name == "dialog" && el.attrs["id"] == "session-dialog" {
				dialog = el.attrs
			}
		}
		require.NotEmpty(t, src, "the staff page loads the session script")
		require.NotNil(t, dialog, "the staff page has the warning dialog")
		assert.Equal(t, "alertdialog", dialog["role"])
		assert.NotEmpty(t, dialog["aria-labelledby"])

		js := e.get(src)
		require.Equal(t, http.StatusOK, js.code)
		assert.Equal(t, "text/javascript; charset=utf-8", js.header.Get("Content-Type"))
		assert.Equal(t, webui.ContentSecurityPolicy, js.header.Get("Content-Security-Policy"))
		assert.Equal(t, "nosniff", js.header.Get("X-Content-Type-Options"))
		assert.Contains(t, js.header.Get("Cache-Control"), "immutable")
		assert.NotContains(t, js.body, ".innerHTML")
		assert.NotContains(t, js.body, "insertAdjacentHTML")
		assert.NotContains(t, js.body, "eval(")
	}
}

func TestSessionWarningIsInThePagesLanguage(t *testing.T) {
	e := newEnv(t)
	e.login()
	for lang, want := range map[string][]string{
		"":         {"Fortsätt vara inloggad", "Du loggas snart ut", "Logga in i en ny flik", `<span class="session-clock"></span>`},
		"?lang=fi": {"Jatka kirjautuneena", "Sinut kirjataan pian ulos", "Kirjaudu uudessa välilehdessä", `kello <span class="session-clock"></span>`},
		"?lang=en": {"Stay logged in", "You will soon be logged out", "Log in in a new tab"},
	} {
		body := e.get("/staff" + lang).body
		for _, w := range want {
			assert.Contains(t, body, w, lang)
		}
	}
}

func TestPostAfterTheSessionEndedKeepsTheText(t *testing.T) {
	e := newEnv(t)
	id := e.submitCase("Gatlampan på Skolvägen är trasig.", "", "a@example.se")
	e.login()
	tok := csrf(t, e.get("/staff/case/"+id).body)
	e.clock.Advance(webui.DefaultSessionIdle + time.Second)

	reply := "Hej! Vi lagar lampan <i>nästa vecka</i>."
	for lang, wantMsg := range map[string]string{
		"sv": "Du har varit inaktiv för länge och har loggats ut.",
		"fi": "Et ole käyttänyt sivua pitkään aikaan, joten sinut on kirjattu ulos.",
	} {
		r := e.post("/staff/case/"+id, url.Values{"to": {"answered"}, "text": {reply}, "csrf": {tok}, "lang": {lang}})
		assert.Equal(t, http.StatusUnauthorized, r.code)
		assert.Contains(t, r.body, wantMsg)
		assert.Contains(t, r.body, `<textarea id="login-draft" rows="8" readonly>`+html.EscapeString(reply)+`</textarea>`)
		assert.NotContains(t, r.body, "<i>")
		next := "/staff/case/" + id
		if lang == "fi" {
			next += "?lang=fi"
		}
		assert.Equal(t, next, html.UnescapeString(hidden(t, r.body, "next")), "back to the case after login")
		assertStrictCSP(t, r.body)
	}

	// A page asked for after the end says so too.
	r := e.get("/staff/case/" + id)
	require.Equal(t, http.StatusSeeOther, r.code)
	loc := r.header.Get("Location")
	assert.Contains(t, loc, "ended=1")
	assert.Contains(t, e.get(loc).body, "Du har varit inaktiv för länge och har loggats ut.")

	// Without any session cookie: not signed in, no idle claim, no text to copy.
	r = e.send(newClient(t), http.MethodPost, "/staff/case/"+id, url.Values{"to": {"closed"}, "csrf": {tok}}, nil)
	assert.Equal(t, http.StatusUnauthorized, r.code)
	assert.Contains(t, r.body, "Du är inte inloggad längre.")
	assert.NotContains(t, r.body, "login-draft")
	r = e.send(newClient(t), http.MethodGet, "/staff", nil, nil)
	assert.NotContains(t, r.header.Get("Location"), "ended=1")
}
