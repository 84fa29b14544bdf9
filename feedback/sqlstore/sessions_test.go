package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
)

func newSession(t *testing.T, at time.Time, idle, maxAge time.Duration) feedback.Session {
	t.Helper()
	s, err := feedback.NewSession("staff-token", at, idle, maxAge)
	require.NoError(t, err)
	return s
}

func TestSessionsCreateLookupRevoke(t *testing.T) {
	ctx := context.Background()
	st, db, _ := openStore(t, sqlstore.Config{})
	t0 := stockholm(2026, 3, 10, 9, 0)

	a := newSession(t, t0, 2*time.Hour, 10*time.Hour)
	b := newSession(t, t0, 2*time.Hour, 10*time.Hour)
	require.NotEqual(t, a.ID, b.ID, "two sign-ins at the same instant get two sessions")
	require.NoError(t, st.CreateSession(ctx, a))
	require.NoError(t, st.CreateSession(ctx, b))

	got, err := st.LookupSession(ctx, a.ID, t0.Add(time.Second))
	require.NoError(t, err)
	assert.Equal(t, a.ID, got.ID)
	assert.Equal(t, "staff-token", got.Subject)
	assert.True(t, got.Created.Equal(t0))
	assert.True(t, got.Expires.Equal(t0.Add(10*time.Hour)))
	assert.Equal(t, 2*time.Hour, got.Idle)

	// The database holds a hash of the ID, never the ID.
	var n int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM staff_sessions WHERE id_hash = ? OR subject = ? OR created_at = ?`, a.ID, a.ID, a.ID).Scan(&n))
	assert.Zero(t, n)
	var hashes []string
	rows, err := db.Query(`SELECT id_hash FROM staff_sessions`)
	require.NoError(t, err)
	for rows.Next() {
		var h string
		require.NoError(t, rows.Scan(&h))
		assert.NotContains(t, h, a.ID)
		assert.Len(t, h, 64)
		hashes = append(hashes, h)
	}
	require.NoError(t, rows.Err())
	assert.Len(t, hashes, 2)

	// Revoking one ends only that one.
	require.NoError(t, st.RevokeSession(ctx, a.ID))
	_, err = st.LookupSession(ctx, a.ID, t0.Add(2*time.Second))
	assert.ErrorIs(t, err, feedback.ErrNoSession)
	_, err = st.LookupSession(ctx, b.ID, t0.Add(2*time.Second))
	assert.NoError(t, err)
	require.NoError(t, st.RevokeSession(ctx, a.ID), "revoking twice is not an error")

	for _, id := range []string{"", "x", a.ID + "x", b.ID[:len(b.ID)-1]} {
		_, err = st.LookupSession(ctx, id, t0.Add(time.Second))
		assert.ErrorIs(t, err, feedback.ErrNoSession, id)
	}
}

func TestSessionsIdleAndAbsoluteTimeout(t *testing.T) {
	ctx := context.Background()
	st, _, _ := openStore(t, sqlstore.Config{})
	t0 := stockholm(2026, 3, 10, 8, 0)
	idle, maxAge := 2*time.Hour, 10*time.Hour

	// Unused for the idle timeout: ended.
	s := newSession(t, t0, idle, maxAge)
	require.NoError(t, st.CreateSession(ctx, s))
	_, err := st.LookupSession(ctx, s.ID, t0.Add(idle-time.Second))
	require.NoError(t, err, "used just before the idle timeout")
	// That use moved the idle timeout on.
	_, err = st.LookupSession(ctx, s.ID, t0.Add(2*idle-2*time.Second))
	require.NoError(t, err)
	_, err = st.LookupSession(ctx, s.ID, t0.Add(3*idle))
	assert.ErrorIs(t, err, feedback.ErrNoSession, "idle for longer than the idle timeout")

	// Used all the time: still ended at the absolute timeout.
	u := newSession(t, t0, idle, maxAge)
	require.NoError(t, st.CreateSession(ctx, u))
	for at := t0; at.Before(t0.Add(maxAge)); at = at.Add(30 * time.Minute) {
		_, err := st.LookupSession(ctx, u.ID, at)
		require.NoError(t, err, at)
	}
	_, err = st.LookupSession(ctx, u.ID, t0.Add(maxAge))
	assert.ErrorIs(t, err, feedback.ErrNoSession, "past the absolute timeout")
}

func TestSessionsEndedAreSweptOnCreate(t *testing.T) {
	ctx := context.Background()
	st, db, _ := openStore(t, sqlstore.Config{})
	t0 := stockholm(2026, 3, 10, 9, 0)
	for range 3 {
		require.NoError(t, st.CreateSession(ctx, newSession(t, t0, time.Hour, 2*time.Hour)))
	}
	live := newSession(t, t0.Add(30*time.Minute), time.Hour, 2*time.Hour)
	require.NoError(t, st.CreateSession(ctx, live))
	count := func() int {
		var n int
		require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM staff_sessions`).Scan(&n))
		return n
	}
	assert.Equal(t, 4, count())
	// An hour after the first three were made and never used, they are gone
	// when the next session is made; the one made later stays.
	require.NoError(t, st.CreateSession(ctx, newSession(t, t0.Add(time.Hour), time.Hour, 2*time.Hour)))
	assert.Equal(t, 2, count())
	_, err := st.LookupSession(ctx, live.ID, t0.Add(time.Hour))
	assert.NoError(t, err)
}

func TestCreateSessionRejectsIncomplete(t *testing.T) {
	ctx := context.Background()
	st, _, _ := openStore(t, sqlstore.Config{})
	good := newSession(t, stockholm(2026, 3, 10, 9, 0), time.Hour, 2*time.Hour)
	for field, breakIt := range map[string]func(*feedback.Session){
		"ID":      func(s *feedback.Session) { s.ID = "" },
		"Subject": func(s *feedback.Session) { s.Subject = "" },
		"Idle":    func(s *feedback.Session) { s.Idle = 0 },
		"Expires": func(s *feedback.Session) { s.Expires = s.Created.Add(-time.Second) },
	} {
		s := good
		breakIt(&s)
		err := st.CreateSession(ctx, s)
		require.Error(t, err, field)
		assert.Contains(t, err.Error(), field)
	}
	require.NoError(t, st.CreateSession(ctx, good))
	assert.Error(t, st.CreateSession(ctx, good), "the same ID twice")
}
