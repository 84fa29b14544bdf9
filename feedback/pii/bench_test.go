package pii_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/feedback/pii"
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
	if n := len(pii.Find(redactBench500)); n != 4 {
		b.Fatalf("want 4 items of personal data, got %d", n)
	}
	b.SetBytes(int64(len(redactBench500)))
	b.ReportAllocs()
	for b.Loop() {
		if out := pii.Redact(redactBench500); strings.Contains(out, "121212") {
			b.Fatal("not redacted")
		}
	}
}

func BenchmarkFind500(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = pii.Find(redactBench500)
	}
}

// redactBenchNoPII500 is redactBench500 with no personal data: Swedish
// text, dates, times, amounts and diary numbers only.
var redactBenchNoPII500 = strings.NewReplacer(
	"121212-1212", "ej angivet", "070-123 45 67", "mobilen", "+46 8 555 010 00", "växeln", "anna.oberg@example.se", "mig",
).Replace(redactBench500)

// redactBenchDisguised500 is redactBench500 with its personal data
// disguised: full-width digits, zero-width spaces and a "＠".
var redactBenchDisguised500 = strings.NewReplacer(
	"121212-1212", "１２１２１２－１２１２", "070-123 45 67", "070\u200b-123\u200b45\u200b67", "anna.oberg@", "anna.oberg＠",
).Replace(redactBench500)

func BenchmarkFindNoPII500(b *testing.B) {
	if n := len(pii.Find(redactBenchNoPII500)); n != 0 {
		b.Fatalf("want no personal data, got %d", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = pii.Find(redactBenchNoPII500)
	}
}

func BenchmarkFindDisguised500(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = pii.Find(redactBenchDisguised500)
	}
}
