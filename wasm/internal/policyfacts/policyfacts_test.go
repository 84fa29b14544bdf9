package policyfacts_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/servicerules"
	"github.com/kommunkit/kommunkit/wasm/internal/policyfacts"
)

var presets = []string{"ale", "hassleholm", "nykvarn", "osteraker", "varmdo"}

// decode turns JSON into the shape syscall/js hands the widget.
func decode(t testing.TB, b []byte) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(b, &v))
	return v
}

func presetFacts(t *testing.T, name string) (*servicerules.Policy, policyfacts.Facts) {
	t.Helper()
	p, err := servicerules.Preset(name)
	require.NoError(t, err)
	b, err := p.MarshalJSON()
	require.NoError(t, err)
	f, err := policyfacts.Read(decode(t, b))
	require.NoError(t, err)
	return p, f
}

// times returns instants over two years, at odd hours so that they fall on
// every weekday and hour, plus the hard cases around the holidays.
func times(t *testing.T) []time.Time {
	t.Helper()
	loc := calendar.Location()
	var ts []time.Time
	for at := time.Date(2026, 1, 1, 0, 17, 0, 0, loc); at.Year() < 2028; at = at.Add(7*time.Hour + 13*time.Minute) {
		ts = append(ts, at)
	}
	for _, s := range []string{"2026-12-23T15:00:00+01:00", "2026-12-23T16:45:00+01:00", "2026-06-18T16:29:00+02:00",
		"2026-04-02T11:59:00+02:00", "2026-03-28T23:30:00+01:00", "2026-10-24T23:30:00+02:00"} {
		at, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		ts = append(ts, at)
	}
	return ts
}

func TestReplyDueMatchesServicerules(t *testing.T) {
	ts := times(t)
	for _, name := range presets {
		t.Run(name, func(t *testing.T) {
			p, f := presetFacts(t, name)
			for _, ch := range servicerules.Channels() {
				for _, aud := range []servicerules.Audience{servicerules.External, servicerules.Internal} {
					for _, at := range ts {
						want, wantOK := p.ReplyDue(ch, aud, at)
						got, gotOK := f.ReplyDue(string(ch), string(aud), at)
						require.Equal(t, wantOK, gotOK, "%s %s %s", ch, aud, at)
						require.True(t, want.Equal(got), "%s %s %s: want %s, got %s", ch, aud, at, want, got)
					}
				}
			}
		})
	}
}

func TestRuleFollowsReferences(t *testing.T) {
	_, f := presetFacts(t, "nykvarn")
	sms, ok := f.Rule("sms", policyfacts.External)
	require.True(t, ok)
	phone, ok := f.Rule("phone", policyfacts.External)
	require.True(t, ok)
	assert.Equal(t, phone.Limit, sms.Limit)
	assert.Equal(t, "1 arbetsdag", sms.Limit.String())

	web, ok := f.Rule("web", policyfacts.External)
	require.True(t, ok, "the web rule states a duty without a figure")
	assert.False(t, web.HasLimit)
	assert.Contains(t, web.Note, "snarast")

	_, ok = f.Rule("eservice", policyfacts.External)
	assert.False(t, ok)
}

func TestTarget(t *testing.T) {
	_, f := presetFacts(t, "ale")
	r, ok := f.Rule("web", policyfacts.External)
	require.True(t, ok)
	require.True(t, r.HasLimit)
	require.True(t, r.HasTarget)
	assert.Equal(t, "3 arbetsdagar", r.Limit.String())
	assert.Equal(t, "1 arbetsdag", r.Target.String())
}

func TestReadCalendar(t *testing.T) {
	loc := calendar.Location()
	doc := `{"calendar": {
		"officeHours": {"weekdays": ["08:00-12:00", "13:00-16:00"], "friday": ["08:00-15:00"], "saturday": ["10:00-14:00"]},
		"closures": [{"date": "2026-05-15", "reason": "klämdag"}],
		"shortDays": "state-agreement"},
		"replies": [{"channels": ["web"], "audiences": ["external"], "limit": "1 arbetsdag"}]}`
	f, err := policyfacts.Read(decode(t, []byte(doc)))
	require.NoError(t, err)
	cal := f.Calendar()

	assert.True(t, cal.IsOpen(time.Date(2026, 5, 12, 9, 0, 0, 0, loc)))
	assert.False(t, cal.IsOpen(time.Date(2026, 5, 12, 12, 30, 0, 0, loc)), "lunch")
	assert.False(t, cal.IsOpen(time.Date(2026, 5, 8, 15, 30, 0, 0, loc)), "Friday closes at 15")
	assert.True(t, cal.IsOpen(time.Date(2026, 5, 9, 11, 0, 0, 0, loc)), "Saturday hours")
	assert.False(t, cal.IsOpen(time.Date(2026, 5, 10, 11, 0, 0, 0, loc)), "Sunday is not listed")
	assert.False(t, cal.IsWorkday(time.Date(2026, 5, 15, 11, 0, 0, 0, loc)), "closure day")
	// Skärtorsdag 2026 (2 April) is four hours shorter under the state
	// agreement: it closes before the lunch break.
	short := cal.HoursOn(calendar.Date{Year: 2026, Month: 4, Day: 2})
	require.Len(t, short, 1)
	assert.Equal(t, 8*time.Hour, short[0].Open)
	assert.Less(t, short[0].Close, 12*time.Hour)

	// Thursday 14 May 2026 after close: the 15th is a closure day, so
	// counting starts on Saturday the 16th, which has office hours here;
	// Sunday has none, so one working day later is Monday the 18th.
	due, ok := f.ReplyDue("web", "external", time.Date(2026, 5, 14, 17, 0, 0, 0, loc))
	require.True(t, ok)
	assert.Equal(t, time.Date(2026, 5, 18, 16, 0, 0, 0, loc), due)
}

func TestReadDefaults(t *testing.T) {
	f, err := policyfacts.Read(map[string]any{})
	require.NoError(t, err)
	_, ok := f.ReplyDue("web", "external", time.Now())
	assert.False(t, ok)
	loc := calendar.Location()
	assert.Equal(t, []calendar.Interval{{Open: 8 * time.Hour, Close: 16*time.Hour + 30*time.Minute}},
		f.Calendar().HoursOn(calendar.Date{Year: 2026, Month: 5, Day: 12}))
	assert.True(t, policyfacts.Facts{}.Calendar().IsOpen(time.Date(2026, 5, 12, 9, 0, 0, 0, loc)))
}

func TestReadCircleHasNoRule(t *testing.T) {
	doc := `{"replies": [
		{"channels": ["sms"], "audiences": ["external"], "follows": "phone"},
		{"channels": ["phone"], "audiences": ["external"], "follows": "sms"}]}`
	f, err := policyfacts.Read(decode(t, []byte(doc)))
	require.NoError(t, err)
	_, ok := f.Rule("sms", "external")
	assert.False(t, ok)
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want string
	}{
		{`[]`, "not an object"},
		{`{"calendar": 3}`, "calendar: not an object"},
		{`{"calendar": {"officeHours": {"weekdays": ["8-25"]}}}`, `calendar.officeHours.weekdays[0]: "8-25" is not office hours`},
		{`{"calendar": {"officeHours": {"monday": "08:00-16:00"}}}`, "calendar.officeHours.monday: not a list"},
		{`{"calendar": {"officeHours": {"weekdays": []}}}`, "calendar:"},
		{`{"calendar": {"closures": [{"date": "2026-02-30"}]}}`, `calendar.closures[0].date: "2026-02-30" is not a date`},
		{`{"calendar": {"shortDays": "summer"}}`, `calendar.shortDays: unknown rules "summer"`},
		{`{"replies": {}}`, "replies: not a list"},
		{`{"replies": [{"channels": ["web"], "audiences": ["external"], "limit": "soon"}]}`, `replies[0].limit: "soon" is not a span`},
		{`{"replies": [{"channels": "web"}]}`, "replies[0].channels: not a list"},
		{`{"replies": [{"channels": [1]}]}`, "replies[0].channels: not a list of strings"},
		{`{"replies": [7]}`, "replies[0]: not an object"},
	} {
		t.Run(tc.doc, func(t *testing.T) {
			_, err := policyfacts.Read(decode(t, []byte(tc.doc)))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), "policyfacts: ")
		})
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range presets {
		p, err := servicerules.Preset(name)
		require.NoError(f, err)
		b, err := p.MarshalJSON()
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"calendar": {"officeHours": {"weekdays": ["08:00-16:30"], "saturday": []}}, "replies": [{"channels": ["web"], "audiences": ["external"], "limit": "2 dagar", "follows": "web"}]}`))
	f.Add([]byte(`null`))
	loc := calendar.Location()
	at := time.Date(2026, 12, 23, 15, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, b []byte) {
		var v any
		if json.Unmarshal(b, &v) != nil {
			return
		}
		facts, err := policyfacts.Read(v)
		if err != nil {
			return
		}
		for _, ch := range servicerules.Channels() {
			if due, ok := facts.ReplyDue(string(ch), "external", at); ok && due.Before(at) {
				t.Fatalf("due %s before receipt %s", due, at)
			}
		}
	})
}

func ExampleRead() {
	// The facts as GET /api/policy returns them, decoded by the browser.
	var v any
	_ = json.Unmarshal([]byte(`{"replies": [{"channels": ["email", "web"], "audiences": ["external"], "limit": "2 arbetsdagar"}]}`), &v)
	facts, err := policyfacts.Read(v)
	if err != nil {
		fmt.Println(err)
		return
	}
	received := time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location())
	due, _ := facts.ReplyDue("web", policyfacts.External, received)
	fmt.Println(calendar.Format(due, "sv"))
	// Output: tisdag 29 december 2026 kl. 16:30
}
