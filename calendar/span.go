package calendar

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/lang"
)

// A SpanUnit is what a Span counts.
type SpanUnit uint8

// The units of a Span.
const (
	UnitWorkingDays SpanUnit = iota + 1 // working days, ending at office close
	UnitWorkingTime                     // time inside office hours
	UnitHours                           // an absolute duration
	UnitDays                            // calendar days, moved off non-working days by Lag 1930:173
)

// MaxCount is the largest number of days or hours a Span holds (about 270
// years of days). Constructors clamp to it and ParseSpan rejects more.
const MaxCount = 100000

// A Span is how long an organisation has to act: a number of working days,
// an amount of working time, an absolute number of hours, or calendar days.
// The zero Span is zero working days. Spans are small values compared with ==.
type Span struct {
	unit SpanUnit
	n    int64 // count; nanoseconds for UnitWorkingTime
}

func clamp(n int64, max int64) int64 {
	switch {
	case n < 0:
		return 0
	case n > max:
		return max
	}
	return n
}

// WorkingDays returns a span of n working days. A negative n counts as 0, which
// means office close on the start day.
func WorkingDays(n int) Span { return Span{UnitWorkingDays, clamp(int64(n), MaxCount)} }

// WorkingTime returns a span of d inside office hours, in whole minutes (d is
// rounded down). A negative d counts as 0.
func WorkingTime(d time.Duration) Span {
	return Span{UnitWorkingTime, clamp(int64(d.Truncate(time.Minute)), MaxCount*int64(time.Hour))}
}

// Hours returns an absolute span of n hours, which does not stop at weekends.
// A negative n counts as 0.
func Hours(n int) Span { return Span{UnitHours, clamp(int64(n), MaxCount)} }

// Days returns a span of n calendar days, for statutory deadlines. A negative n
// counts as 0.
func Days(n int) Span { return Span{UnitDays, clamp(int64(n), MaxCount)} }

// Unit returns what s counts.
func (s Span) Unit() SpanUnit {
	if s.unit == 0 {
		return UnitWorkingDays
	}
	return s.unit
}

// Count returns the number of days or hours in s. For a WorkingTime span it
// is the number of whole hours.
func (s Span) Count() int {
	if s.unit == UnitWorkingTime {
		return int(s.n / int64(time.Hour))
	}
	return int(s.n)
}

// Duration returns the working time of a WorkingTime span, the length of an
// Hours span, and 0 for the others.
func (s Span) Duration() time.Duration {
	switch s.unit {
	case UnitWorkingTime:
		return time.Duration(s.n)
	case UnitHours:
		return time.Duration(s.n) * time.Hour
	}
	return 0
}

// IsZero reports whether s is the zero Span.
func (s Span) IsZero() bool { return s == Span{} }

// unitWords are the words of each unit when a span is printed, singular and
// plural, per language.
var unitWords = lang.Phrases[map[SpanUnit][2]string]{
	Sv: map[SpanUnit][2]string{UnitWorkingDays: {"arbetsdag", "arbetsdagar"}, UnitHours: {"timme", "timmar"}, UnitDays: {"dag", "dagar"}},
	Fi: map[SpanUnit][2]string{UnitWorkingDays: {"työpäivä", "työpäivää"}, UnitHours: {"tunti", "tuntia"}, UnitDays: {"päivä", "päivää"}},
	En: map[SpanUnit][2]string{UnitWorkingDays: {"working day", "working days"}, UnitHours: {"hour", "hours"}, UnitDays: {"day", "days"}},
}

// workingTimeWords are the words for working time in whole hours and in minutes.
var workingTimeWords = lang.Phrases[[4]string]{
	Sv: [4]string{"arbetstimme", "arbetstimmar", "arbetsminut", "arbetsminuter"},
	Fi: [4]string{"työtunti", "työtuntia", "työminuutti", "työminuuttia"},
	En: [4]string{"working hour", "working hours", "working minute", "working minutes"},
}

// String returns s in Swedish, in a form ParseSpan reads back:
// "2 arbetsdagar", "48 timmar", "21 dagar", "4 arbetstimmar".
func (s Span) String() string { return s.Format(lang.Swedish) }

// Format returns s in l (Swedish for any language other than Finnish and
// English): "2 arbetsdagar", "2 työpäivää", "2 working days".
func (s Span) Format(l lang.Lang) string {
	if s.Unit() == UnitWorkingTime {
		w := workingTimeWords.In(l)
		if d := time.Duration(s.n); d%time.Hour == 0 {
			return plural(int64(d/time.Hour), w[0], w[1])
		}
		return plural(s.n/int64(time.Minute), w[2], w[3])
	}
	w := unitWords.In(l)[s.Unit()]
	return plural(s.n, w[0], w[1])
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}

// MarshalText implements encoding.TextMarshaler: a Span is written in Swedish.
func (s Span) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseSpan.
func (s *Span) UnmarshalText(b []byte) error {
	v, err := ParseSpan(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// A parsedUnit is what a unit word means: the unit, and how many of the base
// unit one of it is.
type parsedUnit struct {
	unit SpanUnit
	mult int64 // days per word for days; hours for hours; minutes for working time
}

// spanUnits maps each unit word ParseSpan reads, folded (see fold), to what
// it means.
var spanUnits = map[string]parsedUnit{
	// Swedish
	"arbetsdag": {UnitWorkingDays, 1}, "arbetsdagar": {UnitWorkingDays, 1}, "arbetsdagen": {UnitWorkingDays, 1},
	"arbetstimme": {UnitWorkingTime, 60}, "arbetstimmar": {UnitWorkingTime, 60},
	"arbetsminut": {UnitWorkingTime, 1}, "arbetsminuter": {UnitWorkingTime, 1},
	"timme": {UnitHours, 1}, "timmar": {UnitHours, 1}, "tim": {UnitHours, 1}, "h": {UnitHours, 1},
	"dag": {UnitDays, 1}, "dagar": {UnitDays, 1}, "kalenderdag": {UnitDays, 1}, "kalenderdagar": {UnitDays, 1},
	"vecka": {UnitDays, 7}, "veckor": {UnitDays, 7},
	// English
	"working day": {UnitWorkingDays, 1}, "working days": {UnitWorkingDays, 1},
	"workday": {UnitWorkingDays, 1}, "workdays": {UnitWorkingDays, 1},
	"business day": {UnitWorkingDays, 1}, "business days": {UnitWorkingDays, 1},
	"working hour": {UnitWorkingTime, 60}, "working hours": {UnitWorkingTime, 60},
	"business hour": {UnitWorkingTime, 60}, "business hours": {UnitWorkingTime, 60},
	"working minute": {UnitWorkingTime, 1}, "working minutes": {UnitWorkingTime, 1},
	"hour": {UnitHours, 1}, "hours": {UnitHours, 1}, "hr": {UnitHours, 1}, "hrs": {UnitHours, 1},
	"day": {UnitDays, 1}, "days": {UnitDays, 1}, "calendar day": {UnitDays, 1}, "calendar days": {UnitDays, 1},
	"week": {UnitDays, 7}, "weeks": {UnitDays, 7},
	// Finnish (folded: ä -> a, ö -> o)
	"tyopaiva": {UnitWorkingDays, 1}, "tyopaivaa": {UnitWorkingDays, 1}, "tyopaivan": {UnitWorkingDays, 1},
	"tyotunti": {UnitWorkingTime, 60}, "tyotuntia": {UnitWorkingTime, 60},
	"tyominuutti": {UnitWorkingTime, 1}, "tyominuuttia": {UnitWorkingTime, 1},
	"tunti": {UnitHours, 1}, "tuntia": {UnitHours, 1}, "tunnin": {UnitHours, 1},
	"paiva": {UnitDays, 1}, "paivaa": {UnitDays, 1}, "paivan": {UnitDays, 1},
	"viikko": {UnitDays, 7}, "viikkoa": {UnitDays, 7}, "viikon": {UnitDays, 7},
}

// numberWords are the words for one that people write instead of "1".
var numberWords = map[string]int64{"en": 1, "ett": 1, "one": 1, "a": 1, "an": 1, "yksi": 1}

// fold lower-cases s, folds å, ä and ö to a, a and o, and collapses runs of
// white space to one space, so that "2 Arbetsdagar" and "2 tyopaivaa" match.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'å', 'ä':
			r = 'a'
		case 'ö':
			r = 'o'
		}
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// ParseSpan reads a span in Swedish, English or Finnish: "1 arbetsdag",
// "2 arbetsdagar", "48 timmar", "3 veckor", "21 dagar", "1 working day",
// "48 hours", "2 työpäivää", "48 tuntia", "4 arbetstimmar". Case does not
// matter, and å, ä and ö may be written a, a and o. Weeks become days. The
// error for bad input quotes it.
func ParseSpan(s string) (Span, error) {
	bad := func(why string) (Span, error) {
		return Span{}, errors.New("calendar: invalid span " + strconv.Quote(s) + ": " + why)
	}
	f := fold(s)
	if f == "" {
		return bad("empty; want a number and a unit, such as \"2 arbetsdagar\"")
	}
	// Split into the number and the unit; "48h" has no space.
	i := 0
	for i < len(f) && f[i] >= '0' && f[i] <= '9' {
		i++
	}
	var n int64
	var unit string
	switch {
	case i > 0:
		if i > 7 {
			return bad("number too large")
		}
		v, _ := strconv.ParseInt(f[:i], 10, 64)
		n, unit = v, strings.TrimSpace(f[i:])
	default:
		word, rest, _ := strings.Cut(f, " ")
		v, ok := numberWords[word]
		if !ok {
			if f[0] == '-' {
				return bad("negative")
			}
			return bad("no number; want a number and a unit, such as \"2 arbetsdagar\"")
		}
		n, unit = v, rest
	}
	if unit == "" {
		return bad("no unit; want for example arbetsdagar, timmar, dagar or veckor")
	}
	u, ok := spanUnits[unit]
	if !ok {
		return bad("unknown unit " + strconv.Quote(unit))
	}
	total := n * u.mult
	switch u.unit {
	case UnitWorkingTime:
		if total > MaxCount*60 {
			return bad("more than " + strconv.Itoa(MaxCount) + " hours")
		}
		return WorkingTime(time.Duration(total) * time.Minute), nil
	case UnitHours:
		if total > MaxCount {
			return bad("more than " + strconv.Itoa(MaxCount) + " hours")
		}
		return Hours(int(total)), nil
	case UnitDays:
		if total > MaxCount {
			return bad("more than " + strconv.Itoa(MaxCount) + " days")
		}
		return Days(int(total)), nil
	}
	if total > MaxCount {
		return bad("more than " + strconv.Itoa(MaxCount) + " days")
	}
	return WorkingDays(int(total)), nil
}
