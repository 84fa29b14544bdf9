package webui_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/feedback/memstore"
	"github.com/kommunkit/kommunkit/feedback/webui"
	"github.com/kommunkit/kommunkit/servicerules"
)

// opensTag matches text that a browser would read as the start of a tag.
var opensTag = regexp.MustCompile(`<[a-zA-Z/!?]`)

// FuzzPlainForm posts arbitrary field values to the plain form, in any
// language, and checks that the handler never fails inside, answers only
// the codes the form has, renders the page in Swedish, Finnish or English,
// and never shows markup it was sent.
func FuzzPlainForm(f *testing.F) {
	f.Add("Tack för hjälpen!", "Anna", "anna@example.se", "070-123 45 67", "", "sv")
	f.Add("Kiitos avusta!", "Matti", "matti@example.fi", "040 123 4567", "", "fi")
	f.Add(`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, "x@y", "+46 (0)70", "", "en")
	f.Add("\x00\u202e", "\xff\xfe", strings.Repeat("a", 300)+"@example.se", "00000000000000000", "spam", `fi"><x`)
	f.Add("", "", "", "", "", "")

	p, err := servicerules.Preset("nykvarn")
	if err != nil {
		f.Fatal(err)
	}
	st, err := memstore.New(memstore.Config{Calendar: p.Calendar()})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	internal := false
	h, err := webui.New(webui.Config{
		Store: st, Policy: p, StaffToken: staffToken, FormKey: formKey,
		Now:      func() time.Time { return now },
		ErrorLog: func(error) { internal = true },
	})
	if err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, text, name, email, phone, website, lang string) {
		form := url.Values{
			"idempotency_key": {uuid.NewString()},
			"form_stamp":      {httpapi.FormStamp(formKey, now.Add(-time.Minute))},
			"text":            {text},
			"name":            {name},
			"email":           {email},
			"phone":           {phone},
			"website":         {website},
			"lang":            {lang},
		}
		w := postTo(h, "/synpunkt", form)
		switch w.Code {
		case http.StatusCreated, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d", w.Code)
		}
		if internal {
			t.Fatal("internal error")
		}
		body := w.Body.String()
		want := "sv"
		if l := strings.ToLower(strings.TrimSpace(lang)); l == "fi" || l == "en" {
			want = l
		}
		if w.Code != http.StatusRequestEntityTooLarge && !strings.Contains(body, `<html lang="`+want+`">`) {
			t.Fatalf("lang %q: the page is not in %s", lang, want)
		}
		// A value that can open a tag must not come back as it was sent.
		// (Short ones, such as ">" or "<p", are in the page's own markup
		// anyway; assertStrictCSP checks that nothing sent can run.)
		for _, v := range []string{text, name, email, phone, website} {
			if opensTag.MatchString(v) && len(v) >= 12 && strings.Contains(body, v) {
				t.Fatalf("markup %q shown as sent", v)
			}
		}
		assertStrictCSP(t, body)
	})
}
