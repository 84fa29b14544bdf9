package httpapi_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
)

// BenchmarkPostFeedback is POST /api/feedback through the handler, without
// the network: decode, validate, classify, case, redaction, group commit
// (SQLite, synchronous=NORMAL) and the receipt, from parallel clients.
func BenchmarkPostFeedback(b *testing.B) {
	h := newAPI(b, httpapi.Config{})
	text := strconv.Quote("Jag är mycket missnöjd med snöröjningen på Skolvägen. Det har inte plogats på tre dagar och min granne halkade i morse. Ring mig gärna på 070-123 45 67 så berättar jag mer.")
	b.ReportAllocs()
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			buf.WriteString(`{"channel":"web","contact":{"email":"a@example.se"},"idempotency_key":"` + uuid.NewString() + `","text":` + text + `}`)
			req := httptest.NewRequest(http.MethodPost, "/api/feedback", &buf)
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusCreated {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	})
}
