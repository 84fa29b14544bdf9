package loader

import (
	"strings"
	"testing"

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
