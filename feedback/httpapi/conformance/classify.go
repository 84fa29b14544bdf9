package conformance

import (
	"net/http"
	"strings"
	"testing"
)

func (s *suite) testClassify(t *testing.T) {
	cases := []struct{ text, kind string }{
		{"Jag vill överklaga beslutet om bygglov som jag fick förra veckan.", "appeal"},
		{"Tack för ett fantastiskt bemötande i receptionen!", "praise"},
	}
	for _, tc := range cases {
		r := s.postJSON(t, "/api/classify", map[string]any{"text": tc.text}, nil)
		if r.Status != http.StatusOK {
			t.Fatalf("POST /api/classify %q: status %d, want %d: %s", tc.text, r.Status, http.StatusOK, r)
		}
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
		if c.Kind != tc.kind {
			t.Errorf("%q: kind %q, want %q", tc.text, c.Kind, tc.kind)
		}
		if c.Language != "sv" {
			t.Errorf("%q: language %q, want %q", tc.text, c.Language, "sv")
		}
		if c.Confidence <= 0.0 {
			t.Errorf("%q: confidence %v, want more than 0", tc.text, c.Confidence)
		}
		if len(c.Reasons) == 0 {
			t.Errorf("%q: no reasons: %s", tc.text, r.Body)
		}
		if c.Guidance.Message == "" {
			t.Errorf("%q: guidance.message is empty: %s", tc.text, r.Body)
		}
		if tc.kind == "appeal" {
			if c.Synpunkt {
				t.Errorf("%q: synpunkt true, want false: an appeal is not a synpunkt", tc.text)
			}
			if c.Guidance.AppealBy == nil {
				t.Fatalf("%q: guidance.appeal_by is null, want the appeal's last day: %s", tc.text, r.Body)
			}
			requireRFC3339(t, *c.Guidance.AppealBy)
		} else {
			if !c.Synpunkt {
				t.Errorf("%q: synpunkt false, want true", tc.text)
			}
			if c.Guidance.Due == nil {
				t.Fatalf("%q: guidance.due is null, want a time: %s", tc.text, r.Body)
			}
		}
	}
	r := s.postJSON(t, "/api/classify", map[string]any{"text": "Tack!", "anonymous": true}, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("POST /api/classify, anonymous: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	if !strings.Contains(string(r.Body), `"due":null`) {
		t.Errorf("anonymous: want guidance.due null (no reply is owed): %s", r.Body)
	}
	r = s.postJSON(t, "/api/classify", map[string]any{"text": ""}, nil)
	p := requireProblem(t, r, http.StatusBadRequest, "invalid_submission")
	if _, ok := p.fieldCodes()["text"]; !ok {
		t.Errorf("no error for the field %q: %s", "text", r.Body)
	}
	requireProblem(t, s.get(t, "/api/classify", nil), http.StatusMethodNotAllowed, "method_not_allowed")
}
