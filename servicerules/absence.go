package servicerules

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/lang"
)

// A Contact is a person and how to reach them.
type Contact struct {
	Name  string
	Role  string // title or function, as the person wants it shown
	Phone string
	Email string
}

// An Absence is a time someone is away from work, and what they have set up
// for it.
type Absence struct {
	// From and To bound the absence: From is when it starts and To when the
	// person is back, so an absence over 21 to 23 December ends at midnight
	// before 24 December.
	From, To time.Time
	// Planned is true for a planned absence (leave, a course), false for a
	// sudden one (illness).
	Planned bool
	// Message is the absence message (auto-reply) in e-mail; empty when none
	// is set.
	Message string
	// PhoneReferral is true when a referral (hänvisning, absence status) is
	// set in the phone system.
	PhoneReferral bool
	// ForwardTo is who calls are forwarded to; empty when they are not.
	ForwardTo string
	// MailCovered is true when someone opens the person's post and e-mail
	// every day during the absence.
	MailCovered bool
	// CalendarUpdated is true when the shared calendar shows the absence.
	CalendarUpdated bool
	// Person is who is away. Their own phone number and e-mail address never
	// count as an alternative contact.
	Person Contact
	// Alternative is who to contact instead, for the auto-reply writer.
	Alternative Contact
}

// Covers reports whether t falls inside the absence.
func (a Absence) Covers(t time.Time) bool {
	return !t.Before(a.From) && t.Before(a.To)
}

// A Finding is a requirement of the policy that an absence does not meet.
type Finding struct {
	Policy  string      // the policy's ID
	Rule    AbsenceRule // the rule, with the policy's citation
	Message lang.Text   // what to do, in plain language
}

// CheckAbsence returns what a does not meet of the policy's absence rules, in
// the order of the rules; nil when it meets them all. A rule for absences
// longer than some span applies when To is after From plus the span, counted
// on the policy's calendar; an absence whose To is not after From is not
// longer than anything.
func (p *Policy) CheckAbsence(a Absence) []Finding {
	if p == nil {
		return nil
	}
	var out []Finding
	for _, rule := range p.doc.Absence {
		if !p.applies(rule, a) || meets(rule.Require, a) {
			continue
		}
		rule.Citations = slices.Clone(rule.Citations)
		out = append(out, Finding{Policy: p.doc.ID, Rule: rule, Message: findingText(rule)})
	}
	return out
}

func (p *Policy) applies(rule AbsenceRule, a Absence) bool {
	if rule.PlannedOnly && !a.Planned {
		return false
	}
	if rule.LongerThan.IsZero() {
		return true
	}
	return a.To.After(p.cal.Deadline(a.From, rule.LongerThan))
}

func meets(req Requirement, a Absence) bool {
	switch req {
	case AbsenceMessage:
		return strings.TrimSpace(a.Message) != ""
	case PhoneReferral:
		return a.PhoneReferral
	case PhoneForwarding:
		return strings.TrimSpace(a.ForwardTo) != ""
	case AlternativeContact:
		return hasOtherContact(a.Message, a.Person)
	case MailOpenedDaily:
		return a.MailCovered
	case CalendarUpdated:
		return a.CalendarUpdated
	}
	return true
}

// aboutMessage reports whether req is about the text of the absence message.
func aboutMessage(req Requirement) bool {
	return req == AbsenceMessage || req == AlternativeContact
}

var findingBase = map[Requirement]lang.Text{
	AbsenceMessage: {
		Sv: "Lägg in ett frånvaromeddelande i e-posten.",
		Fi: "Laita sähköpostiin poissaoloviesti.",
		En: "Set an absence message (auto-reply) in your e-mail.",
	},
	PhoneReferral: {
		Sv: "Lägg in en hänvisning i telefonsystemet som säger att du är borta.",
		Fi: "Laita puhelinjärjestelmään poissaolotieto.",
		En: "Set a referral in the phone system that says you are away.",
	},
	PhoneForwarding: {
		Sv: "Koppla vidare din telefon till någon som är på plats.",
		Fi: "Siirrä puhelusi jollekulle, joka on paikalla.",
		En: "Forward your phone to someone who is in.",
	},
	AlternativeContact: {
		Sv: "Meddelandet måste tydligt ge en annan kontaktväg med kontaktuppgifter: ett telefonnummer eller en e-postadress.",
		Fi: "Viestissä on kerrottava selvästi toinen yhteystapa ja sen yhteystiedot: puhelinnumero tai sähköpostiosoite.",
		En: "The message must clearly give another way to get in touch, with contact details: a phone number or an e-mail address.",
	},
	MailOpenedDaily: {
		Sv: "Se till att din post och e-post öppnas varje dag medan du är borta.",
		Fi: "Huolehdi, että postisi ja sähköpostisi avataan joka päivä poissaolosi aikana.",
		En: "Make sure your post and e-mail are opened every day while you are away.",
	},
	CalendarUpdated: {
		Sv: "Uppdatera din kalender så att andra ser att du är borta.",
		Fi: "Päivitä kalenterisi, jotta muut näkevät, että olet poissa.",
		En: "Update your calendar so that others can see that you are away.",
	},
}

func findingText(rule AbsenceRule) lang.Text {
	t := findingBase[rule.Require]
	var pre lang.Text
	long := !rule.LongerThan.IsZero()
	switch {
	case long && rule.PlannedOnly:
		pre = lang.Text{
			Sv: "Vid planerad frånvaro längre än " + rule.LongerThan.Format(lang.Swedish) + ": ",
			Fi: "Suunniteltu poissaolo kestää yli " + rule.LongerThan.Format(lang.Finnish) + ": ",
			En: "Planned absence longer than " + rule.LongerThan.Format(lang.English) + ": ",
		}
	case long:
		pre = lang.Text{
			Sv: "Frånvaro längre än " + rule.LongerThan.Format(lang.Swedish) + ": ",
			Fi: "Poissaolo kestää yli " + rule.LongerThan.Format(lang.Finnish) + ": ",
			En: "Absence longer than " + rule.LongerThan.Format(lang.English) + ": ",
		}
	case rule.PlannedOnly:
		pre = lang.Text{Sv: "Vid planerad frånvaro: ", Fi: "Suunniteltu poissaolo: ", En: "Planned absence: "}
	default:
		pre = lang.Text{Sv: "Vid all frånvaro: ", Fi: "Kaikki poissaolot: ", En: "Any absence: "}
	}
	return lang.Text{Sv: pre.Sv + t.Sv, Fi: pre.Fi + t.Fi, En: pre.En + t.En}
}

// AutoReply writes an absence message (auto-reply) for a in l (Swedish,
// Finnish or English) that meets the policy's rules on the text of the message. It says
// when the person is back: the first working day after the absence on the
// policy's calendar ("tillbaka måndag 28 december"), and names a.Alternative
// with their phone number and e-mail address. AutoReply returns an error when
// To is not after From, when l is not one of them, or when the policy needs an
// alternative contact and a.Alternative has neither a phone number nor an
// e-mail address.
func (p *Policy) AutoReply(a Absence, l lang.Lang) (string, error) {
	if p == nil {
		return "", errors.New("servicerules: AutoReply: nil policy")
	}
	if !l.Valid() {
		return "", errors.New("servicerules: AutoReply: unknown language " + strconv.Quote(string(l)) + "; use \"sv\", \"fi\" or \"en\"")
	}
	if a.From.IsZero() || a.To.IsZero() || !a.To.After(a.From) {
		return "", &FieldError{Field: "Absence.To", Value: a.To.Format(time.RFC3339), Reason: "the absence must end after it starts (" + a.From.Format(time.RFC3339) + ")"}
	}
	alt := a.Alternative
	hasAlt := strings.TrimSpace(alt.Phone) != "" || strings.TrimSpace(alt.Email) != ""
	for _, rule := range p.doc.Absence {
		if rule.Require == AlternativeContact && p.applies(rule, a) && !hasAlt {
			reason := "the policy asks for another contact with a phone number or an e-mail address"
			if !rule.LongerThan.IsZero() {
				reason += " when the absence is longer than " + rule.LongerThan.Format(lang.English)
			}
			return "", &FieldError{Field: "Absence.Alternative", Value: alt.Name, Reason: reason}
		}
	}

	back := calendar.DateOf(p.cal.NextOpen(a.To))
	w := replyWords.In(l)
	var b strings.Builder
	b.WriteString(w.hello)
	b.WriteString("\n\n")
	b.WriteString(w.away)
	b.WriteString(dayName(back, l, calendar.DateOf(a.From).Year))
	b.WriteString(".\n")
	if hasAlt || strings.TrimSpace(alt.Name) != "" {
		b.WriteString(w.contact)
		var parts []string
		if n := strings.TrimSpace(alt.Name); n != "" {
			parts = append(parts, n)
		}
		if r := strings.TrimSpace(alt.Role); r != "" {
			parts = append(parts, r)
		}
		if ph := strings.TrimSpace(alt.Phone); ph != "" {
			parts = append(parts, w.phone+" "+ph)
		}
		if em := strings.TrimSpace(alt.Email); em != "" {
			parts = append(parts, w.email+" "+em)
		}
		b.WriteString(strings.Join(parts, ", "))
		b.WriteString(".\n")
	}
	if !hasAlt {
		b.WriteString(w.later)
		b.WriteString("\n")
	}
	b.WriteString("\n")
	b.WriteString(w.regards)
	for _, line := range []string{a.Person.Name, a.Person.Role, p.doc.Source.Organisation} {
		if s := strings.TrimSpace(line); s != "" {
			b.WriteString("\n")
			b.WriteString(s)
		}
	}
	msg := b.String()

	// The text must pass the policy's own check.
	check := a
	check.Message = msg
	for _, f := range p.CheckAbsence(check) {
		if aboutMessage(f.Rule.Require) {
			return "", &FieldError{Field: "Absence.Alternative", Value: alt.Name, Reason: "the message would not meet the policy: " + f.Message.En}
		}
	}
	return msg, nil
}

type replyText struct {
	hello, away, contact, phone, email, later, regards string
}

var replyWords = lang.Phrases[replyText]{
	Sv: replyText{
		hello:   "Hej!",
		away:    "Jag är inte på plats och är tillbaka ",
		contact: "Under tiden kan du kontakta ",
		phone:   "telefon",
		email:   "e-post",
		later:   "Jag svarar när jag är tillbaka.",
		regards: "Med vänlig hälsning",
	},
	Fi: replyText{
		hello:   "Hei!",
		away:    "Olen poissa. Paluupäiväni on ",
		contact: "Sillä välin voit ottaa yhteyttä: ",
		phone:   "puhelin",
		email:   "sähköposti",
		later:   "Vastaan, kun palaan.",
		regards: "Ystävällisin terveisin",
	},
	En: replyText{
		hello:   "Hello,",
		away:    "I am away and back on ",
		contact: "In the meantime, please contact ",
		phone:   "phone",
		email:   "e-mail",
		later:   "I will reply when I am back.",
		regards: "Kind regards",
	},
}

// hasOtherContact reports whether text gives a phone number or an e-mail
// address that is not the person's own.
func hasOtherContact(text string, own Contact) bool {
	ownPhone := phoneDigits(own.Phone)
	ownEmail := strings.ToLower(strings.TrimSpace(own.Email))
	for _, e := range emails(text) {
		if strings.ToLower(e) != ownEmail {
			return true
		}
	}
	for _, ph := range phones(text) {
		if ownPhone == "" || phoneDigits(ph) != ownPhone {
			return true
		}
	}
	return false
}

// emails returns the e-mail addresses in text: a local part, an @ and a
// domain with a dot in it.
func emails(text string) []string {
	var out []string
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == ',' || r == ';' || r == '<' || r == '>' || r == '(' || r == ')' || r == '"' || r == '\'' || r == '`' || r == '[' || r == ']'
	}) {
		tok = strings.TrimRight(tok, ".:!?")
		tok = strings.TrimPrefix(tok, "mailto:")
		local, domain, ok := strings.Cut(tok, "@")
		if !ok || local == "" || strings.Contains(domain, "@") {
			continue
		}
		dot := strings.LastIndexByte(domain, '.')
		if dot <= 0 || dot == len(domain)-1 {
			continue
		}
		out = append(out, tok)
	}
	return out
}

// phones returns what looks like a phone number in text: a run of digits,
// with spaces, hyphens or slashes between them, that starts with "0" (a
// Swedish number, 7 to 12 digits) or "+" (an international one, 8 to 15
// digits). Dates ("2026-12-28") and times ("08:00") do not start that way or
// are too short.
func phones(text string) []string {
	var out []string
	for i := 0; i < len(text); {
		c := text[i]
		if c != '+' && c != '0' {
			i++
			continue
		}
		if i > 0 && isDigit(text[i-1]) {
			// inside a longer number
			for i < len(text) && isDigit(text[i]) {
				i++
			}
			continue
		}
		j := i
		if c == '+' {
			j++
		}
		digits, end := 0, j
		for j < len(text) {
			if isDigit(text[j]) {
				digits++
				j++
				end = j
				continue
			}
			if (text[j] == ' ' || text[j] == '-' || text[j] == '/') && j+1 < len(text) && isDigit(text[j+1]) {
				j++
				continue
			}
			break
		}
		min, max := 7, 12
		if c == '+' {
			min, max = 8, 15
		}
		if digits >= min && digits <= max {
			out = append(out, text[i:end])
		}
		if end <= i {
			end = i + 1
		}
		i = end
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// phoneDigits returns the digits of a phone number, with +46 written as a
// leading 0, so that "+46 8 555 010 00" and "08-555 010 00" are the same.
func phoneDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	d := b.String()
	if strings.HasPrefix(strings.TrimSpace(s), "+46") {
		d = "0" + strings.TrimPrefix(d, "46")
	}
	return d
}
