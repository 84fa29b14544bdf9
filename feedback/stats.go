package feedback

import (
	"encoding/csv"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

// A Period is the half-open interval [From, To) of times received that
// follow-up covers, such as a quarter for an interim report.
type Period struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Contains reports whether t is in p.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.From) && t.Before(p.To)
}

// The dimensions Stats groups cases by.
const (
	DimTotal   = "total"
	DimKind    = "kind"
	DimChannel = "channel"
	DimUnit    = "unit"
)

// A Group is the follow-up figures for the cases of one kind, channel or
// unit (or all of them), received in the period and judged at Stats.At.
type Group struct {
	Dimension string `json:"dimension"` // DimTotal, DimKind, DimChannel or DimUnit
	Key       string `json:"key"`       // the kind, channel or unit; "" for the total, an unclassified kind or no unit

	Received int `json:"received"` // cases received in the period
	Answered int `json:"answered"` // answered (with or without closing)
	Closed   int `json:"closed"`   // closed
	Open     int `json:"open"`     // neither answered nor closed

	// ReplyOwed counts the cases with a reply deadline (Case.ReplyDue).
	// Settled counts those whose outcome is known at Stats.At: the first
	// response came, or the deadline passed without one. OnTime counts
	// those whose first response (answer or interim reply) came by the
	// deadline. OnTimeShare is OnTime/Settled, and 0 when Settled is 0
	// (check Settled).
	ReplyOwed   int     `json:"reply_owed"`
	Settled     int     `json:"settled"`
	OnTime      int     `json:"on_time"`
	OnTimeShare float64 `json:"on_time_share"`

	// Overdue counts the cases overdue at Stats.At (Case.Overdue).
	Overdue int `json:"overdue"`

	// Responded counts the cases with a first response, and
	// MedianResponseHours is the median working time to it, in hours, on
	// the policy's calendar, less the time waiting for the person
	// (Case.ResponseTime); 0 when Responded is 0.
	Responded           int     `json:"responded"`
	MedianResponseHours float64 `json:"median_response_hours"`

	responses []time.Duration
}

// An OverdueCase is a case that is overdue at Stats.At.
type OverdueCase struct {
	ID       uuid.UUID            `json:"id"`
	Kind     message.Kind         `json:"kind"`
	Channel  servicerules.Channel `json:"channel"`
	Unit     string               `json:"unit"`
	Status   Status               `json:"status"`
	Received time.Time            `json:"received"`
	Due      time.Time            `json:"due"`
	// LateHours is the working time from Due to Stats.At (or to the start
	// of a pause), in hours.
	LateHours float64 `json:"late_hours"`
}

// Stats is the follow-up of feedback for a period, for the interim and
// annual reports: counts, the share answered on time and the median
// response time, in total and per kind, channel and unit, and the cases
// overdue. Its JSON form (the tags of Stats, Period, Group and
// OverdueCase) is what the feedback API's GET /api/staff/stats returns.
type Stats struct {
	Period Period    `json:"period"`
	At     time.Time `json:"at"`

	Total     Group         `json:"total"`
	ByKind    []Group       `json:"by_kind"`    // in the order of Kinds, then unclassified
	ByChannel []Group       `json:"by_channel"` // in the order of servicerules.Channels
	ByUnit    []Group       `json:"by_unit"`    // sorted by unit, no unit first
	Overdue   []OverdueCase `json:"overdue"`
}

// FollowUp returns the statistics of the cases received in period p,
// judged at `at`, with working time measured on cal (the policy's calendar;
// nil means the library default). Cases received outside p are left out.
//
// The cases are taken as they are: `at` is the moment of the report
// (normally now, and not before the cases' last changes). It decides which
// open cases are overdue, and which deadlines have passed without a
// response.
// Groups are listed only for the kinds, channels and units that have cases.
func FollowUp(cases []Case, p Period, at time.Time, cal *calendar.Calendar) Stats {
	if cal == nil {
		cal, _ = calendar.New()
	}
	st := Stats{Period: p, At: at, Total: Group{Dimension: DimTotal}}
	kinds := map[message.Kind]*Group{}
	channels := map[servicerules.Channel]*Group{}
	units := map[string]*Group{}
	for _, c := range cases {
		if !p.Contains(c.Received) {
			continue
		}
		gk := kinds[c.Kind]
		if gk == nil {
			gk = &Group{Dimension: DimKind, Key: string(c.Kind)}
			kinds[c.Kind] = gk
		}
		gc := channels[c.Channel]
		if gc == nil {
			gc = &Group{Dimension: DimChannel, Key: string(c.Channel)}
			channels[c.Channel] = gc
		}
		gu := units[c.Unit]
		if gu == nil {
			gu = &Group{Dimension: DimUnit, Key: c.Unit}
			units[c.Unit] = gu
		}
		var rt time.Duration
		responded := false
		if cal != nil {
			rt, responded = c.ResponseTime(cal)
		}
		for _, g := range []*Group{&st.Total, gk, gc, gu} {
			g.count(c, at, rt, responded)
		}
		if c.Overdue(at) {
			end := at
			if c.Status == StatusWaiting && !c.PausedAt.IsZero() && c.PausedAt.Before(at) {
				end = c.PausedAt
			}
			late := time.Duration(0)
			if cal != nil {
				late = cal.WorkingTimeBetween(c.Due(), end)
			}
			st.Overdue = append(st.Overdue, OverdueCase{
				ID: c.ID, Kind: c.Kind, Channel: c.Channel, Unit: c.Unit, Status: c.Status,
				Received: c.Received, Due: c.Due(), LateHours: late.Hours(),
			})
		}
	}
	st.Total.finish()
	for _, k := range append(message.Kinds(), "") {
		if g := kinds[k]; g != nil {
			g.finish()
			st.ByKind = append(st.ByKind, *g)
		}
	}
	for _, ch := range servicerules.Channels() {
		if g := channels[ch]; g != nil {
			g.finish()
			st.ByChannel = append(st.ByChannel, *g)
			delete(channels, ch)
		}
	}
	// Channels this version does not know, sorted, after the known ones.
	var rest []string
	for ch := range channels {
		rest = append(rest, string(ch))
	}
	sort.Strings(rest)
	for _, ch := range rest {
		g := channels[servicerules.Channel(ch)]
		g.finish()
		st.ByChannel = append(st.ByChannel, *g)
	}
	var names []string
	for u := range units {
		names = append(names, u)
	}
	sort.Strings(names)
	for _, u := range names {
		g := units[u]
		g.finish()
		st.ByUnit = append(st.ByUnit, *g)
	}
	sort.SliceStable(st.Overdue, func(i, j int) bool {
		if !st.Overdue[i].Due.Equal(st.Overdue[j].Due) {
			return st.Overdue[i].Due.Before(st.Overdue[j].Due)
		}
		return st.Overdue[i].Received.Before(st.Overdue[j].Received)
	})
	return st
}

func (g *Group) count(c Case, at time.Time, rt time.Duration, responded bool) {
	g.Received++
	if !c.AnsweredAt.IsZero() {
		g.Answered++
	}
	if c.Status == StatusClosed {
		g.Closed++
	}
	if c.Status != StatusAnswered && c.Status != StatusClosed {
		g.Open++
	}
	if !c.ReplyDue.IsZero() {
		g.ReplyOwed++
		if ok, settled := c.OnTime(at); settled {
			g.Settled++
			if ok {
				g.OnTime++
			}
		}
	}
	if c.Overdue(at) {
		g.Overdue++
	}
	if responded {
		g.Responded++
		g.responses = append(g.responses, rt)
	}
}

func (g *Group) finish() {
	if g.Settled > 0 {
		g.OnTimeShare = float64(g.OnTime) / float64(g.Settled)
	}
	if n := len(g.responses); n > 0 {
		slices.Sort(g.responses)
		m := g.responses[n/2]
		if n%2 == 0 {
			m = (g.responses[n/2-1] + g.responses[n/2]) / 2
		}
		g.MedianResponseHours = m.Hours()
	}
	g.responses = nil
}

// csvHeader is the header row of Stats.WriteCSV, in Swedish (without å, ä
// and ö, for tools that mangle them). In English the columns are: dimension, key, received, answered, closed, open, reply owed,
// settled, on time, on-time share (0 to 1, empty when nothing is settled),
// overdue, responded, median response in working hours (empty when nothing
// has been responded to).
var csvHeader = [...]string{
	"dimension", "nyckel", "mottagna", "besvarade", "avslutade", "oppna",
	"svar_utlovat", "avgjorda", "i_tid", "andel_i_tid", "forsenade",
	"med_svar", "median_svarstid_arbetstimmar",
}

// CSVHeader returns the header row of Stats.WriteCSV, in Swedish. In
// English the columns are: dimension, key, received, answered, closed,
// open, reply owed, settled, on time, on-time share (0 to 1, empty when
// nothing is settled), overdue, responded, median response in working hours
// (empty when nothing has been responded to).
func CSVHeader() []string { return slices.Clone(csvHeader[:]) }

// WriteCSV writes the groups of s as CSV: a header row (CSVHeader), then
// one row for the total, and one per kind, channel and unit, in the order of
// s. The columns never change order; new ones are only ever added at the
// end. Numbers use a decimal point. A cell that a spreadsheet would read as
// a formula (it starts with =, +, -, @, a tab or a carriage return) gets a
// leading apostrophe.
func (s Stats) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader[:]); err != nil {
		return err
	}
	groups := append([]Group{s.Total}, s.ByKind...)
	groups = append(groups, s.ByChannel...)
	groups = append(groups, s.ByUnit...)
	for _, g := range groups {
		share, median := "", ""
		if g.Settled > 0 {
			share = strconv.FormatFloat(g.OnTimeShare, 'f', 4, 64)
		}
		if g.Responded > 0 {
			median = strconv.FormatFloat(g.MedianResponseHours, 'f', 2, 64)
		}
		row := []string{
			g.Dimension, csvCell(g.Key),
			strconv.Itoa(g.Received), strconv.Itoa(g.Answered), strconv.Itoa(g.Closed), strconv.Itoa(g.Open),
			strconv.Itoa(g.ReplyOwed), strconv.Itoa(g.Settled), strconv.Itoa(g.OnTime), share,
			strconv.Itoa(g.Overdue), strconv.Itoa(g.Responded), median,
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// overdueHeader is the header row of Stats.WriteOverdueCSV. In English:
// id, kind, channel, unit, status, received, due, hours late (working
// hours). Times are RFC 3339 in Europe/Stockholm.
var overdueHeader = [...]string{"id", "typ", "kanal", "enhet", "status", "mottaget", "senast", "forsenad_arbetstimmar"}

// WriteOverdueCSV writes the overdue cases of s as CSV, with a header row,
// sorted by due time.
func (s Stats) WriteOverdueCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(overdueHeader[:]); err != nil {
		return err
	}
	loc := calendar.Location()
	for _, o := range s.Overdue {
		row := []string{
			o.ID.String(), string(o.Kind), string(o.Channel), csvCell(o.Unit), string(o.Status),
			o.Received.In(loc).Format(time.RFC3339), o.Due.In(loc).Format(time.RFC3339),
			strconv.FormatFloat(o.LateHours, 'f', 2, 64),
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell keeps a spreadsheet from reading a cell as a formula.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
