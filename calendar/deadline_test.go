package calendar_test

import (
	"errors"
	"math/rand"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
)

var sto = calendar.Location()

// at parses a local Stockholm time "2006-01-02 15:04", or
// "2006-01-02 15:04:05" with seconds.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	layout := "2006-01-02 15:04"
	if len(s) > len(layout) {
		layout += ":05"
	}
	v, err := time.ParseInLocation(layout, s, sto)
	require.NoError(t, err)
	return v
}

func iv(t testing.TB, s string) calendar.Interval {
	t.Helper()
	v, err := calendar.ParseInterval(s)
	require.NoError(t, err)
	return v
}

func TestDeadlineWorkingDays(t *testing.T) {
	def := newCal(t)
	klamdag := newCal(t, calendar.WithClosures(calendar.Closure{Date: calendar.Date{Year: 2026, Month: time.May, Day: 15}, Reason: "klämdag"}))
	short := newCal(t, calendar.WithShortDays(calendar.StateAgreementShortDays()...))
	lunch := newCal(t, calendar.WithWeekdayHours(iv(t, "08:00-12:00"), iv(t, "13:00-16:00")))
	weekend := newCal(t, calendar.WithWeekendHours(iv(t, "10:00-14:00")))
	tests := []deadlineTest{
		{"before close counts the day of receipt", def, "2026-11-23 12:00", 1, "2026-11-24 16:30"},
		{"before opening counts the day of receipt", def, "2026-11-23 06:00", 1, "2026-11-24 16:30"},
		{"at close starts the next working day", def, "2026-11-23 16:30", 1, "2026-11-25 16:30"},
		{"after close starts the next working day", def, "2026-11-23 17:00", 1, "2026-11-25 16:30"},
		{"zero days is close on the start day", def, "2026-11-23 09:00", 0, "2026-11-23 16:30"},
		{"zero days after close", def, "2026-11-23 18:00", 0, "2026-11-24 16:30"},
		{"Friday evening", def, "2026-11-20 18:00", 1, "2026-11-24 16:30"},
		{"Saturday", def, "2026-11-21 10:00", 1, "2026-11-24 16:30"},
		{"Sunday", def, "2026-11-22 10:00", 2, "2026-11-25 16:30"},
		{"julafton example", def, "2026-12-23 15:00", 2, "2026-12-29 16:30"},
		{"received on julafton", def, "2026-12-24 09:00", 1, "2026-12-29 16:30"},
		{"over new year", def, "2026-12-30 10:00", 1, "2027-01-04 16:30"},
		{"trettondedag jul", def, "2027-01-05 10:00", 1, "2027-01-07 16:30"},
		{"Easter in April 2026", def, "2026-04-02 10:00", 1, "2026-04-07 16:30"},
		{"Easter in March 2016", def, "2016-03-24 10:00", 1, "2016-03-29 16:30"},
		{"midsommar 2026 (19 June)", def, "2026-06-18 10:00", 1, "2026-06-22 16:30"},
		{"midsommar 2027 (25 June)", def, "2027-06-24 10:00", 1, "2027-06-28 16:30"},
		{"annandag pingst 2004 is a holiday", def, "2004-05-28 10:00", 1, "2004-06-01 16:30"},
		{"annandag pingst 2005 is a working day", def, "2005-05-13 10:00", 1, "2005-05-16 16:30"},
		{"nationaldagen 2005 is a holiday", def, "2005-06-03 10:00", 1, "2005-06-07 16:30"},
		{"6 June 2004 was a Sunday anyway, 2003 a Friday working day", def, "2003-06-05 10:00", 1, "2003-06-06 16:30"},
		{"DST starts (29 March 2026)", def, "2026-03-27 10:00", 1, "2026-03-30 16:30"},
		{"DST ends (25 October 2026)", def, "2026-10-23 10:00", 1, "2026-10-26 16:30"},
		{"DST week, several days", def, "2026-03-26 12:00", 3, "2026-03-31 16:30"},
		{"closure day (klämdag) is skipped", klamdag, "2026-05-13 10:00", 1, "2026-05-18 16:30"},
		{"received on a closure day", klamdag, "2026-05-15 10:00", 0, "2026-05-18 16:30"},
		{"skärtorsdag closes at 12:30", short, "2026-04-01 10:00", 1, "2026-04-02 12:30"},
		{"after a short day's close", short, "2026-04-02 13:00", 1, "2026-04-08 16:30"},
		{"valborg on a Thursday: 2 hours", short, "2026-04-29 10:00", 1, "2026-04-30 14:30"},
		{"valborg on a Friday: 4 hours", short, "2027-04-29 10:00", 1, "2027-04-30 12:30"},
		{"dag före alla helgons dag", short, "2026-10-29 10:00", 1, "2026-10-30 12:30"},
		{"trettondagsafton", short, "2026-01-02 10:00", 1, "2026-01-05 12:30"},
		{"lunch closure: close is the last interval", lunch, "2026-11-23 12:30", 1, "2026-11-24 16:00"},
		{"weekend hours count Saturday", weekend, "2026-11-20 18:00", 1, "2026-11-22 14:00"},
		{"weekend hours skip holidays", weekend, "2026-12-23 15:00", 2, "2026-12-28 16:30"},
		{"first table year", def, "1954-01-01 10:00", 1, "1954-01-05 16:30"},
		{"last table year, into the next", def, "2200-12-30 10:00", 2, "2201-01-05 16:30"},
		{"before the table", def, "1950-12-22 10:00", 2, "1950-12-28 16:30"},
		{"after the table", def, "2300-12-23 10:00", 2, "2301-01-02 16:30"},
	}
	checkDeadlines(t, calendar.WorkingDays, tests)
}

// A deadlineTest is a case for Calendar.Deadline with a span of n units:
// received at from, due at want (local Stockholm times, see at).
type deadlineTest struct {
	name string
	c    *calendar.Calendar
	from string
	n    int
	want string
}

// checkDeadlines runs each test through Deadline with unit(n), and checks the
// deadline and that it is given in Stockholm time.
func checkDeadlines(t *testing.T, unit func(int) calendar.Span, tests []deadlineTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.c.Deadline(at(t, tt.from), unit(tt.n))
			assert.Equal(t, at(t, tt.want).String(), got.String())
			assert.Equal(t, sto, got.Location())
		})
	}
}

func TestDeadlineAnyInputZone(t *testing.T) {
	c := newCal(t)
	local := at(t, "2026-12-23 15:00")
	want := c.Deadline(local, calendar.WorkingDays(2))
	for _, loc := range []*time.Location{time.UTC, time.FixedZone("UTC-5", -5*3600), time.FixedZone("UTC+9", 9*3600)} {
		got := c.Deadline(local.In(loc), calendar.WorkingDays(2))
		assert.True(t, want.Equal(got), "%v: %v", loc, got)
		assert.Equal(t, sto, got.Location())
	}
	// 23:30 UTC on a Monday is 00:30 Tuesday in Stockholm: Tuesday is day 0.
	mon := time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC)
	assert.Equal(t, at(t, "2026-11-25 16:30").String(), c.Deadline(mon, calendar.WorkingDays(1)).String())
}

func TestDeadlineWorkingTime(t *testing.T) {
	def := newCal(t)
	lunch := newCal(t, calendar.WithWeekdayHours(iv(t, "08:00-12:00"), iv(t, "13:00-16:00")))
	tests := []struct {
		name string
		c    *calendar.Calendar
		from string
		d    time.Duration
		want string
	}{
		{"inside hours", def, "2026-11-23 09:00", 2 * time.Hour, "2026-11-23 11:00"},
		{"exactly to close", def, "2026-11-23 14:30", 2 * time.Hour, "2026-11-23 16:30"},
		{"over the night", def, "2026-11-23 16:00", 1 * time.Hour, "2026-11-24 08:30"},
		{"over the weekend", def, "2026-11-20 16:00", 1 * time.Hour, "2026-11-23 08:30"},
		{"before opening", def, "2026-11-23 06:00", 30 * time.Minute, "2026-11-23 08:30"},
		{"zero from outside hours is the next opening", def, "2026-11-21 12:00", 0, "2026-11-23 08:00"},
		{"over christmas", def, "2026-12-23 16:00", 8*time.Hour + 30*time.Minute, "2026-12-28 16:00"},
		{"lunch is not counted", lunch, "2026-11-23 11:00", 2 * time.Hour, "2026-11-23 14:00"},
		{"DST start weekend", def, "2026-03-27 16:00", time.Hour, "2026-03-30 08:30"},
		{"DST end weekend", def, "2026-10-23 16:00", time.Hour, "2026-10-26 08:30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.c.Deadline(at(t, tt.from), calendar.WorkingTime(tt.d))
			assert.Equal(t, at(t, tt.want).String(), got.String())
		})
	}
}

func TestDeadlineHoursIsAbsolute(t *testing.T) {
	c := newCal(t)
	// 48 hours over the start of summer time: the wall clock moves an hour on.
	got := c.Deadline(at(t, "2026-03-28 12:00"), calendar.Hours(48))
	assert.Equal(t, at(t, "2026-03-30 13:00").String(), got.String())
	assert.Equal(t, 48*time.Hour, got.Sub(at(t, "2026-03-28 12:00")))
	// Over the end of summer time the wall clock moves an hour back.
	got = c.Deadline(at(t, "2026-10-24 12:00"), calendar.Hours(48))
	assert.Equal(t, at(t, "2026-10-26 11:00").String(), got.String())
	// Weekends and holidays do not stop it.
	got = c.Deadline(at(t, "2026-12-23 15:00"), calendar.Hours(48))
	assert.Equal(t, at(t, "2026-12-25 15:00").String(), got.String())
}

func TestDeadlineDays(t *testing.T) {
	closures := newCal(t, calendar.WithClosures(calendar.Closure{Date: calendar.Date{Year: 2026, Month: time.November, Day: 23}, Reason: "personaldag"}))
	def := newCal(t)
	// A span of days ends at the last second of its last day.
	tests := []deadlineTest{
		{"three weeks on a working day", def, "2026-11-02 10:00", 21, "2026-11-23 23:59:59"},
		{"closure days never move it", closures, "2026-11-02 10:00", 21, "2026-11-23 23:59:59"},
		{"last day julafton moves to Monday", def, "2026-12-03 10:00", 21, "2026-12-28 23:59:59"},
		{"last day Saturday moves to Monday", def, "2027-01-02 10:00", 21, "2027-01-25 23:59:59"},
		{"last day midsommarafton 2027", def, "2027-06-04 10:00", 21, "2027-06-28 23:59:59"},
		{"last day nyårsafton moves past nyårsdagen", def, "2026-12-10 10:00", 21, "2027-01-04 23:59:59"},
		{"time of receipt does not matter", def, "2026-11-02 23:50", 21, "2026-11-23 23:59:59"},
		{"over DST end", def, "2026-10-05 10:00", 21, "2026-10-26 23:59:59"},
	}
	checkDeadlines(t, calendar.Days, tests)
}

func TestIsWorkday(t *testing.T) {
	c := newCal(t, calendar.WithClosures(calendar.Closure{Date: calendar.Date{Year: 2026, Month: time.May, Day: 15}, Reason: "klämdag"}))
	for s, want := range map[string]bool{
		"2026-11-23 12:00": true,  // Monday
		"2026-11-21 12:00": false, // Saturday
		"2026-06-19 12:00": false, // midsommarafton
		"2026-12-24 12:00": false, // julafton
		"2026-12-31 12:00": false, // nyårsafton
		"2026-05-15 12:00": false, // closure
		"2026-05-14 12:00": false, // Kristi himmelsfärdsdag
		"2004-05-31 12:00": false, // annandag pingst 2004
		"2005-05-16 12:00": true,  // annandag pingst no more
	} {
		assert.Equal(t, want, c.IsWorkday(at(t, s)), s)
	}
}

func TestOpenAndNextOpen(t *testing.T) {
	c := newCal(t, calendar.WithWeekdayHours(iv(t, "08:00-12:00"), iv(t, "13:00-16:30")),
		calendar.WithShortDays(calendar.StateAgreementShortDays()...))
	assert.True(t, c.IsOpen(at(t, "2026-11-23 08:00")))
	assert.False(t, c.IsOpen(at(t, "2026-11-23 12:30")))
	assert.False(t, c.IsOpen(at(t, "2026-11-23 16:30")))
	assert.False(t, c.IsOpen(at(t, "2026-11-21 10:00")))
	assert.Equal(t, at(t, "2026-11-23 13:00").String(), c.NextOpen(at(t, "2026-11-23 12:30")).String())
	assert.Equal(t, at(t, "2026-11-23 10:00").String(), c.NextOpen(at(t, "2026-11-23 10:00")).String())
	assert.Equal(t, at(t, "2026-12-28 08:00").String(), c.NextOpen(at(t, "2026-12-23 17:00")).String())
	// Skärtorsdag 2026 is four hours shorter: 08:00-12:00 and 13:00-12:30 is gone, so 08:00-12:00 minus 0:30.
	assert.Equal(t, []calendar.Interval{iv(t, "08:00-11:30")}, c.HoursOn(calendar.Date{Year: 2026, Month: time.April, Day: 2}))
	assert.False(t, c.IsOpen(at(t, "2026-04-02 11:45")))
	assert.Nil(t, c.HoursOn(calendar.Date{Year: 2026, Month: time.April, Day: 3}))
	assert.Equal(t, calendar.Date{Year: 2026, Month: time.December, Day: 28}, c.NextWorkday(calendar.Date{Year: 2026, Month: time.December, Day: 23}))
}

func TestWorkingTimeBetween(t *testing.T) {
	c := newCal(t)
	assert.Equal(t, 8*time.Hour+30*time.Minute, c.WorkingTimeBetween(at(t, "2026-11-23 00:00"), at(t, "2026-11-24 00:00")))
	assert.Equal(t, time.Hour, c.WorkingTimeBetween(at(t, "2026-11-20 16:00"), at(t, "2026-11-23 08:30")))
	assert.Equal(t, time.Duration(0), c.WorkingTimeBetween(at(t, "2026-12-24 00:00"), at(t, "2026-12-27 23:00")))
	assert.Equal(t, time.Duration(0), c.WorkingTimeBetween(at(t, "2026-11-24 00:00"), at(t, "2026-11-23 00:00")))
	// It is the inverse of a WorkingTime deadline.
	from := at(t, "2026-12-22 11:17")
	due := c.Deadline(from, calendar.WorkingTime(13*time.Hour))
	assert.Equal(t, 13*time.Hour, c.WorkingTimeBetween(from, due))
}

func TestNewRejectsBadOptions(t *testing.T) {
	bad := []struct {
		name string
		opt  calendar.Option
		want string
	}{
		{"close before open", calendar.WithHours(time.Monday, calendar.Interval{Open: 17 * time.Hour, Close: 8 * time.Hour}), "Monday"},
		{"close equals open", calendar.WithWeekdayHours(calendar.Interval{Open: 8 * time.Hour, Close: 8 * time.Hour}), "closes at or before it opens"},
		{"past midnight", calendar.WithHours(time.Friday, calendar.Interval{Open: 8 * time.Hour, Close: 25 * time.Hour}), "00:00-24:00"},
		{"overlap", calendar.WithHours(time.Tuesday, calendar.Interval{Open: 8 * time.Hour, Close: 12 * time.Hour}, calendar.Interval{Open: 11 * time.Hour, Close: 13 * time.Hour}), "overlaps"},
		{"bad weekday", calendar.WithHours(time.Weekday(9)), "weekday"},
		{"empty week", calendar.WithWeekdayHours(), "no office hours"},
		{"invalid closure", calendar.WithClosures(calendar.Closure{Date: calendar.Date{Year: 2026, Month: time.February, Day: 30}}), "2026-02-30"},
		{"short day without rule", calendar.WithShortDays(calendar.ShortDay{Name: "x", By: time.Hour}), "no rule"},
		{"short day on no real date", calendar.WithShortDays(calendar.ShortDay{Name: "x", Day: calendar.FixedDate(time.February, 30), By: time.Hour}), "no real date"},
		{"negative shortening", calendar.WithShortDays(calendar.ShortDay{Name: "x", Day: calendar.StateAgreementShortDays()[0].Day, By: -time.Hour}), "between 0 and 24"},
		{"nil option", calendar.Option{}, "nil Option"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			c, err := calendar.New(tt.opt)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// An error about one interval wraps the interval's own error, with the
// same text as before.
func TestHoursErrorsWrap(t *testing.T) {
	_, err := calendar.New(calendar.WithHours(time.Monday, calendar.Interval{Open: 17 * time.Hour, Close: 8 * time.Hour}))
	require.Error(t, err)
	assert.Equal(t, "calendar: hours for Monday: interval 17:00-08:00 closes at or before it opens", err.Error())
	inner := errors.Unwrap(err)
	require.Error(t, inner)
	assert.Equal(t, "interval 17:00-08:00 closes at or before it opens", inner.Error())
	require.Error(t, errors.Unwrap(inner))
	assert.Equal(t, "closes at or before it opens", errors.Unwrap(inner).Error())

	_, err = calendar.ParseInterval("16:00-08:00")
	assert.Equal(t, `calendar: invalid hours "16:00-08:00": closes at or before it opens`, err.Error())
	require.Error(t, errors.Unwrap(err))

	_, err = calendar.Interval{Open: 9 * time.Hour, Close: 8 * time.Hour}.MarshalText()
	assert.Equal(t, `calendar: cannot marshal hours "09:00-08:00": closes at or before it opens`, err.Error())
	require.Error(t, errors.Unwrap(err))
}

// randomInstant returns an instant in 1954-2200 with a random time of day.
func randomInstant(r *rand.Rand) time.Time {
	lo := time.Date(1954, 1, 1, 0, 0, 0, 0, sto).Unix()
	hi := time.Date(2200, 12, 20, 0, 0, 0, 0, sto).Unix()
	return time.Unix(lo+r.Int63n(hi-lo), 0)
}

// TestDeadlineProperties checks, on random inputs, that a deadline is never
// before the start, that it moves forward as n grows, and that a WorkingDays
// deadline falls at office close on a working day.
func TestDeadlineProperties(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	cals := []*calendar.Calendar{
		newCal(t),
		newCal(t, calendar.WithShortDays(calendar.StateAgreementShortDays()...),
			calendar.WithHours(time.Friday, iv(t, "08:00-12:00"), iv(t, "13:00-15:00")),
			calendar.WithClosures(calendar.Closure{Date: calendar.Date{Year: 2026, Month: time.May, Day: 15}, Reason: "klämdag"})),
		newCal(t, calendar.WithWeekendHours(iv(t, "10:00-14:00"))),
	}
	for i := 0; i < 3000; i++ {
		c := cals[i%len(cals)]
		from := randomInstant(r)
		var prev time.Time
		for n := 0; n <= 30; n += 1 + r.Intn(4) {
			due := c.Deadline(from, calendar.WorkingDays(n))
			require.False(t, due.Before(from), "from %v n %d: %v", from, n, due)
			require.True(t, due.After(prev), "from %v n %d: %v not after %v", from, n, due, prev)
			require.True(t, c.IsWorkday(due), "from %v n %d: %v", from, n, due)
			hours := c.HoursOn(calendar.DateOf(due))
			require.NotEmpty(t, hours)
			last := hours[len(hours)-1].Close
			require.Equal(t, wall(calendar.DateOf(due), last).Format(time.RFC3339), due.Format(time.RFC3339))
			prev = due
		}
		for _, s := range []calendar.Span{calendar.WorkingTime(time.Duration(r.Intn(5000)) * time.Minute), calendar.Hours(r.Intn(500)), calendar.Days(r.Intn(60))} {
			due := c.Deadline(from, s)
			require.False(t, due.Before(from), "from %v %v: %v", from, s, due)
		}
	}
}

// TestDeadlineMatchesDayByDay checks the bitmap path against a plain
// day-by-day walk over IsWorkday and HoursOn.
func TestDeadlineMatchesDayByDay(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	c := newCal(t, calendar.WithShortDays(calendar.StateAgreementShortDays()...))
	for i := 0; i < 2000; i++ {
		from := randomInstant(r)
		n := r.Intn(31)
		day := calendar.DateOf(from)
		hours := c.HoursOn(day)
		start := day
		if len(hours) == 0 || !from.Before(wall(day, hours[len(hours)-1].Close)) {
			start = c.NextWorkday(day)
		}
		target := start
		for k := 0; k < n; k++ {
			target = target.AddDays(1)
			for !c.IsWorkday(target.Midnight().Add(12 * time.Hour)) {
				target = target.AddDays(1)
			}
		}
		th := c.HoursOn(target)
		want := wall(target, th[len(th)-1].Close)
		require.Equal(t, want.String(), c.Deadline(from, calendar.WorkingDays(n)).String(), "from %v n %d", from, n)
	}
}

// TestLocalTimeMatchesTimePackage checks the table of UTC offsets against the
// time package, for random instants and around every change of the clocks.
func TestLocalTimeMatchesTimePackage(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	c := newCal(t, calendar.WithHours(time.Sunday, iv(t, "00:00-24:00")), calendar.WithWeekdayHours(iv(t, "00:00-24:00")), calendar.WithHours(time.Saturday, iv(t, "00:00-24:00")))
	check := func(u time.Time) {
		d := calendar.DateOf(u)
		y, m, dd := u.In(sto).Date()
		require.Equal(t, calendar.Date{Year: y, Month: m, Day: dd}, d)
		// WorkingTime(0) from an always-open calendar is the instant itself,
		// when that day is not a holiday.
		if c.IsWorkday(u) {
			require.True(t, u.Equal(c.Deadline(u, calendar.WorkingTime(0))), "%v", u)
		}
	}
	for i := 0; i < 20000; i++ {
		check(randomInstant(r))
	}
	for y := 1954; y <= 2200; y++ {
		mid := time.Date(y, 7, 1, 12, 0, 0, 0, sto)
		start, end := mid.ZoneBounds()
		for _, b := range []time.Time{start, end} {
			if b.IsZero() || b.Year() != y {
				continue
			}
			for _, delta := range []time.Duration{-time.Hour - time.Second, -time.Second, 0, time.Second, time.Hour} {
				check(b.Add(delta))
			}
		}
	}
}

// wall returns the wall-clock time d (an offset from midnight) on day in Stockholm.
func wall(day calendar.Date, d time.Duration) time.Time {
	return time.Date(day.Year, day.Month, day.Day, int(d/time.Hour), int(d%time.Hour/time.Minute), 0, 0, sto)
}
