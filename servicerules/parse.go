package servicerules

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/internal/errwrap"
)

// MaxPolicySize is the largest policy file Parse reads, in bytes.
const MaxPolicySize = 1 << 20

// A FieldError is what Parse returns for a policy it cannot accept. It names
// the field, as a path into the JSON ("replies[2].channels[0]"), and quotes
// the value.
type FieldError struct {
	Field  string // path into the JSON document
	Value  string // the value as written; empty when the field is missing
	Reason string // what is wrong, in English

	err error // the error that made the value unreadable, if any
}

// Error returns the field, the quoted value and the reason.
func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString("servicerules: ")
	b.WriteString(e.Field)
	if e.Value != "" {
		b.WriteString(" = ")
		b.WriteString(strconv.Quote(e.Value))
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns the error that made the value unreadable, such as
// calendar.ParseSpan's, or nil.
func (e *FieldError) Unwrap() error { return e.err }

func fieldErr(field, value, reason string) error {
	return &FieldError{Field: field, Value: value, Reason: reason}
}

// fieldErrFrom is fieldErr for a value that err made unreadable.
func fieldErrFrom(field, value, reason string, err error) error {
	return &FieldError{Field: field, Value: value, Reason: reason, err: err}
}

// Parse reads a policy in the JSON format described in the package
// documentation. It rejects unknown fields, unknown channels and audiences,
// impossible hours, spans it cannot read, rules without a citation, reply
// rules that follow each other in a circle, and anything else it cannot
// make sense of, with an error that names the field.
func Parse(data []byte) (*Policy, error) {
	if len(data) > MaxPolicySize {
		return nil, errors.New("servicerules: policy is larger than " + strconv.Itoa(MaxPolicySize) + " bytes")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("servicerules: policy is empty")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var w wireDocument
	if err := dec.Decode(&w); err != nil {
		return nil, jsonError(err)
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, errors.New("servicerules: data after the policy object")
	}
	doc, err := w.document()
	if err != nil {
		return nil, err
	}
	return build(doc)
}

// MarshalJSON writes the policy in the format Parse reads. Parse of the
// result gives back an equal policy.
func (p *Policy) MarshalJSON() ([]byte, error) {
	if p == nil {
		return []byte("null"), nil
	}
	return json.Marshal(p.doc)
}

func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return errwrap.New("servicerules: invalid JSON at byte "+strconv.FormatInt(syn.Offset, 10)+": "+strings.TrimPrefix(syn.Error(), "json: "), err)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(policy)"
		}
		return fieldErr(field, "", "got a JSON "+typ.Value+", want "+jsonKind(typ.Type.Kind().String()))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("servicerules: policy JSON ends too early")
	}
	return errwrap.New("servicerules: "+strings.TrimPrefix(err.Error(), "json: "), err)
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "a string"
	case "slice", "array":
		return "a list"
	case "struct", "map", "ptr":
		return "an object"
	case "bool":
		return "true or false"
	case "int", "int64", "int32":
		return "a whole number"
	}
	return k
}

// The wire types mirror the document with text where the document has
// calendar values, so that Parse can name the field of a value it cannot read.

type wireDocument struct {
	ID        string            `json:"id"`
	Source    wireSource        `json:"source"`
	NotStated map[string]string `json:"notStated"`
	Calendar  wireCalendar      `json:"calendar"`
	Channels  []wireChannel     `json:"channels"`
	Replies   []wireReply       `json:"replies"`
	Interim   *InterimDuty      `json:"interim"`
	Phone     PhoneRules        `json:"phone"`
	Contacts  Contacts          `json:"contacts"`
	Languages []LanguageRight   `json:"languages"`
	Absence   []wireAbsence     `json:"absence"`
	Routing   []RoutingRule     `json:"routing"`
}

type wireSource struct {
	Organisation string `json:"organisation"`
	Title        string `json:"title"`
	Decision     string `json:"decision"`
	Date         string `json:"date"`
	Revised      string `json:"revised"`
	InForce      string `json:"inForce"`
	Diary        string `json:"diary"`
	Seed         string `json:"seed"`
	Note         string `json:"note"`
	URL          string `json:"url"`
	Version      string `json:"version"`
}

type wireHours struct {
	Weekdays  []string   `json:"weekdays"`
	Monday    []string   `json:"monday"`
	Tuesday   []string   `json:"tuesday"`
	Wednesday []string   `json:"wednesday"`
	Thursday  []string   `json:"thursday"`
	Friday    []string   `json:"friday"`
	Saturday  []string   `json:"saturday"`
	Sunday    []string   `json:"sunday"`
	Citations []Citation `json:"citations"`
}

type wireCalendar struct {
	OfficeHours *wireHours    `json:"officeHours"`
	ShortDays   string        `json:"shortDays"`
	Closures    []wireClosure `json:"closures"`
	Citations   []Citation    `json:"citations"`
}

type wireClosure struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

type wireChannel struct {
	Channel   Channel    `json:"channel"`
	Staffed   Staffing   `json:"staffed"`
	Hours     *wireHours `json:"hours"`
	Daily     bool       `json:"daily"`
	Instead   Channel    `json:"instead"`
	Services  []string   `json:"services"`
	Note      string     `json:"note"`
	Citations []Citation `json:"citations"`
}

type wireReply struct {
	Channels  []Channel  `json:"channels"`
	Audiences []Audience `json:"audiences"`
	Follows   Channel    `json:"follows"`
	Limit     string     `json:"limit"`
	Target    string     `json:"target"`
	Basis     Basis      `json:"basis"`
	Note      string     `json:"note"`
	Citations []Citation `json:"citations"`
}

type wireAbsence struct {
	Require     Requirement `json:"require"`
	LongerThan  string      `json:"longerThan"`
	PlannedOnly bool        `json:"plannedOnly"`
	Citations   []Citation  `json:"citations"`
}

func idx(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// nilIfEmpty makes an empty list nil, so that a policy written with "[]"
// equals the same policy read back without the field.
func nilIfEmpty[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return s
}

func checkCitations(path string, cs []Citation) ([]Citation, error) {
	if len(cs) == 0 {
		return nil, fieldErr(path, "", "missing: every rule cites the words of the policy it comes from (section and quote)")
	}
	for i, c := range cs {
		if strings.TrimSpace(c.Section) == "" && strings.TrimSpace(c.Quote) == "" {
			return nil, fieldErr(idx(path, i), "", "a citation needs a section or a quote")
		}
	}
	return cs, nil
}

func checkText(path, s string) error {
	if strings.TrimSpace(s) == "" {
		return fieldErr(path, s, "missing")
	}
	return nil
}

func checkChannel(path string, c Channel) error {
	if !c.Valid() {
		var names []string
		for _, k := range Channels() {
			names = append(names, string(k))
		}
		return fieldErr(path, string(c), "unknown channel; use one of "+strings.Join(names, ", "))
	}
	return nil
}

func checkChannels(path string, cs []Channel, allowEmpty bool) ([]Channel, error) {
	if len(cs) == 0 && !allowEmpty {
		return nil, fieldErr(path, "", "missing: list at least one channel")
	}
	for i, c := range cs {
		if err := checkChannel(idx(path, i), c); err != nil {
			return nil, err
		}
		if slices.Contains(cs[:i], c) {
			return nil, fieldErr(idx(path, i), string(c), "channel listed twice")
		}
	}
	return nilIfEmpty(cs), nil
}

func parseDate(path, s string, required bool) (calendar.Date, error) {
	if s == "" {
		if required {
			return calendar.Date{}, fieldErr(path, "", "missing: a date such as \"2020-12-01\"")
		}
		return calendar.Date{}, nil
	}
	d, err := calendar.ParseDate(s)
	if err != nil {
		return calendar.Date{}, fieldErr(path, s, "not a date; write it as \"2020-12-01\"")
	}
	return d, nil
}

func parseSpan(path, s string) (calendar.Span, error) {
	if s == "" {
		return calendar.Span{}, nil
	}
	sp, err := calendar.ParseSpan(s)
	if err != nil {
		return calendar.Span{}, fieldErrFrom(path, s, "not a span such as \"1 arbetsdag\", \"48 timmar\" or \"3 veckor\" ("+strings.TrimPrefix(err.Error(), "calendar: ")+")", err)
	}
	return sp, nil
}

func (w wireHours) hours(path string) (Hours, error) {
	var h Hours
	days := []struct {
		name string
		in   []string
		out  *[]calendar.Interval
	}{
		{"weekdays", w.Weekdays, &h.Weekdays},
		{"monday", w.Monday, &h.Monday},
		{"tuesday", w.Tuesday, &h.Tuesday},
		{"wednesday", w.Wednesday, &h.Wednesday},
		{"thursday", w.Thursday, &h.Thursday},
		{"friday", w.Friday, &h.Friday},
		{"saturday", w.Saturday, &h.Saturday},
		{"sunday", w.Sunday, &h.Sunday},
	}
	open := false
	for _, d := range days {
		p := path + "." + d.name
		if d.in == nil {
			continue
		}
		if len(d.in) == 0 {
			return Hours{}, fieldErr(p, "", "an empty list does not close a day; leave \"weekdays\" out and list the open days one by one")
		}
		ivs := make([]calendar.Interval, len(d.in))
		for i, s := range d.in {
			iv, err := calendar.ParseInterval(s)
			if err != nil {
				return Hours{}, fieldErr(idx(p, i), s, "impossible hours; write them as \"08:00-16:30\"")
			}
			if i > 0 && iv.Open < ivs[i-1].Close {
				return Hours{}, fieldErr(idx(p, i), s, "impossible hours: overlaps or comes before "+ivs[i-1].String())
			}
			ivs[i] = iv
		}
		*d.out = ivs
		open = true
	}
	if !open {
		return Hours{}, fieldErr(path, "", "no hours on any day")
	}
	var err error
	if h.Citations, err = checkCitations(path+".citations", w.Citations); err != nil {
		return Hours{}, err
	}
	return h, nil
}

// document checks w and turns it into a document, section by section, in the
// order of the package documentation: the first error found is returned.
func (w wireDocument) document() (document, error) {
	var d document
	var err error
	if d.ID, err = checkID("id", w.ID); err != nil {
		return document{}, err
	}
	if d.Source, err = w.Source.source("source"); err != nil {
		return document{}, err
	}
	if d.Calendar, err = w.Calendar.settings("calendar"); err != nil {
		return document{}, err
	}
	if d.Channels, err = channelRules("channels", w.Channels); err != nil {
		return document{}, err
	}
	if d.Replies, err = replyRules("replies", w.Replies); err != nil {
		return document{}, err
	}
	if d.Interim, err = checkInterim("interim", w.Interim); err != nil {
		return document{}, err
	}
	if d.Phone, err = checkPhone("phone", w.Phone); err != nil {
		return document{}, err
	}
	if d.Contacts, err = checkContacts("contacts", w.Contacts); err != nil {
		return document{}, err
	}
	if d.Languages, err = checkLanguages("languages", w.Languages); err != nil {
		return document{}, err
	}
	if d.Absence, err = absenceRules("absence", w.Absence); err != nil {
		return document{}, err
	}
	if d.Routing, err = checkRouting("routing", w.Routing); err != nil {
		return document{}, err
	}
	// Last, because it checks that the rest of the document is silent on
	// each topic.
	if d.NotStated, err = d.checkNotStated("notStated", w.NotStated); err != nil {
		return document{}, err
	}
	return d, nil
}

// checkID checks the policy's identifier at path.
func checkID(path, id string) (string, error) {
	if id == "" {
		return "", fieldErr(path, "", "missing: a short name such as \"nykvarn\"")
	}
	if !validID(id) {
		return "", fieldErr(path, id, "use 1 to 64 lower-case letters a-z, digits and hyphens")
	}
	return id, nil
}

// source checks the source document at path.
func (w wireSource) source(path string) (Source, error) {
	if err := checkText(path+".organisation", w.Organisation); err != nil {
		return Source{}, err
	}
	if err := checkText(path+".title", w.Title); err != nil {
		return Source{}, err
	}
	s := Source{Organisation: w.Organisation, Title: w.Title, Decision: w.Decision, Diary: w.Diary, Seed: w.Seed, Note: w.Note, URL: w.URL, Version: w.Version}
	var err error
	if s.Date, err = parseDate(path+".date", w.Date, true); err != nil {
		return Source{}, err
	}
	if s.Revised, err = parseDate(path+".revised", w.Revised, false); err != nil {
		return Source{}, err
	}
	if s.InForce, err = parseDate(path+".inForce", w.InForce, false); err != nil {
		return Source{}, err
	}
	return s, nil
}

// settings checks the calendar settings at path: office hours, shortened
// days and closure days.
func (w wireCalendar) settings(path string) (calendarSettings, error) {
	var c calendarSettings
	if w.OfficeHours != nil {
		h, err := w.OfficeHours.hours(path + ".officeHours")
		if err != nil {
			return calendarSettings{}, err
		}
		c.OfficeHours = &h
	}
	switch w.ShortDays {
	case "", ShortDaysStateAgreement:
		c.ShortDays = w.ShortDays
	default:
		return calendarSettings{}, fieldErr(path+".shortDays", w.ShortDays, "unknown short-day rules; use \""+ShortDaysStateAgreement+"\" or leave it out")
	}
	for i, cl := range w.Closures {
		p := idx(path+".closures", i)
		date, err := parseDate(p+".date", cl.Date, true)
		if err != nil {
			return calendarSettings{}, err
		}
		if err := checkText(p+".reason", cl.Reason); err != nil {
			return calendarSettings{}, err
		}
		for _, prev := range c.Closures {
			if prev.Date == date {
				return calendarSettings{}, fieldErr(p+".date", cl.Date, "closure day listed twice")
			}
		}
		c.Closures = append(c.Closures, closure{Date: date, Reason: cl.Reason})
	}
	if len(w.Citations) > 0 {
		var err error
		if c.Citations, err = checkCitations(path+".citations", w.Citations); err != nil {
			return calendarSettings{}, err
		}
	}
	return c, nil
}

// channelRules checks the list of channels at path: each one's rules, and
// that no channel is listed twice.
func channelRules(path string, ws []wireChannel) ([]ChannelRules, error) {
	var out []ChannelRules
	for i, w := range ws {
		p := idx(path, i)
		if err := checkChannel(p+".channel", w.Channel); err != nil {
			return nil, err
		}
		for _, prev := range out {
			if prev.Channel == w.Channel {
				return nil, fieldErr(p+".channel", string(w.Channel), "channel listed twice")
			}
		}
		cr, err := w.rules(p)
		if err != nil {
			return nil, err
		}
		out = append(out, cr)
	}
	return out, nil
}

// rules checks the rules of the channel at path, whose name is checked.
func (w wireChannel) rules(path string) (ChannelRules, error) {
	cr := ChannelRules{Channel: w.Channel, Staffed: w.Staffed, Daily: w.Daily, Instead: w.Instead, Note: w.Note}
	switch w.Staffed {
	case "", OfficeHours, AroundTheClock:
		if w.Hours != nil {
			return ChannelRules{}, fieldErr(path+".hours", "", "hours are given only with \"staffed\": \""+string(OwnHours)+"\"")
		}
	case OwnHours:
		if w.Hours == nil {
			return ChannelRules{}, fieldErr(path+".hours", "", "missing: \"staffed\": \""+string(OwnHours)+"\" needs the hours")
		}
		h, err := w.Hours.hours(path + ".hours")
		if err != nil {
			return ChannelRules{}, err
		}
		cr.Hours = &h
	default:
		return ChannelRules{}, fieldErr(path+".staffed", string(w.Staffed), "unknown staffing; use \"office-hours\", \"own-hours\" or \"around-the-clock\"")
	}
	if w.Instead != "" {
		if err := checkChannel(path+".instead", w.Instead); err != nil {
			return ChannelRules{}, err
		}
		if w.Instead == w.Channel {
			return ChannelRules{}, fieldErr(path+".instead", string(w.Instead), "a channel cannot stand in for itself")
		}
	}
	for j, s := range w.Services {
		if err := checkText(idx(path+".services", j), s); err != nil {
			return ChannelRules{}, err
		}
	}
	cr.Services = nilIfEmpty(w.Services)
	var err error
	if cr.Citations, err = checkCitations(path+".citations", w.Citations); err != nil {
		return ChannelRules{}, err
	}
	return cr, nil
}

// replyRules checks the reply rules at path: each rule, and that no two
// rules cover the same channel and audience.
func replyRules(path string, ws []wireReply) ([]ReplyRule, error) {
	var out []ReplyRule
	for i, w := range ws {
		p := idx(path, i)
		rr, err := w.rule(p)
		if err != nil {
			return nil, err
		}
		for _, ch := range rr.Channels {
			for _, a := range rr.Audiences {
				for k, prev := range out {
					if slices.Contains(prev.Channels, ch) && slices.Contains(prev.Audiences, a) {
						return nil, fieldErr(p+".channels", string(ch), idx(path, k)+" already has a rule for "+string(ch)+" from "+string(a))
					}
				}
			}
		}
		out = append(out, rr)
	}
	return out, nil
}

// rule checks the reply rule at path.
func (w wireReply) rule(path string) (ReplyRule, error) {
	rr := ReplyRule{Follows: w.Follows, Basis: w.Basis, Note: w.Note}
	var err error
	if rr.Channels, err = checkChannels(path+".channels", w.Channels, false); err != nil {
		return ReplyRule{}, err
	}
	if len(w.Audiences) == 0 {
		return ReplyRule{}, fieldErr(path+".audiences", "", "missing: list \"external\", \"internal\" or both")
	}
	for j, a := range w.Audiences {
		if !a.Valid() {
			return ReplyRule{}, fieldErr(idx(path+".audiences", j), string(a), "unknown audience; use \"external\" or \"internal\"")
		}
		if slices.Contains(w.Audiences[:j], a) {
			return ReplyRule{}, fieldErr(idx(path+".audiences", j), string(a), "audience listed twice")
		}
	}
	rr.Audiences = w.Audiences
	if rr.Limit, err = parseSpan(path+".limit", w.Limit); err != nil {
		return ReplyRule{}, err
	}
	if rr.Target, err = parseSpan(path+".target", w.Target); err != nil {
		return ReplyRule{}, err
	}
	if w.Follows != "" {
		if err := checkChannel(path+".follows", w.Follows); err != nil {
			return ReplyRule{}, err
		}
		if slices.Contains(rr.Channels, w.Follows) {
			return ReplyRule{}, fieldErr(path+".follows", string(w.Follows), "a channel cannot follow itself")
		}
		if w.Limit != "" || w.Target != "" || w.Basis != "" {
			return ReplyRule{}, fieldErr(path+".follows", string(w.Follows), "a rule that follows another channel has no limit, target or basis of its own")
		}
	}
	switch w.Basis {
	case "", BasisAmbition, BasisDaily:
	default:
		return ReplyRule{}, fieldErr(path+".basis", string(w.Basis), "unknown basis; use \"ambition\" or \"daily\", or leave it out")
	}
	if rr.Limit.IsZero() && (w.Basis != "" || w.Target != "") {
		return ReplyRule{}, fieldErr(path+".limit", "", "missing: a target or a basis needs the limit it belongs to")
	}
	if !rr.Target.IsZero() && rr.Target.Unit() == rr.Limit.Unit() && rr.Target.Count() > rr.Limit.Count() {
		return ReplyRule{}, fieldErr(path+".target", w.Target, "the target is longer than the limit "+strconv.Quote(rr.Limit.String()))
	}
	if rr.Citations, err = checkCitations(path+".citations", w.Citations); err != nil {
		return ReplyRule{}, err
	}
	return rr, nil
}

// checkInterim checks the interim-reply duty at path, if there is one.
func checkInterim(path string, w *InterimDuty) (*InterimDuty, error) {
	if w == nil {
		return nil, nil
	}
	in := *w
	if !in.TellWho && !in.TellWhen {
		return nil, fieldErr(path, "", "say what the person is told: \"tellWho\", \"tellWhen\" or both")
	}
	var err error
	if in.Channels, err = checkChannels(path+".channels", in.Channels, true); err != nil {
		return nil, err
	}
	if in.Citations, err = checkCitations(path+".citations", in.Citations); err != nil {
		return nil, err
	}
	return &in, nil
}

// checkPhone checks the phone rules at path: rings, greetings and voicemail.
func checkPhone(path string, w PhoneRules) (PhoneRules, error) {
	var ph PhoneRules
	var err error
	if w.Rings != nil {
		r := *w.Rings
		if r.Max < 1 || r.Max > 50 {
			return PhoneRules{}, fieldErr(path+".rings.max", strconv.Itoa(r.Max), "impossible: a call is answered within 1 to 50 rings")
		}
		if r.Citations, err = checkCitations(path+".rings.citations", r.Citations); err != nil {
			return PhoneRules{}, err
		}
		ph.Rings = &r
	}
	for i, g := range w.Greetings {
		p := idx(path+".greetings", i)
		if g.Answerer != Switchboard && g.Answerer != Staff {
			return PhoneRules{}, fieldErr(p+".answerer", string(g.Answerer), "unknown answerer; use \"switchboard\" or \"staff\"")
		}
		if err := checkText(p+".says", g.Says); err != nil {
			return PhoneRules{}, err
		}
		if g.Citations, err = checkCitations(p+".citations", g.Citations); err != nil {
			return PhoneRules{}, err
		}
		ph.Greetings = append(ph.Greetings, g)
	}
	if w.Voicemail != nil {
		v := *w.Voicemail
		if !v.Personal && !v.ListenDaily && !v.CallBack && strings.TrimSpace(v.Guidance) == "" {
			return PhoneRules{}, fieldErr(path+".voicemail", "", "empty: give at least one voicemail rule, or leave it out")
		}
		if v.Citations, err = checkCitations(path+".voicemail.citations", v.Citations); err != nil {
			return PhoneRules{}, err
		}
		ph.Voicemail = &v
	}
	return ph, nil
}

// checkContacts checks the contact points at path.
func checkContacts(path string, w Contacts) (Contacts, error) {
	var c Contacts
	var err error
	if w.OneWayIn != nil {
		o := *w.OneWayIn
		if o.Citations, err = checkCitations(path+".oneWayIn.citations", o.Citations); err != nil {
			return Contacts{}, err
		}
		c.OneWayIn = &o
	}
	for i, pt := range w.Points {
		p := idx(path+".points", i)
		if err := checkChannel(p+".channel", pt.Channel); err != nil {
			return Contacts{}, err
		}
		if err := checkText(p+".address", pt.Address); err != nil {
			return Contacts{}, err
		}
		if pt.Citations, err = checkCitations(p+".citations", pt.Citations); err != nil {
			return Contacts{}, err
		}
		c.Points = append(c.Points, pt)
	}
	return c, nil
}

// checkLanguages checks the language rights at path.
func checkLanguages(path string, ws []LanguageRight) ([]LanguageRight, error) {
	var out []LanguageRight
	for i, l := range ws {
		p := idx(path, i)
		if !validLang(l.Lang) || l.Lang == "sv" {
			return nil, fieldErr(p+".lang", l.Lang, "not a language code other than \"sv\" (two or three lower-case letters, such as \"fi\")")
		}
		for _, prev := range out {
			if prev.Lang == l.Lang {
				return nil, fieldErr(p+".lang", l.Lang, "language listed twice")
			}
		}
		if err := checkText(p+".basis", l.Basis); err != nil {
			return nil, err
		}
		var err error
		if l.Citations, err = checkCitations(p+".citations", l.Citations); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// absenceRules checks the absence rules at path.
func absenceRules(path string, ws []wireAbsence) ([]AbsenceRule, error) {
	var out []AbsenceRule
	for i, a := range ws {
		p := idx(path, i)
		if !a.Require.valid() {
			return nil, fieldErr(p+".require", string(a.Require), "unknown requirement; use one of email-message, phone-referral, phone-forwarding, alternative-contact, mail-opened-daily, calendar-updated")
		}
		ar := AbsenceRule{Require: a.Require, PlannedOnly: a.PlannedOnly}
		var err error
		if ar.LongerThan, err = parseSpan(p+".longerThan", a.LongerThan); err != nil {
			return nil, err
		}
		if ar.Citations, err = checkCitations(p+".citations", a.Citations); err != nil {
			return nil, err
		}
		out = append(out, ar)
	}
	return out, nil
}

// checkRouting checks the steps of call routing at path.
func checkRouting(path string, ws []RoutingRule) ([]RoutingRule, error) {
	var out []RoutingRule
	for i, r := range ws {
		p := idx(path, i)
		switch r.Step {
		case StepForward, StepReferral, StepColleague, StepMessage:
		default:
			return nil, fieldErr(p+".step", string(r.Step), "unknown step; use \"forward\", \"referral\", \"colleague\" or \"message\"")
		}
		for _, prev := range out {
			if prev.Step == r.Step {
				return nil, fieldErr(p+".step", string(r.Step), "step listed twice")
			}
		}
		var err error
		if r.Citations, err = checkCitations(p+".citations", r.Citations); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// checkNotStated checks the notes at path on the topics the policy is silent
// about, in the order of the topics' names: each topic must be known, and d
// must not state it after all.
func (d *document) checkNotStated(path string, notes map[string]string) (map[string]string, error) {
	if len(notes) == 0 {
		return nil, nil
	}
	out := make(map[string]string, len(notes))
	topics := make([]string, 0, len(notes))
	for t := range notes {
		topics = append(topics, t)
	}
	slices.Sort(topics)
	for _, t := range topics {
		p := path + "[" + strconv.Quote(t) + "]"
		if !validTopic(t) {
			return nil, fieldErr(p, t, "unknown topic; see the package documentation for the list")
		}
		if err := checkText(p, notes[t]); err != nil {
			return nil, err
		}
		if where, ok := d.states(t); ok {
			return nil, fieldErr(p, notes[t], "the policy states this topic after all, in "+where)
		}
		out[t] = notes[t]
	}
	return out, nil
}

func validID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func validLang(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// validTopic reports whether t is a topic a policy can be silent about.
func validTopic(t string) bool {
	switch t {
	case "officeHours", "shortDays", "closures", "interim", "phone.rings", "phone.greetings",
		"phone.voicemail", "contacts", "languages", "absence":
		return true
	}
	if rest, ok := strings.CutPrefix(t, "hours."); ok {
		return Channel(rest).Valid()
	}
	if rest, ok := strings.CutPrefix(t, "reply."); ok {
		return Channel(rest).Valid() || Audience(rest).Valid()
	}
	if rest, ok := strings.CutPrefix(t, "contacts."); ok {
		return Channel(rest).Valid()
	}
	if rest, ok := strings.CutPrefix(t, "routing."); ok {
		switch Step(rest) {
		case StepForward, StepReferral, StepColleague, StepMessage:
			return true
		}
	}
	return false
}

// states reports whether d states topic t, and where.
func (d *document) states(t string) (string, bool) {
	switch t {
	case "officeHours":
		return "calendar.officeHours", d.Calendar.OfficeHours != nil
	case "shortDays":
		return "calendar.shortDays", d.Calendar.ShortDays != ""
	case "closures":
		return "calendar.closures", len(d.Calendar.Closures) > 0
	case "interim":
		return "interim", d.Interim != nil
	case "phone.rings":
		return "phone.rings", d.Phone.Rings != nil
	case "phone.greetings":
		return "phone.greetings", len(d.Phone.Greetings) > 0
	case "phone.voicemail":
		return "phone.voicemail", d.Phone.Voicemail != nil
	case "contacts":
		return "contacts", d.Contacts.OneWayIn != nil || len(d.Contacts.Points) > 0
	case "languages":
		return "languages", len(d.Languages) > 0
	case "absence":
		return "absence", len(d.Absence) > 0
	}
	if rest, ok := strings.CutPrefix(t, "hours."); ok {
		for i, c := range d.Channels {
			if c.Channel == Channel(rest) && c.Staffed != "" {
				return idx("channels", i) + ".staffed", true
			}
		}
	}
	if rest, ok := strings.CutPrefix(t, "reply."); ok {
		for i, r := range d.Replies {
			if slices.Contains(r.Channels, Channel(rest)) || slices.Contains(r.Audiences, Audience(rest)) {
				return idx("replies", i), true
			}
		}
	}
	if rest, ok := strings.CutPrefix(t, "contacts."); ok {
		for i, c := range d.Contacts.Points {
			if c.Channel == Channel(rest) {
				return idx("contacts.points", i), true
			}
		}
	}
	if rest, ok := strings.CutPrefix(t, "routing."); ok {
		for i, r := range d.Routing {
			if r.Step == Step(rest) {
				return idx("routing", i), true
			}
		}
	}
	return "", false
}

// build makes the calendars and indexes of a checked document.
func build(d document) (*Policy, error) {
	p := &Policy{doc: d, replies: make(map[replyKey]int)}
	common := []calendar.Option{calendar.WithClosures(p.Closures()...)}
	if d.Calendar.ShortDays == ShortDaysStateAgreement {
		common = append(common, calendar.WithShortDays(calendar.StateAgreementShortDays()...))
	}
	opts := common
	if d.Calendar.OfficeHours != nil {
		opts = append(d.Calendar.OfficeHours.options(), common...)
	}
	cal, err := calendar.New(opts...)
	if err != nil {
		return nil, fieldErrFrom("calendar", "", strings.TrimPrefix(err.Error(), "calendar: "), err)
	}
	p.cal = cal
	for i, c := range d.Channels {
		if c.Staffed != OwnHours {
			continue
		}
		cc, err := calendar.New(append(c.Hours.options(), common...)...)
		if err != nil {
			return nil, fieldErrFrom(idx("channels", i)+".hours", "", strings.TrimPrefix(err.Error(), "calendar: "), err)
		}
		if p.channels == nil {
			p.channels = make(map[Channel]*calendar.Calendar)
		}
		p.channels[c.Channel] = cc
	}
	for i, r := range d.Replies {
		for _, ch := range r.Channels {
			for _, a := range r.Audiences {
				p.replies[replyKey{ch, a}] = i
			}
		}
	}
	// Reply rules that follow each other must end somewhere.
	for i, r := range d.Replies {
		if r.Follows == "" {
			continue
		}
		for _, ch := range r.Channels {
			for _, a := range r.Audiences {
				if path, loop := p.followPath(ch, a); loop {
					names := make([]string, len(path))
					for k, c := range path {
						names[k] = string(c)
					}
					return nil, fieldErr(idx("replies", i)+".follows", string(r.Follows), "the rules for "+string(a)+" messages follow each other in a circle: "+strings.Join(names, " → "))
				}
			}
		}
	}
	return p, nil
}

// followPath returns the channels whose rules a message on ch from a goes
// through, ch first, and whether they go round in a circle (the channel that
// closes the circle is then the last one).
func (p *Policy) followPath(ch Channel, a Audience) ([]Channel, bool) {
	path := []Channel{ch}
	for {
		i, ok := p.replies[replyKey{ch, a}]
		if !ok || p.doc.Replies[i].Follows == "" {
			return path, false
		}
		ch = p.doc.Replies[i].Follows
		loop := slices.Contains(path, ch)
		path = append(path, ch)
		if loop {
			return path, true
		}
	}
}
