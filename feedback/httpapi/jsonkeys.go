package httpapi

import (
	"encoding/json"
	"unicode"
	"unicode/utf8"
)

// duplicateKey returns the first key of a JSON object in b that the object
// already holds, compared as encoding/json matches keys to struct fields:
// after unescaping, and without regard to case (Unicode simple folding, so
// "website", "Website" and "webſite" are one key). It returns "" and false
// when every object's keys are distinct, and also when b is not valid JSON
// (json.Unmarshal reports that). It never panics, whatever b holds.
//
// encoding/json takes the last of two equal keys, and any case of a key, so
// {"website":"spam","website":""} would otherwise pass the honeypot.
func duplicateKey(b []byte) (string, bool) {
	// stack holds, for each open object or array, the folded keys seen so
	// far; an array has array set and no keys.
	type level struct {
		array bool
		keys  []string
	}
	var stack []level
	i := 0
	// expectKey is true right after '{' or after ',' inside an object.
	expectKey := false
	for i < len(b) {
		c := b[i]
		switch c {
		case '{':
			stack = append(stack, level{})
			expectKey = true
			i++
		case '[':
			stack = append(stack, level{array: true})
			expectKey = false
			i++
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			expectKey = false
			i++
		case ',':
			expectKey = len(stack) > 0 && !stack[len(stack)-1].array
			i++
		case '"':
			end, ok := stringEnd(b, i)
			if !ok {
				return "", false
			}
			if expectKey && len(stack) > 0 {
				key := foldKey(unquote(b[i:end]))
				top := &stack[len(stack)-1]
				for _, k := range top.keys {
					if k == key {
						return unquote(b[i:end]), true
					}
				}
				top.keys = append(top.keys, key)
			}
			expectKey = false
			i = end
		default:
			i++
		}
	}
	return "", false
}

// stringEnd returns the index just past the JSON string that starts at
// b[start] (a '"').
func stringEnd(b []byte, start int) (int, bool) {
	for i := start + 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return 0, false
}

// unquote returns the value of the JSON string q (with its quotes).
func unquote(q []byte) string {
	escaped := false
	for _, c := range q {
		if c == '\\' {
			escaped = true
			break
		}
	}
	if !escaped {
		return string(q[1 : len(q)-1])
	}
	var s string
	if json.Unmarshal(q, &s) != nil {
		return string(q)
	}
	return s
}

// foldKey maps every rune of k to the smallest rune of its simple case
// folding orbit, so that keys encoding/json would match fold to the same
// string.
func foldKey(k string) string {
	out := make([]byte, 0, len(k))
	for _, r := range k {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if r != 'k' && r != 's' {
				out = append(out, byte(r))
				continue
			}
		}
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		out = utf8.AppendRune(out, least)
	}
	return string(out)
}
