package webui

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

// MaxPeriodDays is the longest period the dashboard and the export cover.
const MaxPeriodDays = 3 * 366

// period is the period of a follow-up request: the dates from and to, both
// included, in Stockholm.
type period struct {
	From, To calendar.Date
}

// Period returns the half-open feedback.Period of p.
func (p period) Period() feedback.Period {
	return feedback.Period{From: p.From.Midnight(), To: p.To.AddDays(1).Midnight()}
}

// query is the query string of p: "from=2026-01-01&to=2026-03-31".
func (p period) query() string { return "from=" + p.From.String() + "&to=" + p.To.String() }

// readPeriod reads ?from and ?to; a missing one takes its default (the
// last 30 days, up to today). It reports false for dates it cannot read,
// dates outside feedback.EarliestDate and feedback.LatestDate (the bounds
// of the API), a period that ends before it starts, or one longer than
// MaxPeriodDays.
func readPeriod(r *http.Request, today calendar.Date) (period, bool) {
	p := period{From: today.AddDays(-29), To: today}
	ok := true
	q := r.URL.Query()
	for _, f := range []struct {
		name string
		date *calendar.Date
	}{{"from", &p.From}, {"to", &p.To}} {
		v := q.Get(f.name)
		if v == "" {
			continue
		}
		d, err := calendar.ParseDate(v)
		if err != nil || feedback.CheckDate(f.name, d) != nil {
			ok = false
			continue
		}
		*f.date = d
	}
	if !ok || p.To.Before(p.From) || p.From.AddDays(MaxPeriodDays).Before(p.To) {
		return period{From: today.AddDays(-29), To: today}, false
	}
	return p, true
}

// presets are the quick choices of period, relative to today.
func presets(today calendar.Date) []struct {
	Key string
	P   period
} {
	qStart := calendar.Date{Year: today.Year, Month: time.Month((int(today.Month)-1)/3*3 + 1), Day: 1}
	prevStart := qStart.AddDays(-1)
	prevStart = calendar.Date{Year: prevStart.Year, Month: time.Month((int(prevStart.Month)-1)/3*3 + 1), Day: 1}
	return []struct {
		Key string
		P   period
	}{
		{"fu.last30", period{today.AddDays(-29), today}},
		{"fu.quarter", period{qStart, today}},
		{"fu.prevquarter", period{prevStart, qStart.AddDays(-1)}},
		{"fu.year", period{calendar.Date{Year: today.Year, Month: time.January, Day: 1}, today}},
	}
}

// link is a labelled URL.
type link struct {
	Label, URL string
	Current    bool
}

// followData is the data of the follow-up dashboard.
type followData struct {
	From, To   string
	Error      string
	Summary    string
	Presets    []link
	Charts     []chartView
	CSV        string
	OverdueCSV string
}

func (s *site) followUp(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "fu.title")
	now := s.now()
	today := calendar.DateOf(now)
	per, ok := readPeriod(r, today)
	code := http.StatusOK
	d := followData{From: per.From.String(), To: per.To.String()}
	if !ok {
		code = http.StatusBadRequest
		d.Error = p.T("fu.bad")
	}
	for _, ps := range presets(today) {
		d.Presets = append(d.Presets, link{
			Label:   p.T(ps.Key),
			URL:     p.U("/staff/uppfoljning?" + ps.P.query()),
			Current: ps.P == per,
		})
	}
	st, cases, err := s.stats(r, per, now)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	d.Summary = p.Tf("fu.summary", st.Total.Received, st.Total.OnTime, st.Total.Settled, st.Total.Overdue)
	d.Charts = []chartView{
		shareChart("chart-channel", p.T("fu.bychannel"), st.ByChannel, func(key string) string {
			return capital(servicerules.Channel(key).Name(p.Lang))
		}, p),
		shareChart("chart-kind", p.T("fu.bykind"), st.ByKind, func(key string) string {
			if key == "" {
				return p.T("kind.unclassified")
			}
			return kindName(message.Kind(key), p.Lang)
		}, p),
		weekChart("chart-weeks", p.T("fu.perweek"), weekCounts(cases, per), p),
	}
	d.CSV = p.U("/staff/export.csv?" + per.query())
	d.OverdueCSV = p.U("/staff/export.csv?" + per.query() + "&what=overdue")
	p.Data = d
	s.render(w, code, "followup", p)
}

// stats returns the follow-up of the cases received in per, judged at now
// on the policy's calendar, and the cases.
func (s *site) stats(r *http.Request, per period, now time.Time) (feedback.Stats, []feedback.Case, error) {
	fp := per.Period()
	cases, err := s.cfg.Store.CasesReceived(r.Context(), fp.From, fp.To)
	if err != nil {
		return feedback.Stats{}, nil, err
	}
	return feedback.FollowUp(cases, fp, now, s.cfg.Policy.Calendar()), cases, nil
}

// weekCount is the number of cases received in one week.
type weekCount struct {
	Monday calendar.Date
	Week   int // the ISO week number
	Year   int // the ISO year
	Count  int
}

// weekCounts counts cases per week (Monday to Sunday, in Stockholm) over
// every week p touches, empty weeks included.
func weekCounts(cases []feedback.Case, p period) []weekCount {
	first := calendar.DateOf(weekStart(p.From.Midnight()))
	var weeks []weekCount
	index := make(map[calendar.Date]int)
	for d := first; !p.To.Before(d); d = d.AddDays(7) {
		y, w := d.Midnight().ISOWeek()
		index[d] = len(weeks)
		weeks = append(weeks, weekCount{Monday: d, Week: w, Year: y})
	}
	for _, c := range cases {
		if i, ok := index[calendar.DateOf(weekStart(c.Received))]; ok {
			weeks[i].Count++
		}
	}
	return weeks
}

func (s *site) exportCSV(w http.ResponseWriter, r *http.Request) {
	if !s.isStaff(r) {
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "unauthorized: log in at /staff/login", http.StatusUnauthorized)
		return
	}
	now := s.now()
	per, ok := readPeriod(r, calendar.DateOf(now))
	if !ok {
		http.Error(w, "bad period: from and to are dates (2026-01-31), from <= to, at most "+strconv.Itoa(MaxPeriodDays)+" days", http.StatusBadRequest)
		return
	}
	st, _, err := s.stats(r, per, now)
	if err != nil {
		s.log(err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	name := "uppfoljning-" + per.From.String() + "-" + per.To.String()
	write := st.WriteCSV
	if r.URL.Query().Get("what") == "overdue" {
		name = "forsenade-" + per.From.String() + "-" + per.To.String()
		write = st.WriteOverdueCSV
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	h.Set("Cache-Control", "no-store")
	if err := write(w); err != nil {
		s.log(err)
	}
}
