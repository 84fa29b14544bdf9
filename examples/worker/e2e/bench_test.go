//go:build worker

package e2e

import (
	"bytes"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// BenchmarkAPI measures the latency of the API's main routes, one request
// at a time, on the Worker in local workerd and, for comparison, on the
// site (SQLite), both on loopback. Besides ns/op it reports the median and
// the 99th percentile in milliseconds. `make bench-worker` runs it.
func BenchmarkAPI(b *testing.B) {
	targets := []struct{ name, url string }{
		{"worker", env(b, "KOMMUNKIT_WORKER_URL")},
		{"site", env(b, "KOMMUNKIT_SITE_URL")},
	}
	c := &http.Client{Timeout: 30 * time.Second}
	for _, tg := range targets {
		// A case to read back.
		token := submitForBench(b, c, tg.url)
		routes := []struct {
			name string
			req  func() *http.Request
		}{
			{"GET_policy", func() *http.Request { return newRequest(b, "GET", tg.url+"/api/policy", "") }},
			{"GET_feedback_token", func() *http.Request { return newRequest(b, "GET", tg.url+"/api/feedback/"+token, "") }},
			{"POST_classify", func() *http.Request {
				return newRequest(b, "POST", tg.url+"/api/classify", `{"text":"Snöröjningen på Storgatan har inte gjorts på tre dagar, det är farligt för äldre."}`)
			}},
			{"POST_feedback", func() *http.Request {
				return newRequest(b, "POST", tg.url+"/api/feedback", `{"text":"Förslag: fler cykelställ vid stationen.","channel":"web","contact":{"email":"a@example.se"},"idempotency_key":"`+uuid.NewString()+`"}`)
			}},
		}
		for _, rt := range routes {
			b.Run(tg.name+"/"+rt.name, func(b *testing.B) {
				lat := make([]time.Duration, 0, b.N)
				for b.Loop() {
					req := rt.req()
					start := time.Now()
					resp, err := c.Do(req)
					require.NoError(b, err)
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					lat = append(lat, time.Since(start))
					require.NoError(b, err)
					require.Less(b, resp.StatusCode, 300, "%s", rt.name)
				}
				sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
				ms := func(q float64) float64 {
					return float64(lat[min(int(q*float64(len(lat))), len(lat)-1)]) / float64(time.Millisecond)
				}
				b.ReportMetric(ms(0.5), "p50-ms")
				b.ReportMetric(ms(0.99), "p99-ms")
			})
		}
	}
}

func newRequest(tb testing.TB, method, url, body string) *http.Request {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(tb, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

func submitForBench(tb testing.TB, c *http.Client, base string) string {
	body := `{"text":"Tack för hjälpen!","channel":"web","contact":{"email":"a@example.se"},"idempotency_key":"` + uuid.NewString() + `"}`
	resp, err := c.Post(base+"/api/feedback", "application/json", strings.NewReader(body))
	require.NoError(tb, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(tb, err)
	require.Equal(tb, http.StatusCreated, resp.StatusCode, "%s", b)
	i := bytes.Index(b, []byte(`"token":"`))
	require.GreaterOrEqual(tb, i, 0, "%s", b)
	return string(b[i+9 : i+9+36])
}
