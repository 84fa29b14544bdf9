package formtext

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/kommunkit/kommunkit/lang"
)

// verb matches the fmt verbs a text may hold; the widget's format
// (wasm/loader/dom.js) knows these and no others.
var verb = regexp.MustCompile(`%(\[[1-9]\])?[sd]`)

// TestEveryTextIsInEveryLanguage: no key lacks a language; Finnish is its
// own text, not a copy; each translation takes the arguments of the
// Swedish text; and every verb is one the widget fills in.
func TestEveryTextIsInEveryLanguage(t *testing.T) {
	if len(texts) < 50 {
		t.Fatalf("%d texts; the form has more", len(texts))
	}
	for key, e := range texts {
		if e.on == 0 || e.on&^Both != 0 {
			t.Errorf("%s: shown on %b, neither the page nor the widget", key, e.on)
		}
		for l, s := range map[lang.Lang]string{lang.Swedish: e.text.Sv, lang.Finnish: e.text.Fi, lang.English: e.text.En} {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: no %s text", key, l)
			}
			if strings.Count(s, "%") != len(verb.FindAllString(s, -1)) {
				t.Errorf("%s (%s): %q holds a verb other than %%s, %%d, %%[n]s, %%[n]d", key, l, s)
			}
		}
		if e.text.Fi == e.text.Sv || e.text.Fi == e.text.En {
			t.Errorf("%s: the Finnish text %q is a copy of another language", key, e.text.Fi)
		}
		args := sampleArgs(e.text.Sv)
		for _, l := range []lang.Lang{lang.Finnish, lang.English} {
			if out := fmt.Sprintf(e.text.In(l), args...); strings.Contains(out, "%!") {
				t.Errorf("%s (%s): %q does not take the arguments of %q", key, l, e.text.In(l), e.text.Sv)
			}
		}
	}
}

// sampleArgs returns an argument for each verb of a Swedish text: a string
// for %s, a number for %d.
func sampleArgs(format string) []any {
	var args []any
	for _, v := range verb.FindAllString(format, -1) {
		if strings.HasSuffix(v, "d") {
			args = append(args, 7)
		} else {
			args = append(args, "X")
		}
	}
	return args
}

// TestFinnishSaysMoite: a complaint is "moite" in Finnish; "valitus" is an
// appeal of a decision.
func TestFinnishSaysMoite(t *testing.T) {
	for _, key := range []string{"kind.complaint", "guide.complaint", "form.intro"} {
		if fi := texts[key].text.Fi; !strings.Contains(strings.ToLower(fi), "moit") {
			t.Errorf("%s: %q does not call a complaint moite", key, fi)
		}
	}
	for key, e := range texts {
		if strings.Contains(strings.ToLower(e.text.Fi), "valitu") && !strings.Contains(key, "appeal") {
			t.Errorf("%s: %q says valitus (an appeal) where the key is not about an appeal", key, e.text.Fi)
		}
	}
}

func TestKeys(t *testing.T) {
	page, widget, both := Keys(Page), Keys(Widget), Keys(Both)
	if len(both) != len(texts) {
		t.Errorf("Keys(Both) has %d keys; there are %d texts", len(both), len(texts))
	}
	for _, tc := range []struct {
		keys        []string
		has, hasNot string
	}{
		{page, "form.stamp.old", "wait.title"},
		{widget, "wait.title", "form.stamp.old"},
		{page, "form.email", ""},
		{widget, "form.email", ""},
	} {
		found := map[string]bool{}
		for i, k := range tc.keys {
			found[k] = true
			if i > 0 && tc.keys[i-1] >= k {
				t.Errorf("keys not sorted at %q", k)
			}
		}
		if !found[tc.has] || (tc.hasNot != "" && found[tc.hasNot]) {
			t.Errorf("keys: want %q and not %q", tc.has, tc.hasNot)
		}
	}
}

func TestFieldError(t *testing.T) {
	got, ok := FieldError("contact.email", "invalid")
	if !ok || !strings.Contains(got.In(lang.Swedish), "namn@exempel.se") {
		t.Errorf("FieldError(contact.email, invalid) = %q, %v", got.In(lang.Swedish), ok)
	}
	if _, ok := FieldError("contact.email", "control_characters"); ok {
		t.Error("the form has no words of its own for control characters in an e-mail address")
	}
}
