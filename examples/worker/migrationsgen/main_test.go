package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/kommunkit/kommunkit/feedback/sqlstore"
)

// committedDir is where the Worker's wrangler.toml finds its migrations.
const committedDir = "../migrations"

// TestCommittedMigrationsAreGenerated fails when the D1 migrations in the
// repository differ from what the generator writes from sqlstore's
// embedded schema: someone changed the schema and did not regenerate, or
// edited a generated file by hand.
func TestCommittedMigrationsAreGenerated(t *testing.T) {
	ms, err := sqlstore.Migrations()
	require.NoError(t, err)
	want, err := render(ms)
	require.NoError(t, err)

	paths, err := filepath.Glob(filepath.Join(committedDir, "*.sql"))
	require.NoError(t, err)
	got := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		got[filepath.Base(p)] = b
	}
	require.Equal(t, names(want), names(got),
		"examples/worker/migrations is stale: run go generate ./examples/worker/migrationsgen")
	for name := range want {
		assert.Equal(t, string(want[name]), string(got[name]),
			"examples/worker/migrations/%s is stale: run go generate ./examples/worker/migrationsgen", name)
	}
}

func TestWriteRemovesStaleFilesAndIsStable(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "0099_gone.sql")
	require.NoError(t, os.WriteFile(stale, []byte("CREATE TABLE gone (x);\n"), 0o644))
	keep := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(keep, []byte("not a migration"), 0o644))

	require.NoError(t, write(dir))
	first := readDir(t, dir)
	require.NoError(t, write(dir))
	assert.Equal(t, first, readDir(t, dir), "writing twice gives the same files")

	assert.NoFileExists(t, stale)
	assert.FileExists(t, keep)
	ms, err := sqlstore.Migrations()
	require.NoError(t, err)
	for _, m := range ms {
		assert.Contains(t, first, m.Name)
	}
}

func TestRenderKeepsEveryStatement(t *testing.T) {
	ms, err := sqlstore.Migrations()
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	files, err := render(ms)
	require.NoError(t, err)
	for _, m := range ms {
		text := string(files[m.Name])
		assert.True(t, strings.HasPrefix(text, header), m.Name)
		for _, s := range m.Statements() {
			assert.Contains(t, text, strings.TrimSuffix(s, ";")+";\n", m.Name)
		}
		// Read back the way sqlstore splits a migration: the same statements.
		back := sqlstore.Migration{Version: m.Version, Name: m.Name, SQL: text}.Statements()
		assert.Equal(t, m.Statements(), back, m.Name)
	}
}

func TestRenderRejectsEmptyMigration(t *testing.T) {
	_, err := render([]sqlstore.Migration{{Version: 2, Name: "0002_nothing.sql", SQL: "-- only a comment\n"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "0002_nothing.sql")
}

// TestD1SchemaMatchesStoreSchema applies the generated files the way
// wrangler does (each file in name order, on an empty database) and
// checks that the tables and indexes are those sqlstore.Open makes, and
// that a Store then opens on that database and works.
func TestD1SchemaMatchesStoreSchema(t *testing.T) {
	ctx := context.Background()

	viaFiles := openMemory(t)
	paths, err := filepath.Glob(filepath.Join(committedDir, "*.sql"))
	require.NoError(t, err)
	sort.Strings(paths)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		for _, stmt := range (sqlstore.Migration{Name: filepath.Base(p), SQL: string(b)}).Statements() {
			_, err := viaFiles.ExecContext(ctx, stmt)
			require.NoError(t, err, "%s: %s", p, stmt)
		}
	}

	viaStore := openMemory(t)
	st, err := sqlstore.Open(ctx, viaStore, sqlstore.Config{NoTransactions: true})
	require.NoError(t, err)
	require.NoError(t, st.Close())

	assert.Equal(t, schema(t, viaStore, "schema_migrations"), schema(t, viaFiles, ""))

	// The Store opens on the database wrangler migrated, and records the
	// migrations as applied without failing on the existing tables.
	st, err = sqlstore.Open(ctx, viaFiles, sqlstore.Config{NoTransactions: true})
	require.NoError(t, err)
	defer st.Close()
	var n int
	require.NoError(t, viaFiles.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n))
	ms, err := sqlstore.Migrations()
	require.NoError(t, err)
	assert.Equal(t, len(ms), n)
}

func openMemory(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "d1.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// schema returns the SQL of every table and index in db, by name, leaving
// out SQLite's own objects and the table called skip.
func schema(t *testing.T, db *sql.DB, skip string) map[string]string {
	t.Helper()
	rows, err := db.Query(`SELECT name, COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`)
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, text string
		require.NoError(t, rows.Scan(&name, &text))
		if name != skip {
			out[name] = text
		}
	}
	require.NoError(t, rows.Err())
	require.NotEmpty(t, out)
	return out
}

func names(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = string(b)
	}
	return out
}
