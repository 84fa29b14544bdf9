package conformance

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"
)

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
	if r.Status != http.StatusOK {
		t.Fatalf("status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	var v map[string]json.RawMessage
	requireJSON(t, r, &v)
	for k := range v {
		if !citizenKeys[k] {
			t.Errorf("the citizen view has the key %q, which is not one it may show: %s", k, r.Body)
		}
	}
	if string(v["token"]) != `"`+a.Token+`"` {
		t.Errorf("token %s, want %q", v["token"], a.Token)
	}
	if string(v["status"]) != `"received"` {
		t.Errorf("status %s, want %q", v["status"], "received")
	}
	if _, ok := v["due"]; !ok {
		t.Errorf("no %q in the citizen view: %s", "due", r.Body)
	}
	raw := string(r.Body)
	for _, secret := range []string{"Karin", "karin.secret", "070-123", "biblioteket", a.ID} {
		if strings.Contains(raw, secret) {
			t.Errorf("the citizen view shows %q; it shows no text, contact or ID: %s", secret, raw)
		}
	}
	if r.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q, want %q", r.Header.Get("Cache-Control"), "no-store")
	}
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
	if string(r2.Body) != string(r1.Body) {
		t.Errorf("a case ID as the token: body %s, want the body of any miss, %s", r2.Body, r1.Body)
	}
	if string(r3.Body) != string(r1.Body) {
		t.Errorf("a token that is not a UUID: body %s, want the body of any miss, %s", r3.Body, r1.Body)
	}
	if string(r4.Body) != string(r1.Body) {
		t.Errorf("a token in upper case: body %s, want the body of any miss, %s", r4.Body, r1.Body)
	}
	// The token reads only its own case.
	b, _ := s.submit(t, submission("Tack för hjälpen i receptionen igår."))
	ra := s.get(t, "/api/feedback/"+a.Token, nil)
	rb := s.get(t, "/api/feedback/"+b.Token, nil)
	if ra.Status != http.StatusOK {
		t.Fatalf("status %d, want %d: %s", ra.Status, http.StatusOK, ra)
	}
	if rb.Status != http.StatusOK {
		t.Fatalf("status %d, want %d: %s", rb.Status, http.StatusOK, rb)
	}
	if !strings.Contains(string(ra.Body), a.Token) {
		t.Errorf("the case of token %s does not show its token: %s", a.Token, ra.Body)
	}
	if strings.Contains(string(ra.Body), b.Token) {
		t.Errorf("the case of token %s shows another case's token %s: %s", a.Token, b.Token, ra.Body)
	}
	// A token does not open the staff routes.
	r := s.get(t, "/api/staff/cases/"+a.ID, header{"Authorization": "Bearer " + a.Token})
	requireProblem(t, r, http.StatusUnauthorized, "unauthorized")
	// Open311 shows only Open311 requests: a synpunkt's ID is not found.
	r = s.get(t, "/open311/v2/requests/"+a.ID+".json", nil)
	if r.Status != http.StatusNotFound {
		t.Fatalf("Open311 request with a synpunkt's ID: status %d, want %d: %s", r.Status, http.StatusNotFound, r)
	}
}
