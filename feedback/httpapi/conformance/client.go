package conformance

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

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
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	for k, v := range h {
		req.Header.Set(k, v)
	}
	if c == nil {
		c = s.c
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, path, err)
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

func (s *suite) get(t *testing.T, path string, h header) response {
	t.Helper()
	return s.do(t, nil, s.BaseURL, http.MethodGet, path, h, nil)
}

func (s *suite) postJSON(t *testing.T, path string, v any, h header) response {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("POST %s: the body: %v", path, err)
	}
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
	if r.Status != http.StatusCreated {
		t.Fatalf("POST /api/feedback: status %d, want %d: %s", r.Status, http.StatusCreated, r)
	}
	var a ack
	requireJSON(t, r, &a)
	return a, r
}

// checkHidden checks that r, the answer that what names, gives out nothing
// of the case a: neither its receipt token nor its ID.
func checkHidden(t *testing.T, r response, a ack, what string) {
	t.Helper()
	if strings.Contains(string(r.Body), a.Token) {
		t.Errorf("%s gives out the receipt token %s of a stored case: %s", what, a.Token, r.Body)
	}
	if strings.Contains(string(r.Body), a.ID) {
		t.Errorf("%s gives out the ID %s of a stored case: %s", what, a.ID, r.Body)
	}
}

// requireJSON decodes r's body, which must be JSON, into v.
func requireJSON(t *testing.T, r response, v any) {
	t.Helper()
	ct := r.Header.Get("Content-Type")
	if !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q, want application/json: %s", ct, r.Body)
	}
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("the body is not the JSON expected: %v: %s", err, r.Body)
	}
}

// requireRFC3339 parses s, which must be an RFC 3339 time.
func requireRFC3339(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("%q is not an RFC 3339 time: %v", s, err)
	}
	return tm
}

// mustJSON returns v in JSON.
func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encoding a body: %v", err)
	}
	return b
}

func (s *suite) postForm(t *testing.T, path string, v url.Values) response {
	t.Helper()
	return s.do(t, nil, s.BaseURL, http.MethodPost, path, header{"Content-Type": "application/x-www-form-urlencoded"}, []byte(v.Encode()))
}

// mustDecode returns the string fields of the JSON object b.
func mustDecode(t *testing.T, b []byte) map[string]string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("the body is not a JSON object: %v: %s", err, b)
	}
	out := map[string]string{}
	for k, v := range m {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

// sameJSON reports whether a and b are JSON texts of the same value (the
// order of an object's keys aside). Text that is not JSON is the same as
// nothing.
func sameJSON(a, b string) bool {
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// emptyJSON reports whether v, a value decoded from JSON, is empty: null,
// false, 0, "", [] or {}.
func emptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case float64:
		return x == 0
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}
