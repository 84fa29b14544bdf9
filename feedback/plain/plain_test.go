package plain_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/plain"
)

// findingsOf lists the findings of one kind as "text→suggestion".
func findingsOf(t *testing.T, text string, kind plain.FindingKind) []string {
	t.Helper()
	var out []string
	for _, f := range plain.Check(text).Findings {
		require.Equal(t, text[f.Start:f.End], f.Text, "offsets of %+v", f)
		if f.Kind == kind {
			s := f.Text
			if f.Suggestion != "" {
				s += "→" + f.Suggestion
			}
			out = append(out, s)
		}
	}
	return out
}

// A findingTest is a text and its findings of one kind, as findingsOf
// lists them (nil for none).
type findingTest struct {
	name string
	in   string
	want []string
}

// checkFindings checks the findings of kind in the text of each test.
func checkFindings(t *testing.T, kind plain.FindingKind, tests []findingTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, findingsOf(t, tt.in, kind))
		})
	}
}

func TestWordsList(t *testing.T) {
	words, err := plain.Words()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(words), 100, "the policies ask for a real list")

	seen := map[string]bool{}
	alternative := map[string]string{}
	for _, w := range words {
		require.NotEmpty(t, w.Forms)
		require.NotEmpty(t, strings.TrimSpace(w.Alternative))
		for _, f := range w.Forms {
			assert.False(t, seen[f], "form %q listed twice", f)
			seen[f] = true
			assert.Equal(t, strings.ToLower(f), f)
			assert.NotEqual(t, f, w.Alternative)
			for _, word := range strings.Split(f, " ") {
				assert.NotEmpty(t, word, "form %q has a double space", f)
				for _, r := range word {
					assert.True(t, r >= 'a' && r <= 'z' || strings.ContainsRune("åäöéü", r), "form %q has %q", f, r)
				}
			}
			alternative[f] = w.Alternative
		}
	}
	for form, want := range map[string]string{
		"erhålla":        "få",
		"erhöll":         "få",
		"tillhandahålla": "ge, erbjuda",
		"i enlighet med": "enligt",
		"avseende":       "om, när det gäller",
		"därest":         "om",
		"delgiva":        "meddela",
		"beakta":         "tänka på, ta hänsyn till",
		"beaktas":        "tänka på, ta hänsyn till",
		"emedan":         "eftersom",
	} {
		assert.Equal(t, want, alternative[form], "alternative of %q", form)
	}

	// Words returns a copy.
	words[0].Forms[0] = "changed"
	again, err := plain.Words()
	require.NoError(t, err)
	assert.NotEqual(t, "changed", again[0].Forms[0])
}

func TestCheckBureaucratic(t *testing.T) {
	tests := []findingTest{
		{"infinitive", "Du kan erhålla bidrag.", []string{"erhålla→få"}},
		{"past tense", "Vi erhöll din ansökan i går.", []string{"erhöll→få"}},
		{"capital at sentence start", "Erhåller du bidrag?", []string{"Erhåller→få"}},
		{"passive", "Ansökan har erhållits.", []string{"erhållits→få"}},
		{"phrase", "Vi har gjort det i enlighet med reglerna.", []string{"i enlighet med→enligt"}},
		{"phrase across a line break", "Vi gör det i enlighet\nmed reglerna.", []string{"i enlighet\nmed→enligt"}},
		{"phrase with capital", "I enlighet med beslutet stänger vi.", []string{"I enlighet med→enligt"}},
		{"longest phrase wins", "Med avseende på skolan vet vi inte.", []string{"Med avseende på→om, när det gäller"}},
		{"word alone", "Ett brev avseende skolan.", []string{"avseende→om, när det gäller"}},
		{"icke desto mindre", "Icke desto mindre svarar vi.", []string{"Icke desto mindre→ändå"}},
		{"icke alone", "Det är icke tillåtet.", []string{"icke→inte"}},
		{"several", "Därest du vill delgiva oss något, beakta att vi stänger, emedan det är jul.", []string{"Därest→om", "delgiva→meddela", "beakta→tänka på, ta hänsyn till", "emedan→eftersom"}},
		{"tillhandahålla", "Kommunen tillhandahåller blanketter.", []string{"tillhandahåller→ge, erbjuda"}},
		{"Unicode before", "Åsa 😀 Öberg: därest du vill.", []string{"därest→om"}},

		{"longer word is not the word", "Erhållandet av bidrag tar tid.", nil},
		{"delgivning is a legal term, not listed", "Delgivning sker per post.", nil},
		{"part of a phrase alone", "Vi gör det i enlighet.", nil},
		{"phrase broken by punctuation", "Det är i enlighet, med reglerna.", nil},
		{"plain text", "Tack för ditt brev. Vi svarar i morgon.", nil},
		{"word inside another", "Beaktansvärt.", nil},
	}
	checkFindings(t, plain.Bureaucratic, tests)
}

func TestCheckAbbreviations(t *testing.T) {
	tests := []findingTest{
		{"bl.a.", "Vi har bl.a. läst brevet.", []string{"bl.a.→bland annat"}},
		{"m.m.", "Skor, kläder m.m. finns.", []string{"m.m.→med mera"}},
		{"t.ex.", "Ta t.ex. bussen.", []string{"t.ex.→till exempel"}},
		{"T.ex. at sentence start", "T.ex. kan du ringa.", []string{"T.ex.→till exempel"}},
		{"t ex with space", "Ta t ex bussen.", []string{"t ex→till exempel"}},
		{"enl.", "Avgift enl. taxa.", []string{"enl.→enligt"}},
		{"ang.", "Brev ang. skolan.", []string{"ang.→om"}},
		{"fr.o.m.", "Gäller fr.o.m. måndag.", []string{"fr.o.m.→från och med"}},
		{"t.o.m.", "Stängt t.o.m. fredag.", []string{"t.o.m.→till och med"}},
		{"dnr", "Ange dnr i svaret.", []string{"dnr→diarienummer"}},
		{"ÖK", "Enligt ÖK med regionen.", []string{"ÖK→överenskommelse"}},
		{"pga", "Stängt pga sjukdom.", []string{"pga→på grund av"}},
		{"osv at the end", "Äpplen, päron osv.", []string{"osv.→och så vidare"}},
		{"dvs.", "Nästa vecka, dvs. vecka 51.", []string{"dvs.→det vill säga"}},
		{"ca", "Det tar ca 10 minuter.", []string{"ca→cirka"}},
		{"two", "Bl.a. skolor m.m.", []string{"Bl.a.→bland annat", "m.m.→med mera"}},

		{"explained after", "Ange dnr (diarienummer) i svaret.", nil},
		{"explained before", "Ange diarienummer (dnr). Vårt dnr är 12.", nil},
		{"inside a word", "Vi har en camping och ett tält.", nil},
		{"bla is not bl.a.", "Bla bla bla.", nil},
		{"in a web address", "Se www.t.ex.se i dag.", nil},
		{"part of an address", "Mejla info@ca.se.", nil},
		{"kl. is understood", "Vi ses kl. 15.", nil},
	}
	checkFindings(t, plain.Abbreviation, tests)
}

func TestCheckAcronyms(t *testing.T) {
	tests := []findingTest{
		{"LSS", "Du har rätt till LSS.", []string{"LSS"}},
		{"SoL", "Enligt SoL har du rätt.", []string{"SoL"}},
		{"VA", "Avgiften för VA höjs.", []string{"VA"}},
		{"every use", "LSS gäller. Läs om LSS.", []string{"LSS", "LSS"}},
		{"genitive with colon", "SoL:s regler gäller.", []string{"SoL"}},
		{"before a hyphen", "Din LSS-handläggare ringer.", []string{"LSS"}},
		{"Swedish capitals", "Fråga HVB eller ÅVC.", []string{"HVB", "ÅVC"}},

		{"explained after, with brackets", "LSS (lagen om stöd och service till vissa funktionshindrade) ger dig rätt. LSS gäller.", nil},
		{"explained before, in brackets", "Lagen om stöd och service (LSS) ger dig rätt. LSS gäller.", nil},
		{"one-word explanation", "Enligt SoL (socialtjänstlagen) har du rätt.", nil},
		{"står för", "VA står för vatten och avlopp. VA-taxan höjs.", nil},
		{"betyder", "ÅVC betyder återvinningscentral.", nil},
		{"explained later in the text", "Läs om LSS. Lagen om stöd och service (LSS) är en lag.", nil},
		{"bracket with only an acronym does not explain", "LSS (HVB) gäller.", []string{"LSS", "HVB"}},
		{"known acronyms", "Vi skickar ett SMS och en PDF via EU och BankID.", nil},
		{"Roman numeral", "Se kapitel II och IV.", nil},
		{"shouting", "JAG ÄR ARG PÅ ER.", nil},
		{"shouting with a long word", "VIKTIGT MEDDELANDE OM VA.", nil},
		{"two acronyms are not shouting", "Fråga LSS eller HVB.", []string{"LSS", "HVB"}},
		{"ordinary capitalised word", "Anna och Bo i Nykvarn.", nil},
		{"one capital letter", "Plan A gäller.", nil},
		{"too long for an acronym", "Läs STYRDOKUMENT här.", nil},
	}
	checkFindings(t, plain.Acronym, tests)
}

func TestCheckSentences(t *testing.T) {
	tests := []struct {
		in               string
		words, sentences int
	}{
		{"", 0, 0},
		{"   \n\n ", 0, 0},
		{"Hej", 1, 1},
		{"Vi har fått ditt brev. Tack!", 6, 2},
		{"Hej Anna!\n\nTack för brevet.\n\nMed vänlig hälsning\nBo Ek\nNykvarns kommun", 12, 5},
		{"Ring kl. 15 i dag.", 5, 1},
		{"A. Andersson svarar.", 3, 1},
		{"Det kostar 1.5 miljoner.", 4, 1},
		{"Se nykvarn.se för mer.", 5, 1},
		{"Vi ses. Hej då", 4, 2},
		{"Fråga: Vad gäller?", 3, 2},
		{"Kl. 15:00 öppnar vi.", 4, 1},
		{"Skor m.m. Sedan kläder.", 4, 2},
		{"Skor m.m. och kläder.", 4, 1},
		{"Ja... Nej?! Kanske.", 3, 3},
		{"Vi har t.ex. bussar.", 4, 1},
		{"E-post och LSS-beslut.", 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r := plain.Check(tt.in)
			assert.Equal(t, tt.words, r.Words, "words")
			assert.Equal(t, tt.sentences, r.Sentences, "sentences")
		})
	}
}

func TestCheckLIX(t *testing.T) {
	// 6 words, 2 sentences, no long words: 6/2 + 0 = 3.
	r := plain.Check("Vi har fått ditt brev. Tack!")
	assert.Equal(t, 0, r.LongWords)
	assert.InDelta(t, 3.0, r.LIX, 1e-9)
	assert.Equal(t, plain.LIXVeryEasy, r.Band)

	// 6 words, 2 sentences, 4 long (Kommunstyrelsen, behandlar, ärendet,
	// Beslutet): 6/2 + 100*4/6.
	r = plain.Check("Kommunstyrelsen behandlar ärendet. Beslutet kommer snart.")
	assert.Equal(t, 4, r.LongWords)
	assert.InDelta(t, 3+400.0/6, r.LIX, 1e-9)
	assert.Equal(t, plain.LIXVeryHard, r.Band)

	// "ärendet" has 7 letters (long); "e-post" has 5 (not long); "brevet" 6 (not long).
	r = plain.Check("ärendet e-post brevet")
	assert.Equal(t, 3, r.Words)
	assert.Equal(t, 1, r.LongWords)

	r = plain.Check("")
	assert.Zero(t, r.LIX)
	assert.Equal(t, plain.LIXVeryEasy, r.Band)
	assert.Equal(t, 100, r.Score)
	assert.Equal(t, plain.Clear, r.Verdict)
	assert.Empty(t, r.Findings)
}

func TestLIXBandOf(t *testing.T) {
	tests := []struct {
		lix  float64
		want plain.LIXBand
	}{
		{0, plain.LIXVeryEasy}, {29.99, plain.LIXVeryEasy},
		{30, plain.LIXEasy}, {39.99, plain.LIXEasy},
		{40, plain.LIXMedium}, {49.99, plain.LIXMedium},
		{50, plain.LIXHard}, {59.99, plain.LIXHard},
		{60, plain.LIXVeryHard}, {95, plain.LIXVeryHard},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, plain.LIXBandOf(tt.lix), "LIX %v", tt.lix)
	}
	seen := map[string]bool{}
	for _, b := range []plain.LIXBand{plain.LIXVeryEasy, plain.LIXEasy, plain.LIXMedium, plain.LIXHard, plain.LIXVeryHard} {
		for _, label := range []string{b.Text().Sv, b.Text().Fi, b.Text().En} {
			assert.NotEmpty(t, label, "band %q", b)
			assert.False(t, seen[label], "label %q used twice", label)
			seen[label] = true
		}
	}
	assert.Equal(t, "Mycket svår", plain.LIXVeryHard.Text().Sv)
	assert.Equal(t, "Mycket lättläst", plain.LIXVeryEasy.Text().Sv)
	assert.True(t, plain.LIXBand("x").Text().IsZero())
}

func TestCheckLongSentence(t *testing.T) {
	words := func(n int) string {
		return strings.TrimSpace(strings.Repeat("ord ", n))
	}
	r := plain.Check("Kort mening. " + words(25) + ".")
	assert.Empty(t, r.Findings, "25 words is allowed")

	text := "Kort mening. " + words(26) + ". Slut."
	r = plain.Check(text)
	require.Len(t, r.Findings, 1)
	f := r.Findings[0]
	assert.Equal(t, plain.LongSentence, f.Kind)
	assert.Equal(t, 26, f.Words)
	assert.Equal(t, len("Kort mening. "), f.Start)
	assert.Equal(t, words(26)+".", text[f.Start:f.End])
	assert.Contains(t, f.Advice.Sv, "26 ord")
	assert.Contains(t, f.Advice.Fi, "26 sanaa")
	assert.Contains(t, f.Advice.En, "26 words")
	assert.Equal(t, 90, r.Score)

	// A line break ends a sentence too.
	r = plain.Check(words(20) + "\n" + words(20))
	assert.Empty(t, r.Findings)
	assert.Equal(t, 2, r.Sentences)
}

func TestCheckScoreAndVerdict(t *testing.T) {
	r := plain.Check("Tack för ditt brev. Vi svarar i morgon.")
	assert.Equal(t, 100, r.Score)
	assert.Equal(t, plain.Clear, r.Verdict)

	r = plain.Check("Vi har erhållit ditt brev.") // one bureaucratic word
	assert.Equal(t, 95, r.Score)
	assert.Equal(t, plain.Clear, r.Verdict)

	r = plain.Check("Du kan t.ex. ringa LSS.") // one abbreviation, one acronym
	assert.Equal(t, 94, r.Score)

	bad := "Därest ni erhållit beslut avseende LSS torde ni i enlighet med SoL beakta att ärendet, " +
		"vilket tillhandahålls av nämnden bl.a. emedan ÖK föreligger, hänskjuts till förvaltningen " +
		"och att ni därvid samt i förekommande fall jämväl delgiver oss erforderliga handlingar " +
		"fr.o.m. innevarande år."
	r = plain.Check(bad)
	assert.Equal(t, plain.Rewrite, r.Verdict)
	assert.Equal(t, 0, r.Score, "clamped at 0")
	assert.Equal(t, plain.LIXVeryHard, r.Band)

	r = plain.Check("Vi har erhållit ditt brev avseende LSS. Därest du vill, beakta att vi stänger, emedan det är jul.")
	assert.Equal(t, plain.Review, r.Verdict)
	assert.True(t, r.Score >= 50 && r.Score < 80, "score %d", r.Score)

	for _, v := range []plain.Verdict{plain.Clear, plain.Review, plain.Rewrite} {
		assert.NotEmpty(t, v.Text().Sv)
		assert.NotEmpty(t, v.Text().Fi)
		assert.NotEmpty(t, v.Text().En)
	}
	assert.True(t, plain.Verdict("x").Text().IsZero())
}

func TestCheckFindings(t *testing.T) {
	text := "Hej Åsa 😀!\nVi har erhållit ditt brev bl.a. om LSS."
	r := plain.Check(text)
	require.Len(t, r.Findings, 3)
	for i, f := range r.Findings {
		assert.Equal(t, text[f.Start:f.End], f.Text)
		if i > 0 {
			assert.LessOrEqual(t, r.Findings[i-1].Start, f.Start, "sorted")
		}
		assert.Contains(t, f.Advice.Sv, f.Text)
		assert.Contains(t, f.Advice.Fi, f.Text)
		assert.Contains(t, f.Advice.En, f.Text)
		if f.Suggestion != "" {
			assert.Contains(t, f.Advice.Sv, f.Suggestion)
			assert.Contains(t, f.Advice.Fi, f.Suggestion)
			assert.Contains(t, f.Advice.En, f.Suggestion)
		}
	}
	assert.Equal(t, strings.Index(text, "erhållit"), r.Findings[0].Start, "byte offset, not rune offset")
	assert.Equal(t, plain.Bureaucratic, r.Findings[0].Kind)
	assert.Equal(t, "Skriv ”få” i stället för ”erhållit”.", r.Findings[0].Advice.Sv)
	assert.Equal(t, "Kirjoita mieluummin ”få” kuin ”erhållit”.", r.Findings[0].Advice.Fi)
	assert.Equal(t, "Write “få” instead of “erhållit”.", r.Findings[0].Advice.En)
	assert.Equal(t, plain.Abbreviation, r.Findings[1].Kind)
	assert.Equal(t, "bl.a.", r.Findings[1].Text)
	assert.Equal(t, plain.Acronym, r.Findings[2].Kind)
	assert.Equal(t, "LSS", r.Findings[2].Text)
	assert.Empty(t, r.Findings[2].Suggestion)
}
