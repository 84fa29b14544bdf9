package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

// call is one call of every method of a store, with a context, for the
// tests that every method honours something.
type call struct {
	name string
	do   func(context.Context) error
}

// calls returns a call of each method of st, on the stored case c, the
// new case fresh and the stored session sess, each of which would succeed
// on a live context and an open store.
func calls(st Store, c, fresh feedback.Case, sess feedback.Session) []call {
	at := c.Received
	return []call{
		{"Insert", func(ctx context.Context) error { _, _, err := st.Insert(ctx, fresh); return err }},
		{"Insert of a retry", func(ctx context.Context) error { _, _, err := st.Insert(ctx, c); return err }},
		{"Lookup", func(ctx context.Context) error { _, err := st.Lookup(ctx, c.Token.String()); return err }},
		{"Get", func(ctx context.Context) error { _, err := st.Get(ctx, c.ID); return err }},
		{"List", func(ctx context.Context) error { _, err := st.List(ctx, feedback.CaseFilter{}); return err }},
		{"Apply", func(ctx context.Context) error {
			_, err := st.Apply(ctx, c.ID, feedback.Transition{To: feedback.StatusRegistered, At: at.Add(time.Hour)})
			return err
		}},
		{"CasesReceived", func(ctx context.Context) error {
			_, err := st.CasesReceived(ctx, at.Add(-time.Hour), at.Add(time.Hour))
			return err
		}},
		{"FollowUp", func(ctx context.Context) error {
			_, err := st.FollowUp(ctx, feedback.Period{From: at.Add(-time.Hour), To: at.Add(time.Hour)}, at.Add(time.Hour))
			return err
		}},
		{"CreateSession", func(ctx context.Context) error {
			s, err := feedback.NewSession("staff-token", at, time.Hour, 2*time.Hour)
			if err != nil {
				return err
			}
			return st.CreateSession(ctx, s)
		}},
		{"LookupSession", func(ctx context.Context) error {
			_, err := st.LookupSession(ctx, sess.ID, at.Add(time.Minute))
			return err
		}},
		{"RevokeSession", func(ctx context.Context) error { return st.RevokeSession(ctx, sess.ID) }},
	}
}

// stored puts a case and a session in st, and makes a new case, for
// calls.
func (e env) stored(t *testing.T, st Store) (c, fresh feedback.Case, sess feedback.Session) {
	t.Helper()
	at := stockholm(2026, 3, 10, 9, 0)
	c = insert(t, st, e.kindCase(t, message.Complaint, servicerules.Email, anna, at))
	sess = newSession(t, at, time.Hour, 2*time.Hour)
	if err := st.CreateSession(ctx, sess); err != nil {
		t.Fatalf("CreateSession: %v", err)
	}
	return c, e.kindCase(t, message.Praise, servicerules.Web, nil, at), sess
}

// testEndedContext: a call made with a context that has been cancelled,
// or whose deadline has passed, fails with an error that wraps the
// context's error, and stores nothing.
func testEndedContext(t *testing.T, e env) {
	st := e.store(t)
	c, fresh, sess := e.stored(t, st)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	for _, k := range calls(st, c, fresh, sess) {
		if err := k.do(cancelled); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context = %v; want an error wrapping context.Canceled", k.name, err)
		}
		if err := k.do(expired); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s after the context's deadline = %v; want an error wrapping context.DeadlineExceeded", k.name, err)
		}
	}
	// Nothing was changed.
	if got := get(t, st, c.ID); got.Status != feedback.StatusReceived || len(got.History) != 1 {
		t.Errorf("after calls with ended contexts the case is %s with %d changes; want it as stored", got.Status, len(got.History))
	}
	if list, err := st.List(ctx, feedback.CaseFilter{}); err != nil || len(list) != 1 {
		t.Errorf("after calls with ended contexts List = %d cases, %v; want the one stored", len(list), err)
	}
	if _, err := st.LookupSession(ctx, sess.ID, c.Received.Add(time.Minute)); err != nil {
		t.Errorf("after calls with ended contexts the session is gone: %v", err)
	}
}

// testClosed: after Close every call fails with an error that wraps
// feedback.ErrClosed, and Close again is not an error.
func testClosed(t *testing.T, e env) {
	st := e.store(t)
	c, fresh, sess := e.stored(t, st)
	if err := st.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("Close a second time: %v", err)
	}
	for _, k := range calls(st, c, fresh, sess) {
		if err := k.do(ctx); !errors.Is(err, feedback.ErrClosed) {
			t.Errorf("%s after Close = %v; want an error wrapping feedback.ErrClosed", k.name, err)
		}
	}
	if _, err := st.Get(ctx, uuid.New()); !errors.Is(err, feedback.ErrClosed) {
		t.Errorf("Get of an unknown case after Close = %v; want an error wrapping feedback.ErrClosed", err)
	}
}
