package message

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClassifyTypical(t *testing.T) {
	tests := []struct {
		text string
		kind Kind
		lang string
	}{
		// Praise.
		{"Stort tack till personalen på förskolan Solgläntan, ni är fantastiska!", Praise, "sv"},
		{"Kiitos kotihoidolle, äitini on saanut erinomaista hoitoa.", Praise, "fi"},
		{"Thank you so much to the library staff, they were incredibly helpful.", Praise, "en"},
		// Complaint.
		{"Jag är mycket missnöjd med hemtjänsten, de kommer alltid för sent.", Complaint, "sv"},
		{"Olen todella pettynyt siihen, ettei kukaan vastaa puhelimeen.", Complaint, "fi"},
		{"I am very disappointed with how rude the staff at the town hall were.", Complaint, "en"},
		// Suggestion.
		{"Jag föreslår att ni sätter upp fler bänkar i parken.", Suggestion, "sv"},
		{"Olisi hyvä, jos kirjasto olisi auki myös sunnuntaisin.", Suggestion, "fi"},
		{"It would be great if the swimming hall opened earlier on weekends.", Suggestion, "en"},
		// Question.
		{"Hur ansöker jag om plats i förskolan?", Question, "sv"},
		{"Milloin kierrätyskeskus on auki?", Question, "fi"},
		{"When does the recycling centre open on Saturdays?", Question, "en"},
		// Fault report.
		{"Gatlampan utanför Storgatan 5 är trasig.", FaultReport, "sv"},
		{"Katuvalo ei pala Koulukadulla.", FaultReport, "fi"},
		{"There is a large pothole on Mill Road.", FaultReport, "en"},
		// Damage claim.
		{"Min bil skadades i ett potthål och jag vill ha ersättning för reparationen.", DamageClaim, "sv"},
		{"Kunnan puu kaatui autoni päälle. Haluan korvauksen.", DamageClaim, "fi"},
		{"A council tree fell on my car and I want compensation for the damage.", DamageClaim, "en"},
		// Appeal.
		{"Jag vill överklaga beslutet om avslag på mitt bygglov.", Appeal, "sv"},
		{"Haluan valittaa päätöksestä, jolla hakemukseni hylättiin.", Appeal, "fi"},
		{"I want to appeal the decision to refuse my building permit.", Appeal, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := Classify(tt.text)
			assert.Equal(t, tt.kind, got.Kind)
			assert.Equal(t, tt.lang, got.Language)
			assert.Greater(t, got.Confidence, 0.5, "a clear message should be classified with some confidence")
			require.NotEmpty(t, got.Reasons)
			assert.Equal(t, tt.kind, got.Reasons[0].Kind, "the first reason points to the kind")
		})
	}
}

func TestClassifyMixed(t *testing.T) {
	tests := []struct {
		text     string
		kind     Kind
		runnerUp Kind
	}{
		{"Jag är väldigt missnöjd med att ingen har plogat vår gata på en vecka. Varför tar det så lång tid?", Complaint, Question},
		{"Jag körde i ett potthål på Skolvägen och fälgen gick sönder. Jag vill ha ersättning.", DamageClaim, FaultReport},
		{"Tack för att ni lagade gungan så snabbt! Kanske kan ni sätta upp en bänk där också?", Praise, Suggestion},
		{"The bins haven't been emptied for two weeks, this is unacceptable. When will someone come?", Complaint, Question},
		{"Hur överklagar jag beslutet? Jag fick avslag på min ansökan om färdtjänst.", Appeal, Question},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := Classify(tt.text)
			assert.Equal(t, tt.kind, got.Kind)
			assert.Equal(t, tt.runnerUp, got.RunnerUp)
			assert.Greater(t, got.RunnerUpConfidence, 0.0)
			assert.LessOrEqual(t, got.RunnerUpConfidence, got.Confidence)
			var kinds []Kind
			for _, r := range got.Reasons {
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
		got := Classify(text)
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
		with, without := Classify(p[0]), Classify(p[1])
		assert.Equal(t, with.Kind, without.Kind, "%q vs %q", p[0], p[1])
		assert.Equal(t, with.Language, without.Language, "%q vs %q", p[0], p[1])
		assert.NotEmpty(t, without.Kind, p[1])
	}
}

func TestClassifyEmptyText(t *testing.T) {
	for _, text := range []string{"", " ", "\n\t  \r\n", "?!?", "...", "—", "???", "😀😀"} {
		got := Classify(text)
		assert.Equal(t, Kind(""), got.Kind, "%q", text)
		assert.Zero(t, got.Confidence, "%q", text)
		assert.Equal(t, "sv", got.Language, "%q: text without letters is taken to be Swedish", text)
		assert.Empty(t, got.RunnerUp, "%q", text)
		assert.Nil(t, got.Reasons, "%q", text)
	}
}

func TestClassifyTextWithoutCues(t *testing.T) {
	got := Classify("Storgatan 5, 184 30 Åkersberga")
	assert.Equal(t, Kind(""), got.Kind)
	assert.Zero(t, got.Confidence)
	assert.Equal(t, "sv", got.Language)

	// A question mark is itself a (weak) cue.
	got = Classify("Storgatan 5?")
	assert.Equal(t, Question, got.Kind)
	assert.Less(t, got.Confidence, 0.5)
}

func TestClassifyNegation(t *testing.T) {
	tests := []struct {
		text string
		kind Kind
		cue  string // a reason with this cue is negated
	}{
		{"Bemötandet var inte trevligt alls.", Complaint, "trevlig"},
		{"Personalen var inte särskilt hjälpsam.", Complaint, "hjälpsam"},
		{"The staff were not very helpful.", Complaint, "helpful"},
		{"Henkilökunta ei ollut ystävällistä.", Complaint, "ystävälli"},
		{"Inga problem alls med sophämtningen i år, allt har fungerat.", Praise, "problem"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := Classify(tt.text)
			assert.Equal(t, tt.kind, got.Kind)
			found := false
			for _, r := range got.Reasons {
				if strings.Contains(r.Cue, tt.cue) {
					found = true
					assert.True(t, r.Negated)
					assert.Equal(t, tt.kind, r.Kind)
					assert.Contains(t, tt.text, r.Text)
				}
			}
			assert.True(t, found, "no reason with cue %q in %+v", tt.cue, got.Reasons)
		})
	}
	// "Kan inte nog tacka" is praise, not a negated thanks.
	assert.Equal(t, Praise, Classify("Jag kan inte nog tacka er för hjälpen.").Kind)
	// "Inte nöjd" as the whole message.
	assert.Equal(t, Complaint, Classify("inte nöjd").Kind)
}

func TestClassifyPoliteClosingIsNotPraise(t *testing.T) {
	for _, text := range []string{
		"Hej, när töms soptunnorna på Ekvägen? Tack på förhand!",
		"Hur ansöker jag om färdtjänst? Tack för svar.",
		"When is the library open at Easter? Thanks in advance.",
		"Milloin kirjasto on auki? Kiitos etukäteen.",
	} {
		assert.Equal(t, Question, Classify(text).Kind, text)
	}
}

func TestClassifyDecisionTurnsComplaintIntoAppeal(t *testing.T) {
	// Finnish "valittaa" means both "complain" and "appeal"; a decision
	// decides which.
	assert.Equal(t, Complaint, Classify("Valitan siitä, että uimahallin suihkut ovat aina kylmiä.").Kind)
	assert.Equal(t, Appeal, Classify("Valitan päätöksestä, jolla hakemukseni hylättiin.").Kind)
}

func TestClassifyReasons(t *testing.T) {
	text := "Jag är INTE nöjd med snöröjningen, och gatlampan vid skolan är fortfarande trasig. Vad händer?"
	got := Classify(text)
	require.NotEmpty(t, got.Reasons)
	assert.LessOrEqual(t, len(got.Reasons), MaxReasons)
	primaryDone := false
	for i, r := range got.Reasons {
		assert.NotEmpty(t, r.Cue)
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
		if i > 0 && got.Reasons[i-1].Kind == r.Kind {
			assert.GreaterOrEqual(t, got.Reasons[i-1].Weight, r.Weight, "strongest first within a kind")
		}
	}
	// Texts widen to whole words.
	for _, r := range Classify("Vi vill överklaga bygglovsbeslutet.").Reasons {
		if r.Cue == "överklag" {
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
		assert.Equal(t, lang, Classify(text).Language, text)
	}
}

func TestClassifyBoundsOverDataSets(t *testing.T) {
	for _, name := range []string{"train.tsv", "eval.tsv"} {
		for _, c := range loadClassifySet(t, name) {
			got := Classify(c.text)
			classifyCheckInvariants(t, c.text, got)
		}
	}
}

// classifyCheckInvariants checks what must hold for every Classification.
func classifyCheckInvariants(t *testing.T, text string, got Classification) {
	t.Helper()
	if got.Confidence < 0 || got.Confidence > 1 || got.RunnerUpConfidence < 0 || got.RunnerUpConfidence > 1 {
		t.Fatalf("%q: confidence out of [0,1]: %+v", text, got)
	}
	if got.Language != "sv" && got.Language != "fi" && got.Language != "en" {
		t.Fatalf("%q: language %q", text, got.Language)
	}
	if got.Kind == "" {
		if got.Confidence != 0 || got.RunnerUp != "" || got.Reasons != nil {
			t.Fatalf("%q: empty kind with confidence, runner-up or reasons: %+v", text, got)
		}
		return
	}
	if !got.Kind.Valid() {
		t.Fatalf("%q: kind %q is not valid", text, got.Kind)
	}
	if got.Confidence <= 0 || len(got.Reasons) == 0 {
		t.Fatalf("%q: a kind without confidence or reasons: %+v", text, got)
	}
	if got.RunnerUp != "" && (!got.RunnerUp.Valid() || got.RunnerUp == got.Kind || got.RunnerUpConfidence > got.Confidence) {
		t.Fatalf("%q: bad runner-up: %+v", text, got)
	}
	if got.RunnerUp == "" && got.RunnerUpConfidence != 0 {
		t.Fatalf("%q: runner-up confidence without a runner-up: %+v", text, got)
	}
	if len(got.Reasons) > MaxReasons {
		t.Fatalf("%q: %d reasons", text, len(got.Reasons))
	}
	for _, r := range got.Reasons {
		if !utf8.ValidString(r.Cue) || !utf8.ValidString(r.Text) || r.Cue == "" || !r.Kind.Valid() || !(r.Weight > 0) {
			t.Fatalf("%q: bad reason %+v", text, r)
		}
	}
}

func TestClassifyIsDeterministicAndSafeForConcurrentUse(t *testing.T) {
	cases := loadClassifySet(t, "eval.tsv")
	want := make([]Classification, len(cases))
	for i, c := range cases {
		want[i] = Classify(c.text)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, c := range cases {
				if got := Classify(c.text); !assert.ObjectsAreEqual(want[i], got) {
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
		kind Kind
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
	for _, k := range Kinds() {
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
			require.GreaterOrEqual(t, cueSymbol(p.folded[i]), 0, "pattern %q", p.folded)
		}
		assert.LessOrEqual(t, len(p.folded), cueMaxPattern)
	}
}

func TestCueFoldCue(t *testing.T) {
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
		got, ok := cueFoldCue(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "_", "__", "tack!", "vad?", strings.Repeat("a", cueMaxPattern+1)} {
		_, ok := cueFoldCue(bad)
		assert.False(t, ok, "%q", bad)
	}
}

func TestClassifyLongAndOddInput(t *testing.T) {
	long := strings.Repeat("Gatlampan är trasig. ", 2000)
	got := Classify(long)
	assert.Equal(t, FaultReport, got.Kind)

	// Invalid UTF-8 and control characters do not break anything.
	odd := "Jag vill \xff\xfe överklaga\x00 beslutet \xc3"
	got = Classify(odd)
	assert.Equal(t, Appeal, got.Kind)
	classifyCheckInvariants(t, odd, got)

	// Decomposed å/ä/ö (as typed on some systems) read like composed ones.
	assert.Equal(t, Classify("Jag vill överklaga").Kind, Classify("Jag vill o\u0308verklaga").Kind)
}

func TestClassifyEmoji(t *testing.T) {
	got := Classify("Snöröjningen i år 👍👍")
	assert.Equal(t, Praise, got.Kind)
	require.NotEmpty(t, got.Reasons)
	assert.Equal(t, "👍", got.Reasons[0].Cue)
	assert.Equal(t, "👍", got.Reasons[0].Text)

	got = Classify("Skolbussen kom inte i dag heller 😡")
	assert.Equal(t, Complaint, got.Kind)
	found := false
	for _, r := range got.Reasons {
		found = found || r.Cue == "😡"
	}
	assert.True(t, found, "%+v", got.Reasons)
}
