package servicerules

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
)

func mustSpan(t *testing.T, s string) calendar.Span {
	t.Helper()
	sp, err := calendar.ParseSpan(s)
	require.NoError(t, err)
	return sp
}

// sentenceRule is one rule of a preset, named by the sentence of the seed it
// encodes.
type sentenceRule struct {
	preset string
	quote  string // the seed sentence, word for word
	check  func(t *testing.T, p *Policy)
}

// Each preset rule has a test named by the sentence of its seed. The test
// also makes sure the preset cites that sentence.
func TestPresetRulesBySeedSentence(t *testing.T) {
	reply := func(t *testing.T, p *Policy, ch Channel, a Audience) Reply {
		t.Helper()
		r, ok := p.Reply(ch, a)
		require.True(t, ok, "%s %s", ch, a)
		return r
	}
	noReply := func(t *testing.T, p *Policy, ch Channel, a Audience) {
		t.Helper()
		_, ok := p.Reply(ch, a)
		assert.False(t, ok, "%s %s", ch, a)
	}
	absence := func(t *testing.T, p *Policy, req Requirement) AbsenceRule {
		t.Helper()
		for _, r := range p.AbsenceRules() {
			if r.Require == req {
				return r
			}
		}
		t.Fatalf("no absence rule %s", req)
		return AbsenceRule{}
	}
	routed := func(t *testing.T, p *Policy, s Step) {
		t.Helper()
		assert.NotEmpty(t, p.routing(s), "routing step %s", s)
	}
	tests := []sentenceRule{
		// Österåker
		{"osteraker", "Vår ambition ska vara att lämna återkoppling inom minst en arbetsdag.", func(t *testing.T, p *Policy) {
			r := reply(t, p, Email, External)
			assert.Equal(t, mustSpan(t, "1 arbetsdag"), r.Limit)
			assert.Equal(t, BasisAmbition, r.Basis)
			assert.True(t, r.Target.IsZero(), "the ambition is the limit, not a target")
		}},
		{"osteraker", "Återkoppling ska lämnas skyndsamt oavsett kommunikationsväg.", func(t *testing.T, p *Policy) {
			for _, ch := range Channels() {
				assert.Equal(t, mustSpan(t, "1 arbetsdag"), reply(t, p, ch, External).Limit, ch)
				noReply(t, p, ch, Internal)
			}
		}},
		{"osteraker", "Om inte ett ärende kan lösas direkt meddelar vi när vi kan återkomma med svar.", func(t *testing.T, p *Policy) {
			r := reply(t, p, Phone, External)
			require.NotNil(t, r.Interim)
			assert.True(t, r.Interim.TellWhen)
			assert.False(t, r.Interim.TellWho)
		}},
		{"osteraker", "Vi använder telefonens röstbrevlåda och har ett personligt meddelande inspelat.", func(t *testing.T, p *Policy) {
			require.NotNil(t, p.Phone().Voicemail)
			assert.True(t, p.Phone().Voicemail.Personal)
			ch, ok := p.Channel(Phone)
			require.True(t, ok)
			assert.Equal(t, Voicemail, ch.Instead)
		}},
		{"osteraker", "Alla medarbetare ska använda kommunens telefoniapp; läsa in ett personligt röstmeddelande, kunna göra hänvisningar, medflyttningar och vidarekopplingar.", func(t *testing.T, p *Policy) {
			routed(t, p, StepForward)
			routed(t, p, StepReferral)
		}},
		{"osteraker", "Vi använder fastställd signatur i e-posten och uppdaterar vår kalender när vi inte kan svara.", func(t *testing.T, p *Policy) {
			r := absence(t, p, CalendarUpdated)
			assert.True(t, r.LongerThan.IsZero())
			assert.False(t, r.PlannedOnly)
		}},
		{"osteraker", "Österåkers kommun är förvaltningsområde för finska språket och nationella minoriteter som ger de som vill använda sig av finska språket i kommunen rätt att göra det i enlighet med lagen om nationella minoriteter och minoritetsspråk.", func(t *testing.T, p *Policy) {
			assert.Equal(t, []string{"sv", "fi"}, p.Languages())
			require.Len(t, p.LanguageRights(), 1)
			assert.Equal(t, "fi", p.LanguageRights()[0].Lang)
		}},

		// Värmdö
		{"varmdo", "Inkommande mail ska besvaras senast inom två arbetsdagar.", func(t *testing.T, p *Policy) {
			r := reply(t, p, Email, External)
			assert.Equal(t, mustSpan(t, "2 arbetsdagar"), r.Limit)
			assert.Equal(t, Basis(""), r.Basis)
		}},
		{"varmdo", "Riktlinjerna gäller såväl intern som extern kommunikation och omfattar alla anställda i Värmdö kommun.", func(t *testing.T, p *Policy) {
			assert.Equal(t, mustSpan(t, "2 arbetsdagar"), reply(t, p, Email, Internal).Limit)
		}},
		{"varmdo", "SMS ska besvaras enligt samma riktlinjer som telefonsamtal.", func(t *testing.T, p *Policy) {
			r, ok := p.Reply(SMS, External)
			assert.False(t, ok, "phone calls have no response time, so neither has SMS")
			assert.Equal(t, []Channel{SMS, Phone}, r.Via)
			for _, rule := range p.ReplyRules() {
				if rule.Channels[0] == SMS {
					assert.Equal(t, Phone, rule.Follows, "encoded as a reference, not a copy")
					assert.True(t, rule.Limit.IsZero())
				}
			}
		}},
		{"varmdo", "Post med vanligt brev hanteras på samma sätt som e-post men svar kan dröja på grund av postgången.", func(t *testing.T, p *Policy) {
			r := reply(t, p, Post, External)
			assert.Equal(t, []Channel{Post, Email}, r.Via)
			assert.Equal(t, mustSpan(t, "2 arbetsdagar"), r.Limit)
			assert.Contains(t, r.Note, "postgången")
		}},
		{"varmdo", "Frågor ska alltid besvaras; om det inte kan ske omedelbart ska kunden alltid informeras om vem som kan svara och när svar kan förväntas.", func(t *testing.T, p *Policy) {
			in, ok := p.Interim()
			require.True(t, ok)
			assert.True(t, in.TellWho)
			assert.True(t, in.TellWhen)
			assert.Empty(t, in.Channels, "every channel")
		}},
		{"varmdo", "Beroende på ärendets karaktär sker återkoppling snarast möjligt.", func(t *testing.T, p *Policy) {
			r := reply(t, p, Web, External)
			assert.True(t, r.Limit.IsZero(), "no figure")
			_, ok := p.ReplyDue(Web, External, time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location()))
			assert.False(t, ok)
		}},
		{"varmdo", "Telefontider ska undvikas så långt det är möjligt och istället eftersträvas tillgänglighet under respektive verksamhets öppettider.", func(t *testing.T, p *Policy) {
			ch, _ := p.Channel(Phone)
			assert.Equal(t, OfficeHours, ch.Staffed)
		}},
		{"varmdo", "Det innebär att kommunen har ett telefonnummer, en e-postadress och en postal adress som kommuniceras publikt.", func(t *testing.T, p *Policy) {
			c := p.Contacts()
			require.NotNil(t, c.OneWayIn)
			var got []string
			for _, pt := range c.Points {
				got = append(got, pt.Address)
			}
			assert.Equal(t, []string{"varmdo.kommun@varmdo.se", "Värmdö kommun, 134 81 Gustavsberg"}, got)
			_, silent := p.NotStated("contacts.phone")
			assert.True(t, silent, "the phone number is not given")
		}},
		{"varmdo", "Kommunen ska öka sin närvaro på sociala medier, t.ex. Facebook, Instagram och Twitter.", func(t *testing.T, p *Policy) {
			ch, _ := p.Channel(Social)
			assert.Equal(t, []string{"Facebook", "Instagram", "Twitter"}, ch.Services)
		}},
		{"varmdo", "För att kunna ge bästa tänkbara service och information till inringande kunder är det avgörande att rutiner för vidarekoppling, frånvaro, röstbrevlåda etc. efterlevs.", func(t *testing.T, p *Policy) {
			routed(t, p, StepForward)
			assert.Empty(t, p.AbsenceRules(), "the routines are not in the policy")
			_, silent := p.NotStated("absence")
			assert.True(t, silent)
		}},

		// Ale
		{"ale", "Vi ser till att verksamheterna kan nås under kontorstid kl. 8:00-16:30.", func(t *testing.T, p *Policy) {
			h, ok := p.OfficeHours()
			require.True(t, ok)
			assert.Equal(t, []calendar.Interval{{Open: 8 * time.Hour, Close: 16*time.Hour + 30*time.Minute}}, h.Weekdays)
		}},
		{"ale", "Vi återkopplar inom en till tre arbetsdagar även om vi inte kan lösa ärendet inom denna tid.", func(t *testing.T, p *Policy) {
			for _, ch := range Channels() {
				r := reply(t, p, ch, External)
				assert.Equal(t, mustSpan(t, "3 arbetsdagar"), r.Limit, ch)
				assert.Equal(t, mustSpan(t, "1 arbetsdag"), r.Target, ch)
			}
		}},
		{"ale", "Vi återkopplar om beräknad handläggningstid oavsett genom vilken kanal vi blivit kontaktade.", func(t *testing.T, p *Policy) {
			r := reply(t, p, Chat, External)
			require.NotNil(t, r.Interim)
			assert.True(t, r.Interim.TellWhen)
		}},
		{"ale", "Om det trots detta finns ett behov av en avgränsad telefontid inom någon verksamhet kan varje sektorsledning besluta omfattningen.", func(t *testing.T, p *Policy) {
			ch, _ := p.Channel(Phone)
			assert.Equal(t, OfficeHours, ch.Staffed, "no phone hours in the policy itself")
			assert.Contains(t, ch.Note, "sector")
		}},
		{"ale", "Vi hänvisar oss i telefonisystem, samt vår e-post, om vi är frånvarande från arbetsplatsen.", func(t *testing.T, p *Policy) {
			assert.True(t, absence(t, p, PhoneReferral).LongerThan.IsZero(), "whenever away")
			assert.True(t, absence(t, p, AbsenceMessage).LongerThan.IsZero(), "whenever away")
			routed(t, p, StepReferral)
		}},
		{"ale", "Vi ser till att inkommen post och e-post öppnas varje dag om vi är frånvarande.", func(t *testing.T, p *Policy) {
			absence(t, p, MailOpenedDaily)
			for _, ch := range []Channel{Post, Email} {
				c, _ := p.Channel(ch)
				assert.True(t, c.Daily, ch)
			}
		}},
		{"ale", "Vi svarar i telefon med Ale kommun, avdelning eller funktion samt för- och efternamn.", func(t *testing.T, p *Policy) {
			g := p.Phone().Greetings
			require.Len(t, g, 1)
			assert.Equal(t, Staff, g[0].Answerer)
			assert.Equal(t, "Ale kommun, avdelning eller funktion samt för- och efternamn", g[0].Says)
		}},

		// Hässleholm
		{"hassleholm", "Alla inkommande samtal besvaras inom högst fyra signaler. Ingen behöver ringa oss mer än en gång för att bli omhändertagen.", func(t *testing.T, p *Policy) {
			r := p.Phone().Rings
			require.NotNil(t, r)
			assert.Equal(t, 4, r.Max)
			assert.True(t, r.CallOnce)
			assert.True(t, r.Goal)
		}},
		{"hassleholm", "Växeltelefonister ska alltid besvara ankommande samtal med Välkommen till Hässleholms kommun.", func(t *testing.T, p *Policy) {
			g := p.Phone().Greetings
			require.NotEmpty(t, g)
			assert.Equal(t, Switchboard, g[0].Answerer)
			assert.Equal(t, "Välkommen till Hässleholms kommun", g[0].Says)
		}},
		{"hassleholm", "svarar jag alltid i telefonen med namn och enhet eller med för- och efternamn", func(t *testing.T, p *Policy) {
			g := p.Phone().Greetings
			require.Len(t, g, 2)
			assert.Equal(t, Staff, g[1].Answerer)
		}},
		{"hassleholm", "Lyssna av dessa meddelande dagligen och ring upp den som sökt dig.", func(t *testing.T, p *Policy) {
			r := reply(t, p, Voicemail, External)
			assert.Equal(t, mustSpan(t, "1 arbetsdag"), r.Limit)
			assert.Equal(t, BasisDaily, r.Basis)
			v := p.Phone().Voicemail
			require.NotNil(t, v)
			assert.True(t, v.ListenDaily)
			assert.True(t, v.CallBack)
		}},
		{"hassleholm", "Post ska besvaras skyndsamt. Kan svar inte lämnas inom rimlig tid, meddela avsändaren när ett svar kan komma.", func(t *testing.T, p *Policy) {
			r := reply(t, p, Post, External)
			assert.True(t, r.Limit.IsZero(), "no figure")
			require.NotNil(t, r.Interim)
			assert.True(t, r.Interim.TellWhen)
			assert.Equal(t, []Channel{Post}, r.Interim.Channels)
		}},
		{"hassleholm", "För elektronisk post gäller samma regler som för annan post (se ovan om post och fax).", func(t *testing.T, p *Policy) {
			r := reply(t, p, Email, External)
			assert.Equal(t, []Channel{Email, Post}, r.Via)
			require.NotNil(t, r.Interim, "the interim duty for post reaches e-mail through the reference")
			v := reply(t, p, Voicemail, External)
			assert.Nil(t, v.Interim, "the interim duty is for post only")
		}},
		{"hassleholm", "Vid planerad frånvaro ska de möjligheter som finns i e-postsystemet användas genom att lämpliga regler skapas och aktiveras.", func(t *testing.T, p *Policy) {
			assert.True(t, absence(t, p, AbsenceMessage).PlannedOnly)
		}},
		{"hassleholm", "Posten ska öppnas och ankomststämplas dagligen, även vid sjukdom eller semester.", func(t *testing.T, p *Policy) {
			r := absence(t, p, MailOpenedDaily)
			assert.False(t, r.PlannedOnly, "also in sickness")
		}},
		{"hassleholm", "använda vidarekoppling vid frånvaro", func(t *testing.T, p *Policy) {
			absence(t, p, PhoneForwarding)
			routed(t, p, StepForward)
		}},
		{"hassleholm", "Om den person som söks inte är anträffbar ska växeltelefonisten om möjligt koppla samtalet till en annan tjänsteman inom samma verksamhet alternativt erbjuda sig att ta ett meddelande till den som söks.", func(t *testing.T, p *Policy) {
			routed(t, p, StepColleague)
			routed(t, p, StepMessage)
		}},
		{"hassleholm", "Via dessa kanaler ska vi erbjuda service - dagtid via personlig direktkontakt och telefon samt dygnet runt via Internet.", func(t *testing.T, p *Policy) {
			w, _ := p.Channel(Web)
			assert.Equal(t, AroundTheClock, w.Staffed)
			ph, _ := p.Channel(Phone)
			assert.Equal(t, Staffing(""), ph.Staffed, "no phone hours stated")
		}},

		// Nykvarn
		{"nykvarn", "Varje medarbetare ansvarar för att lyssna av sin röstbrevlåda dagligen, svarar så snart som möjligt, och senast inom en arbetsdag på externa samtal och internt inom 48 timmar.", func(t *testing.T, p *Policy) {
			for _, ch := range []Channel{Phone, Voicemail} {
				assert.Equal(t, mustSpan(t, "1 arbetsdag"), reply(t, p, ch, External).Limit, ch)
				assert.Equal(t, mustSpan(t, "48 timmar"), reply(t, p, ch, Internal).Limit, ch)
			}
		}},
		{"nykvarn", "E-post ska besvaras skyndsamt högst inom en arbetsdag.", func(t *testing.T, p *Policy) {
			assert.Equal(t, mustSpan(t, "1 arbetsdag"), reply(t, p, Email, External).Limit)
		}},
		{"nykvarn", "Internt gäller att inom 48 timmar svara på meddelanden.", func(t *testing.T, p *Policy) {
			assert.Equal(t, mustSpan(t, "48 timmar"), reply(t, p, Email, Internal).Limit)
		}},
		{"nykvarn", "SMS ska besvaras enligt samma riktlinjer som telefonsamtal.", func(t *testing.T, p *Policy) {
			r := reply(t, p, SMS, External)
			assert.Equal(t, []Channel{SMS, Phone}, r.Via)
			assert.Equal(t, mustSpan(t, "1 arbetsdag"), r.Limit)
			assert.Equal(t, mustSpan(t, "48 timmar"), reply(t, p, SMS, Internal).Limit)
		}},
		{"nykvarn", "Post med vanligt brev hanteras på samma sätt som e-post men svar kan dröja på grund av postgången.", func(t *testing.T, p *Policy) {
			r := reply(t, p, Post, External)
			assert.Equal(t, []Channel{Post, Email}, r.Via)
			assert.Equal(t, mustSpan(t, "1 arbetsdag"), r.Limit)
		}},
		{"nykvarn", "Frågor ska alltid besvaras; om det inte kan ske omedelbart ska kunden alltid informeras om vem som kan svara och när svar kan förväntas.", func(t *testing.T, p *Policy) {
			r := reply(t, p, Email, External)
			require.NotNil(t, r.Interim)
			assert.True(t, r.Interim.TellWho)
			assert.True(t, r.Interim.TellWhen)
		}},
		{"nykvarn", "Varje medarbetare ansvarar för egna meddelande/hänvisningar i vårt telefonisystem och sin e-post vid frånvaro från arbetsplatsen som är längre än 24 timmar.", func(t *testing.T, p *Policy) {
			assert.Equal(t, mustSpan(t, "24 timmar"), absence(t, p, AbsenceMessage).LongerThan)
			assert.Equal(t, mustSpan(t, "24 timmar"), absence(t, p, PhoneReferral).LongerThan)
		}},
		{"nykvarn", "Vid frånvaro som överstiger 24 timmar ska en alternativ kontaktväg (innehållande kontaktuppgifter) tydligt framgå i meddelandet.", func(t *testing.T, p *Policy) {
			assert.Equal(t, mustSpan(t, "24 timmar"), absence(t, p, AlternativeContact).LongerThan)
		}},
		{"nykvarn", "Kommunen är en 24 timmarsmyndighet och det ska vara lätt att komma i kontakt med kommunen oavsett i vilken kanal kunden möter oss.", func(t *testing.T, p *Policy) {
			for _, ch := range []Channel{Web, EService} {
				c, _ := p.Channel(ch)
				assert.Equal(t, AroundTheClock, c.Staffed, ch)
			}
		}},
		{"nykvarn", "Genom servicecenter erbjuds kommunens kunder hög tillgänglighet i telefon, chatt och vid besök under kommunhusets öppettider.", func(t *testing.T, p *Policy) {
			for _, ch := range []Channel{Phone, Chat, Visit} {
				c, _ := p.Channel(ch)
				assert.Equal(t, OfficeHours, c.Staffed, ch)
			}
		}},
		{"nykvarn", "Den primära vägen in per e-post är genom kommunbrevlådan; `kommun@nykvarn.se`.", func(t *testing.T, p *Policy) {
			pts := p.Contacts().Points
			want := map[string]Channel{"08-555 010 00": Phone, "kommun@nykvarn.se": Email, "servicecenter@nykvarn.se": Email, "Nykvarns kommun, 155 80 Nykvarn": Post}
			for addr, ch := range want {
				found := false
				for _, pt := range pts {
					if pt.Address == addr {
						found = true
						assert.Equal(t, ch, pt.Channel)
					}
				}
				assert.True(t, found, addr)
			}
		}},
		{"nykvarn", "Kommunen ska öka sin närvaro på sociala medier, t.ex. Facebook, Instagram och LinkedIn, då våra kunder ofta befinner sig på dessa kanaler.", func(t *testing.T, p *Policy) {
			ch, _ := p.Channel(Social)
			assert.Equal(t, []string{"Facebook", "Instagram", "LinkedIn"}, ch.Services)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.preset+"/"+tt.quote, func(t *testing.T) {
			p, err := Preset(tt.preset)
			require.NoError(t, err)
			cited := false
			for _, c := range collectCitations(t, tt.preset) {
				if normalise(c.Quote) == normalise(tt.quote) {
					cited = true
				}
			}
			require.True(t, cited, "the preset does not cite this sentence")
			assert.Contains(t, seedText(t, p), normalise(tt.quote))
			tt.check(t, p)
		})
	}
}
