package calendar_test

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/calendar"
)

func FuzzParseSpan(f *testing.F) {
	for _, s := range []string{"1 arbetsdag", "2 arbetsdagar", "48 timmar", "3 veckor", "21 dagar",
		"1 working day", "48 hours", "2 työpäivää", "48 tuntia", "48h", "en vecka", "", "-1 dag", "9999999 dagar", "2 \xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		span, err := calendar.ParseSpan(s)
		if err != nil {
			if !utf8.ValidString(err.Error()) {
				t.Fatalf("error is not valid UTF-8: %q", err.Error())
			}
			return
		}
		// Whatever parses prints back to the same span.
		back, err := calendar.ParseSpan(span.String())
		if err != nil || back != span {
			t.Fatalf("%q -> %v -> %v, %v", s, span, back, err)
		}
	})
}

// FuzzDeadline builds a calendar from random options and asks for random
// deadlines: no panic, no hang, and never a deadline before the start.
func FuzzDeadline(f *testing.F) {
	f.Add(int64(1798117200), uint8(0), uint16(2), []byte{8, 0, 16, 30}, uint16(0), false)
	f.Add(int64(-5e10), uint8(1), uint16(600), []byte{0, 0, 24, 0, 9, 0, 12, 0}, uint16(300), true)
	f.Add(int64(9e12), uint8(3), uint16(40), []byte{23, 59, 24, 0}, uint16(7), true)
	f.Fuzz(func(t *testing.T, sec int64, kind uint8, n uint16, hours []byte, closureSeed uint16, short bool) {
		// Keep instants within years that time.Time formats normally.
		const limit = 1 << 40
		sec %= limit
		var opts []calendar.Option
		for i := 0; i+3 < len(hours) && i < 7*4; i += 4 {
			open := time.Duration(hours[i])*time.Hour + time.Duration(hours[i+1])*time.Minute
			cl := time.Duration(hours[i+2])*time.Hour + time.Duration(hours[i+3])*time.Minute
			opts = append(opts, calendar.WithHours(time.Weekday(i/4), calendar.Interval{Open: open, Close: cl}))
		}
		if closureSeed > 0 {
			var cs []calendar.Closure
			d := calendar.Date{Year: 2026, Month: time.January, Day: 1}
			for i := 0; i < int(closureSeed%400); i++ {
				cs = append(cs, calendar.Closure{Date: d.AddDays(i * int(closureSeed%5+1)), Reason: "x"})
			}
			opts = append(opts, calendar.WithClosures(cs...))
		}
		if short {
			opts = append(opts, calendar.WithShortDays(calendar.StateAgreementShortDays()...))
		}
		c, err := calendar.New(opts...)
		if err != nil {
			return
		}
		from := time.Unix(sec, 0)
		var s calendar.Span
		switch kind % 4 {
		case 0:
			s = calendar.WorkingDays(int(n % 400))
		case 1:
			s = calendar.WorkingTime(time.Duration(n) * time.Minute)
		case 2:
			s = calendar.Hours(int(n))
		default:
			s = calendar.Days(int(n))
		}
		due := c.Deadline(from, s)
		if due.Before(from) {
			t.Fatalf("deadline %v before %v for %v", due, from, s)
		}
		e := c.Explain(from, s)
		if !e.Deadline.Equal(due) {
			t.Fatalf("Explain %v, Deadline %v", e.Deadline, due)
		}
		_ = e.Text("sv")
		_ = c.IsOpen(from)
		if next := c.NextOpen(from); next.Before(from) {
			t.Fatalf("NextOpen %v before %v", next, from)
		}
	})
}
