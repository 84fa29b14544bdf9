package sqlstore_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/servicerules"
)

// BenchmarkInsert compares group commit (concurrent Inserts share one
// transaction) with one commit per insert (MaxBatch 1), with 32 concurrent
// callers on a SQLite file, with synchronous=FULL and NORMAL. Run it with
//
//	go test -run '^$' -bench Insert -benchtime 5000x ./feedback/sqlstore
func BenchmarkInsert(b *testing.B) {
	for _, bc := range []struct {
		name     string
		sync     string
		maxBatch int
	}{
		{"group-commit/FULL", "FULL", 0},
		{"one-by-one/FULL", "FULL", 1},
		{"group-commit/NORMAL", "NORMAL", 0},
		{"one-by-one/NORMAL", "NORMAL", 1},
	} {
		b.Run(bc.name, func(b *testing.B) {
			p := nykvarn(b)
			db, err := sqlstore.SQLite{Path: filepath.Join(b.TempDir(), "bench.db"), Synchronous: bc.sync}.Open()
			require.NoError(b, err)
			defer db.Close()
			ctx := context.Background()
			st, err := sqlstore.Open(ctx, db, sqlstore.Config{Calendar: p.Calendar(), MaxBatch: bc.maxBatch})
			require.NoError(b, err)
			defer st.Close()
			at := stockholm(2026, 3, 10, 9, 0)
			cases := make([]feedback.Case, b.N)
			for i := range cases {
				var err error
				cases[i], err = feedback.Intake(feedback.Submission{
					IdempotencyKey: uuid.NewString(), Channel: servicerules.Web, Contact: anna,
					Text: "Gatlampan utanför Storgatan 12 har varit trasig i tre veckor och ingen har hört av sig.",
				}, at.Add(time.Duration(i)*time.Millisecond), p)
				require.NoError(b, err)
			}
			var next atomic.Int64
			b.SetParallelism(16) // 16 × GOMAXPROCS callers
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					c := cases[next.Add(1)-1]
					if _, _, err := st.Insert(ctx, c); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "inserts/s")
			if commits, inserts := st.GroupCommits(); commits > 0 {
				b.ReportMetric(float64(inserts)/float64(commits), "inserts/commit")
			}
		})
	}
}
