package servicerules

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/lang"
)

func requirements(fs []Finding) []Requirement {
	var out []Requirement
	for _, f := range fs {
		out = append(out, f.Rule.Require)
	}
	return out
}

var (
	erik = Contact{Name: "Erik Lind", Role: "handläggare", Phone: "08-555 010 50", Email: "erik.lind@nykvarn.se"}
	anna = Contact{Name: "Anna Berg", Role: "handläggare", Phone: "08-555 010 01", Email: "anna.berg@nykvarn.se"}
)

func TestCheckAbsence(t *testing.T) {
	mon := sthlm(2026, 12, 21, 8, 0)
	tests := []struct {
		name   string
		preset string
		a      Absence
		want   []Requirement
	}{
		// Nykvarn: "Vid frånvaro som överstiger 24 timmar ska en alternativ
		// kontaktväg (innehållande kontaktuppgifter) tydligt framgå i
		// meddelandet."
		{"nykvarn/3 days, nothing set", "nykvarn", Absence{From: mon, To: mon.Add(72 * time.Hour)},
			[]Requirement{AbsenceMessage, PhoneReferral, AlternativeContact}},
		{"nykvarn/3 days, message without contact details", "nykvarn",
			Absence{From: mon, To: mon.Add(72 * time.Hour), PhoneReferral: true, Message: "Jag är ledig till den 28 december."},
			[]Requirement{AlternativeContact}},
		{"nykvarn/3 days, message with a colleague's phone number", "nykvarn",
			Absence{From: mon, To: mon.Add(72 * time.Hour), PhoneReferral: true, Message: "Jag är ledig. Ring Anna Berg på 08-555 010 01."}, nil},
		{"nykvarn/3 days, message with the switchboard's e-mail", "nykvarn",
			Absence{From: mon, To: mon.Add(72 * time.Hour), PhoneReferral: true, Message: "Jag är ledig. Skriv till kommun@nykvarn.se."}, nil},
		{"nykvarn/3 days, only the person's own number", "nykvarn",
			Absence{From: mon, To: mon.Add(72 * time.Hour), PhoneReferral: true, Person: erik, Message: "Jag är ledig. Nå mig på +46 8 555 010 50."},
			[]Requirement{AlternativeContact}},
		{"nykvarn/3 days, only a date", "nykvarn",
			Absence{From: mon, To: mon.Add(72 * time.Hour), PhoneReferral: true, Message: "Tillbaka 2026-12-28 kl. 08:00."},
			[]Requirement{AlternativeContact}},
		{"nykvarn/20 hours", "nykvarn", Absence{From: mon, To: mon.Add(20 * time.Hour)}, nil},
		{"nykvarn/exactly 24 hours is not more", "nykvarn", Absence{From: mon, To: mon.Add(24 * time.Hour)}, nil},
		{"nykvarn/24 hours and a minute", "nykvarn", Absence{From: mon, To: mon.Add(24*time.Hour + time.Minute)},
			[]Requirement{AbsenceMessage, PhoneReferral, AlternativeContact}},
		{"nykvarn/end before start", "nykvarn", Absence{From: mon, To: mon.Add(-72 * time.Hour)}, nil},

		// Ale: "Vi hänvisar oss i telefonisystem, samt vår e-post, om vi är
		// frånvarande från arbetsplatsen." Whenever away, however briefly.
		{"ale/one hour, nothing set", "ale", Absence{From: mon, To: mon.Add(time.Hour)},
			[]Requirement{PhoneReferral, AbsenceMessage, MailOpenedDaily}},
		{"ale/all set", "ale", Absence{From: mon, To: mon.Add(time.Hour), PhoneReferral: true, Message: "Jag är borta.", MailCovered: true}, nil},

		// Hässleholm: an e-mail rule at planned absence; post opened daily
		// "även vid sjukdom eller semester"; forwarding and referral always.
		{"hassleholm/sick, nothing set", "hassleholm", Absence{From: mon, To: mon.Add(48 * time.Hour)},
			[]Requirement{PhoneForwarding, PhoneReferral, MailOpenedDaily}},
		{"hassleholm/planned, nothing set", "hassleholm", Absence{From: mon, To: mon.Add(48 * time.Hour), Planned: true},
			[]Requirement{PhoneForwarding, PhoneReferral, AbsenceMessage, MailOpenedDaily}},
		{"hassleholm/planned, all set", "hassleholm", Absence{From: mon, To: mon.Add(48 * time.Hour), Planned: true,
			ForwardTo: "Anna Berg", PhoneReferral: true, Message: "Semester.", MailCovered: true}, nil},

		// Österåker: "uppdaterar vår kalender när vi inte kan svara".
		{"osteraker/calendar not updated", "osteraker", Absence{From: mon, To: mon.Add(2 * time.Hour)}, []Requirement{CalendarUpdated}},
		{"osteraker/calendar updated", "osteraker", Absence{From: mon, To: mon.Add(2 * time.Hour), CalendarUpdated: true}, nil},

		// Värmdö states no absence rules.
		{"varmdo/nothing set", "varmdo", Absence{From: mon, To: mon.Add(300 * time.Hour)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Preset(tt.preset)
			require.NoError(t, err)
			fs := p.CheckAbsence(tt.a)
			assert.Equal(t, tt.want, requirements(fs))
			for _, f := range fs {
				assert.Equal(t, tt.preset, f.Policy)
				assert.NotEmpty(t, f.Rule.Citations, "finding without citation")
				assert.NotEmpty(t, f.Message.Sv)
				assert.NotEmpty(t, f.Message.En)
				assert.NotEmpty(t, f.Message.Fi)
				assert.NotEqual(t, f.Message.Sv, f.Message.En)
			}
		})
	}
}

func TestFindingMessages(t *testing.T) {
	nyk, _ := Preset("nykvarn")
	mon := sthlm(2026, 12, 21, 8, 0)
	fs := nyk.CheckAbsence(Absence{From: mon, To: mon.Add(72 * time.Hour), PhoneReferral: true, Message: "Ledig."})
	require.Len(t, fs, 1)
	f := fs[0]
	assert.Equal(t, AlternativeContact, f.Rule.Require)
	assert.Equal(t, "Frånvaro längre än 24 timmar: Meddelandet måste tydligt ge en annan kontaktväg med kontaktuppgifter: ett telefonnummer eller en e-postadress.", f.Message.Sv)
	assert.Equal(t, "Absence longer than 24 hours: The message must clearly give another way to get in touch, with contact details: a phone number or an e-mail address.", f.Message.En)
	assert.Contains(t, f.Rule.Citations[0].Quote, "alternativ kontaktväg")
	assert.Equal(t, "4.1 Bemötande", f.Rule.Citations[0].Section)

	h, _ := Preset("hassleholm")
	fs = h.CheckAbsence(Absence{From: mon, To: mon.Add(time.Hour), Planned: true, ForwardTo: "x", PhoneReferral: true, MailCovered: true})
	require.Len(t, fs, 1)
	assert.Equal(t, "Vid planerad frånvaro: Lägg in ett frånvaromeddelande i e-posten.", fs[0].Message.Sv)
	assert.Equal(t, "Planned absence: Set an absence message (auto-reply) in your e-mail.", fs[0].Message.En)

	a, _ := Preset("ale")
	fs = a.CheckAbsence(Absence{From: mon, To: mon.Add(time.Hour), PhoneReferral: true, Message: "x"})
	require.Len(t, fs, 1)
	assert.Equal(t, "Vid all frånvaro: Se till att din post och e-post öppnas varje dag medan du är borta.", fs[0].Message.Sv)
}

func TestAbsenceCovers(t *testing.T) {
	a := Absence{From: sthlm(2026, 12, 21, 0, 0), To: sthlm(2026, 12, 24, 0, 0)}
	assert.True(t, a.Covers(sthlm(2026, 12, 21, 0, 0)))
	assert.True(t, a.Covers(sthlm(2026, 12, 23, 23, 59)))
	assert.False(t, a.Covers(sthlm(2026, 12, 24, 0, 0)))
	assert.False(t, a.Covers(sthlm(2026, 12, 20, 23, 59)))
}

func TestContactDetails(t *testing.T) {
	tests := []struct {
		text   string
		emails []string
		phones []string
	}{
		{"Ring 08-555 010 00 eller skriv till kommun@nykvarn.se.", []string{"kommun@nykvarn.se"}, []string{"08-555 010 00"}},
		{"Mobil: 070-123 45 67, direkt +46 8 555 010 01", nil, []string{"070-123 45 67", "+46 8 555 010 01"}},
		{"Åter 2026-12-28 kl. 08:00, öppet 08.00-16.30.", nil, nil},
		{"Kontakta <anna.berg@ale.se> (handläggare)", []string{"anna.berg@ale.se"}, nil},
		{"mailto:x@y.se", []string{"x@y.se"}, nil},
		{"not an address: a@b, @c.se, d@.se, e@f.", nil, nil},
		{"Rum 0123, anknytning 010 0", nil, nil},
		{"08/555 010 00", nil, []string{"08/555 010 00"}},
		{"1208-555 010 00", nil, nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.emails, emails(tt.text), tt.text)
		assert.Equal(t, tt.phones, phones(tt.text), tt.text)
	}
	assert.Equal(t, phoneDigits("08-555 010 00"), phoneDigits("+46 8 555 010 00"))
	assert.True(t, hasOtherContact("Ring 08-555 010 01", erik))
	assert.False(t, hasOtherContact("Ring 08-555 010 50 eller ERIK.LIND@nykvarn.se", erik))
	assert.False(t, hasOtherContact("", Contact{}))
}

func TestAutoReply(t *testing.T) {
	nyk, _ := Preset("nykvarn")
	// Away 21 to 23 December 2026; julafton, juldagen, annandag jul and the
	// weekend follow, so the first working day after is Monday 28 December.
	a := Absence{From: sthlm(2026, 12, 21, 0, 0), To: sthlm(2026, 12, 24, 0, 0), PhoneReferral: true, Person: erik, Alternative: anna}
	want := map[lang.Lang][]string{
		"sv": {"Hej!", "tillbaka måndag 28 december.", "Under tiden kan du kontakta Anna Berg, handläggare, telefon 08-555 010 01, e-post anna.berg@nykvarn.se.", "Med vänlig hälsning\nErik Lind\nhandläggare\nNykvarns kommun"},
		"fi": {"Hei!", "Paluupäiväni on maanantai 28. joulukuuta.", "Sillä välin voit ottaa yhteyttä: Anna Berg", "puhelin 08-555 010 01", "Ystävällisin terveisin\nErik Lind"},
		"en": {"Hello,", "I am away and back on Monday 28 December.", "please contact Anna Berg, handläggare, phone 08-555 010 01, e-mail anna.berg@nykvarn.se.", "Kind regards\nErik Lind"},
	}
	for l, parts := range want {
		msg, err := nyk.AutoReply(a, l)
		require.NoError(t, err, l)
		for _, part := range parts {
			assert.Contains(t, msg, part, l)
		}
		assert.NotContains(t, msg, "2026", "the year is left out when it is the same")
		a.Message = msg
		assert.Empty(t, nyk.CheckAbsence(a), l)
	}
}

func TestAutoReplyReturnDate(t *testing.T) {
	ale, _ := Preset("ale")
	alt := Contact{Name: "Anna", Email: "anna@ale.se"}
	tests := []struct {
		name     string
		from, to time.Time
		want     string
	}{
		{"back over new year", sthlm(2026, 12, 28, 8, 0), sthlm(2026, 12, 31, 0, 0), "tillbaka måndag 4 januari 2027."},
		{"back after easter", sthlm(2026, 3, 30, 8, 0), sthlm(2026, 4, 3, 0, 0), "tillbaka tisdag 7 april."},
		{"back after midsommar", sthlm(2026, 6, 15, 8, 0), sthlm(2026, 6, 19, 0, 0), "tillbaka måndag 22 juni."},
		{"back the same afternoon", sthlm(2026, 6, 15, 8, 0), sthlm(2026, 6, 15, 13, 0), "tillbaka måndag 15 juni."},
		{"away until after close", sthlm(2026, 6, 15, 8, 0), sthlm(2026, 6, 15, 17, 0), "tillbaka tisdag 16 juni."},
		{"back on the skipped weekend", sthlm(2026, 6, 12, 8, 0), sthlm(2026, 6, 13, 0, 0), "tillbaka måndag 15 juni."},
	}
	for _, tt := range tests {
		msg, err := ale.AutoReply(Absence{From: tt.from, To: tt.to, Alternative: alt}, "sv")
		require.NoError(t, err, tt.name)
		assert.Contains(t, msg, tt.want, tt.name)
	}
}

func TestAutoReplyErrors(t *testing.T) {
	nyk, _ := Preset("nykvarn")
	mon := sthlm(2026, 12, 21, 8, 0)
	long := Absence{From: mon, To: mon.Add(72 * time.Hour), Person: erik}

	_, err := nyk.AutoReply(long, "sv")
	var fe *FieldError
	require.True(t, errors.As(err, &fe), "%v", err)
	assert.Equal(t, "Absence.Alternative", fe.Field)
	assert.Contains(t, fe.Reason, "longer than 24 hours")

	// A name alone is no contact details.
	withName := long
	withName.Alternative = Contact{Name: "Anna Berg"}
	_, err = nyk.AutoReply(withName, "sv")
	require.Error(t, err)

	// The person's own number is no alternative.
	own := long
	own.Alternative = Contact{Name: "Erik Lind", Phone: "+46 8 555 010 50"}
	_, err = nyk.AutoReply(own, "sv")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "would not meet the policy")

	// A short absence needs no alternative.
	short := Absence{From: mon, To: mon.Add(3 * time.Hour), Person: erik}
	msg, err := nyk.AutoReply(short, "sv")
	require.NoError(t, err)
	assert.Contains(t, msg, "Jag svarar när jag är tillbaka.")

	_, err = nyk.AutoReply(short, "de")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"de"`)

	backwards := Absence{From: mon, To: mon.Add(-time.Hour)}
	_, err = nyk.AutoReply(backwards, "sv")
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, "Absence.To", fe.Field)
	_, err = nyk.AutoReply(Absence{}, "sv")
	require.Error(t, err)
}

// Whatever the preset and language, the writer's text passes the preset's
// own check on the message.
func TestAutoReplyPassesEveryPreset(t *testing.T) {
	mon := sthlm(2026, 12, 21, 8, 0)
	for _, name := range Presets() {
		p, _ := Preset(name)
		for _, l := range lang.All() {
			for _, d := range []time.Duration{2 * time.Hour, 72 * time.Hour, 500 * time.Hour} {
				for _, planned := range []bool{false, true} {
					a := Absence{From: mon, To: mon.Add(d), Planned: planned, Person: erik, Alternative: anna}
					msg, err := p.AutoReply(a, l)
					require.NoError(t, err)
					a.Message = msg
					for _, f := range p.CheckAbsence(a) {
						assert.False(t, aboutMessage(f.Rule.Require), "%s %s %v: %s", name, l, d, f.Message.En)
					}
					assert.True(t, strings.HasSuffix(msg, p.Source().Organisation))
				}
			}
		}
	}
}
