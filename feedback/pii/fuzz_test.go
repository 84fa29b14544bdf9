package pii_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/feedback/pii"
)

// FuzzRedact checks that Find and Redact never panic, that matches are in
// range, sorted and apart and, in valid UTF-8, on rune boundaries, that
// Redact keeps valid UTF-8 valid, and that Redact is idempotent.
func FuzzRedact(f *testing.F) {
	for _, s := range redactSeeds() {
		f.Add(s)
	}
	for _, v := range redactVariants {
		f.Add(v.in)
	}
	f.Fuzz(func(t *testing.T, text string) {
		found := pii.Find(text)
		prev := 0
		for i, p := range found {
			if p.Start < prev || p.Start >= p.End || p.End > len(text) {
				t.Fatalf("match %d %+v out of order or range (previous end %d, len %d) in %q", i, p, prev, len(text), text)
			}
			switch p.Kind {
			case pii.Personnummer, pii.Samordningsnummer, pii.PossiblePersonnummer, pii.Phone, pii.Email:
			default:
				t.Fatalf("unknown kind %q", p.Kind)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[p.Start]) || (p.End < len(text) && !utf8.RuneStart(text[p.End]))) {
				t.Fatalf("match %d %+v not on rune boundaries in %q", i, p, text)
			}
			prev = p.End
		}
		once := pii.Redact(text)
		if len(found) == 0 && once != text {
			t.Fatalf("Redact changed %q with nothing found: %q", text, once)
		}
		if utf8.ValidString(text) && !utf8.ValidString(once) {
			t.Fatalf("Redact(%q) = %q, not valid UTF-8", text, once)
		}
		if twice := pii.Redact(once); twice != once {
			t.Fatalf("not idempotent:\n in    %q\n once  %q\n twice %q", text, once, twice)
		}
	})
}

// FuzzRedactDisguised checks that disguising a text the way people hide
// personal data from a filter (digits in full-width or Arabic-Indic form, a
// zero-width space after each digit, "＠" for "@", a word joiner after it)
// changes nothing that Find finds: the same kinds, over the same text
// once the disguise is taken off, with matches on rune boundaries.
func FuzzRedactDisguised(f *testing.F) {
	for _, s := range redactSeeds() {
		f.Add(s, uint8(0))
		f.Add(s, uint8(0x1d))
	}
	for i, v := range redactVariants {
		f.Add(v.in, uint8(i))
	}
	f.Fuzz(func(t *testing.T, text string, mode uint8) {
		if !utf8.ValidString(text) {
			return
		}
		var b strings.Builder
		for _, r := range text {
			switch {
			case r >= '0' && r <= '9':
				switch mode % 3 {
				case 0:
					r += 0xff10 - '0' // full-width
				case 1:
					r += 0x0660 - '0' // Arabic-Indic
				}
				b.WriteRune(r)
				if mode&4 != 0 {
					b.WriteRune('\u200b')
				}
			case r == '@':
				if mode&8 != 0 {
					r = '＠'
				}
				b.WriteRune(r)
				if mode&16 != 0 {
					b.WriteRune('\u2060')
				}
			default:
				b.WriteRune(r)
			}
		}
		disguised := b.String()
		plain, hidden := pii.Find(text), pii.Find(disguised)
		if len(plain) != len(hidden) {
			t.Fatalf("%d matches in %q, %d in %q", len(plain), text, len(hidden), disguised)
		}
		for i := range plain {
			p, h := plain[i], hidden[i]
			if !utf8.RuneStart(disguised[h.Start]) || (h.End < len(disguised) && !utf8.RuneStart(disguised[h.End])) {
				t.Fatalf("match %+v not on rune boundaries in %q", h, disguised)
			}
			if p.Kind != h.Kind || redactUndisguise(text[p.Start:p.End]) != redactUndisguise(disguised[h.Start:h.End]) {
				t.Fatalf("%s %q in %q, but %s %q in %q", p.Kind, text[p.Start:p.End], text, h.Kind, disguised[h.Start:h.End], disguised)
			}
		}
	})
}

// redactUndisguise takes off the disguise of FuzzRedactDisguised.
func redactUndisguise(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u200b' || r == '\u2060':
			return -1
		case r >= 0xff10 && r <= 0xff19:
			return r - 0xff10 + '0'
		case r >= 0x0660 && r <= 0x0669:
			return r - 0x0660 + '0'
		case r == '＠':
			return '@'
		}
		return r
	}, s)
}
