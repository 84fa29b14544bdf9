package pii_test

import (
	"fmt"

	"github.com/kommunkit/kommunkit/feedback/pii"
)

func ExampleRedact() {
	msg := "Hej! Jag heter Anna (811218-9876). Ring 070-123 45 67 eller mejla anna@example.se. " +
		"Ärendet gäller dnr 2021.462, mötet 2026-12-23 kl. 15:00."
	fmt.Println(pii.Redact(msg))
	// Output:
	// Hej! Jag heter Anna ([personnummer]). Ring [telefon] eller mejla [e-post]. Ärendet gäller dnr 2021.462, mötet 2026-12-23 kl. 15:00.
}

func ExampleFind() {
	msg := "Åsa, tel +46 8 555 010 00, samordningsnummer 850161-1233"
	for _, p := range pii.Find(msg) {
		fmt.Printf("%s %d-%d %q\n", p.Kind, p.Start, p.End, msg[p.Start:p.End])
	}
	// Output:
	// phone 10-26 "+46 8 555 010 00"
	// samordningsnummer 46-57 "850161-1233"
}
