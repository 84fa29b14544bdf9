package webui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
)

// TestStaffFormsRefuseWhatTheAPIRefuses (issue 10, finding 9): the staff
// pages check a change with feedback.Transition.Validate, the check of the
// API: a text over 10,000 characters, and a NUL, C1 or bidirectional
// control in a text or a diary number, are refused with 400 and the
// message of the field, and nothing is stored. Before, the pages replaced
// NUL and C1 characters and stored the rest, RLO included.
func TestStaffFormsRefuseWhatTheAPIRefuses(t *testing.T) {
	e := newEnv(t)
	_, token := e.submit("Hur länge har biblioteket öppet på lördagar?", "", "anna@example.se", "")
	id := e.caseByToken(token).ID.String()
	e.login()

	bad := map[string]string{
		"over 10000": strings.Repeat("a", feedback.MaxReplyRunes+1),
		"RLO":        "Ditt ärende är \u202eklart",
		"NUL":        "Svar\x00et",
		"LRI":        "Svar \u2066x",
		"C1":         "Svar\u0085et",
	}
	for name, v := range bad {
		for _, tc := range []struct {
			what, control string
			form          url.Values
		}{
			{"reply", "a-answered-text", url.Values{"to": {"answered"}, "text": {v}, "action": {"apply"}}},
			{"interim", "a-interim_sent-text", url.Values{"to": {"interim_sent"}, "text": {v}, "action": {"apply"}}},
			{"waiting", "a-waiting-text", url.Values{"to": {"waiting"}, "text": {v}}},
			{"diary number", "a-registered-diary", url.Values{"to": {"registered"}, "diary_number": {v}}},
		} {
			if name == "over 10000" && tc.what == "diary number" {
				tc.form.Set("diary_number", strings.Repeat("a", feedback.MaxLabelRunes+1))
			}
			e.clock.Advance(time.Minute)
			r := e.change(id, tc.form)
			require.Equal(t, http.StatusBadRequest, r.code, "%s %s", tc.what, name)
			assert.True(t, strings.Contains(r.body, `href="#`+tc.control+`"`), "%s %s: the error links to %s", tc.what, name, tc.control)
			assertStrictCSP(t, r.body)
		}
	}
	r := e.change(id, url.Values{"to": {"answered"}, "text": {"Svar\u202e"}, "action": {"apply"}})
	assert.Contains(t, r.body, "Texten har ett osynligt styrtecken")
	r = e.change(id, url.Values{"to": {"answered"}, "text": {strings.Repeat("ö", feedback.MaxReplyRunes+1)}, "action": {"apply"}})
	assert.Contains(t, r.body, "Texten är för lång: 10001 tecken. Den får vara högst 10000 tecken.")
	r = e.change(id, url.Values{"to": {"interim_sent"}, "text": {"Vi svarar snart."}, "promised": {"9999-12-31T12:00"}})
	require.Equal(t, http.StatusBadRequest, r.code)
	assert.Contains(t, r.body, `href="#a-interim_sent-promised"`)
	assert.Contains(t, r.body, "Datumet måste ligga mellan 1900-01-01 och 2200-12-31.")

	c := e.status(id)
	assert.Equal(t, feedback.StatusReceived, c.Status, "nothing was stored")
	assert.Len(t, c.History, 1)
	assert.NotContains(t, e.get("/arende/"+token).body, "\u202e")

	// A good reply of many lines with å, ä and ö, exactly at the limit.
	reply := "Hej!\r\n\r\nBiblioteket har öppet 10–14 på lördagar.\r\nVänliga hälsningar"
	reply += strings.Repeat("ä", feedback.MaxReplyRunes-len([]rune(reply)))
	e.clock.Advance(time.Minute)
	r = e.change(id, url.Values{"to": {"answered"}, "text": {reply}, "action": {"apply"}})
	require.Equal(t, http.StatusSeeOther, r.code, "%s", r.body)
	assert.Equal(t, reply, e.status(id).ReplyText)
}

// TestFollowUpDatesOutOfRange (issue 10, finding 7): a date of the
// follow-up outside 1900-01-01 to 2200-12-31 is 400 on the dashboard and
// on the export, also when the period itself is short.
func TestFollowUpDatesOutOfRange(t *testing.T) {
	e := newEnv(t)
	e.login()
	for _, q := range []string{"from=9999-12-01&to=9999-12-31", "from=1899-12-01&to=1899-12-31", "from=2201-01-01&to=2201-01-31", "from=2200-12-20&to=2201-01-02"} {
		r := e.get("/staff/uppfoljning?" + q)
		assert.Equal(t, http.StatusBadRequest, r.code, q)
		assert.True(t, strings.Contains(r.body, `id="period-error"`), "the error is shown: %s", q)
		assert.Equal(t, http.StatusBadRequest, e.get("/staff/export.csv?"+q).code, q)
		assert.Equal(t, http.StatusBadRequest, e.get("/staff/export.csv?what=overdue&"+q).code, q)
	}
	for _, q := range []string{"from=1900-01-01&to=1900-01-31", "from=2200-12-01&to=2200-12-31"} {
		assert.Equal(t, http.StatusOK, e.get("/staff/uppfoljning?"+q).code, q)
		assert.Equal(t, http.StatusOK, e.get("/staff/export.csv?"+q).code, q)
	}
}
