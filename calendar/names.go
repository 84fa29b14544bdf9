package calendar

import (
	"strconv"
	"time"
)

// Languages: "sv" (the default), "fi" and "en". Any other value means Swedish.

var weekdayNames = map[string][7]string{
	"sv": {"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"},
	"fi": {"sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai"},
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

// monthNames holds the month as written after a day number: "24 december",
// "24. joulukuuta" (Finnish partitive), "24 December".
var monthNames = map[string][12]string{
	"sv": {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
	"fi": {"tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// normLang returns lang if it is a supported language, else "sv".
func normLang(lang string) string {
	switch lang {
	case "fi", "en":
		return lang
	}
	return "sv"
}

// WeekdayName returns the name of a weekday in lang ("sv", "fi" or "en").
func WeekdayName(wd time.Weekday, lang string) string {
	if wd < time.Sunday || wd > time.Saturday {
		return ""
	}
	return weekdayNames[normLang(lang)][wd]
}

// DayMonth returns d as a day and month in lang: "24 december",
// "24. joulukuuta", "24 December".
func (d Date) DayMonth(lang string) string {
	lang = normLang(lang)
	if !d.Valid() {
		return d.String()
	}
	s := strconv.Itoa(d.Day)
	if lang == "fi" {
		s += "."
	}
	return s + " " + monthNames[lang][d.Month-1]
}

// Format returns d with its weekday and year in lang: "måndag 28 december
// 2026", "maanantai 28. joulukuuta 2026", "Monday 28 December 2026".
func (d Date) Format(lang string) string {
	if !d.Valid() {
		return d.String()
	}
	return WeekdayName(d.Weekday(), lang) + " " + d.DayMonth(lang) + " " + strconv.Itoa(d.Year)
}

// Format returns t in Europe/Stockholm as a date and time of day in lang:
// "tisdag 29 december 2026 kl. 16:30", "tiistai 29. joulukuuta 2026 klo 16.30",
// "Tuesday 29 December 2026 at 16:30".
func Format(t time.Time, lang string) string {
	lang = normLang(lang)
	t = t.In(Location())
	clock := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
	switch lang {
	case "fi":
		return DateOf(t).Format(lang) + " klo " + string(appendClock(nil, clock, '.'))
	case "en":
		return DateOf(t).Format(lang) + " at " + string(appendClock(nil, clock, ':'))
	}
	return DateOf(t).Format(lang) + " kl. " + string(appendClock(nil, clock, ':'))
}
