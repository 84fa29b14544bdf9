package memstore_test

import (
	"context"
	"fmt"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/memstore"
	"github.com/kommunkit/kommunkit/servicerules"
)

func Example() {
	ctx := context.Background()
	p, _ := servicerules.Preset("nykvarn")
	st, err := memstore.New(memstore.Config{Calendar: p.Calendar()})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()

	// A submission arrives, and the client retries it.
	received := time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Location())
	c, _ := feedback.Intake(feedback.Submission{
		IdempotencyKey: "0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b",
		Channel:        servicerules.Email,
		Text:           "Soptunnan har inte tömts. Ring mig på 070-123 45 67.",
		Contact:        &feedback.Contact{Email: "anna@exempel.se"},
	}, received, p)
	first, created, _ := st.Insert(ctx, c)
	fmt.Println("created:", created)
	again, created, _ := st.Insert(ctx, c)
	fmt.Println("created:", created, "same case:", again.ID == first.ID)

	// Staff see the list: the text redacted, the contact masked.
	list, _ := st.List(ctx, feedback.CaseFilter{})
	fmt.Println(list[0].Text)
	fmt.Println(list[0].Contact.Email)
	// Output:
	// created: true
	// created: false same case: true
	// Soptunnan har inte tömts. Ring mig på [telefon].
	// [e-post]
}
