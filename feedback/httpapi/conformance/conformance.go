// Package conformance is the conformance suite of the kommunkit feedback
// API (package feedback/httpapi), written once and run against any base
// URL: examples/site started as a real process, the Cloudflare Worker in
// workerd, or an httptest.Server.
//
//	func TestAPI(t *testing.T) {
//		conformance.Run(t, conformance.Target{
//			BaseURL:    "http://127.0.0.1:8080",
//			StaffToken: os.Getenv("KOMMUNKIT_STAFF_TOKEN"),
//		})
//	}
//
// It covers every status code of the API (200, 201, 400, 401, 404, 405,
// 409, 413, 415, 429), idempotency (sequential and concurrent retries),
// the token privacy rule, staff authentication (no token, a wrong token, a
// wrong scheme), redaction in staff lists, the honeypot and form stamps,
// the Open311 GeoReport v2 field names, and XSS payloads stored and shown
// back inert: escaped in JSON, and escaped in the staff HTML pages named in
// Target.StaffPages.
//
// The suite writes cases to the target's database; run it against a
// database made for the test.
package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
)

// A Target is an API to check.
type Target struct {
	// BaseURL is where the API is, without a trailing slash:
	// "http://127.0.0.1:8080". Its routes are BaseURL+"/api/…" and
	// BaseURL+"/open311/…".
	BaseURL string
	// StaffToken is the staff secret of the target.
	StaffToken string
	// StampKey is the target's form stamp key, when the test knows it: the
	// suite then makes stamps of any age (a fresh one, one of 25 hours, a
	// forged one). Without it the suite takes a stamp from
	// GET /api/form-stamp and waits httpapi.MinFormAge before it uses it.
	StampKey []byte
	// NoFormStamps says the target has no stamp key: GET /api/form-stamp is
	// then 404 and stamps are refused as invalid.
	NoFormStamps bool
	// RateLimitedURL, when set, is the base URL of the same API with a rate
	// limit of RateLimit requests per minute per client (for 429). The
	// suite runs out the limit there, so it must not be BaseURL unless
	// BaseURL is only used by this check. Leave it empty and the 429 check
	// is left out (Run logs that).
	RateLimitedURL string
	RateLimit      int
	// StaffPages are paths of staff HTML pages ("/staff") to check for
	// inert XSS payloads after the suite has stored them. They are fetched
	// with "Authorization: Bearer <StaffToken>". A path with "{id}" in it
	// ("/staff/case/{id}") is checked once for each case holding a payload.
	StaffPages []string
	// Client makes the requests; nil means a client with a 30 s timeout.
	Client *http.Client
}

// XSSPayloads are the texts the suite stores and expects to see back inert.
var XSSPayloads = []string{
	`<script>alert("xss-1")</script>`,
	`"><img src=x onerror=alert('xss-2')>`,
	`</textarea></title><svg onload=alert(3)>`,
	`javascript:alert(4)//<a href="javascript:alert(5)">x</a>`,
	`{{constructor.constructor('alert(6)')()}} ${alert(7)} <iframe srcdoc="<script>alert(8)</script>">`,
	"\u2028\u2029<style>*{display:none}</style>",
}

// suite carries a Target through the checks.
type suite struct {
	Target
	c *http.Client
}

// Run runs the whole suite against tg as subtests of t.
func Run(t *testing.T, tg Target) {
	require.NotEmpty(t, tg.BaseURL, "Target.BaseURL")
	require.NotEmpty(t, tg.StaffToken, "Target.StaffToken")
	tg.BaseURL = strings.TrimSuffix(tg.BaseURL, "/")
	tg.RateLimitedURL = strings.TrimSuffix(tg.RateLimitedURL, "/")
	s := &suite{Target: tg, c: tg.Client}
	if s.c == nil {
		s.c = &http.Client{Timeout: 30 * time.Second}
	}
	t.Run("Submit", s.testSubmit)
	t.Run("Idempotency", s.testIdempotency)
	t.Run("ConcurrentRetries", s.testConcurrentRetries)
	t.Run("Validation400", s.testValidation)
	t.Run("BodyTooLarge413", s.testTooLarge)
	t.Run("UnsupportedMediaType415", s.testMediaType)
	t.Run("MethodsAndRoutes", s.testMethods)
	t.Run("CitizenView", s.testCitizenView)
	t.Run("TokenPrivacy", s.testTokenPrivacy)
	t.Run("StaffAuth", s.testStaffAuth)
	t.Run("StaffListRedacted", s.testStaffRedaction)
	t.Run("StaffFilters", s.testStaffFilters)
	t.Run("Transitions", s.testTransitions)
	t.Run("Stats", s.testStats)
	t.Run("StaffInputSecurity", s.testStaffInputSecurity)
	t.Run("Classify", s.testClassify)
	t.Run("Policy", s.testPolicy)
	t.Run("Honeypot", s.testHoneypot)
	t.Run("FormStamps", s.testFormStamps)
	t.Run("Open311", s.testOpen311)
	t.Run("XSS", s.testXSS)
	t.Run("KeyReuse", s.testKeyReuse)
	t.Run("Open311DerivedKey", s.testOpen311DerivedKey)
	t.Run("Open311PublicViews", s.testOpen311PublicViews)
	t.Run("DateBounds", s.testDateBounds)
	t.Run("DuplicateKeys", s.testDuplicateKeys)
	if tg.RateLimitedURL != "" {
		t.Run("RateLimit429", s.testRateLimit)
		t.Run("StampReplay", func(t *testing.T) { s.testStampReplay(t, s.RateLimitedURL) })
	} else {
		t.Log("conformance: Target.RateLimitedURL is empty: the 429 check was not run")
	}
}

// response is an answer read whole.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) String() string {
	return http.StatusText(r.Status) + " " + string(r.Body)
}

type header map[string]string

func (s *suite) do(t *testing.T, c *http.Client, base, method, path string, h header, body []byte) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, base+path, rd)
	require.NoError(t, err)
	for k, v := range h {
		req.Header.Set(k, v)
	}
	if c == nil {
		c = s.c
	}
	resp, err := c.Do(req)
	require.NoError(t, err, "%s %s", method, path)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

func (s *suite) get(t *testing.T, path string, h header) response {
	t.Helper()
	return s.do(t, nil, s.BaseURL, http.MethodGet, path, h, nil)
}

func (s *suite) postJSON(t *testing.T, path string, v any, h header) response {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	hh := header{"Content-Type": "application/json"}
	for k, x := range h {
		hh[k] = x
	}
	return s.do(t, nil, s.BaseURL, http.MethodPost, path, hh, b)
}

func (s *suite) staff() header { return header{"Authorization": "Bearer " + s.StaffToken} }

// submission is a valid body for POST /api/feedback.
func submission(text string) map[string]any {
	return map[string]any{
		"text":            text,
		"channel":         "web",
		"contact":         map[string]any{"name": "Anna Andersson", "email": "anna@example.se"},
		"idempotency_key": uuid.NewString(),
	}
}

// ack is the body of 201 and 200 on POST /api/feedback.
type ack struct {
	ID       string `json:"id"`
	Token    string `json:"token"`
	Kind     string `json:"kind"`
	Language string `json:"language"`
	Receipt  struct {
		Message string  `json:"message"`
		Due     *string `json:"due"`
	} `json:"receipt"`
}

func (s *suite) submit(t *testing.T, body map[string]any) (ack, response) {
	t.Helper()
	r := s.postJSON(t, "/api/feedback", body, nil)
	require.Equal(t, http.StatusCreated, r.Status, "POST /api/feedback: %s", r)
	var a ack
	requireJSON(t, r, &a)
	return a, r
}

func requireJSON(t *testing.T, r response, v any) {
	t.Helper()
	ct := r.Header.Get("Content-Type")
	require.True(t, strings.HasPrefix(ct, "application/json"), "Content-Type %q, body %s", ct, r.Body)
	require.NoError(t, json.Unmarshal(r.Body, v), "body %s", r.Body)
}

// problem is the body of every error outside Open311.
type problem struct {
	Status    int    `json:"status"`
	Error     string `json:"error"`
	Message   string `json:"message"`
	MessageSV string `json:"message_sv"`
	Fields    []struct {
		Field string `json:"field"`
		Code  string `json:"code"`
	} `json:"fields"`
	RetryAfter int `json:"retry_after"`
}

func (p problem) fieldCodes() map[string]string {
	m := map[string]string{}
	for _, f := range p.Fields {
		if _, ok := m[f.Field]; !ok {
			m[f.Field] = f.Code
		}
	}
	return m
}

// requireProblem checks that r is an error with status and JSON code.
func requireProblem(t *testing.T, r response, status int, code string) problem {
	t.Helper()
	require.Equal(t, status, r.Status, "body %s", r.Body)
	var p problem
	requireJSON(t, r, &p)
	assert.Equal(t, status, p.Status)
	assert.Equal(t, code, p.Error, "body %s", r.Body)
	assert.NotEmpty(t, p.Message)
	assert.NotEmpty(t, p.MessageSV)
	return p
}

func requireRFC3339(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err, "not RFC 3339: %q", s)
	return tm
}

func (s *suite) testSubmit(t *testing.T) {
	before := time.Now().Add(-time.Minute)
	a, r := s.submit(t, submission("Jag är mycket nöjd med hur snabbt ni lagade gatlyktan. Tack!"))
	_, err := uuid.Parse(a.ID)
	require.NoError(t, err, "id %q", a.ID)
	_, err = uuid.Parse(a.Token)
	require.NoError(t, err, "token %q", a.Token)
	assert.NotEqual(t, a.ID, a.Token, "the token is not the ID")
	assert.Equal(t, "praise", a.Kind)
	assert.Equal(t, "sv", a.Language)
	assert.NotEmpty(t, a.Receipt.Message)
	require.NotNil(t, a.Receipt.Due, "a reply is owed to a person with an e-mail address: %s", r.Body)
	assert.True(t, requireRFC3339(t, *a.Receipt.Due).After(before))

	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(r.Body, &raw))
	for _, k := range []string{"id", "token", "kind", "language", "receipt"} {
		assert.Contains(t, raw, k)
	}
	var rec map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw["receipt"], &rec))
	assert.Contains(t, rec, "message")
	assert.Contains(t, rec, "due")

	// Anonymous: no reply owed, due is null (and present).
	body := submission("Parkbänkarna vid sjön borde målas om, de ser slitna ut.")
	delete(body, "contact")
	b, r := s.submit(t, body)
	assert.Nil(t, b.Receipt.Due, "anonymous feedback gets due null: %s", r.Body)
	require.NoError(t, json.Unmarshal(r.Body, &raw))
	require.NoError(t, json.Unmarshal(raw["receipt"], &rec))
	assert.Equal(t, "null", string(rec["due"]))

	// Language given by the client, and a Finnish text.
	body = submission("Kiitos, palvelu kirjastossa oli erinomaista.")
	body["language"] = "fi"
	c, _ := s.submit(t, body)
	assert.Equal(t, "fi", c.Language)

	// The charset parameter is fine.
	rr := s.do(t, nil, s.BaseURL, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json; charset=utf-8"},
		mustJSON(t, submission("Förslag: fler papperskorgar vid busshållplatsen.")))
	assert.Equal(t, http.StatusCreated, rr.Status, "%s", rr)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

func (s *suite) testIdempotency(t *testing.T) {
	body := submission("Snöröjningen på Storgatan har inte gjorts på tre dagar. Det är farligt.")
	first, r1 := s.submit(t, body)
	r2 := s.postJSON(t, "/api/feedback", body, nil)
	require.Equal(t, http.StatusOK, r2.Status, "a retry answers 200: %s", r2)
	assert.JSONEq(t, string(r1.Body), string(r2.Body), "a retry gets the same body")

	// The key in upper case is the same key: the same body is a retry.
	body3 := submission(body["text"].(string))
	body3["idempotency_key"] = strings.ToUpper(body["idempotency_key"].(string))
	r4 := s.postJSON(t, "/api/feedback", body3, nil)
	require.Equal(t, http.StatusOK, r4.Status, "%s", r4)
	assert.JSONEq(t, string(r1.Body), string(r4.Body))

	// The same key with other content is not a retry: 409, and nothing of
	// the stored case (see KeyReuse in security.go).
	body2 := submission("Helt annan text, men samma nyckel.")
	body2["idempotency_key"] = body3["idempotency_key"]
	r3 := s.postJSON(t, "/api/feedback", body2, nil)
	requireProblem(t, r3, http.StatusConflict, "idempotency_key_reused")
	assert.NotContains(t, string(r3.Body), first.Token)
	assert.NotContains(t, string(r3.Body), first.ID)

	// Nothing was stored twice: the case has one history entry and the
	// first text.
	cr := s.get(t, "/api/staff/cases/"+first.ID, s.staff())
	require.Equal(t, http.StatusOK, cr.Status, "%s", cr)
	var sc struct {
		Text    string            `json:"text"`
		History []json.RawMessage `json:"history"`
	}
	requireJSON(t, cr, &sc)
	assert.Equal(t, body["text"], sc.Text)
	assert.Len(t, sc.History, 1)
	// And the list holds it once.
	lr := s.get(t, "/api/staff/cases?limit=100000", s.staff())
	require.Equal(t, http.StatusOK, lr.Status, "%s", lr)
	assert.Equal(t, 1, strings.Count(string(lr.Body), `"id":"`+first.ID+`"`))
}

func (s *suite) testConcurrentRetries(t *testing.T) {
	body := mustJSON(t, submission("Tack för den fina nya lekplatsen i parken!"))
	const n = 12
	type result struct {
		status int
		body   []byte
		err    error
	}
	results := make(chan result, n)
	start := make(chan struct{})
	for range n {
		go func() {
			<-start
			req, err := http.NewRequest(http.MethodPost, s.BaseURL+"/api/feedback", bytes.NewReader(body))
			if err != nil {
				results <- result{err: err}
				return
			}
			req.Header.Set("Content-Type", "application/json")
			resp, err := s.c.Do(req)
			if err != nil {
				results <- result{err: err}
				return
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			results <- result{status: resp.StatusCode, body: b, err: err}
		}()
	}
	close(start)
	created, ok := 0, 0
	var first []byte
	for range n {
		r := <-results
		require.NoError(t, r.err)
		switch r.status {
		case http.StatusCreated:
			created++
		case http.StatusOK:
			ok++
		default:
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		if first == nil {
			first = r.body
		} else {
			assert.JSONEq(t, string(first), string(r.body), "every retry gets the same case")
		}
	}
	assert.Equal(t, 1, created, "exactly one 201")
	assert.Equal(t, n-1, ok)
}

func (s *suite) testValidation(t *testing.T) {
	cases := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"missing text", map[string]any{"channel": "web", "idempotency_key": uuid.NewString()}, []string{"text"}},
		{"blank text", map[string]any{"text": "   \n ", "channel": "web", "idempotency_key": uuid.NewString()}, []string{"text"}},
		{"unknown channel", map[string]any{"text": "Hej", "channel": "pigeon", "idempotency_key": uuid.NewString()}, []string{"channel"}},
		{"missing key", map[string]any{"text": "Hej", "channel": "web"}, []string{"idempotency_key"}},
		{"bad key", map[string]any{"text": "Hej", "channel": "web", "idempotency_key": "not-a-uuid"}, []string{"idempotency_key"}},
		{"bad contact", map[string]any{"text": "Hej", "channel": "web", "idempotency_key": uuid.NewString(),
			"contact": map[string]any{"email": "nope@", "phone": "abc"}}, []string{"contact.email", "contact.phone"}},
		{"bad language", map[string]any{"text": "Hej", "channel": "web", "language": "klingon", "idempotency_key": uuid.NewString()}, []string{"language"}},
		{"bad recipient", map[string]any{"text": "Hej", "channel": "web", "recipient": "the king", "idempotency_key": uuid.NewString()}, []string{"recipient"}},
		{"bad date", map[string]any{"text": "Jag vill överklaga beslutet", "channel": "web", "decision_received": "2026-02-30", "idempotency_key": uuid.NewString()}, []string{"decision_received"}},
		{"control characters", map[string]any{"text": "Hej\u0000där", "channel": "web", "idempotency_key": uuid.NewString()}, []string{"text"}},
		{"bidi override", map[string]any{"text": "Hej \u202edär", "channel": "web", "idempotency_key": uuid.NewString()}, []string{"text"}},
		{"everything", map[string]any{}, []string{"text", "channel", "idempotency_key"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := s.postJSON(t, "/api/feedback", tc.body, nil)
			p := requireProblem(t, r, http.StatusBadRequest, "invalid_submission")
			codes := p.fieldCodes()
			for _, f := range tc.fields {
				assert.Contains(t, codes, f, "the error names the field %s: %s", f, r.Body)
			}
			assert.Len(t, codes, len(tc.fields), "only the bad fields: %s", r.Body)
		})
	}
	t.Run("not JSON", func(t *testing.T) {
		r := s.do(t, nil, s.BaseURL, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json"}, []byte(`{"text": "unterminated`))
		requireProblem(t, r, http.StatusBadRequest, "invalid_json")
	})
	t.Run("wrong type", func(t *testing.T) {
		r := s.do(t, nil, s.BaseURL, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json"}, []byte(`{"text": 42, "channel": "web"}`))
		p := requireProblem(t, r, http.StatusBadRequest, "invalid_json")
		assert.Contains(t, p.fieldCodes(), "text")
	})
	t.Run("array", func(t *testing.T) {
		r := s.do(t, nil, s.BaseURL, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json"}, []byte(`[1,2]`))
		requireProblem(t, r, http.StatusBadRequest, "invalid_json")
	})
	t.Run("text too long", func(t *testing.T) {
		body := submission(strings.Repeat("ö", 10001)) // 20 KB: under the body limit, over the text limit
		r := s.postJSON(t, "/api/feedback", body, nil)
		p := requireProblem(t, r, http.StatusBadRequest, "invalid_submission")
		assert.Equal(t, "too_long", p.fieldCodes()["text"])
	})
}

func (s *suite) testTooLarge(t *testing.T) {
	big := submission(strings.Repeat("a", httpapi.MaxBodyBytes))
	r := s.postJSON(t, "/api/feedback", big, nil)
	requireProblem(t, r, http.StatusRequestEntityTooLarge, "body_too_large")

	// Without a Content-Length (chunked), the limit still holds.
	req, err := http.NewRequest(http.MethodPost, s.BaseURL+"/api/feedback", io.MultiReader(bytes.NewReader(mustJSON(t, big))))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	resp, err := s.c.Do(req)
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	requireProblem(t, response{Status: resp.StatusCode, Header: resp.Header, Body: b}, http.StatusRequestEntityTooLarge, "body_too_large")

	r = s.postJSON(t, "/api/classify", map[string]any{"text": strings.Repeat("b", httpapi.MaxBodyBytes)}, nil)
	requireProblem(t, r, http.StatusRequestEntityTooLarge, "body_too_large")

	// Just under the limit is read (and refused for the text's length).
	under := submission(strings.Repeat("c", httpapi.MaxBodyBytes-200))
	r = s.postJSON(t, "/api/feedback", under, nil)
	requireProblem(t, r, http.StatusBadRequest, "invalid_submission")
}

func (s *suite) testMediaType(t *testing.T) {
	body := mustJSON(t, submission("Hej"))
	for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"} {
		t.Run("type "+ct, func(t *testing.T) {
			h := header{}
			if ct != "" {
				h["Content-Type"] = ct
			}
			r := s.do(t, nil, s.BaseURL, http.MethodPost, "/api/feedback", h, body)
			requireProblem(t, r, http.StatusUnsupportedMediaType, "unsupported_media_type")
			r = s.do(t, nil, s.BaseURL, http.MethodPost, "/api/classify", h, body)
			requireProblem(t, r, http.StatusUnsupportedMediaType, "unsupported_media_type")
		})
	}
}

func (s *suite) testMethods(t *testing.T) {
	r := s.get(t, "/api/feedback", nil)
	requireProblem(t, r, http.StatusMethodNotAllowed, "method_not_allowed")
	assert.Contains(t, r.Header.Get("Allow"), "POST")
	r = s.do(t, nil, s.BaseURL, http.MethodDelete, "/api/feedback/"+uuid.NewString(), nil, nil)
	requireProblem(t, r, http.StatusMethodNotAllowed, "method_not_allowed")
	r = s.get(t, "/api/no-such-route", nil)
	requireProblem(t, r, http.StatusNotFound, "not_found")
	r = s.get(t, "/open311/v2/no-such.json", nil)
	require.Equal(t, http.StatusNotFound, r.Status)
	var o311 []map[string]any
	requireJSON(t, r, &o311)
}

// citizenKeys are the only keys the citizen view may have.
var citizenKeys = map[string]bool{
	"token": true, "status": true, "status_name": true, "kind": true, "language": true, "received": true,
	"due": true, "interim_text": true, "reply_text": true, "answered_at": true,
}

func (s *suite) testCitizenView(t *testing.T) {
	body := submission("Varför har ni stängt biblioteket på lördagar? Jag undrar när det öppnar igen.")
	body["contact"] = map[string]any{"name": "Karin Secret", "email": "karin.secret@example.se", "phone": "070-123 45 67"}
	a, _ := s.submit(t, body)
	r := s.get(t, "/api/feedback/"+a.Token, nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	var v map[string]json.RawMessage
	requireJSON(t, r, &v)
	for k := range v {
		assert.True(t, citizenKeys[k], "the citizen view has no key %q", k)
	}
	assert.Equal(t, `"`+a.Token+`"`, string(v["token"]))
	assert.Equal(t, `"received"`, string(v["status"]))
	assert.Contains(t, v, "due")
	raw := string(r.Body)
	for _, secret := range []string{"Karin", "karin.secret", "070-123", "biblioteket", a.ID} {
		assert.NotContains(t, raw, secret, "the citizen view shows no text, contact or ID")
	}
	assert.Equal(t, "no-store", r.Header.Get("Cache-Control"))
}

func (s *suite) testTokenPrivacy(t *testing.T) {
	a, _ := s.submit(t, submission("Bussen kom inte i morse, igen. Det är tredje gången."))
	notFound := func(path string) response {
		t.Helper()
		r := s.get(t, path, nil)
		requireProblem(t, r, http.StatusNotFound, "not_found")
		return r
	}
	r1 := notFound("/api/feedback/" + uuid.NewString())
	r2 := notFound("/api/feedback/" + a.ID) // the case ID is not a token
	r3 := notFound("/api/feedback/not-a-token")
	r4 := notFound("/api/feedback/" + strings.ToUpper(uuid.NewString()))
	notFound("/api/feedback/" + url.PathEscape("' OR '1'='1"))
	notFound("/api/feedback/" + a.Token[:35])
	// Every miss is the same: nothing tells a wrong token from a case ID.
	assert.Equal(t, string(r1.Body), string(r2.Body))
	assert.Equal(t, string(r1.Body), string(r3.Body))
	assert.Equal(t, string(r1.Body), string(r4.Body))
	// The token reads only its own case.
	b, _ := s.submit(t, submission("Tack för hjälpen i receptionen igår."))
	ra := s.get(t, "/api/feedback/"+a.Token, nil)
	rb := s.get(t, "/api/feedback/"+b.Token, nil)
	require.Equal(t, http.StatusOK, ra.Status)
	require.Equal(t, http.StatusOK, rb.Status)
	assert.Contains(t, string(ra.Body), a.Token)
	assert.NotContains(t, string(ra.Body), b.Token)
	// A token does not open the staff routes.
	r := s.get(t, "/api/staff/cases/"+a.ID, header{"Authorization": "Bearer " + a.Token})
	requireProblem(t, r, http.StatusUnauthorized, "unauthorized")
	// Open311 shows only Open311 requests: a synpunkt's ID is not found.
	r = s.get(t, "/open311/v2/requests/"+a.ID+".json", nil)
	require.Equal(t, http.StatusNotFound, r.Status, "%s", r)
}

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
				assert.Contains(t, r.Header.Get("WWW-Authenticate"), "Bearer")
				assert.NotContains(t, string(r.Body), a.ID)
			})
		}
	}
	// The case is untouched by the refused transitions.
	r := s.get(t, "/api/staff/cases/"+a.ID, s.staff())
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	assert.Contains(t, string(r.Body), `"status":"received"`)
	// Lower-case scheme is fine (RFC 7235: the scheme is case-insensitive).
	r = s.get(t, "/api/staff/cases/"+a.ID, header{"Authorization": "bearer " + s.StaffToken})
	assert.Equal(t, http.StatusOK, r.Status)
}

func (s *suite) testStaffRedaction(t *testing.T) {
	pnr := "19811218-9876"
	body := submission("Min son (personnummer " + pnr + ") fick inte plats i förskolan. Ring mig på 070-765 43 21 eller skriv till privat.adress@example.se. Jag är missnöjd.")
	body["contact"] = map[string]any{"name": "Bertil Hemlig", "email": "bertil.hemlig@example.se", "phone": "070-111 22 33"}
	a, _ := s.submit(t, body)
	r := s.get(t, "/api/staff/cases?limit=100000", s.staff())
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
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
		assert.NotContains(t, c, "token", "lists show no receipt tokens")
	}
	require.NotNil(t, found, "the case is in the list")
	raw := string(r.Body)
	for _, secret := range []string{pnr, "070-765 43 21", "privat.adress@example.se", "Bertil", "bertil.hemlig@example.se", "070-111 22 33", a.Token} {
		assert.NotContains(t, raw, secret, "lists are redacted")
	}
	assert.Contains(t, string(found["text"]), "förskolan", "the rest of the text is kept")
	// The single case has everything.
	r = s.get(t, "/api/staff/cases/"+a.ID, s.staff())
	require.Equal(t, http.StatusOK, r.Status)
	var one struct {
		Text    string            `json:"text"`
		Token   string            `json:"token"`
		Contact map[string]string `json:"contact"`
		Next    []string          `json:"next"`
		History []json.RawMessage `json:"history"`
	}
	requireJSON(t, r, &one)
	assert.Equal(t, body["text"], one.Text)
	assert.Equal(t, a.Token, one.Token)
	assert.Equal(t, "bertil.hemlig@example.se", one.Contact["email"])
	assert.NotEmpty(t, one.Next)
	assert.Len(t, one.History, 1)
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
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", q, r)
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
	assert.True(t, has(byChannel, a.ID))
	for _, c := range byChannel {
		assert.Equal(t, "email", c["channel"])
	}
	assert.False(t, has(list("channel=phone&limit=100000"), a.ID))
	byKind := list("kind=" + a.Kind + "&limit=100000")
	assert.True(t, has(byKind, a.ID))
	for _, c := range byKind {
		assert.Equal(t, a.Kind, c["kind"])
	}
	byStatus := list("status=received,registered&limit=100000")
	assert.True(t, has(byStatus, a.ID))
	for _, c := range byStatus {
		assert.Contains(t, []any{"received", "registered"}, c["status"])
	}
	assert.False(t, has(list("status=closed&limit=100000"), a.ID))
	for _, c := range list("overdue=true&limit=100000") {
		assert.Equal(t, true, c["overdue"])
	}
	assert.False(t, has(list("overdue=true&limit=100000"), a.ID), "a case just received is not overdue")
	today := calendar.DateOf(time.Now()).String() // the day in Europe/Stockholm, as the API reads dates
	assert.True(t, has(list("from="+today+"&limit=100000"), a.ID))
	// Sorted by due time, cases without one last.
	var last time.Time
	noneSeen := false
	for _, c := range list("limit=100000") {
		d, ok := c["due"].(string)
		if !ok {
			noneSeen = true
			continue
		}
		assert.False(t, noneSeen, "cases with a due time come before those without")
		tm := requireRFC3339(t, d)
		assert.False(t, tm.Before(last), "sorted by due time")
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
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	var sc map[string]any
	requireJSON(t, r, &sc)
	assert.Equal(t, "registered", sc["status"])
	assert.Equal(t, "KS 2026/0042", sc["diary_number"])

	promised := time.Now().Add(72 * time.Hour).Format(time.RFC3339)
	r = s.transition(t, a.ID, map[string]any{"to": "interim_sent", "text": "Vi utreder saken och svarar senast på torsdag.", "promised": promised})
	require.Equal(t, http.StatusOK, r.Status, "%s", r)

	reply := "Hej! Hämtningen missades på grund av ett fordonsfel. Den görs i morgon. Vi ber om ursäkt."
	r = s.transition(t, a.ID, map[string]any{"to": "answered", "text": reply})
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	requireJSON(t, r, &sc)
	assert.Equal(t, "answered", sc["status"])
	assert.Equal(t, reply, sc["reply_text"])
	assert.Len(t, sc["history"], 4)

	// The citizen sees the reply.
	cr := s.get(t, path, nil)
	require.Equal(t, http.StatusOK, cr.Status)
	var v map[string]any
	requireJSON(t, cr, &v)
	assert.Equal(t, "answered", v["status"])
	assert.Equal(t, reply, v["reply_text"])
	assert.Nil(t, v["due"], "no due time after the answer")
	requireRFC3339(t, v["answered_at"].(string))

	// Illegal: back to registered; answered without text; unknown status.
	requireProblem(t, s.transition(t, a.ID, map[string]any{"to": "registered"}), http.StatusConflict, "illegal_transition")
	r = s.transition(t, a.ID, map[string]any{"to": "closed"})
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
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
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	cr = s.get(t, "/api/feedback/"+b.Token, nil)
	assert.Contains(t, string(cr.Body), `"status":"waiting"`)
}

func (s *suite) testStats(t *testing.T) {
	s.submit(t, submission("Bra jobbat med den nya cykelbanan!"))
	r := s.get(t, "/api/staff/stats", s.staff())
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
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
		assert.Contains(t, st.Total, k)
	}
	assert.GreaterOrEqual(t, st.Total["received"], float64(1))
	assert.NotEmpty(t, st.ByKind)
	assert.NotEmpty(t, st.ByChannel)
	assert.NotEmpty(t, st.Weeks)
	sum := 0
	for _, w := range st.Weeks {
		assert.Regexp(t, `^\d{4}-W\d{2}$`, w.Week)
		sum += w.Received
	}
	assert.Equal(t, st.Total["received"], float64(sum), "the weeks add up to the total")

	r = s.get(t, "/api/staff/stats?from=2020-01-01&to=2020-12-31", s.staff())
	require.Equal(t, http.StatusOK, r.Status)
	requireJSON(t, r, &st)
	assert.Equal(t, float64(0), st.Total["received"])
	requireProblem(t, s.get(t, "/api/staff/stats?from=yesterday", s.staff()), http.StatusBadRequest, "invalid_query")

	r = s.get(t, "/api/staff/stats.csv", s.staff())
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	assert.True(t, strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv"), r.Header.Get("Content-Type"))
	lines := strings.Split(strings.TrimSpace(string(r.Body)), "\n")
	require.GreaterOrEqual(t, len(lines), 2)
	assert.True(t, strings.HasPrefix(lines[0], "dimension,"), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "total,"), lines[1])
	r = s.get(t, "/api/staff/overdue.csv", s.staff())
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	assert.True(t, strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv"))
	assert.True(t, strings.HasPrefix(string(r.Body), "id,"), "%s", r.Body)
}

func (s *suite) testClassify(t *testing.T) {
	cases := []struct{ text, kind string }{
		{"Jag vill överklaga beslutet om bygglov som jag fick förra veckan.", "appeal"},
		{"Tack för ett fantastiskt bemötande i receptionen!", "praise"},
	}
	for _, tc := range cases {
		r := s.postJSON(t, "/api/classify", map[string]any{"text": tc.text}, nil)
		require.Equal(t, http.StatusOK, r.Status, "%s", r)
		var c struct {
			Kind       string  `json:"kind"`
			Language   string  `json:"language"`
			Confidence float64 `json:"confidence"`
			Synpunkt   bool    `json:"synpunkt"`
			Reasons    []struct {
				Cue  string `json:"cue"`
				Kind string `json:"kind"`
			} `json:"reasons"`
			Guidance struct {
				Message  string  `json:"message"`
				Due      *string `json:"due"`
				AppealBy *string `json:"appeal_by"`
			} `json:"guidance"`
		}
		requireJSON(t, r, &c)
		assert.Equal(t, tc.kind, c.Kind, tc.text)
		assert.Equal(t, "sv", c.Language)
		assert.Greater(t, c.Confidence, 0.0)
		assert.NotEmpty(t, c.Reasons)
		assert.NotEmpty(t, c.Guidance.Message)
		if tc.kind == "appeal" {
			assert.False(t, c.Synpunkt)
			require.NotNil(t, c.Guidance.AppealBy, "an appeal has a last day")
			requireRFC3339(t, *c.Guidance.AppealBy)
		} else {
			assert.True(t, c.Synpunkt)
			require.NotNil(t, c.Guidance.Due)
		}
	}
	r := s.postJSON(t, "/api/classify", map[string]any{"text": "Tack!", "anonymous": true}, nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.Contains(t, string(r.Body), `"due":null`)
	p := requireProblem(t, s.postJSON(t, "/api/classify", map[string]any{"text": ""}, nil), http.StatusBadRequest, "invalid_submission")
	assert.Contains(t, p.fieldCodes(), "text")
	requireProblem(t, s.get(t, "/api/classify", nil), http.StatusMethodNotAllowed, "method_not_allowed")
}

func (s *suite) testPolicy(t *testing.T) {
	r := s.get(t, "/api/policy", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	var p struct {
		ID           string              `json:"id"`
		Organisation string              `json:"organisation"`
		OfficeHours  map[string][]string `json:"office_hours"`
		Channels     []struct {
			Channel string            `json:"channel"`
			Name    map[string]string `json:"name"`
			Reply   *struct {
				Limit        string            `json:"limit"`
				LimitText    map[string]string `json:"limit_text"`
				DueIfSentNow *string           `json:"due_if_sent_now"`
			} `json:"reply"`
		} `json:"channels"`
		Contacts []struct {
			Channel string `json:"channel"`
			Address string `json:"address"`
		} `json:"contacts"`
		Languages []string `json:"languages"`
		Now       string   `json:"now"`
	}
	requireJSON(t, r, &p)
	assert.NotEmpty(t, p.ID)
	assert.NotEmpty(t, p.Organisation)
	assert.Len(t, p.OfficeHours, 7)
	assert.NotEmpty(t, p.OfficeHours["monday"])
	require.NotEmpty(t, p.Channels)
	withReply := 0
	for _, ch := range p.Channels {
		assert.NotEmpty(t, ch.Name["sv"])
		assert.NotEmpty(t, ch.Name["fi"])
		assert.NotEmpty(t, ch.Name["en"])
		if ch.Reply != nil {
			withReply++
			assert.NotEmpty(t, ch.Reply.Limit)
			assert.NotEmpty(t, ch.Reply.LimitText["sv"])
			require.NotNil(t, ch.Reply.DueIfSentNow)
			requireRFC3339(t, *ch.Reply.DueIfSentNow)
		}
	}
	assert.Positive(t, withReply, "some channel has a response time")
	assert.Equal(t, "sv", p.Languages[0])
	requireRFC3339(t, p.Now)
}

func (s *suite) testHoneypot(t *testing.T) {
	body := submission("Köp billiga klockor här!")
	body[httpapi.HoneypotField] = "http://spam.example"
	p := requireProblem(t, s.postJSON(t, "/api/feedback", body, nil), http.StatusBadRequest, "invalid_submission")
	assert.Equal(t, httpapi.CodeFilled, p.fieldCodes()[httpapi.HoneypotField])
	// Nothing was stored: the same key without the honeypot is a new case.
	delete(body, httpapi.HoneypotField)
	r := s.postJSON(t, "/api/feedback", body, nil)
	assert.Equal(t, http.StatusCreated, r.Status, "%s", r)
}

// stamp returns a form stamp made `age` ago: minted with StampKey, or taken
// from the target (waiting out MinFormAge when age is at least that).
func (s *suite) stamp(t *testing.T, age time.Duration) string {
	t.Helper()
	if s.StampKey != nil {
		return httpapi.FormStamp(s.StampKey, time.Now().Add(-age))
	}
	r := s.get(t, "/api/form-stamp", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	var fs struct {
		FormStamp string `json:"form_stamp"`
		NotBefore string `json:"not_before"`
		Expires   string `json:"expires"`
	}
	requireJSON(t, r, &fs)
	nb := requireRFC3339(t, fs.NotBefore)
	requireRFC3339(t, fs.Expires)
	if age >= httpapi.MinFormAge {
		time.Sleep(time.Until(nb) + 1100*time.Millisecond)
	}
	return fs.FormStamp
}

func (s *suite) testFormStamps(t *testing.T) {
	withStamp := func(st string) map[string]any {
		b := submission("Tack för att ni ordnade fler parkeringsplatser vid stationen.")
		b[httpapi.FormStampField] = st
		return b
	}
	if s.NoFormStamps {
		requireProblem(t, s.get(t, "/api/form-stamp", nil), http.StatusNotFound, "not_found")
		p := requireProblem(t, s.postJSON(t, "/api/feedback", withStamp("1700000000.AAAA"), nil), http.StatusBadRequest, "invalid_submission")
		assert.Equal(t, "invalid", p.fieldCodes()[httpapi.FormStampField])
		return
	}
	// No stamp: accepted (plain API clients are not refused).
	r := s.postJSON(t, "/api/feedback", submission("Utan stämpel går det också."), nil)
	assert.Equal(t, http.StatusCreated, r.Status, "%s", r)
	// A good stamp.
	r = s.postJSON(t, "/api/feedback", withStamp(s.stamp(t, 10*time.Second)), nil)
	assert.Equal(t, http.StatusCreated, r.Status, "%s", r)
	// Too fast.
	p := requireProblem(t, s.postJSON(t, "/api/feedback", withStamp(s.stamp(t, 0)), nil), http.StatusBadRequest, "invalid_submission")
	assert.Equal(t, httpapi.CodeTooFast, p.fieldCodes()[httpapi.FormStampField])
	// Forged and malformed.
	for _, st := range []string{"1700000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "1700000000.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "garbage", ".", ".."} {
		p = requireProblem(t, s.postJSON(t, "/api/feedback", withStamp(st), nil), http.StatusBadRequest, "invalid_submission")
		assert.Equal(t, "invalid", p.fieldCodes()[httpapi.FormStampField], st)
	}
	if s.StampKey != nil {
		// Expired, and from the future.
		p = requireProblem(t, s.postJSON(t, "/api/feedback", withStamp(s.stamp(t, 25*time.Hour)), nil), http.StatusBadRequest, "invalid_submission")
		assert.Equal(t, httpapi.CodeExpired, p.fieldCodes()[httpapi.FormStampField])
		p = requireProblem(t, s.postJSON(t, "/api/feedback", withStamp(s.stamp(t, -time.Hour)), nil), http.StatusBadRequest, "invalid_submission")
		assert.Equal(t, httpapi.CodeTooFast, p.fieldCodes()[httpapi.FormStampField])
		// A stamp signed with another key.
		other := httpapi.FormStamp([]byte("some other key"), time.Now().Add(-time.Minute))
		p = requireProblem(t, s.postJSON(t, "/api/feedback", withStamp(other), nil), http.StatusBadRequest, "invalid_submission")
		assert.Equal(t, "invalid", p.fieldCodes()[httpapi.FormStampField])
		// A retry is checked as a first submission is: with an expired
		// stamp it is refused, and without one (as the widget retries) it
		// gets the stored answer.
		b := withStamp(s.stamp(t, time.Minute))
		r1 := s.postJSON(t, "/api/feedback", b, nil)
		require.Equal(t, http.StatusCreated, r1.Status, "%s", r1)
		b[httpapi.FormStampField] = s.stamp(t, 48*time.Hour)
		p = requireProblem(t, s.postJSON(t, "/api/feedback", b, nil), http.StatusBadRequest, "invalid_submission")
		assert.Equal(t, httpapi.CodeExpired, p.fieldCodes()[httpapi.FormStampField])
		delete(b, httpapi.FormStampField)
		r2 := s.postJSON(t, "/api/feedback", b, nil)
		require.Equal(t, http.StatusOK, r2.Status, "%s", r2)
		assert.JSONEq(t, string(r1.Body), string(r2.Body))
	}
}

// o311Fields are the GeoReport v2 field names of a service request.
var o311Fields = []string{"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
	"agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
	"address", "address_id", "zipcode", "lat", "long", "media_url"}

func (s *suite) postForm(t *testing.T, path string, v url.Values) response {
	t.Helper()
	return s.do(t, nil, s.BaseURL, http.MethodPost, path, header{"Content-Type": "application/x-www-form-urlencoded"}, []byte(v.Encode()))
}

func (s *suite) testOpen311(t *testing.T) {
	r := s.get(t, "/open311/v2/services.json", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	var services []map[string]any
	requireJSON(t, r, &services)
	require.NotEmpty(t, services)
	for _, sv := range services {
		for _, k := range []string{"service_code", "service_name", "description", "metadata", "type", "keywords", "group"} {
			assert.Contains(t, sv, k)
		}
		assert.Equal(t, false, sv["metadata"])
		assert.Contains(t, []any{"realtime", "batch", "blackbox"}, sv["type"])
	}
	code := services[0]["service_code"].(string)

	desc := "Gatlyktan utanför Storgatan 5 har varit släckt i en vecka. Ring mig på 070-222 33 44."
	form := url.Values{
		"service_code":   {code},
		"description":    {desc},
		"lat":            {"59.178400"},
		"long":           {"17.428100"},
		"address_string": {"Storgatan 5, Nykvarn"},
		"email":          {"rapportor@example.se"},
		"first_name":     {"Rut"},
		"last_name":      {"Rapportör"},
		"device_id":      {"device-" + uuid.NewString()},
	}
	r = s.postForm(t, "/open311/v2/requests.json", form)
	require.Equal(t, http.StatusCreated, r.Status, "%s", r)
	var created []map[string]any
	requireJSON(t, r, &created)
	require.Len(t, created, 1)
	for _, k := range []string{"service_request_id", "service_notice", "account_id"} {
		assert.Contains(t, created[0], k)
	}
	id := created[0]["service_request_id"].(string)
	assert.NotEmpty(t, created[0]["service_notice"])
	// The same request again is the same request.
	r = s.postForm(t, "/open311/v2/requests.json", form)
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	var again []map[string]any
	requireJSON(t, r, &again)
	assert.Equal(t, id, again[0]["service_request_id"])

	r = s.get(t, "/open311/v2/requests/"+id+".json", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	var reqs []map[string]any
	requireJSON(t, r, &reqs)
	require.Len(t, reqs, 1)
	o := reqs[0]
	for _, k := range o311Fields {
		assert.Contains(t, o, k, "GeoReport field %s", k)
	}
	assert.Equal(t, id, o["service_request_id"])
	assert.Equal(t, "open", o["status"])
	assert.Equal(t, code, o["service_code"])
	assert.Equal(t, services[0]["service_name"], o["service_name"])
	assert.Equal(t, "Storgatan 5, Nykvarn", o["address"])
	assert.InDelta(t, 59.1784, o["lat"], 1e-6)
	assert.InDelta(t, 17.4281, o["long"], 1e-6)
	assert.Contains(t, o["description"], "Gatlyktan")
	assert.NotContains(t, o["description"], "070-222 33 44", "the public description is redacted")
	assert.NotContains(t, string(r.Body), "rapportor@example.se")
	assert.NotContains(t, string(r.Body), "Rut")
	requireRFC3339(t, o["requested_datetime"].(string))
	requireRFC3339(t, o["updated_datetime"].(string))
	assert.NotEmpty(t, o["service_notice"])
	// The policy's deadline is the expected time of feedback on the request.
	exp, ok := o["expected_datetime"].(string)
	require.True(t, ok, "expected_datetime holds the policy deadline: %v", o["expected_datetime"])
	expAt, err := time.Parse(time.RFC3339, exp)
	require.NoError(t, err)
	reqAt, err := time.Parse(time.RFC3339, o["requested_datetime"].(string))
	require.NoError(t, err)
	assert.True(t, expAt.After(reqAt), "expected_datetime %s after requested_datetime %s", exp, o["requested_datetime"])

	// A request owed a reply has the policy deadline as expected_datetime.
	q := url.Values{"service_code": {code}, "description": {"Jag undrar varför lampan inte är lagad än? När blir den det?"},
		"address_string": {"Skolvägen 1"}, "email": {"fraga@example.se"}, "idempotency_key": {uuid.NewString()}}
	r = s.postForm(t, "/open311/v2/requests.json", q)
	require.Equal(t, http.StatusCreated, r.Status, "%s", r)
	requireJSON(t, r, &created)
	qid := created[0]["service_request_id"].(string)
	r = s.get(t, "/open311/v2/requests/"+qid+".json", nil)
	require.Equal(t, http.StatusOK, r.Status)
	requireJSON(t, r, &reqs)
	if exp, ok := reqs[0]["expected_datetime"].(string); ok {
		requireRFC3339(t, exp)
	} else {
		assert.Contains(t, reqs[0], "expected_datetime")
	}
	// Answered: closed. The status notes are public, so they are a fixed
	// text and never the staff's reply to the person.
	r = s.transition(t, id, map[string]any{"to": "answered", "text": "Hej Karin Lind! Lampan är lagad. Ring 070-999 88 77 om den släcks igen."})
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	r = s.get(t, "/open311/v2/requests/"+id+".json", nil)
	requireJSON(t, r, &reqs)
	assert.Equal(t, "closed", reqs[0]["status"])
	assert.NotEmpty(t, reqs[0]["status_notes"])
	assert.NotContains(t, reqs[0]["status_notes"], "Karin")
	assert.NotContains(t, reqs[0]["status_notes"], "Lampan är lagad")
	assert.NotContains(t, reqs[0]["status_notes"], "070-999")

	// The list, and its filters.
	r = s.get(t, "/open311/v2/requests.json", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	var list []map[string]any
	requireJSON(t, r, &list)
	ids := map[string]bool{}
	for _, x := range list {
		ids[x["service_request_id"].(string)] = true
		for _, k := range o311Fields {
			assert.Contains(t, x, k)
		}
	}
	assert.True(t, ids[id])
	assert.True(t, ids[qid])
	r = s.get(t, "/open311/v2/requests.json?status=open", nil)
	requireJSON(t, r, &list)
	for _, x := range list {
		assert.Equal(t, "open", x["status"])
		assert.NotEqual(t, id, x["service_request_id"])
	}
	r = s.get(t, "/open311/v2/requests.json?service_request_id="+id+","+qid, nil)
	requireJSON(t, r, &list)
	assert.Len(t, list, 2)
	r = s.get(t, "/open311/v2/requests.json?service_code=no-such-code", nil)
	requireJSON(t, r, &list)
	assert.Empty(t, list)

	// Errors are GeoReport errors.
	o311Err := func(r response, status int) {
		t.Helper()
		require.Equal(t, status, r.Status, "%s", r)
		var errs []struct {
			Code        int    `json:"code"`
			Description string `json:"description"`
		}
		requireJSON(t, r, &errs)
		require.NotEmpty(t, errs)
		assert.Equal(t, status, errs[0].Code)
		assert.NotEmpty(t, errs[0].Description)
	}
	o311Err(s.postForm(t, "/open311/v2/requests.json", url.Values{"description": {"x"}, "lat": {"59"}, "long": {"17"}}), http.StatusBadRequest)
	o311Err(s.postForm(t, "/open311/v2/requests.json", url.Values{"service_code": {"no-such"}, "description": {"x"}, "lat": {"59"}, "long": {"17"}}), http.StatusBadRequest)
	o311Err(s.postForm(t, "/open311/v2/requests.json", url.Values{"service_code": {code}, "description": {"Trasig skylt"}}), http.StatusBadRequest)
	o311Err(s.postForm(t, "/open311/v2/requests.json", url.Values{"service_code": {code}, "description": {"x"}, "lat": {"999"}, "long": {"17"}}), http.StatusBadRequest)
	o311Err(s.do(t, nil, s.BaseURL, http.MethodPost, "/open311/v2/requests.json", header{"Content-Type": "text/plain"}, []byte("service_code=x")), http.StatusUnsupportedMediaType)
	o311Err(s.get(t, "/open311/v2/requests/"+uuid.NewString()+".json", nil), http.StatusNotFound)
	o311Err(s.get(t, "/open311/v2/requests/nope.json", nil), http.StatusNotFound)
	o311Err(s.get(t, "/open311/v2/requests.json?start_date=yesterday", nil), http.StatusBadRequest)
}

func (s *suite) testXSS(t *testing.T) {
	var ids []string
	for i, payload := range XSSPayloads {
		body := submission("Klagomål: " + payload + " slut.")
		body["contact"] = map[string]any{"name": payload, "email": "xss" + string(rune('a'+i)) + "@example.se"}
		a, r := s.submit(t, body)
		assertInertJSON(t, r)
		ids = append(ids, a.ID)
		cr := s.get(t, "/api/feedback/"+a.Token, nil)
		assertInertJSON(t, cr)
		rr := s.transition(t, a.ID, map[string]any{"to": "answered", "text": "Svar: " + payload})
		require.Equal(t, http.StatusOK, rr.Status, "%s", rr)
		assertInertJSON(t, rr)
		// Stored as sent: the JSON string decodes to the payload.
		one := s.get(t, "/api/staff/cases/"+a.ID, s.staff())
		assertInertJSON(t, one)
		var sc struct {
			Text    string            `json:"text"`
			Contact map[string]string `json:"contact"`
		}
		requireJSON(t, one, &sc)
		assert.Equal(t, body["text"], sc.Text, "stored byte for byte")
		assert.Equal(t, strings.TrimSpace(payload), sc.Contact["name"], "stored as sent, less surrounding space")
		cr = s.get(t, "/api/feedback/"+a.Token, nil)
		assertInertJSON(t, cr)
		assert.Contains(t, mustDecode(t, cr.Body)["reply_text"], payload)
	}
	assertInertJSON(t, s.get(t, "/api/staff/cases?limit=100000", s.staff()))
	r := s.postJSON(t, "/api/classify", map[string]any{"text": XSSPayloads[0]}, nil)
	assertInertJSON(t, r)
	// Open311: public and redacted, and still inert.
	form := url.Values{"service_code": {"ovrigt"}, "description": {XSSPayloads[1] + " trasig bänk"}, "address_string": {XSSPayloads[0]}, "media_url": {"https://example.se/a.jpg"}}
	r = s.postForm(t, "/open311/v2/requests.json", form)
	if r.Status == http.StatusNotFound || r.Status == http.StatusBadRequest {
		// Without the "ovrigt" service, use the first one.
		var services []map[string]any
		requireJSON(t, s.get(t, "/open311/v2/services.json", nil), &services)
		form.Set("service_code", services[0]["service_code"].(string))
		r = s.postForm(t, "/open311/v2/requests.json", form)
	}
	require.Equal(t, http.StatusCreated, r.Status, "%s", r)
	assertInertJSON(t, r)
	assertInertJSON(t, s.get(t, "/open311/v2/requests.json", nil))
	r = s.postForm(t, "/open311/v2/requests.json", url.Values{"service_code": {"<script>alert(1)</script>"}, "lat": {"1"}, "long": {"1"}, "description": {"x"}})
	assertInertJSON(t, r)

	var pages []string
	shows := map[string]bool{} // pages that show a payload: it must be there, escaped
	for _, page := range s.StaffPages {
		if !strings.Contains(page, "{id}") {
			pages = append(pages, page)
			continue
		}
		for _, id := range ids {
			p := strings.ReplaceAll(page, "{id}", id)
			pages = append(pages, p)
			shows[p] = true
		}
	}
	for _, page := range pages {
		t.Run("page "+page, func(t *testing.T) {
			r := s.get(t, page, s.staff())
			require.Equal(t, http.StatusOK, r.Status, "%s: %s", page, r.Body)
			assert.True(t, strings.HasPrefix(r.Header.Get("Content-Type"), "text/html"), r.Header.Get("Content-Type"))
			body := string(r.Body)
			for _, payload := range XSSPayloads {
				assert.NotContains(t, body, payload, "a payload appears raw in %s", page)
			}
			for _, raw := range []string{"<script>alert", "<img src=x", "<svg onload", "<iframe", "<style>*", `href="javascript:`} {
				assert.NotContains(t, body, raw, "raw markup from a payload in %s", page)
			}
			if shows[page] {
				assert.Contains(t, body, "&lt;", "the case page shows its payload, escaped")
			}
		})
	}
}

func mustDecode(t *testing.T, b []byte) map[string]string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	out := map[string]string{}
	for k, v := range m {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

// assertInertJSON checks that r is JSON that a browser will not render as
// HTML: the JSON content type, nosniff, and no raw "<" or ">" in the
// bytes (they are escaped as \u003c and \u003e).
func assertInertJSON(t *testing.T, r response) {
	t.Helper()
	assert.True(t, strings.HasPrefix(r.Header.Get("Content-Type"), "application/json"), "Content-Type %q", r.Header.Get("Content-Type"))
	assert.Equal(t, "nosniff", r.Header.Get("X-Content-Type-Options"))
	assert.True(t, json.Valid(r.Body), "valid JSON: %s", r.Body)
	assert.NotContains(t, string(r.Body), "<", "no raw < in JSON")
	assert.NotContains(t, string(r.Body), ">", "no raw > in JSON")
	assert.NotContains(t, string(r.Body), "\u2028", "no raw U+2028 in JSON")
}

// sourceClient returns a client whose connections come from the loopback
// address ip (Linux routes all of 127.0.0.0/8 to lo), so that a rate
// limit that keys on the client's address sees a client of its own; nil
// when the target is not on IPv4 loopback.
func (s *suite) sourceClient(base, ip string) *http.Client {
	u, err := url.Parse(base)
	if err != nil {
		return nil
	}
	host := net.ParseIP(u.Hostname())
	if host == nil || !host.IsLoopback() || host.To4() == nil {
		return nil
	}
	d := &net.Dialer{Timeout: 5 * time.Second, LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}}
	c := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	// Check the source address works here.
	resp, err := c.Get(base + "/api/policy")
	if err != nil {
		return nil
	}
	resp.Body.Close()
	return c
}

func (s *suite) testRateLimit(t *testing.T) {
	require.Positive(t, s.RateLimit, "Target.RateLimit")
	base := s.RateLimitedURL
	send := func(c *http.Client, stamped bool) (int, response) {
		t.Helper()
		for i := 0; i < 4*s.RateLimit+10; i++ {
			b := submission("Förslag nummer " + uuid.NewString())
			if stamped {
				if s.StampKey != nil {
					b[httpapi.FormStampField] = httpapi.FormStamp(s.StampKey, time.Now().Add(-5*time.Second))
				}
			}
			r := s.do(t, c, base, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json"}, mustJSON(t, b))
			if r.Status == http.StatusTooManyRequests {
				return i, r
			}
			require.Equal(t, http.StatusCreated, r.Status, "%s", r)
		}
		t.Fatalf("no 429 after %d submissions at a limit of %d/min", 4*s.RateLimit+10, s.RateLimit)
		return 0, response{}
	}
	a := s.sourceClient(base, "127.0.0.2")
	n, r := send(a, false)
	p := requireProblem(t, r, http.StatusTooManyRequests, "rate_limited")
	assert.Positive(t, p.RetryAfter)
	ra := r.Header.Get("Retry-After")
	require.NotEmpty(t, ra)
	assert.Regexp(t, `^\d+$`, ra)
	// Without a stamp a submission costs NoStampCost requests.
	assert.LessOrEqual(t, n, s.RateLimit/httpapi.NoStampCost+1, "unstamped submissions are limited more strictly")
	// Other routes of the same client are limited too (a request costs
	// one, so the last few requests' worth may still be there), and Open311.
	for i := 0; ; i++ {
		r = s.do(t, a, base, http.MethodGet, "/api/feedback/"+uuid.NewString(), nil, nil)
		if r.Status != http.StatusNotFound || i >= httpapi.NoStampCost {
			break
		}
	}
	requireProblem(t, r, http.StatusTooManyRequests, "rate_limited")
	r = s.do(t, a, base, http.MethodPost, "/open311/v2/requests.json", header{"Content-Type": "application/x-www-form-urlencoded"}, []byte("service_code=x"))
	require.Equal(t, http.StatusTooManyRequests, r.Status)
	var o311 []map[string]any
	requireJSON(t, r, &o311)
	// Staff are not limited.
	r = s.do(t, a, base, http.MethodGet, "/api/staff/cases?limit=1", s.staff(), nil)
	assert.Equal(t, http.StatusOK, r.Status, "%s", r)

	if a != nil && s.StampKey != nil {
		b := s.sourceClient(base, "127.0.0.3")
		require.NotNil(t, b)
		m, r := send(b, true)
		requireProblem(t, r, http.StatusTooManyRequests, "rate_limited")
		assert.Greater(t, m, n, "a client with form stamps gets more submissions than one without")
		assert.GreaterOrEqual(t, m, s.RateLimit-2)
	}
}
