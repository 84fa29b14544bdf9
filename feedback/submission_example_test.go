package feedback_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/servicerules"
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
			fmt.Printf("%s (%s): %s\n", f.Field, f.Code, f.Message.Sv)
		}
	}
	// Output:
	// text (required): Skriv ditt meddelande.
	// contact.email (invalid): E-postadressen ser inte rätt ut. Den ska se ut som namn@exempel.se.
	// idempotency_key (invalid): Nyckeln för att skicka igen (idempotency_key) ska vara ett UUID, till exempel 0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b.
}

func ExampleIntake() {
	p, _ := servicerules.Preset("nykvarn")
	received := time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Location())
	c, err := feedback.Intake(feedback.Submission{
		IdempotencyKey: "0B6C1F6E-3F1A-4C1E-9D2B-6A9F1E2D3C4B",
		Channel:        "E-post",
		Text:           "Soptunnan har inte tömts på tre veckor. Det är inte acceptabelt!",
		Contact:        &feedback.Contact{Email: " anna@exempel.se "},
	}, received, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Channel, c.Language, c.IdempotencyKey, c.Contact.Email)
	fmt.Println("kind:", c.Kind, "status:", c.Status)
	fmt.Println("register by:", calendar.Format(c.RegistrationDue, "en"))
	fmt.Println("reply by:   ", calendar.Format(c.ReplyDue, "en"))
	fmt.Println(c.Receipt(p).Message)
	// Output:
	// email sv 0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b anna@exempel.se
	// kind: complaint status: received
	// register by: Wednesday 11 March 2026 at 16:30
	// reply by:    Wednesday 11 March 2026 at 16:30
	// Tack för att du hör av dig. Vi tar ditt klagomål på allvar. Du får svar senast onsdag 11 mars 2026 kl. 16:30. Kan vi inte svara helt före dess, hör vi av oss och berättar vem som svarar och när.
}

func ExamplePreview() {
	p, _ := servicerules.Preset("nykvarn")
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Location())
	cl, r, err := feedback.Preview(feedback.Draft{
		Text:     "I want to appeal the decision on my building permit.",
		Channel:  servicerules.Web,
		Language: "en",
	}, now, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("kind:", cl.Kind, "language:", r.Language)
	fmt.Println("appeal by:", r.AppealBy.Format(time.DateTime), "reply due:", r.Due)

	// Validation is Intake's: the same fields, the same messages.
	_, _, err = feedback.Preview(feedback.Draft{Text: " ", Channel: "brevduva"}, now, p)
	var ve *feedback.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Printf("%s (%s)\n", f.Field, f.Code)
		}
	}
	// Output:
	// kind: appeal language: en
	// appeal by: 2026-03-31 23:59:59 reply due: <nil>
	// text (required)
	// channel (unknown)
}
