// Package wasm serves <synpunkt-widget>, kommunkit's embeddable feedback
// form: a small JavaScript loader with its styles inside (synpunkt.js), the
// Go library compiled to WebAssembly (synpunkt.wasm, from wasm/cmd/synpunkt)
// and Go's matching wasm_exec.js.
//
// The files are built apart from serving, by the widget command (`make
// widget`, or `go run ./wasm/cmd/widget -o wasm/dist`), which needs the go
// command. A web site serves what was built with Handler, and needs no Go
// toolchain:
//
//	mux.Handle("/widget/", wasm.Handler(os.DirFS("wasm/dist")))
//
// and a page uses the widget with
//
//	<script type="module" src="/widget/synpunkt.js"></script>
//	<synpunkt-widget endpoint="/api" lang="sv"></synpunkt-widget>
//
// Nothing built is committed: the sources are the loader's modules
// (package wasm/loader) and the Go packages.
package wasm

import (
	"crypto/sha256"
	"encoding/hex"
)

// The size budgets of the widget, in bytes after gzip (issue 6). They are
// decimal: 15 KB is 15,000 bytes.
const (
	// LoaderBudget is the most the loader (synpunkt.js, styles included)
	// may weigh.
	LoaderBudget = 15_000
	// WasmBudget is the hard limit for synpunkt.wasm.
	WasmBudget = 1_000_000
	// WasmTarget is the size synpunkt.wasm should stay under.
	WasmTarget = 800_000
)

// Package is the Go package compiled to synpunkt.wasm.
const Package = "github.com/kommunkit/kommunkit/wasm/cmd/synpunkt"

// BuildCommand is the command that builds the widget's files into a
// directory, from anywhere inside a module that requires kommunkit.
const BuildCommand = "go run github.com/kommunkit/kommunkit/wasm/cmd/widget -o"

// Files lists the files the widget command writes and Handler serves, in
// the order they are written: the loader last, because it names the
// versions of the other two.
var Files = []string{"wasm_exec.js", "synpunkt.wasm", "synpunkt.js"}

// Version returns the version of a file's content that the loader puts in
// the URLs it fetches ("synpunkt.wasm?v=..."), and for which Handler allows
// caching for a year: the first 12 hex digits of its SHA-256.
func Version(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:6])
}
