package loader

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScript(t *testing.T) {
	js, err := Script(map[string]string{"synpunkt.wasm": "0123456789ab", "wasm_exec.js": "ba9876543210"})
	require.NoError(t, err)
	s := string(js)
	assert.True(t, strings.HasPrefix(s, "// <synpunkt-widget>"))
	assert.Contains(t, s, `const VERSIONS={"synpunkt.wasm":"0123456789ab","wasm_exec.js":"ba9876543210"};`)
	assert.NotContains(t, s, "/*@css*/")
	assert.NotContains(t, s, "/*@versions*/")
	// The styles are inside, without comments, and with the custom
	// properties that theme the widget.
	assert.Contains(t, s, `const CSS=":host{display:block;`)
	assert.Contains(t, s, "--synpunkt-accent")
	assert.Contains(t, s, "@media (forced-colors:active)")
	assert.Contains(t, s, "@media (prefers-reduced-motion:reduce)")
	assert.NotContains(t, s, "Theme the widget")
	// No way to turn text into markup or code.
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute(\"style\""} {
		assert.NotContains(t, s, bad)
	}
	// The API's field names (httpapi.HoneypotField, httpapi.FormStampField).
	assert.Contains(t, s, `const HONEYPOT="website";`)
	assert.Contains(t, s, `const STAMP="form_stamp";`)
}

func TestJoin(t *testing.T) {
	fsys := fstest.MapFS{
		"a.js": {Data: []byte("// a\nexport const A = 1;\nexport function f(x) {\n  return x + A;\n}\nlet own = 2;\n")},
		"b.js": {Data: []byte("import { A, f } from \"./a.js\";\nexport class B {}\nconst c = f(A);\n")},
	}
	js, err := join(fsys, []string{"a.js", "b.js"})
	require.NoError(t, err)
	assert.Equal(t, "// a\nconst A = 1;\nfunction f(x) {\n  return x + A;\n}\nlet own = 2;\n\nclass B {}\nconst c = f(A);\n\n", js)

	for _, tc := range []struct {
		b, want string
		order   []string
	}{
		{"import { A, g } from \"./a.js\";\n", "b.js imports g, which a.js does not export", nil},
		{"import { own } from \"./a.js\";\n", "b.js imports own, which a.js does not export", nil},
		{"import { A } from \"./a.js\";\n", "b.js imports from a.js, which is not joined before it", []string{"b.js", "a.js"}},
		{"let own = 3;\n", "b.js and a.js both declare own", nil},
		{"export default 1;\n", "an import or export the join does not understand", nil},
		{"import * as a from \"./a.js\";\n", "an import or export the join does not understand", nil},
	} {
		order := tc.order
		if order == nil {
			order = []string{"a.js", "b.js"}
		}
		fsys["b.js"] = &fstest.MapFile{Data: []byte(tc.b)}
		_, err := join(fsys, order)
		if assert.Error(t, err, tc.b) {
			assert.Contains(t, err.Error(), tc.want)
		}
	}
}

// TestModules: every module of the directory is joined, and the joined
// script has no import or export left but the dynamic import of
// wasm_exec.js and import.meta.
func TestModules(t *testing.T) {
	files, err := fs.Glob(sources, "*.js")
	require.NoError(t, err)
	assert.ElementsMatch(t, files, modules)
	js, err := join(sources, modules)
	require.NoError(t, err)
	for _, line := range strings.Split(js, "\n") {
		assert.False(t, strings.HasPrefix(line, "import ") || strings.HasPrefix(line, "export "), line)
	}
	assert.Contains(t, js, "await import(url(\"wasm_exec.js\"))")
	assert.Contains(t, js, "import.meta.url")
}
