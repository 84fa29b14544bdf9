package feedback_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

const testKey = "0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b"

func validSubmission() feedback.Submission {
	return feedback.Submission{
		IdempotencyKey: testKey,
		Channel:        servicerules.Web,
		Text:           "Snöröjningen på Storgatan var bra i år.",
	}
}

// fieldCodes returns field:code for each error in err.
func fieldCodes(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *feedback.ValidationError
	require.True(t, errors.As(err, &ve), "error %v is not a *ValidationError", err)
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*feedback.Submission)
		want   []string
	}{
		{"valid", func(*feedback.Submission) {}, nil},
		{"valid with contact", func(s *feedback.Submission) {
			s.Contact = &feedback.Contact{Name: "Åsa Öberg", Email: "asa.oberg@exempel.se", Phone: "070-123 45 67"}
		}, nil},
		{"channel by Swedish name", func(s *feedback.Submission) { s.Channel = "e-post" }, nil},
		{"language given", func(s *feedback.Submission) { s.Language = "FI" }, nil},
		{"elected official", func(s *feedback.Submission) { s.Recipient = "förtroendevald" }, nil},
		{"key in upper case", func(s *feedback.Submission) { s.IdempotencyKey = strings.ToUpper(testKey) }, nil},
		{"CRLF and tabs allowed", func(s *feedback.Submission) { s.Text = "Rad ett\r\nRad två\tmed tabb" }, nil},
		{"text exactly at the limit", func(s *feedback.Submission) { s.Text = strings.Repeat("ö", feedback.MaxTextRunes) }, nil},

		{"empty text", func(s *feedback.Submission) { s.Text = "" }, []string{"text:required"}},
		{"blank text", func(s *feedback.Submission) { s.Text = " \n\t " }, []string{"text:required"}},
		{"text too long in runes", func(s *feedback.Submission) { s.Text = strings.Repeat("ö", feedback.MaxTextRunes+1) }, []string{"text:too_long"}},
		{"NUL in text", func(s *feedback.Submission) { s.Text = "hej\x00då" }, []string{"text:control_characters"}},
		{"lone CR in text", func(s *feedback.Submission) { s.Text = "hej\rdå" }, []string{"text:control_characters"}},
		{"escape in text", func(s *feedback.Submission) { s.Text = "hej \x1b[31m" }, []string{"text:control_characters"}},
		{"C1 control in text", func(s *feedback.Submission) { s.Text = "hej \u0085 då" }, []string{"text:control_characters"}},
		{"bidi override in text", func(s *feedback.Submission) { s.Text = "hej \u202e då" }, []string{"text:control_characters"}},
		{"invalid UTF-8", func(s *feedback.Submission) { s.Text = "hej \xff då" }, []string{"text:invalid_utf8"}},
		{"too long and control", func(s *feedback.Submission) { s.Text = strings.Repeat("a", feedback.MaxTextRunes) + "\x07" },
			[]string{"text:too_long", "text:control_characters"}},

		{"missing channel", func(s *feedback.Submission) { s.Channel = "" }, []string{"channel:required"}},
		{"unknown channel", func(s *feedback.Submission) { s.Channel = "pigeon" }, []string{"channel:unknown"}},
		{"unknown language", func(s *feedback.Submission) { s.Language = "de" }, []string{"language:unknown"}},
		{"bad e-mail", func(s *feedback.Submission) { s.Contact = &feedback.Contact{Email: "anna.example.se"} }, []string{"contact.email:invalid"}},
		{"bad phone", func(s *feedback.Submission) { s.Contact = &feedback.Contact{Phone: "ring mig"} }, []string{"contact.phone:invalid"}},
		{"name too long", func(s *feedback.Submission) { s.Contact = &feedback.Contact{Name: strings.Repeat("x", 201)} }, []string{"contact.name:too_long"}},
		{"name with newline", func(s *feedback.Submission) { s.Contact = &feedback.Contact{Name: "Anna\nAndersson"} }, []string{"contact.name:control_characters"}},
		{"unknown recipient", func(s *feedback.Submission) { s.Recipient = "kungen" }, []string{"recipient:unknown"}},
		{"missing key", func(s *feedback.Submission) { s.IdempotencyKey = "" }, []string{"idempotency_key:required"}},
		{"key not a UUID", func(s *feedback.Submission) { s.IdempotencyKey = "abc" }, []string{"idempotency_key:invalid"}},
		{"key in braces", func(s *feedback.Submission) { s.IdempotencyKey = "{" + testKey + "}" }, []string{"idempotency_key:invalid"}},
		{"nil key", func(s *feedback.Submission) { s.IdempotencyKey = uuid.Nil.String() }, []string{"idempotency_key:invalid"}},
		{"impossible decision date", func(s *feedback.Submission) { s.DecisionReceived = calendar.Date{Year: 2026, Month: 2, Day: 30} },
			[]string{"decision_received:invalid"}},
		{"decision date out of range", func(s *feedback.Submission) { s.DecisionReceived = calendar.Date{Year: 1899, Month: 12, Day: 31} },
			[]string{"decision_received:out_of_range"}},
		{"decision date at the bounds", func(s *feedback.Submission) { s.DecisionReceived = feedback.LatestDate }, nil},

		{"everything wrong at once", func(s *feedback.Submission) {
			*s = feedback.Submission{Channel: "fax machine", Language: "xx", Recipient: "?",
				Contact: &feedback.Contact{Email: "@", Phone: "12"}}
		}, []string{"text:required", "channel:unknown", "language:unknown", "contact.email:invalid",
			"contact.phone:invalid", "recipient:unknown", "idempotency_key:required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSubmission()
			tt.change(&s)
			err := feedback.Validate(s)
			assert.Equal(t, tt.want, fieldCodes(t, err))
			if err != nil {
				var ve *feedback.ValidationError
				require.ErrorAs(t, err, &ve)
				for _, f := range ve.Fields {
					assert.NotEmpty(t, f.Message.Sv)
					assert.NotEmpty(t, f.Message.Fi)
					assert.NotEmpty(t, f.Message.En)
					assert.Equal(t, f.Message.Fi, f.Message.In(lang.Finnish))
					assert.Equal(t, f.Message.Sv, f.Message.In("de"))
					assert.Contains(t, err.Error(), f.Field)
				}
			}
		})
	}
}

func TestValidateQuotesTheValue(t *testing.T) {
	s := validSubmission()
	s.Channel = "brevduva"
	s.Contact = &feedback.Contact{Email: "inte en adress"}
	err := feedback.Validate(s)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `channel "brevduva"`)
	assert.Contains(t, err.Error(), `contact.email "inte en adress"`)

	var ve *feedback.ValidationError
	require.ErrorAs(t, err, &ve)
	f, ok := ve.Field("channel")
	require.True(t, ok)
	assert.Contains(t, f.Message.Sv, "Okänd kanal")
	assert.Contains(t, f.Message.En, "email")
	_, ok = ve.Field("text")
	assert.False(t, ok)
}

func TestValidateLongValueIsShortened(t *testing.T) {
	s := validSubmission()
	s.Channel = servicerules.Channel(strings.Repeat("å", 500))
	var ve *feedback.ValidationError
	require.ErrorAs(t, feedback.Validate(s), &ve)
	f, _ := ve.Field("channel")
	assert.Less(t, utf8.RuneCountInString(f.Value), 50)
	assert.True(t, strings.HasSuffix(f.Value, "…"))
}

func TestValidEmail(t *testing.T) {
	good := []string{"anna@exempel.se", "anna.andersson+synpunkt@kommun.nykvarn.se", "åsa@höganäs.se", "a@b.co", "x_y@sub-domain.example.org"}
	bad := []string{"", "anna", "anna@", "@exempel.se", "anna@exempel", "anna@@exempel.se", "anna@exempel.s", "an na@exempel.se",
		"anna@exempel..se", "anna@-exempel.se", "anna@exempel.se.", ".anna@exempel.se", "anna.@exempel.se", "an..na@exempel.se",
		"anna@exempel.123", "anna@exem_pel.se", "<anna@exempel.se>", "anna@exempel.se\n", strings.Repeat("a", 65) + "@exempel.se",
		"anna@" + strings.Repeat("a", 250) + ".se"}
	for _, s := range good {
		assert.True(t, feedback.ValidEmail(s), s)
	}
	for _, s := range bad {
		assert.False(t, feedback.ValidEmail(s), s)
	}
}

func TestValidPhone(t *testing.T) {
	good := []string{"070-123 45 67", "0701234567", "08-555 010 00", "(08) 555 010 00", "+46 70 123 45 67", "+46 (0)70-123 45 67",
		"0046 8 555 010 00", "+358 40 123 4567", "031.123.45.67"}
	bad := []string{"", "12345", "ring mig", "070-123 45 67 ank 2", "70 123 45 67", "+46 70 123 45 67 89 01 23", "070+1234567",
		"(08 555 010 00", "08) 555 010 00", "((08)) 555", "+", "++46701234567"}
	for _, s := range good {
		assert.True(t, feedback.ValidPhone(s), s)
	}
	for _, s := range bad {
		assert.False(t, feedback.ValidPhone(s), s)
	}
}

func TestParseIdempotencyKey(t *testing.T) {
	k, err := feedback.ParseIdempotencyKey(strings.ToUpper(testKey))
	require.NoError(t, err)
	assert.Equal(t, testKey, k)
	for _, bad := range []string{"", testKey[:35], testKey + "0", "urn:uuid:" + testKey, strings.ReplaceAll(testKey, "-", ""),
		"0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4g", "0b6c1f6e_3f1a-4c1e-9d2b-6a9f1e2d3c4b", uuid.Nil.String()} {
		_, err := feedback.ParseIdempotencyKey(bad)
		assert.Error(t, err, bad)
	}
}

func TestParseRecipient(t *testing.T) {
	for in, want := range map[string]feedback.Recipient{
		"": feedback.ToOrganisation, "  ": feedback.ToOrganisation, "elected_official": feedback.ToElectedOfficial,
		"Förtroendevald": feedback.ToElectedOfficial, "luottamushenkilö": feedback.ToElectedOfficial, "Elected official": feedback.ToElectedOfficial,
	} {
		got, err := feedback.ParseRecipient(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := feedback.ParseRecipient("kungen")
	assert.ErrorContains(t, err, `"kungen"`)
}

func TestContactNameOnlyIsAnonymous(t *testing.T) {
	s := feedback.Submission{Contact: &feedback.Contact{Name: "Anna"}}
	assert.True(t, s.Anonymous(), "a name alone gives no way to reply")
	assert.False(t, s.Contact.IsZero())
	assert.False(t, s.Contact.Reachable())
}
