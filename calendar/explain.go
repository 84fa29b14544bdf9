package calendar

import (
	"strconv"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/lang"
)

// maxSkipped bounds the days an Explanation lists, so a long span gives a
// short explanation.
const maxSkipped = 60

// A Skip is a day that did not count towards a deadline, and why.
type Skip struct {
	Date Date
	Why  DayOff
}

// An Explanation says how a deadline was reached, so that staff and citizens
// can see why the date is what it is.
type Explanation struct {
	Received time.Time // when the message arrived, in Europe/Stockholm
	Span     Span
	Deadline time.Time // the same as Calendar.Deadline(Received, Span)

	// Start is the day counting starts from: for WorkingDays the start day
	// (day 0), for the other spans the day of receipt.
	Start Date
	// AfterClose is true when a WorkingDays message arrived on a working day
	// after office close, so that counting starts on the next working day.
	AfterClose bool
	// Skipped lists the days from receipt to the deadline that did not count,
	// and why, at most 60 of them; MoreSkipped counts the rest.
	Skipped     []Skip
	MoreSkipped int
	// MovedFrom is, for a Days span, the last day before it was moved to the
	// next legal working day (Lag 1930:173), and the zero Date when it was not
	// moved.
	MovedFrom Date
}

func (e *Explanation) skip(day int64, why DayOff) {
	if len(e.Skipped) < maxSkipped {
		e.Skipped = append(e.Skipped, Skip{dateOfDays(day), why})
	} else {
		e.MoreSkipped++
	}
}

// Explain returns the deadline for something received at from under s, with
// the days it passed over and why.
func (c *Calendar) Explain(from time.Time, s Span) Explanation {
	e := Explanation{Received: from.In(Location()), Span: s}
	u := from.Unix()
	day, _ := localDay(u)
	e.Start = dateOfDays(day)
	switch s.Unit() {
	case UnitWorkingDays:
		start := c.startDay(day, u)
		e.AfterClose = start != day && c.isWork(day)
		e.Start = dateOfDays(start)
		target := c.nthWorkAfter(start, s.n)
		for d := day; d < target; d++ {
			if why, ok := c.why(d); ok {
				e.skip(d, why)
			}
		}
		e.Deadline = time.Unix(instant(target, c.closeOf(target)), 0).In(Location())
	case UnitWorkingTime:
		e.Deadline, _ = c.workingTime(from, time.Duration(s.n), func(d int64) {
			why, _ := c.why(d)
			e.skip(d, why)
		})
	case UnitHours:
		e.Deadline = c.Deadline(from, s)
	case UnitDays:
		nominal := day + s.n
		last := legalDeadlineDay(nominal)
		if last != nominal {
			e.MovedFrom = dateOfDays(nominal)
			for d := nominal; d < last; d++ {
				e.skip(d, legalWhy(d))
			}
		}
		e.Deadline = time.Unix(instant(last, endOfDay), 0).In(Location())
	}
	return e
}

// explainWords are the phrases of an explanation, per language.
type explainText struct {
	received, within, start, afterClose, notCounted, deadline, lastDay, moved, more string
}

var explainWords = lang.Phrases[explainText]{
	Sv: explainText{"Mottaget: ", "Svarstid: ", "Räkningen börjar: ", "Mottaget efter stängning, så räkningen börjar nästa arbetsdag: ",
		"Räknas inte: ", "Senast: ", "Sista dagen ", " är inte en arbetsdag, så fristen flyttas till nästa arbetsdag (lag 1930:173).", " och ytterligare "},
	Fi: explainText{"Vastaanotettu: ", "Vastausaika: ", "Laskenta alkaa: ", "Vastaanotettu aukioloajan jälkeen, joten laskenta alkaa seuraavana työpäivänä: ",
		"Ei lasketa: ", "Viimeistään: ", "Viimeinen päivä ", " ei ole arkipäivä, joten määräaika siirtyy seuraavaan arkipäivään (laki 1930:173).", " ja lisäksi "},
	En: explainText{"Received: ", "Time allowed: ", "Counting starts: ", "Received after office close, so counting starts on the next working day: ",
		"Not counted: ", "Due by: ", "The last day, ", " is not a working day, so the deadline moves to the next working day (Act 1930:173).", " and "},
}

// Text returns the explanation in l (Swedish for any language other than
// Finnish and English), one statement a line, for example:
//
//	Mottaget: onsdag 23 december 2026 kl. 15:00.
//	Svarstid: 2 arbetsdagar.
//	Räkningen börjar: onsdag 23 december 2026.
//	Räknas inte: 24 december (julafton), 25 december (juldagen), 26 december (annandag jul), 27 december (söndag).
//	Senast: tisdag 29 december 2026 kl. 16:30.
func (e Explanation) Text(l lang.Lang) string {
	w := explainWords.In(l)
	var b strings.Builder
	b.WriteString(w.received + Format(e.Received, l) + ".\n")
	b.WriteString(w.within + e.Span.Format(l) + ".\n")
	if e.Span.Unit() == UnitWorkingDays {
		if e.AfterClose {
			b.WriteString(w.afterClose + e.Start.Format(l) + ".\n")
		} else {
			b.WriteString(w.start + e.Start.Format(l) + ".\n")
		}
	}
	if e.MovedFrom != (Date{}) {
		sep := ""
		if l == lang.English {
			sep = ","
		}
		b.WriteString(w.lastDay + e.MovedFrom.Format(l) + sep + w.moved + "\n")
	}
	if len(e.Skipped) > 0 {
		b.WriteString(w.notCounted)
		for i, s := range e.Skipped {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(s.Date.DayMonth(l) + " (" + s.Why.Text(l) + ")")
		}
		if e.MoreSkipped > 0 {
			b.WriteString(w.more + strconv.Itoa(e.MoreSkipped) + " …")
		}
		b.WriteString(".\n")
	}
	b.WriteString(w.deadline + Format(e.Deadline, l) + ".")
	return b.String()
}
