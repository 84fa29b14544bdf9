package webui_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/webui"
)

func sessionCookie(h http.Header) *http.Cookie {
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == webui.SessionCookie {
			return c
		}
	}
	return nil
}

func TestStaffPagesNeedLogin(t *testing.T) {
	e := newEnv(t)
	_, token := e.submit("Snöröjningen på Storgatan är dålig.", "", "a@example.se", "")
	id := e.caseByToken(token).ID.String()

	for _, path := range []string{"/staff", "/staff/", "/staff/case/" + id, "/staff/uppfoljning", "/staff/uppfoljning?lang=en"} {
		r := e.get(path)
		assert.Equal(t, http.StatusSeeOther, r.code, path)
		assert.True(t, strings.HasPrefix(r.header.Get("Location"), "/staff/login?next="), path)
		assert.NotContains(t, r.body, "Snöröjningen", path)
	}
	r := e.get("/staff/export.csv")
	assert.Equal(t, http.StatusUnauthorized, r.code)
	assert.NotContains(t, r.header.Get("Content-Type"), "text/csv")

	r = e.postJSON("/staff/plaincheck", `{"text":"Hej"}`, nil)
	assert.Equal(t, http.StatusUnauthorized, r.code)

	r = e.post("/staff/case/"+id, url.Values{"to": {"closed"}})
	assert.Equal(t, http.StatusUnauthorized, r.code)
	r = e.post("/staff/logout", nil)
	assert.Equal(t, http.StatusUnauthorized, r.code)
	assert.Equal(t, "received", string(e.caseByToken(token).Status), "nothing changed")
}

func TestLoginWrongTokenIsRejected(t *testing.T) {
	e := newEnv(t)
	for _, tok := range []string{"", "wrong", staffToken + "x", strings.ToUpper(staffToken), staffToken[:len(staffToken)-1]} {
		r := e.post("/staff/login", url.Values{"token": {tok}})
		assert.Equal(t, http.StatusUnauthorized, r.code, tok)
		assert.Nil(t, sessionCookie(r.header), "no cookie for %q", tok)
		assert.Contains(t, r.body, `aria-invalid="true"`)
		assertStrictCSP(t, r.body)
	}
	assert.Equal(t, http.StatusSeeOther, e.get("/staff").code)
}

func TestLoginAndLogout(t *testing.T) {
	e := newEnv(t)
	r := e.get("/staff/login?lang=en")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Log in as staff")
	assertStrictCSP(t, r.body)

	r = e.post("/staff/login", url.Values{"token": {staffToken}, "next": {"/staff/uppfoljning"}})
	require.Equal(t, http.StatusSeeOther, r.code)
	assert.Equal(t, "/staff/uppfoljning", r.header.Get("Location"))
	c := sessionCookie(r.header)
	require.NotNil(t, c)
	assert.True(t, c.HttpOnly)
	assert.Equal(t, http.SameSiteStrictMode, c.SameSite)
	assert.False(t, c.Secure, "plain HTTP in the test")
	assert.Equal(t, "/", c.Path)
	assert.NotContains(t, c.Value, staffToken, "the cookie does not hold the secret")

	r = e.get("/staff")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Logga ut")

	// Logging out needs the CSRF token.
	assert.Equal(t, http.StatusForbidden, e.post("/staff/logout", nil).code)
	assert.Equal(t, http.StatusOK, e.get("/staff").code, "still logged in")
	r = e.post("/staff/logout", url.Values{"csrf": {csrf(t, r.body)}})
	require.Equal(t, http.StatusSeeOther, r.code)
	out := sessionCookie(r.header)
	require.NotNil(t, out)
	assert.True(t, out.MaxAge < 0, "the cookie is removed")
	assert.Equal(t, http.StatusSeeOther, e.get("/staff").code)
	r = e.get("/staff/login?out=1")
	assert.Contains(t, r.body, "Du är utloggad.")
}

func TestLoginDoesNotRedirectOffSite(t *testing.T) {
	e := newEnv(t)
	for _, next := range []string{"https://evil.example/", "//evil.example/staff", "/\\evil.example", "/staff/login", "/arende/x"} {
		r := e.post("/staff/login", url.Values{"token": {staffToken}, "next": {next}})
		require.Equal(t, http.StatusSeeOther, r.code)
		assert.Equal(t, "/staff", r.header.Get("Location"), next)
	}
}

func TestSessionExpiresAndCannotBeForged(t *testing.T) {
	e := newEnv(t)
	e.login()
	u, _ := url.Parse(e.srv.URL)
	cookies := e.client.Jar.Cookies(u)
	require.Len(t, cookies, 1)
	valid := cookies[0].Value

	tries := map[string]string{
		"another random ID": "3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"one more byte":     valid + "A",
		"one byte less":     valid[:len(valid)-1],
		"empty":             "",
		"the secret itself": staffToken,
		"very long":         strings.Repeat(valid, 10),
	}
	for name, v := range tries {
		other := newClient(t)
		other.Jar.SetCookies(u, []*http.Cookie{{Name: webui.SessionCookie, Value: v}})
		res, err := other.Get(e.srv.URL + "/staff")
		require.NoError(t, err)
		res.Body.Close()
		assert.Equal(t, http.StatusSeeOther, res.StatusCode, name)
	}

	assert.Equal(t, http.StatusOK, e.get("/staff").code)
	e.clock.Advance(webui.DefaultSessionIdle - time.Minute)
	assert.Equal(t, http.StatusOK, e.get("/staff").code, "used within the idle timeout")
	e.clock.Advance(webui.DefaultSessionIdle + time.Second)
	assert.Equal(t, http.StatusSeeOther, e.get("/staff").code, "idle for longer than the idle timeout")

	// Used every hour, the session still ends at the absolute timeout.
	e.login()
	for range int(webui.DefaultSessionMaxAge/time.Hour) - 1 {
		e.clock.Advance(time.Hour)
		require.Equal(t, http.StatusOK, e.get("/staff").code)
	}
	e.clock.Advance(time.Hour)
	assert.Equal(t, http.StatusSeeOther, e.get("/staff").code, "past the absolute timeout")
}

func TestCookieIsSecureOverTLS(t *testing.T) {
	e := newEnv(t)
	h, err := webui.New(webui.Config{Store: e.store, Policy: e.policy, StaffToken: staffToken, FormKey: formKey, Now: e.clock.Now})
	require.NoError(t, err)
	req := httptest.NewRequest(http.MethodPost, "https://example.se/staff/login", strings.NewReader("token="+staffToken))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.TLS = &tls.ConnectionState{}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	require.Equal(t, http.StatusSeeOther, w.Code)
	c := sessionCookie(w.Header())
	require.NotNil(t, c)
	assert.True(t, c.Secure)
	assert.True(t, c.HttpOnly)
	assert.Equal(t, http.SameSiteStrictMode, c.SameSite)
}

func TestNewRejectsIncompleteConfig(t *testing.T) {
	e := newEnv(t)
	good := webui.Config{Store: e.store, Policy: e.policy, StaffToken: staffToken, FormKey: formKey}
	cases := map[string]func(c *webui.Config){
		"Store":      func(c *webui.Config) { c.Store = nil },
		"Policy":     func(c *webui.Config) { c.Policy = nil },
		"StaffToken": func(c *webui.Config) { c.StaffToken = "" },
		"FormKey":    func(c *webui.Config) { c.FormKey = []byte("short") },
	}
	for field, breakIt := range cases {
		cfg := good
		breakIt(&cfg)
		_, err := webui.New(cfg)
		require.Error(t, err, field)
		assert.Contains(t, err.Error(), field)
	}
	_, err := webui.New(good)
	assert.NoError(t, err)
}

func TestBearerTokenReadsStaffPagesButChangesNothing(t *testing.T) {
	e := newEnv(t)
	_, token := e.submit("Bra service i receptionen!", "", "q@example.se", "")
	id := e.caseByToken(token).ID.String()
	get := func(path, auth string) response {
		req, err := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
		require.NoError(t, err)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		return e.do(req)
	}
	for _, path := range []string{"/staff", "/staff/case/" + id, "/staff/uppfoljning", "/staff/export.csv"} {
		assert.Equal(t, http.StatusOK, get(path, "Bearer "+staffToken).code, path)
		assert.Equal(t, http.StatusOK, get(path, "bearer "+staffToken).code, path)
		assert.NotEqual(t, http.StatusOK, get(path, "Bearer "+staffToken+"x").code, path)
		assert.NotEqual(t, http.StatusOK, get(path, "Basic "+staffToken).code, path)
		assert.NotEqual(t, http.StatusOK, get(path, "Bearer ").code, path)
	}
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/staff/case/"+id, strings.NewReader("to=closed"))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+staffToken)
	assert.Equal(t, http.StatusUnauthorized, e.do(req).code)
	assert.Equal(t, "received", string(e.caseByToken(token).Status))
}
