package plain_test

import (
	"testing"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/feedback/plain"
)

// bench500 is a realistic 500-character draft reply with some
// bureaucratic words, abbreviations and one long sentence.
var bench500 = func() string {
	s := "Hej Anna!\n\nTack för ditt meddelande. Vi har erhållit din ansökan om plats i förskolan och kommer " +
		"i enlighet med gällande rutiner att handlägga den så snart som möjligt, vilket innebär att du bl.a. " +
		"kommer att få ett beslut avseende placeringen senast den 15 januari, förutsatt att alla handlingar " +
		"har kommit in. Kontakta oss om du har frågor om LSS eller om avgiften, t.ex. via e-post. Ange dnr " +
		"i ditt svar.\n\nMed vänlig hälsning\nBo Ek\nBarn- och utbildningsförvaltningen, Nykvarns kommun"
	for utf8.RuneCountInString(s) < 500 {
		s += " Tack."
	}
	return s
}()

func BenchmarkCheck500(b *testing.B) {
	if r := plain.Check(bench500); len(r.Findings) < 6 {
		b.Fatalf("want at least 6 findings, got %d", len(r.Findings))
	}
	b.SetBytes(int64(len(bench500)))
	b.ReportAllocs()
	for b.Loop() {
		_ = plain.Check(bench500)
	}
}
