package feedback_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/classify"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/feedback/pii"
	"github.com/kommunkit/kommunkit/servicerules"
)

// TestSummaryMasksThePerson: a summary holds the text Intake redacted
// and a mask for each contact detail given, and nothing else of the person.
func TestSummaryMasksThePerson(t *testing.T) {
	p, err := servicerules.Preset("nykvarn")
	require.NoError(t, err)
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Location())
	text := "Personalen var otrevlig. Ring mig på 070-123 45 67 eller skriv till anna@exempel.se."
	c, err := feedback.Intake(feedback.Submission{IdempotencyKey: uuid.NewString(), Channel: servicerules.Email, Text: text,
		Contact: &feedback.Contact{Name: "Anna Andersson", Email: "anna@exempel.se"}}, at, p)
	require.NoError(t, err)

	assert.Equal(t, pii.Redact(text), c.RedactedText, "Intake redacts the text once")
	assert.Equal(t, text, c.Text, "and keeps the text as sent")
	sum := c.Summary()
	assert.Equal(t, c.RedactedText, sum.Text)
	assert.NotContains(t, sum.Text, "070-123 45 67")
	assert.NotContains(t, sum.Text, "anna@exempel.se")
	assert.Equal(t, &feedback.Contact{Name: feedback.MaskName, Email: pii.MaskEmail}, sum.Contact,
		"a mask for each detail given, none for the phone not given")
	assert.Equal(t, "Anna Andersson", c.Contact.Name, "Summary does not change the case")
	assert.False(t, sum.Anonymous())

	// A case made without Intake's redacted text is redacted all the same.
	c.RedactedText = ""
	assert.Equal(t, pii.Redact(text), c.Summary().Text)

	anon := c
	anon.Contact = nil
	assert.Nil(t, anon.Summary().Contact)
	assert.True(t, anon.Summary().Anonymous())
}

// TestSummaryRulesAgreeWithTheCase: the rules a list applies to a summary
// (Due, Overdue, RegistrationOverdue, MustRegister, Next, Anonymous,
// Receipt) answer as they do for the whole case, for cases of every kind
// and channel through their lifecycle, at instants over three weeks.
func TestSummaryRulesAgreeWithTheCase(t *testing.T) {
	p, err := servicerules.Preset("nykvarn")
	require.NoError(t, err)
	cal := p.Calendar()
	mon := time.Date(2026, 3, 9, 9, 0, 0, 0, calendar.Location())
	hours := func(h int) time.Time { return mon.Add(time.Duration(h) * time.Hour) }
	paths := [][]feedback.Transition{
		nil,
		{{To: feedback.StatusRegistered, At: hours(2), Unit: "Gata", DiaryNumber: "KS 2026/1"}},
		{{To: feedback.StatusInterimSent, At: hours(3), Text: "Vi svarar senast fredag.", Promised: hours(100)}},
		{{To: feedback.StatusInterimSent, At: hours(3), Text: "Vi återkommer."}},
		{{To: feedback.StatusWaiting, At: hours(4), Text: "Vilken adress?"}},
		{{To: feedback.StatusWaiting, At: hours(30)}, {To: feedback.StatusRegistered, At: hours(80)}},
		{{To: feedback.StatusAnswered, At: hours(5), Text: "Svar."}},
		{{To: feedback.StatusRegistered, At: hours(1)}, {To: feedback.StatusClosed, At: hours(6)}},
	}
	contacts := []*feedback.Contact{nil, {Name: "Anna"}, {Email: "anna@exempel.se"}, {Name: "Bo", Phone: "070-123 45 67"}}
	n := 0
	for _, kind := range append(message.Kinds(), "") {
		for i, ch := range servicerules.Channels() {
			contact := contacts[i%len(contacts)]
			sub := feedback.Submission{IdempotencyKey: uuid.NewString(), Channel: ch, Text: "Meddelande om " + string(kind), Contact: contact}
			if kind == message.Appeal {
				sub.DecisionReceived = calendar.Date{Year: 2026, Month: time.March, Day: 2}
			}
			if i%3 == 2 {
				sub.Recipient = feedback.ToElectedOfficial
			}
			base, err := feedback.NewCase(sub, mon, classify.Result{Kind: kind, Language: "sv", Confidence: 0.7}, p)
			require.NoError(t, err)
			for _, path := range paths {
				c := base
				for _, tr := range path {
					if c, err = c.Apply(tr, cal); err != nil {
						break
					}
				}
				if err != nil {
					continue // not legal for this case (a complaint about staff is registered first)
				}
				n++
				sum := c.Summary()
				name := string(kind) + "/" + string(ch) + "/" + string(c.Status)
				assert.Equal(t, c.Due(), sum.Due(), name)
				assert.Equal(t, c.MustRegister(), sum.MustRegister(), name)
				assert.Equal(t, c.Next(), sum.Next(), name)
				assert.Equal(t, c.Anonymous(), sum.Anonymous(), name)
				assert.Equal(t, c.Receipt(p), sum.Receipt(p), name)
				for h := 0; h < 21*24; h += 5 {
					at := hours(h)
					assert.Equal(t, c.Overdue(at), sum.Overdue(at), "%s at %s", name, at)
					assert.Equal(t, c.RegistrationOverdue(at), sum.RegistrationOverdue(at), "%s at %s", name, at)
				}
			}
		}
	}
	assert.Greater(t, n, 300, "cases compared")
}

// TestSummaryLeavesOutOnlyThePerson lists what a CaseSummary leaves out of
// a Case: every other field of Case has a field of the same name and type
// in CaseSummary, so a field added to Case is either shown in lists or
// left out here on purpose.
func TestSummaryLeavesOutOnlyThePerson(t *testing.T) {
	leftOut := map[string]string{
		"Token":                 "the receipt token is the person's key to the case",
		"IdempotencyKey":        "the client's key, of no use in a list",
		"SubmissionFingerprint": "for the store",
		"RedactedText":          "it is the summary's Text",
		"History":               "read with the whole case",
	}
	summary := map[string]string{}
	for _, f := range fields(feedback.CaseSummary{}) {
		summary[f.name] = f.typ
	}
	for _, f := range fields(feedback.Case{}) {
		if _, ok := leftOut[f.name]; ok {
			assert.NotContains(t, summary, f.name)
			continue
		}
		if assert.Contains(t, summary, f.name, "Case.%s is neither in CaseSummary nor left out on purpose", f.name) {
			assert.Equal(t, f.typ, summary[f.name], f.name)
		}
	}
	assert.True(t, strings.HasPrefix(summary["Text"], "string"))
}

type field struct{ name, typ string }

// fields lists the exported fields of the struct v, with those of embedded
// structs in their place, as the fields the struct is used by.
func fields(v any) []field {
	var out []field
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			switch {
			case f.Anonymous && f.Type.Kind() == reflect.Struct:
				walk(f.Type)
			case f.IsExported():
				out = append(out, field{f.Name, f.Type.String()})
			}
		}
	}
	walk(reflect.TypeOf(v))
	return out
}
