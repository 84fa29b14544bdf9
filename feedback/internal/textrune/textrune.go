// Package textrune tells what a rune is to the code that reads words in a
// message: the classifier (feedback/classify), redaction (feedback/pii),
// the plain-language check (feedback/plain) and feedback.StaffCue. It is
// the one place that decides what a letter, a digit and a rune of a word
// are, with a fast path for ASCII, which most text is.
//
// It imports only unicode and unicode/utf8, so it adds nothing to the
// browser widget.
package textrune

import (
	"unicode"
	"unicode/utf8"
)

// Letter reports whether r is a letter (unicode.IsLetter): a–z, A–Z, å, ä,
// ö, æ, ø, and the letters of every other script. Digits, apostrophes,
// hyphens and combining marks are not letters.
func Letter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

// Digit reports whether r is a decimal digit in any script
// (unicode.IsDigit): 0–9, full-width ０–９, Arabic-Indic ٠–٩ and the rest.
// Superscript and circled digits (², ①) are not decimal digits.
func Digit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

// DigitByte reports whether b is an ASCII digit, 0–9.
func DigitByte(b byte) bool { return '0' <= b && b <= '9' }

// LetterOrDigit reports whether r is a Letter or a Digit.
func LetterOrDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// InWord reports whether r is part of a word: a Letter, a Digit, or a
// combining mark of any kind (unicode.IsMark), which belongs to the letter
// before it. Apostrophes and hyphens are not: whether they join two words
// ("e-post", "don't") is for the caller to decide.
func InWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// Apostrophe reports whether r is an apostrophe that may stand inside a
// word: the typewriter apostrophe ' or the typographic ’ (U+2019).
func Apostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// At decodes the rune that starts at s[i], as utf8.DecodeRuneInString(s[i:])
// does, without a call for ASCII. i must be less than len(s).
func At(s string, i int) (r rune, size int) {
	if b := s[i]; b < utf8.RuneSelf {
		return rune(b), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}
