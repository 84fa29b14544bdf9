// Package sqlstore keeps feedback cases in a SQL database through
// database/sql: SQLite on one machine (modernc.org/sqlite, pure Go), or
// Cloudflare D1 at the edge. The schema and its migrations are embedded and
// use only SQL that both accept: CREATE TABLE and CREATE INDEX IF NOT
// EXISTS, DROP INDEX IF EXISTS, ALTER TABLE ... ADD COLUMN, INSERT (with
// ON CONFLICT ... DO NOTHING),
// SELECT and UPDATE; no PRAGMA, trigger, ATTACH or RETURNING.
//
// A Store implements feedback.Store, the cases and the staff sessions, and
// wraps its errors around feedback's (feedback.ErrNotFound, ErrConflict,
// ErrClosed, ErrKeyReused), so that callers test for them with errors.Is.
// It passes the store suite of feedback/storetest, with transactions and
// without. The hosts (feedback/httpapi, feedback/webui) take that
// interface; a program's main opens this store and hands it to them.
//
// The package does not import a driver. Programs import one
// (import _ "modernc.org/sqlite") and open the database, for SQLite with
// OpenSQLite, which sets WAL mode, a busy timeout, synchronous=FULL and
// foreign keys.
//
// # Idempotency
//
// A case is stored once per idempotency key. Insert of a key already stored
// returns the case stored first, with created false, also when the retries
// race each other: the key is UNIQUE in the table, and the insert is
// INSERT ... ON CONFLICT (idempotency_key) DO NOTHING followed by a read of
// the row that won. The row holds the fingerprint of the submission
// (feedback.Submission.Fingerprint); a key sent again with another
// submission is refused with feedback.ErrKeyReused, so that knowing a key
// never gives out the stored case or its receipt token.
//
// # Group commit
//
// With transactions (SQLite), concurrent calls to Insert are gathered by one
// writer goroutine into a single transaction, up to Config.MaxBatch at a
// time, so that many submissions share one commit (and one fsync). Each
// caller returns only after the transaction holding its case has committed.
// InsertBatch does the same for a batch the caller already holds. Close
// stops the writer after committing what it has been given.
//
// # Privacy
//
// The citizen path, Lookup, finds a case by its receipt token only, a random
// UUID that is not the ID, and returns a feedback.CitizenView, which holds
// no contact details and no text. Everything else is for staff. List returns
// feedback.CaseSummary values (feedback.Case.Summary), whose text is the
// redacted text feedback.NewCase made, kept in its own column, and whose
// contact details are masked; Get returns the whole case. The package
// decides none of that: what a list shows, and every rule of a case, is
// package feedback's.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

// Store is a feedback.Store: the cases and the staff sessions.
var _ feedback.Store = (*Store)(nil)

// DefaultMaxBatch is how many inserts one group commit holds at most when
// Config.MaxBatch is 0.
const DefaultMaxBatch = 256

// Config configures a Store.
type Config struct {
	// Calendar is the policy's calendar (servicerules.Policy.Calendar),
	// which measures pauses in working time when cases change state and the
	// response times in FollowUp. Nil means the library default calendar.
	Calendar *calendar.Calendar
	// NoTransactions is for databases whose database/sql driver has no
	// transactions, such as Cloudflare D1 through syumai/workers. Every
	// write is then a sequence of single statements that is safe to retry,
	// and Insert does not group commits.
	NoTransactions bool
	// MaxBatch is the most inserts one group commit holds; 0 means
	// DefaultMaxBatch.
	MaxBatch int
	// SchemaManaged says another tool applies the migrations (on D1:
	// `wrangler d1 migrations apply`, from files generated out of
	// Migrations), so Open neither checks nor applies them. It saves a read
	// and a write on every Open, which on Workers is every request.
	SchemaManaged bool
}

// A Store keeps feedback cases in a database. It is safe for concurrent use.
// Close it to stop its writer; Close does not close the *sql.DB.
type Store struct {
	db       *sql.DB
	cal      *calendar.Calendar
	useTx    bool
	maxBatch int

	// insertStmt is prepared once; transactions use it through
	// Tx.StmtContext, which reuses it on the same connection.
	// modernc.org/sqlite parses it again on every exec all the same; the
	// writer still inserts one case per statement, because a multi-row
	// INSERT is slower with that driver (BenchmarkInsertStatement).
	insertStmt *sql.Stmt

	commits, committed atomic.Int64 // group commits made, and the inserts they held

	mu        sync.RWMutex // guards closed and sends on reqs
	closed    bool
	closeOnce sync.Once
	reqs      chan insertRequest
	stopped   chan struct{}
}

// An insertRequest is a case on its way to the writer, with its statement
// arguments already made by the caller's goroutine (redaction included), so
// that the single writer only executes.
type insertRequest struct {
	row  caseRow
	done chan InsertResult
}

// caseRow is a case ready to insert: the arguments of insertCase, and the
// case as it reads back from the database.
type caseRow struct {
	args   []any
	stored feedback.Case
	key    string
}

// InsertResult is the outcome of inserting one case.
type InsertResult struct {
	// Case is the stored case: the one given, or for a key already stored,
	// the case stored first.
	Case feedback.Case
	// Created is true when this insert stored the case, and false when the
	// idempotency key was already there.
	Created bool
	Err     error
}

// Open returns a Store on db after applying the embedded migrations that
// the database does not have yet. Opening the same database again, or from
// two processes, applies nothing twice.
func Open(ctx context.Context, db *sql.DB, cfg Config) (*Store, error) {
	if db == nil {
		return nil, errors.New("sqlstore: Open needs a *sql.DB")
	}
	cal := cfg.Calendar
	if cal == nil {
		def, err := calendar.New()
		if err != nil {
			return nil, err
		}
		cal = def
	}
	if !cfg.SchemaManaged {
		if err := migrate(ctx, db, !cfg.NoTransactions); err != nil {
			return nil, err
		}
	}
	ins, err := db.PrepareContext(ctx, insertCase)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: prepare insert: %w", err)
	}
	s := &Store{
		insertStmt: ins,
		db:         db,
		cal:        cal,
		useTx:      !cfg.NoTransactions,
		maxBatch:   cfg.MaxBatch,
		stopped:    make(chan struct{}),
	}
	if s.maxBatch <= 0 {
		s.maxBatch = DefaultMaxBatch
	}
	if s.useTx {
		s.reqs = make(chan insertRequest, s.maxBatch)
		go s.writer()
	} else {
		close(s.stopped)
	}
	return s, nil
}

// Close stops the group-commit writer after it has committed every insert
// it was given, and makes later calls of every method fail with an error
// wrapping feedback.ErrClosed. It does not close the *sql.DB. Close may be
// called more than once.
func (s *Store) Close() error {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		if s.reqs != nil {
			close(s.reqs)
		}
	}
	s.mu.Unlock()
	<-s.stopped
	s.closeOnce.Do(func() {
		s.insertStmt.Close()
	})
	return nil
}

// Insert stores c (made by feedback.NewCase) as feedback.CaseStore says.
// With transactions, concurrent calls share one commit (group commit), and
// Insert returns only after the commit that holds c.
func (s *Store) Insert(ctx context.Context, c feedback.Case) (feedback.Case, bool, error) {
	if err := checkInsertable(c); err != nil {
		return feedback.Case{}, false, fmt.Errorf("sqlstore: insert: %w", err)
	}
	if err := s.ready(ctx); err != nil {
		return feedback.Case{}, false, fmt.Errorf("sqlstore: insert case %s: %w", c.ID, err)
	}
	row := makeRow(c)
	if !s.useTx {
		r := s.insertOne(ctx, nil, row)
		return r.Case, r.Created, r.Err
	}
	req := insertRequest{row: row, done: make(chan InsertResult, 1)}
	if err := s.enqueue(ctx, req); err != nil {
		return feedback.Case{}, false, fmt.Errorf("sqlstore: insert case %s: %w", c.ID, err)
	}
	select {
	case r := <-req.done:
		return r.Case, r.Created, r.Err
	case <-ctx.Done():
		return feedback.Case{}, false, fmt.Errorf("sqlstore: insert case %s: %w", c.ID, ctx.Err())
	}
}

// ready returns the error of a call that may not start: the store is
// closed (feedback.ErrClosed), or ctx has ended (ctx's error).
func (s *Store) ready(ctx context.Context) error {
	s.mu.RLock()
	closed := s.closed
	s.mu.RUnlock()
	if closed {
		return feedback.ErrClosed
	}
	return ctx.Err()
}

func (s *Store) enqueue(ctx context.Context, req insertRequest) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return feedback.ErrClosed
	}
	select {
	case s.reqs <- req:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// GroupCommits returns how many transactions the group-commit writer has
// committed, and how many inserts they held in all: their ratio is the
// average batch.
func (s *Store) GroupCommits() (commits, inserts int64) {
	return s.commits.Load(), s.committed.Load()
}

// InsertBatch stores cs in one transaction (without transactions: one by
// one) and returns one result per case, in order. A key that appears twice
// in cs, or that is already stored, gives the case stored first. A case that
// cannot be stored has its Err set and does not stop the others; the error
// returned is for the batch as a whole (the commit failed).
func (s *Store) InsertBatch(ctx context.Context, cs []feedback.Case) ([]InsertResult, error) {
	if err := s.ready(ctx); err != nil {
		return nil, fmt.Errorf("sqlstore: insert batch: %w", err)
	}
	out := make([]InsertResult, len(cs))
	var ok []int
	for i, c := range cs {
		if err := checkInsertable(c); err != nil {
			out[i].Err = fmt.Errorf("sqlstore: insert: %w", err)
			continue
		}
		ok = append(ok, i)
	}
	if !s.useTx {
		for _, i := range ok {
			out[i] = s.insertOne(ctx, nil, makeRow(cs[i]))
		}
		return out, nil
	}
	batch := make([]caseRow, len(ok))
	for j, i := range ok {
		batch[j] = makeRow(cs[i])
	}
	res, err := s.commitBatch(ctx, batch)
	for j, i := range ok {
		out[i] = res[j]
	}
	return out, err
}

// writer gathers concurrent inserts and commits them together: it takes
// the first waiting request, then every request already queued, up to
// maxBatch, and commits them in one transaction while new requests queue
// for the next.
func (s *Store) writer() {
	defer close(s.stopped)
	batch := make([]insertRequest, 0, s.maxBatch)
	rows := make([]caseRow, 0, s.maxBatch)
	for first := range s.reqs {
		batch = append(batch[:0], first)
	gather:
		for len(batch) < s.maxBatch {
			select {
			case r, ok := <-s.reqs:
				if !ok {
					break gather
				}
				batch = append(batch, r)
			default:
				break gather
			}
		}
		rows = rows[:0]
		for _, r := range batch {
			rows = append(rows, r.row)
		}
		res, err := s.commitBatch(context.Background(), rows)
		if err == nil {
			s.commits.Add(1)
			s.committed.Add(int64(len(rows)))
		}
		for i, r := range batch {
			if err != nil {
				r.done <- InsertResult{Err: err}
				continue
			}
			r.done <- res[i]
		}
	}
}

// commitBatch inserts cs in one transaction. A failed statement fails only
// its own case (SQLite rolls back that statement, not the transaction); a
// failed commit fails them all.
func (s *Store) commitBatch(ctx context.Context, rows []caseRow) ([]InsertResult, error) {
	res := make([]InsertResult, len(rows))
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("sqlstore: begin: %w", err)
	}
	defer tx.Rollback()
	for i, r := range rows {
		res[i] = s.insertOne(ctx, tx, r)
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("sqlstore: commit: %w", err)
	}
	return res, nil
}

// checkInsertable reports why c cannot be inserted: it is not a new case
// (feedback.Case.CheckNew), or a time cannot be stored (storableTimes).
func checkInsertable(c feedback.Case) error {
	if err := c.CheckNew(); err != nil {
		return err
	}
	return storableTimes(c)
}

// storableTimes checks that every time of c has a four-digit year, so that
// its stored text sorts as time does.
func storableTimes(c feedback.Case) error {
	for _, t := range []time.Time{c.Received, c.RegistrationDue, c.ReplyDue, c.Promised, c.RegisteredAt,
		c.RespondedAt, c.AnsweredAt, c.ClosedAt, c.PausedAt} {
		if t.IsZero() {
			continue
		}
		if y := t.UTC().Year(); y < 1000 || y > 9999 {
			return errors.New("the time " + strconv.Quote(t.String()) + " is outside the years 1000 to 9999")
		}
	}
	return nil
}

const insertCase = `INSERT INTO cases (
 id, token, idempotency_key, received_at, channel, language, text, redacted_text,
 has_contact, contact_name, contact_email, contact_phone, recipient, decision_received, about_staff,
 policy, kind, runner_up, confidence, staff_complaint, unit, diary_number, status, resume,
 registration_due, reply_due, due_via, promised, due_at,
 registered_at, responded_at, answered_at, closed_at, paused_at, paused_ms,
 interim_text, reply_text, submission_fingerprint, version
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
ON CONFLICT (idempotency_key) DO NOTHING`

// makeRow prepares c for insertion: the statement arguments, and the case
// as Get will read it back (times in
// Europe/Stockholm, the history of a new case).
func makeRow(c feedback.Case) caseRow {
	var contact feedback.Contact
	if c.Contact != nil {
		contact = *c.Contact
	}
	decision := ""
	if c.DecisionReceived != (calendar.Date{}) {
		decision = c.DecisionReceived.String()
	}
	args := []any{
		c.ID.String(), c.Token.String(), c.IdempotencyKey, ts(c.Received), string(c.Channel), string(c.Language), c.Text, c.RedactedText,
		boolInt(c.Contact != nil), contact.Name, contact.Email, contact.Phone, string(c.Recipient), decision, boolInt(c.AboutStaff),
		c.Policy, string(c.Kind), string(c.RunnerUp), c.Confidence, boolInt(c.StaffComplaint), c.Unit, c.DiaryNumber, string(c.Status), string(c.Resume),
		ts(c.RegistrationDue), nullTS(c.ReplyDue), string(c.DueVia), nullTS(c.Promised), nullTS(c.Due()),
		nullTS(c.RegisteredAt), nullTS(c.RespondedAt), nullTS(c.AnsweredAt), nullTS(c.ClosedAt), nullTS(c.PausedAt), c.Paused.Milliseconds(),
		c.InterimText, c.ReplyText, c.SubmissionFingerprint,
	}
	stored := c
	if c.Contact != nil {
		ct := *c.Contact
		stored.Contact = &ct
	}
	stored.Paused = time.Duration(c.Paused.Milliseconds()) * time.Millisecond
	for _, t := range []*time.Time{&stored.Received, &stored.RegistrationDue, &stored.ReplyDue, &stored.Promised,
		&stored.RegisteredAt, &stored.RespondedAt, &stored.AnsweredAt, &stored.ClosedAt, &stored.PausedAt} {
		if !t.IsZero() {
			*t = t.In(calendar.Location())
		}
	}
	stored.History = []feedback.Change{{Transition: feedback.Transition{To: feedback.StatusReceived, At: stored.Received}}}
	return caseRow{args: args, stored: stored, key: c.IdempotencyKey}
}

// insertOne inserts a row, in tx or, when tx is nil, straight on the
// database. When the key is already stored it reads the case stored first.
func (s *Store) insertOne(ctx context.Context, tx *sql.Tx, row caseRow) InsertResult {
	ins := s.insertStmt
	var q querier = s.db
	if tx != nil {
		ins = tx.StmtContext(ctx, ins)
		q = tx
	}
	id := row.stored.ID.String()
	r, err := ins.ExecContext(ctx, row.args...)
	if err != nil {
		return InsertResult{Err: fmt.Errorf("sqlstore: insert case %s: %w", id, err)}
	}
	n, err := r.RowsAffected()
	if err != nil {
		return InsertResult{Err: fmt.Errorf("sqlstore: insert case %s: %w", id, err)}
	}
	if n == 1 {
		return InsertResult{Case: row.stored, Created: true}
	}
	c, _, err := s.getWhere(ctx, q, "idempotency_key = ?", row.key)
	if err != nil {
		return InsertResult{Err: fmt.Errorf("sqlstore: insert case %s: %w", id, err)}
	}
	if c.SubmissionFingerprint != row.stored.SubmissionFingerprint {
		return InsertResult{Err: fmt.Errorf("sqlstore: insert case %s: %w", id, feedback.ErrKeyReused)}
	}
	return InsertResult{Case: c}
}

// Lookup returns what the citizen may see of the case whose receipt token
// is token, as feedback.CaseStore says.
func (s *Store) Lookup(ctx context.Context, token string) (feedback.CitizenView, error) {
	if err := s.ready(ctx); err != nil {
		return feedback.CitizenView{}, fmt.Errorf("sqlstore: look up a receipt token: %w", err)
	}
	tok, err := uuid.Parse(token)
	if err != nil || tok == uuid.Nil || len(token) != 36 {
		return feedback.CitizenView{}, fmt.Errorf("sqlstore: look up a receipt token: %w", feedback.ErrNotFound)
	}
	c, _, err := s.getWhere(ctx, s.db, "token = ?", tok.String())
	if err != nil {
		// The token is a secret: the error does not name it.
		return feedback.CitizenView{}, fmt.Errorf("sqlstore: look up a receipt token: %w", err)
	}
	return c.Citizen(), nil
}

// Get returns the whole case with ID id, with its history, for staff;
// an error wrapping feedback.ErrNotFound when there is none.
func (s *Store) Get(ctx context.Context, id uuid.UUID) (feedback.Case, error) {
	if err := s.ready(ctx); err != nil {
		return feedback.Case{}, fmt.Errorf("sqlstore: get case %s: %w", id, err)
	}
	c, _, err := s.getWhere(ctx, s.db, "id = ?", id.String())
	if err != nil {
		return feedback.Case{}, fmt.Errorf("sqlstore: get case %s: %w", id, err)
	}
	return c, nil
}

// GetByKey returns the case stored under an idempotency key, for staff;
// an error wrapping feedback.ErrNotFound when there is none.
func (s *Store) GetByKey(ctx context.Context, key string) (feedback.Case, error) {
	if err := s.ready(ctx); err != nil {
		return feedback.Case{}, fmt.Errorf("sqlstore: get case by idempotency key: %w", err)
	}
	k, err := feedback.ParseIdempotencyKey(key)
	if err != nil {
		return feedback.Case{}, fmt.Errorf("sqlstore: get case by idempotency key: %w", feedback.ErrNotFound)
	}
	c, _, err := s.getWhere(ctx, s.db, "idempotency_key = ?", k)
	if err != nil {
		return feedback.Case{}, fmt.Errorf("sqlstore: get case by idempotency key: %w", err)
	}
	return c, nil
}

// getWhere reads one case with its history, and the row's version (the
// number of changes, "received" included); feedback.ErrNotFound when there
// is no such case. Outside a transaction the row
// and the history are read in two snapshots, so a change made in between
// shows as a history that does not match the version; getWhere then reads
// again, a few times, and after that returns what it has. Its errors are
// for the caller to prefix.
func (s *Store) getWhere(ctx context.Context, q querier, where string, arg any) (feedback.Case, int64, error) {
	for attempt := 0; ; attempt++ {
		rows, err := q.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE `+where, arg)
		if err != nil {
			return feedback.Case{}, 0, fmt.Errorf("read case: %w", err)
		}
		cs, versions, err := scanCases(rows)
		if err != nil {
			return feedback.Case{}, 0, err
		}
		if len(cs) == 0 {
			return feedback.Case{}, 0, feedback.ErrNotFound
		}
		c := cs[0]
		if err := s.loadHistory(ctx, q, &c); err != nil {
			return feedback.Case{}, 0, err
		}
		if int64(len(c.History)) == versions[0] || attempt == 4 {
			return c, versions[0], nil
		}
	}
}

const historyQuery = `SELECT from_status, to_status, at, by_whom, unit, diary_number, text, promised
FROM case_changes WHERE case_id = ? ORDER BY seq`

func (s *Store) loadHistory(ctx context.Context, q querier, c *feedback.Case) error {
	rows, err := q.QueryContext(ctx, historyQuery, c.ID.String())
	if err != nil {
		return fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	hist := []feedback.Change{{Transition: feedback.Transition{To: feedback.StatusReceived, At: c.Received}}}
	for rows.Next() {
		var ch feedback.Change
		var from, to, at string
		var promised sql.NullString
		if err := rows.Scan(&from, &to, &at, &ch.By, &ch.Unit, &ch.DiaryNumber, &ch.Text, &promised); err != nil {
			return fmt.Errorf("read history: %w", err)
		}
		ch.From, ch.To = feedback.Status(from), feedback.Status(to)
		var perr error
		if ch.At, perr = parseTS(at); perr != nil {
			return fmt.Errorf("read history of case %s: %w", c.ID, perr)
		}
		if ch.Promised, perr = parseNullTS(promised); perr != nil {
			return fmt.Errorf("read history of case %s: %w", c.ID, perr)
		}
		hist = append(hist, ch)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read history: %w", err)
	}
	c.History = hist
	return nil
}

// List returns the summaries of the cases f selects, for staff, sorted as
// feedback.CaseStore says.
func (s *Store) List(ctx context.Context, f feedback.CaseFilter) ([]feedback.CaseSummary, error) {
	if err := s.ready(ctx); err != nil {
		return nil, fmt.Errorf("sqlstore: list: %w", err)
	}
	q, args := listQuery(f)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list: %w", err)
	}
	cs, _, err := scanCases(rows)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list: %w", err)
	}
	out := make([]feedback.CaseSummary, len(cs))
	for i, c := range cs {
		out[i] = c.Summary()
	}
	return out, nil
}

// listQuery returns the query List runs for f, and its arguments.
func listQuery(f feedback.CaseFilter) (string, []any) {
	var where []string
	var args []any
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		where = append(where, col+" IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ")+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	in("status", strs(f.Statuses))
	in("kind", strs(f.Kinds))
	in("channel", strs(f.Channels))
	in("unit", f.Units)
	if !f.OverdueAt.IsZero() {
		at := ts(f.OverdueAt)
		// Case.Overdue: neither answered nor closed; before the first
		// response the reply is due, after it only a promised date is;
		// a waiting case is judged at the start of its pause.
		where = append(where, `status NOT IN ('answered', 'closed') AND due_at IS NOT NULL AND
 (responded_at IS NULL OR promised IS NOT NULL) AND
 due_at < (CASE WHEN status = 'waiting' AND paused_at IS NOT NULL AND paused_at < ? THEN paused_at ELSE ? END)`)
		args = append(args, at, at)
	}
	if !f.From.IsZero() {
		where = append(where, "received_at >= ?")
		args = append(args, ts(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "received_at < ?")
		args = append(args, ts(f.To))
	}
	q := `SELECT ` + caseColumns + ` FROM cases`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = feedback.DefaultListLimit
	}
	q += ` ORDER BY due_at IS NULL, due_at, received_at, id LIMIT ? OFFSET ?`
	args = append(args, limit, max(f.Offset, 0))
	return q, args
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

const casesReceivedQuery = `SELECT ` + caseColumns + ` FROM cases WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id`

// CasesReceived returns every case received in [from, to), whole but
// without histories, sorted by time received: the input of follow-up
// statistics (feedback.FollowUp).
func (s *Store) CasesReceived(ctx context.Context, from, to time.Time) ([]feedback.Case, error) {
	if err := s.ready(ctx); err != nil {
		return nil, fmt.Errorf("sqlstore: cases received: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, casesReceivedQuery, ts(from), ts(to))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: cases received: %w", err)
	}
	cs, _, err := scanCases(rows)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: cases received: %w", err)
	}
	return cs, nil
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

// Apply makes transition t on the case with ID id, records it in the
// case's history, and returns the case after it. It returns an error
// wrapping feedback.ErrNotFound for an unknown ID, the
// *feedback.TransitionError of feedback.Case.Apply for an illegal
// transition, and feedback.ErrConflict when another writer changed the case
// at the same time (read it again and retry).
func (s *Store) Apply(ctx context.Context, id uuid.UUID, t feedback.Transition) (feedback.Case, error) {
	c, err := s.applyTx(ctx, id, t)
	if err != nil {
		return feedback.Case{}, fmt.Errorf("sqlstore: apply to case %s: %w", id, err)
	}
	return c, nil
}

// applyTx is Apply, in a transaction when the database has them.
func (s *Store) applyTx(ctx context.Context, id uuid.UUID, t feedback.Transition) (feedback.Case, error) {
	if err := s.ready(ctx); err != nil {
		return feedback.Case{}, err
	}
	if !s.useTx {
		return s.apply(ctx, s.db, id, t)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return feedback.Case{}, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	c, err := s.apply(ctx, tx, id, t)
	if err != nil {
		return feedback.Case{}, err
	}
	if err := tx.Commit(); err != nil {
		return feedback.Case{}, fmt.Errorf("commit: %w", err)
	}
	return c, nil
}

func (s *Store) apply(ctx context.Context, q querier, id uuid.UUID, t feedback.Transition) (feedback.Case, error) {
	old, version, err := s.getWhere(ctx, q, "id = ?", id.String())
	if err != nil {
		return feedback.Case{}, err
	}
	c, err := old.Apply(t, s.cal)
	if err != nil {
		return feedback.Case{}, err
	}
	if err := storableTimes(c); err != nil {
		return feedback.Case{}, err
	}
	ch := c.History[len(c.History)-1]
	r, err := q.ExecContext(ctx, `UPDATE cases SET
 unit = ?, diary_number = ?, status = ?, resume = ?, reply_due = ?, promised = ?, due_at = ?,
 registered_at = ?, responded_at = ?, answered_at = ?, closed_at = ?, paused_at = ?, paused_ms = ?,
 interim_text = ?, reply_text = ?, version = ?
 WHERE id = ? AND version = ?`,
		c.Unit, c.DiaryNumber, string(c.Status), string(c.Resume), nullTS(c.ReplyDue), nullTS(c.Promised), nullTS(c.Due()),
		nullTS(c.RegisteredAt), nullTS(c.RespondedAt), nullTS(c.AnsweredAt), nullTS(c.ClosedAt), nullTS(c.PausedAt), c.Paused.Milliseconds(),
		c.InterimText, c.ReplyText, version+1,
		id.String(), version)
	if err != nil {
		return feedback.Case{}, fmt.Errorf("update case: %w", err)
	}
	if n, err := r.RowsAffected(); err != nil || n != 1 {
		return feedback.Case{}, feedback.ErrConflict
	}
	_, err = q.ExecContext(ctx, `INSERT INTO case_changes (case_id, seq, from_status, to_status, at, by_whom, unit, diary_number, text, promised)
 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id.String(), version, string(ch.From), string(ch.To), ts(ch.At), ch.By, ch.Unit, ch.DiaryNumber, ch.Text, nullTS(ch.Promised))
	if err != nil {
		if isConstraint(err) {
			return feedback.Case{}, feedback.ErrConflict
		}
		return feedback.Case{}, fmt.Errorf("record change: %w", err)
	}
	return c, nil
}

func isConstraint(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "constraint") || strings.Contains(s, "unique")
}

const caseColumns = `id, token, idempotency_key, received_at, channel, language, text, redacted_text,
 has_contact, contact_name, contact_email, contact_phone, recipient, decision_received, about_staff,
 policy, kind, runner_up, confidence, staff_complaint, unit, diary_number, status, resume,
 registration_due, reply_due, due_via, promised,
 registered_at, responded_at, answered_at, closed_at, paused_at, paused_ms,
 interim_text, reply_text, submission_fingerprint, version`

// scanCases reads rows of caseColumns, and the rows' versions.
func scanCases(rows *sql.Rows) ([]feedback.Case, []int64, error) {
	defer rows.Close()
	var out []feedback.Case
	var versions []int64
	for rows.Next() {
		var (
			c                                           feedback.Case
			id, token, received, channel                string
			hasContact, aboutStaff, staffComplaint      int64
			name, email, phone, recipient, decision     string
			kind, runnerUp, status, resume, dueVia, reg string
			replyDue, promised                          sql.NullString
			registered, responded, answered, closed     sql.NullString
			paused                                      sql.NullString
			pausedMS, version                           int64
		)
		err := rows.Scan(&id, &token, &c.IdempotencyKey, &received, &channel, &c.Language, &c.Text, &c.RedactedText,
			&hasContact, &name, &email, &phone, &recipient, &decision, &aboutStaff,
			&c.Policy, &kind, &runnerUp, &c.Confidence, &staffComplaint, &c.Unit, &c.DiaryNumber, &status, &resume,
			&reg, &replyDue, &dueVia, &promised,
			&registered, &responded, &answered, &closed, &paused, &pausedMS,
			&c.InterimText, &c.ReplyText, &c.SubmissionFingerprint, &version)
		if err != nil {
			return nil, nil, fmt.Errorf("read case: %w", err)
		}
		var perr error
		if c.ID, perr = uuid.Parse(id); perr != nil {
			return nil, nil, errors.New("bad id " + strconv.Quote(id))
		}
		if c.Token, perr = uuid.Parse(token); perr != nil {
			return nil, nil, errors.New("bad token in case " + id)
		}
		c.Channel = servicerules.Channel(channel)
		if hasContact != 0 {
			c.Contact = &feedback.Contact{Name: name, Email: email, Phone: phone}
		}
		c.Recipient = feedback.Recipient(recipient)
		if decision != "" {
			if c.DecisionReceived, perr = calendar.ParseDate(decision); perr != nil {
				return nil, nil, errors.New("bad decision date in case " + id)
			}
		}
		c.AboutStaff = aboutStaff != 0
		c.Kind, c.RunnerUp = message.Kind(kind), message.Kind(runnerUp)
		c.StaffComplaint = staffComplaint != 0
		c.Status, c.Resume = feedback.Status(status), feedback.Status(resume)
		c.DueVia = servicerules.Channel(dueVia)
		c.Paused = time.Duration(pausedMS) * time.Millisecond
		for _, f := range []struct {
			dst *time.Time
			src sql.NullString
		}{
			{&c.Received, sql.NullString{String: received, Valid: true}},
			{&c.RegistrationDue, sql.NullString{String: reg, Valid: true}},
			{&c.ReplyDue, replyDue}, {&c.Promised, promised},
			{&c.RegisteredAt, registered}, {&c.RespondedAt, responded},
			{&c.AnsweredAt, answered}, {&c.ClosedAt, closed}, {&c.PausedAt, paused},
		} {
			if *f.dst, perr = parseNullTS(f.src); perr != nil {
				return nil, nil, fmt.Errorf("case %s: %w", id, perr)
			}
		}
		out = append(out, c)
		versions = append(versions, version)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read cases: %w", err)
	}
	return out, versions, nil
}

// tsLayout is how times are stored: UTC, nanoseconds, fixed width, so that
// text order is time order.
const tsLayout = "2006-01-02T15:04:05.000000000Z"

func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

func nullTS(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ts(t)
}

func parseTS(s string) (time.Time, error) {
	t, err := time.Parse(tsLayout, s)
	if err != nil {
		return time.Time{}, errors.New("bad time " + strconv.Quote(s))
	}
	return t.In(calendar.Location()), nil
}

func parseNullTS(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	return parseTS(s.String)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
