package httpapi_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/feedback/httpapi/conformance"
	"github.com/kommunkit/kommunkit/feedback/memstore"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

const staffToken = "unit-test-staff-token-0123456789"

var stampKey = []byte("unit-test-stamp-key")

// newStore returns an empty store in memory, on the calendar cal. The
// handler's tests run on it; the same suite (feedback/storetest) holds it
// and the SQLite store to one contract, and examples/site runs the
// conformance suite on SQLite.
func newStore(t testing.TB, cal *calendar.Calendar) *memstore.Store {
	t.Helper()
	st, err := memstore.New(memstore.Config{Calendar: cal})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

// newAPI returns a Handler on a new, empty store.
func newAPI(t testing.TB, cfg httpapi.Config) *httpapi.Handler {
	t.Helper()
	p, err := servicerules.Preset("nykvarn")
	require.NoError(t, err)
	cfg.Store, cfg.Policy = newStore(t, p.Calendar()), p
	if cfg.StaffToken == "" {
		cfg.StaffToken = staffToken
	}
	h, err := httpapi.New(cfg)
	require.NoError(t, err)
	return h
}

// TestConformance runs the conformance suite against the handler in an
// httptest.Server.
func TestConformance(t *testing.T) {
	srv := httptest.NewServer(newAPI(t, httpapi.Config{StampKey: stampKey}))
	defer srv.Close()
	limited := httptest.NewServer(newAPI(t, httpapi.Config{StampKey: stampKey, RateLimit: 20}))
	defer limited.Close()
	conformance.Run(t, conformance.Target{
		BaseURL:        srv.URL,
		StaffToken:     staffToken,
		StampKey:       stampKey,
		RateLimitedURL: limited.URL,
		RateLimit:      20,
	})
}

// TestConformanceStampsFromEndpoint runs the stamp checks as a client that
// does not know the key, and against a host that has none.
func TestConformanceStamps(t *testing.T) {
	srv := httptest.NewServer(newAPI(t, httpapi.Config{StampKey: stampKey}))
	defer srv.Close()
	conformance.Run(t, conformance.Target{BaseURL: srv.URL, StaffToken: staffToken})

	bare := httptest.NewServer(newAPI(t, httpapi.Config{}))
	defer bare.Close()
	conformance.Run(t, conformance.Target{BaseURL: bare.URL, StaffToken: staffToken, NoFormStamps: true})
}

func TestNewRefusesIncompleteConfig(t *testing.T) {
	h := newAPI(t, httpapi.Config{})
	require.NotNil(t, h)
	p, err := servicerules.Preset("nykvarn")
	require.NoError(t, err)
	for name, cfg := range map[string]httpapi.Config{
		"no store":    {Policy: p, StaffToken: staffToken},
		"short token": {Policy: p, StaffToken: "short"},
		"negative":    {Policy: p, StaffToken: staffToken, RateLimit: -1},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := httpapi.New(cfg)
			assert.Error(t, err)
		})
	}
}

func TestFormStamp(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		stamp string
		code  string
	}{
		{"ten seconds old", httpapi.FormStamp(stampKey, now.Add(-10*time.Second)), ""},
		{"exactly the minimum", httpapi.FormStamp(stampKey, now.Add(-httpapi.MinFormAge)), ""},
		{"a day old", httpapi.FormStamp(stampKey, now.Add(-httpapi.MaxFormAge)), ""},
		{"one second old", httpapi.FormStamp(stampKey, now.Add(-time.Second)), httpapi.CodeTooFast},
		{"from the future", httpapi.FormStamp(stampKey, now.Add(time.Hour)), httpapi.CodeTooFast},
		{"a day and a second", httpapi.FormStamp(stampKey, now.Add(-httpapi.MaxFormAge-time.Second)), httpapi.CodeExpired},
		{"another key", httpapi.FormStamp([]byte("other"), now.Add(-time.Minute)), feedback.CodeInvalid},
		{"empty", "", feedback.CodeInvalid},
		{"no dot", "1773133200", feedback.CodeInvalid},
		{"leading zero", "0" + httpapi.FormStamp(stampKey, now.Add(-time.Minute)), feedback.CodeInvalid},
		{"plus sign", "+" + httpapi.FormStamp(stampKey, now.Add(-time.Minute)), feedback.CodeInvalid},
		{"huge number", "99999999999999999999.x", feedback.CodeInvalid},
		{"tampered time", tamper(httpapi.FormStamp(stampKey, now.Add(-time.Minute))), feedback.CodeInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := httpapi.CheckFormStamp(stampKey, tc.stamp, now)
			if tc.code == "" {
				assert.NoError(t, err)
				return
			}
			var ve *feedback.ValidationError
			require.ErrorAs(t, err, &ve)
			f, ok := ve.Field(httpapi.FormStampField)
			require.True(t, ok)
			assert.Equal(t, tc.code, f.Code)
			assert.NotEmpty(t, f.Message.Sv)
		})
	}
	assert.Error(t, httpapi.CheckFormStamp(nil, httpapi.FormStamp(nil, now.Add(-time.Minute)), now), "no key accepts nothing")
}

// tamper moves the stamp's time one second later, keeping the signature.
func tamper(stamp string) string {
	secs, mac, _ := strings.Cut(stamp, ".")
	b := []byte(secs)
	b[len(b)-1] = '0' + (b[len(b)-1]-'0'+1)%10
	return string(b) + "." + mac
}

func TestValidStaffToken(t *testing.T) {
	assert.True(t, httpapi.ValidStaffToken(staffToken, staffToken))
	assert.False(t, httpapi.ValidStaffToken(staffToken+"x", staffToken))
	assert.False(t, httpapi.ValidStaffToken("", staffToken))
	assert.False(t, httpapi.ValidStaffToken("", ""), "an empty secret admits nobody")
}

// TestRateLimitRefills checks the bucket with an injected clock: a minute's
// worth, then nothing, then one more after a minute/limit.
func TestRateLimitRefills(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	h := newAPI(t, httpapi.Config{RateLimit: 6, Now: func() time.Time { return now }})
	get := func() int {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/api/policy", nil)
		req.RemoteAddr = "192.0.2.1:1234"
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	for range 6 {
		require.Equal(t, http.StatusOK, get())
	}
	assert.Equal(t, http.StatusTooManyRequests, get())
	now = now.Add(10 * time.Second) // 6 per minute: one every 10 s
	assert.Equal(t, http.StatusOK, get())
	assert.Equal(t, http.StatusTooManyRequests, get())
	// Another client has its own bucket; staff have none.
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/api/policy", nil)
	req.RemoteAddr = "192.0.2.2:1234"
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusOK, rec.Code)
	for range 10 {
		rec = httptest.NewRecorder()
		req = httptest.NewRequest(http.MethodGet, "/api/staff/cases", nil)
		req.RemoteAddr = "192.0.2.1:1234"
		req.Header.Set("Authorization", "Bearer "+staffToken)
		h.ServeHTTP(rec, req)
		assert.Equal(t, http.StatusOK, rec.Code)
	}
}

// TestDrain checks that a draining handler refuses new submissions with
// 503 and still answers reads.
func TestDrain(t *testing.T) {
	h := newAPI(t, httpapi.Config{})
	h.Drain()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/api/feedback", strings.NewReader(`{"text":"Hej","channel":"web","idempotency_key":"0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b"}`))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.NotEmpty(t, rec.Header().Get("Retry-After"))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/policy", nil))
	assert.Equal(t, http.StatusOK, rec.Code)
}

// TestSubmit checks the intake that a host's own routes (a server-rendered
// form) use: the checks and answers of POST /api/feedback, a stamp
// required, and the API's rate limit.
func TestSubmit(t *testing.T) {
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Location())
	h := newAPI(t, httpapi.Config{StampKey: stampKey, Now: func() time.Time { return now }})
	form := httptest.NewRequest(http.MethodPost, "/synpunkt", nil)
	req := httpapi.FeedbackRequest{Text: "Tack för hjälpen!", Channel: "web", IdempotencyKey: "6f9619ff-8b86-4011-b42d-00cf4fc964ff",
		Contact: &feedback.Contact{Email: "a@example.se"}, FormStamp: h.FormStamp(now.Add(-time.Minute))}
	a1, created, err := h.Submit(form, req)
	require.NoError(t, err)
	assert.True(t, created)
	assert.Equal(t, message.Praise, a1.Kind)
	require.NotNil(t, a1.Receipt.Due)
	a2, created, err := h.Submit(form, req)
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, a1, a2)

	var ve *feedback.ValidationError
	other := req
	other.Text = "Något annat"
	_, _, err = h.Submit(form, other)
	assert.ErrorIs(t, err, feedback.ErrKeyReused)
	assert.False(t, errors.As(err, &ve))

	bad := req
	bad.IdempotencyKey, bad.Text, bad.DecisionReceived = "x", "", "2026-02-30"
	_, _, err = h.Submit(form, bad)
	require.ErrorAs(t, err, &ve)
	for _, f := range []string{"text", "idempotency_key", "decision_received"} {
		_, ok := ve.Field(f)
		assert.True(t, ok, f)
	}
	hp := req
	hp.IdempotencyKey, hp.Website = "7f9619ff-8b86-4011-b42d-00cf4fc964ff", "spam"
	_, _, err = h.Submit(form, hp)
	require.ErrorAs(t, err, &ve)
	_, ok := ve.Field(httpapi.HoneypotField)
	assert.True(t, ok)

	// A host's form always has a stamp: one without is refused.
	for stamp, code := range map[string]string{
		"":                                    feedback.CodeInvalid,
		"1700000000.AAAAAAAAAAAAAAAA.AAAA":    feedback.CodeInvalid,
		h.FormStamp(now):                      httpapi.CodeTooFast,
		h.FormStamp(now.Add(-25 * time.Hour)): httpapi.CodeExpired,
	} {
		st := req
		st.FormStamp = stamp
		_, _, err = h.Submit(form, st)
		require.ErrorAs(t, err, &ve, "%q", stamp)
		fe, ok := ve.Field(httpapi.FormStampField)
		require.True(t, ok, "%q", stamp)
		assert.Equal(t, code, fe.Code, "%q", stamp)
	}

	// The API's rate limit, here 5 a minute: a good stamp costs one, none
	// costs httpapi.NoStampCost, and over the limit Submit answers 429.
	h = newAPI(t, httpapi.Config{StampKey: stampKey, RateLimit: 5, Now: func() time.Time { return now }})
	for i := range 2 {
		fresh := req
		fresh.IdempotencyKey, fresh.FormStamp = uuid.NewString(), h.FormStamp(now.Add(-time.Minute))
		_, created, err := h.Submit(form, fresh)
		require.NoError(t, err, i)
		assert.True(t, created)
	}
	st := req
	st.FormStamp = ""
	_, _, err = h.Submit(form, st)
	var p *httpapi.Problem
	require.ErrorAs(t, err, &p, "4 more would be 6")
	assert.Equal(t, http.StatusTooManyRequests, p.Status)
	assert.Equal(t, "rate_limited", p.Code)
	assert.Positive(t, p.RetryAfter)
}

// FuzzFeedback sends arbitrary bodies to POST /api/feedback: the handler
// never panics and answers only the statuses of the contract, always JSON.
func FuzzFeedback(f *testing.F) {
	for _, s := range []string{
		`{"text":"Tack!","channel":"web","idempotency_key":"0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b"}`,
		`{"text":"x","channel":"e-post","contact":{"email":"a@b.se","phone":"070-1234567"},"idempotency_key":"0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4c"}`,
		`{"text":"överklaga","channel":"web","decision_received":"2026-03-10","idempotency_key":"0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4d"}`,
		`{"text":"a","channel":"web","form_stamp":"1.2","website":"","idempotency_key":"0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4e"}`,
		`{"contact":null}`, `[]`, `null`, `{"text":{"a":1}}`, "\x00", `{"text":"\u202e"}`,
	} {
		f.Add([]byte(s))
	}
	h := newAPI(f, httpapi.Config{StampKey: stampKey})
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := postFuzzed(t, h, "/api/feedback", "application/json", string(body))
		assert.True(t, strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json"))
	})
}

// FuzzOpen311 sends arbitrary forms to POST /open311/v2/requests.json.
func FuzzOpen311(f *testing.F) {
	for _, s := range []string{
		"service_code=gata&description=H%C3%A5l+i+v%C3%A4gen&lat=59.1&long=17.4",
		"service_code=belysning&description=x&address_string=Storgatan+1&email=a%40b.se",
		"service_code=park&description=%E2%80%94+Fel&lat=&long=1",
		"service_code=x", "%zz", "lat=NaN&long=Inf&service_code=gata&description=x",
	} {
		f.Add(s)
	}
	h := newAPI(f, httpapi.Config{})
	f.Fuzz(func(t *testing.T, form string) {
		postFuzzed(t, h, "/open311/v2/requests.json", "application/x-www-form-urlencoded", form)
	})
}

// postFuzzed posts body, of type contentType, to path, and fails t unless
// the answer has one of the statuses of the contract for a submission.
func postFuzzed(t *testing.T, h http.Handler, path, contentType, body string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	h.ServeHTTP(rec, req)
	switch rec.Code {
	// 409: a key the fuzzer sent before, with another body.
	case http.StatusCreated, http.StatusOK, http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge:
	default:
		t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
	}
	return rec
}

func TestCORS(t *testing.T) {
	h := newAPI(t, httpapi.Config{CORSOrigins: []string{"https://www.example.se"}})
	do := func(method, path, origin string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(method, path, nil)
		req.Header.Set("Origin", origin)
		if method == http.MethodOptions {
			req.Header.Set("Access-Control-Request-Method", "POST")
			req.Header.Set("Access-Control-Request-Headers", "content-type")
		}
		req.Header.Set("Authorization", "Bearer "+staffToken)
		h.ServeHTTP(rec, req)
		return rec
	}
	rec := do(http.MethodOptions, "/api/feedback", "https://www.example.se")
	assert.Equal(t, http.StatusNoContent, rec.Code)
	assert.Equal(t, "https://www.example.se", rec.Header().Get("Access-Control-Allow-Origin"))
	assert.Contains(t, rec.Header().Get("Access-Control-Allow-Headers"), "Content-Type")
	rec = do(http.MethodGet, "/api/policy", "https://www.example.se")
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "https://www.example.se", rec.Header().Get("Access-Control-Allow-Origin"))
	rec = do(http.MethodGet, "/api/policy", "https://evil.example")
	assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))
	rec = do(http.MethodGet, "/api/staff/cases", "https://www.example.se")
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"), "staff routes are same-origin only")
	rec = do(http.MethodOptions, "/api/staff/cases", "https://www.example.se")
	assert.NotEqual(t, http.StatusNoContent, rec.Code)

	same := newAPI(t, httpapi.Config{})
	rec = httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/api/policy", nil)
	req.Header.Set("Origin", "https://www.example.se")
	same.ServeHTTP(rec, req)
	assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))
}

// TestPolicyCalendarFacts checks that /api/policy carries the closure days
// and shortened days of a policy that has them.
func TestPolicyCalendarFacts(t *testing.T) {
	base, err := servicerules.Preset("nykvarn")
	require.NoError(t, err)
	b, err := base.MarshalJSON()
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	cal, _ := doc["calendar"].(map[string]any)
	if cal == nil {
		cal = map[string]any{}
		doc["calendar"] = cal
	}
	if ns, ok := doc["notStated"].(map[string]any); ok {
		delete(ns, "closures")
		delete(ns, "shortDays")
	}
	cal["shortDays"] = "state-agreement"
	cal["closures"] = []any{map[string]any{"date": "2026-05-15", "reason": "klämdag"}}
	b, err = json.Marshal(doc)
	require.NoError(t, err)
	p, err := servicerules.Parse(b)
	require.NoError(t, err)

	h, err := httpapi.New(httpapi.Config{Store: newStore(t, p.Calendar()), Policy: p, StaffToken: staffToken})
	require.NoError(t, err)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/policy", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	var f httpapi.PolicyFacts
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &f))
	assert.Equal(t, "state-agreement", f.ShortDays)
	assert.Equal(t, []httpapi.ClosureFacts{{Date: "2026-05-15", Reason: "klämdag"}}, f.Closures)

	rec = httptest.NewRecorder()
	newAPI(t, httpapi.Config{}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/policy", nil))
	assert.Contains(t, rec.Body.String(), `"closures":[]`, "a policy without closures lists none")
}
