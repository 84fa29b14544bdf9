package webui_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/feedback/memstore"
	"github.com/kommunkit/kommunkit/feedback/webui"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

const staffToken = "test-staff-secret-0123456789"

var formKey = []byte("0123456789abcdef0123456789abcdef")

// clock is a settable clock for the handler.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is a running site, with its cases and sessions in memory
// (feedback/memstore, held to the same suite as the SQLite store).
type env struct {
	t      *testing.T
	srv    *httptest.Server
	store  *memstore.Store
	policy *servicerules.Policy
	clock  *clock
	client *http.Client // keeps cookies, does not follow redirects
}

// response is what a request got back.
type response struct {
	code   int
	header http.Header
	body   string
}

func newEnv(t *testing.T, opts ...func(*webui.Config)) *env {
	t.Helper()
	p, err := servicerules.Preset("nykvarn")
	require.NoError(t, err)
	st, err := memstore.New(memstore.Config{Calendar: p.Calendar()})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	// Tuesday 10 March 2026, 09:00 in Stockholm.
	clk := &clock{t: time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Location())}
	cfg := webui.Config{
		Store:      st,
		Policy:     p,
		StaffToken: staffToken,
		FormKey:    formKey,
		Now:        clk.Now,
		ErrorLog:   func(err error) { t.Errorf("internal error: %v", err) },
		AuthLog:    func(line string) { t.Log(line) },
	}
	for _, o := range opts {
		o(&cfg)
	}
	h, err := webui.New(cfg)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &env{t: t, srv: srv, store: st, policy: p, clock: clk, client: newClient(t)}
}

func newClient(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func (e *env) do(req *http.Request) response {
	e.t.Helper()
	res, err := e.client.Do(req)
	require.NoError(e.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(e.t, err)
	return response{code: res.StatusCode, header: res.Header, body: string(b)}
}

func (e *env) get(path string) response {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	require.NoError(e.t, err)
	return e.do(req)
}

func (e *env) post(path string, form url.Values) response {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(form.Encode()))
	require.NoError(e.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.do(req)
}

func (e *env) postJSON(path, body string, header map[string]string) response {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(body))
	require.NoError(e.t, err)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return e.do(req)
}

// login logs the client in as staff.
func (e *env) login() {
	e.t.Helper()
	r := e.post("/staff/login", url.Values{"token": {staffToken}})
	require.Equal(e.t, http.StatusSeeOther, r.code, r.body)
}

var (
	hiddenRe = regexp.MustCompile(`name="([a-z_]+)" value="([^"]*)"`)
	tokenRe  = regexp.MustCompile(`/arende/([0-9a-f-]{36})`)
)

// hidden returns the value of the first hidden field name in body.
func hidden(t *testing.T, body, name string) string {
	t.Helper()
	for _, m := range hiddenRe.FindAllStringSubmatch(body, -1) {
		if m[1] == name {
			return m[2]
		}
	}
	t.Fatalf("no field %q in page", name)
	return ""
}

// formValues returns the hidden fields of the plain form on a fresh home page.
func (e *env) formValues(lang string) url.Values {
	e.t.Helper()
	path := "/"
	if lang != "sv" {
		path = "/?lang=" + lang
	}
	r := e.get(path)
	require.Equal(e.t, http.StatusOK, r.code)
	return url.Values{
		"idempotency_key": {hidden(e.t, r.body, "idempotency_key")},
		"form_stamp":      {hidden(e.t, r.body, "form_stamp")},
		"lang":            {hidden(e.t, r.body, "lang")},
	}
}

// sendForm loads the plain form of the home page in lang and posts it with
// fields filled in, a few seconds later, as a person would. It returns the
// answer and the form as it was posted.
func (e *env) sendForm(lang string, fields map[string]string) (response, url.Values) {
	e.t.Helper()
	v := e.formValues(lang)
	e.clock.Advance(5 * time.Second)
	for name, value := range fields {
		v.Set(name, value)
	}
	return e.post("/synpunkt", v), v
}

// sendFormIn sends the plain form of the home page in l with text and an
// e-mail address, and checks what is the same in every language: the form
// says l, the receipt (201) is in l and links to the case page in l, and
// the case is in l. It returns the receipt and the case.
func (e *env) sendFormIn(l lang.Lang, text, email string) (response, feedback.Case) {
	e.t.Helper()
	r, v := e.sendForm(string(l), map[string]string{"text": text, "email": email})
	require.Equal(e.t, string(l), v.Get("lang"))
	require.Equal(e.t, http.StatusCreated, r.code, r.body)
	require.Contains(e.t, r.body, `<html lang="`+string(l)+`">`)
	m := tokenRe.FindStringSubmatch(r.body)
	require.NotNil(e.t, m)
	require.Contains(e.t, r.body, "/arende/"+m[1]+"?lang="+string(l))
	c := e.caseByToken(m[1])
	require.Equal(e.t, l, c.Language)
	return r, c
}

// submit sends the plain form as a person would, a few seconds after
// loading it, and returns the receipt page and the case's token.
func (e *env) submit(text, name, email, phone string) (response, string) {
	e.t.Helper()
	r, _ := e.sendForm("sv", map[string]string{"text": text, "name": name, "email": email, "phone": phone})
	require.Equal(e.t, http.StatusCreated, r.code, r.body)
	m := tokenRe.FindStringSubmatch(r.body)
	require.NotNil(e.t, m, "the receipt links to the case")
	return r, m[1]
}

// caseByToken finds a stored case by its receipt token.
func (e *env) caseByToken(token string) feedback.Case {
	e.t.Helper()
	cases, err := e.store.List(context.Background(), feedback.CaseFilter{})
	require.NoError(e.t, err)
	for _, c := range cases {
		full, err := e.store.Get(context.Background(), c.ID)
		require.NoError(e.t, err)
		if full.Token.String() == token {
			return full
		}
	}
	e.t.Fatalf("no case with token %s", token)
	return feedback.Case{}
}

// submitCase submits text with a name and an e-mail address ("" for none)
// as submit does, and returns the ID of the case it made.
func (e *env) submitCase(text, name, email string) string {
	e.t.Helper()
	_, token := e.submit(text, name, email, "")
	return e.caseByToken(token).ID.String()
}

// csrf returns the CSRF token on a staff page.
func csrf(t *testing.T, body string) string { return hidden(t, body, "csrf") }

// element is a start tag of a parsed page.
type element struct {
	name  string
	attrs map[string]string
	text  string // for script and style: their content
}

// htmlTokens reads body leniently as HTML (unclosed elements, HTML
// entities) and calls f with each of its tokens, in order.
func htmlTokens(t *testing.T, body string, f func(xml.Token)) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(body))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		require.NoError(t, err)
		f(tok)
	}
}

// parseHTML reads the page leniently as HTML and returns its elements.
func parseHTML(t *testing.T, body string) []element {
	t.Helper()
	var out []element
	var open []int
	htmlTokens(t, body, func(tok xml.Token) {
		switch tk := tok.(type) {
		case xml.StartElement:
			el := element{name: strings.ToLower(tk.Name.Local), attrs: map[string]string{}}
			for _, a := range tk.Attr {
				name := strings.ToLower(a.Name.Local)
				if a.Name.Space != "" {
					name = strings.ToLower(a.Name.Space) + ":" + name
				}
				el.attrs[name] = a.Value
			}
			out = append(out, el)
			open = append(open, len(out)-1)
		case xml.EndElement:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case xml.CharData:
			if len(open) > 0 {
				i := open[len(open)-1]
				if out[i].name == "script" || out[i].name == "style" {
					out[i].text += string(tk)
				}
			}
		}
	})
	return out
}

// assertStrictCSP asserts that a page needs nothing the site's CSP forbids,
// and that nothing in it can run script: no inline script, no <style>, no
// style attribute, no event-handler attribute, no javascript: URL.
func assertStrictCSP(t *testing.T, body string) {
	t.Helper()
	els := parseHTML(t, body)
	require.NotEmpty(t, els)
	for _, el := range els {
		require.NotEqual(t, "style", el.name, "a <style> element")
		if el.name == "script" {
			require.NotEmpty(t, el.attrs["src"], "an inline <script>")
			require.Empty(t, strings.TrimSpace(el.text), "a <script src> with content")
		}
		for name, v := range el.attrs {
			require.NotEqual(t, "style", name, "a style attribute on <%s>", el.name)
			require.False(t, strings.HasPrefix(name, "on"), "an event-handler attribute %s on <%s>", name, el.name)
			if name == "href" || name == "src" || name == "action" {
				require.False(t, strings.HasPrefix(strings.ToLower(strings.TrimSpace(v)), "javascript:"), "a javascript: URL")
			}
		}
	}
}

// insertRaw stores a case built by hand, bypassing validation, as data
// from another source might arrive.
func (e *env) insertRaw(text string, contact *feedback.Contact) feedback.Case {
	e.t.Helper()
	c, err := feedback.Intake(feedback.Submission{
		IdempotencyKey: uuid.NewString(), Channel: servicerules.Email, Text: "Hej, jag vill klaga på snöröjningen.",
	}, e.clock.Now(), e.policy)
	require.NoError(e.t, err)
	c.Text = text
	c.Contact = contact
	stored, created, err := e.store.Insert(context.Background(), c)
	require.NoError(e.t, err)
	require.True(e.t, created)
	return stored
}

// newHandlerWithAPI makes a second handler on e's store that takes its form
// in through api (nil: a Handler of its own).
func newHandlerWithAPI(e *env, api *httpapi.Handler) (http.Handler, error) {
	return webui.New(webui.Config{
		Store: e.store, Policy: e.policy, StaffToken: staffToken, FormKey: formKey,
		Now: e.clock.Now, API: api,
	})
}

// postTo posts a form to h directly.
func postTo(h http.Handler, path string, form url.Values) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}
