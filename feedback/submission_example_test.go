package feedback_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
)

func ExampleValidate() {
	err := feedback.Validate(feedback.Submission{
		IdempotencyKey: "retry-1",
		Channel:        "e-post",
		Text:           "",
		Contact:        &feedback.Contact{Email: "anna.exempel.se"},
	})
	var ve *feedback.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Printf("%s (%s): %s\n", f.Field, f.Code, f.MessageSV)
		}
	}
	// Output:
	// text (required): Skriv ditt meddelande.
	// contact.email (invalid): E-postadressen ser inte rätt ut. Den ska se ut som namn@exempel.se.
	// idempotency_key (invalid): Nyckeln för att skicka igen (idempotency_key) ska vara ett UUID, till exempel 0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b.
}

func ExampleAccept() {
	received := time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Location())
	s, cl, err := feedback.Accept(feedback.Submission{
		IdempotencyKey: "0B6C1F6E-3F1A-4C1E-9D2B-6A9F1E2D3C4B",
		Channel:        "E-post",
		Text:           "Soptunnan har inte tömts på tre veckor. Det är inte acceptabelt!",
	}, received)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Channel, s.Language, s.IdempotencyKey)
	fmt.Println("anonymous:", s.Anonymous())
	fmt.Println("kind:", cl.Kind)
	// Output:
	// email sv 0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b
	// anonymous: true
	// kind: complaint
}
