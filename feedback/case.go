package feedback

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/internal/textrune"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// Status is where a case is in its lifecycle.
type Status string

// The statuses of a case. A case starts as StatusReceived. The usual path is
//
//	received → registered → interim_sent → answered → closed
//
// and StatusWaiting is a pause, while the case waits for the person, that
// stops the reply clock. The legal transitions are listed at Case.Next.
const (
	StatusReceived    Status = "received"     // mottaget
	StatusRegistered  Status = "registered"   // diariefört
	StatusInterimSent Status = "interim_sent" // besked skickat om vem som svarar och när
	StatusWaiting     Status = "waiting"      // väntar på komplettering från personen
	StatusAnswered    Status = "answered"     // besvarat
	StatusClosed      Status = "closed"       // avslutat
)

// Statuses returns every status in lifecycle order.
func Statuses() []Status {
	return []Status{StatusReceived, StatusRegistered, StatusInterimSent, StatusWaiting, StatusAnswered, StatusClosed}
}

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool {
	return slices.Contains(Statuses(), s)
}

// Name returns the status in l (Swedish for any language other than
// Finnish and English), for people to read.
func (s Status) Name(l lang.Lang) string {
	if n, ok := statusNames[s]; ok {
		return n.In(l)
	}
	return string(s)
}

var statusNames = map[Status]lang.Text{
	StatusReceived:    {Sv: "mottaget", Fi: "vastaanotettu", En: "received"},
	StatusRegistered:  {Sv: "diariefört", Fi: "kirjattu", En: "registered"},
	StatusInterimSent: {Sv: "besked skickat", Fi: "väliaikainen vastaus lähetetty", En: "interim reply sent"},
	StatusWaiting:     {Sv: "väntar på dig", Fi: "odottaa sinua", En: "waiting for you"},
	StatusAnswered:    {Sv: "besvarat", Fi: "vastattu", En: "answered"},
	StatusClosed:      {Sv: "avslutat", Fi: "suljettu", En: "closed"},
}

// ParseStatus reads a status by its value ("interim_sent").
func ParseStatus(s string) (Status, error) {
	st := Status(strings.ToLower(strings.TrimSpace(s)))
	if !st.Valid() {
		return "", errors.New("feedback: unknown status " + quoteValue(s))
	}
	return st, nil
}

// A Transition is a change of a case's status, made by staff at a given
// time. Which fields count depends on To:
//
//   - StatusRegistered: DiaryNumber, the diary number (diarienummer).
//   - StatusInterimSent: Text, the interim reply, and Promised, when the
//     person was told the answer will come (the policies say to tell them).
//   - StatusWaiting: Text, what the person was asked for.
//   - StatusAnswered: Text, the reply; it must not be blank.
//
// Unit, when not empty, (re)assigns the case to a unit with any transition.
type Transition struct {
	To          Status    `json:"to"`
	At          time.Time `json:"at"`
	By          string    `json:"by,omitempty"`
	Unit        string    `json:"unit,omitempty"`
	DiaryNumber string    `json:"diary_number,omitempty"`
	Text        string    `json:"text,omitempty"`
	Promised    time.Time `json:"promised,omitzero"`
}

// A Change is one step in a case's history: a Transition and the status it
// came from. The first change of every case is From "" To StatusReceived at
// the time received.
type Change struct {
	From Status `json:"from"`
	Transition
}

// ErrIllegalTransition is what every error from Case.Apply wraps.
var ErrIllegalTransition = errors.New("feedback: illegal transition")

// A TransitionError says why a case cannot make a transition.
type TransitionError struct {
	From, To Status
	Reason   string // in English
}

// Error names the statuses and the reason.
func (e *TransitionError) Error() string {
	return "feedback: a case cannot go from " + strconv.Quote(string(e.From)) + " to " + strconv.Quote(string(e.To)) + ": " + e.Reason
}

// Unwrap returns ErrIllegalTransition.
func (e *TransitionError) Unwrap() error { return ErrIllegalTransition }

// A Case is a submission as staff handle it: what it is, who has it, where it
// is in its lifecycle, and its deadlines. A Case is a value: Apply returns a
// new Case and never changes the one it is called on.
//
// Two deadlines are tracked. RegistrationDue is when the case should be
// registered (diariefört): public documents are registered without delay
// (Hässleholm), tracked as the end of the next working day. ReplyDue is when
// the first response is due under the policy: the answer, or an interim reply
// that says who will answer and when. Every source policy binds that first
// response. Once an interim reply has been sent with a promised date, the
// case is measured against that promise.
type Case struct {
	Submission

	// Token is the receipt token: a random UUID, not the ID, that lets the
	// person read their own case and nothing else.
	Token uuid.UUID `json:"token"`
	// Policy is the ID of the policy whose rules gave the deadlines.
	Policy string `json:"policy"`
	// SubmissionFingerprint is the Fingerprint of the submission that made
	// the case. A store compares it when the idempotency key comes again:
	// the same fingerprint is a retry, another is ErrKeyReused.
	SubmissionFingerprint string `json:"-"`
	// RedactedText is Text with its personal data masked (pii.Redact), made
	// once by Intake, so that a store can keep it beside the text and
	// lists (Summary) need not redact again.
	RedactedText string `json:"-"`

	// Kind, RunnerUp and Confidence are from classify.Message.
	Kind       message.Kind `json:"kind"`
	RunnerUp   message.Kind `json:"runner_up,omitempty"`
	Confidence float64      `json:"confidence"`
	// StaffComplaint is true for a complaint about staff: the submission
	// says so (AboutStaff), or classify.Message calls it a complaint and StaffCue
	// finds a word about staff or about how someone was treated. Such a case
	// must be registered before anything else happens to it.
	StaffComplaint bool `json:"staff_complaint,omitempty"`

	Unit        string `json:"unit,omitempty"`
	DiaryNumber string `json:"diary_number,omitempty"`

	Status Status `json:"status"`
	// Resume is, while the case is waiting, the status it came from.
	Resume Status `json:"resume,omitempty"`

	RegistrationDue time.Time `json:"registration_due"`
	// ReplyDue is when the first response is due; zero when no reply is
	// owed (anonymous, addressed to an elected official, or routed
	// elsewhere) or the policy gives no figure. Pauses before the first
	// response move it later by the working time they took.
	ReplyDue time.Time `json:"reply_due,omitzero"`
	// DueVia is the channel whose rule gave ReplyDue. It differs from
	// Channel when the policy has no figure for Channel and the rule for
	// e-mail, or else for post, was used (servicerules.Policy.WrittenReplyDue).
	DueVia servicerules.Channel `json:"due_via,omitempty"`
	// Promised is when the interim reply said the answer will come.
	Promised time.Time `json:"promised,omitzero"`

	RegisteredAt time.Time `json:"registered_at,omitzero"`
	RespondedAt  time.Time `json:"responded_at,omitzero"` // the first response: interim reply or answer
	AnsweredAt   time.Time `json:"answered_at,omitzero"`
	ClosedAt     time.Time `json:"closed_at,omitzero"`
	PausedAt     time.Time `json:"paused_at,omitzero"` // while waiting: since when
	// Paused is the working time the case waited for the person before the
	// first response. It is left out of the response time.
	Paused time.Duration `json:"paused"`

	InterimText string `json:"interim_text,omitempty"`
	ReplyText   string `json:"reply_text,omitempty"`

	History []Change `json:"history"`
}

// ReplyOwed reports whether the person is owed a reply under the service
// policy: they can be reached, the message is for the organisation, and it
// is a synpunkt, a question or unclassified.
func (c Case) ReplyOwed() bool { return c.outcome().replyOwed() }

// staffWords are the starts of words that point a complaint at staff or at
// how someone was treated, in lower case, split by "|". The list errs on the
// side of registering.
const staffWords = "" +
	// Swedish: treatment and behaviour.
	"bemöt|bemot|otrevlig|oförskämd|oforskamd|ohövlig|ohovlig|nonchalant|" +
	"respektlös|respektlos|kränk|krank|arrogant|nedlåtande|nedlatande|elak|" +
	"skrek|skrik|hånade|hanade|hotfull|" +
	// Swedish: who.
	"personalen|handläggare|handlaggare|anställd|anstalld|tjänsteman|tjansteman|" +
	"tjänstemän|tjanstemän|medarbetare|receptionist|chaufför|chauffor|busschaufför|" +
	"lärare|larare|rektor|undersköterska|underskoterska|vårdare|vardare|" +
	"socialsekreterare|kurator|biståndshandläggare|" +
	// Finnish.
	"epäkohtelia|epakohtelia|töykeä|toykea|tyly|ylimielinen|loukkaav|huusi|" +
	"kohtelu|kohteli|henkilökun|henkilokun|työntekijä|tyontekija|virkailija|" +
	"käsittelijä|kasittelija|kuljettaja|opettaja|" +
	// English.
	"rude|impolite|disrespectful|condescending|unfriendly|yelled|shouted|" +
	"mistreat|staff|employee|caseworker|case worker|clerk|official|driver|teacher|" +
	"treated me|treated us"

// staffCues holds staffWords by their first byte, in the order of the list,
// so that StaffCue tries at a word start only the few cues that can match
// there instead of all of them. It is made once, when the package is
// initialised, and never changed.
var staffCues = indexCues(staffWords)

// indexCues splits a "|"-separated list of cues and files each under its
// first byte.
func indexCues(list string) *[256][]string {
	var idx [256][]string
	for w := range strings.SplitSeq(list, "|") {
		if w != "" {
			idx[w[0]] = append(idx[w[0]], w)
		}
	}
	return &idx
}

// StaffCue returns the first word in text that points at staff or at how
// someone was treated ("bemötande", "otrevlig", "handläggaren", "rude",
// "töykeä"), in lower case, and false when there is none. A cue matches the
// start of a word. Intake uses it for complaints: a complaint about staff
// is always registered.
//
// It reads the text once: at each word start it tries only the cues that
// begin with the same byte.
func StaffCue(text string) (string, bool) {
	lower := strings.ToLower(text)
	atWordStart := true
	for i := 0; i < len(lower); {
		r, size := textrune.At(lower, i)
		letter := textrune.Letter(r)
		if letter && atWordStart {
			for _, w := range staffCues[lower[i]] {
				if strings.HasPrefix(lower[i:], w) {
					return lower[i:lettersEnd(lower, i+len(w))], true
				}
			}
		}
		atWordStart = !letter
		i += size
	}
	return "", false
}

// lettersEnd returns where the letters in s from i on end: i itself when
// s[i:] does not start with a letter, len(s) when it is letters to the end.
func lettersEnd(s string, i int) int {
	for i < len(s) {
		r, size := textrune.At(s, i)
		if !textrune.Letter(r) {
			break
		}
		i += size
	}
	return i
}

// MustRegister reports whether the case must be registered before anything
// else is done with it: a complaint about staff always is. Other cases may
// be answered or closed without registration; staff decide whether they are
// public documents to register (Hässleholm).
func (c Case) MustRegister() bool { return c.StaffComplaint }

// Next returns the statuses the case may move to now. The legal transitions
// are:
//
//	received     → registered, interim_sent, waiting, answered, closed
//	               (a complaint about staff: registered only)
//	registered   → interim_sent, waiting, answered, closed
//	interim_sent → waiting, answered, closed
//	waiting      → the status it came from (resume), or any status that one
//	               may move to except waiting
//	answered     → closed
//	closed       → nothing
//
// Registration is skipped by going on without it, and so is the interim
// reply. A case never goes back to an earlier status, except from waiting.
func (c Case) Next() []Status {
	return nextStatuses(c.Status, c.Resume, c.MustRegister())
}

func nextStatuses(st, resume Status, mustRegister bool) []Status {
	switch st {
	case StatusReceived:
		if mustRegister {
			return []Status{StatusRegistered}
		}
		return []Status{StatusRegistered, StatusInterimSent, StatusWaiting, StatusAnswered, StatusClosed}
	case StatusRegistered:
		return []Status{StatusInterimSent, StatusWaiting, StatusAnswered, StatusClosed}
	case StatusInterimSent:
		return []Status{StatusWaiting, StatusAnswered, StatusClosed}
	case StatusWaiting:
		if resume == "" || resume == StatusWaiting {
			return nil
		}
		out := []Status{resume}
		for _, s := range nextStatuses(resume, "", mustRegister) {
			if s != StatusWaiting {
				out = append(out, s)
			}
		}
		return out
	case StatusAnswered:
		return []Status{StatusClosed}
	}
	return nil
}

// Apply returns the case after t, or a *TransitionError (which wraps
// ErrIllegalTransition) when t is not legal now: a status Next does not list,
// a zero time or one before the case's last change, an answer without text,
// or a promise that is not after the interim reply. It first checks t with
// Transition.Validate and returns its *ValidationError, if any, so that no
// path stores what staff may not write. cal is the policy's
// calendar (servicerules.Policy.Calendar); it measures pauses in working time.
// A nil cal means the library default calendar; when that cannot be made,
// Apply returns calendar.New's error, wrapped.
//
// Leaving StatusWaiting ends the pause. When the case was paused before its
// deadline, the deadline moves later by the working time the pause took:
// ReplyDue before the first response, and Promised after it.
func (c Case) Apply(t Transition, cal *calendar.Calendar) (Case, error) {
	fail := func(reason string) (Case, error) {
		return c, &TransitionError{From: c.Status, To: t.To, Reason: reason}
	}
	if err := t.Validate(); err != nil {
		return c, err
	}
	if !t.To.Valid() {
		return fail("unknown status")
	}
	if !slices.Contains(c.Next(), t.To) {
		switch {
		case c.Status == StatusClosed:
			return fail("the case is closed")
		case c.Status == StatusReceived && c.MustRegister():
			return fail("a complaint about staff must be registered first")
		}
		return fail("not a legal transition; allowed: " + joinStatuses(c.Next()))
	}
	if t.At.IsZero() {
		return fail("the time of the change is missing")
	}
	t.At = t.At.Round(0)
	last := c.Received
	if n := len(c.History); n > 0 {
		last = c.History[n-1].At
	}
	if t.At.Before(last) {
		return fail("the time " + t.At.UTC().Format(time.RFC3339) + " is before the case's last change at " + last.UTC().Format(time.RFC3339))
	}
	if t.To == StatusAnswered && strings.TrimSpace(t.Text) == "" {
		return fail("the reply text is missing")
	}
	if !t.Promised.IsZero() {
		if t.To != StatusInterimSent {
			return fail("only an interim reply promises a date")
		}
		if !t.Promised.After(t.At) {
			return fail("the promised date is not after the interim reply")
		}
		t.Promised = t.Promised.Round(0)
	}
	if cal == nil {
		def, err := calendar.New()
		if err != nil {
			return c, fmt.Errorf("feedback: Apply: no calendar: %w", err)
		}
		cal = def
	}

	out := c
	if c.Status == StatusWaiting {
		out.endPause(t.At, cal)
	}
	switch t.To {
	case StatusRegistered:
		if out.RegisteredAt.IsZero() {
			out.RegisteredAt = t.At
		}
	case StatusInterimSent:
		if out.RespondedAt.IsZero() {
			out.RespondedAt = t.At
		}
		if t.Text != "" {
			// An empty text (a case resuming after waiting) keeps the
			// interim reply already sent.
			out.InterimText = t.Text
		}
		if !t.Promised.IsZero() {
			out.Promised = t.Promised
		}
	case StatusWaiting:
		out.PausedAt = t.At
		out.Resume = c.Status
	case StatusAnswered:
		out.AnsweredAt = t.At
		out.ReplyText = t.Text
		if out.RespondedAt.IsZero() {
			out.RespondedAt = t.At
		}
	case StatusClosed:
		out.ClosedAt = t.At
	}
	if t.Unit != "" {
		out.Unit = t.Unit
	}
	if t.DiaryNumber != "" {
		out.DiaryNumber = t.DiaryNumber
	}
	out.Status = t.To
	out.History = append(slices.Clip(c.History), Change{From: c.Status, Transition: t})
	return out, nil
}

// endPause ends a pause at `at`, moving the running deadline later by the
// working time the pause took, if it began before that deadline.
func (c *Case) endPause(at time.Time, cal *calendar.Calendar) {
	w := cal.WorkingTimeBetween(c.PausedAt, at)
	if w > 0 {
		switch {
		case c.RespondedAt.IsZero() && !c.ReplyDue.IsZero() && c.PausedAt.Before(c.ReplyDue):
			c.ReplyDue = cal.Deadline(c.ReplyDue, calendar.WorkingTime(w))
			c.Paused += w
		case c.RespondedAt.IsZero():
			c.Paused += w
		case !c.Promised.IsZero() && c.PausedAt.Before(c.Promised):
			c.Promised = cal.Deadline(c.Promised, calendar.WorkingTime(w))
		}
	}
	c.PausedAt = time.Time{}
	c.Resume = ""
}

func joinStatuses(ss []Status) string {
	if len(ss) == 0 {
		return "none"
	}
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, ", ")
}

// Due returns the deadline the case is measured against: ReplyDue until the
// first response, then the date the interim reply promised, if any, and
// otherwise ReplyDue. It is zero when no reply is owed.
func (c Case) Due() time.Time {
	if !c.RespondedAt.IsZero() && !c.Promised.IsZero() {
		return c.Promised
	}
	return c.ReplyDue
}

// Overdue reports whether the case is overdue at `at`: it is neither answered
// nor closed, and its deadline (Due) has passed. While the case waits for the
// person the clock is stopped, so it is judged at the moment the pause began.
func (c Case) Overdue(at time.Time) bool {
	if c.Status == StatusAnswered || c.Status == StatusClosed {
		return false
	}
	if c.Status == StatusWaiting && !c.PausedAt.IsZero() && c.PausedAt.Before(at) {
		at = c.PausedAt
	}
	if c.RespondedAt.IsZero() {
		return !c.ReplyDue.IsZero() && at.After(c.ReplyDue)
	}
	return !c.Promised.IsZero() && at.After(c.Promised)
}

// RegistrationOverdue reports whether the case should have been registered
// by `at` and is not: it is past RegistrationDue, not registered, and either
// must be registered or is still untouched (StatusReceived).
func (c Case) RegistrationOverdue(at time.Time) bool {
	if !c.RegisteredAt.IsZero() || !at.After(c.RegistrationDue) {
		return false
	}
	return c.MustRegister() || c.Status == StatusReceived
}

// OnTime reports, for a case with a ReplyDue, whether the first response
// came by it; settled is false while that is not known yet at `at` (no
// response, and the deadline has not passed) and for a case without
// ReplyDue. A case that waits for the person is judged at the start of the
// pause.
func (c Case) OnTime(at time.Time) (onTime, settled bool) {
	if c.ReplyDue.IsZero() {
		return false, false
	}
	if !c.RespondedAt.IsZero() {
		return !c.RespondedAt.After(c.ReplyDue), true
	}
	if c.Status == StatusClosed {
		return false, true
	}
	if c.Status == StatusWaiting && !c.PausedAt.IsZero() && c.PausedAt.Before(at) {
		at = c.PausedAt
	}
	if at.After(c.ReplyDue) {
		return false, true
	}
	return false, false
}

// ResponseTime returns the working time on cal from receipt to the first
// response, less the time the case waited for the person before it, and
// false when there has been no response yet.
func (c Case) ResponseTime(cal *calendar.Calendar) (time.Duration, bool) {
	if c.RespondedAt.IsZero() || cal == nil {
		return 0, false
	}
	d := cal.WorkingTimeBetween(c.Received, c.RespondedAt) - c.Paused
	if d < 0 {
		d = 0
	}
	return d, true
}

// CitizenView is what the person who sent a case may see of it, through
// its receipt token: nothing that staff wrote for themselves, no contact
// details, no text. It is the only view the citizen path returns.
type CitizenView struct {
	Token    uuid.UUID    `json:"token"`
	Status   Status       `json:"status"`
	Kind     message.Kind `json:"kind"`
	Language lang.Lang    `json:"language"`
	Received time.Time    `json:"received"`
	// Due is when the person gets a reply at the latest; nil when none is
	// owed, and after the reply has come.
	Due *time.Time `json:"due"`
	// InterimText is the interim reply, and ReplyText the answer, when sent.
	InterimText string     `json:"interim_text,omitempty"`
	ReplyText   string     `json:"reply_text,omitempty"`
	AnsweredAt  *time.Time `json:"answered_at,omitempty"`
}

// Citizen returns what the person who sent c may see of it.
func (c Case) Citizen() CitizenView {
	v := CitizenView{
		Token:       c.Token,
		Status:      c.Status,
		Kind:        c.Kind,
		Language:    c.Language,
		Received:    c.Received,
		InterimText: c.InterimText,
		ReplyText:   c.ReplyText,
	}
	if d := c.Due(); !d.IsZero() && c.AnsweredAt.IsZero() && c.Status != StatusClosed {
		v.Due = &d
	}
	if !c.AnsweredAt.IsZero() {
		a := c.AnsweredAt
		v.AnsweredAt = &a
	}
	return v
}
