package calendar

import (
	"errors"
	"math/bits"
	"sync"
	"time"
)

// The years for which each Calendar keeps a table of its working days.
const (
	tableFirstYear = 1954
	tableLastYear  = 2200
)

var (
	tableFirstDay = Date{tableFirstYear, time.January, 1}.days()
	tableLastDay  = Date{tableLastYear, time.December, 31}.days()
)

func inTable(day int64) bool { return day >= tableFirstDay && day <= tableLastDay }

// dstYear holds the daylight saving time of one year: the instants (Unix
// seconds) it starts and ends, and the local days on which it does.
type dstYear struct {
	has              bool
	start, end       int64
	startDay, endDay int64
}

// nationalTable is computed once and never changed: the holiday on each day of
// the table's range and the daylight saving time of each year.
type nationalTable struct {
	holiday []uint8 // 1 + index into holidayDefs; 0 when no holiday
	dst     [tableLastYear - tableFirstYear + 1]dstYear
}

var national = sync.OnceValue(func() *nationalTable {
	t := &nationalTable{holiday: make([]uint8, tableLastDay-tableFirstDay+1)}
	var buf [len(holidayDefs)]holidayOn
	loc := Location()
	for y := tableFirstYear; y <= tableLastYear; y++ {
		for _, h := range holidaysOf(y, buf[:0]) {
			if i := h.day - tableFirstDay; t.holiday[i] == 0 {
				t.holiday[i] = uint8(h.def + 1)
			}
		}
		mid := time.Date(y, time.July, 1, 12, 0, 0, 0, loc)
		if _, off := mid.Zone(); off == cest {
			start, end := mid.ZoneBounds()
			t.dst[y-tableFirstYear] = dstYear{
				has: true, start: start.Unix(), end: end.Unix(),
				startDay: DateOf(start).days(), endDay: DateOf(end).days(),
			}
		}
	}
	return t
})

// utcOffset returns the UTC offset of Europe/Stockholm at Unix second u.
func utcOffset(u int64) int64 {
	y := dateOfDays(floorDiv(u, secondsPerDay)).Year
	if y >= tableFirstYear && y <= tableLastYear {
		d := &national().dst[y-tableFirstYear]
		if d.has && u >= d.start && u < d.end {
			return cest
		}
		return cet
	}
	_, off := time.Unix(u, 0).In(Location()).Zone()
	return int64(off)
}

// localDay returns the local day number of the instant u (Unix seconds) and
// the seconds since local midnight.
func localDay(u int64) (day, sec int64) {
	l := u + utcOffset(u)
	day = floorDiv(l, secondsPerDay)
	return day, l - day*secondsPerDay
}

// instant returns the Unix second of the wall-clock time wall on local day day.
func instant(day int64, wall time.Duration) int64 {
	d := dateOfDays(day)
	if d.Year >= tableFirstYear && d.Year <= tableLastYear {
		dst := &national().dst[d.Year-tableFirstYear]
		if !dst.has || (day != dst.startDay && day != dst.endDay) {
			off := int64(cet)
			if noon := day*secondsPerDay + 11*3600; dst.has && noon >= dst.start && noon < dst.end {
				off = cest
			}
			return day*secondsPerDay + int64(wall/time.Second) - off
		}
	}
	// A day on which the clocks change, or outside the table: let time.Date
	// resolve the wall clock.
	s := int(wall / time.Second)
	return time.Date(d.Year, d.Month, d.Day, s/3600, s/60%60, s%60, 0, Location()).Unix()
}

// A Calendar answers questions about working days and office hours in
// Europe/Stockholm. It is immutable and safe for concurrent use.
type Calendar struct {
	week      [7][]Interval
	weekClose [7]time.Duration // close of the last interval; 0 when closed
	closures  map[int64]string
	shortDays []ShortDay
	short     map[int64]int // table day -> index into shortDays, for days it shortens
	shortBits []uint64      // table days that are shortened
	work      []uint64      // table days that are working days
	scanLimit int64         // bound on a day-by-day search for a working day
}

// Default office hours: Monday to Friday, 08:00–16:30.
var defaultHours = Interval{8 * time.Hour, 16*time.Hour + 30*time.Minute}

// New returns a Calendar for Europe/Stockholm. Without options the office is
// open Monday to Friday 08:00–16:30, with no closure days and no shortened
// days. A bad option, or a week without any office hours, is an error.
func New(opts ...Option) (*Calendar, error) {
	var cfg config
	for d := time.Monday; d <= time.Friday; d++ {
		cfg.week[d] = []Interval{defaultHours}
	}
	for _, o := range opts {
		if o.apply == nil {
			return nil, errors.New("calendar: nil Option")
		}
		if err := o.apply(&cfg); err != nil {
			return nil, err
		}
	}
	c := &Calendar{week: cfg.week, shortDays: cfg.shortDays}
	open := false
	for d, ivs := range c.week {
		if len(ivs) > 0 {
			open = true
			c.weekClose[d] = ivs[len(ivs)-1].Close
		}
	}
	if !open {
		return nil, errors.New("calendar: the week has no office hours on any day")
	}
	c.closures = make(map[int64]string, len(cfg.closures))
	for _, cl := range cfg.closures {
		c.closures[cl.Date.days()] = cl.Reason
	}
	c.scanLimit = 800 + 7*int64(len(cfg.closures)+len(cfg.shortDays))
	c.buildTable()
	return c, nil
}

// buildTable fills the working-day and short-day bitmaps for the table range.
func (c *Calendar) buildTable() {
	n := tableLastDay - tableFirstDay + 1
	words := (n + 63) / 64
	c.work = make([]uint64, words)
	c.shortBits = make([]uint64, words)
	c.short = make(map[int64]int)
	nat := national()
	for i := int64(0); i < n; i++ {
		day := tableFirstDay + i
		if len(c.week[weekdayOf(day)]) > 0 && nat.holiday[i] == 0 {
			c.work[i>>6] |= 1 << (i & 63)
		}
	}
	for day := range c.closures {
		if inTable(day) {
			i := day - tableFirstDay
			c.work[i>>6] &^= 1 << (i & 63)
		}
	}
	for y := tableFirstYear; y <= tableLastYear; y++ {
		for k, sd := range c.shortDays {
			day, ok := sd.Day.dayIn(y)
			if !ok || !inTable(day) {
				continue
			}
			i := day - tableFirstDay
			if c.work[i>>6]&(1<<(i&63)) == 0 {
				continue // not a working day: nothing to shorten
			}
			if _, dup := c.short[day]; dup {
				continue // the first rule for a day wins
			}
			c.short[day] = k
			c.shortBits[i>>6] |= 1 << (i & 63)
			if trimEnd(c.week[weekdayOf(day)], sd.by(weekdayOf(day))) == nil {
				c.work[i>>6] &^= 1 << (i & 63)
			}
		}
	}
}

// holidayIndex returns 1 + the index in holidayDefs of the holiday on day, or 0.
func holidayIndex(day int64) int {
	if inTable(day) {
		return int(national().holiday[day-tableFirstDay])
	}
	var buf [len(holidayDefs)]holidayOn
	for _, h := range holidaysOf(dateOfDays(day).Year, buf[:0]) {
		if h.day == day {
			return h.def + 1
		}
	}
	return 0
}

// shortRule returns the short-day rule that applies to day, if any. It does not
// check whether day is otherwise a working day.
func (c *Calendar) shortRule(day int64) (int, bool) {
	if inTable(day) {
		i := day - tableFirstDay
		if c.shortBits[i>>6]&(1<<(i&63)) == 0 {
			return 0, false
		}
		k, ok := c.short[day]
		return k, ok
	}
	y := dateOfDays(day).Year
	for k, sd := range c.shortDays {
		if d, ok := sd.Day.dayIn(y); ok && d == day {
			return k, true
		}
	}
	return 0, false
}

// isWork reports whether day is a working day of the calendar.
func (c *Calendar) isWork(day int64) bool {
	if inTable(day) {
		i := day - tableFirstDay
		return c.work[i>>6]&(1<<(i&63)) != 0
	}
	_, ok := c.why(day)
	return !ok
}

// hours returns the office hours of day: nil when it is not a working day.
// The slice must not be changed.
func (c *Calendar) hours(day int64) []Interval {
	if !c.isWork(day) {
		return nil
	}
	wd := weekdayOf(day)
	if k, ok := c.shortRule(day); ok {
		return trimEnd(c.week[wd], c.shortDays[k].by(wd))
	}
	return c.week[wd]
}

// closeOf returns office close on a working day, without allocating.
func (c *Calendar) closeOf(day int64) time.Duration {
	wd := weekdayOf(day)
	if k, ok := c.shortRule(day); ok {
		ivs := c.week[wd]
		by := c.shortDays[k].by(wd)
		for i := len(ivs) - 1; i >= 0; i-- {
			if l := ivs[i].Close - ivs[i].Open; by < l {
				return ivs[i].Close - by
			} else {
				by -= l
			}
		}
		return 0
	}
	return c.weekClose[wd]
}

// nextWork returns the first working day after day.
func (c *Calendar) nextWork(day int64) int64 {
	return c.nthWorkAfter(day, 1)
}

// nthWorkAfter returns the n-th working day after day (day itself when n is 0).
func (c *Calendar) nthWorkAfter(day int64, n int64) int64 {
	for n > 0 && day+1 >= tableFirstDay && day+1 <= tableLastDay {
		// Count whole words of the bitmap at a time.
		i := day + 1 - tableFirstDay
		w := c.work[i>>6] >> (i & 63)
		avail := int64(64 - i&63)
		if day+avail > tableLastDay {
			avail = tableLastDay - day
			w &= (1 << avail) - 1
		}
		if cnt := int64(bits.OnesCount64(w)); cnt < n {
			n -= cnt
			day += avail
			continue
		}
		for ; n > 1; n-- {
			w &= w - 1
		}
		return day + 1 + int64(bits.TrailingZeros64(w))
	}
	for ; n > 0; n-- {
		// Outside the table: step day by day. There is always a working day
		// within scanLimit days, because the week has office hours and the
		// closures and short days are finite.
		next := day + 1
		for k := int64(0); !c.isWork(next) && k < c.scanLimit; k++ {
			next++
		}
		day = next
	}
	return day
}

// IsWorkday reports whether the Stockholm date of t is an organisation working
// day: the calendar's week has office hours that day, and it is not a holiday,
// one of the three eves (midsommarafton, julafton, nyårsafton) or a closure
// day.
func (c *Calendar) IsWorkday(t time.Time) bool {
	day, _ := localDay(t.Unix())
	return c.isWork(day)
}

// HoursOn returns the office hours of d after shortening, or nil when d is not
// a working day.
func (c *Calendar) HoursOn(d Date) []Interval {
	if !d.Valid() {
		return nil
	}
	return append([]Interval(nil), c.hours(d.days())...)
}

// NextWorkday returns the first working day after d.
func (c *Calendar) NextWorkday(d Date) Date {
	return dateOfDays(c.nextWork(d.days()))
}

// IsOpen reports whether t falls inside office hours on a working day.
func (c *Calendar) IsOpen(t time.Time) bool {
	day, _ := localDay(t.Unix())
	for _, iv := range c.hours(day) {
		if open, cl := c.at(day, iv.Open), c.at(day, iv.Close); !t.Before(open) && t.Before(cl) {
			return true
		}
	}
	return false
}

// NextOpen returns t if the office is open at t, and otherwise the instant it
// next opens, in Europe/Stockholm.
func (c *Calendar) NextOpen(t time.Time) time.Time {
	day, _ := localDay(t.Unix())
	for k := int64(0); k <= c.scanLimit; k++ {
		for _, iv := range c.hours(day) {
			open, cl := c.at(day, iv.Open), c.at(day, iv.Close)
			if t.Before(cl) {
				if t.Before(open) {
					return open
				}
				return t.In(Location())
			}
		}
		day = c.nextWork(day)
	}
	return t.In(Location()) // unreachable for a calendar built by New
}

// at returns the wall-clock time wall on local day day as a time.Time.
func (c *Calendar) at(day int64, wall time.Duration) time.Time {
	return time.Unix(instant(day, wall), 0).In(Location())
}

// WorkingTimeBetween returns how much office time on working days lies between
// from and to. It is zero when to is not after from.
func (c *Calendar) WorkingTimeBetween(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	day, _ := localDay(from.Unix())
	last, _ := localDay(to.Unix())
	var sum time.Duration
	for ; day <= last; day = c.nextWork(day) {
		for _, iv := range c.hours(day) {
			open, cl := c.at(day, iv.Open), c.at(day, iv.Close)
			if open.Before(from) {
				open = from
			}
			if cl.After(to) {
				cl = to
			}
			if cl.After(open) {
				sum += cl.Sub(open)
			}
		}
	}
	return sum
}
