package webui

import (
	"github.com/kommunkit/kommunkit/feedback/formtext"
	"github.com/kommunkit/kommunkit/lang"
)

// Messages returns every fixed text of the pages, by key, with the texts
// of the feedback form the page shows (package formtext) and the names of
// the kinds ("kind:praise") and of the languages ("language:fi"), for the
// tests of package webui_test.
func Messages() map[string]lang.Text {
	out := make(map[string]lang.Text, len(messages)+len(kindNames)+len(languageNames))
	for k, m := range messages {
		out[k] = m
	}
	for _, k := range formtext.Keys(formtext.Page) {
		out[k], _ = formtext.Text(k)
	}
	for k, m := range kindNames {
		out["kind:"+string(k)] = m
	}
	for k, m := range languageNames {
		out["language:"+string(k)] = m
	}
	return out
}
