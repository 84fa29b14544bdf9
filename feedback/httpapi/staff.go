package httpapi

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// A StaffCase is a case as staff see it. In lists the text is redacted, the
// contact masked, and Token and History are left out; the single case has
// everything.
type StaffCase struct {
	ID               uuid.UUID            `json:"id"`
	Token            *uuid.UUID           `json:"token,omitempty"`
	Received         time.Time            `json:"received"`
	Channel          servicerules.Channel `json:"channel"`
	Language         lang.Lang            `json:"language"`
	Text             string               `json:"text"`
	Contact          *feedback.Contact    `json:"contact,omitempty"`
	Anonymous        bool                 `json:"anonymous"`
	Recipient        feedback.Recipient   `json:"recipient,omitempty"`
	DecisionReceived string               `json:"decision_received,omitempty"`
	Kind             message.Kind         `json:"kind"`
	RunnerUp         message.Kind         `json:"runner_up,omitempty"`
	Confidence       float64              `json:"confidence"`
	StaffComplaint   bool                 `json:"staff_complaint"`
	Unit             string               `json:"unit"`
	DiaryNumber      string               `json:"diary_number"`
	Status           feedback.Status      `json:"status"`
	StatusName       string               `json:"status_name"`
	RegistrationDue  time.Time            `json:"registration_due"`
	ReplyDue         *time.Time           `json:"reply_due"`
	Due              *time.Time           `json:"due"`
	Promised         *time.Time           `json:"promised"`
	Overdue          bool                 `json:"overdue"`
	// RegistrationOverdue: the case should have been registered by now.
	RegistrationOverdue bool              `json:"registration_overdue"`
	Next                []feedback.Status `json:"next"`
	InterimText         string            `json:"interim_text,omitempty"`
	ReplyText           string            `json:"reply_text,omitempty"`
	AnsweredAt          *time.Time        `json:"answered_at"`
	ClosedAt            *time.Time        `json:"closed_at"`
	History             []feedback.Change `json:"history,omitempty"`
}

// staffSummary is a case in a list: its summary (feedback.CaseSummary,
// with the text redacted and the contact masked), judged at `at`.
func staffSummary(c feedback.CaseSummary, at time.Time) StaffCase {
	loc := calendar.Location()
	sc := StaffCase{
		ID:                  c.ID,
		Received:            c.Received.In(loc),
		Channel:             c.Channel,
		Language:            c.Language,
		Text:                c.Text,
		Contact:             c.Contact,
		Anonymous:           c.Anonymous(),
		Recipient:           c.Recipient,
		Kind:                c.Kind,
		RunnerUp:            c.RunnerUp,
		Confidence:          c.Confidence,
		StaffComplaint:      c.StaffComplaint,
		Unit:                c.Unit,
		DiaryNumber:         c.DiaryNumber,
		Status:              c.Status,
		StatusName:          c.Status.Name(lang.Swedish),
		RegistrationDue:     c.RegistrationDue.In(loc),
		ReplyDue:            local(c.ReplyDue),
		Due:                 local(c.Due()),
		Promised:            local(c.Promised),
		Overdue:             c.Overdue(at),
		RegistrationOverdue: c.RegistrationOverdue(at),
		Next:                c.Next(),
		InterimText:         c.InterimText,
		ReplyText:           c.ReplyText,
		AnsweredAt:          local(c.AnsweredAt),
		ClosedAt:            local(c.ClosedAt),
	}
	if sc.Next == nil {
		sc.Next = []feedback.Status{}
	}
	if c.DecisionReceived != (calendar.Date{}) {
		sc.DecisionReceived = c.DecisionReceived.String()
	}
	return sc
}

// staffCase is the whole case, judged at `at`: as in a list, with the text
// as sent, the contact details, the receipt token and the history.
func staffCase(c feedback.Case, at time.Time) StaffCase {
	loc := calendar.Location()
	sc := staffSummary(c.Summary(), at)
	sc.Text, sc.Contact = c.Text, c.Contact
	tok := c.Token
	sc.Token = &tok
	sc.History = make([]feedback.Change, len(c.History))
	for i, ch := range c.History {
		ch.At = ch.At.In(loc)
		if !ch.Promised.IsZero() {
			ch.Promised = ch.Promised.In(loc)
		}
		sc.History[i] = ch
	}
	return sc
}

// A CaseList is the body of GET /api/staff/cases.
type CaseList struct {
	At    time.Time   `json:"at"`
	Cases []StaffCase `json:"cases"`
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// queryList reads the values of the query parameter name, each a list
// separated by commas, with parse. The first item parse refuses is answered
// with invalidQuery, which says the parameter wants want.
func queryList[T any](q url.Values, name, want string, parse func(string) (T, error)) ([]T, *Problem) {
	var out []T
	for _, v := range q[name] {
		for _, s := range splitList(v) {
			x, err := parse(s)
			if err != nil {
				return nil, invalidQuery(name, s, want)
			}
			out = append(out, x)
		}
	}
	return out, nil
}

// parseFilter reads the query of GET /api/staff/cases.
func parseFilter(q url.Values, now time.Time) (feedback.CaseFilter, *Problem) {
	var f feedback.CaseFilter
	var p *Problem
	if f.Statuses, p = queryList(q, "status", "a status", feedback.ParseStatus); p != nil {
		return f, p
	}
	parseKind := func(s string) (message.Kind, error) {
		k := message.Kind(strings.ToLower(s))
		if !k.Valid() {
			return "", errors.New("httpapi: unknown kind")
		}
		return k, nil
	}
	if f.Kinds, p = queryList(q, "kind", "a kind", parseKind); p != nil {
		return f, p
	}
	if f.Channels, p = queryList(q, "channel", "a channel", servicerules.ParseChannel); p != nil {
		return f, p
	}
	for _, v := range q["unit"] {
		f.Units = append(f.Units, splitList(v)...)
	}
	if v := q.Get("overdue"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return f, invalidQuery("overdue", v, "true or false")
		}
		if b {
			f.OverdueAt = now
		}
	}
	if f.From, f.To, p = parsePeriod(q, time.Time{}, time.Time{}); p != nil {
		return f, p
	}
	for _, name := range []string{"limit", "offset"} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 100000 {
				return f, invalidQuery(name, v, "a whole number from 0 to 100000")
			}
			if name == "limit" {
				f.Limit = n
			} else {
				f.Offset = n
			}
		}
	}
	return f, nil
}

// parsePeriod reads "from" and "to" as local dates (YYYY-MM-DD) or RFC 3339
// times; a date as "to" includes that day. A date, or the Stockholm date of
// a time, outside feedback.EarliestDate and feedback.LatestDate is refused
// (see outOfRangeQuery).
func parsePeriod(q url.Values, defFrom, defTo time.Time) (time.Time, time.Time, *Problem) {
	from, to := defFrom, defTo
	for _, name := range []string{"from", "to"} {
		v := q.Get(name)
		if v == "" {
			continue
		}
		var t time.Time
		if d, err := calendar.ParseDate(v); err == nil && d.Valid() {
			if fe := feedback.CheckDate(name, d); fe != nil {
				return from, to, outOfRangeQuery(name, v, fe)
			}
			if name == "to" {
				d = d.AddDays(1)
			}
			t = d.Midnight()
		} else if tt, err := time.Parse(time.RFC3339, v); err == nil {
			if fe := feedback.CheckTime(name, tt); fe != nil {
				return from, to, outOfRangeQuery(name, v, fe)
			}
			t = tt
		} else {
			return from, to, invalidQuery(name, v, "a date (YYYY-MM-DD) or an RFC 3339 time")
		}
		if name == "from" {
			from = t
		} else {
			to = t
		}
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return from, to, invalidQuery("to", q.Get("to"), "after from")
	}
	return from, to, nil
}

// outOfRangeQuery is the answer to a date in the query parameter param
// outside feedback.EarliestDate and feedback.LatestDate: 400 invalid_query,
// as invalidQuery, with fe (the code feedback.CodeOutOfRange) as its field
// error.
func outOfRangeQuery(param, value string, fe *feedback.FieldError) *Problem {
	p := invalidQuery(param, value, "a date from "+feedback.EarliestDate.String()+" to "+feedback.LatestDate.String())
	p.Fields = []feedback.FieldError{*fe}
	return p
}

func (h *Handler) listCases(w http.ResponseWriter, r *http.Request) {
	now := h.now()
	f, p := parseFilter(r.URL.Query(), now)
	if p != nil {
		writeProblem(w, p)
		return
	}
	cases, err := h.store.List(r.Context(), f)
	if err != nil {
		h.internal(w, err)
		return
	}
	out := CaseList{At: now.In(calendar.Location()), Cases: make([]StaffCase, 0, len(cases))}
	for _, c := range cases {
		out.Cases = append(out.Cases, staffSummary(c, now))
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *Handler) caseID(w http.ResponseWriter, r *http.Request) (uuid.UUID, bool) {
	id, err := uuid.Parse(r.PathValue("id"))
	if err != nil || len(r.PathValue("id")) != 36 {
		writeProblem(w, notFound())
		return uuid.Nil, false
	}
	return id, true
}

func (h *Handler) getCase(w http.ResponseWriter, r *http.Request) {
	id, ok := h.caseID(w, r)
	if !ok {
		return
	}
	c, err := h.store.Get(r.Context(), id)
	if !h.found(w, err) {
		return
	}
	writeJSON(w, http.StatusOK, staffCase(c, h.now()))
}

// found reports whether the store call that returned err found the case.
// When it did not, found answers the request: 404 for feedback.ErrNotFound,
// 500 for any other error.
func (h *Handler) found(w http.ResponseWriter, err error) bool {
	switch {
	case err == nil:
		return true
	case errors.Is(err, feedback.ErrNotFound):
		writeProblem(w, notFound())
	default:
		h.internal(w, err)
	}
	return false
}

// A TransitionRequest is the body of POST /api/staff/cases/{id}/transitions.
// The time of the change is the server's.
type TransitionRequest struct {
	To          string     `json:"to"`
	By          string     `json:"by,omitempty"`
	Unit        string     `json:"unit,omitempty"`
	DiaryNumber string     `json:"diary_number,omitempty"`
	Text        string     `json:"text,omitempty"`
	Promised    *time.Time `json:"promised,omitempty"`
}

func (h *Handler) postTransition(w http.ResponseWriter, r *http.Request) {
	id, ok := h.caseID(w, r)
	if !ok {
		return
	}
	var req TransitionRequest
	if p := readJSON(w, r, &req); p != nil {
		writeProblem(w, p)
		return
	}
	to, err := feedback.ParseStatus(req.To)
	if err != nil {
		p := invalidQuery("to", req.To, "a status")
		p.Code = "invalid_transition"
		writeProblem(w, p)
		return
	}
	t := feedback.Transition{To: to, At: h.now(), By: req.By, Unit: req.Unit, DiaryNumber: req.DiaryNumber, Text: req.Text}
	if req.Promised != nil {
		t.Promised = *req.Promised
	}
	// The content is checked before the store is asked, with the check the
	// staff pages use; Case.Apply checks it again on every path.
	var ve *feedback.ValidationError
	if err := t.Validate(); errors.As(err, &ve) {
		writeProblem(w, invalidTransition(ve))
		return
	}
	c, err := h.store.Apply(r.Context(), id, t)
	var te *feedback.TransitionError
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, staffCase(c, h.now()))
	case errors.Is(err, feedback.ErrNotFound):
		writeProblem(w, notFound())
	case errors.As(err, &ve):
		writeProblem(w, invalidTransition(ve))
	case errors.As(err, &te):
		writeProblem(w, &Problem{Status: http.StatusConflict, Code: "illegal_transition",
			Message: lang.Text{
				Sv: "Ärendet kan inte gå från " + te.From.Name(lang.Swedish) + " till " + te.To.Name(lang.Swedish) + ".",
				Fi: "Asia ei voi siirtyä tilasta " + te.From.Name(lang.Finnish) + " tilaan " + te.To.Name(lang.Finnish) + ".",
				En: "The case cannot go from " + string(te.From) + " to " + string(te.To) + ": " + te.Reason + "."}})
	case errors.Is(err, feedback.ErrConflict):
		writeProblem(w, &Problem{Status: http.StatusConflict, Code: "conflict",
			Message: lang.Text{
				Sv: "Någon annan ändrade ärendet samtidigt. Läs in det igen och försök på nytt.",
				Fi: "Joku muu muutti asiaa samaan aikaan. Lue se uudelleen ja yritä uudelleen.",
				En: "Someone else changed the case at the same time. Read it again and retry."}})
	default:
		h.internal(w, err)
	}
}

// invalidTransition is the answer to a transition whose content
// feedback.Transition.Validate refuses: 400 invalid_transition with a field
// error for each problem, named by the fields of TransitionRequest ("text",
// "unit", "diary_number", "by", "promised").
func invalidTransition(ve *feedback.ValidationError) *Problem {
	return invalidFields("invalid_transition", lang.Text{
		Sv: "Ändringen sparades inte. ",
		Fi: "Muutosta ei tallennettu. ",
		En: "The change was not saved. "}, ve)
}

// A FollowUpReport is the body of GET /api/staff/stats: the follow-up
// statistics of the period in their JSON form (feedback.Stats, times in
// Europe/Stockholm, every list present, empty or not), and the cases
// received per ISO week.
type FollowUpReport struct {
	feedback.Stats
	Weeks []WeekReceived `json:"weeks"`
}

// WeekReceived counts the cases received in one ISO week ("2026-W11").
type WeekReceived struct {
	Week     string `json:"week"`
	Received int    `json:"received"`
}

// followUpReport returns the body of GET /api/staff/stats for st, the
// follow-up of cases.
func followUpReport(st feedback.Stats, cases []feedback.Case) FollowUpReport {
	loc := calendar.Location()
	out := FollowUpReport{Stats: st, Weeks: weeks(cases, st.Period)}
	out.Period = feedback.Period{From: st.Period.From.In(loc), To: st.Period.To.In(loc)}
	out.At = st.At.In(loc)
	for _, gs := range []*[]feedback.Group{&out.ByKind, &out.ByChannel, &out.ByUnit} {
		if *gs == nil {
			*gs = []feedback.Group{}
		}
	}
	out.Overdue = make([]feedback.OverdueCase, len(st.Overdue))
	for i, o := range st.Overdue {
		o.Received, o.Due = o.Received.In(loc), o.Due.In(loc)
		out.Overdue[i] = o
	}
	return out
}

// period reads the period of a statistics request: by default the 30 days
// up to the end of today.
func (h *Handler) period(w http.ResponseWriter, r *http.Request) (feedback.Period, time.Time, bool) {
	now := h.now()
	from, to, p := parsePeriod(r.URL.Query(), time.Time{}, time.Time{})
	if p != nil {
		writeProblem(w, p)
		return feedback.Period{}, now, false
	}
	if to.IsZero() {
		to = calendar.DateOf(now).AddDays(1).Midnight()
		if !from.IsZero() && !from.Before(to) {
			to = calendar.DateOf(from).AddDays(1).Midnight()
		}
	}
	if from.IsZero() {
		from = calendar.DateOf(to.Add(-time.Nanosecond)).AddDays(-29).Midnight()
	}
	return feedback.Period{From: from, To: to}, now, true
}

func (h *Handler) getStats(w http.ResponseWriter, r *http.Request) {
	p, now, ok := h.period(w, r)
	if !ok {
		return
	}
	cases, err := h.store.CasesReceived(r.Context(), p.From, p.To)
	if err != nil {
		h.internal(w, err)
		return
	}
	st := feedback.FollowUp(cases, p, now, h.cal)
	out := followUpReport(st, cases)
	writeJSON(w, http.StatusOK, out)
}

// weeks counts the cases received per ISO week of the period, every week
// listed, also those with none.
func weeks(cases []feedback.Case, p feedback.Period) []WeekReceived {
	loc := calendar.Location()
	key := func(t time.Time) string {
		y, wk := t.In(loc).ISOWeek()
		s := strconv.Itoa(wk)
		if wk < 10 {
			s = "0" + s
		}
		return strconv.Itoa(y) + "-W" + s
	}
	var out []WeekReceived
	index := map[string]int{}
	for d := calendar.DateOf(p.From); d.Midnight().Before(p.To); d = d.AddDays(1) {
		k := key(d.Midnight())
		if _, ok := index[k]; !ok {
			index[k] = len(out)
			out = append(out, WeekReceived{Week: k})
		}
		if len(out) > 520 {
			break
		}
	}
	for _, c := range cases {
		if i, ok := index[key(c.Received)]; ok && p.Contains(c.Received) {
			out[i].Received++
		}
	}
	if out == nil {
		out = []WeekReceived{}
	}
	return out
}

func (h *Handler) statsFor(w http.ResponseWriter, r *http.Request) (feedback.Stats, bool) {
	p, now, ok := h.period(w, r)
	if !ok {
		return feedback.Stats{}, false
	}
	st, err := h.store.FollowUp(r.Context(), p, now)
	if err != nil {
		h.internal(w, err)
		return feedback.Stats{}, false
	}
	return st, true
}

func writeCSV(w http.ResponseWriter, name string, write func(*bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(b.Bytes())
	return err
}

func (h *Handler) getStatsCSV(w http.ResponseWriter, r *http.Request) {
	st, ok := h.statsFor(w, r)
	if !ok {
		return
	}
	name := "synpunkter-" + calendar.DateOf(st.Period.From).String() + "--" + calendar.DateOf(st.Period.To.Add(-time.Nanosecond)).String() + ".csv"
	if err := writeCSV(w, name, func(b *bytes.Buffer) error { return st.WriteCSV(b) }); err != nil && h.errorLog != nil {
		h.errorLog(err)
	}
}

func (h *Handler) getOverdueCSV(w http.ResponseWriter, r *http.Request) {
	st, ok := h.statsFor(w, r)
	if !ok {
		return
	}
	name := "forsenade-" + calendar.DateOf(st.At).String() + ".csv"
	if err := writeCSV(w, name, func(b *bytes.Buffer) error { return st.WriteOverdueCSV(b) }); err != nil && h.errorLog != nil {
		h.errorLog(err)
	}
}
