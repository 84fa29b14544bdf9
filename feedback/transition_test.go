package feedback_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/message"
)

// TestTransitionValidate: what staff write in a transition is held to the
// rules of a submission's text (issue 10, finding 9): at most
// MaxReplyRunes characters, no NUL, C0 or C1 controls, no bidirectional
// overrides or isolates, and dates within EarliestDate and LatestDate.
func TestTransitionValidate(t *testing.T) {
	at := sthlm(2026, 3, 10, 9, 0)
	long := strings.Repeat("å", feedback.MaxReplyRunes+1)
	bad := map[string]string{
		"too long": long,
		"RLO":      "Svaret är \u202egnal",
		"NUL":      "Svar\x00et",
		"LRI":      "Svar \u2066x\u2069",
		"C1 NEL":   "Svar\u0085et",
		"lone CR":  "Svar\ret",
	}
	code := map[string]string{"too long": feedback.CodeTooLong}
	type field struct {
		name string
		set  func(*feedback.Transition, string)
	}
	texts := []struct {
		name string
		to   feedback.Status
	}{{"reply_text", feedback.StatusAnswered}, {"interim_text", feedback.StatusInterimSent}, {"waiting_text", feedback.StatusWaiting}}
	var fields []field
	for _, tx := range texts {
		fields = append(fields, field{tx.name, func(tr *feedback.Transition, v string) { tr.To, tr.Text = tx.to, v }})
	}
	fields = append(fields,
		field{"unit", func(tr *feedback.Transition, v string) { tr.Unit = v }},
		field{"diary_number", func(tr *feedback.Transition, v string) { tr.To, tr.DiaryNumber = feedback.StatusRegistered, v }},
		field{"by", func(tr *feedback.Transition, v string) { tr.By = v }},
	)
	wantField := map[string]string{"reply_text": "text", "interim_text": "text", "waiting_text": "text", "unit": "unit", "diary_number": "diary_number", "by": "by"}
	for _, f := range fields {
		for name, v := range bad {
			if name == "too long" && wantField[f.name] != "text" {
				v = strings.Repeat("x", feedback.MaxLabelRunes+1)
			}
			t.Run(f.name+"/"+name, func(t *testing.T) {
				tr := feedback.Transition{To: feedback.StatusClosed, At: at}
				f.set(&tr, v)
				err := tr.Validate()
				var ve *feedback.ValidationError
				require.ErrorAs(t, err, &ve)
				fe, ok := ve.Field(wantField[f.name])
				require.True(t, ok, "%v", err)
				want := feedback.CodeControlCharacters
				if c, ok := code[name]; ok {
					want = c
				}
				assert.Equal(t, want, fe.Code)
				assert.NotEmpty(t, fe.Message.Sv)
				assert.NotEmpty(t, fe.Message.Fi)
				assert.NotEmpty(t, fe.Message.En)
				assert.Len(t, ve.Fields, 1, "only the bad field: %v", err)
			})
		}
	}
	// A line break is a control character in a single-line field.
	for _, f := range fields[len(texts):] {
		tr := feedback.Transition{To: feedback.StatusClosed, At: at}
		f.set(&tr, "Gata\npark")
		assert.Error(t, tr.Validate(), f.name)
	}

	// Valid texts pass: several lines in Swedish with å, ä and ö, CR LF
	// from a browser form, a tab, exactly the limit, and marks of
	// direction.
	good := []feedback.Transition{
		{To: feedback.StatusAnswered, At: at, Text: "Hej!\n\nVi har åtgärdat hålet på Storgatan.\r\nMed vänliga hälsningar\tGata/park, Nykvarns kommun"},
		{To: feedback.StatusAnswered, At: at, Text: strings.Repeat("ö", feedback.MaxReplyRunes)},
		{To: feedback.StatusInterimSent, At: at, Text: "Vi svarar senast fredag.", Promised: at.Add(72 * time.Hour)},
		{To: feedback.StatusRegistered, At: at, By: "Åsa Öberg", Unit: "Miljö- och hälsoskyddsenheten", DiaryNumber: "KS 2026/0042"},
		{To: feedback.StatusWaiting, At: at, Text: "Vilket datum gällde det? Käytämme myös suomea. \u200eLRM\u200f"},
		{To: feedback.StatusRegistered, At: at, Unit: strings.Repeat("ä", feedback.MaxLabelRunes)},
		{To: feedback.StatusClosed, At: at},
	}
	for _, tr := range good {
		assert.NoError(t, tr.Validate(), "%+v", tr.Text)
	}
}

// TestTransitionValidateDates: a time of a transition outside
// EarliestDate and LatestDate is refused with CodeOutOfRange on its field.
func TestTransitionValidateDates(t *testing.T) {
	at := sthlm(2026, 3, 10, 9, 0)
	for _, tc := range []struct {
		tr    feedback.Transition
		field string
	}{
		{feedback.Transition{To: feedback.StatusInterimSent, At: at, Promised: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)}, "promised"},
		{feedback.Transition{To: feedback.StatusInterimSent, At: at, Promised: sthlm(2201, 1, 1, 0, 0)}, "promised"},
		{feedback.Transition{To: feedback.StatusAnswered, At: sthlm(1899, 12, 31, 23, 59), Text: "Svar"}, "at"},
		{feedback.Transition{To: feedback.StatusAnswered, At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), Text: "Svar"}, "at"},
	} {
		var ve *feedback.ValidationError
		require.ErrorAs(t, tc.tr.Validate(), &ve)
		fe, ok := ve.Field(tc.field)
		require.True(t, ok, "%v", ve)
		assert.Equal(t, feedback.CodeOutOfRange, fe.Code)
	}
	ok := feedback.Transition{To: feedback.StatusInterimSent, At: at, Promised: sthlm(2200, 12, 31, 16, 0)}
	assert.NoError(t, ok.Validate())
}

// TestApplyValidates: Case.Apply refuses what Validate refuses, with the
// *ValidationError, and leaves the case as it was.
func TestApplyValidates(t *testing.T) {
	p := preset(t, "nykvarn")
	at := sthlm(2026, 3, 10, 9, 0)
	c := caseOf(t, p, feedback.Submission{Contact: withEmail}, message.Question, at)
	got, err := c.Apply(feedback.Transition{To: feedback.StatusAnswered, At: at.Add(time.Hour), Text: "Hej \u202eråd"}, p.Calendar())
	var ve *feedback.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.False(t, errors.Is(err, feedback.ErrIllegalTransition))
	_, ok := ve.Field("text")
	assert.True(t, ok)
	assert.Equal(t, feedback.StatusReceived, got.Status)
	assert.Empty(t, got.ReplyText)
	assert.Len(t, got.History, 1)
}
