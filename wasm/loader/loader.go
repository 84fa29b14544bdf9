// Package loader makes synpunkt.js, the loader of <synpunkt-widget>, from
// the JavaScript modules in this directory: it joins them into one script,
// with the styles (synpunkt.css) and the versions of the files it fetches
// inside, without comments and without the whitespace JavaScript does not
// need. The widget command (wasm/cmd/widget) writes it beside the
// WebAssembly; package wasm serves it.
//
// The modules are ES modules that import from one another by relative
// path ("./dom.js"), so node's test runner can import them one by one
// (validation.test.mjs). Joining drops those imports and the export
// keywords: the page loads one script, and nothing needs a bundler.
//
// texts.js is generated from package feedback/formtext (TextsModule), so
// the widget and the server-rendered form say the same; a test fails when
// the committed file is not what TextsModule gives.
package loader

//go:generate go run ../cmd/widget -texts texts.js

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	"github.com/kommunkit/kommunkit/feedback/formtext"
	"github.com/kommunkit/kommunkit/lang"
)

//go:embed *.js synpunkt.css
var sources embed.FS

// modules are the loader's modules in the order Script joins them: each
// after every module it imports from.
var modules = []string{
	"texts.js",      // every text, in Swedish, Finnish and English
	"dom.js",        // nodes from text only, dates
	"validation.js", // the checks before sending
	"net.js",        // the API's JSON, the form stamp, the WebAssembly
	"queue.js",      // the offline queue
	"element.js",    // <synpunkt-widget>
}

var (
	moduleImport = regexp.MustCompile(`(?m)^import \{([^}]*)\} from "\./([a-z]+\.js)";\n`)
	moduleExport = regexp.MustCompile(`(?m)^export `)
)

// join returns the modules of fsys, in order, as one script: each module's
// imports from the others are checked (the module is earlier in order and
// exports the name) and removed, and so is every export keyword. Two
// modules that declare the same name at their top level are an error.
func join(fsys fs.FS, order []string) (string, error) {
	var b strings.Builder
	exported := map[string]map[string]bool{} // by module: the names it exports
	declared := map[string]string{}          // by top-level name: its module
	for _, name := range order {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return "", fmt.Errorf("loader: %w", err)
		}
		js := string(src)
		for _, m := range moduleImport.FindAllStringSubmatch(js, -1) {
			from, ok := exported[m[2]]
			if !ok {
				return "", errors.New("loader: " + name + " imports from " + m[2] + ", which is not joined before it")
			}
			for _, n := range strings.Split(m[1], ",") {
				if n = strings.TrimSpace(n); !from[n] {
					return "", errors.New("loader: " + name + " imports " + n + ", which " + m[2] + " does not export")
				}
			}
		}
		js = moduleImport.ReplaceAllString(js, "")
		for _, m := range topLevel.FindAllStringSubmatch(js, -1) {
			if other, ok := declared[m[1]]; ok {
				return "", errors.New("loader: " + name + " and " + other + " both declare " + m[1])
			}
			declared[m[1]] = name
		}
		exported[name] = map[string]bool{}
		names := exportedName.FindAllStringSubmatch(js, -1)
		for _, m := range names {
			exported[name][m[1]] = true
		}
		if strings.HasPrefix(js, "import ") || strings.Contains(js, "\nimport ") || len(moduleExport.FindAllString(js, -1)) != len(names) {
			return "", errors.New("loader: " + name + ": an import or export the join does not understand (import { a, b } from \"./x.js\"; export const|let|function|class)")
		}
		js = moduleExport.ReplaceAllString(js, "")
		b.WriteString(js)
		b.WriteString("\n")
	}
	return b.String(), nil
}

var (
	exportedName = regexp.MustCompile(`(?m)^export (?:async function|function|const|let|class) ([A-Za-z_$][\w$]*)`)
	topLevel     = regexp.MustCompile(`(?m)^(?:export )?(?:async function|function|const|let|var|class) ([A-Za-z_$][\w$]*)`)
)

var (
	cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssSpace   = regexp.MustCompile(`\s+`)
	cssPunct   = regexp.MustCompile(`\s*([{};,>])\s*`)
)

// Script returns synpunkt.js with the given versions of the files it
// fetches (by name: "synpunkt.wasm" and "wasm_exec.js"; see wasm.Version).
func Script(versions map[string]string) ([]byte, error) {
	js, err := join(sources, modules)
	if err != nil {
		return nil, err
	}
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
			return nil, errors.New("loader: the modules must hold " + r.mark + " once")
		}
		js = strings.Replace(js, r.mark, r.value, 1)
	}
	min, err := minifyJS(js)
	if err != nil {
		return nil, fmt.Errorf("loader: minify: %w", err)
	}
	return []byte("// <synpunkt-widget>, kommunkit's feedback form. Sources: wasm/loader/*.js.\n" + min), nil
}

// TextsModule returns texts.js, the module of the widget's texts: every
// text of feedback/formtext shown in the widget, by language and key.
func TextsModule() []byte {
	var b strings.Builder
	b.WriteString(`// Code generated by "go generate ./wasm/loader" from feedback/formtext. DO NOT EDIT.

// texts.js: the texts of <synpunkt-widget> by language and key, the texts
// of the feedback form (package feedback/formtext) that the widget shows.
// A text with arguments holds Go's fmt verbs (%s, %d, %[2]s), which format
// (dom.js) fills in.
export const TEXTS = {
`)
	keys := formtext.Keys(formtext.Widget)
	for _, l := range lang.All() {
		b.WriteString("  " + string(l) + ": {\n")
		for _, k := range keys {
			t, _ := formtext.Text(k)
			b.WriteString("    " + jsString(k) + ": " + jsString(t.In(l)) + ",\n")
		}
		b.WriteString("  },\n")
	}
	b.WriteString("};\n")
	return []byte(b.String())
}

// jsString returns s as a JavaScript string literal.
func jsString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
