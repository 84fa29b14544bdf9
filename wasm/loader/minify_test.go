package loader

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMinifyJS(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"comments go", "// head\nconst a = 1; // tail\n/* block */ let b = 2;\n", "const a=1;\nlet b=2;\n"},
		{"indentation and spaces go", "function f(a, b) {\n    return a + b;\n}\n", "function f(a,b){\nreturn a+b;\n}\n"},
		{"words keep a space", "const x = typeof y;\nif (a) return new Set(b);", "const x=typeof y;\nif(a)return new Set(b);\n"},
		{"line breaks stay for ASI", "let a = 1\nlet b = 2\n[a, b]\n", "let a=1\nlet b=2\n[a,b]\n"},
		{"blank lines collapse", "a();\n\n\n\nb();", "a();\nb();\n"},
		{"strings are kept", `s = "a  //  b" + 'c /* d */ e';`, `s="a  //  b"+'c /* d */ e';` + "\n"},
		{"escapes in strings", `s = "say \"hi\"  \\" ;`, `s="say \"hi\"  \\";` + "\n"},
		{"templates are kept", "t = `x  ${a + \"}\" + {b: 1}.b}  y`;", "t=`x  ${a + \"}\" + {b: 1}.b}  y`;\n"},
		{"regex after (", `ok = /^[a-z /]+$/u.test(s);`, `ok=/^[a-z /]+$/u.test(s);` + "\n"},
		{"regex after return", "return /\\d+/g;", "return/\\d+/g;\n"},
		{"regex after =>", "f = s => /x y/.test(s);", "f=s=>/x y/.test(s);\n"},
		{"division stays division", "x = a / b / c;\ny = (a) / 2;", "x=a/b/c;\ny=(a)/2;\n"},
		{"plus plus keeps its space", "x = a + +b - -c;", "x=a+ +b- -c;\n"},
		{"a number before a dot", "x = 1 .toString();", "x=1 .toString();\n"},
		{"unicode identifiers", "const å = ä ;", "const å=ä;\n"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := minifyJS(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestMinifyJSErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a = 1;\n/* open", "line 2: unterminated comment"},
		{`s = "open`, "unterminated string"},
		{"s = 'a\nb'", "line break in a string"},
		{"t = `open", "unterminated template literal"},
		{"t = `${`nested`}`", "a template literal inside ${} is not supported"},
		{"r = (/open", "unterminated regular expression"},
		{"r = (/a\n/)", "line break in a regular expression"},
	} {
		_, err := minifyJS(tc.in)
		require.Error(t, err, tc.in)
		assert.Contains(t, err.Error(), tc.want)
	}
}

// The joined modules minify, and minifying them again changes nothing;
// every string literal of the source is in the output as it was.
func TestMinifyTheLoader(t *testing.T) {
	src, err := join(sources, modules)
	require.NoError(t, err)
	once, err := minifyJS(src)
	require.NoError(t, err)
	twice, err := minifyJS(once)
	require.NoError(t, err)
	assert.Equal(t, once, twice)
	assert.Less(t, len(once), len(src)*4/5)
	for _, lit := range []string{`"Ditt sparade meddelande har nu kommit fram."`, `"%d tecken kvar"`, `/^\p{L}{2,}$/u`, `"synpunkt:queue:v1"`} {
		require.Contains(t, src, lit)
		assert.Contains(t, once, lit)
	}
	assert.False(t, strings.Contains(once, "\n\n"))
}

func FuzzMinifyJS(f *testing.F) {
	src, err := sources.ReadFile("element.js")
	require.NoError(f, err)
	f.Add(string(src[:2000]))
	f.Add("x = a / b; y = /re/g; z = `t ${1}`; // c\n/* d */")
	f.Add("return /[/]/.test('a\\'b')")
	f.Fuzz(func(t *testing.T, in string) {
		out, err := minifyJS(in)
		if err != nil {
			return
		}
		if len(out) > len(in)+1 {
			t.Fatalf("minified %d bytes into %d", len(in), len(out))
		}
		again, err := minifyJS(out)
		if err != nil {
			t.Fatalf("minified output does not minify: %v\n%q", err, out)
		}
		if again != out {
			t.Fatalf("not idempotent:\n%q\n%q", out, again)
		}
	})
}

// TestMinifyErrorsWrap: the minifier's error names the line and keeps its
// cause.
func TestMinifyErrorsWrap(t *testing.T) {
	_, err := minifyJS("let s = 'unterminated")
	require.Error(t, err)
	assert.Equal(t, "line 1: unterminated string", err.Error())
	assert.NotNil(t, errors.Unwrap(err), "the minifier's error keeps its cause")
}
