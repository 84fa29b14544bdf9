package feedback_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/feedback/plain"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

func TestReceipt(t *testing.T) {
	nykvarn := preset(t, "nykvarn")
	tue := sthlm(2026, 3, 10, 9, 0) // due Wednesday 11 March 16:30 under Nykvarn
	type want struct {
		due      bool
		appealBy bool
		has      []string // in the message
		hasNot   []string
	}
	tests := []struct {
		name   string
		policy *servicerules.Policy
		sub    feedback.Submission
		kind   message.Kind
		lang   lang.Lang
		want   want
	}{
		{"complaint with contact", nykvarn, feedback.Submission{Contact: withEmail}, message.Complaint, "sv",
			want{due: true, has: []string{"klagomål", "Du får svar senast onsdag 11 mars 2026 kl. 16:30.", "vem som svarar och när"}, hasNot: []string{"anonym", "inte svara dig"}}},
		{"praise in English", nykvarn, feedback.Submission{Contact: withEmail}, message.Praise, "en",
			want{due: true, has: []string{"praise", "by Wednesday 11 March 2026 at 16:30"}}},
		{"suggestion in Finnish", nykvarn, feedback.Submission{Contact: withEmail}, message.Suggestion, "fi",
			want{due: true, has: []string{"ehdotuksestasi", "viimeistään keskiviikko 11. maaliskuuta 2026 klo 16.30"}}},
		{"web follows the e-mail rule and says so", nykvarn, feedback.Submission{Channel: servicerules.Web, Contact: withEmail}, message.Suggestion, "sv",
			want{due: true, has: []string{"ingen svarstid för kanalen webbplats", "svarstiden för e-post"}}},
		{"no figure in the policy", preset(t, "hassleholm"), feedback.Submission{Contact: withEmail}, message.Complaint, "sv",
			want{due: false, has: []string{"anger ingen svarstid för kanalen e-post", "så snart vi kan"}, hasNot: []string{"senast"}}},
		{"anonymous complaint", nykvarn, feedback.Submission{}, message.Complaint, "sv",
			want{due: false, has: []string{"inte svara dig", "använder det"}, hasNot: []string{"senast"}}},
		{"anonymous in English", nykvarn, feedback.Submission{}, message.Praise, "en",
			want{due: false, has: []string{"cannot reply to you"}}},
		{"question with contact", nykvarn, feedback.Submission{Contact: withEmail}, message.Question, "sv",
			want{due: true, has: []string{"Tack för din fråga.", "senast onsdag 11 mars 2026"}}},
		{"anonymous question", nykvarn, feedback.Submission{}, message.Question, "sv",
			want{due: false, has: []string{"inte svara dig", "skicka frågan igen"}}},
		{"fault report", nykvarn, feedback.Submission{Contact: withEmail}, message.FaultReport, "sv",
			want{due: false, has: []string{"felanmälan", "hör av sig till dig"}, hasNot: []string{"senast"}}},
		{"anonymous fault report", nykvarn, feedback.Submission{}, message.FaultReport, "en",
			want{due: false, has: []string{"fault reporting", "cannot tell you when"}}},
		{"damage claim", nykvarn, feedback.Submission{Contact: withEmail}, message.DamageClaim, "sv",
			want{due: false, has: []string{"skadeanspråk", "skadeanmälan", "inte en synpunkt"}}},
		{"anonymous damage claim", nykvarn, feedback.Submission{}, message.DamageClaim, "fi",
			want{due: false, has: []string{"vahingonkorvausvaatimus", "yhteystietojesi kanssa"}}},
		{"appeal", nykvarn, feedback.Submission{Contact: withEmail}, message.Appeal, "sv",
			want{appealBy: true, has: []string{"En synpunkt ersätter inte ett överklagande.", "den myndighet som fattade beslutet",
				"vilket beslut", "varför", "vilken ändring", "senast tisdag 31 mars 2026", "förvaltningslagen 44 §", "räknat från i dag, tisdag 10 mars 2026"}}},
		{"appeal with the decision date", nykvarn, feedback.Submission{Contact: withEmail, DecisionReceived: calendar.Date{Year: 2026, Month: 3, Day: 2}}, message.Appeal, "en",
			want{appealBy: true, has: []string{"Feedback does not replace an appeal", "by Monday 23 March 2026"}, hasNot: []string{"counted from today"}}},
		{"appeal too late", nykvarn, feedback.Submission{DecisionReceived: calendar.Date{Year: 2026, Month: 1, Day: 12}}, message.Appeal, "sv",
			want{appealBy: true, has: []string{"senast måndag 2 februari 2026", "redan gått ut"}}},
		{"elected official", nykvarn, feedback.Submission{Contact: withEmail, Recipient: feedback.ToElectedOfficial}, message.Complaint, "sv",
			want{has: []string{"förtroendevald", "gäller inte", "registrator på kommun@nykvarn.se"}, hasNot: []string{"senast"}}},
		{"elected official, no address in the policy", preset(t, "ale"), feedback.Submission{Contact: withEmail, Recipient: feedback.ToElectedOfficial}, message.Question, "en",
			want{has: []string{"elected official", "registrar."}}},
		{"unclassified", nykvarn, feedback.Submission{Contact: withEmail}, "", "sv",
			want{due: true, has: []string{"Tack för ditt meddelande.", "senast"}}},
		{"unknown language gives Swedish", nykvarn, feedback.Submission{Contact: withEmail}, message.Praise, "",
			want{due: true, has: []string{"Tack för ditt beröm!"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.sub
			s.Language = tt.lang
			c := caseOf(t, tt.policy, s, tt.kind, tue)
			if tt.lang == "" {
				c.Language = "de"
			}
			r := c.Receipt(tt.policy)
			assert.Equal(t, tt.kind, r.Kind)
			if tt.lang != "" {
				assert.Equal(t, tt.lang, r.Language)
			} else {
				assert.Equal(t, lang.Swedish, r.Language)
			}
			assert.True(t, utf8.ValidString(r.Message))
			for _, h := range tt.want.has {
				assert.Contains(t, r.Message, h)
			}
			for _, h := range tt.want.hasNot {
				assert.NotContains(t, r.Message, h)
			}
			if tt.want.due {
				require.NotNil(t, r.Due)
				assert.Equal(t, c.ReplyDue, *r.Due)
			} else {
				assert.Nil(t, r.Due)
			}
			assert.Equal(t, tt.want.appealBy, r.AppealBy != nil)
		})
	}
}

func TestReceiptAppealDeadline(t *testing.T) {
	p := preset(t, "nykvarn")
	tests := []struct {
		decision calendar.Date
		want     time.Time
	}{
		// Three weeks after a Monday is a Monday.
		{calendar.Date{Year: 2026, Month: 3, Day: 2}, sthlm(2026, 3, 23, 23, 59).Add(59 * time.Second)},
		// 30 May + 21 days is midsommardagen (Saturday 20 June): moved to Monday 22 June.
		{calendar.Date{Year: 2026, Month: 5, Day: 30}, sthlm(2026, 6, 22, 23, 59).Add(59 * time.Second)},
		// 4 December + 21 days is juldagen: moved past annandag jul and the weekend to Monday 28 December.
		{calendar.Date{Year: 2026, Month: 12, Day: 4}, sthlm(2026, 12, 28, 23, 59).Add(59 * time.Second)},
	}
	for _, tt := range tests {
		c := caseOf(t, p, feedback.Submission{Contact: withEmail, DecisionReceived: tt.decision}, message.Appeal, sthlm(2026, 3, 10, 9, 0))
		r := c.Receipt(p)
		require.NotNil(t, r.AppealBy)
		assert.Equal(t, tt.want.String(), r.AppealBy.String(), tt.decision.String())
		assert.Contains(t, r.Message, calendar.DateOf(tt.want).Format("sv"))
	}
}

// TestReceiptIsPlainSwedish runs the plain-language check over every Swedish
// receipt: easy to read, short sentences, no bureaucratic words.
func TestReceiptIsPlainSwedish(t *testing.T) {
	for _, pname := range []string{"nykvarn", "hassleholm", "ale"} {
		p := preset(t, pname)
		for _, kind := range append(message.Kinds(), "") {
			for _, contact := range []*feedback.Contact{nil, withEmail} {
				for _, rcpt := range []feedback.Recipient{feedback.ToOrganisation, feedback.ToElectedOfficial} {
					c := caseOf(t, p, feedback.Submission{Contact: contact, Recipient: rcpt, Channel: servicerules.Web, Language: "sv"}, kind, sthlm(2026, 3, 10, 9, 0))
					msg := c.Receipt(p).Message
					rep := plain.Check(msg)
					assert.Less(t, rep.LIX, 40.0, "%s %s: %s", pname, kind, msg)
					for _, f := range rep.Findings {
						assert.NotEqual(t, plain.LongSentence, f.Kind, "%q", f.Text)
						assert.NotEqual(t, plain.Bureaucratic, f.Kind, "%q", f.Text)
					}
					for _, sentence := range strings.Split(msg, ". ") {
						assert.LessOrEqual(t, len(strings.Fields(sentence)), 30, sentence)
					}
				}
			}
		}
	}
}
