package calendar_test

import (
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
)

// TestStateAgreementShortDaysAsBefore checks the state agreement's short
// days over four thousand years against the rickar/cal rules the preset was
// written in before it had rules of its own.
func TestStateAgreementShortDaysAsBefore(t *testing.T) {
	before := map[string]*cal.Holiday{
		"trettondagsafton":          {Month: time.January, Day: 5, Func: cal.CalcDayOfMonth},
		"skärtorsdag":               {Offset: -3, Func: cal.CalcEasterOffset},
		"valborgsmässoafton":        {Month: time.April, Day: 30, Func: cal.CalcDayOfMonth},
		"dag före alla helgons dag": {Month: time.October, Day: 30, Weekday: time.Friday, Offset: 1, Func: cal.CalcWeekdayFrom},
	}
	days := calendar.StateAgreementShortDays()
	require.Len(t, days, len(before))
	for _, sd := range days {
		rule, ok := before[sd.Name]
		require.True(t, ok, sd.Name)
		for y := 1; y <= 4000; y++ {
			old, _ := rule.Calc(y)
			oy, om, od := old.Date() // as the calendar read the rule before
			want := calendar.Date{Year: oy, Month: om, Day: od}
			got, ok := sd.Day.In(y)
			if !ok || got != want {
				t.Fatalf("%s in %d: got %s (%v), before %s", sd.Name, y, got, ok, want)
			}
		}
	}
}

func TestDayRule(t *testing.T) {
	d := func(y int, m time.Month, day int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: day} }
	for _, tt := range []struct {
		name string
		rule calendar.DayRule
		year int
		want calendar.Date
		ok   bool
	}{
		{"fixed", calendar.FixedDate(time.April, 30), 2026, d(2026, time.April, 30), true},
		{"leap day in a leap year", calendar.FixedDate(time.February, 29), 2024, d(2024, time.February, 29), true},
		{"leap day in another year", calendar.FixedDate(time.February, 29), 2026, calendar.Date{}, false},
		{"skärtorsdag 2026", calendar.FromEaster(-3), 2026, d(2026, time.April, 2), true},
		{"skärtorsdag 2016, Easter in March", calendar.FromEaster(-3), 2016, d(2016, time.March, 24), true},
		{"Easter Sunday", calendar.FromEaster(0), 2038, d(2038, time.April, 25), true},
		{"Friday on 30 October", calendar.WeekdayOnOrAfter(time.Friday, time.October, 30), 2026, d(2026, time.October, 30), true},
		{"Friday after 30 October", calendar.WeekdayOnOrAfter(time.Friday, time.October, 30), 2025, d(2025, time.October, 31), true},
		{"Friday in November", calendar.WeekdayOnOrAfter(time.Friday, time.October, 30), 2027, d(2027, time.November, 5), true},
		{"zero rule", calendar.DayRule{}, 2026, calendar.Date{}, false},
		{"no such month", calendar.FixedDate(13, 1), 2026, calendar.Date{}, false},
	} {
		got, ok := tt.rule.In(tt.year)
		assert.Equal(t, tt.ok, ok, tt.name)
		assert.Equal(t, tt.want, got, tt.name)
	}
}
