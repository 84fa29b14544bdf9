package pii

import (
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDigitValueEveryDigit checks digitValue on every decimal digit
// Unicode knows: runs of ten, 0 to 9 in order. It guards the assumption
// that every range of unicode.Nd starts at a zero and holds whole runs.
func TestDigitValueEveryDigit(t *testing.T) {
	check := func(lo, hi, stride uint32) {
		require.Equal(t, uint32(1), stride, "Nd range %U-%U", lo, hi)
		require.Zero(t, (hi-lo+1)%10, "Nd range %U-%U holds whole runs of ten", lo, hi)
		for r := rune(lo); r <= rune(hi); r++ {
			assert.Equal(t, '0'+(r-rune(lo))%10, digitValue(r), "%U", r)
		}
	}
	for _, g := range unicode.Nd.R16 {
		check(uint32(g.Lo), uint32(g.Hi), uint32(g.Stride))
	}
	for _, g := range unicode.Nd.R32 {
		check(g.Lo, g.Hi, g.Stride)
	}
	for r, want := range map[rune]rune{'３': '3', '٣': '3', '۹': '9', '७': '7', '৭': '7', '๕': '5', '𝟗': '9', '𝟬': '0'} {
		assert.Equal(t, want, digitValue(r), "%U", r)
	}
	for _, r := range []rune{'a', 'Å', '²', '①', 'Ⅻ', '½', '〇', '😀', unicode.MaxRune} {
		assert.Equal(t, r, digitValue(r), "%U is no decimal digit", r)
	}
}

func TestFoldRune(t *testing.T) {
	for r, want := range map[rune]rune{
		'a': 'a', 'å': 'å', 'ö': 'ö', '\u00a0': '\u00a0', '–': '–',
		'\u00ad': -1, '\u200b': -1, '\u200c': -1, '\u200d': -1, '\u200e': -1, '\u200f': -1, '\u2060': -1, '\ufeff': -1, '\u034f': -1, '\ufe0f': -1, '\U000e0100': -1, '\u2800': '\u2800',
		'＠': '@', '﹫': '@', '０': '0', '９': '9', '＋': '+', '－': '-', '（': '(', 'Ａ': 'A', '～': '~', '٠': '0',
	} {
		assert.Equal(t, want, foldRune(r), "%U", r)
	}
}

func TestFoldTextOffsets(t *testing.T) {
	text := "a\u200bå０\xff😀﹫"
	view, offs := foldText(text)
	assert.Equal(t, "aå0\xff😀@", view)
	require.Len(t, offs, len(view)+1)
	assert.Equal(t, []int{0, 4, 5, 6, 9, 10, 11, 12, 13, 14, 17}, offs)
	assert.False(t, needsFold("Hej Åsa, ring 070–123 45 67 😀"))
	assert.True(t, needsFold("070\u200b1234567"))
}
