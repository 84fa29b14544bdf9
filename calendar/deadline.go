package calendar

import "time"

// endOfDay is the wall-clock time of a Days deadline: 23:59:59.
const endOfDay = 24*time.Hour - time.Second

// Deadline returns when something received at from is due under s, in
// Europe/Stockholm. The rules for each kind of Span are in the package
// documentation. The deadline is never before from.
func (c *Calendar) Deadline(from time.Time, s Span) time.Time {
	switch s.Unit() {
	case UnitWorkingDays:
		u := from.Unix()
		day, _ := localDay(u)
		target := c.nthWorkAfter(c.startDay(day, u), s.n)
		return time.Unix(instant(target, c.closeOf(target)), 0).In(Location())
	case UnitWorkingTime:
		t, _ := c.workingTime(from, time.Duration(s.n), nil)
		return t
	case UnitHours:
		return from.Add(time.Duration(s.n) * time.Hour).In(Location())
	}
	day, _ := localDay(from.Unix())
	last := legalDeadlineDay(day + s.n)
	return time.Unix(instant(last, endOfDay), 0).In(Location())
}

// startDay returns the start day of a WorkingDays deadline for something
// received at Unix second u on local day day: day itself if it is a working
// day and u is before office close, else the next working day.
func (c *Calendar) startDay(day, u int64) int64 {
	if c.isWork(day) && u < instant(day, c.closeOf(day)) {
		return day
	}
	return c.nextWork(day)
}

// legalDeadlineDay moves day forward to the first legal working day
// (Lag 1930:173 2 §).
func legalDeadlineDay(day int64) int64 {
	for !legalWork(day) {
		day++
	}
	return day
}

// workingTime returns the instant at which d of office time has passed after
// from, and calls skip (when not nil) for each day passed over.
func (c *Calendar) workingTime(from time.Time, d time.Duration, skip func(day int64)) (time.Time, int64) {
	day, _ := localDay(from.Unix())
	first := day
	for k := int64(0); ; k++ {
		ivs := c.hours(day)
		if ivs == nil && skip != nil {
			skip(day)
		}
		for _, iv := range ivs {
			open, cl := c.at(day, iv.Open), c.at(day, iv.Close)
			if !from.Before(cl) {
				continue
			}
			if from.After(open) {
				open = from
			}
			if avail := cl.Sub(open); d <= avail {
				return open.Add(d).In(Location()), first
			} else {
				d -= avail
			}
		}
		if k > c.scanLimit+int64(MaxCount) {
			return from.In(Location()), first // unreachable for a calendar built by New
		}
		day++
	}
}
