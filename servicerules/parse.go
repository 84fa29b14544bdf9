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

// document checks w and turns it into a document.
func (w wireDocument) document() (document, error) {
	var d document
	var err error

	if w.ID == "" {
		return d, fieldErr("id", "", "missing: a short name such as \"nykvarn\"")
	}
	if !validID(w.ID) {
		return d, fieldErr("id", w.ID, "use 1 to 64 lower-case letters a-z, digits and hyphens")
	}
	d.ID = w.ID

	// Source.
	s := w.Source
	if err := checkText("source.organisation", s.Organisation); err != nil {
		return d, err
	}
	if err := checkText("source.title", s.Title); err != nil {
		return d, err
	}
	d.Source = Source{Organisation: s.Organisation, Title: s.Title, Decision: s.Decision, Diary: s.Diary, Seed: s.Seed, Note: s.Note, URL: s.URL, Version: s.Version}
	if d.Source.Date, err = parseDate("source.date", s.Date, true); err != nil {
		return d, err
	}
	if d.Source.Revised, err = parseDate("source.revised", s.Revised, false); err != nil {
		return d, err
	}
	if d.Source.InForce, err = parseDate("source.inForce", s.InForce, false); err != nil {
		return d, err
	}

	// Calendar.
	if w.Calendar.OfficeHours != nil {
		h, err := w.Calendar.OfficeHours.hours("calendar.officeHours")
		if err != nil {
			return d, err
		}
		d.Calendar.OfficeHours = &h
	}
	switch w.Calendar.ShortDays {
	case "", ShortDaysStateAgreement:
		d.Calendar.ShortDays = w.Calendar.ShortDays
	default:
		return d, fieldErr("calendar.shortDays", w.Calendar.ShortDays, "unknown short-day rules; use \""+ShortDaysStateAgreement+"\" or leave it out")
	}
	for i, c := range w.Calendar.Closures {
		p := idx("calendar.closures", i)
		date, err := parseDate(p+".date", c.Date, true)
		if err != nil {
			return d, err
		}
		if err := checkText(p+".reason", c.Reason); err != nil {
			return d, err
		}
		for _, prev := range d.Calendar.Closures {
			if prev.Date == date {
				return d, fieldErr(p+".date", c.Date, "closure day listed twice")
			}
		}
		d.Calendar.Closures = append(d.Calendar.Closures, closure{Date: date, Reason: c.Reason})
	}
	if len(w.Calendar.Citations) > 0 {
		if d.Calendar.Citations, err = checkCitations("calendar.citations", w.Calendar.Citations); err != nil {
			return d, err
		}
	}

	// Channels.
	for i, c := range w.Channels {
		p := idx("channels", i)
		if err := checkChannel(p+".channel", c.Channel); err != nil {
			return d, err
		}
		for _, prev := range d.Channels {
			if prev.Channel == c.Channel {
				return d, fieldErr(p+".channel", string(c.Channel), "channel listed twice")
			}
		}
		cr := ChannelRules{Channel: c.Channel, Staffed: c.Staffed, Daily: c.Daily, Instead: c.Instead, Note: c.Note}
		switch c.Staffed {
		case "", OfficeHours, AroundTheClock:
			if c.Hours != nil {
				return d, fieldErr(p+".hours", "", "hours are given only with \"staffed\": \""+string(OwnHours)+"\"")
			}
		case OwnHours:
			if c.Hours == nil {
				return d, fieldErr(p+".hours", "", "missing: \"staffed\": \""+string(OwnHours)+"\" needs the hours")
			}
			h, err := c.Hours.hours(p + ".hours")
			if err != nil {
				return d, err
			}
			cr.Hours = &h
		default:
			return d, fieldErr(p+".staffed", string(c.Staffed), "unknown staffing; use \"office-hours\", \"own-hours\" or \"around-the-clock\"")
		}
		if c.Instead != "" {
			if err := checkChannel(p+".instead", c.Instead); err != nil {
				return d, err
			}
			if c.Instead == c.Channel {
				return d, fieldErr(p+".instead", string(c.Instead), "a channel cannot stand in for itself")
			}
		}
		for j, s := range c.Services {
			if err := checkText(idx(p+".services", j), s); err != nil {
				return d, err
			}
		}
		cr.Services = nilIfEmpty(c.Services)
		if cr.Citations, err = checkCitations(p+".citations", c.Citations); err != nil {
			return d, err
		}
		d.Channels = append(d.Channels, cr)
	}

	// Replies.
	for i, r := range w.Replies {
		p := idx("replies", i)
		rr := ReplyRule{Follows: r.Follows, Basis: r.Basis, Note: r.Note}
		if rr.Channels, err = checkChannels(p+".channels", r.Channels, false); err != nil {
			return d, err
		}
		if len(r.Audiences) == 0 {
			return d, fieldErr(p+".audiences", "", "missing: list \"external\", \"internal\" or both")
		}
		for j, a := range r.Audiences {
			if !a.Valid() {
				return d, fieldErr(idx(p+".audiences", j), string(a), "unknown audience; use \"external\" or \"internal\"")
			}
			if slices.Contains(r.Audiences[:j], a) {
				return d, fieldErr(idx(p+".audiences", j), string(a), "audience listed twice")
			}
		}
		rr.Audiences = r.Audiences
		if rr.Limit, err = parseSpan(p+".limit", r.Limit); err != nil {
			return d, err
		}
		if rr.Target, err = parseSpan(p+".target", r.Target); err != nil {
			return d, err
		}
		if r.Follows != "" {
			if err := checkChannel(p+".follows", r.Follows); err != nil {
				return d, err
			}
			if slices.Contains(rr.Channels, r.Follows) {
				return d, fieldErr(p+".follows", string(r.Follows), "a channel cannot follow itself")
			}
			if r.Limit != "" || r.Target != "" || r.Basis != "" {
				return d, fieldErr(p+".follows", string(r.Follows), "a rule that follows another channel has no limit, target or basis of its own")
			}
		}
		switch r.Basis {
		case "", BasisAmbition, BasisDaily:
		default:
			return d, fieldErr(p+".basis", string(r.Basis), "unknown basis; use \"ambition\" or \"daily\", or leave it out")
		}
		if rr.Limit.IsZero() && (r.Basis != "" || r.Target != "") {
			return d, fieldErr(p+".limit", "", "missing: a target or a basis needs the limit it belongs to")
		}
		if !rr.Target.IsZero() && rr.Target.Unit() == rr.Limit.Unit() && rr.Target.Count() > rr.Limit.Count() {
			return d, fieldErr(p+".target", r.Target, "the target is longer than the limit "+strconv.Quote(rr.Limit.String()))
		}
		if rr.Citations, err = checkCitations(p+".citations", r.Citations); err != nil {
			return d, err
		}
		for _, ch := range rr.Channels {
			for _, a := range rr.Audiences {
				for k, prev := range d.Replies {
					if slices.Contains(prev.Channels, ch) && slices.Contains(prev.Audiences, a) {
						return d, fieldErr(p+".channels", string(ch), "replies["+strconv.Itoa(k)+"] already has a rule for "+string(ch)+" from "+string(a))
					}
				}
			}
		}
		d.Replies = append(d.Replies, rr)
	}

	// Interim duty.
	if w.Interim != nil {
		in := *w.Interim
		if !in.TellWho && !in.TellWhen {
			return d, fieldErr("interim", "", "say what the person is told: \"tellWho\", \"tellWhen\" or both")
		}
		if in.Channels, err = checkChannels("interim.channels", in.Channels, true); err != nil {
			return d, err
		}
		if in.Citations, err = checkCitations("interim.citations", in.Citations); err != nil {
			return d, err
		}
		d.Interim = &in
	}

	// Phone.
	ph := w.Phone
	if ph.Rings != nil {
		r := *ph.Rings
		if r.Max < 1 || r.Max > 50 {
			return d, fieldErr("phone.rings.max", strconv.Itoa(r.Max), "impossible: a call is answered within 1 to 50 rings")
		}
		if r.Citations, err = checkCitations("phone.rings.citations", r.Citations); err != nil {
			return d, err
		}
		d.Phone.Rings = &r
	}
	for i, g := range ph.Greetings {
		p := idx("phone.greetings", i)
		if g.Answerer != Switchboard && g.Answerer != Staff {
			return d, fieldErr(p+".answerer", string(g.Answerer), "unknown answerer; use \"switchboard\" or \"staff\"")
		}
		if err := checkText(p+".says", g.Says); err != nil {
			return d, err
		}
		if g.Citations, err = checkCitations(p+".citations", g.Citations); err != nil {
			return d, err
		}
		d.Phone.Greetings = append(d.Phone.Greetings, g)
	}
	if ph.Voicemail != nil {
		v := *ph.Voicemail
		if !v.Personal && !v.ListenDaily && !v.CallBack && strings.TrimSpace(v.Guidance) == "" {
			return d, fieldErr("phone.voicemail", "", "empty: give at least one voicemail rule, or leave it out")
		}
		if v.Citations, err = checkCitations("phone.voicemail.citations", v.Citations); err != nil {
			return d, err
		}
		d.Phone.Voicemail = &v
	}

	// Contacts.
	if w.Contacts.OneWayIn != nil {
		o := *w.Contacts.OneWayIn
		if o.Citations, err = checkCitations("contacts.oneWayIn.citations", o.Citations); err != nil {
			return d, err
		}
		d.Contacts.OneWayIn = &o
	}
	for i, c := range w.Contacts.Points {
		p := idx("contacts.points", i)
		if err := checkChannel(p+".channel", c.Channel); err != nil {
			return d, err
		}
		if err := checkText(p+".address", c.Address); err != nil {
			return d, err
		}
		if c.Citations, err = checkCitations(p+".citations", c.Citations); err != nil {
			return d, err
		}
		d.Contacts.Points = append(d.Contacts.Points, c)
	}

	// Languages.
	for i, l := range w.Languages {
		p := idx("languages", i)
		if !validLang(l.Lang) || l.Lang == "sv" {
			return d, fieldErr(p+".lang", l.Lang, "not a language code other than \"sv\" (two or three lower-case letters, such as \"fi\")")
		}
		for _, prev := range d.Languages {
			if prev.Lang == l.Lang {
				return d, fieldErr(p+".lang", l.Lang, "language listed twice")
			}
		}
		if err := checkText(p+".basis", l.Basis); err != nil {
			return d, err
		}
		if l.Citations, err = checkCitations(p+".citations", l.Citations); err != nil {
			return d, err
		}
		d.Languages = append(d.Languages, l)
	}

	// Absence.
	for i, a := range w.Absence {
		p := idx("absence", i)
		if !a.Require.valid() {
			return d, fieldErr(p+".require", string(a.Require), "unknown requirement; use one of email-message, phone-referral, phone-forwarding, alternative-contact, mail-opened-daily, calendar-updated")
		}
		ar := AbsenceRule{Require: a.Require, PlannedOnly: a.PlannedOnly}
		if ar.LongerThan, err = parseSpan(p+".longerThan", a.LongerThan); err != nil {
			return d, err
		}
		if ar.Citations, err = checkCitations(p+".citations", a.Citations); err != nil {
			return d, err
		}
		d.Absence = append(d.Absence, ar)
	}

	// Routing.
	for i, r := range w.Routing {
		p := idx("routing", i)
		switch r.Step {
		case StepForward, StepReferral, StepColleague, StepMessage:
		default:
			return d, fieldErr(p+".step", string(r.Step), "unknown step; use \"forward\", \"referral\", \"colleague\" or \"message\"")
		}
		for _, prev := range d.Routing {
			if prev.Step == r.Step {
				return d, fieldErr(p+".step", string(r.Step), "step listed twice")
			}
		}
		if r.Citations, err = checkCitations(p+".citations", r.Citations); err != nil {
			return d, err
		}
		d.Routing = append(d.Routing, r)
	}

	// Not stated.
	if len(w.NotStated) > 0 {
		d.NotStated = make(map[string]string, len(w.NotStated))
		topics := make([]string, 0, len(w.NotStated))
		for t := range w.NotStated {
			topics = append(topics, t)
		}
		slices.Sort(topics)
		for _, t := range topics {
			p := "notStated[" + strconv.Quote(t) + "]"
			if !validTopic(t) {
				return d, fieldErr(p, t, "unknown topic; see the package documentation for the list")
			}
			if err := checkText(p, w.NotStated[t]); err != nil {
				return d, err
			}
			if where, ok := d.states(t); ok {
				return d, fieldErr(p, w.NotStated[t], "the policy states this topic after all, in "+where)
			}
			d.NotStated[t] = w.NotStated[t]
		}
	}
	return d, nil
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
