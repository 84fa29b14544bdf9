package sqlstore

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"
)

// migratedDB returns a new SQLite database in tb's temporary directory, with
// the settings of lite (migratedDB sets its Path), on which a Store is open,
// so that it has the current schema. The Store and the database are closed
// when tb ends.
func migratedDB(tb testing.TB, lite SQLite) *sql.DB {
	tb.Helper()
	lite.Path = filepath.Join(tb.TempDir(), "store.db")
	db, err := lite.Open()
	require.NoError(tb, err)
	tb.Cleanup(func() { db.Close() })
	st, err := Open(context.Background(), db, Config{})
	require.NoError(tb, err)
	tb.Cleanup(func() { st.Close() })
	return db
}
