package conformance

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
)

// The checks in this file are attacks found by a red-team run against the
// site (issue 10). Each failed on the code before its fix.

// testKeyReuse: an idempotency key alone never gives out a stored case.
// A second body under a stored key is refused with 409 and nothing of the
// case; a retry passes every check of a first submission (the honeypot,
// the form stamp, validation) before any stored case is looked up.
func (s *suite) testKeyReuse(t *testing.T) {
	body := submission("Jag vill klaga på att biblioteket stänger klockan 16 på fredagar.")
	first, _ := s.submit(t, body)

	stranger := map[string]any{"text": "Vad står det i mitt ärende?", "channel": "web",
		"idempotency_key": body["idempotency_key"]}
	r := s.postJSON(t, "/api/feedback", stranger, nil)
	requireProblem(t, r, http.StatusConflict, "idempotency_key_reused")
	checkHidden(t, r, first, "the 409 for a stranger's body under a stored key")

	// A bad form stamp, a filled honeypot, or an invalid body under the
	// stored key: refused as a first submission would be, without the case.
	for name, mod := range map[string]func(map[string]any){
		"bad stamp":   func(b map[string]any) { b[httpapi.FormStampField] = "1700000000.AAAAAAAAAAAAAAAA.AAAA" },
		"honeypot":    func(b map[string]any) { b[httpapi.HoneypotField] = "http://spam.example" },
		"invalid":     func(b map[string]any) { b["channel"] = "pigeon" },
		"empty text":  func(b map[string]any) { b["text"] = "" },
		"bad contact": func(b map[string]any) { b["contact"] = map[string]any{"email": "not an address"} },
	} {
		b := map[string]any{}
		for k, v := range body {
			b[k] = v
		}
		mod(b)
		r := s.postJSON(t, "/api/feedback", b, nil)
		if r.Status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want %d: %s", name, r.Status, http.StatusBadRequest, r)
		}
		checkMessages(t, r)
		if strings.Contains(string(r.Body), first.Token) {
			t.Errorf("%s: the answer gives out the stored case's token %s: %s", name, first.Token, r.Body)
		}
	}
	// The same body again is a retry.
	r = s.postJSON(t, "/api/feedback", body, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("a retry: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	if !strings.Contains(string(r.Body), first.Token) {
		t.Errorf("a retry does not answer the stored case's token %s: %s", first.Token, r.Body)
	}
}

// testOpen311DerivedKey: a service request sent without a key gets one the
// server derives with a secret. The old key, a name-based UUID of the
// request's fields, could be rebuilt from the public list of an anonymous
// report and sent to /api/feedback to read the receipt token.
func (s *suite) testOpen311DerivedKey(t *testing.T) {
	desc := "Gatlyktan vid busshållplatsen Torget " + uuid.NewString()[:8] + " är trasig."
	form := url.Values{"service_code": {"belysning"}, "description": {desc}, "address_string": {"Torget 1"}}
	created, r := s.postRequest(t, form, http.StatusCreated)
	id, _ := created["service_request_id"].(string)
	if id == "" {
		t.Fatalf("the created request has no service_request_id: %s", r.Body)
	}

	// What the public sees is enough to rebuild the old key and the text.
	var b strings.Builder
	for _, k := range []string{"service_code", "description", "lat", "long", "address_string", "address_id", "email", "phone", "first_name", "last_name", "device_id", "account_id", "media_url"} {
		b.WriteString(k + "=" + form.Get(k) + "\x00")
	}
	oldKey := uuid.NewSHA1(uuid.MustParse("6f1c1b0e-4a2d-4c1e-9a51-7d1f0b5e2c01"), []byte(b.String())).String()
	text := desc + "\n\n— Felanmälan (Open311)\nKategori: Gatubelysning [belysning]\nAdress: Torget 1"
	r = s.postJSON(t, "/api/feedback", map[string]any{"text": text, "channel": "e-service", "idempotency_key": oldKey}, nil)
	var a ack
	if r.Status < 300 {
		requireJSON(t, r, &a)
		if a.ID == id {
			t.Errorf("the rebuilt key reached the stored report %s: %s", id, r.Body)
		}
	} else if strings.Contains(string(r.Body), id) {
		t.Errorf("the answer to the rebuilt key names the stored report %s: %s", id, r.Body)
	}
	// The same request sent twice is still one request.
	if again, _ := s.postRequest(t, form, http.StatusOK); again["service_request_id"] != id {
		t.Errorf("the same request again: service_request_id %#v, want %q", again["service_request_id"], id)
	}
}

// testOpen311PublicViews: every free-text field of every public view is
// redacted, in the single view as in the list, and status_notes is never
// the staff's reply to a named person.
func (s *suite) testOpen311PublicViews(t *testing.T) {
	form := url.Values{"service_code": {"park"},
		"description":    {"Bänken är trasig. Ring mig på 070-123 45 67."},
		"address_string": {"Parkvägen 3, fråga efter karin.lind@example.se eller 070-765 43 21"},
		"media_url":      {"https://bilder.example.se/bank.jpg?av=karin.lind@example.se&tel=0701234567"},
	}
	created, _ := s.postRequest(t, form, http.StatusCreated)
	id := created["service_request_id"].(string)

	r := s.get(t, "/api/staff/cases/"+id, s.staff())
	if r.Status != http.StatusOK {
		t.Fatalf("the request as a staff case: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	r = s.transition(t, id, map[string]any{"to": "answered", "text": "Hej Karin Lind! Vi har lagat bänken. Mejla karin.lind@example.se om något mer."})
	if r.Status != http.StatusOK {
		t.Fatalf("to answered: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}

	for _, path := range []string{"/open311/v2/requests/" + id + ".json", "/open311/v2/requests.json?service_request_id=" + id, "/open311/v2/requests.json?service_code=park"} {
		r := s.get(t, path, nil)
		if r.Status != http.StatusOK {
			t.Fatalf("%s: status %d, want %d: %s", path, r.Status, http.StatusOK, r)
		}
		body := string(r.Body)
		if !strings.Contains(body, id) {
			t.Fatalf("%s does not show request %s: %s", path, id, body)
		}
		for _, pii := range []string{"karin.lind@example.se", "karin.lind", "070-123 45 67", "070-765 43 21", "0701234567", "Karin Lind", "Vi har lagat"} {
			if strings.Contains(body, pii) {
				t.Errorf("%s shows %q, want it redacted: %s", path, pii, body)
			}
		}
	}
}

// testDateBounds: every date a client sends lies within 1900 and 2200, so
// that no derived date (an appeal's last day) falls outside what RFC 3339
// can write. Before, a decision received in late 9999 stored a case whose
// receipt could never be written: 500 for it and for every retry.
func (s *suite) testDateBounds(t *testing.T) {
	for _, d := range []string{"9999-12-20", "2201-01-01", "1899-12-31", "0001-01-01"} {
		body := submission("Jag vill överklaga beslutet om bygglov som jag fick.")
		body["decision_received"] = d
		p := requireProblem(t, s.postJSON(t, "/api/feedback", body, nil), http.StatusBadRequest, "invalid_submission")
		if p.fieldCodes()["decision_received"] != "out_of_range" {
			t.Errorf("POST /api/feedback, decision_received %s: field %q has the code %q, want %q", d, "decision_received", p.fieldCodes()["decision_received"], "out_of_range")
		}
		// Nothing was stored: the key is free for a good body.
		body["decision_received"] = "2026-03-10"
		r := s.postJSON(t, "/api/feedback", body, nil)
		if r.Status != http.StatusCreated {
			t.Errorf("the same key with a good date after %s: status %d, want %d: %s", d, r.Status, http.StatusCreated, r)
		}

		p = requireProblem(t, s.postJSON(t, "/api/classify", map[string]any{"text": "Jag vill överklaga beslutet.", "decision_received": d}, nil),
			http.StatusBadRequest, "invalid_submission")
		if p.fieldCodes()["decision_received"] != "out_of_range" {
			t.Errorf("POST /api/classify, decision_received %s: field %q has the code %q, want %q", d, "decision_received", p.fieldCodes()["decision_received"], "out_of_range")
		}
	}
	for _, d := range []string{"1900-01-01", "2200-12-31"} {
		body := submission("Jag vill överklaga beslutet om bygglov som jag fick.")
		body["decision_received"] = d
		r := s.postJSON(t, "/api/feedback", body, nil)
		if r.Status != http.StatusCreated {
			t.Errorf("%s: status %d, want %d: %s", d, r.Status, http.StatusCreated, r)
		}
	}
	for _, q := range []string{"start_date=9999-12-31T00:00:00Z", "end_date=1899-01-01T00:00:00Z"} {
		r := s.get(t, "/open311/v2/requests.json?"+q, nil)
		if r.Status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want %d: %s", q, r.Status, http.StatusBadRequest, r)
		}
	}
}

// testDuplicateKeys: a JSON body that names a field twice, in any case, is
// refused. encoding/json takes the last of equal keys and matches keys
// without regard to case, so {"website":"spam","website":""} passed the
// honeypot.
func (s *suite) testDuplicateKeys(t *testing.T) {
	key := uuid.NewString()
	base := `"text":"Tack för den nya cykelbanan!","channel":"web","idempotency_key":"` + key + `"`
	for _, body := range []string{
		`{` + base + `,"website":"http://spam.example","website":""}`,
		`{` + base + `,"website":"http://spam.example","Website":""}`,
		`{` + base + `,"WEBSITE":"http://spam.example","website":""}`,
		`{` + base + `,"website":"http://spam.example","\u0077ebsite":""}`,
		`{` + base + `,"text":"Något annat"}`,
		`{` + base + `,"contact":{"email":"a@example.se","Email":"b@example.se"}}`,
	} {
		r := s.do(t, nil, s.BaseURL, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json"}, []byte(body))
		requireProblem(t, r, http.StatusBadRequest, "duplicate_key")
	}
	// The same field name in two objects is fine.
	r := s.do(t, nil, s.BaseURL, http.MethodPost, "/api/classify", header{"Content-Type": "application/json"},
		[]byte(`{"text":"Hålet i vägen vid skolan är farligt.","channel":"web"}`))
	if r.Status != http.StatusOK {
		t.Errorf("POST /api/classify without a duplicate key: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	r = s.do(t, nil, s.BaseURL, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json"},
		[]byte(`{`+base+`,"contact":{"name":"Anna","email":"anna@example.se"}}`))
	if r.Status != http.StatusCreated {
		t.Errorf("POST /api/feedback with text in the body and a name in the contact: status %d, want %d: %s", r.Status, http.StatusCreated, r)
	}
}

// testStampReplay: one form stamp gives the cheaper rate of a stamped
// submission only httpapi.MaxStampUses times; a stamp replayed after that
// costs as much as no stamp. Before, one stamp allowed 60 submissions a
// minute for a day, against 15 without one.
func (s *suite) testStampReplay(t *testing.T, base string) {
	c := s.sourceClient(base, "127.0.0.4")
	if c == nil || s.StampKey == nil {
		t.Log("conformance: the stamp replay check needs Target.StampKey and a target on IPv4 loopback; not run")
		return
	}
	stamp := httpapi.FormStamp(s.StampKey, time.Now().Add(-5*time.Second))
	n := 0
	for ; n < 4*s.RateLimit+10; n++ {
		b := submission("Förslag " + strconv.Itoa(n) + " " + uuid.NewString())
		b[httpapi.FormStampField] = stamp
		r := s.do(t, c, base, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json"}, mustJSON(t, b))
		if r.Status == http.StatusTooManyRequests {
			break
		}
		if r.Status != http.StatusCreated {
			t.Fatalf("submission %d: status %d, want %d or %d: %s", n+1, r.Status, http.StatusCreated, http.StatusTooManyRequests, r)
		}
	}
	// MaxStampUses at the stamped rate, the rest at NoStampCost each, and
	// one or two more for the bucket refilling while the test runs.
	most := httpapi.MaxStampUses + (s.RateLimit-httpapi.MaxStampUses)/httpapi.NoStampCost + 2
	if n > most {
		t.Errorf("a replayed stamp must not keep the stamped rate: %d submissions got through, want at most %d", n, most)
	}
	if n < httpapi.MaxStampUses {
		t.Errorf("a stamp gives the stamped rate a few times: %d submissions got through, want at least %d", n, httpapi.MaxStampUses)
	}
}
