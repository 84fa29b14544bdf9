# kommunkit: `make test` runs every test. It installs what the tests need.
GO ?= go
# Library packages must build for the browser (GOOS=js GOARCH=wasm).
LIBRARY_PKGS := ./calendar/... ./servicerules/... ./feedback/...

.PHONY: test deps vet fmt-check unit wasm-check bench bench-check node-deps chromium

test: deps vet fmt-check wasm-check unit bench-check test-browser test-worker

deps:
	$(GO) mod download

# Node tooling (playwright-core, axe, wrangler) from the committed lockfile.
node-deps: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# Debian's Chromium for the browser tests (CI starts on a fresh machine).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

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
# and .br copies. Prints the sizes against the budgets.
.PHONY: widget test-browser
widget:
	$(GO) run ./wasm/cmd/widget -o wasm/dist

# Browser tests of the widget against examples/site in Debian's Chromium
# (playwright-core, @axe-core/playwright); screenshots in test-results/widget/.
test-browser: node-deps chromium widget
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
	@command -v curl >/dev/null 2>&1 || { \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y curl; }
	GO=$(GO) examples/worker/test.sh

bench-worker: node-deps
	GO=$(GO) examples/worker/test.sh bench
