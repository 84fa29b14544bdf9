package conformance

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
)

func (s *suite) testSubmit(t *testing.T) {
	before := time.Now().Add(-time.Minute)
	a, r := s.submit(t, submission("Jag är mycket nöjd med hur snabbt ni lagade gatlyktan. Tack!"))
	_, err := uuid.Parse(a.ID)
	if err != nil {
		t.Fatalf("id %q is not a UUID: %v", a.ID, err)
	}
	_, err = uuid.Parse(a.Token)
	if err != nil {
		t.Fatalf("token %q is not a UUID: %v", a.Token, err)
	}
	if a.Token == a.ID {
		t.Errorf("token %q is the case's ID; want a token apart from the ID", a.Token)
	}
	if a.Kind != "praise" {
		t.Errorf("kind %q, want %q", a.Kind, "praise")
	}
	if a.Language != "sv" {
		t.Errorf("language %q, want %q", a.Language, "sv")
	}
	if a.Receipt.Message == "" {
		t.Errorf("receipt.message is empty: %s", r.Body)
	}
	if a.Receipt.Due == nil {
		t.Fatalf("receipt.due is null, want a time: a reply is owed to a person with an e-mail address: %s", r.Body)
	}
	if due := requireRFC3339(t, *a.Receipt.Due); !due.After(before) {
		t.Errorf("receipt.due %s, want a time after %s", due, before)
	}

	var raw map[string]json.RawMessage
	if err := json.Unmarshal(r.Body, &raw); err != nil {
		t.Fatalf("the body is not a JSON object: %v: %s", err, r.Body)
	}
	for _, k := range []string{"id", "token", "kind", "language", "receipt"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q in the body: %s", k, r.Body)
		}
	}
	var rec map[string]json.RawMessage
	if err := json.Unmarshal(raw["receipt"], &rec); err != nil {
		t.Fatalf("receipt is not a JSON object: %v: %s", err, r.Body)
	}
	if _, ok := rec["message"]; !ok {
		t.Errorf("no %q in the receipt: %s", "message", r.Body)
	}
	if _, ok := rec["due"]; !ok {
		t.Errorf("no %q in the receipt: %s", "due", r.Body)
	}

	// Anonymous: no reply owed, due is null (and present).
	body := submission("Parkbänkarna vid sjön borde målas om, de ser slitna ut.")
	delete(body, "contact")
	b, r := s.submit(t, body)
	if b.Receipt.Due != nil {
		t.Errorf("anonymous feedback: receipt.due %q, want null: %s", *b.Receipt.Due, r.Body)
	}
	if err := json.Unmarshal(r.Body, &raw); err != nil {
		t.Fatalf("the body is not a JSON object: %v: %s", err, r.Body)
	}
	if err := json.Unmarshal(raw["receipt"], &rec); err != nil {
		t.Fatalf("receipt is not a JSON object: %v: %s", err, r.Body)
	}
	if string(rec["due"]) != "null" {
		t.Errorf("anonymous feedback: receipt.due is %s, want null (present, not left out): %s", rec["due"], r.Body)
	}

	// Language given by the client, and a Finnish text.
	body = submission("Kiitos, palvelu kirjastossa oli erinomaista.")
	body["language"] = "fi"
	c, _ := s.submit(t, body)
	if c.Language != "fi" {
		t.Errorf("language %q, want %q as the client gave it", c.Language, "fi")
	}

	// The charset parameter is fine.
	rr := s.do(t, nil, s.BaseURL, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json; charset=utf-8"},
		mustJSON(t, submission("Förslag: fler papperskorgar vid busshållplatsen.")))
	if rr.Status != http.StatusCreated {
		t.Errorf("Content-Type with charset=utf-8: status %d, want %d: %s", rr.Status, http.StatusCreated, rr)
	}
}

func (s *suite) testIdempotency(t *testing.T) {
	body := submission("Snöröjningen på Storgatan har inte gjorts på tre dagar. Det är farligt.")
	first, r1 := s.submit(t, body)
	r2 := s.postJSON(t, "/api/feedback", body, nil)
	if r2.Status != http.StatusOK {
		t.Fatalf("a retry answers 200: status %d, want %d: %s", r2.Status, http.StatusOK, r2)
	}
	if !sameJSON(string(r1.Body), string(r2.Body)) {
		t.Errorf("a retry answered %s, want the same JSON as the first answer, %s", r2.Body, r1.Body)
	}

	// The key in upper case is the same key: the same body is a retry.
	body3 := submission(body["text"].(string))
	body3["idempotency_key"] = strings.ToUpper(body["idempotency_key"].(string))
	r4 := s.postJSON(t, "/api/feedback", body3, nil)
	if r4.Status != http.StatusOK {
		t.Fatalf("a retry with the key in upper case: status %d, want %d: %s", r4.Status, http.StatusOK, r4)
	}
	if !sameJSON(string(r1.Body), string(r4.Body)) {
		t.Errorf("a retry with the key in upper case answered %s, want the same JSON as the first answer, %s", r4.Body, r1.Body)
	}

	// The same key with other content is not a retry: 409, and nothing of
	// the stored case (see KeyReuse in security.go).
	body2 := submission("Helt annan text, men samma nyckel.")
	body2["idempotency_key"] = body3["idempotency_key"]
	r3 := s.postJSON(t, "/api/feedback", body2, nil)
	requireProblem(t, r3, http.StatusConflict, "idempotency_key_reused")
	checkHidden(t, r3, first, "the 409 for a reused key")

	// Nothing was stored twice: the case has one history entry and the
	// first text.
	cr := s.get(t, "/api/staff/cases/"+first.ID, s.staff())
	if cr.Status != http.StatusOK {
		t.Fatalf("status %d, want %d: %s", cr.Status, http.StatusOK, cr)
	}
	var sc struct {
		Text    string            `json:"text"`
		History []json.RawMessage `json:"history"`
	}
	requireJSON(t, cr, &sc)
	if sc.Text != body["text"] {
		t.Errorf("stored text %q, want the first text %q", sc.Text, body["text"])
	}
	if len(sc.History) != 1 {
		t.Errorf("the case has %d history entries, want 1: %s", len(sc.History), cr.Body)
	}
	// And the list holds it once.
	lr := s.get(t, "/api/staff/cases?limit=100000", s.staff())
	if lr.Status != http.StatusOK {
		t.Fatalf("status %d, want %d: %s", lr.Status, http.StatusOK, lr)
	}
	if n := strings.Count(string(lr.Body), `"id":"`+first.ID+`"`); n != 1 {
		t.Errorf("the staff list holds case %s %d times, want once", first.ID, n)
	}
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
		if err := r.err; err != nil {
			t.Fatalf("POST /api/feedback: %v", err)
		}
		switch r.status {
		case http.StatusCreated:
			created++
		case http.StatusOK:
			ok++
		default:
			t.Fatalf("status %d, want 201 or 200: %s", r.status, r.body)
		}
		if first == nil {
			first = r.body
		} else if !sameJSON(string(first), string(r.body)) {
			t.Errorf("every retry gets the same case: answer %s, want the same JSON as %s", r.body, first)
		}
	}
	if created != 1 {
		t.Errorf("%d answers were 201, want exactly one", created)
	}
	if ok != n-1 {
		t.Errorf("%d answers were 200, want %d", ok, n-1)
	}
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
				if _, ok := codes[f]; !ok {
					t.Errorf("no error for the field %s: %s", f, r.Body)
				}
			}
			if len(codes) != len(tc.fields) {
				t.Errorf("errors for %d fields, want only the %d bad ones %v: %s", len(codes), len(tc.fields), tc.fields, r.Body)
			}
		})
	}
	t.Run("not JSON", func(t *testing.T) {
		r := s.do(t, nil, s.BaseURL, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json"}, []byte(`{"text": "unterminated`))
		requireProblem(t, r, http.StatusBadRequest, "invalid_json")
	})
	t.Run("wrong type", func(t *testing.T) {
		r := s.do(t, nil, s.BaseURL, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json"}, []byte(`{"text": 42, "channel": "web"}`))
		p := requireProblem(t, r, http.StatusBadRequest, "invalid_json")
		if _, ok := p.fieldCodes()["text"]; !ok {
			t.Errorf("no error for the field %q: %s", "text", r.Body)
		}
	})
	t.Run("array", func(t *testing.T) {
		r := s.do(t, nil, s.BaseURL, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json"}, []byte(`[1,2]`))
		requireProblem(t, r, http.StatusBadRequest, "invalid_json")
	})
	t.Run("text too long", func(t *testing.T) {
		body := submission(strings.Repeat("ö", 10001)) // 20 KB: under the body limit, over the text limit
		r := s.postJSON(t, "/api/feedback", body, nil)
		p := requireProblem(t, r, http.StatusBadRequest, "invalid_submission")
		if p.fieldCodes()["text"] != "too_long" {
			t.Errorf("field %q has the code %q, want %q", "text", p.fieldCodes()["text"], "too_long")
		}
	})
}

func (s *suite) testTooLarge(t *testing.T) {
	big := submission(strings.Repeat("a", httpapi.MaxBodyBytes))
	r := s.postJSON(t, "/api/feedback", big, nil)
	requireProblem(t, r, http.StatusRequestEntityTooLarge, "body_too_large")

	// Without a Content-Length (chunked), the limit still holds.
	req, err := http.NewRequest(http.MethodPost, s.BaseURL+"/api/feedback", io.MultiReader(bytes.NewReader(mustJSON(t, big))))
	if err != nil {
		t.Fatalf("POST /api/feedback: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	resp, err := s.c.Do(req)
	if err != nil {
		t.Fatalf("POST /api/feedback, chunked: %v", err)
	}
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
	if !strings.Contains(r.Header.Get("Allow"), "POST") {
		t.Errorf("GET /api/feedback: Allow %q, want it to name POST", r.Header.Get("Allow"))
	}
	r = s.do(t, nil, s.BaseURL, http.MethodDelete, "/api/feedback/"+uuid.NewString(), nil, nil)
	requireProblem(t, r, http.StatusMethodNotAllowed, "method_not_allowed")
	r = s.get(t, "/api/no-such-route", nil)
	requireProblem(t, r, http.StatusNotFound, "not_found")
	r = s.get(t, "/open311/v2/no-such.json", nil)
	if r.Status != http.StatusNotFound {
		t.Fatalf("GET /open311/v2/no-such.json: status %d, want %d: %s", r.Status, http.StatusNotFound, r)
	}
	var o311 []map[string]any
	requireJSON(t, r, &o311)
}

func (s *suite) testHoneypot(t *testing.T) {
	body := submission("Köp billiga klockor här!")
	body[httpapi.HoneypotField] = "http://spam.example"
	p := requireProblem(t, s.postJSON(t, "/api/feedback", body, nil), http.StatusBadRequest, "invalid_submission")
	if p.fieldCodes()[httpapi.HoneypotField] != httpapi.CodeFilled {
		t.Errorf("field %q has the code %q, want %q", httpapi.HoneypotField, p.fieldCodes()[httpapi.HoneypotField], httpapi.CodeFilled)
	}
	// Nothing was stored: the same key without the honeypot is a new case.
	delete(body, httpapi.HoneypotField)
	r := s.postJSON(t, "/api/feedback", body, nil)
	if r.Status != http.StatusCreated {
		t.Errorf("the same key without the honeypot: status %d, want %d (a new case): %s", r.Status, http.StatusCreated, r)
	}
}

// stamp returns a form stamp made `age` ago: minted with StampKey, or taken
// from the target (waiting out MinFormAge when age is at least that).
func (s *suite) stamp(t *testing.T, age time.Duration) string {
	t.Helper()
	if s.StampKey != nil {
		return httpapi.FormStamp(s.StampKey, time.Now().Add(-age))
	}
	r := s.get(t, "/api/form-stamp", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("GET /api/form-stamp: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
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
	// refused checks that b is refused for its stamp, with the field code
	// want; what says which stamp it is.
	refused := func(b map[string]any, want, what string) {
		t.Helper()
		p := requireProblem(t, s.postJSON(t, "/api/feedback", b, nil), http.StatusBadRequest, "invalid_submission")
		if got := p.fieldCodes()[httpapi.FormStampField]; got != want {
			t.Errorf("%s: field %q has the code %q, want %q", what, httpapi.FormStampField, got, want)
		}
	}
	if s.NoFormStamps {
		requireProblem(t, s.get(t, "/api/form-stamp", nil), http.StatusNotFound, "not_found")
		refused(withStamp("1700000000.AAAA"), "invalid", "a stamp where the target has no stamp key")
		return
	}
	// No stamp: accepted (plain API clients are not refused).
	r := s.postJSON(t, "/api/feedback", submission("Utan stämpel går det också."), nil)
	if r.Status != http.StatusCreated {
		t.Errorf("no stamp: status %d, want %d: %s", r.Status, http.StatusCreated, r)
	}
	// A good stamp.
	r = s.postJSON(t, "/api/feedback", withStamp(s.stamp(t, 10*time.Second)), nil)
	if r.Status != http.StatusCreated {
		t.Errorf("a stamp of 10 s: status %d, want %d: %s", r.Status, http.StatusCreated, r)
	}
	// Too fast.
	refused(withStamp(s.stamp(t, 0)), httpapi.CodeTooFast, "a stamp made just now")
	// Forged and malformed.
	for _, st := range []string{"1700000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "1700000000.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "garbage", ".", ".."} {
		refused(withStamp(st), "invalid", "stamp "+strconv.Quote(st))
	}
	if s.StampKey != nil {
		// Expired, and from the future.
		refused(withStamp(s.stamp(t, 25*time.Hour)), httpapi.CodeExpired, "a stamp of 25 hours")
		refused(withStamp(s.stamp(t, -time.Hour)), httpapi.CodeTooFast, "a stamp from an hour ahead")
		// A stamp signed with another key.
		other := httpapi.FormStamp([]byte("some other key"), time.Now().Add(-time.Minute))
		refused(withStamp(other), "invalid", "a stamp signed with another key")
		// A retry is checked as a first submission is: with an expired
		// stamp it is refused, and without one (as the widget retries) it
		// gets the stored answer.
		b := withStamp(s.stamp(t, time.Minute))
		r1 := s.postJSON(t, "/api/feedback", b, nil)
		if r1.Status != http.StatusCreated {
			t.Fatalf("a stamp of a minute: status %d, want %d: %s", r1.Status, http.StatusCreated, r1)
		}
		b[httpapi.FormStampField] = s.stamp(t, 48*time.Hour)
		refused(b, httpapi.CodeExpired, "a retry with a stamp of 48 hours")
		delete(b, httpapi.FormStampField)
		r2 := s.postJSON(t, "/api/feedback", b, nil)
		if r2.Status != http.StatusOK {
			t.Fatalf("a retry without the stamp: status %d, want %d: %s", r2.Status, http.StatusOK, r2)
		}
		if !sameJSON(string(r1.Body), string(r2.Body)) {
			t.Errorf("a retry without the stamp answered %s, want the same JSON as the first answer, %s", r2.Body, r1.Body)
		}
	}
}
