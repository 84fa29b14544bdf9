package httpapi

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// A FeedbackRequest is the body of POST /api/feedback.
type FeedbackRequest struct {
	Text           string            `json:"text"`
	Channel        string            `json:"channel"`
	Language       lang.Lang         `json:"language,omitempty"`
	Contact        *feedback.Contact `json:"contact,omitempty"`
	Recipient      string            `json:"recipient,omitempty"`
	IdempotencyKey string            `json:"idempotency_key"`
	// DecisionReceived is, for an appeal, the day the decision was
	// received: "YYYY-MM-DD".
	DecisionReceived string `json:"decision_received,omitempty"`
	AboutStaff       bool   `json:"about_staff,omitempty"`
	// Website is the honeypot (HoneypotField): it must be empty.
	Website string `json:"website,omitempty"`
	// FormStamp is the signed form timestamp (FormStampField), or empty.
	FormStamp string `json:"form_stamp,omitempty"`
}

// An Acknowledgement is the answer to an accepted submission: 201 when it
// was stored now, 200 with the same body for a retry.
type Acknowledgement struct {
	ID       uuid.UUID    `json:"id"`
	Token    uuid.UUID    `json:"token"`
	Kind     message.Kind `json:"kind"`
	Language lang.Lang    `json:"language"`
	Receipt  ReceiptBody  `json:"receipt"`
}

// ReceiptBody is a feedback.Receipt as the API writes it, in an
// Acknowledgement and as the guidance of a ClassifyResponse: the message in
// the person's language, and when they get a reply (null when none is
// owed), in Europe/Stockholm.
type ReceiptBody struct {
	Message string     `json:"message"`
	Due     *time.Time `json:"due"`
	// AppealBy is, for an appeal, the last moment to appeal.
	AppealBy *time.Time `json:"appeal_by,omitempty"`
}

func receiptBody(r feedback.Receipt) ReceiptBody {
	return ReceiptBody{Message: r.Message, Due: localPtr(r.Due), AppealBy: localPtr(r.AppealBy)}
}

// submission turns r into the feedback.Submission that feedback.Intake
// checks, for channel ch when it is not empty. dateErr is what is wrong
// with a decision date not written as YYYY-MM-DD, which the Submission
// cannot hold (see decisionDate).
func (r FeedbackRequest) submission(ch servicerules.Channel) (s feedback.Submission, dateErr *feedback.FieldError) {
	s = feedback.Submission{
		IdempotencyKey: r.IdempotencyKey,
		Channel:        servicerules.Channel(r.Channel),
		Text:           r.Text,
		Language:       r.Language,
		Contact:        r.Contact,
		Recipient:      feedback.Recipient(r.Recipient),
		AboutStaff:     r.AboutStaff,
	}
	if ch != "" {
		s.Channel = ch
	}
	s.DecisionReceived, dateErr = decisionDate(r.DecisionReceived)
	return s, dateErr
}

// decisionDate reads the day a decision was received as the API takes it,
// "YYYY-MM-DD", or "" for none. A text that is not such a date gives a
// field error; whether the date lies within feedback.EarliestDate and
// feedback.LatestDate is for feedback's checks.
func decisionDate(v string) (calendar.Date, *feedback.FieldError) {
	v = strings.TrimSpace(v)
	if v == "" {
		return calendar.Date{}, nil
	}
	date, err := calendar.ParseDate(v)
	if err == nil && date.Valid() {
		return date, nil
	}
	if len(v) > 40 {
		v = v[:40]
	}
	return calendar.Date{}, &feedback.FieldError{Field: "decision_received", Code: feedback.CodeInvalid, Value: strconv.Quote(v),
		Message: lang.Text{
			Sv: "Datumet ska skrivas som år-månad-dag, till exempel 2026-03-10.",
			Fi: "Kirjoita päivämäärä muodossa vuosi-kuukausi-päivä, esimerkiksi 2026-03-10.",
			En: "Write the date as year-month-day, for example 2026-03-10."}}
}

// withDateError returns err, the outcome of feedback's checks of the rest
// of a request (nil or a *feedback.ValidationError), with the error of its
// decision date added last, where feedback's checks put it.
func withDateError(err error, dateErr *feedback.FieldError) error {
	ve := &feedback.ValidationError{}
	if err != nil && !errors.As(err, &ve) {
		return err
	}
	ve.Fields = append(ve.Fields, *dateErr)
	return ve
}

// Submit takes in a submission that a host received on a route of its own
// (a server-rendered form) with everything POST /api/feedback does: the
// rate limit of r's client, shared with the API's routes (the cost of
// SubmissionCost), the honeypot and the form stamp, each checked once, then
// feedback.Intake, the store and the receipt. A host's form always carries
// the stamp it was rendered with (FormStamp, with Config.StampKey), so
// Submit refuses a request without one as it refuses a bad one, where POST
// /api/feedback takes it at NoStampCost.
//
// created is false when the idempotency key was already stored for the same
// submission: ack is then the answer given the first time. The errors are:
// a *Problem with Status 429 when the client is over its rate limit
// (RetryAfter says how long to wait); a *feedback.ValidationError for bad
// input, with HoneypotField (code CodeFilled) or FormStampField (codes
// feedback.CodeInvalid, CodeTooFast and CodeExpired) among its fields, or
// the submission's; one that wraps feedback.ErrKeyReused when the key was
// stored for another submission; and the store's.
func (h *Handler) Submit(r *http.Request, req FeedbackRequest) (ack Acknowledgement, created bool, err error) {
	return h.submit(r, req, "", true)
}

// submit is the one intake of the Handler, for every route that takes a
// submission: POST /api/feedback, Open311 (for channel ch) and a host's own
// routes (Submit, own). The form stamp is checked once, and that one verdict
// both prices the request for the rate limit and refuses a bad stamp. A
// retry goes through every check a first submission does, before any stored
// case is looked up: the key alone opens nothing.
func (h *Handler) submit(r *http.Request, req FeedbackRequest, ch servicerules.Channel, own bool) (Acknowledgement, bool, error) {
	now := h.now()
	var stampErr error
	if own || req.FormStamp != "" {
		stampErr = CheckFormStamp(h.stampKey, req.FormStamp, now)
	}
	if wait, ok := h.charge(r, req.FormStamp, stampErr == nil && req.FormStamp != "", own, now); !ok {
		return Acknowledgement{}, false, rateLimited(wait)
	}
	if req.Website != "" {
		return Acknowledgement{}, false, honeypotError(req.Website)
	}
	if stampErr != nil {
		return Acknowledgement{}, false, stampErr
	}
	s, dateErr := req.submission(ch)
	if dateErr != nil {
		return Acknowledgement{}, false, withDateError(feedback.Validate(s), dateErr)
	}
	c, err := feedback.Intake(s, now, h.policy)
	if err != nil {
		return Acknowledgement{}, false, err
	}
	stored, created, err := h.store.Insert(r.Context(), c)
	if err != nil {
		return Acknowledgement{}, false, err
	}
	return h.acknowledge(stored), created, nil
}

// policyFor returns the policy a case was made under, for its receipt: the
// active one, or the preset of that name.
func (h *Handler) policyFor(id string) *servicerules.Policy {
	if p, ok := h.policies.Load(id); ok {
		return p.(*servicerules.Policy)
	}
	p, err := servicerules.Preset(id)
	if err != nil {
		p = h.policy
	}
	h.policies.Store(id, p)
	return p
}

func (h *Handler) acknowledge(c feedback.Case) Acknowledgement {
	r := c.Receipt(h.policyFor(c.Policy))
	return Acknowledgement{
		ID:       c.ID,
		Token:    c.Token,
		Kind:     c.Kind,
		Language: r.Language,
		Receipt:  receiptBody(r),
	}
}

func (h *Handler) postFeedback(w http.ResponseWriter, r *http.Request) {
	var req FeedbackRequest
	if p := readJSON(w, r, &req); p != nil {
		writeProblem(w, p)
		return
	}
	if h.isDraining() {
		writeProblem(w, unavailable())
		return
	}
	ack, created, err := h.submit(r, req, "", false)
	if err != nil {
		h.submitError(w, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if created {
		w.Header().Set("Location", "/api/feedback/"+ack.Token.String())
		writeJSON(w, http.StatusCreated, ack)
		return
	}
	writeJSON(w, http.StatusOK, ack)
}

func (h *Handler) submitError(w http.ResponseWriter, err error) {
	if p := submitProblem(err); p != nil {
		writeProblem(w, p)
		return
	}
	h.internal(w, err)
}

// submitProblem is the answer to an error of submit, for POST
// /api/feedback and Open311 alike, and nil for an internal error.
func submitProblem(err error) *Problem {
	var ve *feedback.ValidationError
	var p *Problem
	switch {
	case errors.As(err, &p):
		return p
	case errors.As(err, &ve):
		return invalidSubmission(ve)
	case errors.Is(err, feedback.ErrKeyReused):
		return keyReused()
	case errors.Is(err, feedback.ErrClosed):
		return unavailable()
	}
	return nil
}

// keyReused is the answer to a submission whose idempotency key is stored
// for another submission. It says nothing of the stored case.
func keyReused() *Problem {
	return &Problem{Status: http.StatusConflict, Code: "idempotency_key_reused",
		Message: lang.Text{
			Sv: "Den här idempotensnyckeln har redan använts för ett annat meddelande. Gör en ny nyckel för varje meddelande.",
			Fi: "Tätä idempotenssiavainta on jo käytetty toiseen viestiin. Tee jokaiselle viestille uusi avain.",
			En: "This idempotency key was already used for another message. Make a new key for each message, and send the same body again only for a retry."}}
}

// fieldList names the fields of ve's errors, each once in a row, for a
// problem's messages: "text, contact.email".
func fieldList(ve *feedback.ValidationError) string {
	names := make([]string, 0, len(ve.Fields))
	for _, f := range ve.Fields {
		if len(names) == 0 || names[len(names)-1] != f.Field {
			names = append(names, f.Field)
		}
	}
	return strings.Join(names, ", ")
}

func invalidSubmission(ve *feedback.ValidationError) *Problem {
	return invalidFields("invalid_submission", lang.Text{}, ve)
}

// invalidFields is the answer 400 with code to what ve refuses: lead, then
// the fields to correct, in each language.
func invalidFields(code string, lead lang.Text, ve *feedback.ValidationError) *Problem {
	list := fieldList(ve)
	return &Problem{Status: http.StatusBadRequest, Code: code, Fields: ve.Fields,
		Message: lang.Text{
			Sv: lead.Sv + "Rätta till: " + list + ".",
			Fi: lead.Fi + "Korjaa: " + list + ".",
			En: lead.En + "Please correct: " + list + "."}}
}

// CitizenCase is the body of GET /api/feedback/{token}: what the person
// who sent a case may see of it.
type CitizenCase struct {
	feedback.CitizenView
	// StatusName is the status in the case's language.
	StatusName string `json:"status_name"`
}

func (h *Handler) getFeedback(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	tok := r.PathValue("token")
	if len(tok) != 36 {
		writeProblem(w, notFound())
		return
	}
	v, err := h.store.Lookup(r.Context(), tok)
	if !h.found(w, err) {
		return
	}
	v.Received = v.Received.In(calendar.Location())
	v.Due = localPtr(v.Due)
	v.AnsweredAt = localPtr(v.AnsweredAt)
	writeJSON(w, http.StatusOK, CitizenCase{CitizenView: v, StatusName: v.Status.Name(v.Language)})
}

// A ClassifyRequest is the body of POST /api/classify.
type ClassifyRequest struct {
	Text     string    `json:"text"`
	Channel  string    `json:"channel,omitempty"`
	Language lang.Lang `json:"language,omitempty"`
	// Anonymous says the person will leave no contact details.
	Anonymous        bool   `json:"anonymous,omitempty"`
	DecisionReceived string `json:"decision_received,omitempty"`
}

// A ClassifyResponse is the body of the answer to POST /api/classify: a
// feedback.Preview of the message.
type ClassifyResponse struct {
	Kind               message.Kind `json:"kind"`
	Language           lang.Lang    `json:"language"`
	Confidence         float64      `json:"confidence"`
	RunnerUp           message.Kind `json:"runner_up"`
	RunnerUpConfidence float64      `json:"runner_up_confidence"`
	// Synpunkt is true for praise, complaints and suggestions.
	Synpunkt bool      `json:"synpunkt"`
	Reasons  []CueBody `json:"reasons"`
	// Guidance is what the receipt would say if the message were sent now.
	Guidance ReceiptBody `json:"guidance"`
}

// A CueBody is one cue the classifier found (a classify.Cue), in a
// ClassifyResponse.
type CueBody struct {
	Cue     string       `json:"cue"`
	Text    string       `json:"text"`
	Kind    message.Kind `json:"kind"`
	Weight  float64      `json:"weight"`
	Negated bool         `json:"negated"`
}

// postClassify previews a message: the checks, the classification and the
// receipt of feedback.Intake, with no case made (feedback.Preview). A
// request without a channel is taken as on the web.
func (h *Handler) postClassify(w http.ResponseWriter, r *http.Request) {
	var req ClassifyRequest
	if p := readJSON(w, r, &req); p != nil {
		writeProblem(w, p)
		return
	}
	d := feedback.Draft{Text: req.Text, Channel: servicerules.Channel(req.Channel), Language: req.Language, Anonymous: req.Anonymous}
	if d.Channel == "" {
		d.Channel = servicerules.Web
	}
	var dateErr *feedback.FieldError
	d.DecisionReceived, dateErr = decisionDate(req.DecisionReceived)
	cl, rc, err := feedback.Preview(d, h.now(), h.policy)
	if dateErr != nil {
		err = withDateError(err, dateErr)
	}
	if err != nil {
		h.submitError(w, err)
		return
	}
	out := ClassifyResponse{
		Kind:               cl.Kind,
		Language:           rc.Language,
		Confidence:         cl.Confidence,
		RunnerUp:           cl.RunnerUp,
		RunnerUpConfidence: cl.RunnerUpConfidence,
		Synpunkt:           cl.Kind.IsSynpunkt(),
		Reasons:            make([]CueBody, 0, len(cl.Cues)),
		Guidance:           receiptBody(rc),
	}
	for _, rs := range cl.Cues {
		out.Reasons = append(out.Reasons, CueBody{Cue: rs.Pattern, Text: rs.Text, Kind: rs.Kind, Weight: rs.Weight, Negated: rs.Negated})
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, out)
}

// A FormStampResponse is the body of GET /api/form-stamp.
type FormStampResponse struct {
	FormStamp string    `json:"form_stamp"`
	NotBefore time.Time `json:"not_before"`
	Expires   time.Time `json:"expires"`
}

func (h *Handler) getFormStamp(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if len(h.stampKey) == 0 {
		writeProblem(w, notFound())
		return
	}
	now := h.now().Truncate(time.Second)
	loc := calendar.Location()
	writeJSON(w, http.StatusOK, FormStampResponse{
		FormStamp: h.FormStamp(now),
		NotBefore: now.Add(MinFormAge).In(loc),
		Expires:   now.Add(MaxFormAge).In(loc),
	})
}

// FormStamp returns a form stamp for a form shown at `at`, signed with
// Config.StampKey (see the function FormStamp): what GET /api/form-stamp
// gives out, and what a host puts in a form it sends to Submit.
func (h *Handler) FormStamp(at time.Time) string { return FormStamp(h.stampKey, at) }
