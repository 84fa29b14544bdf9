package wasm_test

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/kommunkit/kommunkit/wasm"
)

// A site serves the widget that `make widget` built into wasm/dist under
// /widget/; its pages load /widget/synpunkt.js and use <synpunkt-widget>.
func ExampleHandler() {
	mux := http.NewServeMux()
	mux.Handle("/widget/", wasm.Handler(os.DirFS("wasm/dist")))
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", mux))
}

// Measure reports what the built files weigh, for the budgets.
func ExampleMeasure() {
	sizes, err := wasm.Measure(os.DirFS("wasm/dist"))
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range sizes {
		fmt.Printf("%s: %d bytes, %d gzip, %d brotli\n", s.Name, s.Raw, s.Gzip, s.Brotli)
	}
}

// Version is what the loader puts in the URLs it fetches, and what Handler
// checks before it allows a year of caching.
func ExampleVersion() {
	fmt.Println(wasm.Version([]byte("\x00asm\x01\x00\x00\x00")))
	// Output: 93a44bbb96c7
}
