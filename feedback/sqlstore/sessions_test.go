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

// TestSessionsStoreOnlyAHash: the table holds the SHA-256 of a session's
// ID, never the ID. (What a session store does is the store suite's,
// feedback/storetest.)
func TestSessionsStoreOnlyAHash(t *testing.T) {
	ctx := context.Background()
	st, db, _ := openStore(t, sqlstore.Config{})
	t0 := stockholm(2026, 3, 10, 9, 0)
	a := newSession(t, t0, 2*time.Hour, 10*time.Hour)
	b := newSession(t, t0, 2*time.Hour, 10*time.Hour)
	require.NoError(t, st.CreateSession(ctx, a))
	require.NoError(t, st.CreateSession(ctx, b))
	_, err := st.LookupSession(ctx, a.ID, t0.Add(2*time.Minute))
	require.NoError(t, err)

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
		assert.NotContains(t, h, b.ID)
		assert.Len(t, h, 64)
		hashes = append(hashes, h)
	}
	require.NoError(t, rows.Err())
	assert.Len(t, hashes, 2)
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
