package webui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/formtext"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// formFields maps the fields of a submission to the ids of the plain form's
// controls, for the links of the error summary.
var formFields = map[string]string{
	"text":          "f-text",
	"contact.name":  "f-name",
	"contact.email": "f-email",
	"contact.phone": "f-phone",
}

// formError is one entry of the error summary.
type formError struct {
	Href    string // "#f-email"; empty when the field is not on the form
	Message string
}

// formData is the plain feedback form: what the person wrote, the hidden
// fields, and what was wrong.
type formData struct {
	Text, Name, Email, Phone string
	Key                      string // the idempotency key
	Stamp                    string // the signed form stamp
	Notice                   string // a problem with the form as a whole
	Errors                   []formError
	FieldErrors              map[string]string // by control id
}

// Err returns the error message of the control with id, or "".
func (f formData) Err(id string) string { return f.FieldErrors[id] }

// fieldMessage is what the form says of a field error: the form's own
// words when it has them (formtext.FieldError, which the widget shows for
// the same error), else the feedback API's message.
func fieldMessage(fe feedback.FieldError, l lang.Lang) string {
	if t, ok := formtext.FieldError(fe.Field, fe.Code); ok {
		return t.In(l)
	}
	return fe.Message.In(l)
}

// ErrorsHeading is the heading of the error summary.
func (f formData) ErrorsHeading(p page) string {
	if len(f.Errors) == 1 {
		return p.T("form.errors.one")
	}
	return p.Tf("form.errors", len(f.Errors))
}

// timeRow is one row of the table of response times.
type timeRow struct {
	Channel string
	Within  string
}

// homeData is the data of the feedback page.
type homeData struct {
	Form           formData
	Due            string // when a message sent now is answered, or ""
	Rule           string // the rule, such as "1 arbetsdag", or ""
	Times          []timeRow
	Widget         bool // show the widget, with the form as its fallback
	WidgetScript   string
	WidgetEndpoint string
}

// newForm returns an empty form with a new idempotency key and stamp.
func (s *site) newForm() formData {
	return formData{Key: uuid.NewString(), Stamp: s.api.FormStamp(s.now())}
}

func (s *site) home(w http.ResponseWriter, r *http.Request) {
	s.renderHome(w, r, http.StatusOK, s.newForm())
}

func (s *site) renderHome(w http.ResponseWriter, r *http.Request, code int, f formData) {
	for _, v := range []*string{&f.Text, &f.Name, &f.Email, &f.Phone} {
		*v = displayable(*v)
	}
	p := s.newPage(r, "home.title")
	p.Path = "/"
	d := homeData{
		Form:           f,
		Widget:         r.Method == http.MethodGet,
		WidgetScript:   s.cfg.WidgetScript,
		WidgetEndpoint: s.cfg.WidgetEndpoint,
	}
	now := s.now()
	if due, _, ok := s.cfg.Policy.WrittenReplyDue(servicerules.Web, servicerules.External, now); ok {
		d.Due = longTime(due, p.Lang)
		rep, _ := s.cfg.Policy.WrittenReply(servicerules.Web, servicerules.External)
		d.Rule = rep.Limit.Format(p.Lang)
	}
	for _, ch := range servicerules.Channels() {
		if _, ok := s.cfg.Policy.Reply(ch, servicerules.External); !ok && ch != servicerules.Web {
			continue
		}
		row := timeRow{Channel: capital(ch.Name(p.Lang)), Within: p.T("home.asap")}
		if rep, ok := s.cfg.Policy.WrittenReply(ch, servicerules.External); ok {
			row.Within = rep.Limit.Format(p.Lang)
			if rep.Channel != ch {
				row.Within = p.Tf("home.via", row.Within, rep.Channel.Name(p.Lang))
			}
		}
		d.Times = append(d.Times, row)
	}
	p.Data = d
	s.render(w, code, "home", p)
}

// displayable returns what a person sent, to show back in the form: invalid
// UTF-8 and control characters (other than tabs and line breaks), which
// HTML may not hold and a field error already names, become U+FFFD.
func displayable(v string) string {
	v = strings.ToValidUTF8(v, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) {
			return '\uFFFD'
		}
		return r
	}, v)
}

// receiptData is the data of the receipt page.
type receiptData struct {
	Message  string
	Language lang.Lang // the language of Message
	Due      string
	AppealBy string
	Link     string // the absolute link to the citizen's case page
	Path     string
	Already  bool
}

// submit takes in the plain form through the same intake as POST
// /api/feedback (httpapi.Handler.Submit: the rate limit, the honeypot, the
// signed form stamp, feedback.Intake and an idempotent insert) and renders
// the receipt, or the form again with what was wrong.
func (s *site) submit(w http.ResponseWriter, r *http.Request) {
	l := pageLang(r.PostFormValue("lang"))
	f := formData{
		Text:  r.PostFormValue("text"),
		Name:  r.PostFormValue("name"),
		Email: r.PostFormValue("email"),
		Phone: r.PostFormValue("phone"),
		Key:   r.PostFormValue("idempotency_key"),
		Stamp: r.PostFormValue(formStampField),
	}
	req := httpapi.FeedbackRequest{
		Text:           f.Text,
		Channel:        string(servicerules.Web),
		Language:       l,
		IdempotencyKey: f.Key,
		Website:        r.PostFormValue(honeypotField),
		FormStamp:      f.Stamp,
	}
	if contact := (feedback.Contact{Name: strings.TrimSpace(f.Name), Email: strings.TrimSpace(f.Email), Phone: strings.TrimSpace(f.Phone)}); !contact.IsZero() {
		req.Contact = &contact
	}
	ack, created, err := s.api.Submit(r, req)
	if err == nil {
		code := http.StatusOK
		if created {
			code = http.StatusCreated
		}
		s.renderReceipt(w, r, code, ack, !created)
		return
	}
	var limited *httpapi.Problem
	var verr *feedback.ValidationError
	switch {
	case errors.As(err, &limited) && limited.Status == http.StatusTooManyRequests:
		w.Header().Set("Retry-After", "60")
		s.fail(w, r, http.StatusTooManyRequests, "error.title")
	case errors.Is(err, feedback.ErrKeyReused):
		// The form was sent before with other content (the back button):
		// a new key makes this a new message, once the person sends it.
		f.Key, f.Stamp = uuid.NewString(), s.api.FormStamp(s.now())
		f.Notice = msg(l, "form.key.reused")
		s.renderHome(w, r, http.StatusConflict, f)
	case errors.As(err, &verr):
		s.refuse(w, r, l, f, verr)
	default:
		s.internal(w, r, err)
	}
}

// refuse answers a form that Submit refused with verr: 400, and the form
// again with what the person wrote and what was wrong. A filled-in honeypot
// gets a page that says only that the message was not taken. A problem the
// person cannot fix in a field (the form stamp, the hidden idempotency key)
// becomes a notice over the form, with a new stamp (and key) where the old
// one cannot pass; the errors of the fields link to the fields.
func (s *site) refuse(w http.ResponseWriter, r *http.Request, l lang.Lang, f formData, verr *feedback.ValidationError) {
	if _, ok := verr.Field(honeypotField); ok {
		p := s.newPage(r, "error.title")
		p.Data = messagePage{Heading: p.T("form.rejected"), Body: p.T("error.retry")}
		s.render(w, http.StatusBadRequest, "message", p)
		return
	}
	if fe, ok := verr.Field(formStampField); ok {
		switch fe.Code {
		case httpapi.CodeTooFast:
			f.Notice = msg(l, "form.stamp.fast")
		case httpapi.CodeExpired:
			f.Notice = msg(l, "form.stamp.old")
			f.Stamp = s.api.FormStamp(s.now())
		default:
			f.Notice = msg(l, "form.stamp.bad")
			f.Stamp = s.api.FormStamp(s.now())
		}
		s.renderHome(w, r, http.StatusBadRequest, f)
		return
	}
	if _, ok := verr.Field("idempotency_key"); ok {
		// The key is a hidden field: a person cannot fix it. Start the
		// form afresh, with what they wrote.
		f.Key, f.Stamp = uuid.NewString(), s.api.FormStamp(s.now())
		f.Notice = msg(l, "form.stamp.bad")
		s.renderHome(w, r, http.StatusBadRequest, f)
		return
	}
	f.FieldErrors = make(map[string]string)
	for _, fe := range verr.Fields {
		id := formFields[fe.Field]
		msg := fieldMessage(fe, l)
		if id != "" {
			if _, seen := f.FieldErrors[id]; !seen {
				f.FieldErrors[id] = msg
			}
			f.Errors = append(f.Errors, formError{Href: "#" + id, Message: msg})
		} else {
			f.Errors = append(f.Errors, formError{Message: msg})
		}
	}
	s.renderHome(w, r, http.StatusBadRequest, f)
}

func (s *site) renderReceipt(w http.ResponseWriter, r *http.Request, code int, ack httpapi.Acknowledgement, already bool) {
	p := s.newPage(r, "receipt.title")
	p.Path = "/"
	path := "/arende/" + ack.Token.String()
	d := receiptData{
		Message:  ack.Receipt.Message,
		Language: ack.Language,
		Path:     withLang(path, p.Lang),
		Link:     s.absolute(withLang(path, p.Lang)),
		Already:  already,
	}
	if due := ack.Receipt.Due; due != nil {
		d.Due = longTime(*due, p.Lang)
	}
	if by := ack.Receipt.AppealBy; by != nil {
		d.AppealBy = calendar.DateOf(*by).Format(p.Lang)
	}
	p.Data = d
	w.Header().Set("Location", path)
	s.render(w, code, "receipt", p)
}

// citizenData is the data of the citizen's case page: the CitizenView and
// nothing else.
type citizenData struct {
	Status      string
	Kind        string
	Received    string
	Due         string
	AnsweredAt  string
	InterimText string
	ReplyText   string
	Language    lang.Lang
}

func (s *site) citizenCase(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Robots-Tag", "noindex")
	v, err := s.cfg.Store.Lookup(r.Context(), r.PathValue("token"))
	if errors.Is(err, feedback.ErrNotFound) {
		p := s.newPage(r, "case.notfound")
		p.Data = messagePage{Heading: p.T("case.notfound"), Body: p.T("case.notfound2")}
		s.render(w, http.StatusNotFound, "message", p)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	p := s.newPage(r, "case.title")
	d := citizenData{
		Status:      capital(v.Status.Name(p.Lang)),
		Kind:        kindName(v.Kind, p.Lang),
		Received:    longTime(v.Received, p.Lang),
		InterimText: v.InterimText,
		ReplyText:   v.ReplyText,
		Language:    v.Language,
	}
	if v.Due != nil {
		d.Due = longTime(*v.Due, p.Lang)
	}
	if v.AnsweredAt != nil {
		d.AnsweredAt = longTime(*v.AnsweredAt, p.Lang)
	}
	p.Data = d
	s.render(w, http.StatusOK, "citizen", p)
}

// statementData is the data of the accessibility statement.
type statementData struct {
	Reviewed string
}

func (s *site) statement(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "nav.a11y")
	p.Title = p.Tf("a11y.title", s.cfg.SiteName)
	reviewed := s.cfg.StatementDate.Format(p.Lang)
	if p.Lang == lang.Finnish {
		// "päivitetty 21. marraskuuta 2026": with the weekday, the
		// sentence would need another case ("lauantaina").
		reviewed = s.cfg.StatementDate.DayMonth(lang.Finnish) + " " + strconv.Itoa(s.cfg.StatementDate.Year)
	}
	p.Data = statementData{Reviewed: reviewed}
	s.render(w, http.StatusOK, "statement", p)
}

// weekStart returns midnight on the Monday of t's week, in Stockholm.
func weekStart(t time.Time) time.Time {
	d := calendar.DateOf(t)
	off := (int(d.Weekday()) + 6) % 7
	return d.AddDays(-off).Midnight()
}
