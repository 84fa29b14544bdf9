package policyfacts_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/servicerules"
	"github.com/kommunkit/kommunkit/wasm/internal/policyfacts"
)

// decode turns JSON into the shape syscall/js hands the widget.
func decode(t testing.TB, b []byte) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(b, &v))
	return v
}

// api serves the real feedback API for policy p, with its clock at *now.
func api(t *testing.T, p *servicerules.Policy, now *atomic.Int64) http.Handler {
	t.Helper()
	db, err := sqlstore.OpenSQLite(filepath.Join(t.TempDir(), "k.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	store, err := sqlstore.Open(context.Background(), db, sqlstore.Config{Calendar: p.Calendar()})
	require.NoError(t, err)
	t.Cleanup(func() { store.Close() })
	h, err := httpapi.New(httpapi.Config{Store: store, Policy: p, StaffToken: "policyfacts-test-staff-token-0123456789",
		Now: func() time.Time { return time.Unix(0, now.Load()) }})
	require.NoError(t, err)
	return h
}

type served struct {
	Channels []struct {
		Channel string `json:"channel"`
		Reply   *struct {
			DueIfSentNow *time.Time `json:"due_if_sent_now"`
		} `json:"reply"`
	} `json:"channels"`
}

func getPolicy(t *testing.T, h http.Handler) ([]byte, served) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/policy", nil))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var s served
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &s))
	return rec.Body.Bytes(), s
}

// instants are times over two years at odd hours, so that they fall on
// every weekday and hour, plus the hard cases around the holidays.
func instants(t *testing.T) []time.Time {
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

// The browser must promise the date the server's receipt gives.
func TestReplyDueMatchesTheAPI(t *testing.T) {
	ts := instants(t)
	for _, name := range servicerules.Presets() {
		t.Run(name, func(t *testing.T) {
			p, err := servicerules.Preset(name)
			require.NoError(t, err)
			var now atomic.Int64
			now.Store(ts[0].UnixNano())
			h := api(t, p, &now)
			body, _ := getPolicy(t, h)
			f, err := policyfacts.Read(decode(t, body))
			require.NoError(t, err)

			figures := 0
			for _, ch := range servicerules.Channels() {
				for _, at := range ts {
					want, _, wantOK := p.WrittenReplyDue(ch, servicerules.External, at)
					got, gotOK := f.ReplyDue(string(ch), at)
					require.Equal(t, wantOK, gotOK, "%s %s", ch, at)
					require.True(t, want.Equal(got), "%s %s: want %s, got %s", ch, at, want, got)
					if gotOK {
						figures++
					}
				}
			}
			// And the guidance of /api/classify (feedback.Preview, the receipt
			// Intake's case would give), for a question, which is owed a
			// reply, at some of the times.
			for _, ch := range servicerules.Channels() {
				for _, at := range everyNth(ts, 13) {
					cl, r, err := feedback.Preview(feedback.Draft{Text: "När öppnar simhallen?", Channel: ch}, at, p)
					require.NoError(t, err)
					require.Equal(t, message.Question, cl.Kind)
					got, gotOK := f.ReplyDue(string(ch), at)
					require.Equal(t, r.Due != nil, gotOK, "%s %s", ch, at)
					if gotOK {
						require.True(t, r.Due.Equal(got), "%s %s: guidance %s, browser %s", ch, at, r.Due, got)
					}
				}
			}
			// And the API's own due_if_sent_now, at a few of the times.
			for _, at := range everyNth(ts, 97) {
				now.Store(at.UnixNano())
				_, s := getPolicy(t, h)
				for _, c := range s.Channels {
					got, ok := f.ReplyDue(c.Channel, at)
					if c.Reply == nil || c.Reply.DueIfSentNow == nil {
						assert.False(t, ok, "%s", c.Channel)
						continue
					}
					require.True(t, ok, c.Channel)
					assert.True(t, c.Reply.DueIfSentNow.Equal(got), "%s at %s: API %s, browser %s", c.Channel, at, c.Reply.DueIfSentNow, got)
				}
			}
			if name != "hassleholm" {
				assert.Positive(t, figures, "the preset has response times")
			}
		})
	}
}

func TestReplyFollowsVia(t *testing.T) {
	p, err := servicerules.Preset("nykvarn")
	require.NoError(t, err)
	var now atomic.Int64
	now.Store(time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location()).UnixNano())
	body, _ := getPolicy(t, api(t, p, &now))
	f, err := policyfacts.Read(decode(t, body))
	require.NoError(t, err)

	web, ok := f.Reply("web")
	require.True(t, ok, "nykvarn gives no figure for the web, so e-mail's applies")
	assert.Equal(t, "email", web.Via)
	assert.Equal(t, "1 arbetsdag", web.Limit.String())
	assert.False(t, web.HasTarget)
}

func TestReadCalendar(t *testing.T) {
	loc := calendar.Location()
	doc := `{
		"office_hours": {"monday": ["08:00-12:00", "13:00-16:00"], "tuesday": ["08:00-12:00", "13:00-16:00"],
			"wednesday": ["08:00-12:00", "13:00-16:00"], "thursday": ["08:00-12:00", "13:00-16:00"],
			"friday": ["08:00-15:00"], "saturday": ["10:00-14:00"], "sunday": []},
		"closures": [{"date": "2026-05-15", "reason": "klämdag"}],
		"short_days": "state-agreement",
		"channels": [
			{"channel": "web", "reply": {"via": "web", "limit": "1 arbetsdag", "target": "4 arbetstimmar"}},
			{"channel": "post", "reply": null},
			{"channel": "sms", "reply": {"via": "sms", "limit": ""}}]}`
	f, err := policyfacts.Read(decode(t, []byte(doc)))
	require.NoError(t, err)
	cal := f.Calendar()

	assert.True(t, cal.IsOpen(time.Date(2026, 5, 12, 9, 0, 0, 0, loc)))
	assert.False(t, cal.IsOpen(time.Date(2026, 5, 12, 12, 30, 0, 0, loc)), "lunch")
	assert.False(t, cal.IsOpen(time.Date(2026, 5, 8, 15, 30, 0, 0, loc)), "Friday closes at 15")
	assert.True(t, cal.IsOpen(time.Date(2026, 5, 9, 11, 0, 0, 0, loc)), "Saturday hours")
	assert.False(t, cal.IsOpen(time.Date(2026, 5, 10, 11, 0, 0, 0, loc)), "Sunday is closed")
	assert.False(t, cal.IsWorkday(time.Date(2026, 5, 15, 11, 0, 0, 0, loc)), "closure day")
	// Skärtorsdag 2026 (2 April) is four hours shorter under the state
	// agreement: it closes before the lunch break.
	short := cal.HoursOn(calendar.Date{Year: 2026, Month: 4, Day: 2})
	require.Len(t, short, 1)
	assert.Equal(t, 8*time.Hour, short[0].Open)
	assert.Less(t, short[0].Close, 12*time.Hour)

	r, ok := f.Reply("web")
	require.True(t, ok)
	assert.True(t, r.HasTarget)
	assert.Equal(t, "4 arbetstimmar", r.Target.String())
	_, ok = f.Reply("post")
	assert.False(t, ok, "null reply")
	_, ok = f.Reply("sms")
	assert.False(t, ok, "a duty without a figure")

	// Thursday 14 May 2026 after close: the 15th is a closure day, so
	// counting starts on Saturday the 16th, which has office hours here;
	// Sunday has none, so one working day later is Monday the 18th.
	due, ok := f.ReplyDue("web", time.Date(2026, 5, 14, 17, 0, 0, 0, loc))
	require.True(t, ok)
	assert.Equal(t, time.Date(2026, 5, 18, 16, 0, 0, 0, loc), due)
}

func TestReadDefaults(t *testing.T) {
	loc := calendar.Location()
	f, err := policyfacts.Read(map[string]any{})
	require.NoError(t, err)
	_, ok := f.ReplyDue("web", time.Date(2026, 5, 12, 9, 0, 0, 0, loc))
	assert.False(t, ok)
	assert.Equal(t, []calendar.Interval{{Open: 8 * time.Hour, Close: 16*time.Hour + 30*time.Minute}},
		f.Calendar().HoursOn(calendar.Date{Year: 2026, Month: 5, Day: 12}))
	assert.True(t, policyfacts.Facts{}.Calendar().IsOpen(time.Date(2026, 5, 12, 9, 0, 0, 0, loc)))
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want string
	}{
		{`[]`, "not an object"},
		{`{"office_hours": 3}`, "office_hours: not an object"},
		{`{"office_hours": {"monday": ["8-25"]}}`, `office_hours.monday[0]: "8-25" is not office hours`},
		{`{"office_hours": {"monday": "08:00-16:00"}}`, "office_hours.monday: not a list"},
		{`{"office_hours": {}}`, "office_hours:"},
		{`{"closures": {}}`, "closures: not a list"},
		{`{"closures": [3]}`, "closures[0]: not an object"},
		{`{"closures": [{"date": "2026-02-30"}]}`, `closures[0].date: "2026-02-30" is not a date`},
		{`{"short_days": "summer"}`, `short_days: unknown rules "summer"`},
		{`{"channels": {}}`, "channels: not a list"},
		{`{"channels": [7]}`, "channels[0]: not an object"},
		{`{"channels": [{"channel": "web", "reply": 1}]}`, "channels[0].reply: not an object"},
		{`{"channels": [{"channel": "web", "reply": {"limit": "soon"}}]}`, `channels[0].reply.limit: "soon" is not a span`},
		{`{"channels": [{"channel": "web", "reply": {"limit": "1 arbetsdag", "target": "x"}}]}`, `channels[0].reply.target: "x" is not a span`},
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
	f.Add([]byte(`{"office_hours": {"monday": ["08:00-16:30"], "saturday": []}, "closures": [{"date": "2026-05-15"}], "short_days": "state-agreement",
		"channels": [{"channel": "web", "reply": {"via": "email", "limit": "2 dagar", "target": "48 timmar"}}]}`))
	f.Add([]byte(`{"channels": [{"channel": "web", "reply": {"limit": "0 arbetsdagar"}}]}`))
	f.Add([]byte(`null`))
	at := time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location())
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
			if due, ok := facts.ReplyDue(string(ch), at); ok && due.Before(at) {
				t.Fatalf("due %s before receipt %s", due, at)
			}
		}
	})
}

func ExampleRead() {
	// The facts as GET /api/policy returns them, decoded by the browser.
	var v any
	_ = json.Unmarshal([]byte(`{"channels": [{"channel": "web", "reply": {"via": "email", "limit": "2 arbetsdagar"}}]}`), &v)
	facts, err := policyfacts.Read(v)
	if err != nil {
		fmt.Println(err)
		return
	}
	received := time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location())
	due, _ := facts.ReplyDue("web", received)
	fmt.Println(calendar.Format(due, "sv"))
	// Output: tisdag 29 december 2026 kl. 16:30
}

func everyNth(ts []time.Time, n int) []time.Time {
	var out []time.Time
	for i := 0; i < len(ts); i += n {
		out = append(out, ts[i])
	}
	return out
}

// TestReadErrorsWrap checks that Read's errors keep their cause (the
// calendar's error about hours, a span or a date) for errors.Unwrap, with
// the text TestReadErrors reads.
func TestReadErrorsWrap(t *testing.T) {
	_, err := policyfacts.Read(decode(t, []byte(`{"office_hours": {}}`)))
	require.Error(t, err)
	var closed []calendar.Option
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		closed = append(closed, calendar.WithHours(wd))
	}
	_, want := calendar.New(closed...)
	require.Error(t, want, "a calendar that is never open")
	cause := errors.Unwrap(err)
	require.NotNil(t, cause, "Read's error wraps calendar.New's")
	assert.Equal(t, want.Error(), cause.Error())
	assert.Equal(t, "policyfacts: office_hours: "+want.Error(), err.Error())

	_, err = policyfacts.Read(decode(t, []byte(`{"channels": [{"channel": "web", "reply": {"limit": "soon"}}]}`)))
	require.Error(t, err)
	require.NotNil(t, errors.Unwrap(err), "Read's error wraps the span's")
	assert.Equal(t, `.limit: "soon" is not a span`, errors.Unwrap(err).Error())
	_, want = calendar.ParseSpan("soon")
	require.Error(t, want)
	assert.Equal(t, want.Error(), errors.Unwrap(errors.Unwrap(err)).Error(), "and the span's wraps calendar.ParseSpan's")

	_, err = policyfacts.Read(decode(t, []byte(`{"closures": [{"date": "2026-02-30"}]}`)))
	_, want = calendar.ParseDate("2026-02-30")
	require.Error(t, want)
	require.NotNil(t, errors.Unwrap(err), "Read's error wraps calendar.ParseDate's")
	assert.Equal(t, want.Error(), errors.Unwrap(err).Error())
	assert.Equal(t, `policyfacts: closures[0].date: "2026-02-30" is not a date`, err.Error())
}
