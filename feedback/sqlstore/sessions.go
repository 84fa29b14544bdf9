package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/kommunkit/kommunkit/feedback"
)

// Store implements feedback.SessionStore on the same database as the
// cases, in the table staff_sessions (migration 0004).
var _ feedback.SessionStore = (*Store)(nil)

// sessionHash is how a session ID is kept: the hex SHA-256 of the ID. The
// ID holds 256 random bits, so an unsalted hash cannot be reversed, and a
// lookup needs no other key.
func sessionHash(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// CreateSession stores s, keyed by the hash of its ID, after deleting the
// sessions that ended by s.Created. It reports an error naming the field
// when s is incomplete (feedback.Session.Check).
func (s *Store) CreateSession(ctx context.Context, sess feedback.Session) error {
	if err := sess.Check(); err != nil {
		return err
	}
	if err := s.ready(ctx); err != nil {
		return fmt.Errorf("sqlstore: create session: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM staff_sessions WHERE idle_until <= ?`, ts(sess.Created)); err != nil {
		return fmt.Errorf("sqlstore: delete ended sessions: %w", err)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO staff_sessions (id_hash, subject, created_at, last_seen, idle_ms, expires_at, idle_until) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		sessionHash(sess.ID), sess.Subject, ts(sess.Created), ts(sess.LastSeen), sess.Idle.Milliseconds(), ts(sess.Expires), ts(sess.Ends()))
	if err != nil {
		return fmt.Errorf("sqlstore: create session: %w", err)
	}
	return nil
}

// LookupSession returns the session named id when it is active at now, and
// feedback.ErrNoSession when there is none, it was revoked, or it has ended
// (idle too long or past its absolute expiry). A use at least
// feedback.SessionTouchInterval after the last recorded one is written
// back, which moves the idle timeout on.
func (s *Store) LookupSession(ctx context.Context, id string, now time.Time) (feedback.Session, error) {
	if err := s.ready(ctx); err != nil {
		return feedback.Session{}, fmt.Errorf("sqlstore: look up session: %w", err)
	}
	if id == "" {
		return feedback.Session{}, feedback.ErrNoSession
	}
	h := sessionHash(id)
	var (
		sess                      feedback.Session
		created, seen, exp, until string
		idleMS                    int64
	)
	err := s.db.QueryRowContext(ctx, `SELECT subject, created_at, last_seen, idle_ms, expires_at, idle_until FROM staff_sessions WHERE id_hash = ?`, h).
		Scan(&sess.Subject, &created, &seen, &idleMS, &exp, &until)
	if errors.Is(err, sql.ErrNoRows) {
		return feedback.Session{}, feedback.ErrNoSession
	}
	if err != nil {
		return feedback.Session{}, fmt.Errorf("sqlstore: look up session: %w", err)
	}
	sess.ID = id
	sess.Idle = time.Duration(idleMS) * time.Millisecond
	for _, f := range []struct {
		dst *time.Time
		src string
	}{{&sess.Created, created}, {&sess.LastSeen, seen}, {&sess.Expires, exp}} {
		if *f.dst, err = parseTS(f.src); err != nil {
			return feedback.Session{}, fmt.Errorf("sqlstore: look up session: %w", err)
		}
	}
	if !sess.Active(now) {
		return feedback.Session{}, feedback.ErrNoSession
	}
	touched, write := sess.Touch(now)
	if !write {
		return sess, nil
	}
	// Only a row still there and still active is moved on: a sign-out
	// between the read and this write wins.
	_, err = s.db.ExecContext(ctx, `UPDATE staff_sessions SET last_seen = ?, idle_until = ? WHERE id_hash = ? AND idle_until > ?`,
		ts(touched.LastSeen), ts(touched.Ends()), h, ts(now))
	if err != nil {
		return feedback.Session{}, fmt.Errorf("sqlstore: touch session: %w", err)
	}
	return touched, nil
}

// RevokeSession deletes the session named id, so that its cookie signs
// nobody in any more. A session that is not there is not an error.
func (s *Store) RevokeSession(ctx context.Context, id string) error {
	if err := s.ready(ctx); err != nil {
		return fmt.Errorf("sqlstore: revoke session: %w", err)
	}
	if id == "" {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM staff_sessions WHERE id_hash = ?`, sessionHash(id)); err != nil {
		return fmt.Errorf("sqlstore: revoke session: %w", err)
	}
	return nil
}
