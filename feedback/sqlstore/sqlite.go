package sqlstore

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SQLite says how to open a SQLite database file with the modernc.org/sqlite
// driver (driver name "sqlite"). This package does not import the driver;
// the program does:
//
//	import _ "modernc.org/sqlite"
//
// Every connection gets these settings, through the driver's _pragma
// parameters:
//
//   - journal_mode=WAL: readers do not block the writer, nor it them, and a
//     commit appends to the log instead of rewriting pages.
//   - busy_timeout: a writer waits for another (another process, or Apply
//     while the group-commit writer holds the lock) instead of failing at
//     once with SQLITE_BUSY.
//   - synchronous=FULL: every commit is fsynced to the write-ahead log
//     before it returns, so an acknowledged submission survives a power
//     cut, not only a crash of the process. NORMAL would survive SIGKILL
//     but could lose the last commits on power loss. Group commit makes
//     FULL cheap: one fsync serves a whole batch.
//   - foreign_keys=ON: case_changes rows must belong to a case.
//
// Transactions begin IMMEDIATE (_txlock=immediate), taking the write lock
// at BEGIN, so that two writers never deadlock upgrading a read lock.
type SQLite struct {
	// Path is the database file.
	Path string
	// Synchronous is "FULL" (the default) or "NORMAL".
	Synchronous string
	// BusyTimeout is how long a writer waits for the lock; 0 means 10 s.
	BusyTimeout time.Duration
	// MaxConns is the size of the connection pool; 0 means 8. WAL lets
	// the readers among them work while one writes.
	MaxConns int
}

// DSN returns the data source name for modernc.org/sqlite.
func (o SQLite) DSN() (string, error) {
	if o.Path == "" {
		return "", errors.New("sqlstore: SQLite needs a Path")
	}
	if strings.ContainsAny(o.Path, "?#") {
		return "", errors.New("sqlstore: SQLite path " + strconv.Quote(o.Path) + " must not hold ? or #")
	}
	sync := strings.ToUpper(o.Synchronous)
	switch sync {
	case "":
		sync = "FULL"
	case "FULL", "NORMAL":
	default:
		return "", errors.New("sqlstore: synchronous " + strconv.Quote(o.Synchronous) + " is not FULL or NORMAL")
	}
	timeout := o.BusyTimeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	return "file:" + o.Path +
		"?_pragma=journal_mode(WAL)" +
		"&_pragma=busy_timeout(" + strconv.FormatInt(timeout.Milliseconds(), 10) + ")" +
		"&_pragma=synchronous(" + sync + ")" +
		"&_pragma=foreign_keys(ON)" +
		"&_txlock=immediate", nil
}

// Open opens the database and checks that it answers. The driver
// "sqlite" must be registered (import _ "modernc.org/sqlite").
func (o SQLite) Open() (*sql.DB, error) {
	dsn, err := o.DSN()
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: open %q: %w (import _ \"modernc.org/sqlite\")", o.Path, err)
	}
	n := o.MaxConns
	if n <= 0 {
		n = 8
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlstore: open %q: %w", o.Path, err)
	}
	return db, nil
}

// OpenSQLite opens the SQLite database file at path with the settings
// described at SQLite: WAL, a busy timeout of 10 s, synchronous=FULL and
// foreign keys on.
func OpenSQLite(path string) (*sql.DB, error) {
	return SQLite{Path: path}.Open()
}
