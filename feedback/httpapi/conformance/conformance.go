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
// Every error body outside Open311 it meets is checked for the API's one
// form of messages: "message" is an object with a text in Swedish, Finnish
// and English, on the problem and on each field error, and the earlier keys
// message_sv, message_fi and message_en are gone:
//
//	{"status": 400, "error": "invalid_submission",
//	 "message": {"sv": "Rätta till: text.", "fi": "Korjaa: text.", "en": "Please correct: text."},
//	 "fields": [{"field": "text", "code": "required",
//	   "message": {"sv": "Skriv ditt meddelande.", "fi": "Kirjoita viestisi.", "en": "Please write your message."}}]}
//
// Open311 errors keep GeoReport v2's [{"code", "description"}].
//
// The suite writes cases to the target's database; run it against a
// database made for the test.
//
// Like testing/fstest and testing/slogtest, it reports with t.Errorf and
// t.Fatalf alone, saying what it wanted and what came, so importing it
// brings no test library with it.
package conformance

import (
	"net/http"
	"strings"
	"testing"
	"time"
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
	if tg.BaseURL == "" {
		t.Fatal("conformance: Target.BaseURL is empty")
	}
	if tg.StaffToken == "" {
		t.Fatal("conformance: Target.StaffToken is empty")
	}
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
