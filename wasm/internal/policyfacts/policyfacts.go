// Package policyfacts reads the public facts of a service policy, as the
// feedback API's GET /api/policy returns them (httpapi.PolicyFacts), and
// answers the one question the widget asks in the browser: by when will a
// message on a channel be answered?
//
// It takes the facts as JSON-shaped Go values (map[string]any, []any,
// string, float64, bool): the shape encoding/json decodes to, and the shape
// the widget builds from a JavaScript object through syscall/js. So the
// WebAssembly build needs neither encoding/json nor package servicerules
// (which imports it). Facts.ReplyDue gives the same time as the API's
// receipt (servicerules.Policy.WrittenReplyDue).
package policyfacts

import (
	"errors"
	"strconv"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/internal/errwrap"
)

// ShortDaysStateAgreement is the value of "short_days" that selects
// calendar.StateAgreementShortDays, as in servicerules.
const ShortDaysStateAgreement = "state-agreement"

// Facts is what the widget needs from a policy: its calendar and the
// response time of each channel. Make one with Read; the zero Facts has the
// library's default calendar and no response times.
type Facts struct {
	cal     *calendar.Calendar
	replies map[string]Reply
}

// A Reply is the response time for messages from the public on one channel.
type Reply struct {
	// Via is the channel whose rule applies; it differs from the channel
	// when the policy has no figure of the channel's own and the API uses
	// the rule for e-mail or post.
	Via       string
	Limit     calendar.Span
	Target    calendar.Span
	HasTarget bool
}

var dayKeys = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// Read reads the public facts of a policy from JSON-shaped values:
// "office_hours" (a map from "monday" … "sunday" to intervals such as
// "08:00-16:30"; a day without intervals is closed; without the map the
// library default applies), "closures" (a list of {"date", "reason"}),
// "short_days" ("state-agreement" or empty) and "channels" (a list of
// {"channel", "reply": {"via", "limit", "target"} or null}). Other fields
// are ignored. A value it cannot read is an error that names the field and
// quotes the value.
func Read(v any) (Facts, error) {
	doc, ok := v.(map[string]any)
	if !ok {
		return Facts{}, errors.New("policyfacts: the facts are not an object")
	}
	var opts []calendar.Option
	if oh, ok := doc["office_hours"]; ok && oh != nil {
		days, ok := oh.(map[string]any)
		if !ok {
			return Facts{}, errors.New("policyfacts: office_hours: not an object")
		}
		for wd := time.Sunday; wd <= time.Saturday; wd++ {
			ivs, err := intervals(days, dayKeys[wd])
			if err != nil {
				return Facts{}, err
			}
			opts = append(opts, calendar.WithHours(wd, ivs...))
		}
	}
	err := objects(doc, "closures", func(field string, obj map[string]any) error {
		ds, _ := obj["date"].(string)
		d, err := calendar.ParseDate(ds)
		if err != nil {
			return errwrap.New(field+".date: "+strconv.Quote(ds)+" is not a date", err)
		}
		reason, _ := obj["reason"].(string)
		opts = append(opts, calendar.WithClosures(calendar.Closure{Date: d, Reason: reason}))
		return nil
	})
	if err != nil {
		return Facts{}, err
	}
	if sd, ok := doc["short_days"]; ok && sd != nil {
		switch s, _ := sd.(string); s {
		case "":
		case ShortDaysStateAgreement:
			opts = append(opts, calendar.WithShortDays(calendar.StateAgreementShortDays()...))
		default:
			return Facts{}, errors.New("policyfacts: short_days: unknown rules " + strconv.Quote(s))
		}
	}
	cal, err := calendar.New(opts...)
	if err != nil {
		return Facts{}, errwrap.Prefix("policyfacts: office_hours: ", err)
	}
	f := Facts{cal: cal, replies: map[string]Reply{}}
	err = objects(doc, "channels", func(field string, obj map[string]any) error {
		ch, _ := obj["channel"].(string)
		rv, ok := obj["reply"]
		if !ok || rv == nil || ch == "" {
			return nil
		}
		ro, ok := rv.(map[string]any)
		if !ok {
			return errors.New(field + ".reply: not an object")
		}
		var r Reply
		r.Via, _ = ro["via"].(string)
		limit, hasLimit, err := span(ro, "limit")
		if err != nil {
			return errwrap.Prefix(field+".reply", err)
		}
		if !hasLimit {
			return nil // a duty without a figure
		}
		r.Limit = limit
		if r.Target, r.HasTarget, err = span(ro, "target"); err != nil {
			return errwrap.Prefix(field+".reply", err)
		}
		f.replies[ch] = r
		return nil
	})
	if err != nil {
		return Facts{}, err
	}
	return f, nil
}

// objects reads doc[key] as a list of objects and calls each with every
// object and the name of its field for errors ("policyfacts: closures[2]"),
// up to the first error. A missing or null key is an empty list.
func objects(doc map[string]any, key string, each func(field string, obj map[string]any) error) error {
	v, ok := doc[key]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		return errors.New("policyfacts: " + key + ": not a list")
	}
	for i, item := range list {
		field := "policyfacts: " + key + "[" + strconv.Itoa(i) + "]"
		obj, ok := item.(map[string]any)
		if !ok {
			return errors.New(field + ": not an object")
		}
		if err := each(field, obj); err != nil {
			return err
		}
	}
	return nil
}

// intervals reads the office hours of one day; a day that is missing or
// has none is closed.
func intervals(days map[string]any, key string) ([]calendar.Interval, error) {
	v, ok := days[key]
	if !ok || v == nil {
		return nil, nil
	}
	field := "policyfacts: office_hours." + key
	list, ok := v.([]any)
	if !ok {
		return nil, errors.New(field + ": not a list")
	}
	ivs := make([]calendar.Interval, 0, len(list))
	for i, item := range list {
		s, _ := item.(string)
		iv, err := calendar.ParseInterval(s)
		if err != nil {
			return nil, errwrap.New(field+"["+strconv.Itoa(i)+"]: "+strconv.Quote(s)+" is not office hours", err)
		}
		ivs = append(ivs, iv)
	}
	return ivs, nil
}

// span reads a span such as "2 arbetsdagar"; a missing, empty or zero span
// states no figure, as in servicerules.
func span(obj map[string]any, key string) (calendar.Span, bool, error) {
	s, _ := obj[key].(string)
	if s == "" {
		return calendar.Span{}, false, nil
	}
	sp, err := calendar.ParseSpan(s)
	if err != nil {
		return calendar.Span{}, false, errwrap.New("."+key+": "+strconv.Quote(s)+" is not a span", err)
	}
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

// Reply returns the response time for messages from the public on channel,
// and false when the policy gives no figure for it.
func (f Facts) Reply(channel string) (Reply, bool) {
	r, ok := f.replies[channel]
	return r, ok
}

// ReplyDue returns when a message received on channel must be answered at
// the latest, and false when the policy gives no figure for it.
func (f Facts) ReplyDue(channel string, received time.Time) (time.Time, bool) {
	r, ok := f.replies[channel]
	if !ok {
		return time.Time{}, false
	}
	return f.Calendar().Deadline(received, r.Limit), true
}
