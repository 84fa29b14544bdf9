package servicerules

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
)

// minimal is the smallest policy Parse accepts, with one reply rule.
const minimal = `{
  "id": "mini",
  "source": {"organisation": "Minikommun", "title": "Servicepolicy", "date": "2025-01-01"},
  "calendar": {},
  "replies": [
    {"channels": ["email"], "audiences": ["external"], "limit": "2 arbetsdagar",
     "citations": [{"section": "Svarstid", "quote": "E-post besvaras inom två arbetsdagar."}]}
  ]
}`

func TestParseMinimal(t *testing.T) {
	p, err := Parse([]byte(minimal))
	require.NoError(t, err)
	assert.Equal(t, "mini", p.ID())
	due, ok := p.ReplyDue(Email, External, sthlm(2026, 12, 23, 15, 0))
	require.True(t, ok)
	assert.Equal(t, sthlm(2026, 12, 29, 16, 30).UTC(), due.UTC())
	_, ok = p.OfficeHours()
	assert.False(t, ok)
	assert.Nil(t, p.CheckAbsence(Absence{From: sthlm(2026, 1, 1, 0, 0), To: sthlm(2026, 2, 1, 0, 0)}))
}

// Each bad policy is rejected with an error that names the field and quotes
// the value.
func TestParseErrors(t *testing.T) {
	with := func(old, new string) string {
		if !strings.Contains(minimal, old) {
			panic("test setup: " + old)
		}
		return strings.Replace(minimal, old, new, 1)
	}
	addReply := func(rule string) string {
		return with(`"replies": [`, `"replies": [`+rule+`,`)
	}
	cite := `"citations": [{"section": "S", "quote": "Q"}]`
	tests := []struct {
		name, doc string
		want      []string // substrings of the error
	}{
		{"empty", ``, []string{"empty"}},
		{"not an object", `[1, 2]`, []string{"want an object"}},
		{"syntax", `{"id": "x",}`, []string{"invalid JSON at byte"}},
		{"truncated", `{"id": "x"`, []string{"ends too early"}},
		{"trailing data", minimal + `{}`, []string{"data after the policy"}},
		{"unknown field", with(`"id": "mini",`, `"id": "mini", "colour": "red",`), []string{`unknown field "colour"`}},
		{"unknown nested field", with(`"limit": "2 arbetsdagar",`, `"limit": "2 arbetsdagar", "deadline": 3,`), []string{`unknown field "deadline"`}},
		{"wrong type", with(`"id": "mini"`, `"id": 7`), []string{"id", "want a string"}},
		{"missing id", with(`"id": "mini",`, ``), []string{"id", "missing"}},
		{"bad id", with(`"id": "mini"`, `"id": "Mini Kommun"`), []string{"id", `"Mini Kommun"`}},
		{"missing title", with(`"title": "Servicepolicy", `, ``), []string{"source.title", "missing"}},
		{"bad date", with(`"date": "2025-01-01"`, `"date": "2025-02-30"`), []string{"source.date", `"2025-02-30"`}},
		{"unknown channel", with(`"channels": ["email"]`, `"channels": ["fax"]`), []string{"replies[0].channels[0]", `"fax"`, "unknown channel"}},
		{"channel twice", with(`"channels": ["email"]`, `"channels": ["email", "email"]`), []string{"replies[0].channels[1]", "twice"}},
		{"no channels", with(`"channels": ["email"]`, `"channels": []`), []string{"replies[0].channels", "missing"}},
		{"unknown audience", with(`"audiences": ["external"]`, `"audiences": ["press"]`), []string{"replies[0].audiences[0]", `"press"`}},
		{"no audiences", with(`"audiences": ["external"], `, ``), []string{"replies[0].audiences", "missing"}},
		{"bad span", with(`"2 arbetsdagar"`, `"2 veckodagar"`), []string{"replies[0].limit", `"2 veckodagar"`}},
		{"negative span", with(`"2 arbetsdagar"`, `"-2 arbetsdagar"`), []string{"replies[0].limit", `"-2 arbetsdagar"`}},
		{"target without limit", with(`"limit": "2 arbetsdagar"`, `"target": "2 arbetsdagar"`), []string{"replies[0].limit", "needs the limit"}},
		{"target beyond limit", with(`"limit": "2 arbetsdagar"`, `"limit": "2 arbetsdagar", "target": "3 arbetsdagar"`), []string{"replies[0].target", `"3 arbetsdagar"`, "longer than the limit"}},
		{"unknown basis", with(`"limit": "2 arbetsdagar"`, `"limit": "2 arbetsdagar", "basis": "hope"`), []string{"replies[0].basis", `"hope"`}},
		{"no citation", with(`,
     "citations": [{"section": "Svarstid", "quote": "E-post besvaras inom två arbetsdagar."}]`, ``), []string{"replies[0].citations", "missing"}},
		{"empty citation", with(`{"section": "Svarstid", "quote": "E-post besvaras inom två arbetsdagar."}`, `{}`), []string{"replies[0].citations[0]"}},
		{"rule twice", addReply(`{"channels": ["email"], "audiences": ["external"], "limit": "1 arbetsdag", ` + cite + `}`), []string{"replies[1].channels", `"email"`, "replies[0] already"}},
		{"follows itself", addReply(`{"channels": ["sms"], "audiences": ["external"], "follows": "sms", ` + cite + `}`), []string{"replies[0].follows", `"sms"`, "itself"}},
		{"follows with limit", addReply(`{"channels": ["sms"], "audiences": ["external"], "follows": "email", "limit": "1 arbetsdag", ` + cite + `}`), []string{"replies[0].follows", "no limit"}},
		{"follows unknown channel", addReply(`{"channels": ["sms"], "audiences": ["external"], "follows": "pigeon", ` + cite + `}`), []string{"replies[0].follows", `"pigeon"`}},
		{"follow cycle", addReply(`{"channels": ["sms"], "audiences": ["external"], "follows": "phone", ` + cite + `}, {"channels": ["phone"], "audiences": ["external"], "follows": "chat", ` + cite + `}, {"channels": ["chat"], "audiences": ["external"], "follows": "sms", ` + cite + `}`),
			[]string{"follows", "circle", "sms → phone → chat → sms"}},
		{"impossible hours", with(`"calendar": {}`, `"calendar": {"officeHours": {"weekdays": ["25:00-26:00"], `+cite+`}}`), []string{"calendar.officeHours.weekdays[0]", `"25:00-26:00"`, "impossible hours"}},
		{"hours backwards", with(`"calendar": {}`, `"calendar": {"officeHours": {"weekdays": ["16:30-08:00"], `+cite+`}}`), []string{"calendar.officeHours.weekdays[0]", `"16:30-08:00"`}},
		{"overlapping hours", with(`"calendar": {}`, `"calendar": {"officeHours": {"monday": ["08:00-12:00", "11:00-16:00"], `+cite+`}}`), []string{"calendar.officeHours.monday[1]", `"11:00-16:00"`, "overlaps"}},
		{"empty day", with(`"calendar": {}`, `"calendar": {"officeHours": {"weekdays": ["08:00-16:00"], "friday": [], `+cite+`}}`), []string{"calendar.officeHours.friday", "empty list"}},
		{"no hours at all", with(`"calendar": {}`, `"calendar": {"officeHours": {`+cite+`}}`), []string{"calendar.officeHours", "no hours"}},
		{"hours without citation", with(`"calendar": {}`, `"calendar": {"officeHours": {"weekdays": ["08:00-16:00"]}}`), []string{"calendar.officeHours.citations", "missing"}},
		{"unknown short days", with(`"calendar": {}`, `"calendar": {"shortDays": "all"}`), []string{"calendar.shortDays", `"all"`}},
		{"bad closure", with(`"calendar": {}`, `"calendar": {"closures": [{"date": "2026-13-01", "reason": "x"}]}`), []string{"calendar.closures[0].date", `"2026-13-01"`}},
		{"closure without reason", with(`"calendar": {}`, `"calendar": {"closures": [{"date": "2026-05-15"}]}`), []string{"calendar.closures[0].reason", "missing"}},
		{"closure twice", with(`"calendar": {}`, `"calendar": {"closures": [{"date": "2026-05-15", "reason": "a"}, {"date": "2026-05-15", "reason": "b"}]}`), []string{"calendar.closures[1].date", "twice"}},
		{"unknown staffing", with(`"calendar": {},`, `"calendar": {}, "channels": [{"channel": "phone", "staffed": "sometimes", `+cite+`}],`), []string{"channels[0].staffed", `"sometimes"`}},
		{"own hours missing", with(`"calendar": {},`, `"calendar": {}, "channels": [{"channel": "phone", "staffed": "own-hours", `+cite+`}],`), []string{"channels[0].hours", "missing"}},
		{"hours without own-hours", with(`"calendar": {},`, `"calendar": {}, "channels": [{"channel": "phone", "hours": {"weekdays": ["09:00-12:00"], `+cite+`}, `+cite+`}],`), []string{"channels[0].hours", "own-hours"}},
		{"bad channel hours", with(`"calendar": {},`, `"calendar": {}, "channels": [{"channel": "phone", "staffed": "own-hours", "hours": {"weekdays": ["9-12"], `+cite+`}, `+cite+`}],`), []string{"channels[0].hours.weekdays[0]", `"9-12"`}},
		{"instead itself", with(`"calendar": {},`, `"calendar": {}, "channels": [{"channel": "phone", "instead": "phone", `+cite+`}],`), []string{"channels[0].instead", `"phone"`}},
		{"channel named twice", with(`"calendar": {},`, `"calendar": {}, "channels": [{"channel": "phone", `+cite+`}, {"channel": "phone", `+cite+`}],`), []string{"channels[1].channel", "twice"}},
		{"unknown channel in channels", with(`"calendar": {},`, `"calendar": {}, "channels": [{"channel": "telex", `+cite+`}],`), []string{"channels[0].channel", `"telex"`}},
		{"interim says nothing", with(`"calendar": {},`, `"calendar": {}, "interim": {`+cite+`},`), []string{"interim", "tellWho"}},
		{"rings impossible", with(`"calendar": {},`, `"calendar": {}, "phone": {"rings": {"max": 0, `+cite+`}},`), []string{"phone.rings.max", `"0"`, "impossible"}},
		{"rings too many", with(`"calendar": {},`, `"calendar": {}, "phone": {"rings": {"max": 400, `+cite+`}},`), []string{"phone.rings.max", `"400"`}},
		{"unknown answerer", with(`"calendar": {},`, `"calendar": {}, "phone": {"greetings": [{"answerer": "robot", "says": "hej", `+cite+`}]},`), []string{"phone.greetings[0].answerer", `"robot"`}},
		{"empty voicemail", with(`"calendar": {},`, `"calendar": {}, "phone": {"voicemail": {`+cite+`}},`), []string{"phone.voicemail", "empty"}},
		{"contact without address", with(`"calendar": {},`, `"calendar": {}, "contacts": {"points": [{"channel": "email", `+cite+`}]},`), []string{"contacts.points[0].address", "missing"}},
		{"bad language", with(`"calendar": {},`, `"calendar": {}, "languages": [{"lang": "Finnish", "basis": "x", `+cite+`}],`), []string{"languages[0].lang", `"Finnish"`}},
		{"swedish as a right", with(`"calendar": {},`, `"calendar": {}, "languages": [{"lang": "sv", "basis": "x", `+cite+`}],`), []string{"languages[0].lang", `"sv"`}},
		{"unknown requirement", with(`"calendar": {},`, `"calendar": {}, "absence": [{"require": "smile", `+cite+`}],`), []string{"absence[0].require", `"smile"`}},
		{"bad absence span", with(`"calendar": {},`, `"calendar": {}, "absence": [{"require": "email-message", "longerThan": "a while", `+cite+`}],`), []string{"absence[0].longerThan", `"a while"`}},
		{"unknown step", with(`"calendar": {},`, `"calendar": {}, "routing": [{"step": "pray", `+cite+`}],`), []string{"routing[0].step", `"pray"`}},
		{"step twice", with(`"calendar": {},`, `"calendar": {}, "routing": [{"step": "forward", `+cite+`}, {"step": "forward", `+cite+`}],`), []string{"routing[1].step", "twice"}},
		{"unknown topic", with(`"calendar": {},`, `"calendar": {}, "notStated": {"weather": "not stated"},`), []string{`notStated["weather"]`, "unknown topic"}},
		{"empty note", with(`"calendar": {},`, `"calendar": {}, "notStated": {"officeHours": " "},`), []string{`notStated["officeHours"]`, "missing"}},
		{"stated and not stated", with(`"calendar": {},`, `"calendar": {}, "notStated": {"reply.email": "not stated"},`), []string{`notStated["reply.email"]`, "states this topic", "replies[0]"}},
		{"too large", `{"id": "` + strings.Repeat("a", MaxPolicySize) + `"}`, []string{"larger than"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse([]byte(tt.doc))
			require.Error(t, err)
			assert.Nil(t, p)
			assert.True(t, strings.HasPrefix(err.Error(), "servicerules: "), err.Error())
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestParseFieldError(t *testing.T) {
	_, err := Parse([]byte(strings.Replace(minimal, `["email"]`, `["fax"]`, 1)))
	var fe *FieldError
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, "replies[0].channels[0]", fe.Field)
	assert.Equal(t, "fax", fe.Value)
	assert.Contains(t, fe.Reason, "unknown channel")
}

// An error that comes from another package's error wraps it.
func TestParseErrorsWrap(t *testing.T) {
	_, err := Parse([]byte(`{"id": `))
	require.Error(t, err)
	assert.Equal(t, "servicerules: policy JSON ends too early", err.Error())

	_, err = Parse([]byte(`{"id": "x",}`))
	var syn *json.SyntaxError
	require.True(t, errors.As(err, &syn), "%v", err)
	assert.Equal(t, "servicerules: invalid JSON at byte 12: invalid character '}' looking for beginning of object key string", err.Error())

	_, err = Parse([]byte(strings.Replace(minimal, `"2 arbetsdagar"`, `"2 fortnights"`, 1)))
	var fe *FieldError
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, "replies[0].limit", fe.Field)
	require.Error(t, errors.Unwrap(fe))
	assert.Equal(t, `calendar: invalid span "2 fortnights": unknown unit "fortnights"`, errors.Unwrap(fe).Error())
	assert.Nil(t, errors.Unwrap(&FieldError{Field: "f", Reason: "r"}))
}

// Lists written as [] read back the same as lists left out, so a policy
// always round-trips.
func TestParseNormalisesEmptyLists(t *testing.T) {
	doc := strings.Replace(minimal, `"calendar": {},`, `"calendar": {"closures": []}, "channels": [], "absence": [], "notStated": {},`, 1)
	p, err := Parse([]byte(doc))
	require.NoError(t, err)
	q, err := Parse([]byte(minimal))
	require.NoError(t, err)
	assert.Equal(t, q.doc, p.doc)
}

// An organisation's own hours, closures and short days reach ReplyDue.
func TestParseCalendarSettings(t *testing.T) {
	doc := strings.Replace(minimal, `"calendar": {}`, `"calendar": {
	  "officeHours": {"weekdays": ["8.00–12.00", "13:00-16:00"], "citations": [{"section": "S", "quote": "Q"}]},
	  "closures": [{"date": "2026-12-28", "reason": "mellandagsstängt"}]}`, 1)
	p, err := Parse([]byte(doc))
	require.NoError(t, err)
	// Received Wed 23 Dec 15:00: 2 working days, with 28 December closed, is
	// Wednesday 30 December at 16:00.
	due, ok := p.ReplyDue(Email, External, sthlm(2026, 12, 23, 15, 0))
	require.True(t, ok)
	assert.Equal(t, sthlm(2026, 12, 30, 16, 0).UTC(), due.UTC())
	b, err := p.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(b), `"weekdays":["08:00-12:00","13:00-16:00"]`)
	assert.Contains(t, string(b), `"closures":[{"date":"2026-12-28","reason":"mellandagsstängt"}]`)

	assert.Equal(t, []calendar.Closure{{Date: calendar.Date{Year: 2026, Month: time.December, Day: 28}, Reason: "mellandagsstängt"}}, p.Closures())
	why, ok := p.Calendar().Why(p.Closures()[0].Date)
	require.True(t, ok)
	assert.Equal(t, "stängt: mellandagsstängt", why.Text("sv"))
	assert.Equal(t, "", p.ShortDays())
	q, err := Parse([]byte(strings.Replace(minimal, `"calendar": {}`, `"calendar": {"shortDays": "state-agreement"}`, 1)))
	require.NoError(t, err)
	assert.Equal(t, ShortDaysStateAgreement, q.ShortDays())
	assert.Empty(t, q.Closures())
}

func TestMarshalNil(t *testing.T) {
	var p *Policy
	b, err := p.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
}

// FuzzParse looks for input that makes Parse panic, and checks that whatever
// Parse accepts round-trips through JSON.
func FuzzParse(f *testing.F) {
	for _, name := range Presets() {
		b, err := presetFiles.ReadFile("presets/" + name + ".json")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	ex, err := os.ReadFile("testdata/example.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(ex)
	f.Add([]byte(minimal))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"id":"x","source":{"organisation":"o","title":"t","date":"2025-01-01"},"calendar":{"officeHours":{"weekdays":["00:00-24:00"],"citations":[{"quote":"q"}]}},"replies":[{"channels":["sms"],"audiences":["internal"],"follows":"sms","citations":[{"quote":"q"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data)
		if err != nil {
			if p != nil {
				t.Fatal("policy and error")
			}
			return
		}
		b1, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := Parse(b1)
		if err != nil {
			t.Fatalf("written policy does not parse: %v\n%s", err, b1)
		}
		b2, _ := json.Marshal(q)
		if string(b1) != string(b2) {
			t.Fatalf("round trip changed the policy:\n%s\n%s", b1, b2)
		}
		// Asking questions of an accepted policy must not panic either.
		at := sthlm(2026, 12, 23, 15, 0)
		for _, ch := range Channels() {
			p.ReplyDue(ch, External, at)
			p.ReplyDue(ch, Internal, at)
			if r, ok := p.Reach(ch, at); ok {
				_ = r.Text("sv")
			}
		}
		p.CheckAbsence(Absence{From: at, To: at.Add(72e9 * 3600)})
	})
}
