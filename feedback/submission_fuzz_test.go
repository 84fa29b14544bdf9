package feedback_test

import (
	"errors"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// FuzzValidate checks that Validate and Intake never panic, that every
// message is valid UTF-8 and names its field, and that what Validate
// accepts, Intake accepts and Receipt handles.
func FuzzValidate(f *testing.F) {
	f.Add("Snöröjningen var bra.", "web", "", "", "", "", "", testKey)
	f.Add("", "", "", "", "", "", "", "")
	f.Add("hej\x00\xff\u202e", "e-post", "FI", "Anna\n", "a@b", "070", "förtroendevald", "{"+testKey+"}")
	f.Add("Jag vill överklaga beslutet", "post", "sv", "Åsa", "åsa@höganäs.se", "+46 70 123 45 67", "", testKey)
	f.Add("Kuoppa tiellä", "sähköposti", "fi", "", "", "(08) 555 010 00", "elected_official", "0B6C1F6E-3F1A-4C1E-9D2B-6A9F1E2D3C4B")
	p, err := servicerules.Preset("nykvarn")
	if err != nil {
		f.Fatal(err)
	}
	at := time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location())
	f.Fuzz(func(t *testing.T, text, channel, language, name, email, phone, recipient, key string) {
		s := feedback.Submission{
			IdempotencyKey: key, Channel: servicerules.Channel(channel), Text: text, Language: lang.Lang(language),
			Recipient: feedback.Recipient(recipient),
		}
		if name != "" || email != "" || phone != "" {
			s.Contact = &feedback.Contact{Name: name, Email: email, Phone: phone}
		}
		err := feedback.Validate(s)
		if err != nil {
			var ve *feedback.ValidationError
			if !errors.As(err, &ve) || len(ve.Fields) == 0 {
				t.Fatalf("Validate returned %T %v", err, err)
			}
			if !utf8.ValidString(err.Error()) {
				t.Fatalf("error is not valid UTF-8: %q", err.Error())
			}
			for _, fe := range ve.Fields {
				for _, m := range []string{fe.Message.Sv, fe.Message.Fi, fe.Message.En, fe.Value, fe.Error()} {
					if !utf8.ValidString(m) {
						t.Fatalf("message is not valid UTF-8: %q", m)
					}
				}
				if fe.Field == "" || fe.Code == "" || fe.Message.Sv == "" {
					t.Fatalf("incomplete field error %+v", fe)
				}
			}
			if _, ierr := feedback.Intake(s, at, p); ierr == nil || ierr.Error() != err.Error() {
				t.Fatalf("Intake gave %v where Validate gave %v", ierr, err)
			}
			return
		}
		c, err := feedback.Intake(s, at, p)
		if err != nil {
			t.Fatalf("Validate passed but Intake failed: %v", err)
		}
		if feedback.Validate(c.Submission) != nil {
			t.Fatalf("the case's submission does not validate: %v", feedback.Validate(c.Submission))
		}
		again, err := feedback.Intake(c.Submission, at, p)
		if err != nil || again.Submission.Fingerprint() != c.Submission.Fingerprint() || again.ID != c.ID {
			t.Fatalf("the canonical submission is not a fixed point of Intake: %v", err)
		}
		r := c.Receipt(p)
		if r.Message == "" || !utf8.ValidString(r.Message) {
			t.Fatalf("bad receipt %q", r.Message)
		}
	})
}
