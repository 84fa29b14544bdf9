package memstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/servicerules"
)

// newStore returns an empty Store, closed when t ends.
func newStore(t *testing.T) *Store {
	t.Helper()
	st, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// createSession makes a session created at `at`, idle for an hour at the
// most and two hours long at the most, and puts it in st.
func createSession(t *testing.T, st *Store, at time.Time) feedback.Session {
	t.Helper()
	sess, err := feedback.NewSession("staff-token", at, time.Hour, 2*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateSession(context.Background(), sess); err != nil {
		t.Fatal(err)
	}
	return sess
}

// TestSessionsKeepOnlyAHash: the store keeps a session under the SHA-256 of
// its ID, and nothing it keeps holds the ID.
func TestSessionsKeepOnlyAHash(t *testing.T) {
	st := newStore(t)
	sess := createSession(t, st, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	if _, err := st.LookupSession(context.Background(), sess.ID, sess.Created.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if len(st.sessions) != 1 {
		t.Fatalf("%d sessions kept, want 1", len(st.sessions))
	}
	for h, kept := range st.sessions {
		if kept.ID != "" || strings.Contains(string(h[:]), sess.ID) || strings.Contains(kept.Subject, sess.ID) {
			t.Errorf("the store keeps the session ID: %+v", kept)
		}
	}
}

// TestApplyConflict: when another writer changes the case between Apply's
// read and its write, Apply stores nothing and returns ErrConflict.
func TestApplyConflict(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	p, err := servicerules.Preset("nykvarn")
	if err != nil {
		t.Fatal(err)
	}
	c, err := feedback.Intake(feedback.Submission{IdempotencyKey: "0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b", Channel: "web", Text: "En fråga om parken."}, at, p)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Insert(ctx, c); err != nil {
		t.Fatal(err)
	}
	st.applied = func() {
		st.applied = nil
		if _, err := st.Apply(ctx, c.ID, feedback.Transition{To: feedback.StatusRegistered, At: at.Add(time.Hour), Unit: "Park"}); err != nil {
			t.Errorf("the other writer's Apply: %v", err)
		}
	}
	_, err = st.Apply(ctx, c.ID, feedback.Transition{To: feedback.StatusClosed, At: at.Add(2 * time.Hour)})
	if !errors.Is(err, feedback.ErrConflict) {
		t.Errorf("Apply after another writer changed the case = %v; want ErrConflict", err)
	}
	got, err := st.Get(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != feedback.StatusRegistered || len(got.History) != 2 {
		t.Errorf("the case is %s with %d changes; want the other writer's change only", got.Status, len(got.History))
	}
}

// TestSessionsEndedAreSweptOnCreate: making a session deletes those that
// had ended by then, so that a long-running store does not keep them all.
func TestSessionsEndedAreSweptOnCreate(t *testing.T) {
	st := newStore(t)
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for range 3 {
		createSession(t, st, t0)
	}
	createSession(t, st, t0.Add(30*time.Minute))
	createSession(t, st, t0.Add(time.Hour))
	if n := len(st.sessions); n != 2 {
		t.Errorf("%d sessions kept, want 2: the three that ended at %s are swept", n, t0.Add(time.Hour))
	}
}
