package feedback_test

import (
	"errors"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/classify"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

func sthlm(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Location())
}

func preset(t testing.TB, name string) *servicerules.Policy {
	t.Helper()
	p, err := servicerules.Preset(name)
	require.NoError(t, err)
	return p
}

// caseOf makes a case from a submission with a given classification, so
// that the tests do not depend on the classifier.
func caseOf(t testing.TB, p *servicerules.Policy, s feedback.Submission, kind message.Kind, at time.Time) feedback.Case {
	t.Helper()
	if s.IdempotencyKey == "" {
		s.IdempotencyKey = uuid.NewString()
	}
	if s.Channel == "" {
		s.Channel = servicerules.Email
	}
	if s.Text == "" {
		s.Text = "Ett meddelande."
	}
	c, err := feedback.NewCase(s, at, classify.Result{Kind: kind, Language: "sv", Confidence: 0.9}, p)
	require.NoError(t, err)
	return c
}

var withEmail = &feedback.Contact{Name: "Anna", Email: "anna@exempel.se"}

// nykvarnCase is caseOf on the Nykvarn policy for a message by e-mail from
// someone who gave an e-mail address (withEmail), with the policy's
// calendar.
func nykvarnCase(t testing.TB, kind message.Kind, at time.Time) (feedback.Case, *calendar.Calendar) {
	t.Helper()
	p := preset(t, "nykvarn")
	return caseOf(t, p, feedback.Submission{Contact: withEmail}, kind, at), p.Calendar()
}

func TestNewCaseDeadlines(t *testing.T) {
	nykvarn := preset(t, "nykvarn")
	tue := sthlm(2026, 3, 10, 9, 0)
	tests := []struct {
		name      string
		policy    *servicerules.Policy
		sub       feedback.Submission
		kind      message.Kind
		at        time.Time
		wantReg   time.Time
		wantReply time.Time // zero: none owed
		wantVia   servicerules.Channel
	}{
		{"e-mail complaint, one working day", nykvarn, feedback.Submission{Channel: servicerules.Email, Contact: withEmail}, message.Complaint,
			tue, sthlm(2026, 3, 11, 16, 30), sthlm(2026, 3, 11, 16, 30), servicerules.Email},
		{"web falls back to the e-mail rule", nykvarn, feedback.Submission{Channel: servicerules.Web, Contact: withEmail}, message.Suggestion,
			tue, sthlm(2026, 3, 11, 16, 30), sthlm(2026, 3, 11, 16, 30), servicerules.Email},
		{"question is answered too", nykvarn, feedback.Submission{Channel: servicerules.Email, Contact: withEmail}, message.Question,
			tue, sthlm(2026, 3, 11, 16, 30), sthlm(2026, 3, 11, 16, 30), servicerules.Email},
		{"unclassified is answered too", nykvarn, feedback.Submission{Channel: servicerules.Email, Contact: withEmail}, "",
			tue, sthlm(2026, 3, 11, 16, 30), sthlm(2026, 3, 11, 16, 30), servicerules.Email},
		{"over Christmas", nykvarn, feedback.Submission{Channel: servicerules.Email, Contact: withEmail}, message.Praise,
			sthlm(2026, 12, 23, 15, 0), sthlm(2026, 12, 28, 16, 30), sthlm(2026, 12, 28, 16, 30), servicerules.Email},
		{"after close on a Friday", nykvarn, feedback.Submission{Channel: servicerules.Email, Contact: withEmail}, message.Praise,
			sthlm(2026, 3, 13, 16, 45), sthlm(2026, 3, 17, 16, 30), sthlm(2026, 3, 17, 16, 30), servicerules.Email},
		{"Värmdö e-mail: two working days", preset(t, "varmdo"), feedback.Submission{Channel: servicerules.Email, Contact: withEmail}, message.Complaint,
			tue, sthlm(2026, 3, 11, 16, 30), sthlm(2026, 3, 12, 16, 30), servicerules.Email},
		{"Hässleholm gives no figure", preset(t, "hassleholm"), feedback.Submission{Channel: servicerules.Email, Contact: withEmail}, message.Complaint,
			tue, sthlm(2026, 3, 11, 16, 30), time.Time{}, ""},
		{"anonymous", nykvarn, feedback.Submission{Channel: servicerules.Email}, message.Complaint,
			tue, sthlm(2026, 3, 11, 16, 30), time.Time{}, ""},
		{"name only is anonymous", nykvarn, feedback.Submission{Channel: servicerules.Email, Contact: &feedback.Contact{Name: "Anna"}}, message.Complaint,
			tue, sthlm(2026, 3, 11, 16, 30), time.Time{}, ""},
		{"fault report goes elsewhere", nykvarn, feedback.Submission{Channel: servicerules.Email, Contact: withEmail}, message.FaultReport,
			tue, sthlm(2026, 3, 11, 16, 30), time.Time{}, ""},
		{"appeal goes elsewhere", nykvarn, feedback.Submission{Channel: servicerules.Email, Contact: withEmail}, message.Appeal,
			tue, sthlm(2026, 3, 11, 16, 30), time.Time{}, ""},
		{"elected official", nykvarn, feedback.Submission{Channel: servicerules.Email, Contact: withEmail, Recipient: feedback.ToElectedOfficial}, message.Complaint,
			tue, sthlm(2026, 3, 11, 16, 30), time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := caseOf(t, tt.policy, tt.sub, tt.kind, tt.at)
			assert.Equal(t, feedback.StatusReceived, c.Status)
			assert.Equal(t, tt.policy.ID(), c.Policy)
			assert.Equal(t, tt.wantReg.String(), c.RegistrationDue.String(), "registration due")
			assert.Equal(t, tt.wantReply.String(), c.ReplyDue.String(), "reply due")
			assert.Equal(t, tt.wantVia, c.DueVia)
			assert.Equal(t, !tt.wantReply.IsZero() || tt.name == "Hässleholm gives no figure", c.ReplyOwed())
			assert.Equal(t, c.ReplyDue, c.Due())
			require.Len(t, c.History, 1)
			assert.Equal(t, feedback.StatusReceived, c.History[0].To)
			assert.True(t, c.History[0].At.Equal(tt.at))
			assert.NotEqual(t, uuid.Nil, c.Token)
			assert.NotEqual(t, c.ID, c.Token)
		})
	}
}

func TestIntakeRejects(t *testing.T) {
	p := preset(t, "nykvarn")
	at := sthlm(2026, 3, 10, 9, 0)
	_, err := feedback.Intake(validSubmission(), at, nil)
	assert.ErrorContains(t, err, "policy")
	_, err = feedback.NewCase(validSubmission(), at, classify.Result{}, nil)
	assert.ErrorContains(t, err, "policy")
	_, err = feedback.Intake(feedback.Submission{}, at, p)
	var ve *feedback.ValidationError
	assert.ErrorAs(t, err, &ve)
	_, err = feedback.NewCase(feedback.Submission{}, at, classify.Result{Kind: message.Praise}, p)
	assert.ErrorAs(t, err, &ve, "a given classification does not skip the checks")
}

func TestStaffComplaint(t *testing.T) {
	p := preset(t, "nykvarn")
	at := sthlm(2026, 3, 10, 9, 0)
	tests := []struct {
		text  string
		kind  message.Kind
		flag  bool
		staff bool
	}{
		{"Handläggaren var otrevlig när jag ringde.", message.Complaint, false, true},
		{"Jag blev illa bemött i receptionen.", message.Complaint, false, true},
		{"The bus driver was rude to my son.", message.Complaint, false, true},
		{"Virkailija oli todella töykeä.", message.Complaint, false, true},
		{"Soptunnan töms inte, tredje veckan nu.", message.Complaint, false, false},
		{"Tack till personalen, så trevligt bemötande!", message.Praise, false, false},
		{"Ni borde ha längre öppettider.", message.Suggestion, true, true},
	}
	for _, tt := range tests {
		c := caseOf(t, p, feedback.Submission{Text: tt.text, AboutStaff: tt.flag, Contact: withEmail}, tt.kind, at)
		assert.Equal(t, tt.staff, c.StaffComplaint, tt.text)
		assert.Equal(t, tt.staff, c.MustRegister(), tt.text)
	}
}

func TestStaffCue(t *testing.T) {
	for text, want := range map[string]string{
		"Handläggaren svarade aldrig":   "handläggaren",
		"OTREVLIGT bemötande":           "otrevligt",
		"Jag blev kränkt av rektorn.":   "kränkt",
		"Staff at the library":          "staff",
		"Henkilökunta ei auttanut":      "henkilökunta",
		"Ett officiellt besked":         "",
		"Gatlampan är trasig":           "",
		"unofficial staffing schedules": "staffing",
		"":                              "",
		"\xff\xfe":                      "",
	} {
		got, ok := feedback.StaffCue(text)
		assert.Equal(t, want, got, text)
		assert.Equal(t, want != "", ok, text)
	}
}

// applyAll applies transitions in order and fails the test on an error.
func applyAll(t *testing.T, c feedback.Case, cal *calendar.Calendar, ts ...feedback.Transition) feedback.Case {
	t.Helper()
	for _, tr := range ts {
		var err error
		c, err = c.Apply(tr, cal)
		require.NoError(t, err, "%s → %s", c.Status, tr.To)
	}
	return c
}

func TestNext(t *testing.T) {
	p := preset(t, "nykvarn")
	cal := p.Calendar()
	at := sthlm(2026, 3, 10, 9, 0)
	c := caseOf(t, p, feedback.Submission{Contact: withEmail}, message.Complaint, at)
	step := func(to feedback.Status) feedback.Transition {
		at = at.Add(time.Hour)
		return feedback.Transition{To: to, At: at, Text: "text"}
	}
	S := feedback.Statuses()
	rcv, reg, interim, wait, ans, closed := S[0], S[1], S[2], S[3], S[4], S[5]

	assert.Equal(t, []feedback.Status{reg, interim, wait, ans, closed}, c.Next())
	r := applyAll(t, c, cal, step(reg))
	assert.Equal(t, []feedback.Status{interim, wait, ans, closed}, r.Next())
	i := applyAll(t, r, cal, step(interim))
	assert.Equal(t, []feedback.Status{wait, ans, closed}, i.Next())
	w := applyAll(t, i, cal, step(wait))
	assert.Equal(t, []feedback.Status{interim, ans, closed}, w.Next(), "resume to interim_sent, or go on")
	w0 := applyAll(t, c, cal, step(wait))
	assert.Equal(t, []feedback.Status{rcv, reg, interim, ans, closed}, w0.Next())
	a := applyAll(t, w, cal, step(ans))
	assert.Equal(t, []feedback.Status{closed}, a.Next())
	z := applyAll(t, a, cal, step(closed))
	assert.Empty(t, z.Next())

	staff := caseOf(t, p, feedback.Submission{Contact: withEmail, AboutStaff: true}, message.Complaint, at)
	assert.Equal(t, []feedback.Status{reg}, staff.Next())
}

func TestApplyIllegal(t *testing.T) {
	p := preset(t, "nykvarn")
	cal := p.Calendar()
	at := sthlm(2026, 3, 10, 9, 0)
	c := caseOf(t, p, feedback.Submission{Contact: withEmail}, message.Complaint, at)
	answered := applyAll(t, c, cal, feedback.Transition{To: feedback.StatusAnswered, At: at.Add(time.Hour), Text: "Svar"})
	closed := applyAll(t, answered, cal, feedback.Transition{To: feedback.StatusClosed, At: at.Add(2 * time.Hour)})
	staff := caseOf(t, p, feedback.Submission{Contact: withEmail, AboutStaff: true}, message.Complaint, at)

	tests := []struct {
		name   string
		c      feedback.Case
		tr     feedback.Transition
		reason string
	}{
		{"unknown status", c, feedback.Transition{To: "lost", At: at}, "unknown status"},
		{"to itself", c, feedback.Transition{To: feedback.StatusReceived, At: at}, "allowed: registered"},
		{"back from answered", answered, feedback.Transition{To: feedback.StatusRegistered, At: at.Add(3 * time.Hour)}, "allowed: closed"},
		{"closed is final", closed, feedback.Transition{To: feedback.StatusAnswered, At: at.Add(3 * time.Hour), Text: "x"}, "closed"},
		{"staff complaint must be registered", staff, feedback.Transition{To: feedback.StatusAnswered, At: at.Add(time.Hour), Text: "x"}, "registered first"},
		{"staff complaint cannot be closed unregistered", staff, feedback.Transition{To: feedback.StatusClosed, At: at.Add(time.Hour)}, "registered first"},
		{"no time", c, feedback.Transition{To: feedback.StatusRegistered}, "time"},
		{"before receipt", c, feedback.Transition{To: feedback.StatusRegistered, At: at.Add(-time.Minute)}, "before"},
		{"before the last change", answered, feedback.Transition{To: feedback.StatusClosed, At: at.Add(30 * time.Minute)}, "before"},
		{"answer without text", c, feedback.Transition{To: feedback.StatusAnswered, At: at.Add(time.Hour), Text: "  "}, "reply text"},
		{"promise not after", c, feedback.Transition{To: feedback.StatusInterimSent, At: at.Add(time.Hour), Promised: at}, "promised"},
		{"promise on an answer", c, feedback.Transition{To: feedback.StatusAnswered, At: at.Add(time.Hour), Text: "x", Promised: at.Add(48 * time.Hour)}, "interim"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.c.Apply(tt.tr, cal)
			require.Error(t, err)
			assert.True(t, errors.Is(err, feedback.ErrIllegalTransition))
			var te *feedback.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tt.c.Status, te.From)
			assert.Equal(t, tt.tr.To, te.To)
			assert.Contains(t, err.Error(), tt.reason)
			assert.Equal(t, tt.c.Status, got.Status, "a failed Apply leaves the case as it was")
		})
	}
}

func TestApplyLifecycle(t *testing.T) {
	at := sthlm(2026, 3, 10, 9, 0) // Tuesday; reply due Wednesday 16:30
	c, cal := nykvarnCase(t, message.Complaint, at)

	reg, err := c.Apply(feedback.Transition{To: feedback.StatusRegistered, At: sthlm(2026, 3, 10, 10, 0), By: "registrator", Unit: "Gata/park", DiaryNumber: "KS 2026/0042"}, cal)
	require.NoError(t, err)
	assert.Equal(t, feedback.StatusReceived, c.Status, "Apply does not change the case it is called on")
	assert.Len(t, c.History, 1)
	assert.Equal(t, "Gata/park", reg.Unit)
	assert.Equal(t, "KS 2026/0042", reg.DiaryNumber)
	assert.True(t, reg.RegisteredAt.Equal(sthlm(2026, 3, 10, 10, 0)))
	assert.False(t, reg.RegistrationOverdue(sthlm(2026, 3, 20, 0, 0)))

	// Two different steps from the same case do not share history.
	a1, err := reg.Apply(feedback.Transition{To: feedback.StatusAnswered, At: sthlm(2026, 3, 10, 11, 0), Text: "Svar ett"}, cal)
	require.NoError(t, err)
	a2, err := reg.Apply(feedback.Transition{To: feedback.StatusClosed, At: sthlm(2026, 3, 10, 11, 0)}, cal)
	require.NoError(t, err)
	assert.Equal(t, feedback.StatusAnswered, a1.History[2].To)
	assert.Equal(t, feedback.StatusClosed, a2.History[2].To)

	promise := sthlm(2026, 3, 20, 16, 30)
	i, err := reg.Apply(feedback.Transition{To: feedback.StatusInterimSent, At: sthlm(2026, 3, 11, 9, 0), Text: "Lisa svarar senast 20 mars.", Promised: promise}, cal)
	require.NoError(t, err)
	assert.True(t, i.RespondedAt.Equal(sthlm(2026, 3, 11, 9, 0)))
	assert.Equal(t, promise, i.Due(), "after an interim reply the promise counts")
	assert.False(t, i.Overdue(sthlm(2026, 3, 19, 12, 0)))
	assert.True(t, i.Overdue(sthlm(2026, 3, 20, 16, 31)))
	on, settled := i.OnTime(sthlm(2026, 3, 30, 0, 0))
	assert.True(t, on)
	assert.True(t, settled)
	rt, ok := i.ResponseTime(cal)
	require.True(t, ok)
	assert.Equal(t, 7*time.Hour+30*time.Minute+time.Hour, rt, "Tue 09:00–16:30 and Wed 08:00–09:00")

	a, err := i.Apply(feedback.Transition{To: feedback.StatusAnswered, At: sthlm(2026, 3, 18, 14, 0), Text: "Här är svaret."}, cal)
	require.NoError(t, err)
	assert.False(t, a.Overdue(sthlm(2026, 4, 30, 0, 0)), "an answered case is never overdue")
	assert.True(t, a.RespondedAt.Equal(i.RespondedAt), "the first response stays the interim reply")
	assert.Equal(t, "Här är svaret.", a.ReplyText)
	assert.Equal(t, "Lisa svarar senast 20 mars.", a.InterimText)
	z, err := a.Apply(feedback.Transition{To: feedback.StatusClosed, At: sthlm(2026, 3, 18, 15, 0)}, cal)
	require.NoError(t, err)
	var path []feedback.Status
	for _, ch := range z.History {
		path = append(path, ch.To)
	}
	assert.Equal(t, []feedback.Status{"received", "registered", "interim_sent", "answered", "closed"}, path)
	assert.Equal(t, feedback.StatusAnswered, z.History[4].From)
	assert.Equal(t, "registrator", z.History[1].By)
}

func TestPauseStopsTheClock(t *testing.T) {
	at := sthlm(2026, 3, 10, 9, 0) // Tuesday; reply due Wednesday 16:30
	c, cal := nykvarnCase(t, message.Question, at)
	require.Equal(t, sthlm(2026, 3, 11, 16, 30).String(), c.ReplyDue.String())

	w, err := c.Apply(feedback.Transition{To: feedback.StatusWaiting, At: sthlm(2026, 3, 10, 10, 0), Text: "Vilken adress gäller det?"}, cal)
	require.NoError(t, err)
	assert.Equal(t, feedback.StatusReceived, w.Resume)
	assert.False(t, w.Overdue(sthlm(2026, 3, 12, 9, 0)), "the clock is stopped while waiting")
	_, settled := w.OnTime(sthlm(2026, 3, 12, 9, 0))
	assert.False(t, settled)

	// Resumed on Thursday 10:00: the pause took 6.5 + 8.5 + 2 = 17 working
	// hours, so the deadline moves from Wednesday 16:30 by 17 working hours:
	// all of Thursday and Friday.
	r, err := w.Apply(feedback.Transition{To: feedback.StatusReceived, At: sthlm(2026, 3, 12, 10, 0)}, cal)
	require.NoError(t, err)
	assert.Equal(t, 17*time.Hour, r.Paused)
	assert.Equal(t, sthlm(2026, 3, 13, 16, 30).String(), r.ReplyDue.String())
	assert.True(t, r.PausedAt.IsZero())
	assert.Empty(t, r.Resume)
	assert.False(t, r.Overdue(sthlm(2026, 3, 13, 16, 0)))
	assert.True(t, r.Overdue(sthlm(2026, 3, 13, 16, 31)))

	// Answered Friday 11:00: 7.5 h on Tuesday, 8.5 Wednesday, 8.5 Thursday,
	// 3 Friday = 27.5 working hours, less the 17 paused: 1 h on Tuesday
	// before the pause, 6.5 on Thursday after it and 3 on Friday.
	a, err := r.Apply(feedback.Transition{To: feedback.StatusAnswered, At: sthlm(2026, 3, 13, 11, 0), Text: "Svar."}, cal)
	require.NoError(t, err)
	rt, ok := a.ResponseTime(cal)
	require.True(t, ok)
	assert.Equal(t, 10*time.Hour+30*time.Minute, rt)
	on, settled := a.OnTime(sthlm(2026, 3, 20, 0, 0))
	assert.True(t, on)
	assert.True(t, settled)
}

func TestPauseAfterTheDeadlineMovesNothing(t *testing.T) {
	c, cal := nykvarnCase(t, message.Complaint, sthlm(2026, 3, 10, 9, 0))
	w := applyAll(t, c, cal, feedback.Transition{To: feedback.StatusWaiting, At: sthlm(2026, 3, 12, 9, 0)})
	assert.True(t, w.Overdue(sthlm(2026, 3, 20, 9, 0)), "it was overdue when the pause began")
	r := applyAll(t, w, cal, feedback.Transition{To: feedback.StatusRegistered, At: sthlm(2026, 3, 16, 9, 0)})
	assert.Equal(t, c.ReplyDue, r.ReplyDue)
	assert.True(t, r.Overdue(sthlm(2026, 3, 16, 10, 0)))
	on, settled := r.OnTime(sthlm(2026, 3, 16, 10, 0))
	assert.False(t, on)
	assert.True(t, settled)
}

func TestPauseAfterInterimMovesThePromise(t *testing.T) {
	c, cal := nykvarnCase(t, message.Complaint, sthlm(2026, 3, 10, 9, 0))
	c = applyAll(t, c, cal,
		feedback.Transition{To: feedback.StatusInterimSent, At: sthlm(2026, 3, 10, 10, 0), Promised: sthlm(2026, 3, 17, 16, 30)},
		feedback.Transition{To: feedback.StatusWaiting, At: sthlm(2026, 3, 16, 8, 0)},
		feedback.Transition{To: feedback.StatusInterimSent, At: sthlm(2026, 3, 16, 12, 0)},
	)
	assert.Equal(t, sthlm(2026, 3, 18, 12, 0).String(), c.Promised.String(), "4 working hours later")
	assert.Equal(t, c.Promised, c.Due())
	assert.Zero(t, c.Paused, "the pause came after the first response")
	assert.Equal(t, sthlm(2026, 3, 11, 16, 30).String(), c.ReplyDue.String())
}

func TestResumeKeepsTheInterimReply(t *testing.T) {
	c, cal := nykvarnCase(t, message.Complaint, sthlm(2026, 3, 10, 9, 0))
	c = applyAll(t, c, cal,
		feedback.Transition{To: feedback.StatusInterimSent, At: sthlm(2026, 3, 10, 10, 0), Text: "Anna svarar senast fredag."},
		feedback.Transition{To: feedback.StatusWaiting, At: sthlm(2026, 3, 11, 8, 0)},
		feedback.Transition{To: feedback.StatusInterimSent, At: sthlm(2026, 3, 11, 12, 0)},
	)
	assert.Equal(t, "Anna svarar senast fredag.", c.InterimText, "resuming sends no new interim reply")
	c = applyAll(t, c, cal,
		feedback.Transition{To: feedback.StatusWaiting, At: sthlm(2026, 3, 11, 13, 0)},
		feedback.Transition{To: feedback.StatusInterimSent, At: sthlm(2026, 3, 11, 14, 0), Text: "Nu svarar Bo."},
	)
	assert.Equal(t, "Nu svarar Bo.", c.InterimText, "a new interim reply replaces the old")
}

func TestRegistrationOverdue(t *testing.T) {
	p := preset(t, "nykvarn")
	cal := p.Calendar()
	at := sthlm(2026, 3, 10, 9, 0)
	due := sthlm(2026, 3, 11, 16, 30)
	c := caseOf(t, p, feedback.Submission{Contact: withEmail}, message.Praise, at)
	assert.False(t, c.RegistrationOverdue(due))
	assert.True(t, c.RegistrationOverdue(due.Add(time.Minute)))
	answered := applyAll(t, c, cal, feedback.Transition{To: feedback.StatusAnswered, At: at.Add(time.Hour), Text: "Tack!"})
	assert.False(t, answered.RegistrationOverdue(due.Add(time.Hour)), "handled without registration; staff decide")

	staff := caseOf(t, p, feedback.Submission{Contact: withEmail, AboutStaff: true}, message.Complaint, at)
	assert.True(t, staff.RegistrationOverdue(due.Add(time.Minute)))
	reg := applyAll(t, staff, cal, feedback.Transition{To: feedback.StatusRegistered, At: due.Add(time.Hour)})
	assert.False(t, reg.RegistrationOverdue(due.Add(2*time.Hour)))
}

func TestApplyNilCalendar(t *testing.T) {
	c, _ := nykvarnCase(t, message.Complaint, sthlm(2026, 3, 10, 9, 0))
	c = applyAll(t, c, nil,
		feedback.Transition{To: feedback.StatusWaiting, At: sthlm(2026, 3, 10, 10, 0)},
		feedback.Transition{To: feedback.StatusReceived, At: sthlm(2026, 3, 10, 11, 0)})
	assert.Equal(t, time.Hour, c.Paused)
}

func TestCitizenView(t *testing.T) {
	// The citizen view holds nothing staff keep for themselves.
	var fields []string
	for f := range reflect.TypeFor[feedback.CitizenView]().Fields() {
		fields = append(fields, f.Name)
	}
	sort.Strings(fields)
	assert.Equal(t, []string{"AnsweredAt", "Due", "InterimText", "Kind", "Language", "Received", "ReplyText", "Status", "Token"}, fields)

	c, cal := nykvarnCase(t, message.Complaint, sthlm(2026, 3, 10, 9, 0))
	v := c.Citizen()
	require.NotNil(t, v.Due)
	assert.Equal(t, c.ReplyDue, *v.Due)
	assert.Equal(t, c.Token, v.Token)
	assert.Nil(t, v.AnsweredAt)
	a := applyAll(t, c, cal, feedback.Transition{To: feedback.StatusAnswered, At: sthlm(2026, 3, 10, 10, 0), Text: "Svar"})
	v = a.Citizen()
	assert.Nil(t, v.Due)
	require.NotNil(t, v.AnsweredAt)
	assert.Equal(t, "Svar", v.ReplyText)
}

func TestParseStatus(t *testing.T) {
	for _, s := range feedback.Statuses() {
		got, err := feedback.ParseStatus(string(s))
		require.NoError(t, err)
		assert.Equal(t, s, got)
		assert.NotEqual(t, string(s), s.Name("sv"), "the Swedish name is for people")
		assert.NotEmpty(t, s.Name("fi"))
	}
	_, err := feedback.ParseStatus("done")
	assert.ErrorContains(t, err, `"done"`)
}
