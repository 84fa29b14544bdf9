// Command widget builds <synpunkt-widget> into a directory (wasm/dist by
// default): synpunkt.wasm (wasm/cmd/synpunkt, compiled with the go
// command), Go's wasm_exec.js and the loader synpunkt.js (package
// wasm/loader), each with gzip and brotli copies, and prints the size of
// each file, raw and compressed, against the budgets. `make widget` and
// `go generate ./examples/site` run it; package wasm serves what it wrote.
//
//	go run ./wasm/cmd/widget -o wasm/dist
//
// With -texts it writes only the loader's texts module, generated from the
// form's texts in Go (package feedback/formtext), to a file: `go generate
// ./wasm/loader` runs it to write wasm/loader/texts.js.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/kommunkit/kommunkit/wasm"
	"github.com/kommunkit/kommunkit/wasm/loader"
)

func main() {
	out := flag.String("o", "wasm/dist", "the directory to build into")
	texts := flag.String("texts", "", "write the loader's texts module (generated from feedback/formtext) to this file, and build nothing")
	flag.Parse()
	if *texts != "" {
		if err := os.WriteFile(*texts, loader.TextsModule(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "widget:", err)
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := Build(ctx, *out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sizes, err := wasm.Measure(os.DirFS(*out))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%-14s %10s %10s %10s\n", "file", "raw", "gzip", "brotli")
	for _, s := range sizes {
		fmt.Printf("%-14s %10d %10d %10d\n", s.Name, s.Raw, s.Gzip, s.Brotli)
	}
	for _, s := range sizes {
		switch s.Name {
		case "synpunkt.js":
			fmt.Printf("loader: %d of %d bytes gzip\n", s.Gzip, wasm.LoaderBudget)
		case "synpunkt.wasm":
			fmt.Printf("wasm: %d bytes gzip; target %d, hard limit %d\n", s.Gzip, wasm.WasmTarget, wasm.WasmBudget)
		}
	}
}
