package httpapi

import (
	"context"
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
	Receipt  Receipt      `json:"receipt"`
}

// Receipt is the receipt in an Acknowledgement: the message in the
// person's language, and when they get a reply (null when none is owed).
type Receipt struct {
	Message string     `json:"message"`
	Due     *time.Time `json:"due"`
	// AppealBy is, for an appeal, the last moment to appeal.
	AppealBy *time.Time `json:"appeal_by,omitempty"`
}

// submission turns r into a feedback.Submission, or returns the field
// errors of everything wrong with it.
func (r FeedbackRequest) submission(ch servicerules.Channel) (feedback.Submission, error) {
	s := feedback.Submission{
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
	var dateErr *feedback.FieldError
	if d := strings.TrimSpace(r.DecisionReceived); d != "" {
		date, err := calendar.ParseDate(d)
		if err != nil || !date.Valid() {
			v := d
			if len(v) > 40 {
				v = v[:40]
			}
			dateErr = &feedback.FieldError{Field: "decision_received", Code: feedback.CodeInvalid, Value: strconv.Quote(v),
				MessageSV: "Datumet ska skrivas som år-månad-dag, till exempel 2026-03-10.",
				MessageFI: "Kirjoita päivämäärä muodossa vuosi-kuukausi-päivä, esimerkiksi 2026-03-10.",
				MessageEN: "Write the date as year-month-day, for example 2026-03-10."}
		} else if fe := feedback.CheckDate("decision_received", date); fe != nil {
			dateErr = fe
		} else {
			s.DecisionReceived = date
		}
	}
	if dateErr != nil {
		ve := &feedback.ValidationError{}
		if err := feedback.Validate(s); err != nil {
			errors.As(err, &ve)
		}
		ve.Fields = append(ve.Fields, *dateErr)
		return feedback.Submission{}, ve
	}
	return s, nil
}

// Submit runs the whole intake of a submission without HTTP, for hosts
// that take submissions on routes of their own (a server-rendered form):
// the honeypot and the form stamp (when req has one), validation,
// classification, the case under the policy, the group commit and the
// receipt. created is false when the idempotency key was already stored:
// ack is then the answer given the first time. Bad input gives a
// *feedback.ValidationError. Submit does not apply the rate limit (see
// Admit).
func (h *Handler) Submit(ctx context.Context, req FeedbackRequest) (ack Acknowledgement, created bool, err error) {
	return h.submit(ctx, req, "")
}

func (h *Handler) submit(ctx context.Context, req FeedbackRequest, ch servicerules.Channel) (Acknowledgement, bool, error) {
	now := h.now()
	// A retry goes through every check a first submission does, before any
	// stored case is looked up: the key alone opens nothing.
	if err := h.checkAbuse(req, now); err != nil {
		return Acknowledgement{}, false, err
	}
	s, err := req.submission(ch)
	if err != nil {
		return Acknowledgement{}, false, err
	}
	acc, cl, err := feedback.Accept(s, now)
	if err != nil {
		return Acknowledgement{}, false, err
	}
	c, err := feedback.NewCase(acc, cl, h.policy)
	if err != nil {
		return Acknowledgement{}, false, err
	}
	stored, created, err := h.store.Insert(ctx, c)
	if err != nil {
		return Acknowledgement{}, false, err
	}
	return h.acknowledge(stored), created, nil
}

func (h *Handler) checkAbuse(req FeedbackRequest, now time.Time) error {
	if req.Website != "" {
		return honeypotError(req.Website)
	}
	if req.FormStamp != "" {
		return CheckFormStamp(h.stampKey, req.FormStamp, now)
	}
	return nil
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
		Receipt:  Receipt{Message: r.Message, Due: localPtr(r.Due), AppealBy: localPtr(r.AppealBy)},
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
	if wait, ok := h.chargeSubmission(r, req.FormStamp); !ok {
		writeProblem(w, rateLimited(wait))
		return
	}
	ack, created, err := h.submit(r.Context(), req, "")
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
	var ve *feedback.ValidationError
	switch {
	case errors.As(err, &ve):
		writeProblem(w, invalidSubmission(ve))
	case errors.Is(err, feedback.ErrKeyReused):
		writeProblem(w, keyReused())
	case errors.Is(err, feedback.ErrClosed):
		writeProblem(w, unavailable())
	default:
		h.internal(w, err)
	}
}

// keyReused is the answer to a submission whose idempotency key is stored
// for another submission. It says nothing of the stored case.
func keyReused() *Problem {
	return &Problem{Status: http.StatusConflict, Code: "idempotency_key_reused",
		Message:   "This idempotency key was already used for another message. Make a new key for each message, and send the same body again only for a retry.",
		MessageSV: "Den här idempotensnyckeln har redan använts för ett annat meddelande. Gör en ny nyckel för varje meddelande.",
		MessageFI: "Tätä idempotenssiavainta on jo käytetty toiseen viestiin. Tee jokaiselle viestille uusi avain."}
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
	list := fieldList(ve)
	return &Problem{Status: http.StatusBadRequest, Code: "invalid_submission", Fields: ve.Fields,
		Message:   "Please correct: " + list + ".",
		MessageSV: "Rätta till: " + list + ".",
		MessageFI: "Korjaa: " + list + "."}
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
	if errors.Is(err, feedback.ErrNotFound) {
		writeProblem(w, notFound())
		return
	}
	if err != nil {
		h.internal(w, err)
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

// A Classification is the body of the answer to POST /api/classify.
type Classification struct {
	Kind               message.Kind `json:"kind"`
	Language           lang.Lang    `json:"language"`
	Confidence         float64      `json:"confidence"`
	RunnerUp           message.Kind `json:"runner_up"`
	RunnerUpConfidence float64      `json:"runner_up_confidence"`
	// Synpunkt is true for praise, complaints and suggestions.
	Synpunkt bool     `json:"synpunkt"`
	Reasons  []Reason `json:"reasons"`
	// Guidance is what the receipt would say if the message were sent now.
	Guidance Receipt `json:"guidance"`
}

// A Reason is one cue the classifier found.
type Reason struct {
	Cue     string       `json:"cue"`
	Text    string       `json:"text"`
	Kind    message.Kind `json:"kind"`
	Weight  float64      `json:"weight"`
	Negated bool         `json:"negated"`
}

func (h *Handler) postClassify(w http.ResponseWriter, r *http.Request) {
	var req ClassifyRequest
	if p := readJSON(w, r, &req); p != nil {
		writeProblem(w, p)
		return
	}
	// The same checks as a submission, with a placeholder key: the text,
	// channel, language and date.
	sub := FeedbackRequest{Text: req.Text, Channel: req.Channel, Language: req.Language,
		DecisionReceived: req.DecisionReceived, IdempotencyKey: "00000000-0000-4000-8000-000000000001"}
	if sub.Channel == "" {
		sub.Channel = string(servicerules.Web)
	}
	if !req.Anonymous {
		sub.Contact = &feedback.Contact{Email: "person@example.se"}
	}
	s, err := sub.submission("")
	if err == nil {
		err = feedback.Validate(s)
	}
	if err != nil {
		var ve *feedback.ValidationError
		if errors.As(err, &ve) {
			writeProblem(w, invalidSubmission(ve))
			return
		}
		h.internal(w, err)
		return
	}
	now := h.now()
	acc, cl, err := feedback.Accept(s, now)
	if err != nil {
		h.submitError(w, err)
		return
	}
	c, err := feedback.NewCase(acc, cl, h.policy)
	if err != nil {
		h.submitError(w, err)
		return
	}
	rc := c.Receipt(h.policy)
	out := Classification{
		Kind:               cl.Kind,
		Language:           acc.Language,
		Confidence:         cl.Confidence,
		RunnerUp:           cl.RunnerUp,
		RunnerUpConfidence: cl.RunnerUpConfidence,
		Synpunkt:           cl.Kind.IsSynpunkt(),
		Reasons:            make([]Reason, 0, len(cl.Cues)),
		Guidance:           Receipt{Message: rc.Message, Due: localPtr(rc.Due), AppealBy: localPtr(rc.AppealBy)},
	}
	for _, rs := range cl.Cues {
		out.Reasons = append(out.Reasons, Reason{Cue: rs.Pattern, Text: rs.Text, Kind: rs.Kind, Weight: rs.Weight, Negated: rs.Negated})
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
		FormStamp: FormStamp(h.stampKey, now),
		NotBefore: now.Add(MinFormAge).In(loc),
		Expires:   now.Add(MaxFormAge).In(loc),
	})
}
