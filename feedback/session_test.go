package feedback_test

import (
	"encoding/base64"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
)

func TestNewSession(t *testing.T) {
	t0 := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	a, err := feedback.NewSession("staff-token", t0, 2*time.Hour, 10*time.Hour)
	require.NoError(t, err)
	b, err := feedback.NewSession("staff-token", t0, 2*time.Hour, 10*time.Hour)
	require.NoError(t, err)
	assert.NotEqual(t, a.ID, b.ID, "every session gets its own ID")
	raw, err := base64.RawURLEncoding.DecodeString(a.ID)
	require.NoError(t, err)
	assert.Len(t, raw, feedback.SessionIDBytes)
	assert.NoError(t, a.Check())
	assert.True(t, a.Created.Equal(t0))
	assert.True(t, a.LastSeen.Equal(t0))
	assert.True(t, a.Expires.Equal(t0.Add(10*time.Hour)))

	for name, args := range map[string]struct {
		subject      string
		idle, maxAge time.Duration
	}{
		"subject":      {"", time.Hour, 2 * time.Hour},
		"idle timeout": {"x", 0, 2 * time.Hour},
		"maximum age":  {"x", time.Hour, -time.Hour},
		"exceeds":      {"x", 3 * time.Hour, 2 * time.Hour},
	} {
		_, err := feedback.NewSession(args.subject, t0, args.idle, args.maxAge)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), name)
	}
}

func TestSessionActiveAndTouch(t *testing.T) {
	t0 := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	s, err := feedback.NewSession("staff-token", t0, 2*time.Hour, 10*time.Hour)
	require.NoError(t, err)
	assert.True(t, s.Active(t0))
	assert.True(t, s.Active(t0.Add(2*time.Hour-time.Nanosecond)))
	assert.False(t, s.Active(t0.Add(2*time.Hour)), "idle timeout")

	same, write := s.Touch(t0.Add(feedback.SessionTouchInterval - time.Nanosecond))
	assert.False(t, write, "a use within the touch interval is not written")
	assert.Equal(t, s, same)
	moved, write := s.Touch(t0.Add(time.Hour))
	assert.True(t, write)
	assert.True(t, moved.Active(t0.Add(3*time.Hour-time.Nanosecond)), "a use moves the idle timeout on")
	_, write = s.Touch(t0.Add(-time.Hour))
	assert.False(t, write, "a clock that went back changes nothing")

	// However much it is used, the session ends at Expires.
	late := s
	late.LastSeen = t0.Add(9*time.Hour + 59*time.Minute)
	assert.True(t, late.Ends().Equal(s.Expires))
	assert.False(t, late.Active(s.Expires))

	assert.False(t, feedback.Session{}.Active(t0), "the zero Session is never active")
}
