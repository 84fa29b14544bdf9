package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
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

// openStore opens a Store on a new SQLite file in t.TempDir().
func openStore(t testing.TB, cfg sqlstore.Config) (*sqlstore.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kommunkit.db")
	db, err := sqlstore.OpenSQLite(path)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	st, err := sqlstore.Open(context.Background(), db, cfg)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st, path
}

// newCase makes a case as the API would.
func newCase(t testing.TB, p *servicerules.Policy, text string, ch servicerules.Channel, contact *feedback.Contact, key string, at time.Time) feedback.Case {
	t.Helper()
	s, cl, err := feedback.Accept(feedback.Submission{
		IdempotencyKey: key, Channel: ch, Text: text, Contact: contact,
	}, at)
	require.NoError(t, err)
	c, err := feedback.NewCase(s, cl, p)
	require.NoError(t, err)
	return c
}

func TestInsertGetLookup(t *testing.T) {
	p := nykvarn(t)
	st, _ := openStore(t, sqlstore.Config{Calendar: p.Calendar()})
	ctx := context.Background()
	at := stockholm(2026, 3, 10, 9, 0)
	c := newCase(t, p, "Personalen i receptionen var otrevlig mot mig. Ring mig på 070-123 45 67.", servicerules.Email,
		&feedback.Contact{Name: "Anna Andersson", Email: "anna@example.se"}, uuid.NewString(), at)

	got, created, err := st.Insert(ctx, c)
	require.NoError(t, err)
	assert.True(t, created)
	assert.Equal(t, c.ID, got.ID)
	assert.Equal(t, c.Token, got.Token)
	assert.True(t, c.Received.Equal(got.Received))
	assert.True(t, c.ReplyDue.Equal(got.ReplyDue))
	assert.Equal(t, c.Text, got.Text)
	require.NotNil(t, got.Contact)
	assert.Equal(t, "anna@example.se", got.Contact.Email)

	again, created, err := st.Insert(ctx, newCase(t, p, "another text", servicerules.Web, nil, c.IdempotencyKey, at.Add(time.Minute)))
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, c.ID, again.ID)
	assert.Equal(t, c.Token, again.Token)

	full, err := st.Get(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, c.Text, full.Text)
	require.Len(t, full.History, 1)

	v, err := st.Lookup(ctx, c.Token.String())
	require.NoError(t, err)
	assert.Equal(t, feedback.StatusReceived, v.Status)
	require.NotNil(t, v.Due)
	assert.True(t, c.ReplyDue.Equal(*v.Due))

	_, err = st.Lookup(ctx, c.ID.String())
	assert.ErrorIs(t, err, sqlstore.ErrNotFound)

	list, err := st.List(ctx, sqlstore.Filter{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.NotContains(t, list[0].Text, "070-123 45 67")
	assert.Equal(t, sqlstore.MaskName, list[0].Contact.Name)
}
