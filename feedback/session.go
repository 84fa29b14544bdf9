package feedback

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// SessionIDBytes is how many random bytes a session ID holds: 256 bits from
// crypto/rand, written in base64url without padding (43 characters).
const SessionIDBytes = 32

// SessionTouchInterval is how stale a session's LastSeen may be before a
// use of the session is written back (Session.Touch). A session's idle
// timeout is therefore exact to within this interval, and a busy staff
// page costs at most one write a minute.
const SessionTouchInterval = time.Minute

// ErrNoSession is what a SessionStore returns for a session ID it does not
// hold: one never made, signed out (revoked), or expired.
var ErrNoSession = errors.New("feedback: no such session")

// A Session is one sign-in of a staff member: made at sign-in, found again
// by its ID on every request, ended at sign-out or when it expires. It is a
// value; a SessionStore keeps it.
type Session struct {
	// ID is the secret that names the session: random, made by NewSession,
	// and carried in the staff member's cookie. A store keeps only a hash
	// of it, never the ID itself.
	ID string
	// Subject is who signed in: "staff-token" for the shared staff secret,
	// and later the identity provider's subject.
	Subject string
	// Created is when the session was made (the sign-in).
	Created time.Time
	// LastSeen is the last recorded use (see SessionTouchInterval).
	LastSeen time.Time
	// Idle is the idle timeout: the session ends when it has not been used
	// for this long.
	Idle time.Duration
	// Expires is the absolute timeout: the session ends then, however
	// much it is used.
	Expires time.Time
}

// NewSession returns a session for subject made at now, with a new random
// ID, that ends after idle without use and at now+maxAge at the latest. It
// reports an error naming the argument when subject is empty, idle or
// maxAge is not positive, or idle exceeds maxAge.
func NewSession(subject string, now time.Time, idle, maxAge time.Duration) (Session, error) {
	switch {
	case subject == "":
		return Session{}, errors.New("feedback: NewSession: subject is empty")
	case idle <= 0:
		return Session{}, errors.New("feedback: NewSession: idle timeout " + idle.String() + " is not positive")
	case maxAge <= 0:
		return Session{}, errors.New("feedback: NewSession: maximum age " + maxAge.String() + " is not positive")
	case idle > maxAge:
		return Session{}, errors.New("feedback: NewSession: idle timeout " + idle.String() + " exceeds the maximum age " + maxAge.String())
	}
	b := make([]byte, SessionIDBytes)
	if _, err := rand.Read(b); err != nil {
		return Session{}, fmt.Errorf("feedback: NewSession: %w", err)
	}
	return Session{
		ID:       base64.RawURLEncoding.EncodeToString(b),
		Subject:  subject,
		Created:  now,
		LastSeen: now,
		Idle:     idle,
		Expires:  now.Add(maxAge),
	}, nil
}

// Ends returns when s ends if it is not used again: at LastSeen+Idle, or
// at Expires when that is earlier.
func (s Session) Ends() time.Time {
	end := s.LastSeen.Add(s.Idle)
	if s.Expires.Before(end) {
		return s.Expires
	}
	return end
}

// Active reports whether s is still good at now: neither idle for Idle nor
// past Expires. A session with no ID, or with a non-positive Idle, is never
// active.
func (s Session) Active(now time.Time) bool {
	return s.ID != "" && s.Idle > 0 && now.Before(s.Ends())
}

// Touch returns s used at now, and whether that use should be written back:
// when LastSeen is SessionTouchInterval or more before now. A clock that
// went back leaves LastSeen as it was.
func (s Session) Touch(now time.Time) (Session, bool) {
	if now.Sub(s.LastSeen) < SessionTouchInterval {
		return s, false
	}
	s.LastSeen = now
	return s, true
}

// Check reports an error naming the field when s cannot be stored: no ID,
// no Subject, zero times, a non-positive Idle, or Expires before Created.
func (s Session) Check() error {
	switch {
	case s.ID == "":
		return errors.New("feedback: Session.ID is empty")
	case s.Subject == "":
		return errors.New("feedback: Session.Subject is empty")
	case s.Created.IsZero() || s.LastSeen.IsZero() || s.Expires.IsZero():
		return errors.New("feedback: Session.Created, LastSeen and Expires must be set")
	case s.Idle <= 0:
		return errors.New("feedback: Session.Idle " + strconv.Quote(s.Idle.String()) + " is not positive")
	case s.Expires.Before(s.Created):
		return errors.New("feedback: Session.Expires is before Created")
	}
	return nil
}

// A SessionStore keeps staff sessions. Implementations store a hash of the
// session ID, never the ID, and are safe for concurrent use.
type SessionStore interface {
	// CreateSession stores s (made by NewSession). It may also delete
	// sessions that have ended by s.Created.
	CreateSession(ctx context.Context, s Session) error
	// LookupSession returns the session named id if it is active at now
	// (Session.Active), with its use at now recorded (Session.Touch). It
	// returns ErrNoSession for an ID it does not hold, revoked or ended.
	LookupSession(ctx context.Context, id string, now time.Time) (Session, error)
	// RevokeSession ends the session named id at once. Revoking a session
	// that does not exist is not an error.
	RevokeSession(ctx context.Context, id string) error
}
