package classify_test

import (
	"fmt"

	"github.com/kommunkit/kommunkit/feedback/classify"
)

func ExampleMessage() {
	r := classify.Message("Hej! Gatlampan utanför skolan har varit trasig i två veckor. När kommer ni och lagar den?")
	fmt.Printf("%s (%s), confidence %.2f\n", r.Kind, r.Language, r.Confidence)
	fmt.Printf("runner-up %s, confidence %.2f\n", r.RunnerUp, r.RunnerUpConfidence)
	for _, reason := range r.Cues {
		fmt.Printf("%s: %q\n", reason.Kind, reason.Text)
	}
	// Output:
	// fault_report (sv), confidence 0.60
	// runner-up question, confidence 0.29
	// fault_report: "trasig"
	// fault_report: "Gatlampan"
	// question: "När kommer"
	// question: "?"
}

func ExampleMessage_negation() {
	r := classify.Message("Personalen i receptionen var inte särskilt trevlig.")
	fmt.Println(r.Kind, r.Language)
	fmt.Printf("%q negated: %v\n", r.Cues[0].Text, r.Cues[0].Negated)
	// Output:
	// complaint sv
	// "inte särskilt trevlig" negated: true
}

func ExampleMessage_withoutDiacritics() {
	for _, text := range []string{
		"Jag vill överklaga beslutet om förskoleplats.",
		"jag vill overklaga beslutet om forskoleplats",
		"Haluan valittaa päätöksestä.",
		"I want to appeal the decision.",
	} {
		r := classify.Message(text)
		fmt.Println(r.Kind, r.Language)
	}
	// Output:
	// appeal sv
	// appeal sv
	// appeal fi
	// appeal en
}

func ExampleMessage_empty() {
	r := classify.Message("   ")
	fmt.Printf("kind %q, confidence %v, language %s\n", r.Kind, r.Confidence, r.Language)
	// Output:
	// kind "", confidence 0, language sv
}
