package calendar_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/lang"
)

func TestParseSpan(t *testing.T) {
	tests := map[string]calendar.Span{
		"1 arbetsdag":       calendar.WorkingDays(1),
		"2 arbetsdagar":     calendar.WorkingDays(2),
		"2 Arbetsdagar":     calendar.WorkingDays(2),
		"  3   arbetsdagar": calendar.WorkingDays(3),
		"en arbetsdag":      calendar.WorkingDays(1),
		"48 timmar":         calendar.Hours(48),
		"1 timme":           calendar.Hours(1),
		"48h":               calendar.Hours(48),
		"3 veckor":          calendar.Days(21),
		"1 vecka":           calendar.Days(7),
		"21 dagar":          calendar.Days(21),
		"1 working day":     calendar.WorkingDays(1),
		"5 business days":   calendar.WorkingDays(5),
		"48 hours":          calendar.Hours(48),
		"3 weeks":           calendar.Days(21),
		"2 työpäivää":       calendar.WorkingDays(2),
		"1 työpäivä":        calendar.WorkingDays(1),
		"2 tyopaivaa":       calendar.WorkingDays(2),
		"48 tuntia":         calendar.Hours(48),
		"3 viikkoa":         calendar.Days(21),
		"21 päivää":         calendar.Days(21),
		"4 arbetstimmar":    calendar.WorkingTime(4 * time.Hour),
		"90 arbetsminuter":  calendar.WorkingTime(90 * time.Minute),
		"4 working hours":   calendar.WorkingTime(4 * time.Hour),
		"2 työtuntia":       calendar.WorkingTime(2 * time.Hour),
		"0 arbetsdagar":     calendar.WorkingDays(0),
	}
	for in, want := range tests {
		got, err := calendar.ParseSpan(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
}

func TestParseSpanErrorsQuoteInput(t *testing.T) {
	for in, why := range map[string]string{
		"":                "empty",
		"   ":             "empty",
		"arbetsdagar":     "no number",
		"2":               "no unit",
		"2 fortnights":    "unknown unit",
		"-2 arbetsdagar":  "negative",
		"99999999 dagar":  "too large",
		"100001 dagar":    "more than",
		"20000 veckor":    "more than",
		"2 arbetsdagar x": "unknown unit",
		"två arbetsdagar": "no number",
	} {
		_, err := calendar.ParseSpan(in)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), `"`+in+`"`, "the error quotes the input")
		assert.Contains(t, err.Error(), why, in)
	}
}

func TestSpanStringRoundTrip(t *testing.T) {
	spans := []calendar.Span{
		calendar.WorkingDays(0), calendar.WorkingDays(1), calendar.WorkingDays(2),
		calendar.WorkingTime(4 * time.Hour), calendar.WorkingTime(90 * time.Minute), calendar.WorkingTime(time.Hour),
		calendar.Hours(1), calendar.Hours(48), calendar.Days(1), calendar.Days(21),
	}
	for _, s := range spans {
		back, err := calendar.ParseSpan(s.String())
		require.NoError(t, err, s.String())
		assert.Equal(t, s, back, s.String())
		for _, l := range lang.All() {
			back, err := calendar.ParseSpan(s.Format(l))
			require.NoError(t, err, s.Format(l))
			assert.Equal(t, s, back, s.Format(l))
		}
	}
	assert.Equal(t, "2 arbetsdagar", calendar.WorkingDays(2).String())
	assert.Equal(t, "1 arbetsdag", calendar.WorkingDays(1).String())
	assert.Equal(t, "48 timmar", calendar.Hours(48).String())
	assert.Equal(t, "21 dagar", calendar.Days(21).String())
	assert.Equal(t, "2 työpäivää", calendar.WorkingDays(2).Format("fi"))
	assert.Equal(t, "1 working day", calendar.WorkingDays(1).Format("en"))
	assert.Equal(t, "90 arbetsminuter", calendar.WorkingTime(90*time.Minute).String())
}

func TestSpanJSON(t *testing.T) {
	type rule struct {
		Limit calendar.Span `json:"limit"`
	}
	b, err := json.Marshal(rule{calendar.WorkingDays(2)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"limit":"2 arbetsdagar"}`, string(b))
	var r rule
	require.NoError(t, json.Unmarshal([]byte(`{"limit":"48 hours"}`), &r))
	assert.Equal(t, calendar.Hours(48), r.Limit)
	err = json.Unmarshal([]byte(`{"limit":"many days"}`), &r)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"many days"`)
}

func TestSpanClamps(t *testing.T) {
	assert.Equal(t, calendar.WorkingDays(0), calendar.WorkingDays(-3))
	assert.Equal(t, calendar.WorkingDays(calendar.MaxCount), calendar.WorkingDays(1<<40))
	assert.Equal(t, calendar.WorkingTime(time.Minute), calendar.WorkingTime(time.Minute+30*time.Second))
	assert.Equal(t, calendar.UnitWorkingDays, calendar.Span{}.Unit())
	assert.True(t, calendar.Span{}.IsZero())
	assert.Equal(t, 48*time.Hour, calendar.Hours(48).Duration())
	assert.Equal(t, 2, calendar.WorkingDays(2).Count())
}

func TestIntervalAndDateText(t *testing.T) {
	for in, want := range map[string]string{
		"08:00-16:30":   "08:00-16:30",
		"8.00–16.30":    "08:00-16:30",
		" 9:15 - 12:00": "09:15-12:00",
		"00:00-24:00":   "00:00-24:00",
	} {
		got, err := calendar.ParseInterval(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got.String())
	}
	for _, in := range []string{"", "8-16", "16:00-08:00", "08:00-24:30", "08:60-09:00", "a:bc-de:fg", "08:00"} {
		_, err := calendar.ParseInterval(in)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), `"`+in+`"`)
	}
	d, err := calendar.ParseDate("2024-02-29")
	require.NoError(t, err)
	assert.Equal(t, time.Thursday, d.Weekday())
	assert.Equal(t, "2024-03-01", d.AddDays(1).String())
	for _, in := range []string{"2023-02-29", "2026-13-01", "26-01-01", "2026/01/01", ""} {
		_, err := calendar.ParseDate(in)
		require.Error(t, err, in)
	}
	b, err := json.Marshal(struct {
		D calendar.Date     `json:"d"`
		I calendar.Interval `json:"i"`
	}{d, calendar.Interval{Open: 8 * time.Hour, Close: 16*time.Hour + 30*time.Minute}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"d":"2024-02-29","i":"08:00-16:30"}`, string(b))
}

func TestExplain(t *testing.T) {
	c := newCal(t, calendar.WithClosures(calendar.Closure{Date: calendar.Date{Year: 2026, Month: time.May, Day: 15}, Reason: "klämdag"}))
	e := c.Explain(at(t, "2026-12-23 15:00"), calendar.WorkingDays(2))
	assert.Equal(t, c.Deadline(at(t, "2026-12-23 15:00"), calendar.WorkingDays(2)), e.Deadline)
	require.Len(t, e.Skipped, 4)
	assert.Equal(t, "julafton", e.Skipped[0].Why.Text("sv"))
	assert.Equal(t, calendar.Eve, e.Skipped[0].Why.Kind)
	assert.Equal(t, "söndag", e.Skipped[3].Why.Text("sv"))
	assert.Equal(t, calendar.Weekend, e.Skipped[3].Why.Kind)
	assert.Contains(t, e.Text("sv"), "24 december (julafton)")
	assert.Contains(t, e.Text("sv"), "Senast: tisdag 29 december 2026 kl. 16:30.")
	assert.Contains(t, e.Text("en"), "24 December (Christmas Eve)")
	assert.Contains(t, e.Text("en"), "Due by: Tuesday 29 December 2026 at 16:30.")
	assert.Contains(t, e.Text("fi"), "24. joulukuuta (jouluaatto)")

	e = c.Explain(at(t, "2026-05-13 17:00"), calendar.WorkingDays(1))
	assert.True(t, e.AfterClose)
	assert.Equal(t, calendar.Date{Year: 2026, Month: time.May, Day: 18}, e.Start)
	assert.Contains(t, e.Text("sv"), "14 maj (Kristi himmelsfärdsdag), 15 maj (stängt: klämdag), 16 maj (lördag), 17 maj (söndag)")
	assert.Contains(t, e.Text("en"), "15 May (closed: klämdag)")

	e = c.Explain(at(t, "2026-12-03 10:00"), calendar.Days(21))
	assert.Equal(t, calendar.Date{Year: 2026, Month: time.December, Day: 24}, e.MovedFrom)
	assert.Contains(t, e.Text("sv"), "lag 1930:173")
	assert.Contains(t, e.Text("en"), "Act 1930:173")

	e = c.Explain(at(t, "2026-11-20 16:00"), calendar.WorkingTime(time.Hour))
	require.Len(t, e.Skipped, 2)
	assert.Equal(t, "lördag", e.Skipped[0].Why.Name)

	e = c.Explain(at(t, "2026-01-01 10:00"), calendar.WorkingDays(2000))
	assert.Len(t, e.Skipped, 60)
	assert.Greater(t, e.MoreSkipped, 0)
	assert.Contains(t, e.Text("sv"), "och ytterligare")
}
