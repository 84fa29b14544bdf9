package webui

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kommunkit/kommunkit/lang"
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
			for l, s := range map[lang.Lang]string{lang.Swedish: m.Sv, lang.Finnish: m.Fi, lang.English: m.En} {
				assert.NotEmpty(t, s, "%s %s", key, l)
			}
		}
	}
	// The clock goes into the texts that name the end.
	for _, key := range []string{"session.idle.text", "session.absolute.text"} {
		for _, l := range lang.All() {
			assert.Contains(t, msg(l, key), "%s", "%s %s", key, l)
		}
	}
}
