package calendar

import (
	"strconv"
	"time"

	"github.com/kommunkit/kommunkit/lang"
)

// Languages: lang.Swedish (the default), lang.Finnish and lang.English. Any
// other value means Swedish.

var weekdayNames = lang.Phrases[[7]string]{
	Sv: [7]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"},
	Fi: [7]string{"sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai"},
	En: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

// monthNames holds the month as written after a day number: "24 december",
// "24. joulukuuta" (Finnish partitive), "24 December".
var monthNames = lang.Phrases[[12]string]{
	Sv: [12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
	Fi: [12]string{"tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"},
	En: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// WeekdayName returns the name of a weekday in l (Swedish for any language
// other than Finnish and English).
func WeekdayName(wd time.Weekday, l lang.Lang) string {
	if wd < time.Sunday || wd > time.Saturday {
		return ""
	}
	return weekdayNames.In(l)[wd]
}

// DayMonth returns d as a day and month in l: "24 december",
// "24. joulukuuta", "24 December".
func (d Date) DayMonth(l lang.Lang) string {
	if !d.Valid() {
		return d.String()
	}
	s := strconv.Itoa(d.Day)
	if l == lang.Finnish {
		s += "."
	}
	return s + " " + monthNames.In(l)[d.Month-1]
}

// Format returns d with its weekday and year in l: "måndag 28 december
// 2026", "maanantai 28. joulukuuta 2026", "Monday 28 December 2026".
func (d Date) Format(l lang.Lang) string {
	if !d.Valid() {
		return d.String()
	}
	return WeekdayName(d.Weekday(), l) + " " + d.DayMonth(l) + " " + strconv.Itoa(d.Year)
}

// Format returns t in Europe/Stockholm as a date and time of day in l:
// "tisdag 29 december 2026 kl. 16:30", "tiistai 29. joulukuuta 2026 klo 16.30",
// "Tuesday 29 December 2026 at 16:30".
func Format(t time.Time, l lang.Lang) string {
	t = t.In(Location())
	clock := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
	switch l {
	case lang.Finnish:
		return DateOf(t).Format(l) + " klo " + string(appendClock(nil, clock, '.'))
	case lang.English:
		return DateOf(t).Format(l) + " at " + string(appendClock(nil, clock, ':'))
	}
	return DateOf(t).Format(l) + " kl. " + string(appendClock(nil, clock, ':'))
}
