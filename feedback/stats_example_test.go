package feedback_test

import (
	"fmt"
	"os"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/classify"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

func ExampleFollowUp() {
	p, _ := servicerules.Preset("nykvarn")
	cal := p.Calendar()
	at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, calendar.Location()) }
	var cases []feedback.Case
	for i, answered := range []time.Time{at(10, 11), at(12, 10), {}} {
		c, _ := feedback.NewCase(feedback.Submission{
			IdempotencyKey: fmt.Sprintf("0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4%d", i),
			Channel:        servicerules.Email,
			Text:           "Gatlyktan är trasig igen.",
			Contact:        &feedback.Contact{Email: "anna@exempel.se"},
		}, at(10, 9), classify.Result{Kind: message.Complaint}, p)
		if !answered.IsZero() {
			c, _ = c.Apply(feedback.Transition{To: feedback.StatusAnswered, At: answered, Text: "Den är lagad.", Unit: "Gata"}, cal)
		}
		cases = append(cases, c)
	}
	march := feedback.Period{From: at(1, 0), To: at(31, 24)}
	st := feedback.FollowUp(cases, march, at(31, 12), cal)
	fmt.Printf("on time: %d of %d (%.0f%%), median %.2f working hours, overdue: %d\n",
		st.Total.OnTime, st.Total.Settled, 100*st.Total.OnTimeShare, st.Total.MedianResponseHours, len(st.Overdue))
	st.WriteCSV(os.Stdout)
	// Output:
	// on time: 1 of 3 (33%), median 10.00 working hours, overdue: 1
	// dimension,nyckel,mottagna,besvarade,avslutade,oppna,svar_utlovat,avgjorda,i_tid,andel_i_tid,forsenade,med_svar,median_svarstid_arbetstimmar
	// total,,3,2,0,1,3,3,1,0.3333,1,2,10.00
	// kind,complaint,3,2,0,1,3,3,1,0.3333,1,2,10.00
	// channel,email,3,2,0,1,3,3,1,0.3333,1,2,10.00
	// unit,,1,0,0,1,1,1,0,0.0000,1,0,
	// unit,Gata,2,2,0,0,2,2,1,0.5000,0,2,10.00
}
