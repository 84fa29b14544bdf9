package calendar

import (
	"time"

	"github.com/rickar/cal/v2/aa"
)

// A DayRule finds one day in each year, such as the day of a ShortDay. Make
// one with FixedDate, FromEaster or WeekdayOnOrAfter; the zero DayRule finds
// no day. DayRules are small values compared with ==.
type DayRule struct {
	from    dayRuleFrom
	month   time.Month
	day     int
	weekday time.Weekday
	offset  int // days after Easter Sunday, for FromEaster
}

// dayRuleFrom says what a DayRule counts from.
type dayRuleFrom uint8

const (
	fromDate    dayRuleFrom = iota + 1 // the date itself
	fromEaster                         // Easter Sunday, plus offset days
	fromWeekday                        // the first weekday on or after the date
)

// FixedDate returns the rule for the same date every year:
// FixedDate(time.April, 30) is valborgsmässoafton. In a year without the date
// (29 February) the rule finds no day.
func FixedDate(month time.Month, day int) DayRule {
	return DayRule{from: fromDate, month: month, day: day}
}

// FromEaster returns the rule for the day days after Easter Sunday, or before
// it when days is negative: FromEaster(-3) is skärtorsdag.
func FromEaster(days int) DayRule {
	return DayRule{from: fromEaster, offset: days}
}

// WeekdayOnOrAfter returns the rule for the first wd on or after the date
// month and day: WeekdayOnOrAfter(time.Friday, time.October, 30) is the day
// before alla helgons dag. In a year without 29 February, that date counts as
// 1 March.
func WeekdayOnOrAfter(wd time.Weekday, month time.Month, day int) DayRule {
	return DayRule{from: fromWeekday, month: month, day: day, weekday: wd}
}

// valid reports whether r is a rule that finds a day in some years.
func (r DayRule) valid() bool {
	switch r.from {
	case fromEaster:
		return true
	case fromDate, fromWeekday:
		return r.month >= time.January && r.month <= time.December &&
			r.day >= 1 && r.day <= daysIn(r.month, 2000) &&
			r.weekday >= time.Sunday && r.weekday <= time.Saturday
	}
	return false
}

// In returns the day of r in year, and false when r finds no day that year.
func (r DayRule) In(year int) (Date, bool) {
	day, ok := r.dayIn(year)
	if !ok {
		return Date{}, false
	}
	return dateOfDays(day), true
}

// dayIn returns the day number of r in year.
func (r DayRule) dayIn(year int) (int64, bool) {
	if !r.valid() {
		return 0, false
	}
	switch r.from {
	case fromEaster:
		t, _ := aa.Easter.Calc(year)
		y, m, d := t.Date()
		return Date{y, m, d}.days() + int64(r.offset), true
	case fromWeekday:
		day := Date{year, r.month, r.day}.days()
		return day + int64((r.weekday-weekdayOf(day)+7)%7), true
	}
	date := Date{year, r.month, r.day}
	if !date.Valid() {
		return 0, false
	}
	return date.days(), true
}
