package classify

import (
	"testing"
	"unicode/utf8"
)

// classifyBenchMessage is a realistic Swedish complaint of about 500
// characters: several sentences, a question at the end, å/ä/ö and a typo.
const classifyBenchMessage = "Hej! Jag skriver för att jag är mycket missnöjd med snöröjningen på Björkvägen i Åkersberga. " +
	"Det har nu gått fem dagar sedan det senaste snöfallet och plogbilen har fortfarande inte varit här, " +
	"trots att jag ringde kontaktcenter i måndags och fick löfte om att det skulle ordnas samma dag. " +
	"Min mamma är 84 år och går med rullator, hon kommer inte ut för att handla och hemtjänsten har svårt " +
	"att ta sig fram till huset. Grannarna har försökt skotta själva men det är för mycket snö. " +
	"Varför prioriteras inte gator där det bor äldre? När kommer ni hit?"

// BenchmarkMessage500 measures Message on a message of about 500
// characters. The budget is 20 µs per call.
func BenchmarkMessage500(b *testing.B) {
	if n := utf8.RuneCountInString(classifyBenchMessage); n < 480 || n > 560 {
		b.Fatalf("benchmark message has %d characters, want about 500", n)
	}
	Message(classifyBenchMessage) // build the cue automaton outside the timing
	b.SetBytes(int64(len(classifyBenchMessage)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Message(classifyBenchMessage)
	}
}

// BenchmarkMessageShort measures Message on a one-line message.
func BenchmarkMessageShort(b *testing.B) {
	const msg = "Gatlampan utanför Storgatan 5 är trasig."
	Message(msg)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Message(msg)
	}
}

// BenchmarkClassifierBuild measures building the cue automaton, which
// Message does once, on first use.
func BenchmarkClassifierBuild(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buildCueMatcher(cueGroups(), cueLanguageGroups())
	}
}
