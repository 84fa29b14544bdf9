package webui_test

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/plain"
	"github.com/kommunkit/kommunkit/feedback/webui"
	"github.com/kommunkit/kommunkit/lang"
)

// langs are the languages of the pages, in the order of the switch.
var langs = []string{"sv", "fi", "en"}

// inLang returns path in lang: with lang=fi or lang=en, or as it is for
// Swedish.
func inLang(path, lang string) string {
	if lang == "sv" {
		return path
	}
	return withQuery(path, "lang="+lang)
}

// pageText is what a person reads on a page: its language, and its text
// nodes and labelling attributes, split by the language they are marked as.
type pageText struct {
	lang  string              // the lang of <html>
	texts map[string][]string // by the lang in force where the text is
}

// own returns the texts in the page's own language.
func (p pageText) own() []string { return p.texts[p.lang] }

// readText reads the text of a page, following lang attributes down the
// element tree. Whitespace is collapsed; script contents are skipped.
func readText(t *testing.T, body string) pageText {
	t.Helper()
	type open struct{ name, lang string }
	var stack []open
	p := pageText{texts: map[string][]string{}}
	add := func(lang, s string) {
		s = strings.Join(strings.Fields(s), " ")
		if s != "" {
			p.texts[lang] = append(p.texts[lang], s)
		}
	}
	htmlTokens(t, body, func(tok xml.Token) {
		switch tk := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(tk.Name.Local)
			lang := ""
			if len(stack) > 0 {
				lang = stack[len(stack)-1].lang
			}
			for _, a := range tk.Attr {
				if strings.EqualFold(a.Name.Local, "lang") && a.Name.Space == "" {
					lang = a.Value
				}
			}
			if name == "html" {
				p.lang = lang
			}
			for _, a := range tk.Attr {
				switch strings.ToLower(a.Name.Local) {
				case "aria-label", "title", "alt", "placeholder":
					add(lang, a.Value)
				}
			}
			stack = append(stack, open{name, lang})
		case xml.EndElement:
			name := strings.ToLower(tk.Name.Local)
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name == name {
					stack = stack[:i]
					break
				}
			}
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1].name != "script" && stack[len(stack)-1].name != "style" {
				add(stack[len(stack)-1].lang, string(tk))
			}
		}
	})
	return p
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// sharedTerms are words the same in Finnish and in one other language.
var sharedTerms = map[string]bool{
	"chat": true, "Chat": true, // the channel: "chatt" in Swedish
}

// assertNoOtherLanguage asserts that the Finnish rendering of a page has no
// text that the Swedish or the English rendering has and the other does not
// (a text in all three is a name or data, such as the municipality or a
// message a person wrote), and no fixed text of the pages that is Swedish
// or English only. Parts marked with another lang are not counted.
func assertNoOtherLanguage(t *testing.T, sv, fi, en string) {
	t.Helper()
	svText, fiText, enText := readText(t, sv), readText(t, fi), readText(t, en)
	require.Equal(t, "sv", svText.lang)
	require.Equal(t, "fi", fiText.lang)
	require.Equal(t, "en", enText.lang)
	set := func(ss []string) map[string]bool {
		m := map[string]bool{}
		for _, s := range ss {
			m[s] = true
		}
		return m
	}
	inSV, inEN := set(svText.own()), set(enText.own())
	for _, s := range fiText.own() {
		if !hasLetter(s) || sharedTerms[s] {
			continue
		}
		assert.False(t, inSV[s] && !inEN[s], "Swedish text on the Finnish page: %q", s)
		assert.False(t, inEN[s] && !inSV[s], "English text on the Finnish page: %q", s)
	}

	// The fixed texts that are Swedish or English only: a Finnish text
	// node is never one of them, nor contains one that has several words.
	finnish := map[string]bool{}
	foreign := map[string]bool{}
	for _, m := range webui.Messages() {
		for _, part := range strings.FieldsFunc(m.Fi, isVerbSplit) {
			finnish[strings.TrimSpace(part)] = true
		}
		for _, s := range []string{m.Sv, m.En} {
			for _, part := range verbParts(s) {
				foreign[part] = true
			}
		}
	}
	// Quotations (”så snart som möjligt” in the advice on a Swedish
	// draft) are not the page's language.
	whole := quoted.ReplaceAllString(strings.Join(fiText.own(), "\n"), "”…”")
	for s := range foreign {
		if finnish[s] || !hasLetter(s) || sharedTerms[s] {
			continue
		}
		if strings.Contains(s, " ") && len([]rune(s)) >= 8 {
			assert.NotContains(t, whole, s, "a Swedish or English text on the Finnish page")
			continue
		}
		for _, node := range fiText.own() {
			assert.NotEqual(t, s, node, "a Swedish or English text on the Finnish page")
		}
	}
	// No message key shows instead of its text.
	for key := range webui.Messages() {
		if !strings.Contains(key, ":") {
			assert.NotContains(t, fiText.own(), key, "a message key on the page")
		}
	}
}

// quoted matches a quotation in Finnish quotation marks.
var quoted = regexp.MustCompile(`”[^”\n]*”`)

// isVerbSplit splits a message at its format verbs' percent signs.
func isVerbSplit(r rune) bool { return r == '%' }

// verbParts returns the fixed parts of a message between its format verbs
// ("Det finns %d fel i formuläret" → "Det finns", "fel i formuläret").
func verbParts(s string) []string {
	var out []string
	for i, part := range strings.Split(s, "%") {
		if i > 0 {
			// Drop the verb: "s", "d", or "[2]s".
			if j := strings.IndexAny(part, "sd"); j >= 0 && j <= 3 {
				part = part[j+1:]
			}
		}
		part = strings.Trim(part, " .:,()")
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

func TestEveryPageRendersInFinnish(t *testing.T) {
	e := newEnv(t)
	followUpFixture(t, e)
	_, token := e.submit("Varför har biblioteket stängt på lördagar?", "Anna", "anna@example.se", "")
	answered := e.caseByToken(token).ID.String()
	r := e.change(answered, url.Values{"to": {"interim_sent"}, "text": {"Kultur svarar dig på fredag."}, "action": {"apply"}})
	require.Equal(t, http.StatusSeeOther, r.code, r.body)
	r = e.change(answered, url.Values{"to": {"answered"}, "text": {"Vi återkommer snarast avseende Er fråga fr.o.m. måndag."}, "action": {"apply"}})
	require.Equal(t, http.StatusSeeOther, r.code, r.body)
	_, fresh := e.submit("Snön är inte bortplogad på Storgatan, jag kommer inte ut.", "", "b@example.se", "")
	open := e.caseByToken(fresh).ID.String()

	pages := []struct {
		path string
		code int
		fi   string // a text the Finnish page shows
	}{
		{"/", http.StatusOK, "Anna palautetta: Exempelby kommun"},
		{"/tillganglighet", http.StatusOK, "<h1>Saavutettavuusseloste</h1>"},
		{"/arende/" + token, http.StatusOK, "<h2>Tieto kunnalta</h2>"},
		{"/arende/00000000-0000-4000-8000-000000000000", http.StatusNotFound, "Emme löydä asiaa tällä linkillä"},
		{"/finns-inte", http.StatusNotFound, "Sivua ei löydy"},
		{"/staff", http.StatusOK, "<h1>Saapuneet</h1>"},
		{"/staff?overdue=1&kind=complaint", http.StatusOK, "Vain myöhässä olevat"},
		{"/staff/case/" + answered, http.StatusOK, "Selkeä kieli lähetetyssä vastauksessa"},
		{"/staff/case/" + open, http.StatusOK, "Lähetä väliaikainen vastaus: kuka vastaa ja milloin"},
		{"/staff/case/" + open + "?done=registered", http.StatusOK, "Muutos on tallennettu"},
		{"/staff/uppfoljning?from=2026-03-01&to=2026-03-31", http.StatusOK, "Ajallaan vastattujen osuus kanavittain"},
		{"/staff/uppfoljning?from=2026-03-31&to=2026-03-01", http.StatusBadRequest, "Kirjoita päivämäärät muodossa 2026-01-31."},
	}
	for _, pg := range pages {
		t.Run(pg.path, func(t *testing.T) {
			bodies := map[string]string{}
			for _, lang := range langs {
				r := e.get(inLang(pg.path, lang))
				require.Equal(t, pg.code, r.code, r.body)
				bodies[lang] = r.body
			}
			fi := bodies["fi"]
			assert.Contains(t, fi, `<html lang="fi">`)
			assert.Contains(t, fi, pg.fi)
			assertStrictCSP(t, fi)
			assertNoOtherLanguage(t, bodies["sv"], fi, bodies["en"])
		})
	}
	// The case page with the interim reply and the answer.
	fi := e.get("/arende/" + token + "?lang=fi").body
	assert.Contains(t, fi, "<h2>Tieto kunnalta</h2>")
	assert.Contains(t, fi, `<p class="pre" lang="sv">Vi återkommer`, "the answer is marked with its language")
	assert.Contains(t, fi, "<dd>Vastattu</dd>", "the status in Finnish")
}

func TestFormsRenderInFinnish(t *testing.T) {
	e := newEnv(t)
	posts := []struct {
		name string
		do   func(lang string) response
		code int
		fi   string
	}{
		{"receipt", func(lang string) response {
			r, _ := e.sendForm(lang, map[string]string{"text": "Tack för den fina nya lekplatsen i parken!", "email": "anna@example.se"})
			return r
		}, http.StatusCreated, "Kiitos! Olemme saaneet viestisi"},
		{"anonymous receipt", func(lang string) response {
			r, _ := e.sendForm(lang, map[string]string{"text": "Jag vill överklaga beslutet om bygglov som jag fick i går."})
			return r
		}, http.StatusCreated, "Viimeinen valituspäivä"},
		{"errors", func(lang string) response {
			r, _ := e.sendForm(lang, map[string]string{"text": " ", "email": "inte-en-adress", "phone": "12"})
			return r
		}, http.StatusBadRequest, "Lomakkeessa on 3 virhettä"},
		{"too fast", func(lang string) response {
			v := e.formValues(lang)
			v.Set("text", "Hej")
			return e.post("/synpunkt", v)
		}, http.StatusBadRequest, "Lomake lähetettiin liian nopeasti."},
		{"honeypot", func(lang string) response {
			r, _ := e.sendForm(lang, map[string]string{"text": "Hej", "website": "http://spam.example"})
			return r
		}, http.StatusBadRequest, "Viestiä ei voitu ottaa vastaan."},
		{"login page", func(lang string) response { return e.get(inLang("/staff/login", lang)) }, http.StatusOK, "Henkilöstön kirjautuminen"},
		{"wrong key", func(lang string) response {
			return e.post("/staff/login", url.Values{"token": {"wrong"}, "lang": {lang}})
		}, http.StatusUnauthorized, "Väärä avain. Yritä uudelleen."},
		{"logged out", func(lang string) response { return e.get(inLang("/staff/login?out=1", lang)) }, http.StatusOK, "Olet kirjautunut ulos."},
	}
	for _, p := range posts {
		t.Run(p.name, func(t *testing.T) {
			bodies := map[string]string{}
			for _, lang := range langs {
				r := p.do(lang)
				require.Equal(t, p.code, r.code, r.body)
				bodies[lang] = r.body
			}
			assert.Contains(t, bodies["fi"], `<html lang="fi">`)
			assert.Contains(t, bodies["fi"], p.fi)
			assertStrictCSP(t, bodies["fi"])
			assertNoOtherLanguage(t, bodies["sv"], bodies["fi"], bodies["en"])
		})
	}
}

func TestPlainFormInFinnish(t *testing.T) {
	e := newEnv(t)
	r, c := e.sendFormIn(lang.Finnish, "Kiitos uudesta leikkipuistosta! Se on lasten mielestä tosi hieno.", "matti@example.fi")
	// The receipt is the library's, in Finnish, marked as Finnish.
	rc := c.Receipt(e.policy)
	require.Equal(t, lang.Finnish, rc.Language)
	assert.Contains(t, r.body, `<p lang="fi">`+html.EscapeString(rc.Message)+`</p>`)
	// The dates are Finnish: "keskiviikko 11. maaliskuuta 2026 klo 16.30".
	if rc.Due != nil {
		assert.Contains(t, r.body, "<strong>Saat vastauksen viimeistään keskiviikko 11. maaliskuuta 2026 klo 16.30.</strong>")
	}

	r = e.get("/arende/" + c.Token.String() + "?lang=fi")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "<dd>Vastaanotettu</dd>")
	assert.Contains(t, r.body, "<dd>keskiviikko 11. maaliskuuta 2026 klo 16.30</dd>")
}

func TestHomePageInFinnish(t *testing.T) {
	e := newEnv(t)
	r := e.get("/?lang=fi")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, `<synpunkt-widget endpoint="/api" lang="fi" heading-level="2" status-url="/arende/{token}?lang=fi">`)
	// Nykvarn answers in 1 working day: the due date and the rule in Finnish.
	assert.Contains(t, r.body, "Jos lähetät nyt, saat vastauksen viimeistään keskiviikko 11. maaliskuuta 2026 klo 16.30.")
	assert.Contains(t, r.body, "Kunnan sääntöjen mukaan vastausaika on 1 työpäivä.")
	assert.Contains(t, r.body, `<tr><th scope="row">Sähköposti</th><td>1 työpäivä</td></tr>`)
	assert.Contains(t, r.body, `<input type="hidden" name="lang" value="fi">`)
	for _, word := range []string{"kiitosta", "moitetta", "ehdotuksen", "kysymyksen", "Vikailmoitus", "Vahingonkorvausvaatimus", "valitus"} {
		assert.Contains(t, r.body, word)
	}
}

func TestLanguageSwitch(t *testing.T) {
	e := newEnv(t)
	_, token := e.submit("Tack för den fina nya lekplatsen i parken!", "", "a@example.se", "")
	id := e.caseByToken(token).ID.String()
	labels := map[string]string{"sv": "På svenska", "fi": "Suomeksi", "en": "In English"}
	check := func(t *testing.T, path string) {
		for _, lang := range langs {
			r := e.get(inLang(path, lang))
			require.Equal(t, http.StatusOK, r.code, "%s %s", path, lang)
			var got []string
			for _, el := range parseHTML(t, r.body) {
				if el.name != "a" || el.attrs["hreflang"] == "" || el.attrs["lang"] == "" {
					continue
				}
				to := el.attrs["hreflang"]
				got = append(got, to)
				assert.Equal(t, to, el.attrs["lang"], "the link is in the language it leads to")
				assert.Equal(t, inLang(path, to), el.attrs["href"], "%s from %s", to, lang)
				if to == lang {
					assert.Equal(t, "true", el.attrs["aria-current"], "the page's own language is marked")
				} else {
					assert.NotContains(t, el.attrs, "aria-current")
				}
			}
			assert.Equal(t, langs, got, "%s in %s", path, lang)
			for to, label := range labels {
				assert.Contains(t, r.body, `lang="`+to+`" hreflang="`+to+`"`)
				assert.Contains(t, r.body, ">"+label+"</a>")
			}
		}
	}
	for _, path := range []string{"/", "/tillganglighet", "/arende/" + token, "/staff/login"} {
		check(t, path)
	}
	e.login()
	for _, path := range []string{"/staff", "/staff/case/" + id, "/staff/uppfoljning"} {
		check(t, path)
	}
	// The switch keeps the rest of the query.
	r := e.get("/staff?status=received&lang=fi")
	assert.Contains(t, r.body, `<a href="/staff?lang=en&amp;status=received" lang="en" hreflang="en">In English</a>`)
	assert.Contains(t, r.body, `<a href="/staff?status=received" lang="sv" hreflang="sv">På svenska</a>`)
}

func TestFinnishAccessibilityStatement(t *testing.T) {
	e := newEnv(t)
	r := e.get("/tillganglighet?lang=fi")
	require.Equal(t, http.StatusOK, r.code)
	// The parts of a Finnish saavutettavuusseloste, in their order, with
	// the Swedish law and supervisor.
	parts := []string{
		"<h1>Saavutettavuusseloste</h1>",
		"Tämä saavutettavuusseloste koskee Exempelby kommun -demosivustoa.",
		`<span lang="sv">lagen (2018:1937) om tillgänglighet till digital offentlig service</span>`,
		"Seloste on päivitetty 21. marraskuuta 2026.",
		"<h2>Digipalvelun saavutettavuuden tila</h2>",
		"täyttää saavutettavuusvaatimukset osittain",
		`<h2 id="puutteet">Ei-saavutettava sisältö</h2>`,
		"<h3>Kohtuuton rasite</h3>",
		"<h3>Saavutettavuusvaatimusten soveltamisalaan kuulumaton sisältö</h3>",
		"<h2>Saavutettavuusselosteen laatiminen</h2>",
		"itsearvioon",
		"<h2>Palautetta saavutettavuudesta</h2>",
		`<a href="/?lang=fi">kerro siitä palautelomakkeella</a>`,
		"<h2>Valvontaviranomainen</h2>",
		`(<span lang="sv">Myndigheten för digital förvaltning</span>, DIGG)`,
		`<a href="https://www.digg.se/tdosanmalan" hreflang="sv">`,
	}
	at := 0
	for _, p := range parts {
		i := strings.Index(r.body[at:], p)
		if !assert.GreaterOrEqual(t, i, 0, "%q (in this order)", p) {
			continue
		}
		at += i + len(p)
	}
	assert.Contains(t, r.body, `<a href="#puutteet">Ei-saavutettava sisältö</a>`)
	assert.Contains(t, r.body, "<title>Saavutettavuusseloste – Exempelby kommun – Exempelby kommun</title>")
	// No page says any longer that the pages are not in Finnish.
	for _, lang := range langs {
		body := e.get(inLang("/tillganglighet", lang)).body
		assert.NotContains(t, body, "not yet")
		assert.NotContains(t, body, "inte ännu")
	}
	// Every page links to the statement by its Finnish name.
	for _, path := range []string{"/?lang=fi", "/staff/login?lang=fi", "/finns-inte?lang=fi"} {
		assert.Contains(t, e.get(path).body, `<a href="/tillganglighet?lang=fi">Saavutettavuusseloste</a>`, path)
	}
}

func TestFooterMarksThePolicyTitleAsSwedish(t *testing.T) {
	e := newEnv(t)
	src := e.policy.Source()
	require.NotEmpty(t, src.Title)
	title := html.EscapeString(src.Title)
	assert.Contains(t, e.get("/").body, "Svarstiderna kommer från "+html.EscapeString(src.Organisation)+": "+title+" (")
	assert.NotContains(t, e.get("/").body, `<span lang="sv">`+title)
	fi := e.get("/?lang=fi").body
	assert.Contains(t, fi, `Vastausajat perustuvat asiakirjaan <span lang="sv">`+title+`</span> (`+html.EscapeString(src.Organisation)+", ")
	assert.Contains(t, e.get("/?lang=en").body, `<span lang="sv">`+title+`</span>`)
}

func TestStaffWorkInFinnish(t *testing.T) {
	e := newEnv(t)
	id := e.submitCase("Hur ansöker jag om plats i förskolan?", "", "y@example.se")

	// Logging in and out keeps the language.
	r := e.get("/staff?lang=fi")
	require.Equal(t, http.StatusSeeOther, r.code)
	assert.Equal(t, "/staff/login?next=%2Fstaff%3Flang%3Dfi&lang=fi", r.header.Get("Location"))
	r = e.post("/staff/login", url.Values{"token": {staffToken}, "lang": {"fi"}})
	require.Equal(t, http.StatusSeeOther, r.code)
	assert.Equal(t, "/staff?lang=fi", r.header.Get("Location"))

	// The inbox marks each message with the language it was written in.
	assert.Contains(t, e.get("/staff?lang=fi").body, `?lang=fi" lang="sv">Hur ansöker jag om plats i förskolan?</a>`)

	// A change redirects to the case in Finnish, which says it is saved.
	page := e.get("/staff/case/" + id + "?lang=fi")
	require.Equal(t, http.StatusOK, page.code)
	r = e.post("/staff/case/"+id, url.Values{"csrf": {csrf(t, page.body)}, "to": {"registered"}, "diary_number": {"KS 2026/7"}, "lang": {"fi"}})
	require.Equal(t, http.StatusSeeOther, r.code, r.body)
	assert.Equal(t, "/staff/case/"+id+"?done=registered&lang=fi", r.header.Get("Location"))
	r = e.get(r.header.Get("Location"))
	assert.Contains(t, r.body, "Muutos on tallennettu: kirjattu.")
	assert.Contains(t, r.body, "<dd>Kirjattu</dd>")
	assert.Contains(t, r.body, "Diaarinumero: KS 2026/7")

	// Errors are in Finnish.
	r = e.post("/staff/case/"+id, url.Values{"csrf": {csrf(t, r.body)}, "to": {"answered"}, "text": {"  "}, "action": {"apply"}, "lang": {"fi"}})
	require.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Kirjoita vastaus ennen kuin lähetät sen.")
	r = e.post("/staff/case/"+id, url.Values{"csrf": {csrf(t, r.body)}, "to": {"interim_sent"}, "text": {"Svar kommer."}, "promised": {"i morgon"}, "action": {"apply"}, "lang": {"fi"}})
	require.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Kirjoita päivä ja kellonaika muodossa 2026-12-23 15:00.")

	// The plain-language check, without JavaScript and as JSON, in Finnish.
	draft := "Med anledning av Er förfrågan meddelas att ansökan avseende förskoleplats fr.o.m. augusti ska inkomma till BUN."
	rep := plain.Check(draft)
	require.NotEmpty(t, rep.Findings)
	r = e.post("/staff/case/"+id, url.Values{"csrf": {csrf(t, r.body)}, "to": {"answered"}, "text": {draft}, "action": {"check"}, "lang": {"fi"}})
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, rep.Verdict.Text().Fi)
	for _, f := range rep.Findings {
		assert.Contains(t, r.body, html.EscapeString(f.Advice.Fi))
	}
	body, err := json.Marshal(map[string]string{"text": draft, "lang": "fi"})
	require.NoError(t, err)
	r = e.postJSON("/staff/plaincheck", string(body), map[string]string{"X-CSRF-Token": csrf(t, r.body)})
	require.Equal(t, http.StatusOK, r.code, r.body)
	var out struct {
		Summary  string `json:"summary"`
		Findings []struct{ Label, Advice string }
	}
	require.NoError(t, json.Unmarshal([]byte(r.body), &out))
	assert.Contains(t, out.Summary, "Pisteet")
	require.Len(t, out.Findings, len(rep.Findings))
	assert.Equal(t, rep.Findings[0].Advice.Fi, out.Findings[0].Advice)

	// Logging out goes to the login page in Finnish.
	page = e.get("/staff?lang=fi")
	r = e.post("/staff/logout", url.Values{"csrf": {csrf(t, page.body)}, "lang": {"fi"}})
	require.Equal(t, http.StatusSeeOther, r.code)
	assert.Equal(t, "/staff/login?out=1&lang=fi", r.header.Get("Location"))
	assert.Contains(t, e.get(r.header.Get("Location")).body, "Olet kirjautunut ulos.")
}
