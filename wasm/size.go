package wasm

import (
	"fmt"
	"io/fs"
)

// Size is how much one of the widget's files weighs, in bytes, as the
// widget command writes it: the file itself and its gzip and brotli copies
// (Brotli is 0 when the command found no brotli encoder).
type Size struct {
	Name   string
	Raw    int64
	Gzip   int64
	Brotli int64
}

// Measure returns the sizes of the widget's files in fsys, in the order of
// Files. A file or its gzip copy that is missing is an error that wraps
// fs.ErrNotExist.
func Measure(fsys fs.FS) ([]Size, error) {
	sizes := make([]Size, 0, len(Files))
	for _, name := range Files {
		s := Size{Name: name}
		for _, f := range []struct {
			ext  string
			dst  *int64
			must bool
		}{{"", &s.Raw, true}, {".gz", &s.Gzip, true}, {".br", &s.Brotli, false}} {
			fi, err := fs.Stat(fsys, name+f.ext)
			if err != nil {
				if f.must {
					return nil, fmt.Errorf("wasm: measure: %w", err)
				}
				continue
			}
			*f.dst = fi.Size()
		}
		sizes = append(sizes, s)
	}
	return sizes, nil
}
