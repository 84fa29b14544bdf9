package pii_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/pii"
)

// redactVariants are ways people write (or hide) a personnummer, a phone
// number and an e-mail address: the variants of issue 10 and more. Each
// match is given as the text it covers in the input, invisible characters
// inside it included.
var redactVariants = []findTest{
	// Invisible format characters (Unicode category Cf) inside a number.
	{"ZWSP in personnummer", "pnr 8112\u200b18-9876", []string{"personnummer=8112\u200b18-9876"}},
	{"ZWJ before the hyphen", "811218\u200d-9876", []string{"personnummer=811218\u200d-9876"}},
	{"ZWNJ in phone", "0701\u200c234567", []string{"phone=0701\u200c234567"}},
	{"word joiner in phone", "070 1\u206023 45 67", []string{"phone=070 1\u206023 45 67"}},
	{"word joiner next to a space", "070\u2060 123 45 67", []string{"phone=070\u2060 123 45 67"}},
	{"soft hyphen in personnummer", "8112\u00ad189876", []string{"personnummer=8112\u00ad189876"}},
	{"LRM around phone, outside the match", "ring \u200e070-123 45 67\u200e nu", []string{"phone=070-123 45 67"}},
	{"RLM inside phone", "070-123\u200f 45 67", []string{"phone=070-123\u200f 45 67"}},
	{"BOM in personnummer", "\ufeff811218-98\ufeff76", []string{"personnummer=811218-98\ufeff76"}},
	{"ZWSP after every digit", "0\u200b7\u200b0\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7", []string{"phone=0\u200b7\u200b0\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7"}},
	{"ZWSP in +46", "+4\u200b6 70 123 45 67", []string{"phone=+4\u200b6 70 123 45 67"}},
	{"ZWSP before @", "anna\u200b@ale.se", []string{"email=anna\u200b@ale.se"}},
	{"ZWSP after @", "anna@\u200bale.se", []string{"email=anna@\u200bale.se"}},
	{"ZWSP in the local part", "an\u200bna@ale.se", []string{"email=an\u200bna@ale.se"}},
	{"ZWJ around @", "anna\u200d@\u200dale.se", []string{"email=anna\u200d@\u200dale.se"}},
	{"BOM before @", "anna\ufeff@ale.se", []string{"email=anna\ufeff@ale.se"}},
	{"soft hyphen in the domain", "anna@ale\u00ad.se", []string{"email=anna@ale\u00ad.se"}},
	{"variation selector in phone", "070\ufe0f-123 45 67", []string{"phone=070\ufe0f-123 45 67"}},
	{"combining grapheme joiner in personnummer", "811218-9\u034f876", []string{"personnummer=811218-9\u034f876"}},
	{"U+2060 in the TLD", "anna@ale.s\u2060e", []string{"email=anna@ale.s\u2060e"}},

	// Personnummer in common human formats.
	{"space", "811218 9876", []string{"personnummer=811218 9876"}},
	{"dot", "811218.9876", []string{"personnummer=811218.9876"}},
	{"slash", "811218/9876", []string{"personnummer=811218/9876"}},
	{"pairs", "81 12 18-98 76", []string{"personnummer=81 12 18-98 76"}},
	{"pairs, all spaces", "81 12 18 98 76", []string{"personnummer=81 12 18 98 76"}},
	{"NBSP", "811218\u00a09876", []string{"personnummer=811218\u00a09876"}},
	{"narrow NBSP", "811218\u202f9876", []string{"personnummer=811218\u202f9876"}},
	{"thin space", "811218\u20099876", []string{"personnummer=811218\u20099876"}},
	{"two spaces", "811218  9876", []string{"personnummer=811218  9876"}},
	{"tab", "811218\t9876", []string{"personnummer=811218\t9876"}},
	{"spaced hyphen", "811218 - 9876", []string{"personnummer=811218 - 9876"}},
	{"spaced en dash", "811218 – 9876", []string{"personnummer=811218 – 9876"}},
	{"12 digits", "19811218-9876", []string{"personnummer=19811218-9876"}},
	{"12 digits, space", "19811218 9876", []string{"personnummer=19811218 9876"}},
	{"12 digits, pairs", "1981 12 18 98 76", []string{"personnummer=1981 12 18 98 76"}},
	{"samordningsnummer with space", "850161 1233", []string{"samordningsnummer=850161 1233"}},
	{"full-width digits and hyphen", "８１１２１８－９８７６", []string{"personnummer=８１１２１８－９８７６"}},
	{"Arabic-Indic digits", "٨١١٢١٨-٩٨٧٦", []string{"personnummer=٨١١٢١٨-٩٨٧٦"}},
	{"followed by a count", "811218 9876 12 st", []string{"personnummer=811218 9876"}},

	// Wrong check digit: masked in the usual forms, under its own kind.
	{"wrong check digit", "811218-9877", []string{"possible_personnummer=811218-9877"}},
	{"wrong check digit, plus", "811218+9877", []string{"possible_personnummer=811218+9877"}},
	{"wrong check digit, together", "8112189877", []string{"possible_personnummer=8112189877"}},
	{"wrong check digit, 12 digits", "19811218-9877", []string{"possible_personnummer=19811218-9877"}},
	{"wrong check digit, samordningsnummer", "850161-1234", []string{"possible_personnummer=850161-1234"}},
	{"wrong check digit, full-width", "８１１２１８－９８７７", []string{"possible_personnummer=８１１２１８－９８７７"}},
	{"wrong check digit, ZWSP", "811218-98\u200b77", []string{"possible_personnummer=811218-98\u200b77"}},
	{"wrong check digit, space: not taken", "811218 9877", nil},
	{"wrong check digit, dot: not taken", "811218.9877", nil},
	{"wrong check digit, unreal date: not taken", "811232-9877", nil},

	// Phone numbers in common human formats.
	{"hyphens throughout", "070-123-45-67", []string{"phone=070-123-45-67"}},
	{"dots", "070.123.45.67", []string{"phone=070.123.45.67"}},
	{"spaced hyphen", "070 - 123 45 67", []string{"phone=070 - 123 45 67"}},
	{"double spaces", "070  123  45  67", []string{"phone=070  123  45  67"}},
	{"tab", "070\t123 45 67", []string{"phone=070\t123 45 67"}},
	{"hyphen after the area code, then hyphens", "08-555-010-00", []string{"phone=08-555-010-00"}},
	{"Göteborg with dots", "031.123.45.67", []string{"phone=031.123.45.67"}},
	{"space after the area code, hyphen in the subscriber number", "070 123-45-67", []string{"phone=070 123-45-67"}},
	{"+46 with dots", "+46.70.123.45.67", []string{"phone=+46.70.123.45.67"}},
	{"+46 (0) with spaces", "+46 (0)70 123 45 67", []string{"phone=+46 (0)70 123 45 67"}},
	{"+46 (0) with hyphens", "+46 (0)70-123-45-67", []string{"phone=+46 (0)70-123-45-67"}},
	{"0046 with hyphen", "0046 70-123 45 67", []string{"phone=0046 70-123 45 67"}},
	{"0046 (0)", "0046 (0)70 123 45 67", []string{"phone=0046 (0)70 123 45 67"}},
	{"0046 with dots", "0046.70.123.45.67", []string{"phone=0046.70.123.45.67"}},
	{"foreign with dots", "+358.40.123.4567", []string{"phone=+358.40.123.4567"}},
	{"full-width digits", "０７０－１２３ ４５ ６７", []string{"phone=０７０－１２３ ４５ ６７"}},
	{"full-width plus and digits, ideographic spaces", "＋４６\u3000７０\u3000１２３\u3000４５\u3000６７", []string{"phone=＋４６\u3000７０\u3000１２３\u3000４５\u3000６７"}},
	{"Arabic-Indic digits", "٠٧٠١٢٣٤٥٦٧", []string{"phone=٠٧٠١٢٣٤٥٦٧"}},
	{"Extended Arabic-Indic digits", "۰۷۰-۱۲۳ ۴۵ ۶۷", []string{"phone=۰۷۰-۱۲۳ ۴۵ ۶۷"}},
	{"Devanagari digits", "०७०१२३४५६७", []string{"phone=०७०१२३४५६७"}},
	{"mathematical bold digits", "𝟎𝟕𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕", []string{"phone=𝟎𝟕𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕"}},
	{"digits of mixed scripts", "07٠-١23 ４5 67", []string{"phone=07٠-١23 ４5 67"}},
	{"mixed NBSP, narrow NBSP, thin space", "070\u00a0123\u202f45\u200967", []string{"phone=070\u00a0123\u202f45\u200967"}},
	{"figure space", "070\u2007123\u200745\u200767", []string{"phone=070\u2007123\u200745\u200767"}},
	{"NBSP and ZWSP", "070\u00a0\u200b123 45 67", []string{"phone=070\u00a0\u200b123 45 67"}},

	// E-mail with folded "@".
	{"full-width at", "anna＠ale.se", []string{"email=anna＠ale.se"}},
	{"small commercial at", "anna﹫ale.se", []string{"email=anna﹫ale.se"}},
	{"full-width address", "ａｎｎａ＠ａｌｅ．ｓｅ", []string{"email=ａｎｎａ＠ａｌｅ．ｓｅ"}},
	{"full-width at and ZWSP", "anna\u200b＠ale.se", []string{"email=anna\u200b＠ale.se"}},

	// All three in one message, in disguise.
	{"all three", "Jag heter Åsa, pnr 811218\u00a09876, ring 070.123.45.67 eller mejla åsa﹫värmdö.se.",
		[]string{"personnummer=811218\u00a09876", "phone=070.123.45.67", "email=åsa﹫värmdö.se"}},

	// Still joined to what is around them.
	{"full-width letters glued before", "ＡＢ０７０１２３４５６７", nil},
	{"Arabic letter glued before", "ب0701234567", nil},
	{"ZWSP between a letter and a number still joins them", "x\u200b0701234567", nil},
	{"full-width digit glued after", "0701234567８", nil},
}

func TestFindVariants(t *testing.T) {
	checkFind(t, redactVariants)
}

// TestRedactRemovesInvisibleCharactersInside checks that the mask takes the
// place of the invisible characters inside a match too, and leaves those
// around it.
func TestRedactRemovesInvisibleCharactersInside(t *testing.T) {
	assert.Equal(t, "ring [telefon] nu", pii.Redact("ring 070\u200b123\u200d45\u206067 nu"))
	assert.Equal(t, "\u200e[telefon]\u200e", pii.Redact("\u200e070-123 45 67\u200e"))
	assert.Equal(t, "mejla [e-post]", pii.Redact("mejla an\u200bna\u200b@\u200bale.se"))
	assert.Equal(t, "pnr [personnummer], [möjligt personnummer]", pii.Redact("pnr ８１１２１８－９８７６, 811218-9877"))
}

// TestFindOffsetsAfterFolding checks that offsets point into the text as
// typed, also after folded and skipped runes earlier in the text.
func TestFindOffsetsAfterFolding(t *testing.T) {
	text := "１２\u200b３ Åsa ٣ kr, ring ０７０－１２３ ４５ ６７ eller anna＠ale.se 😀 811218-9876"
	found := pii.Find(text)
	require.Len(t, found, 3)
	for i, w := range []string{"０７０－１２３ ４５ ６７", "anna＠ale.se", "811218-9876"} {
		assert.Equal(t, strings.Index(text, w), found[i].Start, w)
		assert.Equal(t, w, text[found[i].Start:found[i].End])
	}
}

// TestFindNotPersonalDataWiderSeparators lists dates, times, amounts,
// postcodes and diary numbers written with the separators Find now
// accepts inside numbers (dots, slashes, spaced hyphens, several spaces,
// Unicode spaces and digits), which are still not personal data.
func TestFindNotPersonalDataWiderSeparators(t *testing.T) {
	checkNotPersonalData(t, []string{
		"kl. 08.30-16.30",
		"kl 08.30 - 16.30",
		"08.30–16.30",
		"08.30-16.30-17.00",
		"öppet 08.00-16.00, lunch 12.00-13.00",
		"kl 08.00 16.00",
		"08.30 - 16.30 och 17.00 - 19.00",
		"tel.tid 08.30-09.30",
		"2026-03-10",
		"2026-03-10 08:30",
		"10.03.2026",
		"05.03.2026",
		"05-03-2026",
		"05/03/2026",
		"05.03.2026 kl. 10.30",
		"05.03.26",
		"den 5/3 kl 9.30",
		"2026/03/10",
		"2026.03.10",
		"20260310 1530",
		"2026-03-10-1530",
		"1 250 kr",
		"1\u00a0250 kr",
		"12 345 678 kr",
		"12\u202f345\u202f678 kr",
		"1.250.000 kr",
		"0,50 kr",
		"123 45 Stad",
		"123\u00a045 Stad",
		"KS 2026/123",
		"ärende 2024.1234",
		"dnr 2024/01234",
		"dnr 2021.462 009",
		"Lag 1930:173",
		"２０２６－０３－１０",
		"１ ２５０ kr",
		"kl. ０８.３０-１６.３０",
		"٢٠٢٦-٠٣-١٠",
		"2026-03-10\u200b",
		"1\u200b250 kr",
		"811218 9877", // a wrong check digit is taken only in the usual forms
		"851232-1234", // no real date
		"Organisationsnummer 212000-0142",
		"212000 0142",
	})
}

// TestFindNotPersonalDataGenerated writes every date of a few years, and
// times and amounts, in the formats people use, and checks that none is
// taken for personal data.
func TestFindNotPersonalDataGenerated(t *testing.T) {
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	dateFormats := []string{
		"%04[1]d-%02[2]d-%02[3]d", "%02[3]d.%02[2]d.%04[1]d", "%02[3]d/%02[2]d/%04[1]d", "%02[3]d-%02[2]d-%04[1]d",
		"%04[1]d%02[2]d%02[3]d", "%[3]d/%[2]d %04[1]d", "%04[1]d-%02[2]d-%02[3]d 08:30", "%02[3]d.%02[2]d.%04[1]d kl. 10.30",
		"%02[3]d.%02[2]d.%02[4]d", "%04[1]d-%02[2]d-%02[3]d–%04[1]d-%02[2]d-%02[3]d", "%02[3]d.%02[2]d.%04[1]d - %02[3]d.%02[2]d.%04[1]d",
		"%04[1]d.%02[2]d.%02[3]d", "%04[1]d/%02[2]d/%02[3]d", "%02[3]d.%02[2]d. %04[1]d",
	}
	n := 0
	for _, y := range []int{1985, 2000, 2005, 2026} {
		for m := 1; m <= 12; m++ {
			for d := 1; d <= days[m]; d++ {
				for _, f := range dateFormats {
					s := fmt.Sprintf(f, y, m, d, y%100)
					require.Empty(t, pii.Find(s), s)
					n++
				}
			}
		}
	}
	timeFormats := []string{
		"kl. %02[1]d.%02[2]d-%02[3]d.%02[2]d", "kl %02[1]d.%02[2]d - %02[3]d.%02[2]d", "%02[1]d.%02[2]d–%02[3]d.%02[2]d",
		"%02[1]d:%02[2]d-%02[3]d:%02[2]d", "%02[1]d.%02[2]d %02[3]d.%02[2]d", "%02[1]d.%02[2]d-%02[3]d.%02[2]d, %02[3]d.%02[2]d-%02[1]d.%02[2]d",
	}
	for h := range 24 {
		for mi := 0; mi < 60; mi += 5 {
			for _, f := range timeFormats {
				s := fmt.Sprintf(f, h, mi, (h+8)%24)
				require.Empty(t, pii.Find(s), s)
				n++
			}
		}
	}
	for v := 1; v < 1e9; v = v*3 + 7 {
		for _, sep := range []string{" ", ".", "\u00a0", "\u202f"} {
			s := redactGroupThousands(v, sep)
			for _, text := range []string{s + " kr", s + ":-", "KS 2026/" + s, "ärende 2024." + s, "dnr 2025-" + s} {
				require.Empty(t, pii.Find(text), text)
				n++
			}
		}
	}
	for a := 100; a < 1000; a += 7 {
		for b := 0; b < 100; b += 3 {
			s := fmt.Sprintf("Storgatan %d, %d %02d Stad", b%40+1, a, b)
			require.Empty(t, pii.Find(s), s)
			n++
		}
	}
	t.Logf("%d texts", n)
}

// redactGroupThousands writes v with sep between groups of three digits.
func redactGroupThousands(v int, sep string) string {
	s := fmt.Sprint(v)
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
