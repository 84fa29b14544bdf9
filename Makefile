# kommunkit: `make test` runs every test. `make deps` installs what the
# tests need on a fresh machine (Debian packages with apt-get, the Node tools
# from the lockfile, the Go modules); .ci/run calls it first. `make test`
# itself never installs system packages: it says what is missing.
GO ?= go
# Library packages must build for the browser (GOOS=js GOARCH=wasm).
LIBRARY_PKGS := ./calendar/... ./servicerules/... ./feedback/...

.PHONY: test deps check-deps vet fmt-check unit wasm-check bench bench-check node-deps

test: check-deps vet fmt-check wasm-check unit test-loader bench-check test-browser test-worker

# Debian packages the tests need: Chromium for the browser tests, curl for
# the Worker's test script.
DEB_PKGS := chromium curl

deps: node-deps
	$(GO) mod download
	@missing=""; for c in $(DEB_PKGS); do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	if [ -n "$$missing" ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; fi

# check-deps fails, naming what is missing, when a tool the tests need is
# not installed (run `make deps`).
check-deps:
	@for c in $(DEB_PKGS) node npm; do command -v $$c >/dev/null 2>&1 || { \
		echo "$$c is not installed: run \`make deps\` (it uses apt-get) or install it"; exit 1; }; done

# Node tooling (playwright-core, axe, wrangler) from the committed lockfile.
node-deps: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund


vet:
	$(GO) vet ./...

fmt-check:
	@out="$$(gofmt -l $$(find . -name '*.go' -not -path '*/node_modules/*'))"; \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

wasm-check:
	GOOS=js GOARCH=wasm $(GO) build $(LIBRARY_PKGS)

unit:
	$(GO) test -race -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./calendar

# Performance budgets, checked by benchmarks that compare in one run (never by
# timed unit tests): Deadline is >= 50x faster than rickar/cal and allocates nothing.
bench-check:
	$(GO) test -run '^$$' -bench 'DeadlineVsRickar' -benchtime 200x ./calendar

# The embeddable feedback widget (issue 6): wasm/dist/ holds synpunkt.js (the
# loader, styles inside), synpunkt.wasm and Go's wasm_exec.js, each with .gz
# and .br copies. Prints the sizes against the budgets. The site only serves
# what this built (it never runs the go command).
.PHONY: widget run test-loader test-browser
widget:
	$(GO) run ./wasm/cmd/widget -o wasm/dist

# The demo site with the widget just built: `make run ARGS="-rate-limit 0"`.
run: widget
	$(GO) run ./examples/site $(ARGS)

# The loader's modules with node's test runner (wasm/loader/*.test.mjs): the
# widget's checks before sending, on the table feedback's Go test reads.
test-loader:
	node --test wasm/loader/

# Browser tests of the widget against examples/site in Debian's Chromium
# (playwright-core, @axe-core/playwright); screenshots in test-results/widget/.
# The harness builds the widget into wasm/dist first, as `make widget` does.
test-browser: node-deps
	node --test --test-concurrency=1 wasm/browsertest/widget.test.mjs

# The feedback API on Cloudflare Workers with D1 (issue 7, examples/worker).
# `worker` builds it into examples/worker/build and prints its size;
# `test-worker` runs it in workerd (wrangler dev --local) on a local D1, with
# the whole conformance suite and a parity run against examples/site, and
# leaves no process behind; `bench-worker` measures cold start and latency.
.PHONY: worker test-worker bench-worker
worker:
	GO=$(GO) examples/worker/build.sh

test-worker: node-deps
	GO=$(GO) examples/worker/test.sh

bench-worker: node-deps
	GO=$(GO) examples/worker/test.sh bench
