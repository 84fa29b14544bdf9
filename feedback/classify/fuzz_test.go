package classify

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMessage checks that Message never panics and that every result is
// well formed: Confidence in [0, 1], Language sv, fi or en, Kind valid or
// empty (and then with nothing else set), Cues valid UTF-8 quoting the
// message, and the same result on a second call.
func FuzzMessage(f *testing.F) {
	for _, seed := range []string{
		"",
		" ",
		"???",
		"Jag vill överklaga beslutet om bygglov.",
		"tack sa mycket for hjalpen",
		"Gatlampan är trasig. När lagar ni den?",
		"Katuvalo ei pala, voisitteko korjata?",
		"I am not happy at all with the snow clearing!!",
		"inte nöjd",
		"o\u0308verklaga",
		"\xff\xfe\xfd",
		"Jag vill \xc3 överklaga",
		strings.Repeat("inte ", 300) + "nöjd",
		strings.Repeat("?", 100),
		"ÆØÅ æøå ß þ ð œ İstanbul",
		"Skadeanspråk: 12 000 kr för fälgen",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := Message(text)
		classifyCheckInvariants(t, text, got)
		valid := utf8.ValidString(text)
		for _, r := range got.Cues {
			if valid && r.Text != "?" && r.Text != "??" && !strings.Contains(text, r.Text) {
				t.Fatalf("%q: reason text %q is not in the message", text, r.Text)
			}
		}
		again := Message(text)
		if again.Kind != got.Kind || again.Confidence != got.Confidence || again.Language != got.Language || len(again.Cues) != len(got.Cues) {
			t.Fatalf("%q: a second call gave %+v, the first %+v", text, again, got)
		}
	})
}
