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

func ExampleIntake_staffComplaint() {
	p, _ := servicerules.Preset("nykvarn")
	received := time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location())
	c, err := feedback.Intake(feedback.Submission{
		IdempotencyKey: "0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b",
		Channel:        servicerules.Email,
		Text:           "Handläggaren var otrevlig när jag ringde om mitt bygglov. Det är inte acceptabelt.",
		Contact:        &feedback.Contact{Name: "Anna Andersson", Email: "anna@exempel.se"},
	}, received, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("kind:", c.Kind, "about staff:", c.StaffComplaint)
	fmt.Println("register by:", calendar.Format(c.RegistrationDue, "en"))
	fmt.Println("reply by:   ", calendar.Format(c.ReplyDue, "en"))
	fmt.Println("next:", c.Next())
	// Output:
	// kind: complaint about staff: true
	// register by: Monday 28 December 2026 at 16:30
	// reply by:    Monday 28 December 2026 at 16:30
	// next: [registered]
}

func ExampleCase_Apply() {
	p, _ := servicerules.Preset("nykvarn")
	cal := p.Calendar()
	at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, calendar.Location()) }
	c, _ := feedback.NewCase(feedback.Submission{
		IdempotencyKey: "0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b",
		Channel:        servicerules.Email,
		Text:           "När töms soptunnorna på Storgatan?",
		Contact:        &feedback.Contact{Email: "anna@exempel.se"},
	}, at(10, 9), classify.Result{Kind: message.Question}, p)
	fmt.Println("due:", calendar.Format(c.Due(), "en"))

	steps := []feedback.Transition{
		{To: feedback.StatusRegistered, At: at(10, 10), DiaryNumber: "KS 2026/0042", Unit: "Renhållning"},
		{To: feedback.StatusWaiting, At: at(10, 11), Text: "Vilken del av Storgatan?"},
		{To: feedback.StatusRegistered, At: at(11, 11)}, // the person answered: resume
		{To: feedback.StatusAnswered, At: at(12, 9), Text: "Tisdagar, varannan vecka."},
		{To: feedback.StatusAnswered, At: at(12, 10), Text: "Igen."},
	}
	for _, tr := range steps {
		next, err := c.Apply(tr, cal)
		if err != nil {
			fmt.Println(err)
			continue
		}
		c = next
		fmt.Printf("%-12s due %s, overdue: %v\n", c.Status, calendar.Format(c.Due(), "en"), c.Overdue(tr.At))
	}
	rt, _ := c.ResponseTime(cal)
	fmt.Println("paused:", c.Paused, "response time:", rt)
	// Output:
	// due: Wednesday 11 March 2026 at 16:30
	// registered   due Wednesday 11 March 2026 at 16:30, overdue: false
	// waiting      due Wednesday 11 March 2026 at 16:30, overdue: false
	// registered   due Thursday 12 March 2026 at 16:30, overdue: false
	// answered     due Thursday 12 March 2026 at 16:30, overdue: false
	// feedback: a case cannot go from "answered" to "answered": not a legal transition; allowed: closed
	// paused: 8h30m0s response time: 8h30m0s
}
