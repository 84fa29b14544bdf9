package calendar_test

import (
	"math/rand"
	"strconv"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/se"

	"github.com/kommunkit/kommunkit/calendar"
)

// benchInputs are the same instants for both calendars: spread over
// 1954-2200, at random times of day.
func benchInputs() []time.Time {
	r := rand.New(rand.NewSource(42))
	in := make([]time.Time, 1024)
	for i := range in {
		in[i] = randomInstant(r).In(calendar.Location())
	}
	return in
}

var sink time.Time

// BenchmarkDeadlineWorkingDays times kommunkit's Deadline with WorkingDays(5),
// and with WorkingDays(30), the longest span the budget covers.
func BenchmarkDeadlineWorkingDays(b *testing.B) {
	c := newCal(b)
	in := benchInputs()
	for _, n := range []int{5, 30} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			span := calendar.WorkingDays(n)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sink = c.Deadline(in[i&1023], span)
			}
		})
	}
}

// BenchmarkRickarWorkdaysFrom5 times rickar/cal's BusinessCalendar.WorkdaysFrom
// with se.Holidays on the same inputs.
func BenchmarkRickarWorkdaysFrom5(b *testing.B) {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(se.Holidays...)
	in := benchInputs()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink = c.WorkdaysFrom(in[i&1023], 5)
	}
}

// BenchmarkDeadlineVsRickar times both calendars in one loop, interleaved, on
// the same inputs, and reports how many times faster kommunkit is. It fails
// when kommunkit is less than 50 times faster or allocates at all; `make
// bench-check` (part of `make test`) runs it. The ratio, not a wall-clock time,
// is the budget, so a busy machine slows both sides alike.
func BenchmarkDeadlineVsRickar(b *testing.B) {
	ours := newCal(b)
	theirs := cal.NewBusinessCalendar()
	theirs.AddHoliday(se.Holidays...)
	in := benchInputs()
	const oursPerRound, theirsPerRound = 1024, 32
	var oursTime, theirsTime time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		for j := 0; j < oursPerRound; j++ {
			sink = ours.Deadline(in[j], calendar.WorkingDays(5))
		}
		t1 := time.Now()
		for j := 0; j < theirsPerRound; j++ {
			sink = theirs.WorkdaysFrom(in[(i*theirsPerRound+j)&1023], 5)
		}
		t2 := time.Now()
		oursTime += t1.Sub(t0)
		theirsTime += t2.Sub(t1)
	}
	oursNs := float64(oursTime) / float64(b.N*oursPerRound)
	theirsNs := float64(theirsTime) / float64(b.N*theirsPerRound)
	ratio := theirsNs / oursNs
	allocs := testing.AllocsPerRun(100, func() { sink = ours.Deadline(in[7], calendar.WorkingDays(5)) })
	b.ReportMetric(oursNs, "kommunkit-ns/op")
	b.ReportMetric(theirsNs, "rickar-ns/op")
	b.ReportMetric(ratio, "x-faster")
	b.ReportMetric(allocs, "kommunkit-allocs/op")
	if b.N > 1 && ratio < 50 {
		b.Fatalf("kommunkit is %.1fx faster than rickar/cal; the budget is 50x", ratio)
	}
	if allocs != 0 {
		b.Fatalf("kommunkit allocates %.0f times per call; the budget is 0", allocs)
	}
}
