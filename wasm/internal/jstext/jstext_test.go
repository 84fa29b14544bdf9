package jstext_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/wasm/internal/jstext"
)

// jsSlice is s.slice(from, to) in JavaScript.
func jsSlice(s string, from, to int) string {
	u := utf16.Encode([]rune(s))
	return string(utf16.Decode(u[from:to]))
}

func TestUTF16Offsets(t *testing.T) {
	for _, tc := range []struct {
		name    string
		s       string
		offsets []int
		want    []int
	}{
		{"ascii", "call 0701234567 now", []int{5, 15}, []int{5, 15}},
		{"swedish letters are two bytes, one unit", "Hej Åsa, ring 0701234567", []int{14, 24}, []int{13, 23}},
		{"emoji is four bytes, two units", "😀 ring 0701234567", []int{10, 20}, []int{8, 18}},
		{"start and end", "åäö", []int{0, 6}, []int{0, 3}},
		{"repeated offsets", "åäö", []int{2, 2, 4}, []int{1, 1, 2}},
		{"past the end", "ab", []int{9}, []int{2}},
		{"inside a character", "ö", []int{1}, []int{1}},
		{"invalid UTF-8 counts as U+FFFD", "a\xffb", []int{2, 3}, []int{2, 3}},
		{"none", "abc", nil, []int{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, jstext.UTF16Offsets(tc.s, tc.offsets))
		})
	}
}

func TestUTF16OffsetsSliceTheSameText(t *testing.T) {
	texts := []string{
		"Mitt personnummer är 850101-1234, ring 070-123 45 67 😀.",
		"Hyvä 😀😀 kunta: sähköposti maija@esimerkki.fi",
		strings.Repeat("ä😀", 50) + "x",
	}
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			for j := i; j <= len(s); j++ {
				if !isBoundary(s, i) || !isBoundary(s, j) {
					continue
				}
				u := jstext.UTF16Offsets(s, []int{i, j})
				require.Equal(t, s[i:j], jsSlice(s, u[0], u[1]), "%q [%d:%d]", s, i, j)
			}
		}
		assert.Equal(t, len(utf16.Encode([]rune(s))), jstext.UTF16Len(s))
	}
}

func isBoundary(s string, i int) bool {
	return i == len(s) || s[i]&0xC0 != 0x80
}

func ExampleUTF16Offsets() {
	s := "Ring Åsa på 😀 0701234567"
	start, end := strings.Index(s, "07"), len(s)
	fmt.Println(jstext.UTF16Offsets(s, []int{start, end}))
	// Output: [15 25]
}
