// Package memstore keeps feedback cases and staff sessions in memory: a
// feedback.Store for tests, demonstrations and programs whose cases need not
// outlive the process. It holds to the same contract as the database store
// (feedback/sqlstore), and passes the same suite (feedback/storetest):
//
//   - a case is stored once per idempotency key; a key sent again with
//     another submission is refused with feedback.ErrKeyReused;
//   - Apply reads a case, makes the transition outside the lock and stores
//     the result only if nobody changed the case in between, and otherwise
//     returns feedback.ErrConflict, as a database store does when two
//     writers race;
//   - List sorts (feedback.ListOrder) and filters as sqlstore's query
//     does, OverdueAt as feedback.Case.Overdue judges, and returns
//     summaries (feedback.Case.Summary);
//   - a session is kept under the SHA-256 of its ID, never the ID;
//   - every method honours its context, and fails with feedback.ErrClosed
//     after Close.
//
// A Store is safe for concurrent use. What it returns is a copy: changing
// it changes nothing stored.
package memstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
)

// Store is a feedback.Store in memory.
var _ feedback.Store = (*Store)(nil)

// Config configures a Store.
type Config struct {
	// Calendar is the policy's calendar (servicerules.Policy.Calendar),
	// which measures pauses in working time when cases change state and the
	// response times in FollowUp. Nil means the library default calendar.
	Calendar *calendar.Calendar
}

// A Store keeps cases and staff sessions in memory. Make one with New.
type Store struct {
	cal *calendar.Calendar

	mu       sync.RWMutex
	closed   bool
	cases    map[uuid.UUID]*entry
	byToken  map[uuid.UUID]uuid.UUID // receipt token → case ID
	byKey    map[string]uuid.UUID    // idempotency key → case ID
	sessions map[[sha256.Size]byte]feedback.Session

	// applied, when set (by tests), is called by Apply between making the
	// transition and storing it, where another writer may come first.
	applied func()
}

// An entry is a stored case and its version: the number of changes made to
// it since it was stored, which Apply compares.
type entry struct {
	c       feedback.Case
	version int
}

// New returns an empty Store.
func New(cfg Config) (*Store, error) {
	cal := cfg.Calendar
	if cal == nil {
		def, err := calendar.New()
		if err != nil {
			return nil, fmt.Errorf("memstore: %w", err)
		}
		cal = def
	}
	return &Store{
		cal:      cal,
		cases:    map[uuid.UUID]*entry{},
		byToken:  map[uuid.UUID]uuid.UUID{},
		byKey:    map[string]uuid.UUID{},
		sessions: map[[sha256.Size]byte]feedback.Session{},
	}, nil
}

// Close makes every later call fail with an error wrapping
// feedback.ErrClosed. Close may be called more than once.
func (s *Store) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}

// ready returns the error of a call that may not start: the store is
// closed, or ctx has ended. The caller holds s.mu.
func (s *Store) ready(ctx context.Context) error {
	if s.closed {
		return feedback.ErrClosed
	}
	return ctx.Err()
}

// Insert stores c, a new case (feedback.Case.CheckNew), as
// feedback.CaseStore says.
func (s *Store) Insert(ctx context.Context, c feedback.Case) (feedback.Case, bool, error) {
	if err := c.CheckNew(); err != nil {
		return feedback.Case{}, false, fmt.Errorf("memstore: insert: %w", err)
	}
	stored := inStockholm(clone(c))
	stored.History = []feedback.Change{{Transition: feedback.Transition{To: feedback.StatusReceived, At: stored.Received}}}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ready(ctx); err != nil {
		return feedback.Case{}, false, fmt.Errorf("memstore: insert case %s: %w", c.ID, err)
	}
	if id, ok := s.byKey[c.IdempotencyKey]; ok {
		first := s.cases[id].c
		if first.SubmissionFingerprint != c.SubmissionFingerprint {
			return feedback.Case{}, false, fmt.Errorf("memstore: insert case %s: %w", c.ID, feedback.ErrKeyReused)
		}
		return clone(first), false, nil
	}
	if _, ok := s.cases[c.ID]; ok {
		return feedback.Case{}, false, fmt.Errorf("memstore: insert case %s: another case has that ID", c.ID)
	}
	if _, ok := s.byToken[c.Token]; ok {
		return feedback.Case{}, false, fmt.Errorf("memstore: insert case %s: another case has that receipt token", c.ID)
	}
	s.cases[c.ID] = &entry{c: stored}
	s.byToken[c.Token] = c.ID
	s.byKey[c.IdempotencyKey] = c.ID
	return clone(stored), true, nil
}

// Lookup returns what the citizen may see of the case whose receipt token
// is token, as feedback.CaseStore says.
func (s *Store) Lookup(ctx context.Context, token string) (feedback.CitizenView, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.ready(ctx); err != nil {
		return feedback.CitizenView{}, fmt.Errorf("memstore: look up a receipt token: %w", err)
	}
	tok, err := uuid.Parse(token)
	id, ok := s.byToken[tok]
	if err != nil || tok == uuid.Nil || len(token) != 36 || !ok {
		// The token is a secret: the error does not name it.
		return feedback.CitizenView{}, fmt.Errorf("memstore: look up a receipt token: %w", feedback.ErrNotFound)
	}
	return s.cases[id].c.Citizen(), nil
}

// Get returns the whole case with ID id, with its history; an error
// wrapping feedback.ErrNotFound when there is none.
func (s *Store) Get(ctx context.Context, id uuid.UUID) (feedback.Case, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.ready(ctx); err != nil {
		return feedback.Case{}, fmt.Errorf("memstore: get case %s: %w", id, err)
	}
	e, ok := s.cases[id]
	if !ok {
		return feedback.Case{}, fmt.Errorf("memstore: get case %s: %w", id, feedback.ErrNotFound)
	}
	return clone(e.c), nil
}

// List returns the summaries of the cases f selects, sorted as
// feedback.CaseStore says.
func (s *Store) List(ctx context.Context, f feedback.CaseFilter) ([]feedback.CaseSummary, error) {
	cs, err := s.collect(ctx, "list", func(c feedback.Case) bool { return selects(f, c) })
	if err != nil {
		return nil, err
	}
	slices.SortFunc(cs, feedback.ListOrder)
	offset, limit := max(f.Offset, 0), f.Limit
	if limit <= 0 {
		limit = feedback.DefaultListLimit
	}
	cs = cs[min(offset, len(cs)):]
	cs = cs[:min(limit, len(cs))]
	out := make([]feedback.CaseSummary, len(cs))
	for i, c := range cs {
		out[i] = c.Summary()
	}
	return out, nil
}

// selects reports whether f keeps c.
func selects(f feedback.CaseFilter, c feedback.Case) bool {
	switch {
	case len(f.Statuses) > 0 && !slices.Contains(f.Statuses, c.Status),
		len(f.Kinds) > 0 && !slices.Contains(f.Kinds, c.Kind),
		len(f.Channels) > 0 && !slices.Contains(f.Channels, c.Channel),
		len(f.Units) > 0 && !slices.Contains(f.Units, c.Unit),
		!f.OverdueAt.IsZero() && !c.Overdue(f.OverdueAt),
		!f.From.IsZero() && c.Received.Before(f.From),
		!f.To.IsZero() && !c.Received.Before(f.To):
		return false
	}
	return true
}

// byReceived is the order of CasesReceived: by time received, then by ID.
func byReceived(a, b feedback.Case) int {
	if c := a.Received.Compare(b.Received); c != 0 {
		return c
	}
	return bytes.Compare(a.ID[:], b.ID[:])
}

// Apply makes transition t on the case with ID id, as feedback.CaseStore
// says. The transition is made on a copy read under the lock, outside it,
// and stored only when the case has not changed since: otherwise Apply
// returns an error wrapping feedback.ErrConflict.
func (s *Store) Apply(ctx context.Context, id uuid.UUID, t feedback.Transition) (feedback.Case, error) {
	s.mu.RLock()
	err := s.ready(ctx)
	e, ok := s.cases[id]
	var old feedback.Case
	var version int
	if ok {
		old, version = clone(e.c), e.version
	}
	s.mu.RUnlock()
	switch {
	case err != nil:
		return feedback.Case{}, fmt.Errorf("memstore: apply to case %s: %w", id, err)
	case !ok:
		return feedback.Case{}, fmt.Errorf("memstore: apply to case %s: %w", id, feedback.ErrNotFound)
	}
	c, err := old.Apply(t, s.cal)
	if err != nil {
		return feedback.Case{}, fmt.Errorf("memstore: apply to case %s: %w", id, err)
	}
	c = inStockholm(c)
	if s.applied != nil {
		s.applied()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ready(ctx); err != nil {
		return feedback.Case{}, fmt.Errorf("memstore: apply to case %s: %w", id, err)
	}
	if e.version != version {
		return feedback.Case{}, fmt.Errorf("memstore: apply to case %s: %w", id, feedback.ErrConflict)
	}
	e.c, e.version = c, version+1
	return clone(c), nil
}

// CasesReceived returns every case received in [from, to), whole but
// without histories, sorted by time received, then by ID.
func (s *Store) CasesReceived(ctx context.Context, from, to time.Time) ([]feedback.Case, error) {
	out, err := s.collect(ctx, "cases received", func(c feedback.Case) bool {
		return !c.Received.Before(from) && c.Received.Before(to)
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i] = clone(out[i])
		out[i].History = nil
	}
	slices.SortFunc(out, byReceived)
	return out, nil
}

// collect returns the cases that keep keeps, as they are stored: a caller
// that hands one out clones it first. what names the call in the error
// when the store is closed or ctx has ended.
func (s *Store) collect(ctx context.Context, what string, keep func(feedback.Case) bool) ([]feedback.Case, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.ready(ctx); err != nil {
		return nil, fmt.Errorf("memstore: %s: %w", what, err)
	}
	var out []feedback.Case
	for _, e := range s.cases {
		if keep(e.c) {
			out = append(out, e.c)
		}
	}
	return out, nil
}

// FollowUp returns the follow-up statistics for the cases received in
// period p, judged at `at`, on the Store's calendar.
func (s *Store) FollowUp(ctx context.Context, p feedback.Period, at time.Time) (feedback.Stats, error) {
	cs, err := s.CasesReceived(ctx, p.From, p.To)
	if err != nil {
		return feedback.Stats{}, err
	}
	return feedback.FollowUp(cs, p, at, s.cal), nil
}

// clone returns c sharing nothing with it: its contact and history are
// copied.
func clone(c feedback.Case) feedback.Case {
	if c.Contact != nil {
		ct := *c.Contact
		c.Contact = &ct
	}
	c.History = slices.Clone(c.History)
	return c
}

// inStockholm returns c with its times in Europe/Stockholm, as every store
// returns them.
func inStockholm(c feedback.Case) feedback.Case {
	loc := calendar.Location()
	for _, t := range []*time.Time{&c.Received, &c.RegistrationDue, &c.ReplyDue, &c.Promised,
		&c.RegisteredAt, &c.RespondedAt, &c.AnsweredAt, &c.ClosedAt, &c.PausedAt} {
		if !t.IsZero() {
			*t = t.In(loc)
		}
	}
	for i := range c.History {
		h := &c.History[i]
		h.At = h.At.In(loc)
		if !h.Promised.IsZero() {
			h.Promised = h.Promised.In(loc)
		}
	}
	return c
}

// errSessionStored is the error of CreateSession for a session ID that is
// stored already.
var errSessionStored = errors.New("the session is stored already")

// CreateSession stores sess, keyed by the hash of its ID, after deleting
// the sessions that ended by sess.Created. It reports an error naming the
// field when sess is incomplete (feedback.Session.Check).
func (s *Store) CreateSession(ctx context.Context, sess feedback.Session) error {
	if err := sess.Check(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ready(ctx); err != nil {
		return fmt.Errorf("memstore: create session: %w", err)
	}
	for h, old := range s.sessions {
		if !old.Ends().After(sess.Created) {
			delete(s.sessions, h)
		}
	}
	h := sha256.Sum256([]byte(sess.ID))
	if _, ok := s.sessions[h]; ok {
		return fmt.Errorf("memstore: create session: %w", errSessionStored)
	}
	loc := calendar.Location()
	sess.Created, sess.LastSeen, sess.Expires = sess.Created.In(loc), sess.LastSeen.In(loc), sess.Expires.In(loc)
	sess.ID = "" // the hash is the key; the ID itself is not kept
	s.sessions[h] = sess
	return nil
}

// LookupSession returns the session named id when it is active at now, as
// feedback.SessionStore says, and records its use.
func (s *Store) LookupSession(ctx context.Context, id string, now time.Time) (feedback.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ready(ctx); err != nil {
		return feedback.Session{}, fmt.Errorf("memstore: look up session: %w", err)
	}
	h := sha256.Sum256([]byte(id))
	sess, ok := s.sessions[h]
	if id == "" || !ok {
		return feedback.Session{}, feedback.ErrNoSession
	}
	sess.ID = id
	if !sess.Active(now) {
		return feedback.Session{}, feedback.ErrNoSession
	}
	touched, write := sess.Touch(now)
	if write {
		kept := touched
		kept.ID, kept.LastSeen = "", kept.LastSeen.In(calendar.Location())
		s.sessions[h] = kept
		touched.LastSeen = kept.LastSeen
	}
	return touched, nil
}

// RevokeSession deletes the session named id. A session that is not there
// is not an error.
func (s *Store) RevokeSession(ctx context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ready(ctx); err != nil {
		return fmt.Errorf("memstore: revoke session: %w", err)
	}
	delete(s.sessions, sha256.Sum256([]byte(id)))
	return nil
}
