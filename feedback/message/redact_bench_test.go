package message_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/feedback/message"
)

// redactBench500 is a realistic 500-character message with four items of
// personal data.
var redactBench500 = func() string {
	s := "Hej! Jag heter Anna Öberg och bor på Storgatan 12, 155 80 Nykvarn. " +
		"Min son (personnummer 121212-1212) fick inte plats på förskolan trots att vi sökte i god tid, " +
		"ärende KS/2020:548. Jag ringde 2026-12-23 kl. 15:00 men ingen svarade, och avgiften på 1 500 kr " +
		"drogs ändå. Ring mig på 070-123 45 67 eller på jobbet +46 8 555 010 00, eller mejla " +
		"anna.oberg@example.se. Jag vill ha svar snarast, tack. Med vänlig hälsning, Anna. " +
		"PS. Hämtningen fungerar bra och personalen är mycket trevlig och hjälpsam mot barnen."
	for utf8.RuneCountInString(s) < 500 {
		s += " Tack."
	}
	return s
}()

func BenchmarkRedact500(b *testing.B) {
	if n := len(message.FindPII(redactBench500)); n != 4 {
		b.Fatalf("want 4 items of personal data, got %d", n)
	}
	b.SetBytes(int64(len(redactBench500)))
	b.ReportAllocs()
	for b.Loop() {
		if out := message.Redact(redactBench500); strings.Contains(out, "121212") {
			b.Fatal("not redacted")
		}
	}
}

func BenchmarkFindPII500(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = message.FindPII(redactBench500)
	}
}
