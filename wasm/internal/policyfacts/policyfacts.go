// Package policyfacts reads the public facts of a service policy, as the
// feedback API's GET /policy returns them, and answers the one question the
// widget asks in the browser: by when will a message on a channel be
// answered?
//
// It takes the policy as JSON-shaped Go values (map[string]any, []any,
// string, float64, bool), the shape encoding/json decodes to and the shape
// the widget builds from a JavaScript object through syscall/js, so the
// WebAssembly build needs neither encoding/json nor package servicerules
// (which imports it). Read mirrors servicerules.Parse for the fields it
// reads, and Facts.ReplyDue gives the same time as Policy.ReplyDue.
package policyfacts

import (
	"errors"
	"strconv"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
)

// ShortDaysStateAgreement is the value of calendar.shortDays that selects
// calendar.StateAgreementShortDays, as in servicerules.
const ShortDaysStateAgreement = "state-agreement"

// External is the audience of the public, the only one the widget serves.
const External = "external"

// Facts is what the widget needs from a policy: its calendar and its reply
// rules. Make one with Read; the zero Facts has the library's default
// calendar and no reply rules.
type Facts struct {
	cal   *calendar.Calendar
	rules []Rule
}

// A Rule is one reply rule of a policy: for the listed channels and
// audiences, either a limit (with an optional target inside it), a
// reference to another channel whose rule applies (Follows), or neither
// when the policy states a duty without a figure.
type Rule struct {
	Channels  []string
	Audiences []string
	Follows   string
	Limit     calendar.Span
	HasLimit  bool
	Target    calendar.Span
	HasTarget bool
	Note      string
}

// Read reads the public facts of a policy from JSON-shaped values: the
// "calendar" object ("officeHours", "shortDays", "closures") and the
// "replies" list. Other fields are ignored. A value it cannot read is an
// error that names the field and quotes the value.
func Read(v any) (Facts, error) {
	doc, ok := v.(map[string]any)
	if !ok {
		return Facts{}, errors.New("policyfacts: the policy is not an object")
	}
	var opts []calendar.Option
	if c, ok := doc["calendar"]; ok && c != nil {
		cm, ok := c.(map[string]any)
		if !ok {
			return Facts{}, errors.New("policyfacts: calendar: not an object")
		}
		var err error
		if opts, err = calendarOptions(cm); err != nil {
			return Facts{}, err
		}
	}
	cal, err := calendar.New(opts...)
	if err != nil {
		return Facts{}, errors.New("policyfacts: calendar: " + err.Error())
	}
	f := Facts{cal: cal}
	if r, ok := doc["replies"]; ok && r != nil {
		list, ok := r.([]any)
		if !ok {
			return Facts{}, errors.New("policyfacts: replies: not a list")
		}
		for i, item := range list {
			rule, err := readRule(item)
			if err != nil {
				return Facts{}, errors.New("policyfacts: replies[" + strconv.Itoa(i) + "]" + err.Error())
			}
			f.rules = append(f.rules, rule)
		}
	}
	return f, nil
}

var weekdayKeys = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

func calendarOptions(cm map[string]any) ([]calendar.Option, error) {
	var common []calendar.Option
	if cs, ok := cm["closures"]; ok && cs != nil {
		list, ok := cs.([]any)
		if !ok {
			return nil, errors.New("policyfacts: calendar.closures: not a list")
		}
		for i, c := range list {
			field := "calendar.closures[" + strconv.Itoa(i) + "]"
			obj, ok := c.(map[string]any)
			if !ok {
				return nil, errors.New("policyfacts: " + field + ": not an object")
			}
			ds, _ := obj["date"].(string)
			d, err := calendar.ParseDate(ds)
			if err != nil {
				return nil, errors.New("policyfacts: " + field + ".date: " + strconv.Quote(ds) + " is not a date")
			}
			reason, _ := obj["reason"].(string)
			common = append(common, calendar.WithClosures(calendar.Closure{Date: d, Reason: reason}))
		}
	}
	if sd, ok := cm["shortDays"]; ok && sd != nil {
		s, _ := sd.(string)
		switch s {
		case "":
		case ShortDaysStateAgreement:
			common = append(common, calendar.WithShortDays(calendar.StateAgreementShortDays()...))
		default:
			return nil, errors.New("policyfacts: calendar.shortDays: unknown rules " + strconv.Quote(s))
		}
	}
	oh, ok := cm["officeHours"]
	if !ok || oh == nil {
		return common, nil
	}
	hm, ok := oh.(map[string]any)
	if !ok {
		return nil, errors.New("policyfacts: calendar.officeHours: not an object")
	}
	weekdays, _, err := intervals(hm, "weekdays")
	if err != nil {
		return nil, err
	}
	opts := make([]calendar.Option, 0, 7+len(common))
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		own, set, err := intervals(hm, weekdayKeys[wd])
		if err != nil {
			return nil, err
		}
		switch {
		case set:
			opts = append(opts, calendar.WithHours(wd, own...))
		case wd == time.Saturday || wd == time.Sunday:
			opts = append(opts, calendar.WithHours(wd))
		default:
			opts = append(opts, calendar.WithHours(wd, weekdays...))
		}
	}
	return append(opts, common...), nil
}

// intervals reads the office hours under key, and reports whether the key
// is there at all (an empty list closes the day; a missing key does not).
func intervals(hm map[string]any, key string) ([]calendar.Interval, bool, error) {
	v, ok := hm[key]
	if !ok || v == nil {
		return nil, false, nil
	}
	field := "policyfacts: calendar.officeHours." + key
	list, ok := v.([]any)
	if !ok {
		return nil, false, errors.New(field + ": not a list")
	}
	ivs := make([]calendar.Interval, 0, len(list))
	for i, item := range list {
		s, _ := item.(string)
		iv, err := calendar.ParseInterval(s)
		if err != nil {
			return nil, false, errors.New(field + "[" + strconv.Itoa(i) + "]: " + strconv.Quote(s) + " is not office hours")
		}
		ivs = append(ivs, iv)
	}
	return ivs, true, nil
}

func readRule(item any) (Rule, error) {
	obj, ok := item.(map[string]any)
	if !ok {
		return Rule{}, errors.New(": not an object")
	}
	var r Rule
	var err error
	if r.Channels, err = strings(obj, "channels"); err != nil {
		return Rule{}, err
	}
	if r.Audiences, err = strings(obj, "audiences"); err != nil {
		return Rule{}, err
	}
	r.Follows, _ = obj["follows"].(string)
	r.Note, _ = obj["note"].(string)
	if r.Limit, r.HasLimit, err = span(obj, "limit"); err != nil {
		return Rule{}, err
	}
	if r.Target, r.HasTarget, err = span(obj, "target"); err != nil {
		return Rule{}, err
	}
	return r, nil
}

func strings(obj map[string]any, key string) ([]string, error) {
	v, ok := obj[key]
	if !ok || v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, errors.New("." + key + ": not a list")
	}
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, ok := item.(string)
		if !ok {
			return nil, errors.New("." + key + ": not a list of strings")
		}
		out = append(out, s)
	}
	return out, nil
}

func span(obj map[string]any, key string) (calendar.Span, bool, error) {
	v, ok := obj[key]
	if !ok || v == nil {
		return calendar.Span{}, false, nil
	}
	s, _ := v.(string)
	if s == "" {
		return calendar.Span{}, false, nil
	}
	sp, err := calendar.ParseSpan(s)
	if err != nil {
		return calendar.Span{}, false, errors.New("." + key + ": " + strconv.Quote(s) + " is not a span")
	}
	// A zero span states no figure, as in servicerules.
	return sp, !sp.IsZero(), nil
}

// Calendar returns the policy's calendar: its office hours, shortened days
// and closure days.
func (f Facts) Calendar() *calendar.Calendar {
	if f.cal == nil {
		cal, _ := calendar.New()
		return cal
	}
	return f.cal
}

// Rule returns the reply rule for a channel and audience after following
// references to other channels, and false when the policy has none.
func (f Facts) Rule(channel, audience string) (Rule, bool) {
	for range len(f.rules) + 1 {
		r, ok := f.find(channel, audience)
		if !ok {
			return Rule{}, false
		}
		if r.Follows == "" {
			return r, true
		}
		channel = r.Follows
	}
	return Rule{}, false // a circle
}

func (f Facts) find(channel, audience string) (Rule, bool) {
	for _, r := range f.rules {
		if contains(r.Channels, channel) && contains(r.Audiences, audience) {
			return r, true
		}
	}
	return Rule{}, false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// ReplyDue returns when a message received on channel from audience must be
// answered, and false when the policy gives no figure for it.
func (f Facts) ReplyDue(channel, audience string, received time.Time) (time.Time, bool) {
	r, ok := f.Rule(channel, audience)
	if !ok || !r.HasLimit {
		return time.Time{}, false
	}
	return f.Calendar().Deadline(received, r.Limit), true
}
