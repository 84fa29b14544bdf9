package servicerules

import (
	"slices"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
)

// A Reply is the rule for messages on one channel from one audience, after
// following the channels whose rules it follows ("SMS like phone calls").
type Reply struct {
	Channel  Channel
	Audience Audience
	// Via lists the channels whose rules were followed, Channel first and the
	// channel whose rule applies last: [sms phone] when SMS follows phone.
	Via []Channel
	// Limit is the binding limit, and the zero Span when the policy gives no
	// figure ("snarast möjligt"). Target is the ambition inside the limit,
	// where the policy states one.
	Limit  calendar.Span
	Target calendar.Span
	Basis  Basis
	// Interim is the interim-reply duty when it applies to this channel.
	Interim *InterimDuty
	// Note joins the notes of every rule on the way.
	Note string
	// Citations are those of every rule on the way, in order, and then those
	// of the interim duty.
	Citations []Citation
}

// Reply returns the rule for messages on ch from aud. It reports false when
// the policy does not cover ch for aud, even by reference; the Reply then
// still shows the channels it went through.
func (p *Policy) Reply(ch Channel, aud Audience) (Reply, bool) {
	r := Reply{Channel: ch, Audience: aud}
	if p == nil {
		return r, false
	}
	path, loop := p.followPath(ch, aud)
	r.Via = path
	if loop { // Parse rejects circles; this is only a guard.
		return r, false
	}
	var notes []string
	found := false
	for _, c := range path {
		i, ok := p.replies[replyKey{c, aud}]
		if !ok {
			break
		}
		rule := p.doc.Replies[i]
		r.Citations = append(r.Citations, rule.Citations...)
		if rule.Note != "" {
			notes = append(notes, rule.Note)
		}
		if rule.Follows == "" {
			r.Limit, r.Target, r.Basis = rule.Limit, rule.Target, rule.Basis
			found = true
		}
	}
	r.Note = strings.Join(notes, " ")
	if !found {
		return r, false
	}
	if in := p.doc.Interim; in != nil && (len(in.Channels) == 0 || slices.ContainsFunc(path, func(c Channel) bool { return slices.Contains(in.Channels, c) })) {
		duty := in.clone()
		r.Interim = &duty
		r.Citations = append(r.Citations, in.Citations...)
	}
	return r, true
}

// ReplyDue returns when a message received at received on ch from aud must be
// answered at the latest: the binding limit, counted on the policy's calendar.
// Where the policy states only an ambition (Österåker), the ambition is the
// limit; where it states a range (Ale: one to three working days), the end of
// the range is. ReplyDue reports false when the policy does not cover ch for
// aud or gives no figure for it; it never makes up a rule, and it never uses
// another channel's rule unless the policy says ch follows it. For the
// response time of a written message, which falls back on e-mail's and
// post's rules, see WrittenReplyDue.
func (p *Policy) ReplyDue(ch Channel, aud Audience, received time.Time) (time.Time, bool) {
	return p.due(ch, aud, received, func(r *ReplyRule) calendar.Span { return r.Limit })
}

// due counts the span that span picks of the rule for ch and aud from
// received, on the policy's calendar. It reports false when no rule covers
// ch for aud, or when the span it picks is zero (no figure).
func (p *Policy) due(ch Channel, aud Audience, received time.Time, span func(*ReplyRule) calendar.Span) (time.Time, bool) {
	rule, ok := p.rule(ch, aud)
	if !ok || span(rule).IsZero() {
		return time.Time{}, false
	}
	return p.cal.Deadline(received, span(rule)), true
}

// writtenVia returns the channel whose rule gives the response time of a
// written message on ch from aud (see WrittenReplyDue), and its rule.
func (p *Policy) writtenVia(ch Channel, aud Audience) (Channel, *ReplyRule, bool) {
	for _, via := range [...]Channel{ch, Email, Post} {
		if rule, ok := p.rule(via, aud); ok && !rule.Limit.IsZero() {
			return via, rule, true
		}
	}
	return "", nil, false
}

// WrittenReplyDue returns when a written message received at received on ch
// from aud must be answered at the latest, and the channel whose rule gave
// the time. A message in a form on the web, in an e-service or on social
// media is written, and answered in writing like a letter or an e-mail, so
// where the policy gives no figure for ch, WrittenReplyDue uses its rule for
// e-mail, and failing that its rule for post.
//
// WrittenReplyDue is defined through ReplyDue: it returns
// ReplyDue(ch, aud, received) with ch when that reports true, else
// ReplyDue(Email, aud, received) with Email, else ReplyDue(Post, aud,
// received) with Post. It reports false when none of them has a figure
// (Hässleholm: "snarast"). WrittenReply gives the rule behind the time.
func (p *Policy) WrittenReplyDue(ch Channel, aud Audience, received time.Time) (time.Time, Channel, bool) {
	via, rule, ok := p.writtenVia(ch, aud)
	if !ok {
		return time.Time{}, "", false
	}
	return p.cal.Deadline(received, rule.Limit), via, true
}

// WrittenReply returns the rule behind WrittenReplyDue for a written message
// on ch from aud: Reply(via, aud) for the channel via that WrittenReplyDue
// reports, so the Reply's Channel is via, and its Limit is the one counted.
// It reports false when WrittenReplyDue does.
func (p *Policy) WrittenReply(ch Channel, aud Audience) (Reply, bool) {
	via, _, ok := p.writtenVia(ch, aud)
	if !ok {
		return Reply{Channel: ch, Audience: aud}, false
	}
	return p.Reply(via, aud)
}

// rule returns the rule that applies to ch and aud after following
// references, without the allocations of Reply.
func (p *Policy) rule(ch Channel, aud Audience) (*ReplyRule, bool) {
	if p == nil {
		return nil, false
	}
	// Parse rejects circles; the bound is only a guard.
	for range len(p.doc.Replies) + 1 {
		i, ok := p.replies[replyKey{ch, aud}]
		if !ok {
			return nil, false
		}
		r := &p.doc.Replies[i]
		if r.Follows == "" {
			return r, true
		}
		ch = r.Follows
	}
	return nil, false
}

// TargetDue returns when a message should be answered to meet the policy's
// ambition, where it states one inside a wider limit (Ale: one working day of
// one to three). It reports false when there is no such target.
func (p *Policy) TargetDue(ch Channel, aud Audience, received time.Time) (time.Time, bool) {
	return p.due(ch, aud, received, func(r *ReplyRule) calendar.Span { return r.Target })
}

// InterimDue returns the latest time to send the interim reply for a message
// whose answer cannot be given at once: the person is told who will answer
// and when, as the policy words it. Every source policy binds the first
// response, whether it is the answer or the interim reply, so the interim
// reply is due by the binding limit. InterimDue reports false when the policy
// has no interim duty for ch, or no limit.
func (p *Policy) InterimDue(ch Channel, aud Audience, received time.Time) (time.Time, bool) {
	r, ok := p.Reply(ch, aud)
	if !ok || r.Interim == nil || r.Limit.IsZero() {
		return time.Time{}, false
	}
	return p.cal.Deadline(received, r.Limit), true
}
