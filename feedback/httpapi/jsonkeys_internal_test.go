package httpapi

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDuplicateKey(t *testing.T) {
	for body, want := range map[string]string{
		`{"website":"spam","website":""}`:           "website",
		`{"website":"spam","Website":""}`:           "Website",
		`{"website":"spam","webſite":""}`:           "webſite", // encoding/json folds ſ to s
		`{"kk":"1","\u212Ak":"2"}`:                  "\u212ak", // and the Kelvin sign to k
		`{"website":"x","\u0077ebsite":""}`:         "website",
		`{"a":{"b":1,"B":2}}`:                       "B",
		`{"a":[{"b":1},{"b":2}],"c":{"b":3},"A":0}`: "A",
		`[{"x":1,"x":2}]`:                           "x",
		`{"a":"\"b\":1,\"b\":2"}`:                   "",
		`{"a":{"b":1},"b":{"a":1}}`:                 "",
		`{"a":[1,"a",{"a":1}],"b":1}`:               "",
		`{"website":"","text":"website"}`:           "",
		`"website"`:                                 "",
		`{"unterminated`:                            "",
		``:                                          "",
	} {
		got, dup := duplicateKey([]byte(body))
		assert.Equal(t, want != "", dup, body)
		assert.Equal(t, want, got, body)
	}
}

// FuzzDuplicateKey checks that duplicateKey never panics, and that for
// valid JSON whose objects have distinct keys in the eyes of encoding/json
// it finds no duplicate: decoding into a map of folded keys loses none.
func FuzzDuplicateKey(f *testing.F) {
	for _, s := range []string{`{"website":"spam","Website":""}`, `{"a":[{"b":1},{"B":2}]}`, `{"\u0041":1,"a":2}`, `[`, `{"a":"\\"}`, `{"webſite":1,"website":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, dup := duplicateKey(b)
		var m map[string]json.RawMessage
		if json.Unmarshal(b, &m) != nil {
			return
		}
		folded := map[string]bool{}
		for k := range m {
			folded[foldKey(k)] = true
		}
		if len(folded) < len(m) && !dup {
			t.Fatalf("keys that fold together in %q, and no duplicate found", b)
		}
	})
}
