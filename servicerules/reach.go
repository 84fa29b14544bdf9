package servicerules

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/lang"
)

// Reachability says whether a channel is staffed at an instant, when it next
// is, and what happens to a contact made now.
type Reachability struct {
	Channel Channel
	At      time.Time
	// Open is true when the channel takes a contact now: a live channel
	// (phone, visit, chat) while it is staffed, a channel that is open around
	// the clock, and any channel that carries messages, which are answered
	// later.
	Open bool
	// Staffed is true when a person answers the channel now. Only live
	// channels are staffed.
	Staffed bool
	// AroundTheClock is true when the policy keeps the channel open at all
	// hours (self-service on the web).
	AroundTheClock bool
	// NextStaffed is when somebody is next there to answer: At itself when the
	// channel is staffed now; for a channel that carries messages, when the
	// office next opens to read them.
	NextStaffed time.Time
	// Instead is where the contact goes while a live channel is not staffed,
	// as the policy says (the phone goes to voicemail); empty when the policy
	// does not say.
	Instead Channel
	// ReplyDue is when a message left now (on Instead, or on the channel
	// itself) must be answered at the latest; the zero Time when the policy
	// gives no limit, or when a person answers at once.
	ReplyDue time.Time
	// HoursStated is false when the policy gives no hours for the channel
	// and the library default office hours were used.
	HoursStated bool
	// Citations are the words of the policy about the channel and its hours.
	Citations []Citation
}

// Reach says whether ch is staffed at t, when it next is, and what happens
// instead, for a contact from the public. Shortened days and closure days in
// the policy's calendar count. Reach reports false when the policy does not
// name ch among its channels.
func (p *Policy) Reach(ch Channel, t time.Time) (Reachability, bool) {
	r := Reachability{Channel: ch, At: t}
	if p == nil {
		return r, false
	}
	rules, ok := p.Channel(ch)
	if !ok {
		return r, false
	}
	r.Citations = rules.Citations
	cal := p.cal
	switch rules.Staffed {
	case OwnHours:
		cal = p.channels[ch]
		r.HoursStated = true
		r.Citations = append(r.Citations, rules.Hours.Citations...)
	case AroundTheClock:
		r.AroundTheClock = true
		r.HoursStated = true
	case OfficeHours:
		if h := p.doc.Calendar.OfficeHours; h != nil {
			r.HoursStated = true
			r.Citations = append(r.Citations, h.Citations...)
		}
	default:
		// A channel that carries messages is read during office hours; a
		// live channel whose hours the policy does not give falls back to
		// them, which the policy does not state.
		if h := p.doc.Calendar.OfficeHours; h != nil && !ch.Live() {
			r.HoursStated = true
			r.Citations = append(r.Citations, h.Citations...)
		}
	}
	if ch.Live() {
		switch {
		case r.AroundTheClock:
			r.Open, r.Staffed, r.NextStaffed = true, true, t
		case cal.IsOpen(t):
			r.Open, r.Staffed, r.NextStaffed = true, true, t
		default:
			r.NextStaffed = cal.NextOpen(t)
			r.Instead = rules.Instead
			if r.Instead != "" {
				r.ReplyDue, _ = p.ReplyDue(r.Instead, External, t)
			}
		}
		return r, true
	}
	r.Open = true
	if rules.Staffed == OwnHours {
		r.NextStaffed = cal.NextOpen(t)
	} else {
		r.NextStaffed = p.cal.NextOpen(t)
	}
	r.ReplyDue, _ = p.ReplyDue(ch, External, t)
	return r, true
}

// Text returns the reachability in plain language in l (Swedish for any
// language other than Finnish and English), for example "Telefon: stängt nu. Öppnar måndag 28 december 2026 kl.
// 08:00. Under tiden: röstbrevlåda. Svar senast tisdag 29 december 2026 kl.
// 16:30."
func (r Reachability) Text(l lang.Lang) string {
	var b strings.Builder
	b.WriteString(capitalise(r.Channel.Name(l)))
	b.WriteString(": ")
	w := reachWords.In(l)
	switch {
	case r.Channel.Live() && r.AroundTheClock:
		b.WriteString(w.aroundTheClock)
	case r.Channel.Live() && r.Staffed:
		b.WriteString(w.staffed)
	case r.Channel.Live():
		b.WriteString(w.closed)
		if !r.NextStaffed.IsZero() {
			b.WriteString(" " + w.opens + " " + calendar.Format(r.NextStaffed, l) + ".")
		}
		if r.Instead != "" {
			b.WriteString(" " + w.meanwhile + " " + r.Instead.Name(l) + ".")
		}
	default:
		if r.AroundTheClock {
			b.WriteString(w.aroundTheClock + " ")
		} else {
			b.WriteString(w.received + " ")
		}
		switch {
		case r.NextStaffed.Equal(r.At):
			b.WriteString(w.staffIn)
		case !r.NextStaffed.IsZero():
			b.WriteString(w.readFrom + " " + calendar.Format(r.NextStaffed, l) + ".")
		}
	}
	if !r.ReplyDue.IsZero() {
		b.WriteString(" " + w.answerBy + " " + calendar.Format(r.ReplyDue, l) + ".")
	}
	if !r.HoursStated && !r.AroundTheClock {
		b.WriteString(" " + w.defaultHours)
	}
	return b.String()
}

type reachText struct {
	staffed, closed, opens, meanwhile, aroundTheClock string
	received, staffIn, readFrom                       string
	answerBy, defaultHours                            string
}

var reachWords = lang.Phrases[reachText]{
	Sv: reachText{
		staffed:        "bemannat nu.",
		closed:         "stängt nu.",
		opens:          "Öppnar",
		meanwhile:      "Under tiden:",
		aroundTheClock: "öppet dygnet runt.",
		received:       "tas emot nu.",
		staffIn:        "Personalen är på plats.",
		readFrom:       "Läses från",
		answerBy:       "Svar senast",
		defaultHours:   "(Policyn anger inga tider, så vanliga kontorstider gäller.)",
	},
	Fi: reachText{
		staffed:        "palvelee nyt.",
		closed:         "suljettu nyt.",
		opens:          "Avautuu",
		meanwhile:      "Sillä välin:",
		aroundTheClock: "avoinna ympäri vuorokauden.",
		received:       "vastaanotetaan nyt.",
		staffIn:        "Henkilökunta on paikalla.",
		readFrom:       "Luetaan alkaen",
		answerBy:       "Vastaus viimeistään",
		defaultHours:   "(Ohjeessa ei ole aikoja, joten tavalliset virka-ajat ovat voimassa.)",
	},
	En: reachText{
		staffed:        "staffed now.",
		closed:         "closed now.",
		opens:          "Opens",
		meanwhile:      "Meanwhile:",
		aroundTheClock: "open around the clock.",
		received:       "received now.",
		staffIn:        "Staff are in.",
		readFrom:       "Read from",
		answerBy:       "Answer by",
		defaultHours:   "(The policy gives no hours, so ordinary office hours apply.)",
	},
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// dayName returns d as a weekday, day and month in l ("måndag 28
// december"), with the year when it is not year.
func dayName(d calendar.Date, l lang.Lang, year int) string {
	s := calendar.WeekdayName(d.Weekday(), l) + " " + d.DayMonth(l)
	if d.Year != year {
		s += " " + strconv.Itoa(d.Year)
	}
	return s
}
