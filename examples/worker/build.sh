#!/bin/sh
# build.sh builds the Worker into examples/worker/build (gitignored):
#
#   build/worker.mjs, wasm_exec.js, runtime.mjs   the JS glue, from
#       github.com/syumai/workers/cmd/workers-assets-gen -mode=go at the
#       version pinned in go.mod
#   build/app.wasm                                this package, GOOS=js GOARCH=wasm
#   build/static/                                 the demo page (static/) and the
#       widget under /widget/ (wasm/cmd/widget: synpunkt.js, synpunkt.wasm,
#       wasm_exec.js), served by Cloudflare's static assets
#
# and prints the Worker's size, raw and gzip, against Cloudflare's limits.
# Run it from anywhere; GO names the go command (default: go).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/build"
GO=${GO:-go}
cd "$root"

# workers-assets-gen empties its output directory first.
$GO run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o "$out"
GOOS=js GOARCH=wasm CGO_ENABLED=0 $GO build -trimpath -ldflags='-s -w' \
	-o "$out/app.wasm" ./examples/worker

mkdir -p "$out/static/widget"
cp "$here"/static/* "$out/static/"
if [ -d wasm/cmd/widget ]; then
	# The widget's own build writes .gz and .br copies for servers that
	# send them; Cloudflare compresses by itself, so only the files go up.
	widget=$(mktemp -d)
	trap 'rm -rf "$widget"' EXIT
	$GO run ./wasm/cmd/widget -o "$widget" >/dev/null
	for f in synpunkt.js synpunkt.wasm wasm_exec.js; do
		cp "$widget/$f" "$out/static/widget/$f"
	done
else
	echo "build.sh: no wasm/cmd/widget yet; the Worker ships the demo page without the widget" >&2
fi

raw=$(wc -c <"$out/app.wasm")
gz=$(gzip -9 -c "$out/app.wasm" | wc -c)
echo "app.wasm: $raw bytes raw, $gz bytes gzip -9 (Cloudflare: 3 MiB gzip on Free, 10 MiB on Paid)"
