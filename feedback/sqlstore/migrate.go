package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// A Migration is one embedded schema change, applied once and in order of
// Version, and recorded in the table schema_migrations.
type Migration struct {
	Version int    // from the file name: 1 for "0001_cases.sql"
	Name    string // the file name
	SQL     string
}

// Migrations returns the embedded migrations in the order they are applied.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, errors.New("sqlstore: migration " + strconv.Quote(name) + " does not start with a version number and \"_\"")
		}
		b, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, errors.New("sqlstore: two migrations have version " + strconv.Itoa(out[i].Version))
		}
	}
	return out, nil
}

// Statements splits a migration into its statements: at each ";" that ends
// a line, after dropping "--" comment lines. Migrations keep to that form,
// so no statement holds a ";" of its own.
func (m Migration) Statements() []string {
	var out []string
	var cur strings.Builder
	for line := range strings.Lines(m.SQL) {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		if strings.HasSuffix(t, ";") {
			if s := strings.TrimSpace(cur.String()); s != ";" {
				out = append(out, s)
			}
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)`

// migrate applies the migrations that schema_migrations does not list.
// With transactions each migration runs in one, and is checked again
// inside it, so two processes opening the same database at once apply it
// once. Without them (D1) every statement of a migration must be safe to
// run twice, which CREATE ... IF NOT EXISTS is. SQLite has no ADD COLUMN
// IF NOT EXISTS, so an ALTER TABLE ... ADD COLUMN that fails because the
// column is there is taken as applied (see addsColumn).
func migrate(ctx context.Context, db *sql.DB, useTx bool) error {
	if _, err := db.ExecContext(ctx, createMigrationsTable); err != nil {
		return fmt.Errorf("sqlstore: create schema_migrations: %w", err)
	}
	ms, err := Migrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		applied, err := migrationApplied(ctx, db, m.Version)
		if err != nil {
			return err
		}
		if applied {
			continue
		}
		if err := applyMigration(ctx, db, m, useTx); err != nil {
			return fmt.Errorf("sqlstore: migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// addsColumn reports whether stmt is "ALTER TABLE <t> ADD COLUMN ...".
func addsColumn(stmt string) bool {
	f := strings.Fields(strings.ToUpper(stmt))
	return len(f) > 4 && f[0] == "ALTER" && f[1] == "TABLE" && f[3] == "ADD" && f[4] == "COLUMN"
}

type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func migrationApplied(ctx context.Context, q querier, version int) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("sqlstore: read schema_migrations: %w", err)
	}
	return n > 0, nil
}

func applyMigration(ctx context.Context, db *sql.DB, m Migration, useTx bool) error {
	if !useTx {
		return runMigration(ctx, db, m)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	applied, err := migrationApplied(ctx, tx, m.Version)
	if err != nil {
		return err
	}
	if applied {
		return nil
	}
	if err := runMigration(ctx, tx, m); err != nil {
		return err
	}
	return tx.Commit()
}

func runMigration(ctx context.Context, q querier, m Migration) error {
	for _, stmt := range m.Statements() {
		if _, err := q.ExecContext(ctx, stmt); err != nil {
			if addsColumn(stmt) && strings.Contains(strings.ToLower(err.Error()), "duplicate column") {
				// Run again, on a database another tool migrated (wrangler).
				continue
			}
			return err
		}
	}
	_, err := q.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?) ON CONFLICT (version) DO NOTHING`, m.Version, m.Name)
	return err
}
