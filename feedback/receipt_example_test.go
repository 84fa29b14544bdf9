package feedback_test

import (
	"fmt"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/classify"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

func ExampleCase_Receipt() {
	p, _ := servicerules.Preset("nykvarn")
	received := time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location())
	c, _ := feedback.Intake(feedback.Submission{
		IdempotencyKey: "0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b",
		Channel:        servicerules.Email,
		Text:           "Soptunnan har inte tömts på tre veckor. Det är inte acceptabelt!",
		Contact:        &feedback.Contact{Email: "anna@exempel.se"},
	}, received, p)
	r := c.Receipt(p)
	fmt.Println(r.Message)
	fmt.Println(r.Due.Format(time.RFC3339))
	// Output:
	// Tack för att du hör av dig. Vi tar ditt klagomål på allvar. Du får svar senast måndag 28 december 2026 kl. 16:30. Kan vi inte svara helt före dess, hör vi av oss och berättar vem som svarar och när.
	// 2026-12-28T16:30:00+01:00
}

func ExampleCase_Receipt_appeal() {
	p, _ := servicerules.Preset("nykvarn")
	received := time.Date(2026, 6, 2, 10, 0, 0, 0, calendar.Location())
	c, _ := feedback.NewCase(feedback.Submission{
		IdempotencyKey:   "0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b",
		Channel:          servicerules.Web,
		Language:         "en",
		Text:             "I want to appeal the decision on my building permit.",
		DecisionReceived: calendar.Date{Year: 2026, Month: 5, Day: 30},
	}, received, classify.Result{Kind: message.Appeal}, p)
	r := c.Receipt(p)
	fmt.Println(r.Message)
	fmt.Println(r.AppealBy.Format(time.RFC3339), r.Due == nil)
	// Output:
	// Thank you for your message. It looks as if you want to appeal a decision. Feedback does not replace an appeal. How to appeal: write to the authority that made the decision. Say which decision it is, why you think it is wrong and what change you want. The appeal must reach the authority by Monday 22 June 2026 at the latest. That is three weeks from the day you received the decision (Swedish Administrative Procedure Act, section 44). The decision often says how to appeal.
	// 2026-06-22T23:59:59+02:00 true
}
