package main

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadResponse(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		status int
		keep   bool
		err    bool
	}{
		{"created", "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}", 201, true, false},
		{"close", "HTTP/1.1 200 OK\r\nConnection: close\r\ncontent-length: 0\r\n\r\n", 200, false, false},
		{"chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 0, false, true},
		{"no length", "HTTP/1.1 200 OK\r\n\r\n", 0, false, true},
		{"not http", "SSH-2.0-OpenSSH\r\n", 0, false, true},
		{"short body", "HTTP/1.1 201 Created\r\nContent-Length: 10\r\n\r\n{}", 201, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, keep, err := readResponse(bufio.NewReader(strings.NewReader(tc.in)))
			if tc.err {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.status, status)
			assert.Equal(t, tc.keep, keep)
		})
	}
}

func TestSummarize(t *testing.T) {
	var rs []result
	for i := 1; i <= 100; i++ {
		rs = append(rs, result{latency: time.Duration(i) * time.Millisecond, status: http.StatusCreated})
	}
	rs = append(rs, result{status: http.StatusTooManyRequests}, result{err: io.EOF})
	s := summarize(32, rs, 10*time.Second)
	assert.Equal(t, 100, s.Acknowledged)
	assert.Equal(t, 2, s.Errors)
	assert.InDelta(t, 10.0, s.PerSecond, 1e-9)
	assert.Equal(t, 50*time.Millisecond, s.P50)
	assert.Equal(t, 95*time.Millisecond, s.P95)
	assert.Equal(t, 99*time.Millisecond, s.P99)
	assert.Equal(t, 100*time.Millisecond, s.Max)
	assert.Equal(t, 1, s.ErrorKinds["HTTP 429"])
}

// TestRun drives a server that answers 201 to well-formed submissions,
// with both clients, and checks that every request is a distinct key.
func TestRun(t *testing.T) {
	var n atomic.Int64
	keys := make(chan string, 1<<16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || r.URL.Path != "/api/feedback" || !strings.Contains(string(b), `"idempotency_key":"`) {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		_, k, _ := strings.Cut(string(b), `"idempotency_key":"`)
		select {
		case keys <- k[:36]:
		default:
		}
		n.Add(1)
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id":"x"}`)
	}))
	defer srv.Close()
	for _, std := range []bool{false, true} {
		rs, err := run(srv.URL, 4, 100*time.Millisecond, 300*time.Millisecond, std)
		require.NoError(t, err)
		s := summarize(4, rs, 300*time.Millisecond)
		assert.Positive(t, s.Acknowledged)
		assert.Zero(t, s.Errors, "%v", s.ErrorKinds)
	}
	close(keys)
	seen := map[string]bool{}
	for k := range keys {
		assert.False(t, seen[k], "a new idempotency key for every submission")
		seen[k] = true
	}
	_, err := run("https://example.se", 1, 0, time.Millisecond, false)
	assert.Error(t, err)
}
