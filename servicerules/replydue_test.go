package servicerules

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
)

func sthlm(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Location())
}

// The deadlines below are worked out by hand from the rules in the calendar
// package documentation: office hours 08:00-16:30 Monday to Friday, no
// shortened days, and the holidays of 2026:
//
//	Easter: skärtorsdag Thu 2 April is a working day, långfredag 3 April,
//	Saturday, påskdagen 5 April and annandag påsk 6 April are not.
//	Midsommar: midsommarafton Fri 19 June and midsommardagen Sat 20 June.
//	Christmas: julafton Thu 24, juldagen Fri 25, annandag jul Sat 26 December,
//	nyårsafton Thu 31 December, nyårsdagen Fri 1 and trettondedag jul Wed 6
//	January 2027.
type dueScenario struct {
	name     string
	received time.Time
	due      map[string]time.Time // by span: "1wd", "2wd", "3wd", "48h"
}

var dueScenarios = []dueScenario{
	{"christmas/wed 23 dec 15:00, before close", sthlm(2026, 12, 23, 15, 0), map[string]time.Time{
		"1wd": sthlm(2026, 12, 28, 16, 30), "2wd": sthlm(2026, 12, 29, 16, 30), "3wd": sthlm(2026, 12, 30, 16, 30),
		"48h": sthlm(2026, 12, 25, 15, 0)}},
	{"christmas/wed 23 dec 17:00, after close", sthlm(2026, 12, 23, 17, 0), map[string]time.Time{
		"1wd": sthlm(2026, 12, 29, 16, 30), "2wd": sthlm(2026, 12, 30, 16, 30), "3wd": sthlm(2027, 1, 4, 16, 30),
		"48h": sthlm(2026, 12, 25, 17, 0)}},
	{"christmas/julafton thu 24 dec 10:00", sthlm(2026, 12, 24, 10, 0), map[string]time.Time{
		"1wd": sthlm(2026, 12, 29, 16, 30), "2wd": sthlm(2026, 12, 30, 16, 30), "3wd": sthlm(2027, 1, 4, 16, 30),
		"48h": sthlm(2026, 12, 26, 10, 0)}},
	{"christmas/wed 30 dec 10:00, over new year", sthlm(2026, 12, 30, 10, 0), map[string]time.Time{
		"1wd": sthlm(2027, 1, 4, 16, 30), "2wd": sthlm(2027, 1, 5, 16, 30), "3wd": sthlm(2027, 1, 7, 16, 30),
		"48h": sthlm(2027, 1, 1, 10, 0)}},
	{"easter/skärtorsdag thu 2 apr 14:00", sthlm(2026, 4, 2, 14, 0), map[string]time.Time{
		"1wd": sthlm(2026, 4, 7, 16, 30), "2wd": sthlm(2026, 4, 8, 16, 30), "3wd": sthlm(2026, 4, 9, 16, 30),
		"48h": sthlm(2026, 4, 4, 14, 0)}},
	{"easter/skärtorsdag thu 2 apr 16:45, after close", sthlm(2026, 4, 2, 16, 45), map[string]time.Time{
		"1wd": sthlm(2026, 4, 8, 16, 30), "2wd": sthlm(2026, 4, 9, 16, 30), "3wd": sthlm(2026, 4, 10, 16, 30),
		"48h": sthlm(2026, 4, 4, 16, 45)}},
	{"easter/långfredag fri 3 apr 11:00", sthlm(2026, 4, 3, 11, 0), map[string]time.Time{
		"1wd": sthlm(2026, 4, 8, 16, 30), "2wd": sthlm(2026, 4, 9, 16, 30), "3wd": sthlm(2026, 4, 10, 16, 30),
		"48h": sthlm(2026, 4, 5, 11, 0)}},
	{"midsommar/thu 18 jun 09:00", sthlm(2026, 6, 18, 9, 0), map[string]time.Time{
		"1wd": sthlm(2026, 6, 22, 16, 30), "2wd": sthlm(2026, 6, 23, 16, 30), "3wd": sthlm(2026, 6, 24, 16, 30),
		"48h": sthlm(2026, 6, 20, 9, 0)}},
	{"midsommar/midsommarafton fri 19 jun 12:00", sthlm(2026, 6, 19, 12, 0), map[string]time.Time{
		"1wd": sthlm(2026, 6, 23, 16, 30), "2wd": sthlm(2026, 6, 24, 16, 30), "3wd": sthlm(2026, 6, 25, 16, 30),
		"48h": sthlm(2026, 6, 21, 12, 0)}},
}

// presetDue is the span each preset binds each channel and audience to; a
// missing entry means the preset gives no limit.
var presetDue = map[string]map[Channel][2]string{ // [external, internal]
	"osteraker": {Phone: {"1wd", ""}, Voicemail: {"1wd", ""}, SMS: {"1wd", ""}, Email: {"1wd", ""}, Post: {"1wd", ""},
		Visit: {"1wd", ""}, Web: {"1wd", ""}, EService: {"1wd", ""}, Chat: {"1wd", ""}, Social: {"1wd", ""}},
	"ale": {Phone: {"3wd", ""}, Voicemail: {"3wd", ""}, SMS: {"3wd", ""}, Email: {"3wd", ""}, Post: {"3wd", ""},
		Visit: {"3wd", ""}, Web: {"3wd", ""}, EService: {"3wd", ""}, Chat: {"3wd", ""}, Social: {"3wd", ""}},
	"varmdo":     {Email: {"2wd", "2wd"}, Post: {"2wd", "2wd"}},
	"hassleholm": {Voicemail: {"1wd", "1wd"}},
	"nykvarn": {Phone: {"1wd", "48h"}, Voicemail: {"1wd", "48h"}, SMS: {"1wd", "48h"}, Email: {"1wd", "48h"},
		Post: {"1wd", "48h"}},
}

func TestReplyDueAroundHolidays(t *testing.T) {
	require.Len(t, presetDue, len(Presets()))
	for _, name := range Presets() {
		p, err := Preset(name)
		require.NoError(t, err)
		for _, sc := range dueScenarios {
			t.Run(name+"/"+sc.name, func(t *testing.T) {
				for _, ch := range Channels() {
					for i, aud := range []Audience{External, Internal} {
						want := presetDue[name][ch][i]
						got, ok := p.ReplyDue(ch, aud, sc.received)
						if want == "" {
							assert.False(t, ok, "%s %s: the policy gives no limit, got %v", ch, aud, got)
							assert.True(t, got.IsZero())
							continue
						}
						if assert.True(t, ok, "%s %s", ch, aud) {
							assert.Equal(t, sc.due[want].UTC(), got.UTC(), "%s %s (%s)", ch, aud, want)
						}
						// The same instant in another zone gives the same deadline.
						again, _ := p.ReplyDue(ch, aud, sc.received.UTC())
						assert.True(t, again.Equal(got))
					}
				}
			})
		}
	}
}

// Ale's one to three working days: the target is one working day.
func TestTargetDue(t *testing.T) {
	ale, _ := Preset("ale")
	nyk, _ := Preset("nykvarn")
	for _, sc := range dueScenarios {
		for _, ch := range Channels() {
			got, ok := ale.TargetDue(ch, External, sc.received)
			require.True(t, ok)
			assert.Equal(t, sc.due["1wd"].UTC(), got.UTC(), "%s %s", sc.name, ch)
			limit, _ := ale.ReplyDue(ch, External, sc.received)
			assert.True(t, got.Before(limit))
			_, ok = nyk.TargetDue(ch, External, sc.received)
			assert.False(t, ok, "Nykvarn states no target")
		}
	}
}

func TestInterimDue(t *testing.T) {
	rec := sthlm(2026, 12, 23, 15, 0)
	tests := []struct {
		preset string
		ch     Channel
		aud    Audience
		want   string // "" when there is no interim deadline
	}{
		{"osteraker", Phone, External, "1wd"},
		{"ale", Chat, External, "3wd"},
		{"varmdo", Email, Internal, "2wd"},
		{"varmdo", Post, External, "2wd"},
		{"varmdo", Web, External, ""}, // duty, but no figure
		{"nykvarn", SMS, External, "1wd"},
		{"nykvarn", Email, Internal, "48h"},
		{"hassleholm", Post, External, ""},      // duty, but no figure
		{"hassleholm", Voicemail, External, ""}, // figure, but the duty is for post
	}
	for _, tt := range tests {
		p, _ := Preset(tt.preset)
		got, ok := p.InterimDue(tt.ch, tt.aud, rec)
		if tt.want == "" {
			assert.False(t, ok, "%s %s", tt.preset, tt.ch)
			continue
		}
		require.True(t, ok, "%s %s", tt.preset, tt.ch)
		assert.Equal(t, dueScenarios[0].due[tt.want].UTC(), got.UTC(), "%s %s", tt.preset, tt.ch)
	}
}

// "48 timmar" is absolute time: it runs through the night the clocks go
// forward (29 March 2026, 02:00 becomes 03:00).
func TestReplyDueHoursAcrossDaylightSaving(t *testing.T) {
	p, _ := Preset("nykvarn")
	got, ok := p.ReplyDue(Email, Internal, sthlm(2026, 3, 27, 15, 0))
	require.True(t, ok)
	assert.Equal(t, time.Date(2026, 3, 29, 14, 0, 0, 0, time.UTC), got.UTC())
	assert.Equal(t, 16, got.In(calendar.Location()).Hour())
}

func TestReplyFollowsAndUncovered(t *testing.T) {
	nyk, _ := Preset("nykvarn")
	r, ok := nyk.Reply(Chat, External)
	assert.False(t, ok, "Nykvarn gives no response time for chat")
	assert.Equal(t, []Channel{Chat}, r.Via)
	r, ok = nyk.Reply(Post, Internal)
	require.True(t, ok)
	assert.Equal(t, []Channel{Post, Email}, r.Via)
	assert.Equal(t, mustSpan(t, "48 timmar"), r.Limit)
	require.Len(t, r.Citations, 4, "the post rule, the e-mail rule's two and the interim duty")
	assert.Contains(t, r.Citations[0].Quote, "Post med vanligt brev")

	// An unknown channel or audience is never covered.
	_, ok = nyk.ReplyDue(Channel("fax"), External, sthlm(2026, 1, 7, 9, 0))
	assert.False(t, ok)
	_, ok = nyk.ReplyDue(Email, Audience("press"), sthlm(2026, 1, 7, 9, 0))
	assert.False(t, ok)
	var nilPolicy *Policy
	_, ok = nilPolicy.ReplyDue(Email, External, sthlm(2026, 1, 7, 9, 0))
	assert.False(t, ok)
}

// ReplyDue and TargetDue take a shorter path than Reply; they must agree.
func TestReplyDueAgreesWithReply(t *testing.T) {
	at := sthlm(2026, 12, 23, 15, 0)
	for _, name := range Presets() {
		p, _ := Preset(name)
		for _, ch := range Channels() {
			for _, aud := range []Audience{External, Internal} {
				r, ok := p.Reply(ch, aud)
				due, dueOK := p.ReplyDue(ch, aud, at)
				assert.Equal(t, ok && !r.Limit.IsZero(), dueOK, "%s %s %s", name, ch, aud)
				if dueOK {
					assert.Equal(t, p.Calendar().Deadline(at, r.Limit), due)
				}
				target, targetOK := p.TargetDue(ch, aud, at)
				assert.Equal(t, ok && !r.Target.IsZero(), targetOK)
				if targetOK {
					assert.Equal(t, p.Calendar().Deadline(at, r.Target), target)
				}
			}
		}
	}
}

// WrittenReplyDue is defined through ReplyDue: the channel's own figure,
// else e-mail's, else post's. WrittenReply gives the rule behind it.
func TestWrittenReplyDueFallsBackOnEmailThenPost(t *testing.T) {
	for _, name := range Presets() {
		p, _ := Preset(name)
		for _, sc := range dueScenarios {
			for _, ch := range Channels() {
				for _, aud := range []Audience{External, Internal} {
					var want time.Time
					var wantVia Channel
					for _, via := range []Channel{ch, Email, Post} {
						if d, ok := p.ReplyDue(via, aud, sc.received); ok {
							want, wantVia = d, via
							break
						}
					}
					got, via, ok := p.WrittenReplyDue(ch, aud, sc.received)
					assert.Equal(t, wantVia != "", ok, "%s %s %s", name, ch, aud)
					assert.Equal(t, wantVia, via, "%s %s %s", name, ch, aud)
					assert.True(t, want.Equal(got), "%s %s %s %s: got %s, want %s", name, sc.name, ch, aud, got, want)
					r, rok := p.WrittenReply(ch, aud)
					assert.Equal(t, ok, rok, "%s %s %s", name, ch, aud)
					if ok {
						assert.Equal(t, via, r.Channel)
						assert.True(t, got.Equal(p.Calendar().Deadline(sc.received, r.Limit)))
					}
				}
			}
		}
	}

	at := sthlm(2026, 3, 10, 9, 0)
	tests := []struct {
		preset  string
		ch      Channel
		wantVia Channel // "" when there is no figure
		want    string
	}{
		{"nykvarn", Web, Email, "1 arbetsdag"}, // no rule for the web: e-mail's
		{"nykvarn", Phone, Phone, "1 arbetsdag"},
		{"nykvarn", SMS, SMS, "1 arbetsdag"}, // follows phone, by the policy's own words
		{"varmdo", Web, Email, "2 arbetsdagar"},
		{"ale", Web, Web, "3 arbetsdagar"},
		{"hassleholm", Web, "", ""}, // e-mail follows post, which is "skyndsamt"
		{"hassleholm", Voicemail, Voicemail, "1 arbetsdag"},
	}
	for _, tt := range tests {
		p, _ := Preset(tt.preset)
		_, ownOK := p.ReplyDue(tt.ch, External, at)
		assert.Equal(t, tt.ch == tt.wantVia, ownOK, "%s %s: ReplyDue never falls back", tt.preset, tt.ch)
		_, via, ok := p.WrittenReplyDue(tt.ch, External, at)
		assert.Equal(t, tt.wantVia, via, "%s %s", tt.preset, tt.ch)
		r, rok := p.WrittenReply(tt.ch, External)
		assert.Equal(t, ok, rok)
		if ok {
			assert.Equal(t, tt.want, r.Limit.String(), "%s %s", tt.preset, tt.ch)
		} else {
			assert.Equal(t, tt.ch, r.Channel)
		}
	}

	// A policy with a figure for post only: a written message follows post.
	postOnly, err := Parse([]byte(strings.Replace(minimal, `"channels": ["email"]`, `"channels": ["post"]`, 1)))
	require.NoError(t, err)
	_, via, ok := postOnly.WrittenReplyDue(Web, External, at)
	assert.True(t, ok)
	assert.Equal(t, Post, via)
	_, _, ok = postOnly.WrittenReplyDue(Web, Internal, at)
	assert.False(t, ok)
	var nilPolicy *Policy
	_, _, ok = nilPolicy.WrittenReplyDue(Web, External, at)
	assert.False(t, ok)
}
