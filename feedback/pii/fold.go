package pii

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldRune returns the rune Find reads in place of r, or -1 when it skips
// r. It skips invisible format characters (Unicode category Cf: zero-width
// space and joiners, U+2060 word joiner, soft hyphen, direction marks, the
// byte order mark), the variation selectors and the combining grapheme
// joiner, and folds the look-alikes of the characters personal
// data is written with: any decimal digit (category Nd: full-width,
// Arabic-Indic, Devanagari and other digits) to its ASCII digit, full-width
// ASCII (U+FF01-U+FF5E, "＠" among them) to ASCII, and the small commercial
// at "﹫" to "@". Every other rune is returned as it is. This is the part of
// Unicode NFKC folding that matters for digits and "@", done by hand to keep
// the package small.
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return r
	case r <= unicode.MaxLatin1:
		if r == '\u00ad' { // soft hyphen, the only Cf in Latin-1; Latin-1 has no other digits
			return -1
		}
		return r
	case r >= '\uff01' && r <= '\uff5e':
		return r - 0xfee0
	case r == '\ufe6b':
		return '@'
	case r == '\u034f' || (r >= '\ufe00' && r <= '\ufe0f') || (r >= 0xe0100 && r <= 0xe01ef):
		return -1 // combining grapheme joiner and variation selectors: invisible, but not Cf
	case unicode.Is(unicode.Cf, r):
		return -1
	}
	return digitValue(r)
}

// digitValue returns the ASCII digit of r if r is a decimal digit
// (category Nd), and r otherwise. Unicode encodes the decimal digits of each
// script as a run 0-9 in order, and every range of the Nd table is made of
// whole runs, so the value is the distance from the start of the range,
// modulo 10.
func digitValue(r rune) rune {
	for _, g := range unicode.Nd.R16 {
		if r <= rune(g.Hi) {
			if r >= rune(g.Lo) {
				return '0' + (r-rune(g.Lo))%10
			}
			return r
		}
	}
	for _, g := range unicode.Nd.R32 {
		if r <= rune(g.Hi) {
			if r >= rune(g.Lo) {
				return '0' + (r-rune(g.Lo))%10
			}
			return r
		}
	}
	return r
}

// needsFold reports whether text holds a rune that foldRune changes or
// skips. Text without one (all ASCII text, and most Swedish text) is
// matched as it is, with no copy.
func needsFold(text string) bool {
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if foldRune(r) != r {
			return true
		}
		i += size
	}
	return false
}

// foldText returns the view of text Find matches on (see foldRune) and,
// for every byte of it, the offset in text of the byte it came from: a rune
// kept as it is maps byte for byte, a folded rune's one ASCII byte maps to
// where the rune starts. The last entry, one past the view, is len(text).
// Bytes that are not valid UTF-8 are kept as they are.
func foldText(text string) (string, []int) {
	var b strings.Builder
	b.Grow(len(text))
	offs := make([]int, 0, len(text)+1)
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			offs = append(offs, i)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch f := foldRune(r); {
		case f < 0:
		case f != r:
			b.WriteByte(byte(f)) // every fold gives ASCII
			offs = append(offs, i)
		default:
			b.WriteString(text[i : i+size])
			for k := range size {
				offs = append(offs, i+k)
			}
		}
		i += size
	}
	offs = append(offs, len(text))
	return b.String(), offs
}

// unfold maps a match [start, end) in the folded view back to text,
// given the offsets from foldText. The span starts where the match's
// first rune starts and ends where its last rune ends, so it covers the
// skipped characters inside the match but none before or after it.
func unfold(text string, offs []int, start, end int) (int, int) {
	last := offs[end-1]
	// A folded rune maps its one byte to where it starts: its end is past
	// the whole rune. A rune kept as it is maps byte for byte, so last is
	// its last byte, a continuation byte (or ASCII, or an invalid byte)
	// that decodes with size 1.
	_, size := utf8.DecodeRuneInString(text[last:])
	return offs[start], last + size
}
