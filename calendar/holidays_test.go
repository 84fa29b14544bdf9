package calendar_test

import (
	"bufio"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
)

func newCal(t testing.TB, opts ...calendar.Option) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(opts...)
	require.NoError(t, err)
	return c
}

// holidayMap returns "YYYY-MM-DD" -> sorted lower-case names for a year.
func holidayMap(c *calendar.Calendar, year int) map[string][]string {
	out := map[string][]string{}
	for _, h := range c.Holidays(year) {
		k := calendar.DateOf(h.Date).String()
		out[k] = append(out[k], strings.ToLower(h.Name))
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

// TestHolidaysAgainstPythonHolidays cross-checks every holiday from 1990 to
// 2100 with an independent source: Debian's python3-holidays
// (include_sundays=False), recorded by testdata/gen_holidays_python.sh.
func TestHolidaysAgainstPythonHolidays(t *testing.T) {
	f, err := os.Open("testdata/holidays_python_1990_2100.txt")
	require.NoError(t, err)
	defer f.Close()
	want := map[int]map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		date, names, ok := strings.Cut(sc.Text(), "\t")
		require.True(t, ok, sc.Text())
		d, err := calendar.ParseDate(date)
		require.NoError(t, err)
		if want[d.Year] == nil {
			want[d.Year] = map[string][]string{}
		}
		for _, n := range strings.Split(names, ", ") {
			want[d.Year][date] = append(want[d.Year][date], strings.ToLower(n))
		}
	}
	require.NoError(t, sc.Err())
	require.Len(t, want, 111, "the source must cover 1990-2100")
	c := newCal(t)
	for y := 1990; y <= 2100; y++ {
		w := want[y]
		for _, v := range w {
			sort.Strings(v)
		}
		assert.Equal(t, w, holidayMap(c, y), "year %d", y)
	}
}

func TestHolidaysRules(t *testing.T) {
	c := newCal(t)
	has := func(year int, date, name string) bool {
		return contains(holidayMap(c, year)[date], name)
	}
	// Annandag pingst was an allmän helgdag until 2004; Sveriges nationaldag from 2005.
	assert.True(t, has(2004, "2004-05-31", "annandag pingst"))
	assert.False(t, has(2004, "2004-06-06", "sveriges nationaldag"))
	assert.False(t, has(2005, "2005-05-16", "annandag pingst"))
	assert.True(t, has(2005, "2005-06-06", "sveriges nationaldag"))
	assert.True(t, has(1954, "1954-06-07", "annandag pingst"))
	assert.True(t, has(2200, "2200-06-06", "sveriges nationaldag"))
	// Easter in March (2008, 2016) and in April (2026, 2038).
	assert.True(t, has(2008, "2008-03-23", "påskdagen"))
	assert.True(t, has(2016, "2016-03-25", "långfredagen"))
	assert.True(t, has(2026, "2026-04-06", "annandag påsk"))
	assert.True(t, has(2038, "2038-04-25", "påskdagen"))
	// Midsommarafton is the Friday between 19 and 25 June.
	assert.True(t, has(2026, "2026-06-19", "midsommarafton"))
	assert.True(t, has(2027, "2027-06-25", "midsommarafton"))
	assert.True(t, has(2027, "2027-06-26", "midsommardagen"))
	// Alla helgons dag is the Saturday between 31 October and 6 November.
	assert.True(t, has(2026, "2026-10-31", "alla helgons dag"))
	assert.True(t, has(2027, "2027-11-06", "alla helgons dag"))
	// Two holidays on one day are both listed.
	assert.True(t, has(2008, "2008-05-01", "första maj"))
	assert.True(t, has(2008, "2008-05-01", "kristi himmelsfärdsdag"))
}

func TestHolidaysShape(t *testing.T) {
	c := newCal(t)
	for y := 1954; y <= 2200; y++ {
		hs := c.Holidays(y)
		require.True(t, len(hs) >= 16 && len(hs) <= 17, "year %d has %d holidays", y, len(hs))
		deFacto := 0
		for i, h := range hs {
			require.Equal(t, calendar.Location(), h.Date.Location())
			require.Zero(t, h.Date.Hour()+h.Date.Minute()+h.Date.Second(), "local midnight")
			require.Equal(t, y, h.Date.Year())
			if i > 0 {
				require.False(t, h.Date.Before(hs[i-1].Date), "sorted")
			}
			switch h.Kind {
			case calendar.DeFacto:
				deFacto++
				require.Contains(t, []string{"midsommarafton", "julafton", "nyårsafton"}, h.Name)
			case calendar.Public:
				// Ordinary Sundays are not listed: the Sundays are named feasts.
				if h.Date.Weekday() == time.Sunday {
					require.Contains(t, []string{"påskdagen", "pingstdagen", "Sveriges nationaldag",
						"nyårsdagen", "trettondedag jul", "första maj", "juldagen", "annandag jul"}, h.Name)
				}
			default:
				t.Fatalf("unknown kind %v", h.Kind)
			}
		}
		require.Equal(t, 3, deFacto, "year %d", y)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
