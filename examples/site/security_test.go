package main

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
)

// These tests run the site as a process and check the findings of the
// red-team report of issue 10: sessions that outlive logout (3), sign-in
// without throttling and weak staff tokens (4), a cookie that cannot be
// Secure behind a TLS proxy (10) and the receipt link built from the Host
// header (11).

var (
	caseLinkRe = regexp.MustCompile(`/staff/case/([0-9a-f-]{36})`)
	csrfRe     = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	receiptRe  = regexp.MustCompile(`/arende/([0-9a-f-]{36})`)
)

// noRedirect is a client that shows redirects instead of following them,
// and keeps no cookies: the tests send the cookies themselves.
var noRedirect = &http.Client{
	Timeout:       30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// page is a response the tests read.
type page struct {
	code   int
	header http.Header
	body   string
}

// call makes a request to the site; form, when not nil, is the POST body.
func call(t *testing.T, method, u string, form url.Values, header map[string]string, cookies ...*http.Cookie) page {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	require.NoError(t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := noRedirect.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return page{code: res.StatusCode, header: res.Header, body: string(b)}
}

// staffCookie returns the session cookie a response sets.
func staffCookie(t *testing.T, h http.Header) *http.Cookie {
	t.Helper()
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == "kommunkit_staff" {
			return c
		}
	}
	t.Fatalf("no session cookie in %v", h)
	return nil
}

// signIn signs in at the staff login form and returns the session cookie.
func signIn(t *testing.T, s *site) *http.Cookie {
	t.Helper()
	r := call(t, http.MethodPost, s.URL+"/staff/login", url.Values{"token": {testStaffToken}}, nil)
	require.Equal(t, http.StatusSeeOther, r.code, r.body)
	return staffCookie(t, r.header)
}

// submitForm sends the plain feedback form, with a stamp a minute old, and
// returns the receipt page.
func submitForm(t *testing.T, s *site, header map[string]string) page {
	t.Helper()
	form := url.Values{
		"idempotency_key":      {uuid.NewString()},
		httpapi.FormStampField: {httpapi.FormStamp([]byte(testFormKey), time.Now().Add(-time.Minute))},
		"text":                 {"Gatlyktan vid skolan har varit släckt i en vecka."},
		"lang":                 {"sv"},
	}
	r := call(t, http.MethodPost, s.URL+"/synpunkt", form, header)
	require.Equal(t, http.StatusCreated, r.code, r.body)
	return r
}

// TestLogoutEndsTheSessionOnTheSite is finding 3: after logout, the old
// cookie and its CSRF token closed a case.
func TestLogoutEndsTheSessionOnTheSite(t *testing.T) {
	s := startSite(t, filepath.Join(t.TempDir(), "site.db"), "-rate-limit", "0")
	submitForm(t, s, nil)
	inbox := call(t, http.MethodGet, s.URL+"/staff", nil, map[string]string{"Authorization": "Bearer " + testStaffToken})
	require.Equal(t, http.StatusOK, inbox.code)
	m := caseLinkRe.FindStringSubmatch(inbox.body)
	require.NotNil(t, m, "the inbox lists the case")
	caseURL := s.URL + "/staff/case/" + m[1]

	// Two sign-ins in the same second are two sessions.
	a, b := signIn(t, s), signIn(t, s)
	require.NotEqual(t, a.Value, b.Value)

	cp := call(t, http.MethodGet, caseURL, nil, nil, a)
	require.Equal(t, http.StatusOK, cp.code)
	cm := csrfRe.FindStringSubmatch(cp.body)
	require.NotNil(t, cm)
	token := cm[1]
	out := call(t, http.MethodPost, s.URL+"/staff/logout", url.Values{"csrf": {token}}, nil, a)
	require.Equal(t, http.StatusSeeOther, out.code)

	// The old cookie and token, replayed: nothing is allowed.
	r := call(t, http.MethodPost, caseURL, url.Values{"csrf": {token}, "to": {"closed"}, "reply": {"Tack."}}, nil, a)
	assert.Equal(t, http.StatusUnauthorized, r.code, "a status change with the signed-out session")
	for _, path := range []string{"/staff", "/staff/case/" + m[1], "/staff/uppfoljning"} {
		assert.Equal(t, http.StatusSeeOther, call(t, http.MethodGet, s.URL+path, nil, nil, a).code, path)
	}
	assert.Equal(t, http.StatusUnauthorized, call(t, http.MethodGet, s.URL+"/staff/export.csv", nil, nil, a).code)

	// The other session goes on.
	assert.Equal(t, http.StatusOK, call(t, http.MethodGet, s.URL+"/staff", nil, nil, b).code)
	got := call(t, http.MethodGet, s.URL+"/api/staff/cases/"+m[1], nil, map[string]string{"Authorization": "Bearer " + testStaffToken})
	require.Equal(t, http.StatusOK, got.code)
	assert.Contains(t, got.body, `"status":"received"`, "the case was not closed")
}

// TestSignInIsThrottledOnTheSite is finding 4: one address guessed about
// 1,400 times a second with no 429.
func TestSignInIsThrottledOnTheSite(t *testing.T) {
	s := startSite(t, filepath.Join(t.TempDir(), "site.db"), "-rate-limit", "0")
	wrong := url.Values{"token": {"not-the-staff-token-0123456789"}}
	var limited *page
	for range 20 {
		r := call(t, http.MethodPost, s.URL+"/staff/login", wrong, nil)
		if r.code == http.StatusTooManyRequests {
			limited = &r
			break
		}
		require.Equal(t, http.StatusUnauthorized, r.code)
	}
	require.NotNil(t, limited, "20 wrong tokens in a row get a 429")
	secs, err := strconv.Atoi(limited.header.Get("Retry-After"))
	require.NoError(t, err, "Retry-After is a number of seconds")
	assert.Positive(t, secs)
	assert.Contains(t, limited.body, "För många försök med fel nyckel")

	// Guessing on while told to wait makes the wait longer (up to 15
	// minutes); the right token is not even checked.
	for range 15 {
		call(t, http.MethodPost, s.URL+"/staff/login", wrong, nil)
	}
	r := call(t, http.MethodPost, s.URL+"/staff/login", url.Values{"token": {testStaffToken}}, nil)
	assert.Equal(t, http.StatusTooManyRequests, r.code)
	assert.Empty(t, r.header.Values("Set-Cookie"))
	r = call(t, http.MethodGet, s.URL+"/staff", nil, map[string]string{"Authorization": "Bearer " + testStaffToken})
	assert.Equal(t, http.StatusTooManyRequests, r.code, "the bearer token on the staff pages is throttled too")

	out := s.output()
	assert.Contains(t, out, "staff sign-in failed")
	assert.NotContains(t, out, "not-the-staff-token")
	assert.NotContains(t, out, "127.0.0.1 ", "the log names no address")
}

// TestWeakStaffTokenStopsTheSite is finding 4: any token of 16 characters
// was taken.
func TestWeakStaffTokenStopsTheSite(t *testing.T) {
	bin := siteBinary(t)
	for _, tok := range []string{"aaaaaaaaaaaaaaaa", "0123456789abcdef", "abababababababababababababababab"} {
		dir := t.TempDir()
		cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "k.db"), "-widget-dir", dir)
		cmd.Env = append(os.Environ(), "KOMMUNKIT_STAFF_TOKEN="+tok)
		done := make(chan struct{})
		var out []byte
		var err error
		go func() { out, err = cmd.CombinedOutput(); close(done) }()
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			_ = cmd.Process.Kill()
			<-done
			t.Fatalf("the site started with the token %q:\n%s", tok, out)
		}
		require.Error(t, err, "the site refuses %q", tok)
		assert.Contains(t, string(out), "KOMMUNKIT_STAFF_TOKEN", tok)
		assert.Contains(t, string(out), "128", tok)
		assert.NotContains(t, string(out), "listening on", tok)
		assert.NotContains(t, string(out), tok, "the error does not print the token")
	}
}

// TestSecureCookieBehindATLSProxy is finding 10: the cookie could not be
// marked Secure behind a proxy that ends TLS.
func TestSecureCookieBehindATLSProxy(t *testing.T) {
	for _, args := range [][]string{{"-public-url", "https://synpunkt.example.se"}, {"-secure-cookies"}} {
		s := startSite(t, filepath.Join(t.TempDir(), "site.db"), append([]string{"-rate-limit", "0"}, args...)...)
		c := signIn(t, s) // over plain HTTP, as from the proxy
		assert.True(t, c.Secure, "%v", args)
		assert.True(t, c.HttpOnly)
	}
	s := startSite(t, filepath.Join(t.TempDir(), "site.db"), "-rate-limit", "0")
	assert.False(t, signIn(t, s).Secure, "plain HTTP with neither flag")

	// A bad -public-url stops the site with an error that names the flag.
	dir := t.TempDir()
	out, err := exec.Command(siteBinary(t), "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "k.db"),
		"-widget-dir", dir, "-public-url", "synpunkt.example.se").CombinedOutput()
	require.Error(t, err)
	assert.Contains(t, string(out), "-public-url")
}

// TestReceiptLinkIgnoresTheHostHeader is finding 11: the receipt's link
// was built from the Host header.
func TestReceiptLinkIgnoresTheHostHeader(t *testing.T) {
	evil := map[string]string{"Host": "evil.example"}
	s := startSite(t, filepath.Join(t.TempDir(), "site.db"), "-rate-limit", "0")
	r := submitForm(t, s, evil)
	assert.NotContains(t, r.body, "evil.example")
	m := receiptRe.FindStringSubmatch(r.body)
	require.NotNil(t, m)
	assert.Contains(t, r.body, ">/arende/"+m[1]+"</a>", "without -public-url the link is relative")

	s = startSite(t, filepath.Join(t.TempDir(), "site.db"), "-rate-limit", "0", "-public-url", "https://synpunkt.example.se/")
	r = submitForm(t, s, evil)
	assert.NotContains(t, r.body, "evil.example")
	m = receiptRe.FindStringSubmatch(r.body)
	require.NotNil(t, m)
	assert.Contains(t, r.body, ">https://synpunkt.example.se/arende/"+m[1]+"</a>")
}
