package webui_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/webui"
)

// send makes a request with client c to e's site.
func (e *env) send(c *http.Client, method, path string, form url.Values, header map[string]string) response {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	require.NoError(e.t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	require.NoError(e.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(e.t, err)
	return response{code: res.StatusCode, header: res.Header, body: string(b)}
}

// authLines collects what the pages log about sign-ins.
type authLines struct {
	mu    sync.Mutex
	lines []string
}

func (a *authLines) log(line string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.lines = append(a.lines, line)
}

func (a *authLines) all() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.lines...)
}

// byHeader names the client by the header X-Client, so that one test can
// be several clients.
func byHeader(c *webui.Config) {
	c.ClientKey = func(r *http.Request) string { return r.Header.Get("X-Client") }
}

func TestLogoutEndsTheSession(t *testing.T) {
	e := newEnv(t)
	id := e.submitCase("Snöröjningen på Storgatan är dålig.", "", "a@example.se")
	e.login()
	page := e.get("/staff/case/" + id)
	require.Equal(t, http.StatusOK, page.code)
	tok := csrf(t, page.body)
	u, _ := url.Parse(e.srv.URL)
	old := e.client.Jar.Cookies(u)
	require.Len(t, old, 1)

	r := e.post("/staff/logout", url.Values{"csrf": {tok}})
	require.Equal(t, http.StatusSeeOther, r.code)

	// The old cookie and its CSRF token, sent again as a copy would be.
	thief := newClient(t)
	thief.Jar.SetCookies(u, old)
	for _, path := range []string{"/staff", "/staff/case/" + id, "/staff/uppfoljning"} {
		assert.Equal(t, http.StatusSeeOther, e.send(thief, http.MethodGet, path, nil, nil).code, path)
	}
	assert.Equal(t, http.StatusUnauthorized, e.send(thief, http.MethodGet, "/staff/export.csv", nil, nil).code)
	r = e.send(thief, http.MethodPost, "/staff/case/"+id, url.Values{"to": {"closed"}, "csrf": {tok}}, nil)
	assert.Equal(t, http.StatusUnauthorized, r.code)
	r = e.send(thief, http.MethodPost, "/staff/plaincheck", nil, map[string]string{"Content-Type": "application/json", webui.CSRFHeader: tok})
	assert.Equal(t, http.StatusUnauthorized, r.code)
	r = e.send(thief, http.MethodPost, "/staff/logout", url.Values{"csrf": {tok}}, nil)
	assert.Equal(t, http.StatusUnauthorized, r.code)
	assert.Equal(t, feedback.StatusReceived, e.status(id).Status, "nothing changed")
}

func TestTwoSignInsAreTwoSessions(t *testing.T) {
	e := newEnv(t)
	a, b := newClient(t), newClient(t)
	// Both in the same instant of the clock.
	for _, c := range []*http.Client{a, b} {
		r := e.send(c, http.MethodPost, "/staff/login", url.Values{"token": {staffToken}}, nil)
		require.Equal(t, http.StatusSeeOther, r.code)
	}
	u, _ := url.Parse(e.srv.URL)
	ca, cb := a.Jar.Cookies(u), b.Jar.Cookies(u)
	require.Len(t, ca, 1)
	require.Len(t, cb, 1)
	assert.NotEqual(t, ca[0].Value, cb[0].Value)
	pa, pb := e.send(a, http.MethodGet, "/staff", nil, nil), e.send(b, http.MethodGet, "/staff", nil, nil)
	require.Equal(t, http.StatusOK, pa.code)
	require.Equal(t, http.StatusOK, pb.code)
	ta, tb := csrf(t, pa.body), csrf(t, pb.body)
	assert.NotEqual(t, ta, tb, "each session has its own CSRF token")

	// One session's token is no good for the other.
	assert.Equal(t, http.StatusForbidden, e.send(a, http.MethodPost, "/staff/logout", url.Values{"csrf": {tb}}, nil).code)
	// Logging out one ends that one only.
	require.Equal(t, http.StatusSeeOther, e.send(a, http.MethodPost, "/staff/logout", url.Values{"csrf": {ta}}, nil).code)
	assert.Equal(t, http.StatusSeeOther, e.send(a, http.MethodGet, "/staff", nil, nil).code)
	assert.Equal(t, http.StatusOK, e.send(b, http.MethodGet, "/staff", nil, nil).code)

	// Signing in again over a session ends the old one.
	bOld := b.Jar.Cookies(u)
	require.Equal(t, http.StatusSeeOther, e.send(b, http.MethodPost, "/staff/login", url.Values{"token": {staffToken}}, nil).code)
	replay := newClient(t)
	replay.Jar.SetCookies(u, bOld)
	assert.Equal(t, http.StatusSeeOther, e.send(replay, http.MethodGet, "/staff", nil, nil).code)
	assert.Equal(t, http.StatusOK, e.send(b, http.MethodGet, "/staff", nil, nil).code)
}

func TestSignInThrottle(t *testing.T) {
	var logged authLines
	e := newEnv(t, byHeader, func(c *webui.Config) { c.AuthLog = logged.log })
	attacker := map[string]string{"X-Client": "198.51.100.7"}
	wrong := url.Values{"token": {"not-the-staff-secret-0123456789"}}
	right := url.Values{"token": {staffToken}}
	c := newClient(t)

	for i := range webui.SignInFreeFailures {
		r := e.send(c, http.MethodPost, "/staff/login", wrong, attacker)
		require.Equal(t, http.StatusUnauthorized, r.code, "failure %d is free", i+1)
	}
	// Now the client waits a second, then two, four, ...; while it waits
	// not even the right secret is checked, and a try counts as a failure.
	r := e.send(c, http.MethodPost, "/staff/login", right, attacker)
	require.Equal(t, http.StatusTooManyRequests, r.code, "a try within the first second")
	assert.Equal(t, "2", r.header.Get("Retry-After"), "the try made the wait longer")
	assert.Contains(t, r.body, "För många försök med fel nyckel. Försök igen efter klockan 09:00:02.")
	assert.Nil(t, sessionCookie(r.header))
	e.clock.Advance(2*time.Second - time.Millisecond)
	r = e.send(c, http.MethodPost, "/staff/login", right, attacker)
	assert.Equal(t, http.StatusTooManyRequests, r.code)
	assert.Equal(t, "4", r.header.Get("Retry-After"))
	e.clock.Advance(4 * time.Second)
	assert.Equal(t, http.StatusUnauthorized, e.send(c, http.MethodPost, "/staff/login", wrong, attacker).code, "after the wait, a try is checked")
	r = e.send(c, http.MethodPost, "/staff/login", right, attacker)
	assert.Equal(t, http.StatusTooManyRequests, r.code)
	assert.Equal(t, "16", r.header.Get("Retry-After"))
	r = e.send(c, http.MethodPost, "/staff/login?lang=fi", url.Values{"token": {staffToken}, "lang": {"fi"}}, attacker)
	assert.Equal(t, http.StatusTooManyRequests, r.code)
	assert.Contains(t, r.body, "Liian monta yritystä")
	r = e.send(c, http.MethodPost, "/staff/login", url.Values{"token": {staffToken}, "lang": {"en"}}, attacker)
	assert.Contains(t, r.body, "Too many tries")

	// The wait grows to SignInMaxWait and no further.
	for range 20 {
		e.send(c, http.MethodPost, "/staff/login", wrong, attacker)
	}
	r = e.send(c, http.MethodPost, "/staff/login", right, attacker)
	assert.Equal(t, http.StatusTooManyRequests, r.code)
	assert.Equal(t, itoa(int(webui.SignInMaxWait/time.Second)), r.header.Get("Retry-After"))

	// Another client is not held up.
	other := map[string]string{"X-Client": "203.0.113.9"}
	assert.Equal(t, http.StatusSeeOther, e.send(newClient(t), http.MethodPost, "/staff/login", right, other).code)

	// After the wait, the right secret signs in, and the count starts over.
	e.clock.Advance(webui.SignInMaxWait)
	require.Equal(t, http.StatusSeeOther, e.send(c, http.MethodPost, "/staff/login", right, attacker).code)
	for range webui.SignInFreeFailures {
		assert.Equal(t, http.StatusUnauthorized, e.send(newClient(t), http.MethodPost, "/staff/login", wrong, attacker).code)
	}

	// Each failure is logged, without the token and without the client's
	// address.
	lines := logged.all()
	require.NotEmpty(t, lines)
	for _, l := range lines {
		assert.Contains(t, l, "staff sign-in failed")
		assert.NotContains(t, l, "not-the-staff-secret")
		assert.NotContains(t, l, staffToken)
		assert.NotContains(t, l, "198.51.100")
	}
}

func TestBearerTokenOnStaffPagesIsThrottled(t *testing.T) {
	e := newEnv(t, byHeader)
	bad := map[string]string{"X-Client": "198.51.100.7", "Authorization": "Bearer not-the-staff-secret-0123456789"}
	good := map[string]string{"X-Client": "198.51.100.7", "Authorization": "Bearer " + staffToken}
	c := newClient(t)
	for range webui.SignInFreeFailures {
		require.Equal(t, http.StatusSeeOther, e.send(c, http.MethodGet, "/staff", nil, bad).code)
	}
	r := e.send(c, http.MethodGet, "/staff", nil, good)
	assert.Equal(t, http.StatusTooManyRequests, r.code, "while it waits the right token is not checked")
	assert.Equal(t, "2", r.header.Get("Retry-After"))
	assert.Equal(t, http.StatusUnauthorized, e.send(c, http.MethodGet, "/staff/export.csv", nil, good).code)
	e.clock.Advance(4 * time.Second)
	assert.Equal(t, http.StatusOK, e.send(c, http.MethodGet, "/staff", nil, good).code)
	assert.Equal(t, http.StatusOK, e.send(c, http.MethodGet, "/staff/export.csv", nil, good).code)
}

func TestNewRefusesAWeakStaffToken(t *testing.T) {
	e := newEnv(t)
	for _, tok := range []string{"aaaaaaaaaaaaaaaa", "0123456789abcdef", strings.Repeat("ab", 40)} {
		_, err := webui.New(webui.Config{Store: e.store, Policy: e.policy, StaffToken: tok, FormKey: formKey})
		require.Error(t, err, tok)
		assert.Contains(t, err.Error(), "StaffToken")
		assert.NotContains(t, err.Error(), tok)
	}
}

func TestReceiptLinkIsNotBuiltFromTheHostHeader(t *testing.T) {
	pub, err := webui.ParsePublicURL("https://synpunkt.example.se/")
	require.NoError(t, err)
	for name, cfg := range map[string]func(*webui.Config){
		"no public URL": func(*webui.Config) {},
		"public URL":    func(c *webui.Config) { c.PublicURL = pub },
	} {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, cfg)
			v := e.formValues("sv")
			e.clock.Advance(5 * time.Second)
			v.Set("text", "Gatlyktan vid skolan är släckt.")
			req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/synpunkt", strings.NewReader(v.Encode()))
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Host = "evil.example"
			r := e.do(req)
			require.Equal(t, http.StatusCreated, r.code, r.body)
			assert.NotContains(t, r.body, "evil.example")
			for _, vs := range r.header {
				for _, v := range vs {
					assert.NotContains(t, v, "evil.example")
				}
			}
			m := tokenRe.FindStringSubmatch(r.body)
			require.NotNil(t, m)
			if name == "public URL" {
				assert.Contains(t, r.body, ">https://synpunkt.example.se/arende/"+m[1]+"</a>")
			} else {
				assert.Contains(t, r.body, ">/arende/"+m[1]+"</a>")
			}
		})
	}
}

func TestCookieIsSecureBehindATLSProxy(t *testing.T) {
	pub, err := webui.ParsePublicURL("https://synpunkt.example.se")
	require.NoError(t, err)
	plain, err := webui.ParsePublicURL("http://localhost:8080")
	require.NoError(t, err)
	for name, c := range map[string]struct {
		set    func(*webui.Config)
		secure bool
	}{
		"nothing":          {func(*webui.Config) {}, false},
		"http public URL":  {func(c *webui.Config) { c.PublicURL = plain }, false},
		"https public URL": {func(c *webui.Config) { c.PublicURL = pub }, true},
		"SecureCookies":    {func(c *webui.Config) { c.SecureCookies = true }, true},
	} {
		e := newEnv(t, c.set)
		// Plain HTTP to the process, as from a proxy that ends TLS.
		r := e.post("/staff/login", url.Values{"token": {staffToken}})
		require.Equal(t, http.StatusSeeOther, r.code, name)
		ck := sessionCookie(r.header)
		require.NotNil(t, ck, name)
		assert.Equal(t, c.secure, ck.Secure, name)
		page := e.get("/staff")
		require.Equal(t, http.StatusOK, page.code, name)
		out := e.post("/staff/logout", url.Values{"csrf": {csrf(t, page.body)}})
		require.Equal(t, http.StatusSeeOther, out.code, name)
		assert.Equal(t, c.secure, sessionCookie(out.header).Secure, name)
	}
}

func TestParsePublicURL(t *testing.T) {
	for _, s := range []string{"", "synpunkt.example.se", "/staff", "ftp://example.se", "https://", "https://u:p@example.se",
		"https://example.se/?a=1", "https://example.se/#x", "https://example.se?", "mailto:x@example.se", "https://exa mple.se"} {
		_, err := webui.ParsePublicURL(s)
		assert.Error(t, err, s)
	}
	for in, want := range map[string]string{
		"https://synpunkt.example.se":            "https://synpunkt.example.se",
		"https://synpunkt.example.se/":           "https://synpunkt.example.se",
		"http://127.0.0.1:8080":                  "http://127.0.0.1:8080",
		"https://www.example.se/synpunkter/":     "https://www.example.se/synpunkter",
		"https://www.example.se/synpunkter/sida": "https://www.example.se/synpunkter/sida",
	} {
		u, err := webui.ParsePublicURL(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, u.String(), in)
	}

	// New checks a URL made another way.
	e := newEnv(t)
	_, err := webui.New(webui.Config{Store: e.store, Policy: e.policy, StaffToken: staffToken, FormKey: formKey, PublicURL: &url.URL{Scheme: "javascript", Opaque: "alert(1)"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "PublicURL")
}

func TestDefaultClientKey(t *testing.T) {
	// Without Config.ClientKey, clients are told apart by address: one
	// IPv6 /64 is one client.
	e := newEnv(t)
	h, err := webui.New(webui.Config{Store: e.store, Policy: e.policy, StaffToken: staffToken, FormKey: formKey, Now: e.clock.Now, AuthLog: func(string) {}})
	require.NoError(t, err)
	try := func(addr, token string) int {
		req := httptest.NewRequest(http.MethodPost, "/staff/login", strings.NewReader(url.Values{"token": {token}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = addr
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}
	for i := range webui.SignInFreeFailures {
		// Other hosts of the same /64, other ports.
		require.Equal(t, http.StatusUnauthorized, try("[2001:db8:1:2::"+itoa(i+1)+"]:"+itoa(40000+i), "wrong-wrong-wrong-wrong-0123456789"))
	}
	assert.Equal(t, http.StatusTooManyRequests, try("[2001:db8:1:2:ffff::1]:1234", staffToken))
	assert.Equal(t, http.StatusSeeOther, try("[2001:db8:1:3::1]:1234", staffToken), "another /64")
	assert.Equal(t, http.StatusSeeOther, try("192.0.2.1:1234", staffToken))
}

func itoa(i int) string { return strconv.Itoa(i) }
