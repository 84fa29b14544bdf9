package webui_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/lang"
)

func (e *env) count() int {
	e.t.Helper()
	cases, err := e.store.List(context.Background(), feedback.CaseFilter{})
	require.NoError(e.t, err)
	return len(cases)
}

func TestHomePageHasWidgetWithPlainFormInside(t *testing.T) {
	e := newEnv(t)
	r := e.get("/")
	require.Equal(t, http.StatusOK, r.code)
	assertStrictCSP(t, r.body)
	els := parseHTML(t, r.body)

	var widget, script, form bool
	inWidget := false
	for _, el := range els {
		switch el.name {
		case "synpunkt-widget":
			widget = true
			inWidget = true
			assert.Equal(t, "/api", el.attrs["endpoint"])
			assert.Equal(t, "sv", el.attrs["lang"])
			assert.Equal(t, "2", el.attrs["heading-level"], "the page has an h1 above it")
			assert.Equal(t, "/arende/{token}", el.attrs["status-url"], "the receipt links to the status page")
		case "script":
			if el.attrs["src"] == "/widget/synpunkt.js" {
				script = el.attrs["type"] == "module"
			}
		case "form":
			if el.attrs["action"] == "/synpunkt" {
				form = inWidget
				assert.Equal(t, "post", el.attrs["method"])
			}
		}
	}
	assert.True(t, widget, "the widget element")
	assert.True(t, script, "the widget's module script")
	assert.True(t, form, "the plain form is the widget's fallback content")

	// Every control has a label.
	labels := map[string]bool{}
	for _, el := range els {
		if el.name == "label" {
			labels[el.attrs["for"]] = true
		}
	}
	for _, el := range els {
		if (el.name == "input" && el.attrs["type"] != "hidden") || el.name == "textarea" || el.name == "select" {
			assert.True(t, labels[el.attrs["id"]], "control %q has a label", el.attrs["name"])
		}
	}
	// The due date comes from the policy: Nykvarn answers in 1 working day.
	assert.Contains(t, r.body, "onsdag 11 mars 2026 kl. 16:30")

	r = e.get("/?lang=en")
	assert.Contains(t, r.body, `<synpunkt-widget endpoint="/api" lang="en" heading-level="2" status-url="/arende/{token}?lang=en">`)
	assert.Contains(t, r.body, "Wednesday 11 March 2026 at 16:30")
}

func TestPlainFormWorksWithoutJavaScriptAndIsIdempotent(t *testing.T) {
	e := newEnv(t)
	r, v := e.sendForm("sv", map[string]string{"text": "Gatlyktan vid skolan har varit släckt i en vecka. Kan ni laga den?", "email": "per@example.se"})
	require.Equal(t, http.StatusCreated, r.code, r.body)
	assertStrictCSP(t, r.body)
	assert.Contains(t, r.body, "Tack! Vi har tagit emot ditt meddelande")
	m := tokenRe.FindStringSubmatch(r.body)
	require.NotNil(t, m)
	token := m[1]
	assert.Contains(t, r.body, `>/arende/`+token+`</a>`, "without Config.PublicURL, the link to keep is relative")
	assert.Equal(t, "/arende/"+token, r.header.Get("Location"))
	assert.Equal(t, 1, e.count())

	c := e.caseByToken(token)
	assert.Equal(t, "web", string(c.Channel))
	assert.Equal(t, lang.Swedish, c.Language)
	assert.Equal(t, v.Get("idempotency_key"), c.IdempotencyKey)
	require.NotNil(t, c.Contact)
	assert.Equal(t, "per@example.se", c.Contact.Email)
	if due := c.Receipt(e.policy).Due; due != nil {
		assert.Contains(t, r.body, "Du får svar senast")
	}

	// The same form sent again (a double click, a reload): same case, same
	// receipt, nothing stored twice.
	e.clock.Advance(time.Minute)
	r2 := e.post("/synpunkt", v)
	require.Equal(t, http.StatusOK, r2.code, r2.body)
	assert.Contains(t, r2.body, "/arende/"+token)
	assert.Contains(t, r2.body, "Det här meddelandet hade vi redan tagit emot")
	assert.Equal(t, 1, e.count())

	// The form sent again with other content (the back button) is not a
	// retry: the key alone gives out nothing of the stored case. The page
	// comes back with a new key and the text, ready to send as a new
	// message.
	v.Set("text", "Ändrad text i en omsändning")
	r3 := e.post("/synpunkt", v)
	require.Equal(t, http.StatusConflict, r3.code, r3.body)
	assert.NotContains(t, r3.body, token)
	assert.Contains(t, r3.body, "Du har redan skickat ett annat meddelande")
	assert.Contains(t, r3.body, "Ändrad text i en omsändning")
	assert.NotContains(t, r3.body, `value="`+v.Get("idempotency_key")+`"`)
	assert.Equal(t, 1, e.count())
	assert.Equal(t, "Gatlyktan vid skolan har varit släckt i en vecka. Kan ni laga den?", e.caseByToken(token).Text)

	// A retry with a forged stamp is refused as a first submission is,
	// before any stored case is looked up.
	v.Set("text", "Gatlyktan vid skolan har varit släckt i en vecka. Kan ni laga den?")
	v.Set("form_stamp", "1700000000.AAAAAAAAAAAAAAAA.AAAA")
	r4 := e.post("/synpunkt", v)
	require.Equal(t, http.StatusBadRequest, r4.code, r4.body)
	assert.NotContains(t, r4.body, token)

	// The citizen's page shows the status.
	r = e.get("/arende/" + token)
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, "Mottaget")
}

func TestPlainFormInEnglish(t *testing.T) {
	e := newEnv(t)
	r, _ := e.sendFormIn(lang.English, "The new library opening hours are great, thank you!", "kim@example.com")
	assert.Contains(t, r.body, "Thank you! We have received your message")
}

func TestPlainFormShowsErrorsWithLinksToFields(t *testing.T) {
	e := newEnv(t)
	r, v := e.sendForm("sv", map[string]string{"text": "   ", "email": "inte-en-adress", "phone": "12"})
	require.Equal(t, http.StatusBadRequest, r.code)
	assertStrictCSP(t, r.body)
	assert.Contains(t, r.body, `class="error-summary"`)
	assert.Contains(t, r.body, "Det finns 3 fel i formuläret")
	for _, id := range []string{"f-text", "f-email", "f-phone"} {
		assert.Contains(t, r.body, `href="#`+id+`"`, id)
		assert.Contains(t, r.body, `id="`+id+`-error"`, id)
	}
	assert.Contains(t, r.body, `value="inte-en-adress"`, "what the person typed is kept")
	assert.Contains(t, r.body, `name="idempotency_key" value="`+v.Get("idempotency_key")+`"`, "the same key")
	assert.NotContains(t, r.body, "<synpunkt-widget", "the plain form alone, not hidden behind the widget")
	assert.Equal(t, 0, e.count())

	r = e.post("/synpunkt", mergeValues(v, url.Values{"lang": {"en"}}))
	assert.Contains(t, r.body, "There are 3 errors in the form")
}

func mergeValues(a, b url.Values) url.Values {
	out := url.Values{}
	for k, vs := range a {
		out[k] = append([]string(nil), vs...)
	}
	for k, vs := range b {
		out[k] = vs
	}
	return out
}

func TestPlainFormAbuseChecks(t *testing.T) {
	e := newEnv(t)
	base := func() url.Values {
		v := e.formValues("sv")
		v.Set("text", "Bra jobbat med parken!")
		return v
	}

	// Sent less than two seconds after the page was made.
	v := base()
	r := e.post("/synpunkt", v)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Formuläret skickades för snabbt")
	assert.Contains(t, r.body, "Bra jobbat med parken!", "the text is kept")
	// A moment later the same form goes through.
	e.clock.Advance(3 * time.Second)
	assert.Equal(t, http.StatusCreated, e.post("/synpunkt", v).code)

	// The honeypot.
	v = base()
	e.clock.Advance(3 * time.Second)
	v.Set("website", "http://spam.example")
	r = e.post("/synpunkt", v)
	assert.Equal(t, http.StatusBadRequest, r.code)

	// A stamp older than 24 hours.
	v = base()
	e.clock.Advance(25 * time.Hour)
	r = e.post("/synpunkt", v)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, "Formuläret var för gammalt")

	// A forged or missing stamp.
	for _, stamp := range []string{"", "123", "1773129605.AAAA", strings.Repeat("x", 80)} {
		v = base()
		e.clock.Advance(3 * time.Second)
		v.Set("form_stamp", stamp)
		r = e.post("/synpunkt", v)
		assert.Equal(t, http.StatusBadRequest, r.code, stamp)
		assert.Contains(t, r.body, "Formuläret kunde inte kontrolleras", stamp)
	}

	// A missing or broken idempotency key.
	v = base()
	e.clock.Advance(3 * time.Second)
	v.Set("idempotency_key", "not-a-uuid")
	r = e.post("/synpunkt", v)
	assert.Equal(t, http.StatusBadRequest, r.code)
	assert.NotContains(t, r.body, "not-a-uuid")

	assert.Equal(t, 1, e.count(), "only the form that waited was stored")
}

func TestStampsOfTheAPIAreAccepted(t *testing.T) {
	e := newEnv(t)
	v := e.formValues("sv")
	v.Set("form_stamp", httpapi.FormStamp(formKey, e.clock.Now().Add(-time.Minute)))
	v.Set("text", "Tack för snabb hjälp i receptionen!")
	r := e.post("/synpunkt", v)
	assert.Equal(t, http.StatusCreated, r.code, r.body)

	v = e.formValues("sv")
	v.Set("form_stamp", httpapi.FormStamp([]byte("another key, another site......"), e.clock.Now().Add(-time.Minute)))
	v.Set("text", "Tack!")
	assert.Equal(t, http.StatusBadRequest, e.post("/synpunkt", v).code)
}

// TestPlainFormSharesTheAPIRateLimit: the form is taken in by the API's
// Handler (Config.API), and a client over the API's rate limit gets 429
// from the form too, with nothing stored.
func TestPlainFormSharesTheAPIRateLimit(t *testing.T) {
	e := newEnv(t)
	api, err := httpapi.New(httpapi.Config{Store: e.store, Policy: e.policy, StaffToken: staffToken, StampKey: formKey,
		RateLimit: 2, Now: e.clock.Now})
	require.NoError(t, err)
	h, err := newHandlerWithAPI(e, api)
	require.NoError(t, err)
	form := func() url.Values {
		v := e.formValues("sv")
		v.Set("form_stamp", api.FormStamp(e.clock.Now().Add(-time.Minute)))
		v.Set("text", "Hej, tack för hjälpen!")
		return v
	}
	w := postTo(h, "/synpunkt", form())
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	// The same client (httptest's 192.0.2.1) asks the API once: the limit
	// of two is used up.
	rec := httptest.NewRecorder()
	api.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/policy", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	w = postTo(h, "/synpunkt", form())
	assert.Equal(t, http.StatusTooManyRequests, w.Code)
	assert.Equal(t, "60", w.Header().Get("Retry-After"))
	assert.Equal(t, 1, e.count())
}

func TestBodyOverLimitIsRefused(t *testing.T) {
	e := newEnv(t)
	v := e.formValues("sv")
	e.clock.Advance(3 * time.Second)
	v.Set("text", strings.Repeat("a", 70<<10))
	// Straight to the handler: over a connection, the server's half-second
	// wait before closing one it has not read to the end would slow the test.
	h, err := newHandlerWithAPI(e, nil)
	require.NoError(t, err)
	w := postTo(h, "/synpunkt", v)
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	assert.Contains(t, w.Body.String(), "Meddelandet är för stort")
	assert.Equal(t, 0, e.count())
}

func TestCitizenPageShowsOnlyStatusAndReply(t *testing.T) {
	e := newEnv(t)
	_, token := e.submit("Personalen i receptionen var otrevlig mot mig. Mitt personnummer är 811218-9876.", "Lisa Svensson", "lisa@example.se", "070-123 45 67")
	r := e.get("/arende/" + token)
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, "same-origin", r.header.Get("Referrer-Policy"))
	assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
	for _, secret := range []string{"otrevlig", "811218", "Lisa", "lisa@example.se", "070-123", e.caseByToken(token).ID.String()} {
		assert.NotContains(t, r.body, secret)
	}

	for _, path := range []string{
		"/arende/" + uuid.NewString(),
		"/arende/" + e.caseByToken(token).ID.String(), // the case ID is not the token
		"/arende/not-a-token",
		"/arende/" + strings.ToUpper(token) + "x",
	} {
		r := e.get(path)
		assert.Equal(t, http.StatusNotFound, r.code, path)
		assert.Contains(t, r.body, "Vi hittar inget ärende med den länken")
		assertStrictCSP(t, r.body)
	}
}

func TestUnknownPathIs404AndAssetsAreServed(t *testing.T) {
	e := newEnv(t)
	r := e.get("/finns-inte")
	assert.Equal(t, http.StatusNotFound, r.code)
	assert.Contains(t, r.body, "Sidan finns inte")
	assertStrictCSP(t, r.body)

	home := e.get("/")
	m := regexp.MustCompile(`href="(/assets/site\.css\?v=[0-9a-f]{12})"`).FindStringSubmatch(home.body)
	require.NotNil(t, m, "the stylesheet's URL carries its content hash")
	r = e.get(m[1])
	require.Equal(t, http.StatusOK, r.code)
	assert.Equal(t, "public, max-age=31536000, immutable", r.header.Get("Cache-Control"))
	assert.Equal(t, "no-cache", e.get("/assets/site.css?v=old").header.Get("Cache-Control"))
	r = e.get("/assets/site.css")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.header.Get("Content-Type"), "text/css")
	assert.Contains(t, r.body, ":focus-visible")

	assert.Equal(t, http.StatusNotFound, e.get("/assets/").code, "no listing")
	assert.Equal(t, http.StatusNotFound, e.get("/assets/nope.js").code)
	r = e.get("/assets/plaincheck.js")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.header.Get("Content-Type"), "javascript")
	for _, sink := range []string{".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		assert.NotContains(t, r.body, sink)
	}
}
