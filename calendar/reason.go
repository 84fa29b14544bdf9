package calendar

import "time"

// A ReasonKind says why a day is not a working day.
type ReasonKind int

// The reasons a day is not a working day.
const (
	Weekend       ReasonKind = iota + 1 // Saturday or Sunday, without office hours
	PublicHoliday                       // an allmän helgdag
	Eve                                 // midsommarafton, julafton or nyårsafton
	Closed                              // one of the organisation's closure days
	NoHours                             // a weekday on which the calendar has no office hours
)

// A Reason says why a day is not a working day.
type Reason struct {
	Kind ReasonKind
	Name string // in Swedish: the holiday, the closure's reason or the weekday

	holiday int // 1 + index into holidayDefs, for names in other languages
	weekday time.Weekday
}

// Text returns the reason in lang ("sv", "fi" or "en"), in a form that can
// follow a date in parentheses: "julafton", "lördag", "stängt: klämdag".
func (r Reason) Text(lang string) string {
	lang = normLang(lang)
	switch r.Kind {
	case PublicHoliday, Eve:
		if r.holiday > 0 {
			return holidayDefs[r.holiday-1].name(lang)
		}
	case Weekend:
		return WeekdayName(r.weekday, lang)
	case NoHours:
		switch lang {
		case "fi":
			return WeekdayName(r.weekday, lang) + ": suljettu"
		case "en":
			return WeekdayName(r.weekday, lang) + ": no office hours"
		}
		return WeekdayName(r.weekday, lang) + ": inga öppettider"
	case Closed:
		switch lang {
		case "fi":
			return "suljettu: " + r.Name
		case "en":
			return "closed: " + r.Name
		}
		return "stängt: " + r.Name
	}
	return r.Name
}

// why returns the reason day is not a working day, and false when it is one.
// A holiday is named before a closure, and a closure before the weekday.
func (c *Calendar) why(day int64) (Reason, bool) {
	wd := weekdayOf(day)
	if h := holidayIndex(day); h > 0 {
		return holidayReason(h), true
	}
	if reason, ok := c.closures[day]; ok {
		return Reason{Kind: Closed, Name: reason}, true
	}
	if len(c.week[wd]) == 0 {
		kind := NoHours
		if wd == time.Saturday || wd == time.Sunday {
			kind = Weekend
		}
		return Reason{Kind: kind, Name: WeekdayName(wd, "sv"), weekday: wd}, true
	}
	if k, ok := c.shortRule(day); ok && trimEnd(c.week[wd], c.shortDays[k].by(wd)) == nil {
		return Reason{Kind: Closed, Name: c.shortDays[k].Name}, true
	}
	return Reason{}, false
}

// Why returns the reason d is not a working day of the calendar, and false
// when d is a working day.
func (c *Calendar) Why(d Date) (Reason, bool) {
	if !d.Valid() {
		return Reason{}, false
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
func legalWhy(day int64) Reason {
	if h := holidayIndex(day); h > 0 {
		return holidayReason(h)
	}
	wd := weekdayOf(day)
	return Reason{Kind: Weekend, Name: WeekdayName(wd, "sv"), weekday: wd}
}

// holidayReason returns the reason for the holiday 1 + index h in holidayDefs.
func holidayReason(h int) Reason {
	def := &holidayDefs[h-1]
	kind := PublicHoliday
	if def.kind == DeFacto {
		kind = Eve
	}
	return Reason{Kind: kind, Name: def.sv, holiday: h}
}
