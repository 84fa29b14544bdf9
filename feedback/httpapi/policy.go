package httpapi

import (
	"net/http"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// PolicyFacts is the body of GET /api/policy: what the widget needs to know
// of the active policy. Everything in it is public.
type PolicyFacts struct {
	ID           string `json:"id"`
	Organisation string `json:"organisation"`
	Title        string `json:"title"`
	URL          string `json:"url,omitempty"`
	// OfficeHours maps "monday" … "sunday" to intervals such as
	// "08:00-16:30"; a closed day has none. OfficeHoursStated is false when
	// the policy states none and the library default applies.
	OfficeHours       map[string][]string `json:"office_hours"`
	OfficeHoursStated bool                `json:"office_hours_stated"`
	// Closures are the organisation's own closure days (a klämdag), and
	// ShortDays the preset of shortened days ("state-agreement", or empty
	// for none): with them a browser computes the same deadlines.
	Closures  []ClosureFacts `json:"closures"`
	ShortDays string         `json:"short_days"`
	Channels  []ChannelFacts `json:"channels"`
	Contacts  []ContactFacts `json:"contacts"`
	// Languages are the languages people may use with the municipality,
	// Swedish first.
	Languages []string `json:"languages"`
	// Now is the server's time, which DueIfSentNow is counted from.
	Now time.Time `json:"now"`
}

// ChannelFacts is what the policy says about one channel.
type ChannelFacts struct {
	Channel servicerules.Channel `json:"channel"`
	Name    lang.Text            `json:"name"`
	// Named is true when the policy itself names the channel.
	Named          bool                  `json:"named"`
	Staffed        servicerules.Staffing `json:"staffed"`
	AroundTheClock bool                  `json:"around_the_clock"`
	Daily          bool                  `json:"daily"`
	Instead        servicerules.Channel  `json:"instead"`
	// Hours are the channel's own hours, when it has some.
	Hours map[string][]string `json:"hours"`
	// Reply is the response time for messages from the public on the
	// channel; nil when the policy gives none for it.
	Reply *ReplyFacts `json:"reply"`
}

// ReplyFacts is a response time.
type ReplyFacts struct {
	// Via is the channel whose rule applies: another one when the policy
	// has no figure of the channel's own (servicerules.Policy.WrittenReply).
	Via       servicerules.Channel `json:"via"`
	Limit     string               `json:"limit"`
	LimitText lang.Text            `json:"limit_text"`
	Target    string               `json:"target"`
	Basis     servicerules.Basis   `json:"basis"`
	// DueIfSentNow is when a message sent now would be answered at the
	// latest.
	DueIfSentNow *time.Time `json:"due_if_sent_now"`
}

// ClosureFacts is one closure day of the organisation.
type ClosureFacts struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

// closureFacts returns the policy's closure days, never nil.
func closureFacts(p *servicerules.Policy) []ClosureFacts {
	closures := []ClosureFacts{}
	for _, c := range p.Closures() {
		closures = append(closures, ClosureFacts{Date: c.Date.String(), Reason: c.Reason})
	}
	return closures
}

// ContactFacts is one public contact point.
type ContactFacts struct {
	Channel servicerules.Channel `json:"channel"`
	Address string               `json:"address"`
	Purpose string               `json:"purpose"`
}

// policyFacts holds the parts of PolicyFacts that do not change.
type policyFacts struct {
	base PolicyFacts
}

var dayNames = [...]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

func weekHours(h servicerules.Hours) map[string][]string {
	out := make(map[string][]string, 7)
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		ivs := h.On(wd)
		s := make([]string, 0, len(ivs))
		for _, iv := range ivs {
			s = append(s, iv.String())
		}
		out[dayNames[wd]] = s
	}
	return out
}

func newPolicyFacts(p *servicerules.Policy) policyFacts {
	src := p.Source()
	f := PolicyFacts{
		ID:           p.ID(),
		Organisation: src.Organisation,
		Title:        src.Title,
		URL:          src.URL,
		Languages:    p.Languages(),
		Contacts:     []ContactFacts{},
	}
	oh, stated := p.OfficeHours()
	if !stated {
		def := []calendar.Interval{{Open: 8 * time.Hour, Close: 16*time.Hour + 30*time.Minute}}
		oh = servicerules.Hours{Weekdays: def}
	}
	f.OfficeHours, f.OfficeHoursStated = weekHours(oh), stated
	f.Closures, f.ShortDays = closureFacts(p), p.ShortDays()
	for _, ch := range servicerules.Channels() {
		cf := ChannelFacts{Channel: ch, Name: lang.Text{Sv: ch.Name(lang.Swedish), Fi: ch.Name(lang.Finnish), En: ch.Name(lang.English)}}
		if cr, ok := p.Channel(ch); ok {
			cf.Named = true
			cf.Staffed = cr.Staffed
			cf.AroundTheClock = cr.Staffed == servicerules.AroundTheClock
			cf.Daily = cr.Daily
			cf.Instead = cr.Instead
			if cr.Hours != nil {
				cf.Hours = weekHours(*cr.Hours)
			}
		}
		if rp, ok := p.WrittenReply(ch, servicerules.External); ok {
			rf := &ReplyFacts{Via: rp.Channel, Limit: rp.Limit.String(), Basis: rp.Basis,
				LimitText: lang.Text{Sv: rp.Limit.Format(lang.Swedish), Fi: rp.Limit.Format(lang.Finnish), En: rp.Limit.Format(lang.English)}}
			if !rp.Target.IsZero() {
				rf.Target = rp.Target.String()
			}
			cf.Reply = rf
		}
		f.Channels = append(f.Channels, cf)
	}
	for _, pt := range p.Contacts().Points {
		f.Contacts = append(f.Contacts, ContactFacts{Channel: pt.Channel, Address: pt.Address, Purpose: pt.Purpose})
	}
	return policyFacts{base: f}
}

func (h *Handler) getPolicy(w http.ResponseWriter, r *http.Request) {
	now := h.now()
	f := h.policyInfo.base
	f.Now = now.In(calendar.Location())
	f.Channels = make([]ChannelFacts, len(h.policyInfo.base.Channels))
	copy(f.Channels, h.policyInfo.base.Channels)
	for i := range f.Channels {
		if f.Channels[i].Reply == nil {
			continue
		}
		rf := *f.Channels[i].Reply
		if due, _, ok := h.policy.WrittenReplyDue(f.Channels[i].Channel, servicerules.External, now); ok {
			rf.DueIfSentNow = local(due)
		}
		f.Channels[i].Reply = &rf
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	writeJSON(w, http.StatusOK, f)
}
