package conformance

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

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
		if rr.Status != http.StatusOK {
			t.Fatalf("to answered: status %d, want %d: %s", rr.Status, http.StatusOK, rr)
		}
		assertInertJSON(t, rr)
		// Stored as sent: the JSON string decodes to the payload.
		one := s.get(t, "/api/staff/cases/"+a.ID, s.staff())
		assertInertJSON(t, one)
		var sc struct {
			Text    string            `json:"text"`
			Contact map[string]string `json:"contact"`
		}
		requireJSON(t, one, &sc)
		if sc.Text != body["text"] {
			t.Errorf("stored byte for byte: text %q, want %q", sc.Text, body["text"])
		}
		if sc.Contact["name"] != strings.TrimSpace(payload) {
			t.Errorf("stored as sent, less surrounding space: contact.name %q, want %q", sc.Contact["name"], strings.TrimSpace(payload))
		}
		cr = s.get(t, "/api/feedback/"+a.Token, nil)
		assertInertJSON(t, cr)
		if reply := mustDecode(t, cr.Body)["reply_text"]; !strings.Contains(reply, payload) {
			t.Errorf("the citizen's view: reply_text %q, want the payload %q in it", reply, payload)
		}
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
	if r.Status != http.StatusCreated {
		t.Fatalf("Open311 request with payloads: status %d, want %d: %s", r.Status, http.StatusCreated, r)
	}
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
			if r.Status != http.StatusOK {
				t.Fatalf("%s: status %d, want %d: %s", page, r.Status, http.StatusOK, r.Body)
			}
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
				t.Errorf("%s: Content-Type %q, want text/html", page, r.Header.Get("Content-Type"))
			}
			body := string(r.Body)
			for _, payload := range XSSPayloads {
				if strings.Contains(body, payload) {
					t.Errorf("the payload %q appears raw in %s: %s", payload, page, body)
				}
			}
			for _, raw := range []string{"<script>alert", "<img src=x", "<svg onload", "<iframe", "<style>*", `href="javascript:`} {
				if strings.Contains(body, raw) {
					t.Errorf("raw markup %q from a payload in %s: %s", raw, page, body)
				}
			}
			if shows[page] && !strings.Contains(body, "&lt;") {
				t.Errorf("%s shows no escaped payload (no &lt;), want the case's payload shown escaped: %s", page, body)
			}
		})
	}
}

// assertInertJSON checks that r is JSON that a browser will not render as
// HTML: the JSON content type, nosniff, and no raw "<" or ">" in the
// bytes (they are escaped as \u003c and \u003e).
func assertInertJSON(t *testing.T, r response) {
	t.Helper()
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Errorf("Content-Type %q, want application/json", r.Header.Get("Content-Type"))
	}
	if r.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("X-Content-Type-Options %q, want %q", r.Header.Get("X-Content-Type-Options"), "nosniff")
	}
	if !json.Valid(r.Body) {
		t.Errorf("the body is not valid JSON: %s", r.Body)
	}
	if strings.Contains(string(r.Body), "<") {
		t.Errorf(`a raw "<" in JSON, want it escaped as \u003c: %s`, r.Body)
	}
	if strings.Contains(string(r.Body), ">") {
		t.Errorf(`a raw ">" in JSON, want it escaped as \u003e: %s`, r.Body)
	}
	if strings.Contains(string(r.Body), "\u2028") {
		t.Errorf(`a raw U+2028 in JSON, want it escaped as \u2028: %q`, r.Body)
	}
}
