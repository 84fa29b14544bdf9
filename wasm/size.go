package wasm

import (
	"fmt"
	"os"
	"path/filepath"
)

// Size is how much one of the widget's files weighs, in bytes, as written
// by Build: the file itself and its gzip and brotli copies (Brotli is 0
// when Build found no brotli encoder).
type Size struct {
	Name   string
	Raw    int64
	Gzip   int64
	Brotli int64
}

// Measure returns the sizes of the files Build wrote to dir, in the order
// of Files.
func Measure(dir string) ([]Size, error) {
	sizes := make([]Size, 0, len(Files))
	for _, name := range Files {
		p := filepath.Join(dir, name)
		s := Size{Name: name}
		for _, f := range []struct {
			ext  string
			dst  *int64
			must bool
		}{{"", &s.Raw, true}, {".gz", &s.Gzip, true}, {".br", &s.Brotli, false}} {
			fi, err := os.Stat(p + f.ext)
			if err != nil {
				if f.must {
					return nil, fmt.Errorf("wasm: %w", err)
				}
				continue
			}
			*f.dst = fi.Size()
		}
		sizes = append(sizes, s)
	}
	return sizes, nil
}
