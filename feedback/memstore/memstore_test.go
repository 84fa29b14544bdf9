package memstore_test

import (
	"testing"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/memstore"
	"github.com/kommunkit/kommunkit/feedback/storetest"
)

// TestStore runs the store suite on a Store.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, cal *calendar.Calendar) storetest.Store {
		st, err := memstore.New(memstore.Config{Calendar: cal})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	})
}
