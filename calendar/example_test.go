package calendar_test

import (
	"fmt"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/lang"
)

func ExampleCalendar_Deadline() {
	c, err := calendar.New()
	if err != nil {
		panic(err)
	}
	received := time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location())
	fmt.Println(c.Deadline(received, calendar.WorkingDays(2)))
	fmt.Println(c.Deadline(received, calendar.Hours(48)))
	fmt.Println(c.Deadline(received, calendar.Days(21)))
	// Output:
	// 2026-12-29 16:30:00 +0100 CET
	// 2026-12-25 15:00:00 +0100 CET
	// 2027-01-13 23:59:59 +0100 CET
}

func ExampleCalendar_Explain() {
	c, _ := calendar.New()
	received := time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location())
	fmt.Println(c.Explain(received, calendar.WorkingDays(2)).Text(lang.Swedish))
	// Output:
	// Mottaget: onsdag 23 december 2026 kl. 15:00.
	// Svarstid: 2 arbetsdagar.
	// Räkningen börjar: onsdag 23 december 2026.
	// Räknas inte: 24 december (julafton), 25 december (juldagen), 26 december (annandag jul), 27 december (söndag).
	// Senast: tisdag 29 december 2026 kl. 16:30.
}

func ExampleNew() {
	lunch := []calendar.Interval{
		{Open: 8 * time.Hour, Close: 12 * time.Hour},
		{Open: 13 * time.Hour, Close: 16 * time.Hour},
	}
	c, err := calendar.New(
		calendar.WithWeekdayHours(lunch...),
		calendar.WithClosures(calendar.Closure{Date: calendar.Date{Year: 2026, Month: time.May, Day: 15}, Reason: "klämdag"}),
		calendar.WithShortDays(calendar.StateAgreementShortDays()...),
	)
	if err != nil {
		panic(err)
	}
	// Received the day before Kristi himmelsfärdsdag, after close: the
	// holiday, the bridge day and the weekend do not count.
	received := time.Date(2026, 5, 13, 17, 0, 0, 0, calendar.Location())
	fmt.Println(c.Deadline(received, calendar.WorkingDays(1)))
	// Skärtorsdag is four hours shorter.
	fmt.Println(c.HoursOn(calendar.Date{Year: 2026, Month: time.April, Day: 2}))

	_, err = calendar.New(calendar.WithHours(time.Monday, calendar.Interval{Open: 17 * time.Hour, Close: 8 * time.Hour}))
	fmt.Println(err)
	// Output:
	// 2026-05-19 16:00:00 +0200 CEST
	// [08:00-11:00]
	// calendar: hours for Monday: interval 17:00-08:00 closes at or before it opens
}

func ExampleParseSpan() {
	for _, s := range []string{"2 arbetsdagar", "48 hours", "3 veckor", "1 työpäivä"} {
		span, err := calendar.ParseSpan(s)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s -> %v (%s)\n", s, span, span.Format(lang.English))
	}
	_, err := calendar.ParseSpan("2 fortnights")
	fmt.Println(err)
	// Output:
	// 2 arbetsdagar -> 2 arbetsdagar (2 working days)
	// 48 hours -> 48 timmar (48 hours)
	// 3 veckor -> 21 dagar (21 days)
	// 1 työpäivä -> 1 arbetsdag (1 working day)
	// calendar: invalid span "2 fortnights": unknown unit "fortnights"
}

func ExampleCalendar_Holidays() {
	c, _ := calendar.New()
	for _, h := range c.Holidays(2026)[8:11] {
		fmt.Println(calendar.DateOf(h.Date), h.Name, h.Kind)
	}
	// Output:
	// 2026-06-06 Sveriges nationaldag public
	// 2026-06-19 midsommarafton de facto
	// 2026-06-20 midsommardagen public
}

func ExampleWithShortDays() {
	// An organisation's own short day: the office closes two hours early on
	// the Wednesday before Easter, the day before skärtorsdag.
	own := calendar.ShortDay{Name: "onsdag före skärtorsdag", Day: calendar.FromEaster(-4), By: 2 * time.Hour}
	c, err := calendar.New(calendar.WithShortDays(own))
	if err != nil {
		panic(err)
	}
	day, _ := own.Day.In(2026)
	fmt.Println(day, c.HoursOn(day))
	// Output:
	// 2026-04-01 [08:00-14:30]
}
