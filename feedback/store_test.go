package feedback_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/feedback"
)

// TestListOrder: by due time, cases without one last, then by time
// received, then by ID.
func TestListOrder(t *testing.T) {
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	id := func(b byte) uuid.UUID { return uuid.UUID{0: b} }
	c := func(name byte, received, due time.Time) feedback.Case {
		k := feedback.Case{ReplyDue: due, Status: feedback.StatusReceived}
		k.ID, k.Received = id(name), received
		return k
	}
	promised := c(1, at, at.Add(48*time.Hour))
	promised.RespondedAt, promised.Promised = at.Add(time.Hour), at.Add(2*time.Hour) // Due is the promise
	want := []feedback.Case{
		promised,
		c(2, at, at.Add(24*time.Hour)),
		c(3, at.Add(time.Minute), at.Add(24*time.Hour)),
		c(4, at.Add(time.Minute), at.Add(24*time.Hour)),
		c(5, at.Add(-time.Hour), time.Time{}),
		c(6, at, time.Time{}),
	}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, feedback.ListOrder)
	for i := range want {
		if got[i].ID != want[i].ID {
			t.Errorf("position %d: case %d, want %d", i, got[i].ID[0], want[i].ID[0])
		}
	}
	if feedback.ListOrder(want[0], want[0]) != 0 {
		t.Error("ListOrder(c, c) != 0")
	}
}
