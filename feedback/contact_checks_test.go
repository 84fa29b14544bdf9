package feedback_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/kommunkit/kommunkit/feedback"
)

// TestContactChecks runs the shared table of testdata/contact_checks.json
// through ValidEmail and ValidPhone. The widget's own checks
// (wasm/loader/validation.js) run the same table in
// wasm/loader/validation.test.mjs, so the two cannot disagree.
func TestContactChecks(t *testing.T) {
	b, err := os.ReadFile("testdata/contact_checks.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Email, Phone []struct {
			Value string
			Valid bool
		}
	}
	if err := json.Unmarshal(b, &table); err != nil {
		t.Fatal(err)
	}
	if len(table.Email) < 20 || len(table.Phone) < 20 {
		t.Fatalf("the table has %d e-mail and %d phone cases; want at least 20 of each", len(table.Email), len(table.Phone))
	}
	for _, c := range table.Email {
		if got := feedback.ValidEmail(c.Value); got != c.Valid {
			t.Errorf("ValidEmail(%q) = %v; the table says %v", c.Value, got, c.Valid)
		}
	}
	for _, c := range table.Phone {
		if got := feedback.ValidPhone(c.Value); got != c.Valid {
			t.Errorf("ValidPhone(%q) = %v; the table says %v", c.Value, got, c.Valid)
		}
	}
}
