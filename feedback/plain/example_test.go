package plain_test

import (
	"fmt"

	"github.com/kommunkit/kommunkit/feedback/plain"
)

func ExampleCheck() {
	draft := "Hej!\nVi har erhållit din ansökan avseende LSS och återkommer bl.a. med ett beslut."
	r := plain.Check(draft)
	fmt.Printf("LIX %.0f (%s), score %d: %s\n", r.LIX, r.Band.Text().Sv, r.Score, r.Verdict.Text().Sv)
	for _, f := range r.Findings {
		fmt.Printf("%d-%d %s: %s\n", f.Start, f.End, f.Kind, f.Advice.Sv)
	}
	// Output:
	// LIX 36 (Lättläst), score 84: Klar att skicka
	// 12-21 bureaucratic: Skriv ”få” i stället för ”erhållit”.
	// 35-43 bureaucratic: Skriv ”om, när det gäller” i stället för ”avseende”.
	// 44-47 acronym: Förklara förkortningen ”LSS”: skriv ut vad den betyder första gången, med förkortningen inom parentes efter.
	// 64-69 abbreviation: Skriv ”bland annat” i stället för förkortningen ”bl.a.”.
}
