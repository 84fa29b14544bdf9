package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/servicerules"
)

// TestQueriesUseIndexes checks the indexes against the queries the Store
// runs, with SQLite's EXPLAIN QUERY PLAN: the lookups by ID, token and
// idempotency key, a case's history, the periods of CasesReceived and the
// status filter of List use an index, and every index of the schema serves
// at least one of these queries (an index that none uses only costs a
// b-tree insert on every new case).
func TestQueriesUseIndexes(t *testing.T) {
	db := migratedDB(t, SQLite{})
	ctx := context.Background()

	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	list := func(f feedback.CaseFilter) string { q, _ := listQuery(f); return q }
	queries := []struct {
		name, query, index string
	}{
		{"Get", `SELECT ` + caseColumns + ` FROM cases WHERE id = ?`, "sqlite_autoindex_cases_1"},
		{"Lookup", `SELECT ` + caseColumns + ` FROM cases WHERE token = ?`, "sqlite_autoindex_cases_2"},
		{"GetByKey", `SELECT ` + caseColumns + ` FROM cases WHERE idempotency_key = ?`, "sqlite_autoindex_cases_3"},
		{"history", historyQuery, "sqlite_autoindex_case_changes_1"},
		{"CasesReceived", casesReceivedQuery, "cases_by_received"},
		{"List by status", list(feedback.CaseFilter{Statuses: []feedback.Status{feedback.StatusReceived, feedback.StatusRegistered}}), "cases_by_status_due"},
		{"List by status and channel", list(feedback.CaseFilter{Statuses: []feedback.Status{feedback.StatusReceived}, Channels: []servicerules.Channel{servicerules.Web}}), "cases_by_status_due"},
		{"List of a period", list(feedback.CaseFilter{From: at, To: at.Add(24 * time.Hour)}), "cases_by_received"},
	}
	used := map[string]bool{}
	for _, q := range queries {
		plan := queryPlan(t, db, q.query)
		assert.Contains(t, plan, "USING INDEX "+q.index, "%s: %s", q.name, plan)
		assert.NotContains(t, plan, "SCAN cases ", "%s: %s", q.name, plan)
		used[q.index] = true
	}
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cases', 'case_changes') ORDER BY name`)
	require.NoError(t, err)
	defer rows.Close()
	var indexes []string
	for rows.Next() {
		var name string
		require.NoError(t, rows.Scan(&name))
		indexes = append(indexes, name)
		assert.True(t, used[name], "index %s serves none of the Store's queries", name)
	}
	require.NoError(t, rows.Err())
	assert.NotContains(t, indexes, "cases_by_due", "migration 0002 drops it")
}

// queryPlan returns SQLite's plan for query, one step per line.
func queryPlan(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	args := make([]any, strings.Count(query, "?"))
	for i := range args {
		args[i] = "x"
	}
	rows, err := db.Query(`EXPLAIN QUERY PLAN `+query, args...)
	require.NoError(t, err, query)
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var id, parent, notUsed int
		var detail string
		require.NoError(t, rows.Scan(&id, &parent, &notUsed, &detail))
		plan.WriteString(detail + "\n")
	}
	require.NoError(t, rows.Err())
	return plan.String()
}
