package sqlstore_test

import (
	"testing"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/feedback/storetest"
)

// TestStore runs the store suite on a Store on a new SQLite file, with
// transactions (group commit) and without them, as on Cloudflare D1.
func TestStore(t *testing.T) {
	for _, mode := range []struct {
		name string
		noTx bool
	}{{"Transactions", false}, {"NoTransactions", true}} {
		t.Run(mode.name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T, cal *calendar.Calendar) storetest.Store {
				st, _, _ := openStore(t, sqlstore.Config{Calendar: cal, NoTransactions: mode.noTx})
				return st
			})
		})
	}
}
