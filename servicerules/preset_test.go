package servicerules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/lang"
)

func TestPresetsNames(t *testing.T) {
	assert.Equal(t, []string{"ale", "hassleholm", "nykvarn", "osteraker", "varmdo"}, Presets())
	// The list is a copy.
	names := Presets()
	names[0] = "x"
	assert.Equal(t, "ale", Presets()[0])
	for _, n := range Presets() {
		p, err := Preset(n)
		require.NoError(t, err, n)
		assert.Equal(t, n, p.ID())
	}
}

func TestPresetUnknownName(t *testing.T) {
	for _, name := range []string{"", "Nykvarn", "stockholm", "../ale", "ale.json"} {
		p, err := Preset(name)
		require.Error(t, err, name)
		assert.Nil(t, p)
		assert.Contains(t, err.Error(), `"`+name+`"`)
		assert.Contains(t, err.Error(), "ale, hassleholm, nykvarn, osteraker, varmdo")
	}
}

// The sources are the documents POLICIES.md lists.
func TestPresetSources(t *testing.T) {
	d := func(s string) calendar.Date {
		x, err := calendar.ParseDate(s)
		require.NoError(t, err)
		return x
	}
	tests := []struct {
		name, org, title, diary, seed string
		date                          calendar.Date
	}{
		{"osteraker", "Österåkers kommun", "Servicepolicy", "KS 2020/0188", "seeds/000_27154579a74af417.txt", d("2020-09-24")},
		{"varmdo", "Värmdö kommun", "Riktlinjer för tillgänglighet och service", "2016KS/0674", "seeds/001_2976133780c74185.txt", d("2018-01-11")},
		{"ale", "Ale kommun", "Riktlinje för service, tillgänglighet och bemötande", "2021.462", "seeds/002_ba01b550ffd0904c.txt", d("2021-11-02")},
		{"hassleholm", "Hässleholms kommun", "Servicepolicy", "2004.467 009", "seeds/003_e91f93a8f1dee067.txt", d("2004-09-29")},
		{"nykvarn", "Nykvarns kommun", "Riktlinjer för service och bemötande", "KS/2020:548", "seeds/004_0f5412b303c6d28c.txt", d("2020-12-01")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Preset(tt.name)
			require.NoError(t, err)
			s := p.Source()
			assert.Equal(t, tt.org, s.Organisation)
			assert.Equal(t, tt.title, s.Title)
			assert.Equal(t, tt.diary, s.Diary)
			assert.Equal(t, tt.seed, s.Seed)
			assert.Equal(t, tt.date, s.Date)
			assert.NotEmpty(t, s.Decision)
		})
	}
	ale, _ := Preset("ale")
	assert.Equal(t, d("2022-01-01"), ale.Source().InForce)
	nyk, _ := Preset("nykvarn")
	assert.Equal(t, d("2021-06-01"), nyk.Source().Revised)
}

// normalise collapses runs of white space, so that a quote matches across
// the line and page breaks of a seed.
func normalise(s string) string { return strings.Join(strings.Fields(s), " ") }

func seedText(t *testing.T, p *Policy) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", p.Source().Seed))
	require.NoError(t, err)
	return normalise(string(b))
}

// collectCitations returns every citation in a preset file, wherever it is.
func collectCitations(t *testing.T, name string) []Citation {
	t.Helper()
	b, err := presetFiles.ReadFile("presets/" + name + ".json")
	require.NoError(t, err)
	var tree any
	require.NoError(t, json.Unmarshal(b, &tree))
	var out []Citation
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if cs, ok := x["citations"].([]any); ok {
				for _, c := range cs {
					m := c.(map[string]any)
					sec, _ := m["section"].(string)
					q, _ := m["quote"].(string)
					out = append(out, Citation{Section: sec, Quote: q})
				}
			}
			for _, v := range x {
				walk(v)
			}
		case []any:
			for _, v := range x {
				walk(v)
			}
		}
	}
	walk(tree)
	return out
}

// Every citation in every preset quotes its seed word for word, under a
// section heading that is in the seed.
func TestPresetCitationsQuoteTheSeed(t *testing.T) {
	for _, name := range Presets() {
		t.Run(name, func(t *testing.T) {
			p, err := Preset(name)
			require.NoError(t, err)
			seed := seedText(t, p)
			cs := collectCitations(t, name)
			require.NotEmpty(t, cs)
			for _, c := range cs {
				require.NotEmpty(t, c.Quote, "citation under %q has no quote", c.Section)
				assert.Contains(t, seed, normalise(c.Quote), "quote not in %s", p.Source().Seed)
				require.NotEmpty(t, c.Section, "quote %q has no section", c.Quote)
				assert.Contains(t, seed, normalise(c.Section), "section heading not in %s", p.Source().Seed)
			}
		})
	}
}

// Every rule in every preset has a citation: Parse insists, and the presets
// parse. Here the check is that no rule list is empty of citations after
// reading.
func TestPresetEveryRuleCited(t *testing.T) {
	for _, name := range Presets() {
		p, _ := Preset(name)
		for _, c := range p.Channels() {
			assert.NotEmpty(t, c.Citations, "%s channel %s", name, c.Channel)
		}
		for _, r := range p.ReplyRules() {
			assert.NotEmpty(t, r.Citations, "%s reply %v", name, r.Channels)
		}
		for _, r := range p.AbsenceRules() {
			assert.NotEmpty(t, r.Citations, "%s absence %s", name, r.Require)
		}
		for _, r := range p.RoutingRules() {
			assert.NotEmpty(t, r.Citations, "%s routing %s", name, r.Step)
		}
		if h, ok := p.OfficeHours(); ok {
			assert.NotEmpty(t, h.Citations, name)
		}
		if in, ok := p.Interim(); ok {
			assert.NotEmpty(t, in.Citations, name)
		}
	}
}

// Each preset either states a topic or says "not stated", for every topic a
// reader could ask about; it never leaves one silently to a default.
func TestPresetStatesOrSaysNotStated(t *testing.T) {
	topics := []string{"officeHours", "shortDays", "closures", "interim", "phone.rings", "phone.greetings",
		"phone.voicemail", "contacts", "languages", "absence",
		"routing.forward", "routing.referral", "routing.colleague", "routing.message"}
	for _, name := range Presets() {
		t.Run(name, func(t *testing.T) {
			p, _ := Preset(name)
			for _, topic := range topics {
				_, stated := p.doc.states(topic)
				note, silent := p.NotStated(topic)
				assert.True(t, stated != silent, "topic %q: stated=%v, not stated=%v", topic, stated, silent)
				if silent {
					assert.True(t, strings.HasPrefix(note, NotStated), "note for %q starts with %q: %q", topic, NotStated, note)
				}
			}
			for _, c := range p.Channels() {
				if c.Channel.Live() && c.Staffed == "" {
					note, ok := p.NotStated("hours." + string(c.Channel))
					assert.True(t, ok, "live channel %s has no staffing and no not-stated note", c.Channel)
					assert.True(t, strings.HasPrefix(note, NotStated))
				}
			}
			for _, topic := range p.NotStatedTopics() {
				note, _ := p.NotStated(topic)
				assert.True(t, strings.HasPrefix(note, NotStated), "note for %q: %q", topic, note)
			}
			if _, ok := p.OfficeHours(); !ok {
				// The library default, Monday to Friday 08:00-16:30.
				assert.Equal(t, []calendar.Interval{{Open: 8 * 3600e9, Close: 16*3600e9 + 30*60e9}}, p.Calendar().HoursOn(calendar.Date{Year: 2026, Month: 12, Day: 22}))
				assert.Nil(t, p.Calendar().HoursOn(calendar.Date{Year: 2026, Month: 12, Day: 26}))
			}
		})
	}
}

// A preset read, written and read again is the same policy, and writing is
// stable.
func TestPresetRoundTrip(t *testing.T) {
	for _, name := range Presets() {
		t.Run(name, func(t *testing.T) {
			p, err := Preset(name)
			require.NoError(t, err)
			b1, err := p.MarshalJSON()
			require.NoError(t, err)
			q, err := Parse(b1)
			require.NoError(t, err)
			assert.Equal(t, p.doc, q.doc)
			b2, err := json.Marshal(q)
			require.NoError(t, err)
			assert.JSONEq(t, string(b1), string(b2))
			assert.Equal(t, string(b1), string(b2))
			// And the file itself says the same as what is written back.
			raw, err := presetFiles.ReadFile("presets/" + name + ".json")
			require.NoError(t, err)
			assert.JSONEq(t, string(raw), string(b1))
		})
	}
}

// The policy returned is a copy: changing what an accessor returns does not
// change the policy.
func TestPolicyAccessorsCopy(t *testing.T) {
	p, _ := Preset("nykvarn")
	rules := p.ReplyRules()
	rules[0].Channels[0] = Web
	rules[0].Citations[0].Quote = "x"
	assert.Equal(t, Phone, p.ReplyRules()[0].Channels[0])
	assert.NotEqual(t, "x", p.ReplyRules()[0].Citations[0].Quote)
	ch, _ := p.Channel(Social)
	ch.Services[0] = "x"
	ch2, _ := p.Channel(Social)
	assert.Equal(t, "Facebook", ch2.Services[0])
	c := p.Contacts()
	c.Points[0].Address = "x"
	assert.Equal(t, "08-555 010 00", p.Contacts().Points[0].Address)
	ab := p.AbsenceRules()
	ab[0].Citations[0].Quote = "x"
	assert.NotEqual(t, "x", p.AbsenceRules()[0].Citations[0].Quote)
	h, _ := Preset("hassleholm")
	ph := h.Phone()
	ph.Rings.Max = 9
	ph.Greetings[0].Says = "x"
	assert.Equal(t, 4, h.Phone().Rings.Max)
	assert.Equal(t, "Välkommen till Hässleholms kommun", h.Phone().Greetings[0].Says)
	a, _ := Preset("ale")
	oh, _ := a.OfficeHours()
	oh.Weekdays[0].Open = 0
	oh2, _ := a.OfficeHours()
	assert.NotZero(t, oh2.Weekdays[0].Open)
}

func TestChannelAndAudienceValues(t *testing.T) {
	want := map[Channel]string{Phone: "phone", Voicemail: "voicemail", SMS: "sms", Email: "email", Post: "post",
		Visit: "visit", Web: "web", EService: "eservice", Chat: "chat", Social: "social"}
	for c, s := range want {
		assert.Equal(t, s, string(c))
		assert.True(t, c.Valid())
		assert.True(t, slices.Contains(Channels(), c))
		for _, l := range lang.All() {
			assert.NotEmpty(t, c.Name(l))
		}
	}
	assert.Len(t, Channels(), 10)
	assert.False(t, Channel("fax").Valid())
	assert.Equal(t, "fax", Channel("fax").Name("sv"))
	assert.Equal(t, "external", string(External))
	assert.Equal(t, "internal", string(Internal))
	assert.True(t, External.Valid())
	assert.False(t, Audience("public").Valid())
	assert.True(t, Phone.Live())
	assert.True(t, Visit.Live())
	assert.True(t, Chat.Live())
	assert.False(t, Email.Live())
	assert.Equal(t, "röstbrevlåda", Voicemail.Name("sv"))
	assert.Equal(t, "vastaaja", Voicemail.Name("fi"))
	assert.Equal(t, "voicemail", Voicemail.Name("en"))
	assert.Equal(t, "röstbrevlåda", Voicemail.Name("de"))
}

func TestParseChannelAndAudience(t *testing.T) {
	for in, want := range map[string]Channel{"email": Email, " E-post ": Email, "sähköposti": Email, "e-mail": Email,
		"telefon": Phone, "SMS": SMS, "text message": SMS, "röstbrevlåda": Voicemail, "e-tjänst": EService, "sociala medier": Social} {
		got, err := ParseChannel(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := ParseChannel("fax")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"fax"`)
	assert.Contains(t, err.Error(), "phone, voicemail")
	for in, want := range map[string]Audience{"external": External, "Extern": External, "internal": Internal, "intern": Internal} {
		got, err := ParseAudience(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got)
	}
	_, err = ParseAudience("press")
	assert.ErrorContains(t, err, `"press"`)
}

// The example in the package documentation is testdata/example.json, word for
// word, and it parses.
func TestDocExample(t *testing.T) {
	ex, err := os.ReadFile("testdata/example.json")
	require.NoError(t, err)
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	var inDoc []string
	for _, line := range strings.Split(string(doc), "\n") {
		if rest, ok := strings.CutPrefix(line, "//\t"); ok {
			inDoc = append(inDoc, rest)
		}
	}
	assert.Contains(t, strings.Join(inDoc, "\n"), strings.TrimSpace(string(ex)))
	p, err := Parse(ex)
	require.NoError(t, err)
	assert.Equal(t, "exempel", p.ID())
	assert.Equal(t, []string{"sv", "fi"}, p.Languages())
	b, err := p.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, string(ex), string(b))
}
