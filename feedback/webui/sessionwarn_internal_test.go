package webui

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSessionWarningMessagesExist(t *testing.T) {
	for _, key := range []string{
		"login.idle", "login.ended", "login.draft",
		"session.idle.title", "session.idle.text", "session.extend",
		"session.absolute.title", "session.absolute.text", "session.ok",
		"session.ended.title", "session.ended.text", "session.signin", "session.resume",
		"session.failed", "session.notyet", "session.back", "session.extended",
	} {
		m, ok := messages[key]
		if assert.True(t, ok, key) {
			for lang, s := range map[string]string{"sv": m.sv, "fi": m.fi, "en": m.en} {
				assert.NotEmpty(t, s, "%s %s", key, lang)
			}
		}
	}
	// The clock goes into the texts that name the end.
	for _, key := range []string{"session.idle.text", "session.absolute.text"} {
		for _, lang := range pageLangs {
			assert.Contains(t, msg(lang, key), "%s", "%s %s", key, lang)
		}
	}
}
