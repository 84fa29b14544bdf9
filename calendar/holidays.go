package calendar

import (
	"time"

	"github.com/kommunkit/kommunkit/lang"
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/aa"
	"github.com/rickar/cal/v2/se"
)

// A HolidayKind says why a holiday is a day off.
type HolidayKind int

// The kinds of holiday.
const (
	// Public is an allmän helgdag under Lag 1989:253.
	Public HolidayKind = iota + 1
	// DeFacto is midsommarafton, julafton or nyårsafton: not an allmän helgdag,
	// but not a working day under Lag 1930:173 and closed in practice.
	DeFacto
)

// String returns "public" or "de facto".
func (k HolidayKind) String() string {
	switch k {
	case Public:
		return "public"
	case DeFacto:
		return "de facto"
	}
	return "unknown"
}

// A Holiday is a Swedish holiday or eve on a given date.
type Holiday struct {
	Date time.Time // local midnight in Europe/Stockholm
	Name string    // Swedish name, for example "julafton"
	Kind HolidayKind
}

// holidayDef declares one holiday: its rule (from rickar/cal, with the year
// limits rickar/cal lacks put right), its names and its kind.
type holidayDef struct {
	rule       *cal.Holiday
	sv, fi, en string
	kind       HolidayKind
}

// holidayDefs are the Swedish holidays since 1953, as data. The order is the
// order of the year, and it breaks ties when two fall on the same day.
//
// rickar/cal's se package has Sveriges nationaldag with no start year (it is an
// allmän helgdag only from 2005) and has no Annandag pingst at all (one until
// 2004), and it leaves out Påskdagen and Pingstdagen because they are Sundays.
var holidayDefs = [...]holidayDef{
	{se.Nyarsdagen, "nyårsdagen", "uudenvuodenpäivä", "New Year's Day", Public},
	{se.TrettondedagJul, "trettondedag jul", "loppiainen", "Epiphany", Public},
	{se.Langfredagen, "långfredagen", "pitkäperjantai", "Good Friday", Public},
	{aa.Easter, "påskdagen", "pääsiäispäivä", "Easter Sunday", Public},
	{se.AnnandagPask, "annandag påsk", "toinen pääsiäispäivä", "Easter Monday", Public},
	{se.ForstaMaj, "första maj", "vappu", "May Day", Public},
	{se.KristiHimmelsfardsdag, "Kristi himmelsfärdsdag", "helatorstai", "Ascension Day", Public},
	{aa.Pentecost, "pingstdagen", "helluntaipäivä", "Whit Sunday", Public},
	{aa.PentecostMonday.Clone(&cal.Holiday{EndYear: 2004}), "annandag pingst", "toinen helluntaipäivä", "Whit Monday", Public},
	{se.Nationaldagen.Clone(&cal.Holiday{StartYear: 2005}), "Sveriges nationaldag", "Ruotsin kansallispäivä", "National Day of Sweden", Public},
	{se.Midsommarafton, "midsommarafton", "juhannusaatto", "Midsummer Eve", DeFacto},
	{se.Midsommardagen, "midsommardagen", "juhannuspäivä", "Midsummer Day", Public},
	{se.AllaHelgonsDag, "alla helgons dag", "pyhäinpäivä", "All Saints' Day", Public},
	{se.Julafton, "julafton", "jouluaatto", "Christmas Eve", DeFacto},
	{se.Juldagen, "juldagen", "joulupäivä", "Christmas Day", Public},
	{se.AnnandagJul, "annandag jul", "tapaninpäivä", "Boxing Day", Public},
	{se.Nyarsafton, "nyårsafton", "uudenvuodenaatto", "New Year's Eve", DeFacto},
}

// name returns the holiday's name in l (Swedish for any language other than
// Finnish and English).
func (h *holidayDef) name(l lang.Lang) string {
	return lang.Text{Sv: h.sv, Fi: h.fi, En: h.en}.In(l)
}

// holidayOn is one holiday occurrence: a day number and an index into
// holidayDefs.
type holidayOn struct {
	day int64
	def int
}

// holidaysOf returns the holidays of year sorted by day, appended to dst.
func holidaysOf(year int, dst []holidayOn) []holidayOn {
	start := len(dst)
	for i := range holidayDefs {
		t, _ := holidayDefs[i].rule.Calc(year)
		if t.IsZero() {
			continue
		}
		y, m, d := t.Date()
		dst = append(dst, holidayOn{Date{y, m, d}.days(), i})
	}
	// Insertion sort: stable, and it does not allocate.
	out := dst[start:]
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].day < out[j-1].day; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return dst
}

// Holidays returns the holidays of year, sorted by date: every allmän helgdag
// under Lag 1989:253 except ordinary Sundays (so Påskdagen and Pingstdagen are
// included), with Kind Public, and midsommarafton, julafton and nyårsafton with
// Kind DeFacto. When two fall on the same day both are listed.
//
// The rules are those in force since 1953; they are applied unchanged to
// earlier years. Sveriges nationaldag is a holiday from 2005 and Annandag
// pingst until 2004.
func (c *Calendar) Holidays(year int) []Holiday {
	return holidaysList(year)
}

func holidaysList(year int) []Holiday {
	var buf [len(holidayDefs)]holidayOn
	occ := holidaysOf(year, buf[:0])
	out := make([]Holiday, len(occ))
	for i, o := range occ {
		def := &holidayDefs[o.def]
		out[i] = Holiday{Date: dateOfDays(o.day).Midnight(), Name: def.sv, Kind: def.kind}
	}
	return out
}
