package plain_test

import (
	"math"
	"testing"

	"github.com/kommunkit/kommunkit/feedback/plain"
)

// FuzzCheck checks that Check never panics and that its report is
// consistent: offsets in range, findings sorted, counts and score sane.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"",
		"Hej!\n\nVi har erhållit din ansökan och kommer i enlighet med rutinerna att beakta den, bl.a. avseende LSS.",
		"Lagen om stöd och service (LSS). LSS (lagen om stöd) SoL:s VA-taxa ÖK dnr (diarienummer)",
		"A. Andersson kl. 15:00 m.m. Sedan 1.5 nykvarn.se t ex fr o m ...?! …",
		"( ) (( )) (LSS (SoL)) LSS ( dnr\n",
		"Åsa 😀 Öberg \xff\xfe JAG ÄR ARG",
		"Icke desto mindre i enlighet\nmed",
		"ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord ord.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r := plain.Check(text)
		prev := 0
		for i, fd := range r.Findings {
			if fd.Start < 0 || fd.Start >= fd.End || fd.End > len(text) {
				t.Fatalf("finding %d %+v out of range (len %d) in %q", i, fd, len(text), text)
			}
			if fd.Start < prev {
				t.Fatalf("finding %d starts at %d, before %d", i, fd.Start, prev)
			}
			prev = fd.Start
			if fd.Text != text[fd.Start:fd.End] {
				t.Fatalf("finding %d text %q, want %q", i, fd.Text, text[fd.Start:fd.End])
			}
			if fd.Advice.Sv == "" || fd.Advice.Fi == "" || fd.Advice.En == "" {
				t.Fatalf("finding %d without advice: %+v", i, fd)
			}
		}
		if r.Words < 0 || r.Sentences < 0 || r.LongWords < 0 || r.LongWords > r.Words || r.Sentences > r.Words {
			t.Fatalf("counts %d words, %d sentences, %d long", r.Words, r.Sentences, r.LongWords)
		}
		if (r.Words > 0) != (r.Sentences > 0) {
			t.Fatalf("%d words in %d sentences", r.Words, r.Sentences)
		}
		if math.IsNaN(r.LIX) || math.IsInf(r.LIX, 0) || r.LIX < 0 {
			t.Fatalf("LIX %v", r.LIX)
		}
		if r.Score < 0 || r.Score > 100 {
			t.Fatalf("score %d", r.Score)
		}
		if r.Verdict.Text().Sv == "" || r.Band.Text().Sv == "" {
			t.Fatalf("verdict %q band %q", r.Verdict, r.Band)
		}
	})
}
