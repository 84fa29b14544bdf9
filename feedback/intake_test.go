package feedback_test

import (
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
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

func TestIntake(t *testing.T) {
	p := preset(t, "nykvarn")
	at := time.Date(2026, 3, 10, 9, 15, 0, 0, calendar.Location())
	s := validSubmission()
	s.Channel = "E-post"
	s.IdempotencyKey = strings.ToUpper(testKey)
	s.Recipient = "Förtroendevald"
	s.Contact = &feedback.Contact{Name: "  ", Email: " ", Phone: ""}
	c, err := feedback.Intake(s, at, p)
	require.NoError(t, err)
	assert.Equal(t, servicerules.Email, c.Channel)
	assert.Equal(t, testKey, c.IdempotencyKey)
	assert.Equal(t, feedback.ToElectedOfficial, c.Recipient)
	assert.Nil(t, c.Contact, "an empty contact is anonymous")
	assert.True(t, c.Anonymous())
	assert.True(t, c.Received.Equal(at))
	assert.Equal(t, uuid.Version(7), c.ID.Version())
	cl := classify.Message(s.Text)
	assert.Equal(t, lang.Swedish, c.Language, "the language is taken from classify.Message")
	assert.Equal(t, cl.Language, c.Language)
	assert.Equal(t, cl.Kind, c.Kind)
	assert.Equal(t, cl.RunnerUp, c.RunnerUp)
	assert.Equal(t, cl.Confidence, c.Confidence)
	assert.Equal(t, feedback.StatusReceived, c.Status)
	assert.Equal(t, p.ID(), c.Policy)
	assert.NotEqual(t, uuid.Nil, c.Token)
	assert.NotEqual(t, c.ID, c.Token)
	assert.Equal(t, c.Submission.Fingerprint(), c.SubmissionFingerprint, "the fingerprint of the canonical submission")
	require.Len(t, c.History, 1)
	assert.Equal(t, feedback.Change{Transition: feedback.Transition{To: feedback.StatusReceived, At: c.Received}}, c.History[0])
	assert.True(t, c.ReplyDue.IsZero(), "no reply to a message for an elected official")

	// A given language wins over the detected one, and an ID is kept.
	s = validSubmission()
	s.Language = "EN"
	s.ID = uuid.MustParse("01890a5d-ac96-774b-bcce-b302099a8057")
	s.Contact = &feedback.Contact{Email: " anna@exempel.se "}
	c, err = feedback.Intake(s, at, p)
	require.NoError(t, err)
	assert.Equal(t, lang.English, c.Language)
	assert.Equal(t, s.ID, c.ID)
	require.NotNil(t, c.Contact)
	assert.Equal(t, "anna@exempel.se", c.Contact.Email)
	assert.False(t, c.Anonymous())
	assert.False(t, c.ReplyDue.IsZero())
	// Intake copied the contact rather than changing the caller's.
	assert.Equal(t, " anna@exempel.se ", s.Contact.Email)

	// Finnish text without a language gets Finnish.
	s = validSubmission()
	s.Text = "Kiitos, lumityöt hoidettiin todella hyvin tänä talvena!"
	c, err = feedback.Intake(s, at, p)
	require.NoError(t, err)
	assert.Equal(t, lang.Finnish, c.Language)

	// A monotonic clock reading is dropped, so the case compares equal to
	// the one read back from a store.
	c, err = feedback.Intake(validSubmission(), time.Now(), p)
	require.NoError(t, err)
	assert.Equal(t, c.Received.Round(0), c.Received)

	_, err = feedback.Intake(feedback.Submission{}, at, p)
	assert.Equal(t, []string{"text:required", "channel:required", "idempotency_key:required"}, fieldCodes(t, err))
}

// TestIntakeChecksAsValidate: Intake refuses exactly what Validate refuses,
// with the same field errors, so a host need not call both.
func TestIntakeChecksAsValidate(t *testing.T) {
	p := preset(t, "nykvarn")
	at := sthlm(2026, 3, 10, 9, 0)
	for _, change := range []func(*feedback.Submission){
		func(*feedback.Submission) {},
		func(s *feedback.Submission) { s.Text = "" },
		func(s *feedback.Submission) { s.Channel, s.Language = "fax", "de" },
		func(s *feedback.Submission) { s.Contact = &feedback.Contact{Email: "@", Phone: "12", Name: "a\nb"} },
		func(s *feedback.Submission) { s.Recipient, s.IdempotencyKey = "kungen", "x" },
		func(s *feedback.Submission) { s.DecisionReceived = calendar.Date{Year: 1899, Month: 12, Day: 31} },
		func(s *feedback.Submission) { s.DecisionReceived = calendar.Date{Year: 2026, Month: 2, Day: 30} },
	} {
		s := validSubmission()
		change(&s)
		_, err := feedback.Intake(s, at, p)
		assert.Equal(t, fieldCodes(t, feedback.Validate(s)), fieldCodes(t, err))
	}
}

// draftOf returns the Draft that has s's text, channel, language,
// recipient, anonymity and decision date.
func draftOf(s feedback.Submission) feedback.Draft {
	return feedback.Draft{Text: s.Text, Channel: s.Channel, Language: s.Language, Recipient: s.Recipient,
		Anonymous: s.Anonymous(), DecisionReceived: s.DecisionReceived}
}

// TestPreviewGivesTheReceipt: for every preset, channel, language,
// recipient, kind of text, anonymity and decision date, at times around
// office close, a weekend and Christmas, Preview's receipt is the receipt of
// the case Intake makes, and its classification is Classify's.
func TestPreviewGivesTheReceipt(t *testing.T) {
	texts := []string{
		"Tack för ett fantastiskt bemötande i receptionen!",
		"Jag vill klaga på snöröjningen, den har varit usel hela vintern.",
		"Jag föreslår att biblioteket har öppet längre på lördagar.",
		"När töms soptunnorna på Storgatan?",
		"Gatlyktan vid skolan är trasig.",
		"Min bil fick en skada av hålet i vägen och jag vill ha ersättning.",
		"Jag vill överklaga beslutet om bygglov.",
		"Kiitos, lumityöt hoidettiin todella hyvin!",
		"xyz",
	}
	times := []time.Time{sthlm(2026, 3, 10, 9, 0), sthlm(2026, 3, 13, 16, 45), sthlm(2026, 12, 23, 15, 0)}
	decisions := []calendar.Date{{}, {Year: 2026, Month: 2, Day: 20}}
	contacts := []*feedback.Contact{nil, {Email: "anna@exempel.se"}, {Phone: "070-123 45 67"}, {Name: "Anna"}}
	for _, name := range servicerules.Presets() {
		t.Run(name, func(t *testing.T) {
			p := preset(t, name)
			n := 0
			for _, ch := range servicerules.Channels() {
				for _, l := range []lang.Lang{"", lang.Swedish, lang.Finnish, lang.English} {
					for _, rcpt := range []feedback.Recipient{feedback.ToOrganisation, feedback.ToElectedOfficial} {
						for i, text := range texts {
							// Each text meets every time, contact and
							// decision date across the channels.
							at := times[(i+n)%len(times)]
							s := feedback.Submission{
								IdempotencyKey:   uuid.NewString(),
								Channel:          ch,
								Text:             text,
								Language:         l,
								Recipient:        rcpt,
								Contact:          contacts[(i+n/len(times))%len(contacts)],
								DecisionReceived: decisions[(n/7)%len(decisions)],
							}
							n++
							c, err := feedback.Intake(s, at, p)
							require.NoError(t, err)
							cl, r, err := feedback.Preview(draftOf(s), at, p)
							require.NoError(t, err)
							want := c.Receipt(p)
							if !assert.Equal(t, want, r, "%s %s %q %s %v at %s", ch, l, text, rcpt, s.Contact, at) {
								return
							}
							assert.Equal(t, classify.Message(text), cl)
							assert.Equal(t, c.Kind, cl.Kind)
						}
					}
				}
			}
		})
	}
}

func TestPreviewChecksTheDraft(t *testing.T) {
	p := preset(t, "nykvarn")
	at := sthlm(2026, 3, 10, 9, 0)
	_, _, err := feedback.Preview(feedback.Draft{}, at, p)
	assert.Equal(t, []string{"text:required", "channel:required"}, fieldCodes(t, err), "a draft has no key and no contact to check")
	_, _, err = feedback.Preview(feedback.Draft{Text: "Hej\x00", Channel: "fax", Language: "de", Recipient: "kungen",
		DecisionReceived: calendar.Date{Year: 2201, Month: 1, Day: 1}}, at, p)
	assert.Equal(t, []string{"text:control_characters", "channel:unknown", "language:unknown", "recipient:unknown", "decision_received:out_of_range"},
		fieldCodes(t, err))
	_, _, err = feedback.Preview(feedback.Draft{Text: "Hej", Channel: servicerules.Web}, at, nil)
	assert.ErrorContains(t, err, "policy")

	// The channel by name, the language in capitals: read as Intake reads them.
	cl, r, err := feedback.Preview(feedback.Draft{Text: "När öppnar simhallen?", Channel: "E-post", Language: "FI"}, at, p)
	require.NoError(t, err)
	assert.Equal(t, message.Question, cl.Kind)
	assert.Equal(t, lang.Finnish, r.Language)
	require.NotNil(t, r.Due)
	assert.True(t, sthlm(2026, 3, 11, 16, 30).Equal(*r.Due))
}
