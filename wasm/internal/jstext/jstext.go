// Package jstext converts between Go's byte offsets into a UTF-8 string and
// JavaScript's offsets, which count UTF-16 code units.
//
// The widget gets the text of the form from JavaScript, finds personal data
// with Go (pii.Find gives byte offsets) and highlights it in
// JavaScript, where String.prototype.slice counts UTF-16 code units.
package jstext

import "unicode/utf8"

// UTF16Offsets returns, for each byte offset into s, the number of UTF-16
// code units before it, which is where JavaScript's string functions put the
// same place. The offsets must be sorted in ascending order; an offset inside
// a character counts the whole character as before it, and an offset past
// the end of s gives the length of s in UTF-16. Invalid UTF-8 bytes count as
// one unit each, as U+FFFD, the way syscall/js hands such text to JavaScript.
func UTF16Offsets(s string, byteOffsets []int) []int {
	out := make([]int, len(byteOffsets))
	units, i, k := 0, 0, 0
	for k < len(byteOffsets) {
		if byteOffsets[k] <= i || i >= len(s) {
			out[k] = units
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return out
}

// UTF16Len returns the length of s in UTF-16 code units, as JavaScript's
// String.prototype.length reports it.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
