package loader

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/formtext"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/feedback/pii"
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

// TestTextsModuleIsCurrent fails when texts.js is not what the form's
// texts in Go (feedback/formtext) give: run `go generate ./wasm/loader`.
func TestTextsModuleIsCurrent(t *testing.T) {
	committed, err := sources.ReadFile("texts.js")
	require.NoError(t, err)
	if string(committed) != string(TextsModule()) {
		t.Error("wasm/loader/texts.js is stale: run go generate ./wasm/loader")
	}
}

// TestTextKeys: every text the loader asks for is one of the form's texts
// shown in the widget, and each of those is asked for. A key the loader
// makes from a kind ("guide." + kind) is checked for every kind of
// feedback/message and feedback/pii; the field errors are asked for by the
// API's field and code.
func TestTextKeys(t *testing.T) {
	var js string
	for _, name := range modules {
		if name != "texts.js" {
			src, err := sources.ReadFile(name)
			require.NoError(t, err)
			js += string(src)
		}
	}
	asked := map[string]bool{}
	for _, m := range regexp.MustCompile(`"((?:form|wait|receipt|guide|kind|pii)\.[a-z_.]*[a-z_])"`).FindAllStringSubmatch(js, -1) {
		asked[m[1]] = true
	}
	for _, k := range message.Kinds() {
		asked["kind."+string(k)], asked["guide."+string(k)] = true, true
	}
	for _, k := range []pii.Kind{pii.Personnummer, pii.PossiblePersonnummer, pii.Samordningsnummer, pii.Phone, pii.Email} {
		asked["pii.kind."+string(k)] = true
	}
	shown := map[string]bool{}
	for _, k := range formtext.Keys(formtext.Widget) {
		shown[k] = true
		if !asked[k] && !strings.HasPrefix(k, "form.error.") {
			t.Errorf("the widget's text %q is never asked for", k)
		}
	}
	for k := range asked {
		if !shown[k] {
			t.Errorf("the loader asks for %q, which is not a text of the widget in feedback/formtext", k)
		}
	}
	assert.Contains(t, asked, "form.error.contact.email.invalid", "validation.js asks for the field errors by their keys")
}

func TestTextsModule(t *testing.T) {
	js := string(TextsModule())
	assert.True(t, strings.HasPrefix(js, "// Code generated by \"go generate ./wasm/loader\" from feedback/formtext. DO NOT EDIT.\n"))
	for _, want := range []string{
		"export const TEXTS = {\n  sv: {\n",
		"\n  fi: {\n", "\n  en: {\n",
		`    "kind.complaint": "moite",`,
		`    "form.counter": "%d tecken kvar",`,
	} {
		assert.Contains(t, js, want)
	}
	assert.NotContains(t, js, `"form.stamp.old"`, "a text of the page only")
	assert.Equal(t, `"a \"quote\" <b> \u2028"`, jsString("a \"quote\" <b> \u2028"))
}
