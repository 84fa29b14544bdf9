// Package appeal gives the last day to appeal a decision of a Swedish
// authority: three weeks from the day the person received it
// (förvaltningslagen (2017:900) 44 §), counted in calendar days and moved to
// the next working day when the last day is not one (lag (1930:173) om
// beräkning av lagstadgad tid).
//
// The receipts of package feedback and the browser widget both ask it, so
// the last day a person is shown while they type is the one their receipt
// gives. It imports only package calendar and builds for GOOS=js
// GOARCH=wasm.
package appeal

import (
	"sync"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
)

// Weeks is the time to appeal a decision: three weeks from the day it was
// received.
const Weeks = 3

// Period is the time to appeal as a span: calendar.Days(7 * Weeks).
func Period() calendar.Span { return calendar.Days(7 * Weeks) }

// A Deadline is the last moment to appeal a decision, and how it was
// reached.
type Deadline struct {
	// From is the day the three weeks count from.
	From calendar.Date
	// Known is true when From is the day the decision was received, and
	// false when that day was not given and From is the day of the message.
	Known bool
	// By is the last moment an appeal may arrive: 23:59:59 in
	// Europe/Stockholm on the last day.
	By time.Time
	// MovedFrom is the last day of the three weeks when that was not a
	// working day and By moved to the next one; the zero Date otherwise.
	MovedFrom calendar.Date
}

// Due returns the deadline to appeal a decision received on decision, for a
// message received at received. A zero or impossible decision date is not
// known: the three weeks then count from the day of the message.
//
// No organisation's calendar changes it: a statutory period moves only past
// the days that are not legal working days (a weekend, a public holiday,
// midsommarafton, julafton, nyårsafton), never past a closure day of the
// office.
func Due(decision calendar.Date, received time.Time) Deadline {
	d := Deadline{From: decision, Known: decision != (calendar.Date{}) && decision.Valid()}
	if !d.Known {
		d.From = calendar.DateOf(received)
	}
	e := legal().Explain(d.From.Midnight(), Period())
	d.By, d.MovedFrom = e.Deadline, e.MovedFrom
	return d
}

// legal returns the calendar Due counts on. A calendar.Days span counts
// legal working days only, so the library's default calendar gives the same
// deadline as any organisation's. It is made once, on first use, and never
// changed.
func legal() *calendar.Calendar {
	legalOnce.Do(func() {
		var err error
		if legalCal, err = calendar.New(); err != nil {
			panic("appeal: the default calendar: " + err.Error()) // New without options cannot fail
		}
	})
	return legalCal
}

var (
	legalOnce sync.Once
	legalCal  *calendar.Calendar
)
