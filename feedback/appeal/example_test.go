package appeal_test

import (
	"fmt"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/appeal"
)

func ExampleDue() {
	// The decision came on Saturday 7 March 2026; the message on Tuesday 10 March.
	d := appeal.Due(calendar.Date{Year: 2026, Month: time.March, Day: 7}, time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Location()))
	fmt.Println(d.From, d.Known)
	fmt.Println(d.By.Format(time.DateTime))
	fmt.Println("moved from", d.MovedFrom)

	// Without the day of the decision, the three weeks count from the message.
	d = appeal.Due(calendar.Date{}, time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Location()))
	fmt.Println(d.From, d.Known, d.By.Format(time.DateOnly))
	// Output:
	// 2026-03-07 true
	// 2026-03-30 23:59:59
	// moved from 2026-03-28
	// 2026-03-10 false 2026-03-31
}
