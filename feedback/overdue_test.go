package feedback_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/kommunkit/kommunkit/feedback"
)

// TestOverdueAtTheDueInstant pins Case.Overdue at its boundary: a case is
// not overdue at the instant of its deadline, and is overdue one nanosecond
// later ("its deadline has passed"). The deadline is ReplyDue before the
// first response and Promised after an interim reply; a waiting case is
// judged at the moment its pause began; an answered or closed case is never
// overdue.
func TestOverdueAtTheDueInstant(t *testing.T) {
	due := sthlm(2026, 3, 11, 16, 30)
	const ns = time.Nanosecond
	received := feedback.Case{Status: feedback.StatusReceived, ReplyDue: due}
	// An interim reply promised the answer by due; ReplyDue, earlier, no
	// longer counts.
	interim := feedback.Case{Status: feedback.StatusInterimSent, ReplyDue: due.Add(-48 * time.Hour),
		RespondedAt: due.Add(-72 * time.Hour), Promised: due}
	waiting := func(c feedback.Case, pausedAt time.Time) feedback.Case {
		c.Resume, c.Status, c.PausedAt = c.Status, feedback.StatusWaiting, pausedAt
		return c
	}
	status := func(c feedback.Case, s feedback.Status) feedback.Case {
		c.Status = s
		return c
	}

	cases := []struct {
		name string
		c    feedback.Case
		at   time.Time
		want bool
	}{
		{"received, 1 ns before ReplyDue", received, due.Add(-ns), false},
		{"received, at ReplyDue", received, due, false},
		{"received, at ReplyDue, written in UTC", received, due.UTC(), false},
		{"received, 1 ns after ReplyDue", received, due.Add(ns), true},
		{"registered, at ReplyDue", status(received, feedback.StatusRegistered), due, false},
		{"registered, 1 ns after ReplyDue", status(received, feedback.StatusRegistered), due.Add(ns), true},
		{"no reply owed (no ReplyDue), long after", feedback.Case{Status: feedback.StatusReceived}, due.AddDate(1, 0, 0), false},

		{"interim, 1 ns before Promised (ReplyDue has passed)", interim, due.Add(-ns), false},
		{"interim, at Promised", interim, due, false},
		{"interim, 1 ns after Promised", interim, due.Add(ns), true},

		// Waiting: judged at the start of the pause, when that came before at.
		{"waiting since 1 ns before ReplyDue, a year later", waiting(received, due.Add(-ns)), due.AddDate(1, 0, 0), false},
		{"waiting since ReplyDue, a year later", waiting(received, due), due.AddDate(1, 0, 0), false},
		{"waiting since 1 ns after ReplyDue, a year later", waiting(received, due.Add(ns)), due.AddDate(1, 0, 0), true},
		{"waiting since 1 ns after ReplyDue, at that instant", waiting(received, due.Add(ns)), due.Add(ns), true},
		{"waiting since an hour after ReplyDue, asked 1 ns after ReplyDue", waiting(received, due.Add(time.Hour)), due.Add(ns), true},
		{"waiting since an hour after ReplyDue, asked at ReplyDue", waiting(received, due.Add(time.Hour)), due, false},
		{"waiting without PausedAt, at ReplyDue", waiting(received, time.Time{}), due, false},
		{"waiting without PausedAt, 1 ns after ReplyDue", waiting(received, time.Time{}), due.Add(ns), true},
		{"waiting after an interim reply, since Promised, a year later", waiting(interim, due), due.AddDate(1, 0, 0), false},
		{"waiting after an interim reply, since 1 ns after Promised", waiting(interim, due.Add(ns)), due.AddDate(1, 0, 0), true},

		{"answered, 1 ns after ReplyDue", status(received, feedback.StatusAnswered), due.Add(ns), false},
		{"answered, a year after ReplyDue", status(received, feedback.StatusAnswered), due.AddDate(1, 0, 0), false},
		{"answered after an interim reply, 1 ns after Promised", status(interim, feedback.StatusAnswered), due.Add(ns), false},
		{"closed, 1 ns after ReplyDue", status(received, feedback.StatusClosed), due.Add(ns), false},
		{"closed after an interim reply, a year after Promised", status(interim, feedback.StatusClosed), due.AddDate(1, 0, 0), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.c.Overdue(tc.at), "%s at %s", deadlines(tc.c), tc.at.Format(time.RFC3339Nano))
		})
	}
}

func deadlines(c feedback.Case) string {
	return fmt.Sprintf("%s, reply due %s, responded %s, promised %s, paused %s", c.Status,
		c.ReplyDue.Format(time.RFC3339Nano), c.RespondedAt.Format(time.RFC3339Nano),
		c.Promised.Format(time.RFC3339Nano), c.PausedAt.Format(time.RFC3339Nano))
}
