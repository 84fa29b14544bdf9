package feedback

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// staffCueEveryWord is StaffCue as it was first written: at every word
// start it tries every cue of staffWords in turn, where StaffCue looks only
// at the cues that start with the word's first byte; both take the cue to
// the end of its word with lettersEnd. StaffCue must give the same answer
// for every text.
func staffCueEveryWord(text string) (string, bool) {
	lower := strings.ToLower(text)
	atWordStart := true
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		letter := unicode.IsLetter(r)
		if letter && atWordStart {
			for rest := staffWords; rest != ""; {
				var w string
				w, rest, _ = strings.Cut(rest, "|")
				if strings.HasPrefix(lower[i:], w) {
					return lower[i:lettersEnd(lower, i+len(w))], true
				}
			}
		}
		atWordStart = !letter
		i += size
	}
	return "", false
}

// staffCueTexts are texts with and without cues, in the three languages,
// with cues at the start, the end, inside words, across a space, in upper
// case, next to digits and punctuation, and in broken UTF-8.
var staffCueTexts = []string{
	"",
	"Handläggaren svarade aldrig",
	"OTREVLIGT bemötande i receptionen",
	"Jag blev kränkt av rektorn.",
	"Staff at the library",
	"Henkilökunta ei auttanut",
	"Ett officiellt besked",
	"Gatlampan är trasig",
	"unofficial staffing schedules",
	"\xff\xfe",
	"Jag är mycket missnöjd med snöröjningen på Skolvägen. Det har inte plogats på tre dagar och min granne halkade i morse. Ring mig gärna på 070-123 45 67 så berättar jag mer.",
	"The case worker never called back",
	"the caseworkers were late",
	"They treated me badly, and treated us worse",
	"treated meanly",
	"2busschaufförer körde förbi",
	"x-staff",
	"ÖVERKLAGAN: tjänstemännen",
	"Kuljettaja oli töykeä ja tyly.",
	"İstanbul STAFF ǅemal",
	"bemöt\u00a0staff",
	"ab\xffstaff",
	"rud",
	"rude",
	"Rude!",
	"caseworker",
	"case worke",
	"mistreated, impolite and condescending employees",
	"Ärendet gäller lärarens elaka kommentar",
}

func TestStaffCueSameAsEveryWord(t *testing.T) {
	for _, text := range staffCueTexts {
		want, wantOK := staffCueEveryWord(text)
		got, ok := StaffCue(text)
		assert.Equal(t, want, got, text)
		assert.Equal(t, wantOK, ok, text)
	}
}

func TestStaffCueFindsEveryCue(t *testing.T) {
	n := 0
	for w := range strings.SplitSeq(staffWords, "|") {
		n++
		for _, text := range []string{w, "Det gäller " + w + " här.", strings.ToUpper(w) + "!"} {
			got, ok := StaffCue(text)
			require.True(t, ok, text)
			assert.True(t, strings.HasPrefix(got, w), "%q gives %q", text, got)
		}
	}
	filed := 0
	for _, ws := range staffCues {
		filed += len(ws)
	}
	assert.Equal(t, n, filed, "every cue is filed under its first byte")
}

func FuzzStaffCue(f *testing.F) {
	for _, text := range staffCueTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		want, wantOK := staffCueEveryWord(text)
		got, ok := StaffCue(text)
		if got != want || ok != wantOK {
			t.Fatalf("StaffCue(%q) = %q, %v; the scan of every cue gives %q, %v", text, got, ok, want, wantOK)
		}
	})
}

// BenchmarkStaffCue measures a complaint of 180 characters without a cue
// (the whole text is read), and the same scan as first written.
//
//	go test -run '^$' -bench StaffCue ./feedback
func BenchmarkStaffCue(b *testing.B) {
	text := "Jag är mycket missnöjd med snöröjningen på Skolvägen. Det har inte plogats på tre dagar och min granne halkade i morse. Ring mig gärna på 070-123 45 67 så berättar jag mer."
	for _, bc := range []struct {
		name string
		cue  func(string) (string, bool)
	}{
		{"by-first-byte", StaffCue},
		{"every-cue", staffCueEveryWord},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := bc.cue(text); ok {
					b.Fatal("no cue expected")
				}
			}
		})
	}
}
