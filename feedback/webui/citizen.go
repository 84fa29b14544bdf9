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

// ErrorsHeading is the heading of the error summary.
func (f formData) ErrorsHeading(p page) string {
	if len(f.Errors) == 1 {
		return p.T("form.error1")
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
	return formData{Key: uuid.NewString(), Stamp: formStamp(s.key, s.now())}
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

// submit takes in the plain form: the same checks and intake as the JSON
// API (honeypot, signed form stamp, feedback.Accept, feedback.NewCase, and
// an idempotent Store.Insert), then renders the receipt.
func (s *site) submit(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Allow != nil && !s.cfg.Allow(r) {
		w.Header().Set("Retry-After", "60")
		s.fail(w, r, http.StatusTooManyRequests, "error.title")
		return
	}
	if r.PostFormValue(honeypotField) != "" {
		p := s.newPage(r, "error.title")
		p.Data = messagePage{Heading: p.T("form.rejected"), Body: p.T("error.retry")}
		s.render(w, http.StatusBadRequest, "message", p)
		return
	}
	l := pageLang(r.PostFormValue("lang"))
	f := formData{
		Text:  r.PostFormValue("text"),
		Name:  r.PostFormValue("name"),
		Email: r.PostFormValue("email"),
		Phone: r.PostFormValue("phone"),
		Stamp: r.PostFormValue(formStampField),
	}
	key, err := feedback.ParseIdempotencyKey(r.PostFormValue("idempotency_key"))
	if err != nil {
		// The key is a hidden field: a person cannot fix it. Start the
		// form afresh, with what they wrote.
		f.Key, f.Stamp = uuid.NewString(), formStamp(s.key, s.now())
		f.Notice = msg(l, "form.stamp.bad")
		s.renderHome(w, r, http.StatusBadRequest, f)
		return
	}
	f.Key = key
	ctx := r.Context()
	// A retry goes through every check a first submission does; only the
	// store, comparing the submission's fingerprint, tells a retry (its
	// receipt again) from another message under the same key.
	now := s.now()
	switch checkFormStamp(s.key, f.Stamp, now) {
	case "":
	case httpapi.CodeTooFast:
		f.Notice = msg(l, "form.stamp.fast")
		s.renderHome(w, r, http.StatusBadRequest, f)
		return
	case httpapi.CodeExpired:
		f.Notice = msg(l, "form.stamp.old")
		f.Stamp = formStamp(s.key, now)
		s.renderHome(w, r, http.StatusBadRequest, f)
		return
	default:
		f.Notice = msg(l, "form.stamp.bad")
		f.Stamp = formStamp(s.key, now)
		s.renderHome(w, r, http.StatusBadRequest, f)
		return
	}
	sub := feedback.Submission{
		IdempotencyKey: key,
		Channel:        servicerules.Web,
		Text:           f.Text,
		Language:       l,
	}
	if contact := (feedback.Contact{Name: strings.TrimSpace(f.Name), Email: strings.TrimSpace(f.Email), Phone: strings.TrimSpace(f.Phone)}); !contact.IsZero() {
		sub.Contact = &contact
	}
	accepted, cl, err := feedback.Accept(sub, now)
	if err != nil {
		var verr *feedback.ValidationError
		if !errors.As(err, &verr) {
			s.internal(w, r, err)
			return
		}
		f.FieldErrors = make(map[string]string)
		for _, fe := range verr.Fields {
			id := formFields[fe.Field]
			msg := fe.Message(l)
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
		return
	}
	c, err := feedback.NewCase(accepted, cl, s.cfg.Policy)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	stored, created, err := s.cfg.Store.Insert(ctx, c)
	if errors.Is(err, feedback.ErrKeyReused) {
		// The form was sent before with other content (the back button):
		// a new key makes this a new message, once the person sends it.
		f.Key, f.Stamp = uuid.NewString(), formStamp(s.key, now)
		f.Notice = msg(l, "form.key.reused")
		s.renderHome(w, r, http.StatusConflict, f)
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
	}
	s.renderReceipt(w, r, code, stored, !created)
}

func (s *site) renderReceipt(w http.ResponseWriter, r *http.Request, code int, c feedback.Case, already bool) {
	p := s.newPage(r, "receipt.title")
	p.Path = "/"
	rc := c.Receipt(s.cfg.Policy)
	path := "/arende/" + c.Token.String()
	d := receiptData{
		Message:  rc.Message,
		Language: rc.Language,
		Path:     withLang(path, p.Lang),
		Link:     s.absolute(withLang(path, p.Lang)),
		Already:  already,
	}
	if rc.Due != nil {
		d.Due = longTime(*rc.Due, p.Lang)
	}
	if rc.AppealBy != nil {
		d.AppealBy = calendar.DateOf(*rc.AppealBy).Format(p.Lang)
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
