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
