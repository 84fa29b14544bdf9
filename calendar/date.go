package calendar

import (
	"errors"
	"strconv"
	"time"
)

// A Date is a day in the calendar, without a time of day or a zone. It is
// compared with == and ordered with Compare.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the Europe/Stockholm date of t.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Location()).Date()
	return Date{y, m, d}
}

// ParseDate parses a date in the form "2006-01-02".
func ParseDate(s string) (Date, error) {
	d, ok := parseISODate(s)
	if !ok {
		return Date{}, errors.New("calendar: invalid date " + strconv.Quote(s) + ": want YYYY-MM-DD, a real date")
	}
	return d, nil
}

func parseISODate(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	y, ok1 := atoiDigits(s[0:4])
	m, ok2 := atoiDigits(s[5:7])
	d, ok3 := atoiDigits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, false
	}
	date := Date{y, time.Month(m), d}
	return date, date.Valid()
}

// atoiDigits parses a string of ASCII digits only.
func atoiDigits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// Valid reports whether d is a real date in the Gregorian calendar.
func (d Date) Valid() bool {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Month, d.Year)
}

func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// String returns the date as "2006-01-02".
func (d Date) String() string {
	b := make([]byte, 0, 10)
	return string(d.appendISO(b))
}

func (d Date) appendISO(b []byte) []byte {
	y := d.Year
	if y < 0 {
		b = append(b, '-')
		y = -y
	}
	for _, div := range []int{1000, 100, 10} {
		if y < div {
			b = append(b, '0')
		}
	}
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-', byte('0'+int(d.Month)/10), byte('0'+int(d.Month)%10), '-')
	return append(b, byte('0'+d.Day/10), byte('0'+d.Day%10))
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) {
	if !d.Valid() {
		return nil, errors.New("calendar: cannot marshal invalid date " + strconv.Quote(d.String()))
	}
	return d.appendISO(make([]byte, 0, 10)), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOf(d.days()) }

// AddDays returns the date n days after d (before d when n is negative).
func (d Date) AddDays(n int) Date { return dateOfDays(d.days() + int64(n)) }

// Midnight returns the start of d in Europe/Stockholm.
func (d Date) Midnight() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Location())
}

// Compare returns -1 if d is before e, 0 if they are the same day and +1 if d
// is after e.
func (d Date) Compare(e Date) int {
	a, b := d.days(), e.days()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.days() < e.days() }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.days() > e.days() }

// days returns the number of days from 1970-01-01 to d (Howard Hinnant's
// days_from_civil). It is linear in Day, so it also normalises a day past the
// end of the month.
func (d Date) days() int64 {
	y := int64(d.Year)
	m := int64(d.Month)
	if m < 1 || m > 12 { // normalise the month first
		y += floorDiv(m-1, 12)
		m = m - 1 - floorDiv(m-1, 12)*12 + 1
	}
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(d.Day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dateOfDays is the inverse of Date.days (Hinnant's civil_from_days).
func dateOfDays(z int64) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{int(y), time.Month(m), int(d)}
}

// weekdayOf returns the weekday of a day number (1970-01-01 was a Thursday).
func weekdayOf(day int64) time.Weekday {
	w := (day + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}
