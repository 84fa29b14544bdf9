package main

// The widget is built apart from serving: this step (go generate
// ./examples/site, or make widget) compiles it into wasm/dist, and the site
// only serves what it finds there.
//go:generate go run ../../wasm/cmd/widget -o ../../wasm/dist

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/kommunkit/kommunkit/wasm"
)

// widgetDir is where the widget's built files are served from: the
// -widget-dir flag, or else wasm/dist in the kommunkit module when the site
// runs inside it (go run ./examples/site), or else wasm/dist in the working
// directory.
func widgetDir(flagDir string) (string, error) {
	if flagDir != "" {
		return flagDir, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		b, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil && strings.HasPrefix(strings.TrimSpace(string(b)), "module github.com/kommunkit/kommunkit\n") {
			return filepath.Join(d, "wasm", "dist"), nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return filepath.Join("wasm", "dist"), nil
}

// mountWidget serves the widget's files in dir under /widget/. It never
// builds them: when they are missing, it returns what to tell the operator
// (the command that builds them), and the pages show their plain form
// until they are built; the files are picked up without a restart.
func mountWidget(mux *http.ServeMux, dir string) (missing string) {
	fsys := os.DirFS(dir)
	mux.Handle("/widget/", wasm.Handler(fsys))
	var absent []string
	for _, name := range wasm.Files {
		if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
			absent = append(absent, name)
		}
	}
	if len(absent) == 0 {
		return ""
	}
	return "the widget is not built (" + strings.Join(absent, ", ") + " missing in " + dir + "): the pages show the plain form. " +
		"Build it with `go generate ./examples/site` (or `make widget`) in the kommunkit module, or `" + wasm.BuildCommand + " " + dir + "`"
}
