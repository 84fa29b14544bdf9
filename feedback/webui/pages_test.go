package webui_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/webui"
)

func TestEveryPageRendersInSwedishAndEnglish(t *testing.T) {
	e := newEnv(t)
	_, token := e.submit("Tack för den fina nya lekplatsen i parken!", "Anna", "anna@example.se", "")
	c := e.caseByToken(token)
	e.login()

	pages := []struct {
		path   string
		sv, en string // a text the page shows in each language
	}{
		{"/", "Lämna en synpunkt till Exempelby kommun", "Give feedback to Exempelby kommun"},
		{"/tillganglighet", "Myndigheten för digital förvaltning (DIGG)", "Agency for Digital Government"},
		{"/arende/" + token, "Ditt ärende", "Your case"},
		{"/staff", "Inkorg", "Inbox"},
		{"/staff/case/" + c.ID.String(), "Ändra status", "Change status"},
		{"/staff/uppfoljning", "Andel besvarade i tid per kanal", "Share answered on time by channel"},
	}
	for _, pg := range pages {
		for _, lang := range []string{"sv", "en"} {
			t.Run(pg.path+"/"+lang, func(t *testing.T) {
				path, want, lost := pg.path, pg.sv, pg.en
				if lang == "en" {
					path, want, lost = withQuery(pg.path, "lang=en"), pg.en, pg.sv
				}
				r := e.get(path)
				require.Equal(t, http.StatusOK, r.code, r.body)
				assert.Equal(t, webui.ContentSecurityPolicy, r.header.Get("Content-Security-Policy"))
				assert.Equal(t, "text/html; charset=utf-8", r.header.Get("Content-Type"))
				assert.Contains(t, r.body, `<html lang="`+lang+`">`)
				assert.Contains(t, r.body, want)
				assert.NotContains(t, r.body, lost)
				assertStrictCSP(t, r.body)
			})
		}
	}
}

func withQuery(path, q string) string {
	for _, c := range path {
		if c == '?' {
			return path + "&" + q
		}
	}
	return path + "?" + q
}

func TestAccessibilityStatementHasWhatDIGGAsksFor(t *testing.T) {
	e := newEnv(t)
	want := map[string][]string{
		"sv": {
			"lagen (2018:1937) om tillgänglighet till digital offentlig service",
			"<h2>Hur tillgänglig är webbplatsen?</h2>",
			"delvis förenlig",
			"<h3 id=\"brister\">Innehåll som inte är tillgängligt</h3>",
			"<h2>Rapportera brister i webbplatsens tillgänglighet</h2>",
			"<h2>Tillsyn</h2>",
			`href="https://www.digg.se/tdosanmalan"`,
			"<h3>Oskäligt betungande anpassning</h3>",
			"<h3>Innehåll som inte omfattas av lagen</h3>",
			"<h2>Hur vi testat webbplatsen</h2>",
			"självskattning",
			"Redogörelsen uppdaterades senast den lördag 21 november 2026.",
			`<a href="/">berätta det i formuläret för synpunkter</a>`,
		},
		"en": {
			"<h2>How accessible is the website?</h2>",
			"partially compliant",
			"<h2>Report accessibility problems</h2>",
			"<h2>Enforcement</h2>",
			`href="https://www.digg.se/tdosanmalan"`,
			"<h2>How we tested the website</h2>",
			"This statement was last updated on Saturday 21 November 2026.",
			`<a href="/?lang=en">tell us in the feedback form</a>`,
		},
	}
	for lang, parts := range want {
		r := e.get("/tillganglighet?lang=" + lang)
		require.Equal(t, http.StatusOK, r.code)
		for _, p := range parts {
			assert.Contains(t, r.body, p, lang)
		}
	}
	// Every page links to the statement.
	for _, path := range []string{"/", "/staff/login", "/finns-inte"} {
		assert.Contains(t, e.get(path).body, `<a href="/tillganglighet">Tillgänglighetsredogörelse</a>`, path)
	}
}
