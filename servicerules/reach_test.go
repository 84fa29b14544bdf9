package servicerules

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReach(t *testing.T) {
	nyk, _ := Preset("nykvarn")
	ex, err := os.ReadFile("testdata/example.json")
	require.NoError(t, err)
	exa, err := Parse(ex)
	require.NoError(t, err)
	hass, _ := Preset("hassleholm")
	ale, _ := Preset("ale")

	zero := time.Time{}
	tests := []struct {
		name        string
		p           *Policy
		ch          Channel
		at          time.Time
		open        bool
		staffed     bool
		next        time.Time
		instead     Channel
		replyDue    time.Time
		hoursStated bool
	}{
		{"nykvarn phone in office hours", nyk, Phone, sthlm(2026, 12, 23, 10, 0), true, true, sthlm(2026, 12, 23, 10, 0), "", zero, false},
		// After close on 23 December: closed until Monday 28 December; the
		// call goes to voicemail, answered within one working day.
		{"nykvarn phone after close before christmas", nyk, Phone, sthlm(2026, 12, 23, 17, 0), false, false, sthlm(2026, 12, 28, 8, 0), Voicemail, sthlm(2026, 12, 29, 16, 30), false},
		{"nykvarn phone on midsommarafton", nyk, Phone, sthlm(2026, 6, 19, 10, 0), false, false, sthlm(2026, 6, 22, 8, 0), Voicemail, sthlm(2026, 6, 23, 16, 30), false},
		{"nykvarn visit at night goes to the web", nyk, Visit, sthlm(2026, 4, 3, 22, 0), false, false, sthlm(2026, 4, 7, 8, 0), Web, zero, false},
		{"nykvarn chat at night: nothing instead", nyk, Chat, sthlm(2026, 4, 3, 22, 0), false, false, sthlm(2026, 4, 7, 8, 0), "", zero, false},
		{"nykvarn e-mail on a sunday", nyk, Email, sthlm(2026, 4, 5, 12, 0), true, false, sthlm(2026, 4, 7, 8, 0), "", sthlm(2026, 4, 8, 16, 30), false},
		{"nykvarn web around the clock", nyk, Web, sthlm(2026, 12, 24, 3, 0), true, false, sthlm(2026, 12, 28, 8, 0), "", zero, true},
		// Own phone hours 09-12 in the example; 15 May 2026 is its closure day.
		{"example phone on a closure day", exa, Phone, sthlm(2026, 5, 15, 10, 0), false, false, sthlm(2026, 5, 18, 9, 0), Voicemail, sthlm(2026, 5, 20, 16, 30), true},
		{"example phone in its hours", exa, Phone, sthlm(2026, 5, 18, 11, 59), true, true, sthlm(2026, 5, 18, 11, 59), "", zero, true},
		{"example phone after its hours", exa, Phone, sthlm(2026, 5, 18, 12, 0), false, false, sthlm(2026, 5, 19, 9, 0), Voicemail, sthlm(2026, 5, 20, 16, 30), true},
		// Skärtorsdag is four hours shorter in the example (state agreement):
		// the office closes early and the phone hours are gone that day.
		// Received after the early close, so counting starts on Tuesday 7 April.
		{"example e-mail on skärtorsdag afternoon", exa, Email, sthlm(2026, 4, 2, 14, 0), true, false, sthlm(2026, 4, 7, 8, 0), "", sthlm(2026, 4, 9, 16, 30), true},
		{"example phone on skärtorsdag", exa, Phone, sthlm(2026, 4, 2, 10, 0), false, false, sthlm(2026, 4, 7, 9, 0), Voicemail, sthlm(2026, 4, 8, 16, 30), true},
		{"example e-mail at lunch", exa, Email, sthlm(2026, 5, 18, 12, 30), true, false, sthlm(2026, 5, 18, 13, 0), "", sthlm(2026, 5, 20, 16, 30), true},
		{"hassleholm phone hours not stated", hass, Phone, sthlm(2026, 12, 23, 17, 0), false, false, sthlm(2026, 12, 28, 8, 0), Voicemail, sthlm(2026, 12, 29, 16, 30), false},
		{"ale phone, office hours stated", ale, Phone, sthlm(2026, 12, 23, 16, 29), true, true, sthlm(2026, 12, 23, 16, 29), "", zero, true},
		{"ale phone after close: nothing instead", ale, Phone, sthlm(2026, 12, 23, 16, 30), false, false, sthlm(2026, 12, 28, 8, 0), "", zero, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := tt.p.Reach(tt.ch, tt.at)
			require.True(t, ok)
			assert.Equal(t, tt.open, r.Open, "open")
			assert.Equal(t, tt.staffed, r.Staffed, "staffed")
			assert.Equal(t, tt.next.UTC(), r.NextStaffed.UTC(), "next staffed")
			assert.Equal(t, tt.instead, r.Instead, "instead")
			assert.Equal(t, tt.replyDue.UTC(), r.ReplyDue.UTC(), "reply due")
			assert.Equal(t, tt.hoursStated, r.HoursStated, "hours stated")
			assert.NotEmpty(t, r.Citations)
		})
	}
}

func TestReachNotNamed(t *testing.T) {
	ost, _ := Preset("osteraker")
	_, ok := ost.Reach(Visit, sthlm(2026, 12, 23, 10, 0))
	assert.False(t, ok, "Österåker names no visiting")
	var nilPolicy *Policy
	_, ok = nilPolicy.Reach(Phone, sthlm(2026, 12, 23, 10, 0))
	assert.False(t, ok)
}

func TestReachText(t *testing.T) {
	nyk, _ := Preset("nykvarn")
	r, _ := nyk.Reach(Phone, sthlm(2026, 12, 23, 17, 0))
	assert.Equal(t, "Telefon: stängt nu. Öppnar måndag 28 december 2026 kl. 08:00. Under tiden: röstbrevlåda. Svar senast tisdag 29 december 2026 kl. 16:30. (Policyn anger inga tider, så vanliga kontorstider gäller.)", r.Text("sv"))
	assert.Equal(t, "Phone: closed now. Opens Monday 28 December 2026 at 08:00. Meanwhile: voicemail. Answer by Tuesday 29 December 2026 at 16:30. (The policy gives no hours, so ordinary office hours apply.)", r.Text("en"))
	assert.Equal(t, "Puhelin: suljettu nyt. Avautuu maanantai 28. joulukuuta 2026 klo 08.00. Sillä välin: vastaaja. Vastaus viimeistään tiistai 29. joulukuuta 2026 klo 16.30. (Ohjeessa ei ole aikoja, joten tavalliset virka-ajat ovat voimassa.)", r.Text("fi"))
	assert.Equal(t, r.Text("sv"), r.Text("xx"))

	r, _ = nyk.Reach(Web, sthlm(2026, 12, 24, 3, 0))
	assert.Equal(t, "Webbplats: öppet dygnet runt. Läses från måndag 28 december 2026 kl. 08:00.", r.Text("sv"))
	r, _ = nyk.Reach(Email, sthlm(2026, 12, 23, 10, 0))
	assert.Equal(t, "E-post: tas emot nu. Personalen är på plats. Svar senast måndag 28 december 2026 kl. 16:30. (Policyn anger inga tider, så vanliga kontorstider gäller.)", r.Text("sv"))
	r, _ = nyk.Reach(Phone, sthlm(2026, 12, 23, 10, 0))
	assert.Equal(t, "Phone: staffed now. (The policy gives no hours, so ordinary office hours apply.)", r.Text("en"))
}
