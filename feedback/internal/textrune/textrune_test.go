package textrune_test

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/feedback/internal/textrune"
)

// The four hand-written helpers this package replaces, as they were, so
// that the tests below can show it decides every rune as they did.

// staffCueLetter is feedback's cueLetter, which StaffCue used.
func staffCueLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

// piiLetterOrDigit is redaction's piiLetterOrDigit.
func piiLetterOrDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// piiDigitRune is redaction's piiDigitRune.
func piiDigitRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	return unicode.IsDigit(r)
}

// plainWordRune is the plain-language check's plainWordRune.
func plainWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// The classifier's cueWordRune (now wordRune) is held to its replacement in
// feedback/classify's own tests (TestWordRuneAsBefore), where it lives.

func TestRuneTable(t *testing.T) {
	const (
		L = 1 << iota // Letter
		D             // Digit
		W             // InWord
		A             // Apostrophe
	)
	for _, tt := range []struct {
		r    rune
		want int
		what string
	}{
		{'a', L | W, "ASCII letter"},
		{'Z', L | W, "ASCII capital"},
		{'å', L | W, "Swedish å"},
		{'Ä', L | W, "Swedish Ä"},
		{'ö', L | W, "Swedish ö"},
		{'Ø', L | W, "Danish and Norwegian Ø"},
		{'æ', L | W, "æ"},
		{'ß', L | W, "ß"},
		{'ǅ', L | W, "title-case letter"},
		{'İ', L | W, "Turkish dotted İ"},
		{'中', L | W, "CJK ideograph"},
		{'0', D | W, "ASCII digit"},
		{'9', D | W, "ASCII digit"},
		{'５', D | W, "full-width digit"},
		{'٣', D | W, "Arabic-Indic digit"},
		{'²', 0, "superscript two: a number, not a decimal digit"},
		{'①', 0, "circled one"},
		{'\u030a', W, "combining ring above (Mn)"},
		{'\u0903', W, "Devanagari visarga (Mc)"},
		{'\u20dd', W, "combining enclosing circle (Me)"},
		{'\'', A, "typewriter apostrophe"},
		{'\u2019', A, "right single quotation mark, the typographic apostrophe"},
		{'\u2018', 0, "left single quotation mark"},
		{'`', 0, "grave accent"},
		{'-', 0, "hyphen-minus"},
		{'\u2010', 0, "hyphen"},
		{'\u2011', 0, "non-breaking hyphen"},
		{'\u2013', 0, "en dash"},
		{'\u2212', 0, "minus sign"},
		{'_', 0, "underscore"},
		{'.', 0, "full stop"},
		{'@', 0, "at sign"},
		{' ', 0, "space"},
		{'\u00a0', 0, "no-break space"},
		{'\u200b', 0, "zero-width space (Cf)"},
		{'\u00ad', 0, "soft hyphen (Cf)"},
		{'👍', 0, "emoji"},
		{utf8.RuneError, 0, "U+FFFD, what broken UTF-8 decodes to"},
		{-1, 0, "not a rune"},
		{unicode.MaxRune + 1, 0, "beyond Unicode"},
	} {
		got := 0
		if textrune.Letter(tt.r) {
			got |= L
		}
		if textrune.Digit(tt.r) {
			got |= D
		}
		if textrune.InWord(tt.r) {
			got |= W
		}
		if textrune.Apostrophe(tt.r) {
			got |= A
		}
		if got != tt.want {
			t.Errorf("%U %s: got %04b, want %04b (bits: apostrophe, in word, digit, letter)", tt.r, tt.what, got, tt.want)
		}
		if lod := textrune.LetterOrDigit(tt.r); lod != (tt.want&(L|D) != 0) {
			t.Errorf("%U %s: LetterOrDigit = %v", tt.r, tt.what, lod)
		}
		// The helpers it replaces decided the same.
		if staffCueLetter(tt.r) != (tt.want&L != 0) || piiLetterOrDigit(tt.r) != (tt.want&(L|D) != 0) ||
			piiDigitRune(tt.r) != (tt.want&D != 0) || plainWordRune(tt.r) != (tt.want&W != 0) {
			t.Errorf("%U %s: the table disagrees with the helpers it replaces", tt.r, tt.what)
		}
	}
}

// TestSameAsTheHelpersReplaced decides every rune, and a few values that are
// not runes, as the hand-written helpers did.
func TestSameAsTheHelpersReplaced(t *testing.T) {
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if textrune.Letter(r) != staffCueLetter(r) {
			t.Fatalf("Letter(%U) = %v; StaffCue's cueLetter said %v", r, textrune.Letter(r), staffCueLetter(r))
		}
		if textrune.LetterOrDigit(r) != piiLetterOrDigit(r) {
			t.Fatalf("LetterOrDigit(%U) = %v; redaction's piiLetterOrDigit said %v", r, textrune.LetterOrDigit(r), piiLetterOrDigit(r))
		}
		if textrune.Digit(r) != piiDigitRune(r) {
			t.Fatalf("Digit(%U) = %v; redaction's piiDigitRune said %v", r, textrune.Digit(r), piiDigitRune(r))
		}
		if textrune.InWord(r) != plainWordRune(r) {
			t.Fatalf("InWord(%U) = %v; the plain-language check's plainWordRune said %v", r, textrune.InWord(r), plainWordRune(r))
		}
	}
	for b := 0; b < 256; b++ {
		if textrune.DigitByte(byte(b)) != (b >= '0' && b <= '9') {
			t.Fatalf("DigitByte(%#x) = %v", b, textrune.DigitByte(byte(b)))
		}
	}
}

func TestAt(t *testing.T) {
	s := "aå\xff👍"
	for i := 0; i < len(s); {
		r, size := textrune.At(s, i)
		wr, wsize := utf8.DecodeRuneInString(s[i:])
		if r != wr || size != wsize {
			t.Fatalf("At(%q, %d) = %U, %d; want %U, %d", s, i, r, size, wr, wsize)
		}
		i += size
	}
}
