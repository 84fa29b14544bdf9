//go:build js && wasm

// Command worker serves kommunkit's feedback API on Cloudflare Workers, with
// the cases in Cloudflare D1. It runs the same http.Handler, on the same
// feedback/sqlstore SQL, as examples/site does on one machine with SQLite;
// only the wiring differs:
//
//   - the database is D1, reached through database/sql with the connector of
//     github.com/syumai/workers/cloudflare/d1, and opened with
//     sqlstore.Config.NoTransactions, because D1 has no interactive
//     transactions;
//   - the handler is given to workers.Serve instead of net/http's server;
//   - settings come from the Worker's environment (wrangler.toml [vars] and
//     secrets) instead of flags.
//
// # Why build tags, not a nested module
//
// Every Go file of this package is built only for GOOS=js GOARCH=wasm
// (//go:build js && wasm). On the host, `go vet ./...` and `go test ./...`
// see no package here and skip it, while the Worker still lives in the one
// module the design asks for: it is built against the library at the same
// commit, with github.com/syumai/workers pinned once in the root go.mod (the
// version the JS glue, workers-assets-gen, is run at too), and no replace
// directive or second go.sum to keep in step. A nested module would have
// needed both, and would have let the Worker drift to another version of
// the library. The host-side pieces — the D1 migration generator
// (./migrationsgen) and the tests against a running Worker (./e2e, build tag
// "worker") — are ordinary packages beside it.
//
// # Environment
//
//	DB                     the D1 binding (wrangler.toml [[d1_databases]])
//	KOMMUNKIT_POLICY       the servicerules preset: nykvarn (default), ale,
//	                       hassleholm, osteraker or varmdo
//
// See README.md in this directory for building, testing and deploying.
package main

import (
	"context"
	"database/sql"
	"net/http"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/d1"

	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/servicerules"
)

// d1Binding is the name of the D1 binding in wrangler.toml.
const d1Binding = "DB"

func main() {
	h, err := newHandler(context.Background())
	if err != nil {
		// Answer every request with the reason instead of failing the
		// Worker, so that the operator sees it in the response and the
		// logs (wrangler tail).
		workers.Serve(unavailable(err))
		return
	}
	workers.Serve(h)
}

// newHandler wires the policy and the D1 store into the API handler.
func newHandler(ctx context.Context) (http.Handler, error) {
	name := cloudflare.Getenv("KOMMUNKIT_POLICY")
	if name == "" {
		name = "nykvarn"
	}
	policy, err := servicerules.Preset(name)
	if err != nil {
		return nil, err
	}
	connector, err := d1.OpenConnector(d1Binding)
	if err != nil {
		return nil, err
	}
	store, err := sqlstore.Open(ctx, sql.OpenDB(connector), sqlstore.Config{
		NoTransactions: true,
		Calendar:       policy.Calendar(),
	})
	if err != nil {
		return nil, err
	}
	return newAPI(policy, store), nil
}

// unavailable answers every request with 503 and err, as JSON.
func unavailable(err error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{
			"error": "worker: " + err.Error(),
		})
	})
}
