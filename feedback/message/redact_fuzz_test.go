package message_test

import (
	"testing"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/feedback/message"
)

// FuzzRedact checks that FindPII and Redact never panic, that matches are in
// range, sorted and apart, that Redact keeps valid UTF-8 valid, and that
// Redact is idempotent.
func FuzzRedact(f *testing.F) {
	for _, s := range redactSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		found := message.FindPII(text)
		prev := 0
		for i, p := range found {
			if p.Start < prev || p.Start >= p.End || p.End > len(text) {
				t.Fatalf("match %d %+v out of order or range (previous end %d, len %d) in %q", i, p, prev, len(text), text)
			}
			switch p.Kind {
			case message.PIIPersonnummer, message.PIISamordningsnummer, message.PIIPossiblePersonnummer, message.PIIPhone, message.PIIEmail:
			default:
				t.Fatalf("unknown kind %q", p.Kind)
			}
			prev = p.End
		}
		once := message.Redact(text)
		if len(found) == 0 && once != text {
			t.Fatalf("Redact changed %q with nothing found: %q", text, once)
		}
		if utf8.ValidString(text) && !utf8.ValidString(once) {
			t.Fatalf("Redact(%q) = %q, not valid UTF-8", text, once)
		}
		if twice := message.Redact(once); twice != once {
			t.Fatalf("not idempotent:\n in    %q\n once  %q\n twice %q", text, once, twice)
		}
	})
}
