package appeal_test

import (
	"testing"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/appeal"
	"github.com/kommunkit/kommunkit/servicerules"
)

func sthlm(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Location())
}

func date(y int, m time.Month, d int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: d} }

func TestDue(t *testing.T) {
	tests := []struct {
		name      string
		decision  calendar.Date
		received  time.Time
		from      calendar.Date
		known     bool
		by        time.Time
		movedFrom calendar.Date
	}{
		{"from the decision", date(2026, 3, 2), sthlm(2026, 3, 10, 9, 0), date(2026, 3, 2), true, sthlm(2026, 3, 23, 23, 59).Add(59 * time.Second), calendar.Date{}},
		{"unknown: from the day of the message", calendar.Date{}, sthlm(2026, 3, 10, 15, 30), date(2026, 3, 10), false, sthlm(2026, 3, 31, 23, 59).Add(59 * time.Second), calendar.Date{}},
		{"an impossible date is not known", date(2026, 2, 30), sthlm(2026, 3, 10, 9, 0), date(2026, 3, 10), false, sthlm(2026, 3, 31, 23, 59).Add(59 * time.Second), calendar.Date{}},
		// Three weeks from 7 March 2026 end on Saturday 28 March: moved to Monday 30 March.
		{"a Saturday moves to Monday", date(2026, 3, 7), sthlm(2026, 3, 10, 9, 0), date(2026, 3, 7), true, sthlm(2026, 3, 30, 23, 59).Add(59 * time.Second), date(2026, 3, 28)},
		// Three weeks from 3 December 2026 end on julafton, Thursday 24 December: moved past Christmas to Monday 28 December.
		{"julafton moves past Christmas", date(2026, 12, 3), sthlm(2026, 12, 10, 9, 0), date(2026, 12, 3), true, sthlm(2026, 12, 28, 23, 59).Add(59 * time.Second), date(2026, 12, 24)},
		{"a time late in the evening counts its own day", calendar.Date{}, sthlm(2026, 3, 10, 23, 59), date(2026, 3, 10), false, sthlm(2026, 3, 31, 23, 59).Add(59 * time.Second), calendar.Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := appeal.Due(tt.decision, tt.received)
			if got.From != tt.from || got.Known != tt.known || !got.By.Equal(tt.by) || got.MovedFrom != tt.movedFrom {
				t.Errorf("Due(%v, %v) = %+v; want From %v, Known %v, By %v, MovedFrom %v", tt.decision, tt.received, got, tt.from, tt.known, tt.by, tt.movedFrom)
			}
			if loc := got.By.Location(); loc != calendar.Location() {
				t.Errorf("By is in %v, not Europe/Stockholm", loc)
			}
		})
	}
}

// TestDueIgnoresClosureDays: an organisation's closure days never move a
// statutory deadline, so Due needs no policy.
func TestDueIgnoresClosureDays(t *testing.T) {
	for _, name := range servicerules.Presets() {
		p, err := servicerules.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		for day := range 400 {
			from := date(2026, 1, 1).AddDays(day)
			want := p.Calendar().Deadline(from.Midnight(), appeal.Period())
			if got := appeal.Due(from, from.Midnight()).By; !got.Equal(want) {
				t.Fatalf("%s: from %v, Due gives %v, the policy's calendar %v", name, from, got, want)
			}
		}
	}
}
