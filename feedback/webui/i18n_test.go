package webui

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/formtext"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/feedback/plain"
	"github.com/kommunkit/kommunkit/lang"
)

// verbs returns sample arguments for the format verbs of a Swedish
// message: a string for %s and a number for %d, by argument index.
func verbs(t *testing.T, format string) []any {
	t.Helper()
	var args []any
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 >= len(format) {
			continue
		}
		switch format[i+1] {
		case 's':
			args = append(args, "X")
		case 'd':
			args = append(args, 7)
		case '%':
			i++
		default:
			t.Fatalf("unexpected verb in %q", format)
		}
	}
	return args
}

func TestEveryMessageIsInEveryLanguage(t *testing.T) {
	require.NotEmpty(t, messages)
	for key, m := range messages {
		t.Run(key, func(t *testing.T) {
			for l, s := range map[lang.Lang]string{lang.Swedish: m.Sv, lang.Finnish: m.Fi, lang.English: m.En} {
				assert.NotEmpty(t, strings.TrimSpace(s), l)
				assert.Equal(t, s, msg(l, key), l)
			}
			// The Finnish text is its own, not a copy of another language.
			assert.NotEqual(t, m.Sv, m.Fi, "Finnish is a copy of Swedish")
			assert.NotEqual(t, m.En, m.Fi, "Finnish is a copy of English")
			// Each translation takes the same arguments as the Swedish
			// text, and uses every one of them.
			args := verbs(t, m.Sv)
			for l, s := range map[lang.Lang]string{lang.Finnish: m.Fi, lang.English: m.En} {
				out := fmt.Sprintf(s, args...)
				assert.NotContains(t, out, "%!", "%s: %q does not fit the arguments of %q", l, s, m.Sv)
			}
		})
	}
}

func TestKindAndLanguageNamesAreInEveryLanguage(t *testing.T) {
	for _, k := range message.Kinds() {
		n, ok := kindNames[k]
		require.True(t, ok, "kind %s has no name", k)
		assert.NotEmpty(t, n.Fi, k)
		assert.NotEqual(t, n.Sv, n.Fi, k)
		assert.Equal(t, n.Fi, kindName(k, "fi"))
	}
	assert.Equal(t, "Moite", kindName(message.Complaint, "fi"))
	assert.Equal(t, "Vahingonkorvausvaatimus", kindName(message.DamageClaim, "fi"))
	assert.Equal(t, "ei vielä selvillä", kindName("", "fi"))
	for _, l := range lang.All() {
		assert.NotEmpty(t, languageNames[l].Fi, l)
	}
	assert.Equal(t, "suomi", languageName("fi", "fi"))
	assert.Equal(t, "ruotsi", languageName("sv", "fi"))
	assert.Equal(t, "de", languageName("de", "fi"))
}

func TestPageLang(t *testing.T) {
	for in, want := range map[string]lang.Lang{
		"fi": "fi", "FI": "fi", " fi ": "fi",
		"en": "en", "EN": "en",
		"sv": "sv", "": "sv", "de": "sv", "fin": "sv", "suomi": "sv",
	} {
		assert.Equal(t, want, pageLang(in), "%q", in)
	}
	for _, l := range lang.All() {
		assert.NotEmpty(t, languageSwitch[l], l)
	}
}

func TestWithLang(t *testing.T) {
	cases := []struct {
		path string
		lang lang.Lang
		want string
	}{
		{"/", "fi", "/?lang=fi"},
		{"/?lang=en", "fi", "/?lang=fi"},
		{"/staff?status=waiting&lang=fi", "sv", "/staff?status=waiting"},
		{"/staff?status=waiting", "fi", "/staff?lang=fi&status=waiting"},
		{"/arende/x?lang=fi", "en", "/arende/x?lang=en"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, withLang(c.path, c.lang), "%s in %s", c.path, c.lang)
	}
}

func TestLangParam(t *testing.T) {
	for q, want := range map[string]string{"?lang=fi": "&lang=fi", "?lang=en": "&lang=en", "": "", "?lang=xx": ""} {
		assert.Equal(t, want, langParam(httptest.NewRequest("GET", "/staff"+q, nil)), q)
	}
}

func TestPlainReportInFinnish(t *testing.T) {
	draft := "Vi återkommer snarast avseende Er ansökan fr.o.m. måndag."
	rep := plain.Check(draft)
	require.NotEmpty(t, rep.Findings)
	v := plainReport(draft, "fi")
	assert.Contains(t, v.Summary, rep.Verdict.Text().Fi)
	assert.Contains(t, v.Summary, rep.Band.Text().Fi)
	assert.Contains(t, v.Summary, "Pisteet")
	require.Len(t, v.Findings, len(rep.Findings))
	for i, f := range rep.Findings {
		assert.Equal(t, f.Advice.Fi, v.Findings[i].Advice)
		assert.NotEqual(t, f.Advice.Sv, v.Findings[i].Advice)
	}
	assert.Equal(t, "Ei huomautettavaa.", plainReport("Tack.", "fi").None)
}

func TestNumbersInFinnish(t *testing.T) {
	assert.Equal(t, "83\u00a0%", percent(0.83, "fi"))
	assert.Equal(t, "34,6", decimal(34.6, "fi"))
	assert.Equal(t, "83%", percent(0.83, "en"))
}

func TestShareChartHasRoomForFinnishKindNames(t *testing.T) {
	p := page{Lang: "fi"}
	groups := []feedback.Group{
		{Key: string(message.DamageClaim), Received: 2, Settled: 2, OnTime: 1, OnTimeShare: 0.5},
		{Key: string(message.Praise), Received: 1, Settled: 1, OnTime: 1, OnTimeShare: 1},
	}
	c := shareChart("k", "otsikko", groups, func(key string) string { return kindName(message.Kind(key), "fi") }, p)
	require.Len(t, c.Bars, 2)
	assert.Equal(t, "Vahingonkorvausvaatimus", c.Bars[0].Label)
	// The label ends at LabelX (text-anchor end) and is 198 px wide at the
	// chart's 15 px in Chromium: it must start inside the picture.
	var labelX, barX, barW float64
	_, err := fmt.Sscan(c.Bars[0].LabelX, &labelX)
	require.NoError(t, err)
	_, err = fmt.Sscan(c.Bars[1].X+" "+c.Bars[1].W, &barX, &barW)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, labelX, 198.0+4)
	assert.Greater(t, barX, labelX, "the bars start right of the labels")
	assert.LessOrEqual(t, barX+barW+60, float64(c.Width), "the bar and its value fit in the picture")

	// Short Swedish labels keep the chart as it was.
	sv := shareChart("k", "rubrik", groups[1:], func(key string) string { return kindName(message.Kind(key), "sv") }, page{Lang: "sv"})
	assert.Equal(t, 620, sv.Width)
}

// TestFormTextsComeFromFormtext: the feedback form's texts are formtext's,
// which the widget shows too; the pages hold no text of their own under a
// key of the form, and msg finds each of them.
func TestFormTextsComeFromFormtext(t *testing.T) {
	for _, key := range formtext.Keys(formtext.Both) {
		_, own := messages[key]
		assert.False(t, own, "webui has its own %q, which is a text of the form (formtext)", key)
	}
	for _, key := range formtext.Keys(formtext.Page) {
		want, _ := formtext.Text(key)
		for _, l := range lang.All() {
			assert.Equal(t, want.In(l), msg(l, key), "%s in %s", key, l)
		}
	}
	// A field error the form has words for is shown in them; another in
	// the API's.
	fe := feedback.FieldError{Field: "contact.email", Code: feedback.CodeInvalid, Message: lang.Text{Sv: "API", Fi: "API", En: "API"}}
	words, _ := formtext.FieldError("contact.email", feedback.CodeInvalid)
	assert.Equal(t, words.In(lang.Finnish), fieldMessage(fe, lang.Finnish))
	fe.Code = feedback.CodeControlCharacters
	assert.Equal(t, "API", fieldMessage(fe, lang.Finnish))
}
