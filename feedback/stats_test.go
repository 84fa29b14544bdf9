package feedback_test

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

// followUpCases are the cases of TestFollowUp, under Nykvarn's policy (one
// working day, office hours 08:00–16:30).
func followUpCases(t *testing.T) ([]feedback.Case, *servicerules.Policy) {
	p := preset(t, "nykvarn")
	cal := p.Calendar()
	tr := func(to feedback.Status, at time.Time, unit string) feedback.Transition {
		return feedback.Transition{To: to, At: at, Unit: unit, Text: "Svar"}
	}
	mk := func(kind message.Kind, ch servicerules.Channel, contact *feedback.Contact, at time.Time, steps ...feedback.Transition) feedback.Case {
		return applyAll(t, caseOf(t, p, feedback.Submission{Channel: ch, Contact: contact}, kind, at), cal, steps...)
	}
	interim := tr(feedback.StatusInterimSent, sthlm(2026, 3, 11, 15, 0), "Kultur")
	interim.Promised = sthlm(2026, 3, 20, 16, 30)
	return []feedback.Case{
		// 1. Due Wed 11 Mar 16:30, answered after 2 working hours: on time.
		mk(message.Complaint, servicerules.Email, withEmail, sthlm(2026, 3, 10, 9, 0), tr(feedback.StatusAnswered, sthlm(2026, 3, 10, 11, 0), "Gata")),
		// 2. Answered Thu 12 Mar 10:30: late, 7.5 + 8.5 + 2.5 = 18.5 working hours.
		mk(message.Complaint, servicerules.Email, withEmail, sthlm(2026, 3, 10, 9, 0), tr(feedback.StatusAnswered, sthlm(2026, 3, 12, 10, 30), "Gata")),
		// 3. Web, due Thu 12 Mar 16:30 (the e-mail rule); interim reply after
		// 6 working hours promising Fri 20 Mar 16:30, then nothing: overdue.
		mk(message.Complaint, servicerules.Web, withEmail, sthlm(2026, 3, 11, 9, 0), interim),
		// 4. Anonymous praise, closed: no reply owed.
		mk(message.Praise, servicerules.Web, nil, sthlm(2026, 3, 12, 10, 0), tr(feedback.StatusClosed, sthlm(2026, 3, 12, 11, 0), "")),
		// 5. Question by phone, waiting for the person since before its deadline.
		mk(message.Question, servicerules.Phone, withEmail, sthlm(2026, 3, 16, 9, 0), tr(feedback.StatusWaiting, sthlm(2026, 3, 16, 10, 0), "")),
		// 6. Question, due Tue 31 Mar 16:30, still open at noon that day.
		mk(message.Question, servicerules.Email, withEmail, sthlm(2026, 3, 30, 9, 0)),
		// Outside the period.
		mk(message.Complaint, servicerules.Email, withEmail, sthlm(2026, 4, 1, 0, 0)),
		mk(message.Complaint, servicerules.Email, withEmail, sthlm(2026, 2, 28, 23, 59)),
	}, p
}

var march = feedback.Period{From: sthlm(2026, 3, 1, 0, 0), To: sthlm(2026, 4, 1, 0, 0)}

func TestFollowUp(t *testing.T) {
	cases, p := followUpCases(t)
	judged := sthlm(2026, 3, 31, 12, 0)
	st := feedback.FollowUp(cases, march, judged, p.Calendar())

	assert.Equal(t, march, st.Period)
	assert.Equal(t, judged, st.At)
	group := func(dim, key string, received, answered, closed, open, owed, settled, onTime, overdue, responded int, share, median float64) feedback.Group {
		return feedback.Group{Dimension: dim, Key: key, Received: received, Answered: answered, Closed: closed, Open: open,
			ReplyOwed: owed, Settled: settled, OnTime: onTime, OnTimeShare: share, Overdue: overdue,
			Responded: responded, MedianResponseHours: median}
	}
	assert.Equal(t, group("total", "", 6, 2, 1, 3, 5, 3, 2, 1, 3, 2.0/3, 6), st.Total)
	assert.Equal(t, []feedback.Group{
		group("kind", "praise", 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
		group("kind", "complaint", 3, 2, 0, 1, 3, 3, 2, 1, 3, 2.0/3, 6),
		group("kind", "question", 2, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0),
	}, st.ByKind)
	assert.Equal(t, []feedback.Group{
		group("channel", "phone", 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0),
		group("channel", "email", 3, 2, 0, 1, 3, 2, 1, 0, 2, 0.5, 10.25),
		group("channel", "web", 2, 0, 1, 1, 1, 1, 1, 1, 1, 1, 6),
	}, st.ByChannel)
	assert.Equal(t, []feedback.Group{
		group("unit", "", 3, 0, 1, 2, 2, 0, 0, 0, 0, 0, 0),
		group("unit", "Gata", 2, 2, 0, 0, 2, 2, 1, 0, 2, 0.5, 10.25),
		group("unit", "Kultur", 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 6),
	}, st.ByUnit)

	require.Len(t, st.Overdue, 1)
	o := st.Overdue[0]
	assert.Equal(t, cases[2].ID, o.ID)
	assert.Equal(t, "Kultur", o.Unit)
	assert.Equal(t, feedback.StatusInterimSent, o.Status)
	assert.Equal(t, sthlm(2026, 3, 20, 16, 30).String(), o.Due.String())
	// From Fri 20 Mar 16:30 to Tue 31 Mar 12:00: 6 × 8.5 + 4 working hours.
	assert.InDelta(t, 55, o.LateHours, 1e-9)

	var buf bytes.Buffer
	require.NoError(t, st.WriteCSV(&buf))
	assert.Equal(t, `dimension,nyckel,mottagna,besvarade,avslutade,oppna,svar_utlovat,avgjorda,i_tid,andel_i_tid,forsenade,med_svar,median_svarstid_arbetstimmar
total,,6,2,1,3,5,3,2,0.6667,1,3,6.00
kind,praise,1,0,1,0,0,0,0,,0,0,
kind,complaint,3,2,0,1,3,3,2,0.6667,1,3,6.00
kind,question,2,0,0,2,2,0,0,,0,0,
channel,phone,1,0,0,1,1,0,0,,0,0,
channel,email,3,2,0,1,3,2,1,0.5000,0,2,10.25
channel,web,2,0,1,1,1,1,1,1.0000,1,1,6.00
unit,,3,0,1,2,2,0,0,,0,0,
unit,Gata,2,2,0,0,2,2,1,0.5000,0,2,10.25
unit,Kultur,1,0,0,1,1,1,1,1.0000,1,1,6.00
`, buf.String())

	buf.Reset()
	require.NoError(t, st.WriteOverdueCSV(&buf))
	assert.Equal(t, "id,typ,kanal,enhet,status,mottaget,senast,forsenad_arbetstimmar\n"+
		cases[2].ID.String()+",complaint,web,Kultur,interim_sent,2026-03-11T09:00:00+01:00,2026-03-20T16:30:00+01:00,55.00\n", buf.String())
}

func TestFollowUpMidMonth(t *testing.T) {
	cases, p := followUpCases(t)
	// The first two weeks, judged on Friday 13 March: case 3's first
	// response came on time and it is now measured against its promise
	// (20 March), so nothing is overdue yet.
	st := feedback.FollowUp(cases, feedback.Period{From: march.From, To: sthlm(2026, 3, 13, 0, 0)}, sthlm(2026, 3, 13, 12, 0), p.Calendar())
	assert.Equal(t, 4, st.Total.Received)
	assert.Equal(t, 3, st.Total.ReplyOwed)
	assert.Equal(t, 3, st.Total.Settled)
	assert.Equal(t, 2, st.Total.OnTime)
	assert.Equal(t, 0, st.Total.Overdue)
	assert.Empty(t, st.Overdue)
	// Judged a week later, after the promise, case 3 is overdue.
	st = feedback.FollowUp(cases, feedback.Period{From: march.From, To: sthlm(2026, 3, 13, 0, 0)}, sthlm(2026, 3, 23, 8, 0), p.Calendar())
	require.Len(t, st.Overdue, 1)
	assert.InDelta(t, 0, st.Overdue[0].LateHours, 1e-9, "Fri 16:30 to Mon 08:00 holds no working time")
}

func TestFollowUpEmptyAndBoundaries(t *testing.T) {
	st := feedback.FollowUp(nil, march, sthlm(2026, 4, 1, 0, 0), nil)
	assert.Equal(t, feedback.Group{Dimension: feedback.DimTotal}, st.Total)
	assert.Empty(t, st.ByKind)
	var buf bytes.Buffer
	require.NoError(t, st.WriteCSV(&buf))
	assert.Equal(t, "total,,0,0,0,0,0,0,0,,0,0,\n", buf.String()[bytes.IndexByte(buf.Bytes(), '\n')+1:])

	assert.True(t, march.Contains(march.From))
	assert.False(t, march.Contains(march.To))
	assert.False(t, march.Contains(march.From.Add(-time.Nanosecond)))
}

func TestWriteCSVKeepsFormulasOut(t *testing.T) {
	p := preset(t, "nykvarn")
	c := caseOf(t, p, feedback.Submission{Contact: withEmail}, message.Complaint, sthlm(2026, 3, 10, 9, 0))
	c = applyAll(t, c, p.Calendar(), feedback.Transition{To: feedback.StatusRegistered, At: sthlm(2026, 3, 10, 10, 0), Unit: `=HYPERLINK("http://evil","x")`})
	st := feedback.FollowUp([]feedback.Case{c}, march, sthlm(2026, 3, 31, 0, 0), p.Calendar())
	var buf bytes.Buffer
	require.NoError(t, st.WriteCSV(&buf))
	records, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, records, 5)
	assert.Equal(t, feedback.CSVHeader(), records[0])
	for _, rec := range records {
		assert.Len(t, rec, len(feedback.CSVHeader()), "every row has every column")
	}
	assert.Equal(t, `'=HYPERLINK("http://evil","x")`, records[4][1])
}
