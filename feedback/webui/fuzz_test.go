package webui_test

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/feedback/webui"
	"github.com/kommunkit/kommunkit/servicerules"
)

// FuzzPlainForm posts arbitrary field values to the plain form and checks
// that the handler never fails inside, answers only the codes the form
// has, and never shows markup it was sent.
func FuzzPlainForm(f *testing.F) {
	f.Add("Tack för hjälpen!", "Anna", "anna@example.se", "070-123 45 67", "")
	f.Add(`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, "x@y", "+46 (0)70", "")
	f.Add("\x00\u202e", "\xff\xfe", strings.Repeat("a", 300)+"@example.se", "00000000000000000", "spam")
	f.Add("", "", "", "", "")

	p, err := servicerules.Preset("nykvarn")
	if err != nil {
		f.Fatal(err)
	}
	db, err := sqlstore.OpenSQLite(filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	st, err := sqlstore.Open(context.Background(), db, sqlstore.Config{Calendar: p.Calendar()})
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

	f.Fuzz(func(t *testing.T, text, name, email, phone, website string) {
		form := url.Values{
			"idempotency_key": {uuid.NewString()},
			"form_stamp":      {httpapi.FormStamp(formKey, now.Add(-time.Minute))},
			"text":            {text},
			"name":            {name},
			"email":           {email},
			"phone":           {phone},
			"website":         {website},
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
		for _, v := range []string{text, name, email, phone, website} {
			if strings.ContainsAny(v, "<>") && strings.Contains(body, v) {
				t.Fatalf("markup %q shown as sent", v)
			}
		}
		assertStrictCSP(t, body)
	})
}
