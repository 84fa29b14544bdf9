// Package loader makes synpunkt.js, the loader of <synpunkt-widget>: the
// JavaScript in this directory, with its styles (synpunkt.css) inside and
// the versions of the files it fetches, without comments and without the
// whitespace JavaScript does not need. The widget command (wasm/cmd/widget)
// writes it beside the WebAssembly; package wasm serves it.
package loader

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

//go:embed synpunkt.js synpunkt.css
var sources embed.FS

var (
	cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssSpace   = regexp.MustCompile(`\s+`)
	cssPunct   = regexp.MustCompile(`\s*([{};,>])\s*`)
)

// Script returns synpunkt.js with the given versions of the files it
// fetches (by name: "synpunkt.wasm" and "wasm_exec.js"; see wasm.Version).
func Script(versions map[string]string) ([]byte, error) {
	src, err := sources.ReadFile("synpunkt.js")
	if err != nil {
		return nil, fmt.Errorf("loader: %w", err)
	}
	js := string(src)
	css, err := sources.ReadFile("synpunkt.css")
	if err != nil {
		return nil, fmt.Errorf("loader: %w", err)
	}
	style := cssComment.ReplaceAll(css, nil)
	style = cssSpace.ReplaceAll(style, []byte(" "))
	style = bytes.TrimSpace(cssPunct.ReplaceAll(style, []byte("$1")))
	style = bytes.ReplaceAll(style, []byte(": "), []byte(":"))
	cssLit, err := json.Marshal(string(style))
	if err != nil {
		return nil, fmt.Errorf("loader: %w", err)
	}
	verLit, err := json.Marshal(versions)
	if err != nil {
		return nil, fmt.Errorf("loader: %w", err)
	}
	for _, r := range []struct{ mark, value string }{
		{`/*@css*/""`, string(cssLit)},
		{`/*@versions*/{}`, string(verLit)},
	} {
		if strings.Count(js, r.mark) != 1 {
			return nil, errors.New("loader: synpunkt.js must hold " + r.mark + " once")
		}
		js = strings.Replace(js, r.mark, r.value, 1)
	}
	min, err := minifyJS(js)
	if err != nil {
		return nil, fmt.Errorf("loader: minify: %w", err)
	}
	return []byte("// <synpunkt-widget>, kommunkit's feedback form. Source: wasm/loader/synpunkt.js.\n" + min), nil
}
