package servicerules

import (
	"strings"

	"github.com/kommunkit/kommunkit/lang"
)

// A Unit is a group of officials who cover for each other on the phone.
type Unit struct {
	Name  string
	Staff []Person // in the order colleagues are tried
}

// A Person is an official in a unit, as the phone system sees them now.
type Person struct {
	Name    string // unique within the unit
	Present bool   // at their phone now
	// ForwardTo is who their calls are forwarded to (vidarekoppling), and
	// ReferTo who their referral points to (hänvisning), by name within the
	// unit; empty when none is set. Forwarding is tried first.
	ForwardTo string
	ReferTo   string
}

// A Result is what happened at one hop of a call.
type Result string

// The results of a hop.
const (
	Answered     Result = "answered"      // the person answered
	Away         Result = "away"          // the person is not there
	Loop         Result = "loop"          // forwarding leads back to someone already tried; not followed
	NotInUnit    Result = "not-in-unit"   // nobody by that name in the unit; passed over
	NoColleague  Result = "no-colleague"  // no colleague in the unit is there
	MessageTaken Result = "message-taken" // the switchboard takes a message for the person asked for
)

// A Hop is one step a call took.
type Hop struct {
	Step   Step
	Person string // who was tried; for StepMessage, who the message is for
	Result Result
	// Citations are the policy's words for this step; nil when the policy
	// does not state it and the library's routing was used.
	Citations []Citation
}

// A CallRoute is the path a call took, hop by hop. Its last hop is always
// Answered or MessageTaken: a call is never dropped.
type CallRoute struct {
	Unit   string
	Callee string
	Hops   []Hop
}

// RouteCall routes a call for callee in unit u: the person answers if
// present; otherwise the call follows their forwarding or referral, as long
// as that reaches someone new; otherwise a colleague in the unit who is
// present answers; otherwise the switchboard takes a message (Hässleholm:
// "Om den person som söks inte är anträffbar ska växeltelefonisten om möjligt
// koppla samtalet till en annan tjänsteman inom samma verksamhet alternativt
// erbjuda sig att ta ett meddelande till den som söks."). Forwarding that
// leads back to someone already tried is a loop and is not followed. A
// forwarding target outside the unit is passed over, since the unit cannot
// say whether they are there.
func (p *Policy) RouteCall(u Unit, callee string) CallRoute {
	r := CallRoute{Unit: u.Name, Callee: callee}
	cite := func(s Step) []Citation {
		if p == nil || s == StepCallee {
			return nil
		}
		return p.routing(s)
	}
	hop := func(s Step, who string, res Result) {
		r.Hops = append(r.Hops, Hop{Step: s, Person: who, Result: res, Citations: cite(s)})
	}
	find := func(name string) (Person, bool) {
		if strings.TrimSpace(name) == "" {
			return Person{}, false
		}
		for _, s := range u.Staff {
			if s.Name == name {
				return s, true
			}
		}
		return Person{}, false
	}
	tried := map[string]bool{callee: true}

	cur, ok := find(callee)
	switch {
	case !ok:
		hop(StepCallee, callee, NotInUnit)
	case cur.Present:
		hop(StepCallee, callee, Answered)
		return r
	default:
		hop(StepCallee, callee, Away)
		// Follow forwarding and referrals while they reach someone new.
		for ok {
			step, target := StepForward, cur.ForwardTo
			if strings.TrimSpace(target) == "" {
				step, target = StepReferral, cur.ReferTo
			}
			if strings.TrimSpace(target) == "" {
				break
			}
			if tried[target] {
				hop(step, target, Loop)
				break
			}
			tried[target] = true
			if cur, ok = find(target); !ok {
				hop(step, target, NotInUnit)
				break
			}
			if cur.Present {
				hop(step, target, Answered)
				return r
			}
			hop(step, target, Away)
		}
	}
	for _, s := range u.Staff {
		if s.Present && !tried[s.Name] && strings.TrimSpace(s.Name) != "" {
			hop(StepColleague, s.Name, Answered)
			return r
		}
	}
	hop(StepColleague, "", NoColleague)
	hop(StepMessage, callee, MessageTaken)
	return r
}

// AnsweredBy returns who answered the call, and false when the switchboard
// took a message instead.
func (r CallRoute) AnsweredBy() (string, bool) {
	if n := len(r.Hops); n > 0 && r.Hops[n-1].Result == Answered {
		return r.Hops[n-1].Person, true
	}
	return "", false
}

// Text returns the route in plain language in l (Swedish for any language
// other than Finnish and English), one hop a line, so that staff can see why
// the call went where it did. A step the policy does not state is marked as
// such.
func (r CallRoute) Text(l lang.Lang) string {
	lines := make([]string, 0, len(r.Hops))
	for _, h := range r.Hops {
		s := hopText(h, l)
		if h.Step != StepCallee && h.Citations == nil {
			s += " " + lang.Text{Sv: "(Policyn säger inget om detta steg.)", Fi: "(Ohjeessa ei mainita tätä vaihetta.)", En: "(The policy does not state this step.)"}.In(l)
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

func hopText(h Hop, l lang.Lang) string {
	n := h.Person
	switch h.Result {
	case Answered:
		switch h.Step {
		case StepCallee:
			return lang.Text{Sv: n + " svarar.", Fi: n + " vastaa.", En: n + " answers."}.In(l)
		case StepForward:
			return lang.Text{Sv: "Vidarekopplat till " + n + ", som svarar.", Fi: "Siirretty henkilölle " + n + ", joka vastaa.", En: "Forwarded to " + n + ", who answers."}.In(l)
		case StepReferral:
			return lang.Text{Sv: "Hänvisat till " + n + ", som svarar.", Fi: "Ohjattu henkilölle " + n + ", joka vastaa.", En: "Referred to " + n + ", who answers."}.In(l)
		default:
			return lang.Text{Sv: "Kollegan " + n + " i samma enhet svarar.", Fi: "Saman yksikön työtoveri " + n + " vastaa.", En: "A colleague in the same unit, " + n + ", answers."}.In(l)
		}
	case Away:
		switch h.Step {
		case StepForward:
			return lang.Text{Sv: "Vidarekopplat till " + n + ", som inte heller är på plats.", Fi: "Siirretty henkilölle " + n + ", joka ei myöskään ole paikalla.", En: "Forwarded to " + n + ", who is not in either."}.In(l)
		case StepReferral:
			return lang.Text{Sv: "Hänvisat till " + n + ", som inte heller är på plats.", Fi: "Ohjattu henkilölle " + n + ", joka ei myöskään ole paikalla.", En: "Referred to " + n + ", who is not in either."}.In(l)
		}
		return lang.Text{Sv: n + " är inte på plats.", Fi: n + " ei ole paikalla.", En: n + " is not in."}.In(l)
	case Loop:
		return lang.Text{Sv: "Kopplingen till " + n + " leder tillbaka till någon som redan har sökts och följs inte.", Fi: "Siirto henkilölle " + n + " johtaa takaisin jo tavoiteltuun, eikä sitä seurata.", En: "Passing the call to " + n + " leads back to someone already tried, so it is not followed."}.In(l)
	case NotInUnit:
		return lang.Text{Sv: n + " finns inte i enheten.", Fi: n + " ei kuulu yksikköön.", En: n + " is not in this unit."}.In(l)
	case NoColleague:
		return lang.Text{Sv: "Ingen kollega i enheten är på plats.", Fi: "Kukaan yksikön työtovereista ei ole paikalla.", En: "No colleague in the unit is in."}.In(l)
	case MessageTaken:
		return lang.Text{Sv: "Växeln tar ett meddelande till " + n + ".", Fi: "Vaihde ottaa viestin henkilölle " + n + ".", En: "The switchboard takes a message for " + n + "."}.In(l)
	}
	return n
}
