package feedback

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/classify"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/feedback/pii"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// Intake takes in one message: it validates s as a client sent it and
// returns the new case for it under policy p, received at `received`. It is
// the one intake of kommunkit; the JSON API, the server-rendered form and
// Open311 all call it. Each decision is made once, here:
//
//   - the checks of Validate, once, and the submission in its canonical
//     form: the channel, language, recipient and idempotency key as those
//     checks read them, the contact trimmed, an empty contact taken as none
//     (anonymous), a new ID (a UUIDv7) unless s has one, and Received set to
//     received;
//   - the kind of the text (classify.Message), and the language of the case
//     and its receipt: the one s gives, else the one classify.Message
//     detects, else Swedish;
//   - whether it is a complaint about staff: AboutStaff, or a complaint in
//     which StaffCue finds a word about staff or treatment;
//   - the deadlines: registration by the end of the next working day of p's
//     calendar, and, when a reply is owed (Case.ReplyOwed), the reply as
//     p.WrittenReplyDue gives it for the channel, with the channel whose
//     rule that was (DueVia);
//   - the text with its personal data masked (RedactedText, pii.Redact),
//     which is what lists show;
//   - a new receipt token, the fingerprint of the submission
//     (Submission.Fingerprint), and the first change of the history.
//
// A bad submission gives a *ValidationError that lists every problem.
// Intake reads crypto/rand, through package uuid, for the ID and the token,
// and never the clock: the time received is always the caller's. Preview
// gives the same receipt for a message that is still being written, without
// making a case.
func Intake(s Submission, received time.Time, p *servicerules.Policy) (Case, error) {
	return intake(s, received, nil, p)
}

// NewCase is Intake with the classification given rather than found by
// classify.Message, for callers that classify the text themselves, such as tests
// that must not depend on the classifier. cl.Language is the language of
// the case when s gives none.
func NewCase(s Submission, received time.Time, cl classify.Result, p *servicerules.Policy) (Case, error) {
	return intake(s, received, &cl, p)
}

func intake(s Submission, received time.Time, cl *classify.Result, p *servicerules.Policy) (Case, error) {
	if p == nil {
		return Case{}, errors.New("feedback: Intake needs a policy")
	}
	s, err := accept(s)
	if err != nil {
		return Case{}, err
	}
	s.Received = received.Round(0)
	if s.ID == uuid.Nil {
		if s.ID, err = uuid.NewV7(); err != nil {
			return Case{}, fmt.Errorf("feedback: cannot make an ID: %w", err)
		}
	}
	tok, err := uuid.NewRandom()
	if err != nil {
		return Case{}, fmt.Errorf("feedback: cannot make a receipt token: %w", err)
	}
	if cl == nil {
		found := classify.Message(s.Text)
		cl = &found
	}
	o := s.outcome()
	o.decide(*cl, p)
	s.Language = o.Language
	c := Case{
		Submission:            s,
		Token:                 tok,
		Policy:                p.ID(),
		SubmissionFingerprint: s.Fingerprint(),
		RedactedText:          pii.Redact(s.Text),
		Kind:                  cl.Kind,
		RunnerUp:              cl.RunnerUp,
		Confidence:            cl.Confidence,
		StaffComplaint:        s.AboutStaff,
		Status:                StatusReceived,
		RegistrationDue:       p.Calendar().Deadline(s.Received, calendar.WorkingDays(1)),
		ReplyDue:              o.ReplyDue,
		DueVia:                o.DueVia,
		History:               []Change{{Transition: Transition{To: StatusReceived, At: s.Received}}},
	}
	if !c.StaffComplaint && cl.Kind == message.Complaint {
		_, c.StaffComplaint = StaffCue(s.Text)
	}
	return c, nil
}

// A Draft is a message as the person is still writing it: what Preview
// needs to tell what its receipt would say, and nothing that would make it a
// submission: no idempotency key and no contact details.
type Draft struct {
	Text string
	// Channel is how the message would arrive, by value or by name, as in
	// a Submission.
	Channel servicerules.Channel
	// Language is Swedish, Finnish, English or empty, as in a Submission.
	Language  lang.Lang
	Recipient Recipient
	// Anonymous says that the person will leave neither an e-mail address
	// nor a phone number, so that no reply can be given.
	Anonymous bool
	// DecisionReceived is, for an appeal, the day the decision was
	// received; zero when it is not known.
	DecisionReceived calendar.Date
}

// Preview tells what a message would be and what its receipt would say if
// it were sent at `at` under policy p, without making a case: there is no
// ID, no receipt token and nothing to store. /api/classify and the browser
// widget show it while the person writes.
//
// It checks d as Validate checks a submission (the text, channel, language,
// recipient and decision date) and returns a *ValidationError that lists
// every problem. Otherwise it returns the classification of the text and
// the receipt: for the same text, channel, language, recipient, anonymity
// and decision date, the receipt that the case Intake makes at `at` under p
// gives (Case.Receipt), with the same kind, language, due date, appeal date
// and message.
func Preview(d Draft, at time.Time, p *servicerules.Policy) (classify.Result, Receipt, error) {
	if p == nil {
		return classify.Result{}, Receipt{}, errors.New("feedback: Preview needs a policy")
	}
	var e ValidationError
	validateText(&e, d.Text)
	o := outcome{
		Channel:          validateChannel(&e, string(d.Channel)),
		Language:         validateLanguage(&e, d.Language),
		Recipient:        validateRecipient(&e, d.Recipient),
		DecisionReceived: d.DecisionReceived,
		Received:         at.Round(0),
		anonymous:        d.Anonymous,
	}
	validateDecision(&e, d.DecisionReceived)
	if len(e.Fields) > 0 {
		return classify.Result{}, Receipt{}, &e
	}
	cl := classify.Message(d.Text)
	o.decide(cl, p)
	return cl, o.receipt(p), nil
}

// An outcome is what the intake decides about a message from what it says
// and how it came, and all that its receipt depends on. Intake keeps it in
// the Case it makes (Case.outcome gives it back); Preview makes one for a
// Draft and writes its receipt without a case. The exported field names
// are those of Case, so the receipt's code reads the same for both.
type outcome struct {
	Kind             message.Kind
	Language         lang.Lang
	Channel          servicerules.Channel
	Recipient        Recipient
	DecisionReceived calendar.Date
	Received         time.Time
	// ReplyDue and DueVia are as in Case.
	ReplyDue  time.Time
	DueVia    servicerules.Channel
	anonymous bool
}

// outcome returns what is known of a submission's outcome before it is
// classified: how it came, and from whom.
func (s Submission) outcome() outcome {
	return outcome{
		Language:         s.Language,
		Channel:          s.Channel,
		Recipient:        s.Recipient,
		DecisionReceived: s.DecisionReceived,
		Received:         s.Received,
		anonymous:        s.Anonymous(),
	}
}

// outcome returns c's outcome, as Intake decided it, with the deadline as
// it is now (a pause may have moved ReplyDue).
func (c Case) outcome() outcome {
	o := c.Submission.outcome()
	o.Kind, o.ReplyDue, o.DueVia = c.Kind, c.ReplyDue, c.DueVia
	return o
}

// decide makes the decisions that Intake and Preview share, for a message
// that passed validation and was classified as cl: its kind, its language
// (the one given, else the one cl detected, else Swedish), and, when a
// reply is owed, when it is due under p and by which channel's rule
// (servicerules.Policy.WrittenReplyDue).
func (o *outcome) decide(cl classify.Result, p *servicerules.Policy) {
	o.Kind = cl.Kind
	if o.Language == "" {
		o.Language = cl.Language
	}
	if o.Language == "" {
		o.Language = lang.Swedish
	}
	o.ReplyDue, o.DueVia = time.Time{}, ""
	if o.replyOwed() {
		if due, via, ok := p.WrittenReplyDue(o.Channel, servicerules.External, o.Received); ok {
			o.ReplyDue, o.DueVia = due, via
		}
	}
}

// Anonymous reports whether the person gave no way to reply.
func (o outcome) Anonymous() bool { return o.anonymous }

// replyOwed is Case.ReplyOwed.
func (o outcome) replyOwed() bool {
	if o.anonymous || o.Recipient == ToElectedOfficial {
		return false
	}
	return o.Kind == "" || o.Kind.IsSynpunkt() || o.Kind == message.Question
}
