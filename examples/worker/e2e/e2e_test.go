//go:build worker

// Package e2e tests the Worker running in workerd (wrangler dev --local)
// against its local D1: the whole API conformance suite, and parity with
// examples/site — the same requests get the same answers from both, apart
// from IDs, tokens and times.
//
// The tests need running servers, so they are built only with the tag
// "worker" and are not part of `go test ./...`. `make test-worker` runs
// examples/worker/test.sh, which builds the Worker, applies the D1
// migrations, starts two Workers (one with the rate limit off, one with it
// on) and the site, sets the variables below and runs
//
//	go test -tags worker ./examples/worker/e2e
//
// Variables:
//
//	KOMMUNKIT_WORKER_URL          the Worker, rate limit off
//	KOMMUNKIT_WORKER_LIMITED_URL  the Worker with KOMMUNKIT_RATE_LIMIT=KOMMUNKIT_WORKER_RATE_LIMIT
//	KOMMUNKIT_WORKER_RATE_LIMIT   that limit, requests per minute
//	KOMMUNKIT_SITE_URL            examples/site, rate limit off
//	KOMMUNKIT_STAFF_TOKEN         the staff token of all three
//	KOMMUNKIT_FORM_KEY            the form stamp key of all three
package e2e

import (
	"io"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/httpapi/conformance"
)

// env returns the variable name, and fails the test when it is not set:
// under the tag "worker" the servers must be there.
func env(t testing.TB, name string) string {
	t.Helper()
	v := os.Getenv(name)
	require.NotEmpty(t, v, "%s is not set: run `make test-worker` (examples/worker/test.sh), which starts the servers and sets it", name)
	return v
}

// TestParity runs first (tests run in the order of the source), while the
// Worker's database and the site's are both fresh, so that lists of cases
// compare too.
func TestParity(t *testing.T) {
	testParity(t, env(t, "KOMMUNKIT_SITE_URL"), env(t, "KOMMUNKIT_WORKER_URL"), env(t, "KOMMUNKIT_STAFF_TOKEN"))
}

func TestConformance(t *testing.T) {
	limit, err := strconv.Atoi(env(t, "KOMMUNKIT_WORKER_RATE_LIMIT"))
	require.NoError(t, err)
	conformance.Run(t, conformance.Target{
		BaseURL:        env(t, "KOMMUNKIT_WORKER_URL"),
		StaffToken:     env(t, "KOMMUNKIT_STAFF_TOKEN"),
		StampKey:       []byte(env(t, "KOMMUNKIT_FORM_KEY")),
		RateLimitedURL: env(t, "KOMMUNKIT_WORKER_LIMITED_URL"),
		RateLimit:      limit,
	})
}

// TestStaticFiles checks that the Worker ships the demo page and the
// widget as static files, with the site's security headers (static/_headers).
func TestStaticFiles(t *testing.T) {
	base := env(t, "KOMMUNKIT_WORKER_URL")
	for _, f := range []struct{ path, contentType, contains string }{
		{"/", "text/html", "<synpunkt-widget"},
		{"/widget/synpunkt.js", "javascript", "synpunkt-widget"},
		{"/widget/wasm_exec.js", "javascript", "Go"},
		{"/widget/synpunkt.wasm", "application/wasm", "\x00asm"},
	} {
		resp, err := http.Get(base + f.path)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode, f.path)
		assert.Contains(t, resp.Header.Get("Content-Type"), f.contentType, f.path)
		assert.Contains(t, string(body), f.contains, f.path)
		assert.Equal(t, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'", resp.Header.Get("Content-Security-Policy"), f.path)
		assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), f.path)
	}
}
