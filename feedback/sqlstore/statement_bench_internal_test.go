package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/servicerules"
)

// BenchmarkInsertStatement compares ways for the group-commit writer to
// insert a batch of 32 cases in one transaction: one INSERT per case (what
// commitBatch does), and one multi-row INSERT ... VALUES (...), (...) per 8
// or 32 cases. One op is one case. Run it with
//
//	go test -run '^$' -bench InsertStatement -benchtime 20000x ./feedback/sqlstore
//
// With modernc.org/sqlite v1.40 the multi-row statement is slower: on this
// project's 2-core machine 59-69 µs per case one by one, 91-103 µs with 8
// rows per statement and 96-100 µs with 32. The driver
//   - prepares every statement again on every exec, so a prepared
//     statement saves no parsing; and SQLite's code generation for a row
//     of a multi-row VALUES costs about what a one-row INSERT costs;
//   - binds parameter i by searching the arguments from the first, which
//     is quadratic in the number of parameters (37 per case);
//   - and SQLite needs a statement journal for a multi-row insert inside
//     a transaction, which spills to a temporary file beyond 64 KiB.
//
// Rerun it when the driver changes.
func BenchmarkInsertStatement(b *testing.B) {
	const batch = 32
	for _, perStmt := range []int{1, 8, 32} {
		b.Run("rows-per-statement="+strconv.Itoa(perStmt), func(b *testing.B) {
			db := migratedDB(b, SQLite{Synchronous: "NORMAL"})
			ctx := context.Background()
			p, err := servicerules.Preset("nykvarn")
			require.NoError(b, err)
			at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
			rows := make([]caseRow, b.N)
			for i := range rows {
				c, err := feedback.Intake(feedback.Submission{
					IdempotencyKey: uuid.NewString(), Channel: servicerules.Web,
					Contact: &feedback.Contact{Name: "Anna Andersson", Email: "anna@exempel.se"},
					Text:    "Gatlampan utanför Storgatan 12 har varit trasig i tre veckor och ingen har hört av sig.",
				}, at.Add(time.Duration(i)*time.Millisecond), p)
				require.NoError(b, err)
				rows[i] = makeRow(c)
			}
			head, tuple, _ := strings.Cut(insertCase, ") VALUES (")
			tuple, conflict, _ := strings.Cut(tuple, ")\n")
			stmt := func(n int) string {
				return head + ") VALUES (" + strings.Repeat(tuple+"), (", n-1) + tuple + ")\n" + conflict
			}
			b.ResetTimer()
			for start := 0; start < b.N; start += batch {
				tx, err := db.BeginTx(ctx, nil)
				require.NoError(b, err)
				for part := rows[start:min(start+batch, b.N)]; len(part) > 0; {
					n := min(perStmt, len(part))
					var args []any
					for _, r := range part[:n] {
						args = append(args, r.args...)
					}
					res, err := tx.ExecContext(ctx, stmt(n), args...)
					require.NoError(b, err)
					got, err := res.RowsAffected()
					require.NoError(b, err)
					require.Equal(b, int64(n), got)
					part = part[n:]
				}
				require.NoError(b, tx.Commit())
			}
		})
	}
}
