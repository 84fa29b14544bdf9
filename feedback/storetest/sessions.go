package storetest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kommunkit/kommunkit/feedback"
)

func newSession(t *testing.T, at time.Time, idle, maxAge time.Duration) feedback.Session {
	t.Helper()
	s, err := feedback.NewSession("staff-token", at, idle, maxAge)
	if err != nil {
		t.Fatalf("NewSession: %v", err)
	}
	return s
}

// testSessions: a session is found by its ID until it is revoked, and only
// by its ID.
func testSessions(t *testing.T, e env) {
	st := e.store(t)
	t0 := stockholm(2026, 3, 10, 9, 0)
	a := newSession(t, t0, 2*time.Hour, 10*time.Hour)
	b := newSession(t, t0, 2*time.Hour, 10*time.Hour)
	for _, s := range []feedback.Session{a, b} {
		if err := st.CreateSession(ctx, s); err != nil {
			t.Fatalf("CreateSession: %v", err)
		}
	}
	got, err := st.LookupSession(ctx, a.ID, t0.Add(time.Second))
	if err != nil {
		t.Fatalf("LookupSession: %v", err)
	}
	if got.ID != a.ID || got.Subject != "staff-token" || !got.Created.Equal(t0) || !got.LastSeen.Equal(t0) ||
		!got.Expires.Equal(t0.Add(10*time.Hour)) || got.Idle != 2*time.Hour {
		t.Errorf("LookupSession = %+v; want %+v", got, a)
	}

	// Revoking one ends only that one.
	if err := st.RevokeSession(ctx, a.ID); err != nil {
		t.Fatalf("RevokeSession: %v", err)
	}
	if _, err := st.LookupSession(ctx, a.ID, t0.Add(2*time.Second)); !errors.Is(err, feedback.ErrNoSession) {
		t.Errorf("LookupSession of a revoked session = %v; want ErrNoSession", err)
	}
	if _, err := st.LookupSession(ctx, b.ID, t0.Add(2*time.Second)); err != nil {
		t.Errorf("LookupSession of the other session after a revoke: %v", err)
	}
	if err := st.RevokeSession(ctx, a.ID); err != nil {
		t.Errorf("revoking twice: %v; want no error", err)
	}
	if err := st.RevokeSession(ctx, ""); err != nil {
		t.Errorf("revoking no session: %v; want no error", err)
	}
	others := []string{"", "x", a.ID, b.ID + "x", b.ID[:len(b.ID)-1]}
	if up := strings.ToUpper(b.ID); up != b.ID {
		others = append(others, up) // an ID is case-sensitive
	}
	for _, id := range others {
		if _, err := st.LookupSession(ctx, id, t0.Add(time.Second)); !errors.Is(err, feedback.ErrNoSession) {
			t.Errorf("LookupSession(%q) = %v; want ErrNoSession", id, err)
		}
	}
	if err := st.CreateSession(ctx, b); err == nil {
		t.Error("CreateSession of a session stored already: no error")
	}
}

// testSessionTimeouts: a session ends after its idle timeout without use,
// a use moves that on (written back at most every
// feedback.SessionTouchInterval), and it ends at its absolute expiry
// however much it is used. Ended sessions are not found.
func testSessionTimeouts(t *testing.T, e env) {
	st := e.store(t)
	t0 := stockholm(2026, 3, 10, 8, 0)
	idle, maxAge := 2*time.Hour, 10*time.Hour

	s := newSession(t, t0, idle, maxAge)
	if err := st.CreateSession(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, err := st.LookupSession(ctx, s.ID, t0.Add(idle-time.Second))
	if err != nil {
		t.Fatalf("used just before the idle timeout: %v", err)
	}
	if !got.LastSeen.Equal(t0.Add(idle - time.Second)) {
		t.Errorf("LookupSession: LastSeen = %s; want the use recorded at %s", got.LastSeen, t0.Add(idle-time.Second))
	}
	// That use moved the idle timeout on.
	if _, err := st.LookupSession(ctx, s.ID, t0.Add(2*idle-2*time.Second)); err != nil {
		t.Errorf("used before the moved idle timeout: %v", err)
	}
	if _, err := st.LookupSession(ctx, s.ID, t0.Add(3*idle)); !errors.Is(err, feedback.ErrNoSession) {
		t.Errorf("idle for longer than the idle timeout: %v; want ErrNoSession", err)
	}

	// A use within SessionTouchInterval of the last recorded one is not
	// recorded: the idle timeout stays where it was.
	w := newSession(t, t0, idle, maxAge)
	if err := st.CreateSession(ctx, w); err != nil {
		t.Fatal(err)
	}
	if got, err := st.LookupSession(ctx, w.ID, t0.Add(feedback.SessionTouchInterval/2)); err != nil || !got.LastSeen.Equal(t0) {
		t.Errorf("a use %v after the last: LastSeen %s, %v; want it unchanged", feedback.SessionTouchInterval/2, got.LastSeen, err)
	}
	if _, err := st.LookupSession(ctx, w.ID, t0.Add(idle)); !errors.Is(err, feedback.ErrNoSession) {
		t.Errorf("at the idle timeout after an unrecorded use: %v; want ErrNoSession", err)
	}

	// Used all the time: still ended at the absolute timeout.
	u := newSession(t, t0, idle, maxAge)
	if err := st.CreateSession(ctx, u); err != nil {
		t.Fatal(err)
	}
	for at := t0; at.Before(t0.Add(maxAge)); at = at.Add(30 * time.Minute) {
		if _, err := st.LookupSession(ctx, u.ID, at); err != nil {
			t.Fatalf("used every 30 minutes, at %s: %v", at, err)
		}
	}
	if _, err := st.LookupSession(ctx, u.ID, t0.Add(maxAge)); !errors.Is(err, feedback.ErrNoSession) {
		t.Errorf("past the absolute timeout: %v; want ErrNoSession", err)
	}

	// Ended sessions may be swept when a session is made; those still
	// active stay.
	live := newSession(t, t0.Add(3*idle), idle, maxAge)
	if err := st.CreateSession(ctx, live); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateSession(ctx, newSession(t, t0.Add(3*idle+time.Hour), idle, maxAge)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.LookupSession(ctx, live.ID, t0.Add(3*idle+time.Hour)); err != nil {
		t.Errorf("an active session after a sweep: %v", err)
	}
}

// testSessionRefusesIncomplete: CreateSession refuses a session that
// feedback.Session.Check refuses, with an error that names the field.
func testSessionRefusesIncomplete(t *testing.T, e env) {
	st := e.store(t)
	good := newSession(t, stockholm(2026, 3, 10, 9, 0), time.Hour, 2*time.Hour)
	for field, breakIt := range map[string]func(*feedback.Session){
		"ID":      func(s *feedback.Session) { s.ID = "" },
		"Subject": func(s *feedback.Session) { s.Subject = "" },
		"Idle":    func(s *feedback.Session) { s.Idle = 0 },
		"Expires": func(s *feedback.Session) { s.Expires = s.Created.Add(-time.Second) },
	} {
		s := good
		breakIt(&s)
		if err := st.CreateSession(ctx, s); err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("CreateSession of a session without a good %s = %v; want an error naming it", field, err)
		}
	}
	if err := st.CreateSession(ctx, good); err != nil {
		t.Errorf("CreateSession of a good session after the refused ones: %v", err)
	}
}
