package calendar

import (
	"time"

	"github.com/kommunkit/kommunkit/lang"
)

// A DayOffKind says what kind of day off a day is.
type DayOffKind int

// The kinds of day off.
const (
	Weekend       DayOffKind = iota + 1 // Saturday or Sunday, without office hours
	PublicHoliday                       // an allmän helgdag
	Eve                                 // midsommarafton, julafton or nyårsafton
	Closed                              // one of the organisation's closure days
	NoHours                             // a weekday on which the calendar has no office hours
)

// A DayOff says why a day is not a working day of a Calendar: a weekend, a
// holiday or eve, a closure day, or a weekday without office hours.
type DayOff struct {
	Kind DayOffKind
	Name string // in Swedish: the holiday, the closure's reason or the weekday

	holiday int // 1 + index into holidayDefs, for names in other languages
	weekday time.Weekday
}

// Text returns the day off in l (Swedish for any language other than
// Finnish and English), in a form that can follow a date in parentheses:
// "julafton", "lördag", "stängt: klämdag".
func (off DayOff) Text(l lang.Lang) string {
	switch off.Kind {
	case PublicHoliday, Eve:
		if off.holiday > 0 {
			return holidayDefs[off.holiday-1].name(l)
		}
	case Weekend:
		return WeekdayName(off.weekday, l)
	case NoHours:
		switch l {
		case lang.Finnish:
			return WeekdayName(off.weekday, l) + ": suljettu"
		case lang.English:
			return WeekdayName(off.weekday, l) + ": no office hours"
		}
		return WeekdayName(off.weekday, l) + ": inga öppettider"
	case Closed:
		switch l {
		case lang.Finnish:
			return "suljettu: " + off.Name
		case lang.English:
			return "closed: " + off.Name
		}
		return "stängt: " + off.Name
	}
	return off.Name
}

// why returns why day is not a working day, and false when it is one.
// A holiday is named before a closure, and a closure before the weekday.
func (c *Calendar) why(day int64) (DayOff, bool) {
	wd := weekdayOf(day)
	if h := holidayIndex(day); h > 0 {
		return holidayDayOff(h), true
	}
	if reason, ok := c.closures[day]; ok {
		return DayOff{Kind: Closed, Name: reason}, true
	}
	if len(c.week[wd]) == 0 {
		kind := NoHours
		if wd == time.Saturday || wd == time.Sunday {
			kind = Weekend
		}
		return DayOff{Kind: kind, Name: WeekdayName(wd, lang.Swedish), weekday: wd}, true
	}
	if k, ok := c.shortRule(day); ok && trimEnd(c.week[wd], c.shortDays[k].by(wd)) == nil {
		return DayOff{Kind: Closed, Name: c.shortDays[k].Name}, true
	}
	return DayOff{}, false
}

// Why returns why d is not a working day of the calendar, and false
// when d is a working day.
func (c *Calendar) Why(d Date) (DayOff, bool) {
	if !d.Valid() {
		return DayOff{}, false
	}
	return c.why(d.days())
}

// legalWork reports whether day is a legal working day (Lag 1930:173): not a
// Saturday, a Sunday, an allmän helgdag, midsommarafton, julafton or
// nyårsafton. Office hours and closure days do not matter.
func legalWork(day int64) bool {
	wd := weekdayOf(day)
	return wd != time.Saturday && wd != time.Sunday && holidayIndex(day) == 0
}

// legalWhy is why for legal working days.
func legalWhy(day int64) DayOff {
	if h := holidayIndex(day); h > 0 {
		return holidayDayOff(h)
	}
	wd := weekdayOf(day)
	return DayOff{Kind: Weekend, Name: WeekdayName(wd, lang.Swedish), weekday: wd}
}

// holidayDayOff returns the day off for the holiday 1 + index h in holidayDefs.
func holidayDayOff(h int) DayOff {
	def := &holidayDefs[h-1]
	kind := PublicHoliday
	if def.kind == DeFacto {
		kind = Eve
	}
	return DayOff{Kind: kind, Name: def.sv, holiday: h}
}
