//go:build js && wasm

// Command worker serves kommunkit's feedback API on Cloudflare Workers, with
// the cases in Cloudflare D1. It mounts the same http.Handler
// (feedback/httpapi), on the same feedback/sqlstore SQL, as examples/site
// does on one machine with SQLite; only the wiring differs. As there, main
// is the one place that chooses the store: it opens a sqlstore.Store on D1
// and passes it as httpapi.Config.Store, which takes any feedback.CaseStore.
//
//   - the database is D1, reached through database/sql with the connector of
//     github.com/syumai/workers/cloudflare/d1, and the store is opened with
//     sqlstore.Config.NoTransactions, because D1 has no interactive
//     transactions (every write is a single statement that is safe to
//     retry, and idempotency rests on the UNIQUE idempotency key);
//   - the handler is given to workers.Serve instead of net/http's server;
//   - settings come from the Worker's environment (wrangler.toml [vars] and
//     secrets) instead of flags;
//   - the client of a request, for the rate limit, is the CF-Connecting-IP
//     header that Cloudflare sets;
//   - the rate limit keeps its counts in the isolate, not in Go memory (see
//     isolateBuckets): the JS glue of syumai/workers starts a new Go instance
//     for every request, so nothing in Go memory outlives one request.
//
// # Why build tags, not a nested module
//
// Every Go file of this package is built only for GOOS=js GOARCH=wasm
// (//go:build js && wasm). On the host, `go vet ./...` and `go test ./...`
// see no package here and skip it, while the Worker still lives in the one
// module the design asks for: it is built against the library at the same
// commit, with github.com/syumai/workers pinned once in the root go.mod (the
// version the JS glue, workers-assets-gen, is run at too), and there is no
// replace directive or second go.sum to keep in step. A nested module would
// have needed both, and would let the Worker drift to another version of the
// library than the site it must match. The host-side pieces are ordinary
// packages beside it: the D1 migration generator (./migrationsgen) and the
// tests against a running Worker (./e2e, build tag "worker").
//
// # Environment
//
//	DB                     the D1 binding (wrangler.toml [[d1_databases]])
//	KOMMUNKIT_POLICY       the servicerules preset (default nykvarn)
//	KOMMUNKIT_RATE_LIMIT   requests per minute per client; 0 turns the
//	                       limit off (default 60, as the site)
//	KOMMUNKIT_STAFF_TOKEN  secret: the staff token, with at least 128 bits
//	                       of entropy (httpapi.CheckStaffToken; e.g.
//	                       `openssl rand -hex 24`). Unset or weaker, the
//	                       staff routes are locked (every token is wrong)
//	                       and each request logs a warning naming it.
//	KOMMUNKIT_FORM_KEY     secret: the HMAC key of form stamps; without it the
//	                       key is derived from the staff token, as on the site
//
// See README.md in this directory for building, testing and deploying.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/d1"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// d1Binding is the name of the D1 binding in wrangler.toml.
const d1Binding = "DB"

// defaultRateLimit is the site's default -rate-limit.
const defaultRateLimit = 60

func main() {
	h, err := newHandler(context.Background())
	if err != nil {
		// Answer every request with the reason instead of failing the
		// Worker, so that the operator sees it in the response and in
		// `wrangler tail`.
		logError(err)
		h = unavailable(err)
	}
	workers.Serve(drainBody(httpapi.SecurityHeaders(h)))
}

// newHandler wires the environment, the policy and the D1 store into the
// API handler.
func newHandler(ctx context.Context) (http.Handler, error) {
	name := cloudflare.Getenv("KOMMUNKIT_POLICY")
	if name == "" {
		name = "nykvarn"
	}
	policy, err := servicerules.Preset(name)
	if err != nil {
		return nil, err
	}
	limit := defaultRateLimit
	if v := cloudflare.Getenv("KOMMUNKIT_RATE_LIMIT"); v != "" {
		limit, err = strconv.Atoi(v)
		if err != nil || limit < 0 {
			return nil, errors.New("KOMMUNKIT_RATE_LIMIT " + strconv.Quote(v) + " is not a number of requests per minute (0 turns the limit off)")
		}
	}
	token := cloudflare.Getenv("KOMMUNKIT_STAFF_TOKEN")
	if err := httpapi.CheckStaffToken(token); err != nil {
		logError(fmt.Errorf("KOMMUNKIT_STAFF_TOKEN: %w, so the staff routes are locked; "+
			"set it with `wrangler secret put KOMMUNKIT_STAFF_TOKEN`", err))
		if token, err = randomToken(); err != nil {
			return nil, err
		}
	}
	stampKey := httpapi.StampKey(cloudflare.Getenv("KOMMUNKIT_FORM_KEY"), token)

	connector, err := d1.OpenConnector(d1Binding)
	if err != nil {
		return nil, fmt.Errorf("D1 binding %s: %w", strconv.Quote(d1Binding), err)
	}
	store, err := sqlstore.Open(ctx, sql.OpenDB(connector), sqlstore.Config{
		NoTransactions: true,
		// wrangler applies the generated migrations before deploy.
		SchemaManaged: true,
		Calendar:      policy.Calendar(),
	})
	if err != nil {
		return nil, err
	}
	api, err := httpapi.New(httpapi.Config{
		Store:      store,
		Policy:     policy,
		StaffToken: token,
		StampKey:   stampKey,
		// The handler's own limit lives in Go memory, which is gone after
		// every request here; the limit is applied in front of it instead.
		RateLimit: 0,
		ClientKey: clientKey,
		ErrorLog:  logError,
	})
	if err != nil {
		return nil, err
	}
	if limit == 0 {
		return api, nil
	}
	return &rateLimitedAPI{
		api:        api,
		buckets:    newIsolateBuckets(limit),
		stamps:     newIsolateStampLedger(),
		staffToken: token,
		stampKey:   stampKey,
	}, nil
}

// clientKey is the client of a request for the rate limit: the address
// Cloudflare puts in CF-Connecting-IP (which a client cannot set through
// Cloudflare; wrangler dev sets it to the peer's address).
func clientKey(r *http.Request) string {
	if ip := r.Header.Get("CF-Connecting-IP"); ip != "" {
		return ip
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

func randomToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// logError writes err to the Worker's log (console, `wrangler tail`).
func logError(err error) {
	os.Stderr.WriteString("worker: " + err.Error() + "\n")
}

// maxDrain bounds how much of a request body drainBody reads before it
// cancels the rest.
const maxDrain = 4 << 20

// drainBody reads what the handler left of the request body, and closes
// it, before the response is finished. The workers glue does neither, and a
// body left half read broke the local runtime: under wrangler dev, after a
// chunked body over the API's 64 KiB limit (answered 413 after reading
// 64 KiB), the requests that came next failed ("Your worker restarted
// mid-request") or hung. A Worker in plain JavaScript that reads part of a
// chunked body and returns does the same. Reading the rest to the end
// leaves the runtime healthy; it is cheap for the bodies clients send, and
// bounded by maxDrain for the others (about a second per 3 MB in local
// workerd), after which the rest is cancelled. Bodies with a
// Content-Length over the limit are refused without being read at all, by
// httpapi and by the rate limit in front of it.
func drainBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := r.Body
		defer func() {
			io.Copy(io.Discard, io.LimitReader(body, maxDrain))
			body.Close()
		}()
		next.ServeHTTP(w, r)
	})
}

// unavailable answers every request with 503 and err, in the API's error
// form.
func unavailable(err error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, &httpapi.Problem{
			Status: http.StatusServiceUnavailable,
			Code:   "unavailable",
			Message: lang.Text{
				Sv: "Tjänsten är inte rätt inställd. Försök igen senare.",
				Fi: "Palvelua ei ole määritetty oikein. Yritä myöhemmin uudelleen.",
				En: "The service is not configured: " + err.Error()},
		})
	})
}
