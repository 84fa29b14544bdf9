package servicerules

import (
	"slices"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
)

// NotStated is what a preset says where its source policy is silent.
const NotStated = "not stated"

// A Citation points to the words of the source policy that a rule encodes:
// the section heading and a sentence or phrase quoted verbatim.
type Citation struct {
	Section string `json:"section"`
	Quote   string `json:"quote"`
}

// Source identifies the policy document a Policy was made from.
type Source struct {
	Organisation string        `json:"organisation"`      // "Nykvarns kommun"
	Title        string        `json:"title"`             // "Riktlinjer för service och bemötande"
	Decision     string        `json:"decision"`          // who adopted it: "KS 2020-12-01 § 159"
	Date         calendar.Date `json:"date"`              // the date of the decision
	Revised      calendar.Date `json:"revised,omitzero"`  // the date of the latest revision
	InForce      calendar.Date `json:"inForce,omitzero"`  // when it took effect, where stated
	Diary        string        `json:"diary"`             // the diary number (diarienummer)
	Seed         string        `json:"seed,omitempty"`    // the file the preset was made from
	Note         string        `json:"note,omitempty"`    // anything a reader of the source should know
	URL          string        `json:"url,omitempty"`     // where the document is published
	Version      string        `json:"version,omitempty"` // the document's own version mark
}

// Hours is a weekly timetable. Weekdays gives Monday to Friday; a named day
// overrides it. A day with no intervals is closed. Several intervals on one day
// leave a closure in between (lunch).
type Hours struct {
	Weekdays  []calendar.Interval `json:"weekdays,omitempty"`
	Monday    []calendar.Interval `json:"monday,omitempty"`
	Tuesday   []calendar.Interval `json:"tuesday,omitempty"`
	Wednesday []calendar.Interval `json:"wednesday,omitempty"`
	Thursday  []calendar.Interval `json:"thursday,omitempty"`
	Friday    []calendar.Interval `json:"friday,omitempty"`
	Saturday  []calendar.Interval `json:"saturday,omitempty"`
	Sunday    []calendar.Interval `json:"sunday,omitempty"`
	Citations []Citation          `json:"citations"`
}

// On returns the intervals of weekday wd.
func (h Hours) On(wd time.Weekday) []calendar.Interval {
	var own []calendar.Interval
	switch wd {
	case time.Monday:
		own = h.Monday
	case time.Tuesday:
		own = h.Tuesday
	case time.Wednesday:
		own = h.Wednesday
	case time.Thursday:
		own = h.Thursday
	case time.Friday:
		own = h.Friday
	case time.Saturday:
		return slices.Clone(h.Saturday)
	case time.Sunday:
		return slices.Clone(h.Sunday)
	default:
		return nil
	}
	if own != nil {
		return slices.Clone(own)
	}
	return slices.Clone(h.Weekdays)
}

// options returns calendar options that set every day of the week to h.
func (h Hours) options() []calendar.Option {
	opts := make([]calendar.Option, 0, 7)
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		opts = append(opts, calendar.WithHours(wd, h.On(wd)...))
	}
	return opts
}

// Staffing says when a channel is staffed.
type Staffing string

// The kinds of staffing. A channel whose staffing the policy does not state
// has none of these; it follows the office hours, and the preset's NotStated
// note for "hours.<channel>" says so.
const (
	OfficeHours    Staffing = "office-hours"     // staffed during the office hours
	OwnHours       Staffing = "own-hours"        // staffed during its own hours (phone hours, visiting hours)
	AroundTheClock Staffing = "around-the-clock" // open at all hours, e.g. self-service on the web
)

// ChannelRules is what a policy says about one channel it offers: when it is
// staffed, whether it is read every day, and where a contact goes instead when
// nobody is there.
type ChannelRules struct {
	Channel   Channel    `json:"channel"`
	Staffed   Staffing   `json:"staffed,omitempty"`
	Hours     *Hours     `json:"hours,omitempty"`    // only with OwnHours
	Daily     bool       `json:"daily,omitempty"`    // read, opened or listened to every working day
	Instead   Channel    `json:"instead,omitempty"`  // where a contact goes when the channel is not staffed
	Services  []string   `json:"services,omitempty"` // named services, e.g. "Facebook"
	Note      string     `json:"note,omitempty"`
	Citations []Citation `json:"citations"`
}

// Basis says how a policy words a reply limit.
type Basis string

// The ways a limit is worded. A limit with no Basis is written as a limit
// ("senast inom en arbetsdag").
const (
	// BasisAmbition: the policy states only an ambition ("Vår ambition ska vara
	// ... inom minst en arbetsdag"). It is the only figure, so it binds.
	BasisAmbition Basis = "ambition"
	// BasisDaily: the policy says the channel is dealt with every day
	// ("Lyssna av dessa meddelande dagligen och ring upp"), which means at the
	// latest by the end of the next working day: one working day.
	BasisDaily Basis = "daily"
)

// A ReplyRule says how soon messages on some channels from some audiences are
// answered. Either it gives the rule itself (Limit, Target), or it makes its
// channels follow another channel's rule (Follows), as in "SMS ska besvaras
// enligt samma riktlinjer som telefonsamtal". A rule with neither states a duty
// to answer with no figure ("snarast möjligt"), so there is no deadline.
type ReplyRule struct {
	Channels  []Channel     `json:"channels"`
	Audiences []Audience    `json:"audiences"`
	Follows   Channel       `json:"follows,omitempty"`
	Limit     calendar.Span `json:"limit,omitzero"`  // the binding limit
	Target    calendar.Span `json:"target,omitzero"` // an ambition inside the limit
	Basis     Basis         `json:"basis,omitempty"`
	Note      string        `json:"note,omitempty"`
	Citations []Citation    `json:"citations"`
}

// InterimDuty is the duty, shared by every source policy, to tell the person
// when the answer cannot be given at once. Whether the person is to be told
// who will answer, and when, is as the policy words it.
type InterimDuty struct {
	TellWho   bool       `json:"tellWho,omitempty"`
	TellWhen  bool       `json:"tellWhen,omitempty"`
	Channels  []Channel  `json:"channels,omitempty"` // empty: every channel
	Citations []Citation `json:"citations"`
}

// PhoneRules are the policy's rules for answering the phone.
type PhoneRules struct {
	Rings     *Rings          `json:"rings,omitempty"`
	Greetings []Greeting      `json:"greetings,omitempty"`
	Voicemail *VoicemailRules `json:"voicemail,omitempty"`
}

// Rings is how soon a call is answered, counted in rings (signaler).
type Rings struct {
	Max       int        `json:"max"`                // answered within at most Max rings
	CallOnce  bool       `json:"callOnce,omitempty"` // nobody has to call twice
	Goal      bool       `json:"goal,omitempty"`     // stated as a goal (mål)
	Citations []Citation `json:"citations"`
}

// Answerer is who answers the phone.
type Answerer string

// The answerers a greeting is for.
const (
	Switchboard Answerer = "switchboard" // växeln, kontaktcenter, servicecenter
	Staff       Answerer = "staff"       // the official on their own line
)

// A Greeting is how a call must be answered, in Swedish as the policy words
// it: "Välkommen till Hässleholms kommun", or the parts to say.
type Greeting struct {
	Answerer  Answerer   `json:"answerer"`
	Says      string     `json:"says"`
	Citations []Citation `json:"citations"`
}

// VoicemailRules are the policy's rules for voicemail.
type VoicemailRules struct {
	Personal    bool       `json:"personal,omitempty"`    // a personal greeting is recorded
	ListenDaily bool       `json:"listenDaily,omitempty"` // messages are listened to every day
	CallBack    bool       `json:"callBack,omitempty"`    // the caller is called back
	Guidance    string     `json:"guidance,omitempty"`    // what the greeting should be like, in Swedish
	Citations   []Citation `json:"citations"`
}

// Contacts are the public contact points of the municipality.
type Contacts struct {
	// OneWayIn is present when the policy asks for one way in: one public
	// phone number, one e-mail address and one postal address.
	OneWayIn *Statement     `json:"oneWayIn,omitempty"`
	Points   []ContactPoint `json:"points,omitempty"`
}

// A ContactPoint is a public address on one channel.
type ContactPoint struct {
	Channel   Channel    `json:"channel"`
	Address   string     `json:"address"`           // "kommun@nykvarn.se", "08-555 010 00"
	Purpose   string     `json:"purpose,omitempty"` // what it is for, in Swedish, when not for everything: "synpunkter"
	Citations []Citation `json:"citations"`
}

// A Statement is a rule with nothing to it but its words.
type Statement struct {
	Note      string     `json:"note,omitempty"`
	Citations []Citation `json:"citations"`
}

// A LanguageRight is a language besides Swedish that people have a right to
// use with the municipality.
type LanguageRight struct {
	Lang      string     `json:"lang"`          // "fi"
	Basis     string     `json:"basis"`         // in Swedish: "förvaltningsområde för finska"
	Law       string     `json:"law,omitempty"` // the act that gives the right
	Citations []Citation `json:"citations"`
}

// A Requirement is something an absence must have.
type Requirement string

// The requirements an absence rule can make.
const (
	AbsenceMessage     Requirement = "email-message"       // an absence message (auto-reply) in e-mail
	PhoneReferral      Requirement = "phone-referral"      // a referral or absence status in the phone system
	PhoneForwarding    Requirement = "phone-forwarding"    // calls forwarded to someone who is there
	AlternativeContact Requirement = "alternative-contact" // the message gives another contact with a phone number or e-mail address
	MailOpenedDaily    Requirement = "mail-opened-daily"   // post and e-mail are still opened every day
	CalendarUpdated    Requirement = "calendar-updated"    // the shared calendar shows the absence
)

func (r Requirement) valid() bool {
	switch r {
	case AbsenceMessage, PhoneReferral, PhoneForwarding, AlternativeContact, MailOpenedDaily, CalendarUpdated:
		return true
	}
	return false
}

// An AbsenceRule is a requirement that applies when someone is away: always,
// or only for absences longer than LongerThan, or only for planned absences.
type AbsenceRule struct {
	Require     Requirement   `json:"require"`
	LongerThan  calendar.Span `json:"longerThan,omitzero"`
	PlannedOnly bool          `json:"plannedOnly,omitempty"`
	Citations   []Citation    `json:"citations"`
}

// A Step is one way a call can go when the person asked for is not there.
type Step string

// The steps of call routing, in the order RouteCall tries them.
const (
	StepCallee    Step = "callee"    // the person asked for
	StepForward   Step = "forward"   // call forwarding (vidarekoppling)
	StepReferral  Step = "referral"  // referral (hänvisning) to another person
	StepColleague Step = "colleague" // another official in the same unit
	StepMessage   Step = "message"   // the switchboard takes a message
)

// A RoutingRule is where the policy states one step of call routing.
type RoutingRule struct {
	Step      Step       `json:"step"`
	Citations []Citation `json:"citations"`
}

// A Policy is a municipality's service policy as data: where it comes from,
// office and channel hours, reply rules, phone rules, contact points,
// language rights, absence rules and call routing, every rule with the words
// it comes from. A Policy is immutable and safe for concurrent use; make one
// with Parse or Preset.
type Policy struct {
	doc document

	cal      *calendar.Calendar
	channels map[Channel]*calendar.Calendar // channels with their own hours
	replies  map[replyKey]int               // index into doc.Replies
}

type replyKey struct {
	ch  Channel
	aud Audience
}

// document is a Policy as it is written in JSON.
type document struct {
	ID        string            `json:"id"`
	Source    Source            `json:"source"`
	NotStated map[string]string `json:"notStated,omitempty"`
	Calendar  calendarSettings  `json:"calendar"`
	Channels  []ChannelRules    `json:"channels,omitempty"`
	Replies   []ReplyRule       `json:"replies,omitempty"`
	Interim   *InterimDuty      `json:"interim,omitempty"`
	Phone     PhoneRules        `json:"phone,omitzero"`
	Contacts  Contacts          `json:"contacts,omitzero"`
	Languages []LanguageRight   `json:"languages,omitempty"`
	Absence   []AbsenceRule     `json:"absence,omitempty"`
	Routing   []RoutingRule     `json:"routing,omitempty"`
}

type calendarSettings struct {
	OfficeHours *Hours     `json:"officeHours,omitempty"`
	ShortDays   string     `json:"shortDays,omitempty"`
	Closures    []closure  `json:"closures,omitempty"`
	Citations   []Citation `json:"citations,omitempty"`
}

type closure struct {
	Date   calendar.Date `json:"date"`
	Reason string        `json:"reason"`
}

// ShortDaysStateAgreement names calendar.StateAgreementShortDays in a policy's
// "calendar.shortDays".
const ShortDaysStateAgreement = "state-agreement"

// ID returns the policy's identifier, for a preset its name: "nykvarn".
func (p *Policy) ID() string { return p.doc.ID }

// Source returns the document the policy comes from.
func (p *Policy) Source() Source { return p.doc.Source }

// Calendar returns the policy's calendar: its office hours, shortened days
// and closure days, or the library default where the policy states none.
func (p *Policy) Calendar() *calendar.Calendar { return p.cal }

// OfficeHours returns the office hours the policy states, and false when it
// states none (the calendar then has the library default, Monday to Friday
// 08:00–16:30).
func (p *Policy) OfficeHours() (Hours, bool) {
	if p.doc.Calendar.OfficeHours == nil {
		return Hours{}, false
	}
	return cloneHours(*p.doc.Calendar.OfficeHours), true
}

// Closures returns the organisation's own closure days that the policy
// states ("calendar.closures"), in the order written, each with its reason:
// the closure days of Calendar.
func (p *Policy) Closures() []calendar.Closure {
	out := make([]calendar.Closure, len(p.doc.Calendar.Closures))
	for i, c := range p.doc.Calendar.Closures {
		out[i] = calendar.Closure{Date: c.Date, Reason: c.Reason}
	}
	return out
}

// ShortDays returns the shortened days of the policy's calendar as the
// policy names them in "calendar.shortDays": ShortDaysStateAgreement for
// calendar.StateAgreementShortDays, or "" when it shortens no days.
func (p *Policy) ShortDays() string { return p.doc.Calendar.ShortDays }

// NotStated returns the preset's note on a topic its source policy is silent
// about, such as "officeHours" or "hours.phone", and whether there is one.
// The topics are listed in the package documentation.
func (p *Policy) NotStated(topic string) (string, bool) {
	n, ok := p.doc.NotStated[topic]
	return n, ok
}

// NotStatedTopics returns the topics the policy is silent about, sorted.
func (p *Policy) NotStatedTopics() []string {
	ts := make([]string, 0, len(p.doc.NotStated))
	for t := range p.doc.NotStated {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	return ts
}

// Channel returns what the policy says about ch, and false when the policy
// does not name ch among its channels.
func (p *Policy) Channel(ch Channel) (ChannelRules, bool) {
	for _, c := range p.doc.Channels {
		if c.Channel == ch {
			return cloneChannelRules(c), true
		}
	}
	return ChannelRules{}, false
}

// Channels returns the channels the policy names, with their rules.
func (p *Policy) Channels() []ChannelRules {
	out := make([]ChannelRules, len(p.doc.Channels))
	for i, c := range p.doc.Channels {
		out[i] = cloneChannelRules(c)
	}
	return out
}

// ReplyRules returns the policy's reply rules as written.
func (p *Policy) ReplyRules() []ReplyRule {
	out := make([]ReplyRule, len(p.doc.Replies))
	for i, r := range p.doc.Replies {
		out[i] = cloneReplyRule(r)
	}
	return out
}

// Interim returns the policy's interim-reply duty, and false when it states
// none.
func (p *Policy) Interim() (InterimDuty, bool) {
	if p.doc.Interim == nil {
		return InterimDuty{}, false
	}
	return p.doc.Interim.clone(), true
}

// clone returns a copy of d that shares no list with d.
func (d InterimDuty) clone() InterimDuty {
	d.Channels = slices.Clone(d.Channels)
	d.Citations = slices.Clone(d.Citations)
	return d
}

// Phone returns the policy's rules for answering the phone.
func (p *Policy) Phone() PhoneRules {
	ph := p.doc.Phone
	ph.Rings = cloneCitedRule(ph.Rings, func(r *Rings) *[]Citation { return &r.Citations })
	ph.Voicemail = cloneCitedRule(ph.Voicemail, func(v *VoicemailRules) *[]Citation { return &v.Citations })
	ph.Greetings = cloneCited(ph.Greetings, func(g *Greeting) *[]Citation { return &g.Citations })
	return ph
}

// Contacts returns the public contact points the policy gives.
func (p *Policy) Contacts() Contacts {
	c := p.doc.Contacts
	c.OneWayIn = cloneCitedRule(c.OneWayIn, func(s *Statement) *[]Citation { return &s.Citations })
	c.Points = cloneCited(c.Points, func(pt *ContactPoint) *[]Citation { return &pt.Citations })
	return c
}

// Languages returns the languages people may use with the municipality:
// Swedish first, then each language the policy gives a right to.
func (p *Policy) Languages() []string {
	out := []string{"sv"}
	for _, l := range p.doc.Languages {
		if !slices.Contains(out, l.Lang) {
			out = append(out, l.Lang)
		}
	}
	return out
}

// LanguageRights returns the language rights the policy states.
func (p *Policy) LanguageRights() []LanguageRight {
	return cloneCited(p.doc.Languages, func(l *LanguageRight) *[]Citation { return &l.Citations })
}

// AbsenceRules returns the policy's absence rules.
func (p *Policy) AbsenceRules() []AbsenceRule {
	return cloneCited(p.doc.Absence, func(r *AbsenceRule) *[]Citation { return &r.Citations })
}

// RoutingRules returns the steps of call routing the policy states.
func (p *Policy) RoutingRules() []RoutingRule {
	return cloneCited(p.doc.Routing, func(r *RoutingRule) *[]Citation { return &r.Citations })
}

func (p *Policy) routing(s Step) []Citation {
	for _, r := range p.doc.Routing {
		if r.Step == s {
			return slices.Clone(r.Citations)
		}
	}
	return nil
}

// cloneCited returns a copy of rules in which the citations of every rule,
// which citations points to, are copied too: what a Policy returns shares no
// list with the Policy.
func cloneCited[T any](rules []T, citations func(*T) *[]Citation) []T {
	out := slices.Clone(rules)
	for i := range out {
		c := citations(&out[i])
		*c = slices.Clone(*c)
	}
	return out
}

// cloneCitedRule is cloneCited for a rule the policy may not state (nil).
func cloneCitedRule[T any](rule *T, citations func(*T) *[]Citation) *T {
	if rule == nil {
		return nil
	}
	r := *rule
	c := citations(&r)
	*c = slices.Clone(*c)
	return &r
}

func cloneHours(h Hours) Hours {
	h.Weekdays = slices.Clone(h.Weekdays)
	h.Monday = slices.Clone(h.Monday)
	h.Tuesday = slices.Clone(h.Tuesday)
	h.Wednesday = slices.Clone(h.Wednesday)
	h.Thursday = slices.Clone(h.Thursday)
	h.Friday = slices.Clone(h.Friday)
	h.Saturday = slices.Clone(h.Saturday)
	h.Sunday = slices.Clone(h.Sunday)
	h.Citations = slices.Clone(h.Citations)
	return h
}

func cloneChannelRules(c ChannelRules) ChannelRules {
	if c.Hours != nil {
		h := cloneHours(*c.Hours)
		c.Hours = &h
	}
	c.Services = slices.Clone(c.Services)
	c.Citations = slices.Clone(c.Citations)
	return c
}

func cloneReplyRule(r ReplyRule) ReplyRule {
	r.Channels = slices.Clone(r.Channels)
	r.Audiences = slices.Clone(r.Audiences)
	r.Citations = slices.Clone(r.Citations)
	return r
}
