package feedback

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

// The errors of a CaseStore. A store returns them wrapped, with its own
// context ("sqlstore: get case ...: feedback: case not found"); test for
// them with errors.Is.
var (
	// ErrNotFound: no case has that receipt token or ID.
	ErrNotFound = errors.New("feedback: case not found")
	// ErrConflict: another writer changed the case first; read it again
	// and retry.
	ErrConflict = errors.New("feedback: the case was changed by someone else")
	// ErrClosed: the store has been closed.
	ErrClosed = errors.New("feedback: the store is closed")
)

// DefaultListLimit is how many cases CaseStore.List returns at most when
// CaseFilter.Limit is 0.
const DefaultListLimit = 1000

// A CaseFilter selects cases for CaseStore.List. Zero fields select
// everything; the fields that are set must all hold, and a list field holds
// when the case has any of its values.
type CaseFilter struct {
	Statuses []Status
	Kinds    []message.Kind
	Channels []servicerules.Channel
	Units    []string
	// OverdueAt, when not zero, keeps only the cases overdue at that
	// instant, as Case.Overdue says.
	OverdueAt time.Time
	// From and To, when not zero, keep the cases received in [From, To).
	From, To time.Time
	// Limit is the most cases returned (0: DefaultListLimit), after Offset
	// cases are skipped.
	Limit, Offset int
}

// A CaseStore keeps cases: it stores a new case once per idempotency key,
// finds it again by receipt token or ID, lists cases for staff, records
// their transitions, and gives the cases of a period for follow-up. Package
// feedback/sqlstore keeps them in SQL (SQLite, Cloudflare D1), and package
// feedback/memstore in memory. The hosts (feedback/httpapi, feedback/webui)
// take this interface, and only a program's main chooses the store.
//
// Every method honours its context: a call whose context has ended returns
// an error that wraps the context's error. After the store is closed (by
// the program that opened it), every method returns an error wrapping
// ErrClosed. The cases a store returns are copies, with their times in
// Europe/Stockholm (calendar.Location); changing them changes nothing
// stored. Implementations are safe for concurrent use.
//
// Package feedback/storetest tests an implementation against this
// contract; both stores run it.
type CaseStore interface {
	// Insert stores c, a new case (see Case.CheckNew), and returns the
	// case stored and whether this call created it. When c's idempotency
	// key is already stored for the same submission (the same
	// SubmissionFingerprint), Insert stores nothing and returns the case
	// stored first, with created false; when it is stored for another
	// submission, Insert stores nothing and returns an error wrapping
	// ErrKeyReused, and no part of the stored case. Insert returns only
	// once c is stored (in a database: committed). If ctx ends while a
	// write is under way,
	// Insert returns ctx's error and the case may still be stored; a retry
	// with the same key finds it.
	Insert(ctx context.Context, c Case) (stored Case, created bool, err error)
	// Lookup returns what the citizen may see of the case whose receipt
	// token is token, and ErrNotFound when there is none. It looks at the
	// token only, written as a UUID of 36 characters (in either case): a
	// case ID, or anything that is not such a UUID, is not found.
	Lookup(ctx context.Context, token string) (CitizenView, error)
	// Get returns the whole case with ID id, with its history, for staff;
	// ErrNotFound when there is none.
	Get(ctx context.Context, id uuid.UUID) (Case, error)
	// List returns the summaries (Case.Summary) of the cases f selects,
	// for staff, in ListOrder: by due time (Case.Due; cases without one
	// last), then by time received, then by ID. The whole case is for Get.
	List(ctx context.Context, f CaseFilter) ([]CaseSummary, error)
	// Apply makes transition t on the case with ID id (Case.Apply, on the
	// store's calendar), records it in the case's history, and returns the
	// case after it. It returns ErrNotFound for an unknown ID, the error
	// of Case.Apply for a transition that is not legal, and ErrConflict
	// when another writer changed the case in the meantime.
	Apply(ctx context.Context, id uuid.UUID, t Transition) (Case, error)
	// CasesReceived returns every case received in [from, to), whole but
	// without histories, sorted by time received, then by ID: the input of
	// FollowUp.
	CasesReceived(ctx context.Context, from, to time.Time) ([]Case, error)
	// FollowUp returns the follow-up statistics (the function FollowUp)
	// of the cases received in period p, judged at `at`, on the store's
	// calendar.
	FollowUp(ctx context.Context, p Period, at time.Time) (Stats, error)
}

// ListOrder compares a and b in the order CaseStore.List returns cases:
// by due time (Case.Due), cases without one last, then by time received,
// then by ID. It returns a negative number when a comes first, a positive
// one when b does, and 0 for the same case, as slices.SortFunc takes.
func ListOrder(a, b Case) int {
	da, db := a.Due(), b.Due()
	switch {
	case da.IsZero() != db.IsZero():
		if da.IsZero() {
			return 1
		}
		return -1
	case !da.Equal(db):
		return da.Compare(db)
	case !a.Received.Equal(b.Received):
		return a.Received.Compare(b.Received)
	}
	return bytes.Compare(a.ID[:], b.ID[:])
}

// A Store keeps what the feedback hosts keep: cases and staff sessions.
type Store interface {
	CaseStore
	SessionStore
}

// CheckNew reports an error when c cannot be inserted as a new case: it
// has no ID, receipt token, idempotency key, time received or redacted
// text, an unknown status, or a history of changes beyond "received". A
// case made by NewCase passes. Stores call it in Insert.
func (c Case) CheckNew() error {
	switch {
	case c.ID == uuid.Nil:
		return errors.New("feedback: the case has no ID; make it with NewCase")
	case c.Token == uuid.Nil:
		return errors.New("feedback: the case has no receipt token; make it with NewCase")
	case c.IdempotencyKey == "":
		return errors.New("feedback: the case has no idempotency key")
	case c.Received.IsZero():
		return errors.New("feedback: the case has no time received")
	case c.Text != "" && c.RedactedText == "":
		return errors.New("feedback: the case has no redacted text; make it with NewCase")
	case !c.Status.Valid():
		return errors.New("feedback: the case has an unknown status " + strconv.Quote(string(c.Status)))
	case len(c.History) > 1:
		return errors.New("feedback: only a new case can be inserted; changes are made with Apply")
	}
	return nil
}
