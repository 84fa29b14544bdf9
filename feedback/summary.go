package feedback

import (
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/feedback/pii"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// MaskName is what a CaseSummary shows in place of a contact's name.
const MaskName = "[namn]"

// A CaseSummary is a case as it is shown among others: in the staff inbox,
// in a list from the API, in a public Open311 list. It tells where the
// case stands and by when it is due, and as little as it can about the
// person who wrote it:
//
//   - Text is the text with its personal data masked (pii.Redact): personal
//     identity numbers, phone numbers and e-mail addresses;
//   - Contact says only which contact details were given, each replaced by
//     its mask (MaskName, pii.MaskEmail, pii.MaskPhone);
//   - the receipt token, the idempotency key and the history are left out.
//
// A list puts many people's messages on one screen or in one export, so it
// holds no personal data that working through the list does not need. The
// whole case, as the person sent it, is read one at a time
// (CaseStore.Get). What staff wrote (InterimText, ReplyText) is shown as
// written.
//
// Make one with Case.Summary; CaseStore.List returns them.
type CaseSummary struct {
	ID       uuid.UUID
	Received time.Time
	Channel  servicerules.Channel
	Language lang.Lang
	// Text is the text with personal data masked.
	Text string
	// Contact holds a mask for each contact detail the person gave, and
	// nothing else; nil when they gave none.
	Contact          *Contact
	Recipient        Recipient
	DecisionReceived calendar.Date
	AboutStaff       bool

	Policy         string
	Kind           message.Kind
	RunnerUp       message.Kind
	Confidence     float64
	StaffComplaint bool

	Unit        string
	DiaryNumber string
	Status      Status
	Resume      Status

	RegistrationDue time.Time
	ReplyDue        time.Time
	DueVia          servicerules.Channel
	Promised        time.Time
	RegisteredAt    time.Time
	RespondedAt     time.Time
	AnsweredAt      time.Time
	ClosedAt        time.Time
	PausedAt        time.Time
	Paused          time.Duration

	InterimText string
	ReplyText   string
}

// Summary returns c as a list shows it (see CaseSummary). Its text is
// c.RedactedText, which Intake sets; for a case without one it is
// pii.Redact(c.Text).
func (c Case) Summary() CaseSummary {
	s := CaseSummary{
		ID:               c.ID,
		Received:         c.Received,
		Channel:          c.Channel,
		Language:         c.Language,
		Text:             c.RedactedText,
		Recipient:        c.Recipient,
		DecisionReceived: c.DecisionReceived,
		AboutStaff:       c.AboutStaff,
		Policy:           c.Policy,
		Kind:             c.Kind,
		RunnerUp:         c.RunnerUp,
		Confidence:       c.Confidence,
		StaffComplaint:   c.StaffComplaint,
		Unit:             c.Unit,
		DiaryNumber:      c.DiaryNumber,
		Status:           c.Status,
		Resume:           c.Resume,
		RegistrationDue:  c.RegistrationDue,
		ReplyDue:         c.ReplyDue,
		DueVia:           c.DueVia,
		Promised:         c.Promised,
		RegisteredAt:     c.RegisteredAt,
		RespondedAt:      c.RespondedAt,
		AnsweredAt:       c.AnsweredAt,
		ClosedAt:         c.ClosedAt,
		PausedAt:         c.PausedAt,
		Paused:           c.Paused,
		InterimText:      c.InterimText,
		ReplyText:        c.ReplyText,
	}
	if s.Text == "" && c.Text != "" {
		s.Text = pii.Redact(c.Text)
	}
	if c.Contact != nil {
		m := maskContact(*c.Contact)
		s.Contact = &m
	}
	return s
}

// maskContact replaces each detail c gives by its mask.
func maskContact(c Contact) Contact {
	if c.Name != "" {
		c.Name = MaskName
	}
	if c.Email != "" {
		c.Email = pii.MaskEmail
	}
	if c.Phone != "" {
		c.Phone = pii.MaskPhone
	}
	return c
}

// asCase returns the case as far as s tells it: the masked text and
// contact, no receipt token, key or history. It is for the rules of Case
// that read none of those (Due, Overdue, Next, Receipt and the like), so
// that each rule is written once.
func (s CaseSummary) asCase() Case {
	return Case{
		Submission: Submission{
			ID:               s.ID,
			Received:         s.Received,
			Channel:          s.Channel,
			Text:             s.Text,
			Language:         s.Language,
			Contact:          s.Contact,
			Recipient:        s.Recipient,
			DecisionReceived: s.DecisionReceived,
			AboutStaff:       s.AboutStaff,
		},
		RedactedText:    s.Text,
		Policy:          s.Policy,
		Kind:            s.Kind,
		RunnerUp:        s.RunnerUp,
		Confidence:      s.Confidence,
		StaffComplaint:  s.StaffComplaint,
		Unit:            s.Unit,
		DiaryNumber:     s.DiaryNumber,
		Status:          s.Status,
		Resume:          s.Resume,
		RegistrationDue: s.RegistrationDue,
		ReplyDue:        s.ReplyDue,
		DueVia:          s.DueVia,
		Promised:        s.Promised,
		RegisteredAt:    s.RegisteredAt,
		RespondedAt:     s.RespondedAt,
		AnsweredAt:      s.AnsweredAt,
		ClosedAt:        s.ClosedAt,
		PausedAt:        s.PausedAt,
		Paused:          s.Paused,
		InterimText:     s.InterimText,
		ReplyText:       s.ReplyText,
	}
}

// Anonymous reports whether the person gave no way to reply
// (Submission.Anonymous).
func (s CaseSummary) Anonymous() bool { return s.asCase().Anonymous() }

// Due returns the deadline the case is measured against (Case.Due).
func (s CaseSummary) Due() time.Time { return s.asCase().Due() }

// Overdue reports whether the case is overdue at `at` (Case.Overdue).
func (s CaseSummary) Overdue(at time.Time) bool { return s.asCase().Overdue(at) }

// RegistrationOverdue reports whether the case should have been registered
// by `at` and is not (Case.RegistrationOverdue).
func (s CaseSummary) RegistrationOverdue(at time.Time) bool {
	return s.asCase().RegistrationOverdue(at)
}

// MustRegister reports whether the case must be registered before anything
// else is done with it (Case.MustRegister).
func (s CaseSummary) MustRegister() bool { return s.asCase().MustRegister() }

// Next returns the statuses the case may move to now (Case.Next).
func (s CaseSummary) Next() []Status { return s.asCase().Next() }

// Receipt returns the receipt the person was given, under policy p
// (Case.Receipt). It reads no contact detail and no text, so it is the
// receipt of the whole case.
func (s CaseSummary) Receipt(p *servicerules.Policy) Receipt { return s.asCase().Receipt(p) }
