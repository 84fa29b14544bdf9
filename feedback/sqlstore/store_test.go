package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/classify"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/servicerules"
)

func stockholm(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Location())
}

func nykvarn(t testing.TB) *servicerules.Policy {
	t.Helper()
	p, err := servicerules.Preset("nykvarn")
	require.NoError(t, err)
	return p
}

// openDB opens a new SQLite file in a temporary directory.
func openDB(t testing.TB) (*sql.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kommunkit.db")
	return openFile(t, path), path
}

// openFile opens the SQLite file at path, closed when t ends.
func openFile(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sqlstore.OpenSQLite(path)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// openOn opens a Store with cfg on db, closed when t ends.
func openOn(t testing.TB, db *sql.DB, cfg sqlstore.Config) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(context.Background(), db, cfg)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

// openStore opens a Store on a new SQLite file.
func openStore(t testing.TB, cfg sqlstore.Config) (*sqlstore.Store, *sql.DB, string) {
	t.Helper()
	db, path := openDB(t)
	return openOn(t, db, cfg), db, path
}

// kindCase makes a case with a given kind, not asking classify.Message.
func kindCase(t testing.TB, p *servicerules.Policy, kind message.Kind, ch servicerules.Channel, contact *feedback.Contact, at time.Time) feedback.Case {
	t.Helper()
	c, err := feedback.NewCase(feedback.Submission{IdempotencyKey: uuid.NewString(), Channel: ch, Text: "Meddelande om " + string(kind), Contact: contact},
		at, classify.Result{Kind: kind, Language: "sv", Confidence: 0.8}, p)
	require.NoError(t, err)
	return c
}

// storedCase opens a Store on a new SQLite file, on the calendar of p, and
// stores a case of kind in it, sent by e-mail by anna on Tuesday 10 March
// 2026 at 09:00. It returns the Store, the case and the file's path.
func storedCase(t testing.TB, p *servicerules.Policy, kind message.Kind) (*sqlstore.Store, feedback.Case, string) {
	t.Helper()
	st, _, path := openStore(t, sqlstore.Config{Calendar: p.Calendar()})
	c := kindCase(t, p, kind, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0))
	_, _, err := st.Insert(context.Background(), c)
	require.NoError(t, err)
	return st, c, path
}

var anna = &feedback.Contact{Name: "Anna Andersson", Email: "anna@exempel.se", Phone: "070-123 45 67"}

func TestInsertBatch(t *testing.T) {
	p := nykvarn(t)
	for _, noTx := range []bool{false, true} {
		t.Run(fmt.Sprintf("NoTransactions=%v", noTx), func(t *testing.T) {
			st, _, _ := openStore(t, sqlstore.Config{Calendar: p.Calendar(), NoTransactions: noTx})
			ctx := context.Background()
			at := stockholm(2026, 3, 10, 9, 0)
			old := kindCase(t, p, message.Praise, servicerules.Email, anna, at)
			_, created, err := st.Insert(ctx, old)
			require.NoError(t, err)
			require.True(t, created)

			a := kindCase(t, p, message.Complaint, servicerules.Email, anna, at.Add(time.Minute))
			aAgain := kindCase(t, p, message.Complaint, servicerules.Email, anna, at.Add(2*time.Minute))
			aAgain.IdempotencyKey = a.IdempotencyKey
			oldAgain := kindCase(t, p, message.Suggestion, servicerules.Web, nil, at.Add(3*time.Minute))
			oldAgain.IdempotencyKey = old.IdempotencyKey
			bad := kindCase(t, p, message.Question, servicerules.Email, anna, at)
			bad.Token = uuid.Nil
			b := kindCase(t, p, message.Question, servicerules.Phone, anna, at.Add(4*time.Minute))

			res, err := st.InsertBatch(ctx, []feedback.Case{a, aAgain, oldAgain, bad, b})
			require.NoError(t, err)
			require.Len(t, res, 5)
			assert.True(t, res[0].Created)
			assert.Equal(t, a.ID, res[0].Case.ID)
			assert.False(t, res[1].Created)
			assert.Equal(t, a.ID, res[1].Case.ID, "a key twice in one batch gives the first")
			assert.False(t, res[2].Created)
			assert.ErrorIs(t, res[2].Err, feedback.ErrKeyReused, "another submission under a stored key")
			assert.Equal(t, uuid.Nil, res[2].Case.ID)
			assert.Error(t, res[3].Err)
			assert.True(t, res[4].Created)
			assert.Equal(t, b.ID, res[4].Case.ID)

			all, err := st.List(ctx, feedback.CaseFilter{})
			require.NoError(t, err)
			assert.Len(t, all, 3)
		})
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	p := nykvarn(t)
	ctx := context.Background()
	db, path := openDB(t)
	st, err := sqlstore.Open(ctx, db, sqlstore.Config{Calendar: p.Calendar()})
	require.NoError(t, err)
	c := kindCase(t, p, message.Praise, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0))
	_, _, err = st.Insert(ctx, c)
	require.NoError(t, err)
	require.NoError(t, st.Close())
	require.NoError(t, st.Close(), "Close twice")
	_, _, err = st.Insert(ctx, c)
	assert.ErrorIs(t, err, feedback.ErrClosed)

	// Open again on the same handle, and twice at once on new handles.
	st2 := openOn(t, db, sqlstore.Config{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			db2, err := sqlstore.OpenSQLite(path)
			if !assert.NoError(t, err) {
				return
			}
			defer db2.Close()
			s, err := sqlstore.Open(ctx, db2, sqlstore.Config{})
			if assert.NoError(t, err) {
				s.Close()
			}
		})
	}
	wg.Wait()

	ms, err := sqlstore.Migrations()
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	assert.Equal(t, 1, ms[0].Version)
	var n, maxV int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*), MAX(version) FROM schema_migrations`).Scan(&n, &maxV))
	assert.Equal(t, len(ms), n)
	assert.Equal(t, ms[len(ms)-1].Version, maxV)
	got, err := st2.Get(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, c.Token, got.Token, "data survives reopening")
}

func TestSchemaManaged(t *testing.T) {
	p := nykvarn(t)
	ctx := context.Background()
	// On an empty database a managed schema is not created: Open does not
	// touch it, and the first write says what is missing.
	st, db, _ := openStore(t, sqlstore.Config{SchemaManaged: true, Calendar: p.Calendar()})
	var n int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'`).Scan(&n))
	assert.Zero(t, n, "Open applied no migrations")
	_, _, err := st.Insert(ctx, kindCase(t, p, message.Praise, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0)))
	require.Error(t, err)

	// Where another tool applied the migrations, the Store works as usual.
	db2, _ := openDB(t)
	ms, err := sqlstore.Migrations()
	require.NoError(t, err)
	for _, m := range ms {
		for _, stmt := range m.Statements() {
			_, err := db2.Exec(stmt)
			require.NoError(t, err, stmt)
		}
	}
	st2 := openOn(t, db2, sqlstore.Config{SchemaManaged: true, Calendar: p.Calendar()})
	c := kindCase(t, p, message.Praise, servicerules.Email, anna, stockholm(2026, 3, 10, 9, 0))
	_, created, err := st2.Insert(ctx, c)
	require.NoError(t, err)
	assert.True(t, created)
}

func TestMigrationsUsePortableSQL(t *testing.T) {
	ms, err := sqlstore.Migrations()
	require.NoError(t, err)
	for _, m := range ms {
		for _, stmt := range m.Statements() {
			assert.Regexp(t, `^(CREATE (TABLE|INDEX|UNIQUE INDEX) IF NOT EXISTS|DROP INDEX IF EXISTS|ALTER TABLE \w+ ADD COLUMN|INSERT|UPDATE)\b`, stmt, m.Name)
			for _, banned := range []string{"PRAGMA", "TRIGGER", "ATTACH", "RETURNING", "BEGIN", "COMMIT"} {
				assert.NotContains(t, stmt, banned, m.Name)
			}
		}
	}
}

// TestPersistence: a case and its history, written through one handle,
// read the same through a new handle on the file. (How transitions are made
// and recorded is the store suite's, feedback/storetest.)
func TestPersistence(t *testing.T) {
	p := nykvarn(t)
	st, c, path := storedCase(t, p, message.Question)
	ctx := context.Background()
	for _, tr := range []feedback.Transition{
		{To: feedback.StatusWaiting, At: stockholm(2026, 3, 10, 10, 0), By: "lisa", Text: "Vilken gata gäller det?"},
		{To: feedback.StatusReceived, At: stockholm(2026, 3, 12, 10, 0), By: "lisa"},
		{To: feedback.StatusRegistered, At: stockholm(2026, 3, 12, 10, 30), By: "registrator", Unit: "Gata", DiaryNumber: "KS 2026/0043"},
		{To: feedback.StatusInterimSent, At: stockholm(2026, 3, 12, 11, 0), Text: "Svar senast 20 mars.", Promised: stockholm(2026, 3, 20, 16, 30)},
		{To: feedback.StatusAnswered, At: stockholm(2026, 3, 18, 14, 0), Text: "Gatan lagas i april."},
	} {
		_, err := st.Apply(ctx, c.ID, tr)
		require.NoError(t, err)
	}
	want, err := st.Get(ctx, c.ID)
	require.NoError(t, err)

	st2 := openOn(t, openFile(t, path), sqlstore.Config{Calendar: p.Calendar()})
	got, err := st2.Get(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.Equal(t, 17*time.Hour, got.Paused)
	require.Len(t, got.History, 6)
	assert.True(t, got.History[4].Promised.Equal(stockholm(2026, 3, 20, 16, 30)))
	assert.Equal(t, "KS 2026/0043", got.DiaryNumber)
	v, err := st2.Lookup(ctx, c.Token.String())
	require.NoError(t, err)
	assert.Equal(t, want.Citizen(), v)
}

// TestGetByKey: staff find a case by its idempotency key, in any case; an
// unknown key, or one that is not a UUID, is not found.
func TestGetByKey(t *testing.T) {
	st, c, _ := storedCase(t, nykvarn(t), message.Complaint)
	ctx := context.Background()
	for _, k := range []string{c.IdempotencyKey, strings.ToUpper(c.IdempotencyKey)} {
		byKey, err := st.GetByKey(ctx, k)
		require.NoError(t, err, k)
		assert.Equal(t, c.ID, byKey.ID)
	}
	for _, k := range []string{"nonsense", "", uuid.NewString(), c.ID.String()} {
		_, err := st.GetByKey(ctx, k)
		assert.ErrorIs(t, err, feedback.ErrNotFound, k)
	}
}

func TestCloseCommitsWhatItWasGiven(t *testing.T) {
	p := nykvarn(t)
	db, _ := openDB(t)
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, db, sqlstore.Config{Calendar: p.Calendar()})
	require.NoError(t, err)
	at := stockholm(2026, 3, 10, 9, 0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var acked []uuid.UUID
	for i := range 64 {
		c := kindCase(t, p, message.Complaint, servicerules.Web, anna, at.Add(time.Duration(i)*time.Second))
		wg.Go(func() {
			got, _, err := st.Insert(ctx, c)
			if err != nil {
				assert.ErrorIs(t, err, feedback.ErrClosed)
				return
			}
			mu.Lock()
			acked = append(acked, got.ID)
			mu.Unlock()
		})
	}
	time.Sleep(time.Millisecond)
	require.NoError(t, st.Close())
	wg.Wait()
	st2 := openOn(t, db, sqlstore.Config{})
	for _, id := range acked {
		_, err := st2.Get(ctx, id)
		assert.NoError(t, err, "an acknowledged insert is stored")
	}
	var n int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM cases`).Scan(&n))
	assert.Equal(t, len(acked), n, "nothing is stored that was not acknowledged")
}

func TestSQLiteSettings(t *testing.T) {
	db, _ := openDB(t)
	var mode string
	var sync, fk, busy int
	require.NoError(t, db.QueryRow(`PRAGMA journal_mode`).Scan(&mode))
	require.NoError(t, db.QueryRow(`PRAGMA synchronous`).Scan(&sync))
	require.NoError(t, db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk))
	require.NoError(t, db.QueryRow(`PRAGMA busy_timeout`).Scan(&busy))
	assert.Equal(t, "wal", mode)
	assert.Equal(t, 2, sync, "FULL")
	assert.Equal(t, 1, fk)
	assert.Equal(t, 10000, busy)

	dsn, err := sqlstore.SQLite{Path: "x.db", Synchronous: "normal", BusyTimeout: 2 * time.Second}.DSN()
	require.NoError(t, err)
	assert.Contains(t, dsn, "synchronous(NORMAL)")
	assert.Contains(t, dsn, "busy_timeout(2000)")
	for _, bad := range []sqlstore.SQLite{{}, {Path: "a?b"}, {Path: "x.db", Synchronous: "OFF"}} {
		_, err := bad.DSN()
		assert.Error(t, err)
	}
}

func TestForeignKeys(t *testing.T) {
	_, db, _ := openStore(t, sqlstore.Config{})
	_, err := db.Exec(`INSERT INTO case_changes (case_id, seq, from_status, to_status, at) VALUES ('nope', 1, 'received', 'registered', 'x')`)
	assert.Error(t, err, "a change must belong to a case")
}
