package classify

import (
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/lang"
)

func TestClassifyTypical(t *testing.T) {
	tests := []struct {
		text string
		kind message.Kind
		lang string
	}{
		// Praise.
		{"Stort tack till personalen på förskolan Solgläntan, ni är fantastiska!", message.Praise, "sv"},
		{"Kiitos kotihoidolle, äitini on saanut erinomaista hoitoa.", message.Praise, "fi"},
		{"Thank you so much to the library staff, they were incredibly helpful.", message.Praise, "en"},
		// Complaint.
		{"Jag är mycket missnöjd med hemtjänsten, de kommer alltid för sent.", message.Complaint, "sv"},
		{"Olen todella pettynyt siihen, ettei kukaan vastaa puhelimeen.", message.Complaint, "fi"},
		{"I am very disappointed with how rude the staff at the town hall were.", message.Complaint, "en"},
		// Suggestion.
		{"Jag föreslår att ni sätter upp fler bänkar i parken.", message.Suggestion, "sv"},
		{"Olisi hyvä, jos kirjasto olisi auki myös sunnuntaisin.", message.Suggestion, "fi"},
		{"It would be great if the swimming hall opened earlier on weekends.", message.Suggestion, "en"},
		// Question.
		{"Hur ansöker jag om plats i förskolan?", message.Question, "sv"},
		{"Milloin kierrätyskeskus on auki?", message.Question, "fi"},
		{"When does the recycling centre open on Saturdays?", message.Question, "en"},
		// Fault report.
		{"Gatlampan utanför Storgatan 5 är trasig.", message.FaultReport, "sv"},
		{"Katuvalo ei pala Koulukadulla.", message.FaultReport, "fi"},
		{"There is a large pothole on Mill Road.", message.FaultReport, "en"},
		// Damage claim.
		{"Min bil skadades i ett potthål och jag vill ha ersättning för reparationen.", message.DamageClaim, "sv"},
		{"Kunnan puu kaatui autoni päälle. Haluan korvauksen.", message.DamageClaim, "fi"},
		{"A council tree fell on my car and I want compensation for the damage.", message.DamageClaim, "en"},
		// Appeal.
		{"Jag vill överklaga beslutet om avslag på mitt bygglov.", message.Appeal, "sv"},
		{"Haluan valittaa päätöksestä, jolla hakemukseni hylättiin.", message.Appeal, "fi"},
		{"I want to appeal the decision to refuse my building permit.", message.Appeal, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := Message(tt.text)
			assert.Equal(t, tt.kind, got.Kind)
			assert.Equal(t, tt.lang, string(got.Language))
			assert.Greater(t, got.Confidence, 0.5, "a clear message should be classified with some confidence")
			require.NotEmpty(t, got.Cues)
			assert.Equal(t, tt.kind, got.Cues[0].Kind, "the first reason points to the kind")
		})
	}
}

func TestClassifyMixed(t *testing.T) {
	tests := []struct {
		text     string
		kind     message.Kind
		runnerUp message.Kind
	}{
		{"Jag är väldigt missnöjd med att ingen har plogat vår gata på en vecka. Varför tar det så lång tid?", message.Complaint, message.Question},
		{"Jag körde i ett potthål på Skolvägen och fälgen gick sönder. Jag vill ha ersättning.", message.DamageClaim, message.FaultReport},
		{"Tack för att ni lagade gungan så snabbt! Kanske kan ni sätta upp en bänk där också?", message.Praise, message.Suggestion},
		{"The bins haven't been emptied for two weeks, this is unacceptable. When will someone come?", message.Complaint, message.Question},
		{"Hur överklagar jag beslutet? Jag fick avslag på min ansökan om färdtjänst.", message.Appeal, message.Question},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := Message(tt.text)
			assert.Equal(t, tt.kind, got.Kind)
			assert.Equal(t, tt.runnerUp, got.RunnerUp)
			assert.Greater(t, got.RunnerUpConfidence, 0.0)
			assert.LessOrEqual(t, got.RunnerUpConfidence, got.Confidence)
			var kinds []message.Kind
			for _, r := range got.Cues {
				kinds = append(kinds, r.Kind)
			}
			assert.Contains(t, kinds, tt.runnerUp, "the reasons include a cue for the runner-up")
		})
	}
}

func TestClassifySingleKindHasNoRunnerUp(t *testing.T) {
	for _, text := range []string{
		"Jag vill överklaga beslutet.",
		"Gatlampan är trasig.",
		"Tusen tack för hjälpen med ansökan, ni är underbara!",
	} {
		got := Message(text)
		assert.Empty(t, got.RunnerUp, text)
		assert.Zero(t, got.RunnerUpConfidence, text)
	}
}

func TestClassifyWithoutDiacritics(t *testing.T) {
	pairs := [][2]string{
		{"Jag vill överklaga beslutet om förskoleplats.", "jag vill overklaga beslutet om forskoleplats"},
		{"Tack så mycket för hjälpen, ni är bäst!", "tack sa mycket for hjalpen, ni ar bast"},
		{"Gatlampan på Skolvägen är släckt och trasig.", "gatlampan pa skolvagen ar slackt och trasig"},
		{"Jag är inte nöjd med snöröjningen.", "jag ar inte nojd med snorojningen"},
		{"Jag vill ha ersättning för min cykel som gick sönder i gropen.", "jag vill ha ersattning for min cykel som gick sonder i gropen"},
		{"Hyvää työtä, kiitos kotihoidolle!", "hyvaa tyota, kiitos kotihoidolle"},
		{"Katuvalo ei pala, se on rikki.", "katuvalo ei pala, se on rikki"},
		{"ÄR DET MÖJLIGT ATT FÅ HEMTJÄNST PÅ HELGEN?", "ar det mojligt att fa hemtjanst pa helgen?"},
	}
	for _, p := range pairs {
		with, without := Message(p[0]), Message(p[1])
		assert.Equal(t, with.Kind, without.Kind, "%q vs %q", p[0], p[1])
		assert.Equal(t, with.Language, without.Language, "%q vs %q", p[0], p[1])
		assert.NotEmpty(t, without.Kind, p[1])
	}
}

func TestClassifyEmptyText(t *testing.T) {
	for _, text := range []string{"", " ", "\n\t  \r\n", "?!?", "...", "—", "???", "😀😀"} {
		got := Message(text)
		assert.Equal(t, message.Kind(""), got.Kind, "%q", text)
		assert.Zero(t, got.Confidence, "%q", text)
		assert.Equal(t, lang.Swedish, got.Language, "%q: text without letters is taken to be Swedish", text)
		assert.Empty(t, got.RunnerUp, "%q", text)
		assert.Nil(t, got.Cues, "%q", text)
	}
}

func TestClassifyTextWithoutCues(t *testing.T) {
	got := Message("Storgatan 5, 184 30 Åkersberga")
	assert.Equal(t, message.Kind(""), got.Kind)
	assert.Zero(t, got.Confidence)
	assert.Equal(t, lang.Swedish, got.Language)

	// A question mark is itself a (weak) cue.
	got = Message("Storgatan 5?")
	assert.Equal(t, message.Question, got.Kind)
	assert.Less(t, got.Confidence, 0.5)
}

func TestClassifyNegation(t *testing.T) {
	tests := []struct {
		text string
		kind message.Kind
		cue  string // a reason with this cue is negated
	}{
		{"Bemötandet var inte trevligt alls.", message.Complaint, "trevlig"},
		{"Personalen var inte särskilt hjälpsam.", message.Complaint, "hjälpsam"},
		{"The staff were not very helpful.", message.Complaint, "helpful"},
		{"Henkilökunta ei ollut ystävällistä.", message.Complaint, "ystävälli"},
		{"Inga problem alls med sophämtningen i år, allt har fungerat.", message.Praise, "problem"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := Message(tt.text)
			assert.Equal(t, tt.kind, got.Kind)
			found := false
			for _, r := range got.Cues {
				if strings.Contains(r.Pattern, tt.cue) {
					found = true
					assert.True(t, r.Negated)
					assert.Equal(t, tt.kind, r.Kind)
					assert.Contains(t, tt.text, r.Text)
				}
			}
			assert.True(t, found, "no reason with cue %q in %+v", tt.cue, got.Cues)
		})
	}
	// "Kan inte nog tacka" is praise, not a negated thanks.
	assert.Equal(t, message.Praise, Message("Jag kan inte nog tacka er för hjälpen.").Kind)
	// "Inte nöjd" as the whole message.
	assert.Equal(t, message.Complaint, Message("inte nöjd").Kind)
}

func TestClassifyPoliteClosingIsNotPraise(t *testing.T) {
	for _, text := range []string{
		"Hej, när töms soptunnorna på Ekvägen? Tack på förhand!",
		"Hur ansöker jag om färdtjänst? Tack för svar.",
		"When is the library open at Easter? Thanks in advance.",
		"Milloin kirjasto on auki? Kiitos etukäteen.",
	} {
		assert.Equal(t, message.Question, Message(text).Kind, text)
	}
}

func TestClassifyDecisionTurnsComplaintIntoAppeal(t *testing.T) {
	// Finnish "valittaa" means both "complain" and "appeal"; a decision
	// decides which.
	assert.Equal(t, message.Complaint, Message("Valitan siitä, että uimahallin suihkut ovat aina kylmiä.").Kind)
	assert.Equal(t, message.Appeal, Message("Valitan päätöksestä, jolla hakemukseni hylättiin.").Kind)
}

func TestClassifyReasons(t *testing.T) {
	text := "Jag är INTE nöjd med snöröjningen, och gatlampan vid skolan är fortfarande trasig. Vad händer?"
	got := Message(text)
	require.NotEmpty(t, got.Cues)
	assert.LessOrEqual(t, len(got.Cues), MaxCues)
	primaryDone := false
	for i, r := range got.Cues {
		assert.NotEmpty(t, r.Pattern)
		assert.NotEmpty(t, r.Text)
		assert.True(t, r.Kind == got.Kind || r.Kind == got.RunnerUp, "reason %+v is for neither kind", r)
		assert.Greater(t, r.Weight, 0.0)
		if r.Text != "?" && r.Text != "??" {
			assert.Contains(t, text, r.Text, "a reason quotes the message")
		}
		if r.Kind != got.Kind {
			primaryDone = true
		} else {
			assert.False(t, primaryDone, "reasons for the kind come before those for the runner-up")
		}
		if i > 0 && got.Cues[i-1].Kind == r.Kind {
			assert.GreaterOrEqual(t, got.Cues[i-1].Weight, r.Weight, "strongest first within a kind")
		}
	}
	// Texts widen to whole words.
	for _, r := range Message("Vi vill överklaga bygglovsbeslutet.").Cues {
		if r.Pattern == "överklag" {
			assert.Equal(t, "överklaga", r.Text)
		}
	}
}

func TestClassifyLanguageOfShortMessages(t *testing.T) {
	tests := map[string]string{
		"Tack!":                  "sv",
		"Hej, lampan är trasig":  "sv",
		"tack sa mycket":         "sv",
		"Kiitos!":                "fi",
		"Moi, lamppu on rikki":   "fi",
		"kiitos paljon":          "fi",
		"Thanks!":                "en",
		"Hi, the lamp is broken": "en",
		"thank you so much":      "en",
	}
	for text, lang := range tests {
		assert.Equal(t, lang, string(Message(text).Language), text)
	}
}

func TestClassifyBoundsOverDataSets(t *testing.T) {
	for _, name := range []string{"train.tsv", "eval.tsv"} {
		for _, c := range loadClassifySet(t, name) {
			got := Message(c.text)
			classifyCheckInvariants(t, c.text, got)
		}
	}
}

// classifyCheckInvariants checks what must hold for every Result.
func classifyCheckInvariants(t *testing.T, text string, got Result) {
	t.Helper()
	if got.Confidence < 0 || got.Confidence > 1 || got.RunnerUpConfidence < 0 || got.RunnerUpConfidence > 1 {
		t.Fatalf("%q: confidence out of [0,1]: %+v", text, got)
	}
	if got.Language != "sv" && got.Language != "fi" && got.Language != "en" {
		t.Fatalf("%q: language %q", text, got.Language)
	}
	if got.Kind == "" {
		if got.Confidence != 0 || got.RunnerUp != "" || got.Cues != nil {
			t.Fatalf("%q: empty kind with confidence, runner-up or reasons: %+v", text, got)
		}
		return
	}
	if !got.Kind.Valid() {
		t.Fatalf("%q: kind %q is not valid", text, got.Kind)
	}
	if got.Confidence <= 0 || len(got.Cues) == 0 {
		t.Fatalf("%q: a kind without confidence or reasons: %+v", text, got)
	}
	if got.RunnerUp != "" && (!got.RunnerUp.Valid() || got.RunnerUp == got.Kind || got.RunnerUpConfidence > got.Confidence) {
		t.Fatalf("%q: bad runner-up: %+v", text, got)
	}
	if got.RunnerUp == "" && got.RunnerUpConfidence != 0 {
		t.Fatalf("%q: runner-up confidence without a runner-up: %+v", text, got)
	}
	if len(got.Cues) > MaxCues {
		t.Fatalf("%q: %d reasons", text, len(got.Cues))
	}
	for _, r := range got.Cues {
		if !utf8.ValidString(r.Pattern) || !utf8.ValidString(r.Text) || r.Pattern == "" || !r.Kind.Valid() || !(r.Weight > 0) {
			t.Fatalf("%q: bad reason %+v", text, r)
		}
	}
}

func TestClassifyIsDeterministicAndSafeForConcurrentUse(t *testing.T) {
	cases := loadClassifySet(t, "eval.tsv")
	want := make([]Result, len(cases))
	for i, c := range cases {
		want[i] = Message(c.text)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, c := range cases {
				if got := Message(c.text); !assert.ObjectsAreEqual(want[i], got) {
					errs <- c.text
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("different result on a second call: %q", e)
	}
}

func TestClassifyCueTables(t *testing.T) {
	m := buildCueMatcher(cueGroups(), cueLanguageGroups())
	assert.Empty(t, m.problems)

	// Every kind has cues in every language.
	type key struct {
		kind message.Kind
		lang cueLang
	}
	have := map[key]bool{}
	for _, g := range cueGroups() {
		if g.kind != "" && g.weight > 0 {
			have[key{g.kind, g.lang}] = true
		}
		assert.False(t, g.kind == "" && g.flags&(cueNegatesPraise|cueNegatesComplaint|cueNeutral) == 0, "a group without a kind must be a negation or neutral: %q", g.cues)
		assert.False(t, g.kind != "" && g.weight <= 0, "a group with a kind needs a weight: %q", g.cues)
	}
	for _, k := range message.Kinds() {
		for _, l := range []cueLang{cueSv, cueFi, cueEn} {
			assert.True(t, have[key{k, l}], "no cues for %s in language %d", k, l)
		}
	}
	for _, l := range []cueLang{cueSv, cueFi, cueEn} {
		found := false
		for _, g := range cueLanguageGroups() {
			found = found || g.lang == l
		}
		assert.True(t, found, "no language cues for %d", l)
	}

	// The folded patterns use the cue alphabet only.
	for _, p := range m.patterns {
		for i := 0; i < len(p.folded); i++ {
			require.GreaterOrEqual(t, symbol(p.folded[i]), 0, "pattern %q", p.folded)
		}
		assert.LessOrEqual(t, len(p.folded), maxPattern)
	}
}

func TestFoldCue(t *testing.T) {
	tests := map[string]string{
		"_Överklaga_":           " overklaga ",
		"_tack så mycket":       " tack sa mycket",
		"lampa":                 "lampa",
		"_hallinto-oikeus":      " hallinto oikeus",
		"_don't":                " dont",
		"_Straße":               " strasse",
		"_mark- och miljö":      " mark och miljo",
		"_Ä Ö Å é ü":            " a o a e u",
		"_it\u2019s":            " its",
		"_a\u0308r_":            " ar ",
		"0 kr_":                 "0 kr ",
		"_2024":                 " 0000",
		"_cr\u00e8me br\u00fbl": " creme brul",
	}
	for in, want := range tests {
		got, ok := foldCue(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "_", "__", "tack!", "vad?", strings.Repeat("a", maxPattern+1)} {
		_, ok := foldCue(bad)
		assert.False(t, ok, "%q", bad)
	}
}

func TestClassifyLongAndOddInput(t *testing.T) {
	long := strings.Repeat("Gatlampan är trasig. ", 2000)
	got := Message(long)
	assert.Equal(t, message.FaultReport, got.Kind)

	// Invalid UTF-8 and control characters do not break anything.
	odd := "Jag vill \xff\xfe överklaga\x00 beslutet \xc3"
	got = Message(odd)
	assert.Equal(t, message.Appeal, got.Kind)
	classifyCheckInvariants(t, odd, got)

	// Decomposed å/ä/ö (as typed on some systems) read like composed ones.
	assert.Equal(t, Message("Jag vill överklaga").Kind, Message("Jag vill o\u0308verklaga").Kind)
}

func TestClassifyEmoji(t *testing.T) {
	got := Message("Snöröjningen i år 👍👍")
	assert.Equal(t, message.Praise, got.Kind)
	require.NotEmpty(t, got.Cues)
	assert.Equal(t, "👍", got.Cues[0].Pattern)
	assert.Equal(t, "👍", got.Cues[0].Text)

	got = Message("Skolbussen kom inte i dag heller 😡")
	assert.Equal(t, message.Complaint, got.Kind)
	found := false
	for _, r := range got.Cues {
		found = found || r.Pattern == "😡"
	}
	assert.True(t, found, "%+v", got.Cues)
}

// TestWordRuneAsBefore holds wordRune, built on package textrune, to
// the classifier's hand-written helper it replaced, for every rune and a
// few values that are not runes: cues widen to the same words.
func TestWordRuneAsBefore(t *testing.T) {
	before := func(r rune) bool {
		return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '\u2019')
	}
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if wordRune(r) != before(r) {
			t.Fatalf("wordRune(%U) = %v, before %v", r, wordRune(r), before(r))
		}
	}
	for r, want := range map[rune]bool{'å': true, 'Ö': true, '7': true, '٣': true, '\'': true, '\u2019': true, '\u030a': true, '-': false, '\u2010': false, '\u0903': false, '_': false, ' ': false, utf8.RuneError: false} {
		assert.Equal(t, want, wordRune(r), "%U", r)
	}
}
