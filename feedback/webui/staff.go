package webui

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/feedback/plain"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// InboxLimit is the most cases the inbox lists at once.
const InboxLimit = 500

// excerptRunes is how much of a message the inbox shows.
const excerptRunes = 160

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// inboxRow is one case in the inbox.
type inboxRow struct {
	ID         string
	Due        string
	Received   string
	Status     string
	Kind       string
	Channel    string
	Text       string    // redacted (feedback.CaseSummary), shortened here
	Language   lang.Lang // the language the person wrote in, for the lang attribute
	Overdue    bool
	Register   bool // a complaint about staff, not registered yet
	RegOverdue bool
	NoReply    bool
	Anonymous  bool
}

// inboxData is the data of the inbox.
type inboxData struct {
	Statuses, Kinds, Channels []option
	Overdue                   bool
	Rows                      []inboxRow
	Limited                   bool
}

func (s *site) inbox(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "inbox.title")
	q := r.URL.Query()
	var f feedback.CaseFilter
	d := inboxData{}

	anyValue := p.T("inbox.any")
	d.Statuses, f.Statuses = filterOptions(feedback.Statuses(), q.Get("status"), anyValue,
		func(x feedback.Status) string { return x.Name(p.Lang) })
	d.Kinds, f.Kinds = filterOptions(message.Kinds(), q.Get("kind"), anyValue,
		func(k message.Kind) string { return kindName(k, p.Lang) })
	d.Channels, f.Channels = filterOptions(servicerules.Channels(), q.Get("channel"), anyValue,
		func(c servicerules.Channel) string { return c.Name(p.Lang) })
	now := s.now()
	if v := q.Get("overdue"); v == "1" || v == "true" || v == "on" {
		d.Overdue = true
		f.OverdueAt = now
	}
	f.Limit = InboxLimit + 1
	cases, err := s.cfg.Store.List(r.Context(), f)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if len(cases) > InboxLimit {
		cases, d.Limited = cases[:InboxLimit], true
	}
	for _, c := range cases {
		row := inboxRow{
			ID:         c.ID.String(),
			Received:   shortTime(c.Received),
			Status:     capital(c.Status.Name(p.Lang)),
			Kind:       kindName(c.Kind, p.Lang),
			Channel:    capital(c.Channel.Name(p.Lang)),
			Text:       excerpt(c.Text, excerptRunes),
			Language:   c.Language,
			Overdue:    c.Overdue(now),
			Register:   c.MustRegister() && c.RegisteredAt.IsZero(),
			RegOverdue: c.RegistrationOverdue(now),
			NoReply:    c.Due().IsZero(),
			Anonymous:  c.Anonymous(),
		}
		if due := c.Due(); !due.IsZero() {
			row.Due = shortTime(due)
		}
		d.Rows = append(d.Rows, row)
	}
	p.Data = d
	s.render(w, http.StatusOK, "inbox", p)
}

// filterOptions returns the options of an inbox filter on one of values:
// anyValue (the label of "no filter") first, then each value with its name,
// the one chosen selected. It also returns the filter: chosen when it is
// one of values, else nil (no filter).
func filterOptions[T ~string](values []T, chosen, anyValue string, name func(T) string) ([]option, []T) {
	opts := []option{{Value: "", Label: anyValue}}
	var filter []T
	for _, v := range values {
		sel := string(v) == chosen
		if sel {
			filter = []T{v}
		}
		opts = append(opts, option{Value: string(v), Label: name(v), Selected: sel})
	}
	return opts, filter
}

// excerpt returns the first n runes of text, with "…" when it was longer.
func excerpt(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	i := 0
	for k := range text {
		if n == 0 {
			i = k
			break
		}
		n--
	}
	return strings.TrimRight(text[:i], " \n\t") + "…"
}

// histRow is one change in a case's history.
type histRow struct {
	When   string
	Change string
	Note   string
}

// actionForm is what staff typed in a status form, and what was wrong.
type actionForm struct {
	To, Text, Diary, Promised string
	Error                     string // for the form as a whole
	FieldID, FieldError       string // the control that was wrong
}

// plainView is a plain-language report as the page shows it.
type plainView struct {
	Summary  string            `json:"summary"`
	Verdict  string            `json:"verdict"`
	Score    int               `json:"score"`
	LIX      float64           `json:"lix"`
	Findings []plainFindingOut `json:"findings"`
	None     string            `json:"none,omitempty"`
}

// plainFindingOut is one finding of a plainView.
type plainFindingOut struct {
	Kind       string `json:"kind"`
	Label      string `json:"label"`
	Text       string `json:"text"`
	Suggestion string `json:"suggestion,omitempty"`
	Advice     string `json:"advice"`
}

// plainReport runs plain.Check on text and words it in l.
func plainReport(text string, l lang.Lang) plainView {
	rep := plain.Check(text)
	v := plainView{
		Summary:  tf(l, "plain.summary", decimal(rep.LIX, l), rep.Band.Text().In(l), rep.Score, rep.Verdict.Text().In(l)),
		Verdict:  string(rep.Verdict),
		Score:    rep.Score,
		LIX:      rep.LIX,
		Findings: []plainFindingOut{},
	}
	for _, f := range rep.Findings {
		out := plainFindingOut{Kind: string(f.Kind), Text: f.Text, Advice: f.Advice.In(l)}
		switch f.Kind {
		case plain.LongSentence:
			out.Label = tf(l, "plain.long", f.Words)
			out.Text = excerpt(f.Text, 80)
		case plain.Bureaucratic:
			out.Label = msg(l, "plain.bureau")
		case plain.Abbreviation:
			out.Label = msg(l, "plain.abbr")
		default:
			out.Label = msg(l, "plain.acronym")
		}
		if f.Suggestion != "" {
			out.Suggestion = tf(l, "plain.suggest", f.Suggestion)
		}
		v.Findings = append(v.Findings, out)
	}
	if len(v.Findings) == 0 {
		v.None = msg(l, "plain.none")
	}
	return v
}

// staffCaseData is the data of a staff case page.
type staffCaseData struct {
	ID         string
	Text       string
	Name       string
	Email      string
	Phone      string
	Anonymous  bool
	Status     string
	Kind       string
	RunnerUp   string
	Confidence string
	Channel    string
	Language   lang.Lang // the code, for the lang attribute
	LangName   string
	Received   string
	RegDue     string
	ReplyDue   string
	DueVia     string // a sentence, when another channel's rule gave ReplyDue
	Promised   string
	Diary      string
	Unit       string
	StaffCompl bool
	Overdue    bool
	RegOverdue bool
	Interim    string
	Reply      string
	SentPlain  *plainView
	History    []histRow

	// The forms for the statuses the case may move to now.
	CanRegister, CanInterim, CanWait, CanAnswer, CanClose bool
	Resume                                                string // the status to resume to, when waiting
	ResumeName                                            string
	Form                                                  actionForm
	Plain                                                 *plainView // server-side check of the draft in Form
	Done                                                  string
}

func (s *site) staffCase(w http.ResponseWriter, r *http.Request) {
	s.showCase(w, r, http.StatusOK, actionForm{})
}

// caseID reads the case ID from the path.
func caseID(r *http.Request) (uuid.UUID, bool) {
	id, err := uuid.Parse(r.PathValue("id"))
	return id, err == nil && len(r.PathValue("id")) == 36
}

// getCase returns the case id from the store. When it cannot, it answers
// the request (404 for a case that is not there, 500 for any other error)
// and reports false.
func (s *site) getCase(w http.ResponseWriter, r *http.Request, id uuid.UUID) (feedback.Case, bool) {
	c, err := s.cfg.Store.Get(r.Context(), id)
	if errors.Is(err, feedback.ErrNotFound) {
		s.notFound(w, r)
		return feedback.Case{}, false
	}
	if err != nil {
		s.internal(w, r, err)
		return feedback.Case{}, false
	}
	return c, true
}

func (s *site) showCase(w http.ResponseWriter, r *http.Request, code int, form actionForm) {
	id, ok := caseID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	c, ok := s.getCase(w, r, id)
	if !ok {
		return
	}
	p := s.newPage(r, "scase.title")
	p.Path = "/staff/case/" + id.String()
	now := s.now()
	d := staffCaseData{
		ID:         id.String(),
		Text:       c.Text,
		Anonymous:  c.Anonymous(),
		Status:     capital(c.Status.Name(p.Lang)),
		Kind:       kindName(c.Kind, p.Lang),
		Confidence: percent(c.Confidence, p.Lang),
		Channel:    capital(c.Channel.Name(p.Lang)),
		Language:   c.Language,
		LangName:   capital(languageName(c.Language, p.Lang)),
		Received:   longTime(c.Received, p.Lang),
		RegDue:     longTime(c.RegistrationDue, p.Lang),
		ReplyDue:   longTime(c.ReplyDue, p.Lang),
		Promised:   longTime(c.Promised, p.Lang),
		Diary:      c.DiaryNumber,
		Unit:       c.Unit,
		StaffCompl: c.StaffComplaint,
		Overdue:    c.Overdue(now),
		RegOverdue: c.RegistrationOverdue(now),
		Interim:    c.InterimText,
		Reply:      c.ReplyText,
		Form:       form,
	}
	if c.Contact != nil {
		d.Name, d.Email, d.Phone = c.Contact.Name, c.Contact.Email, c.Contact.Phone
	}
	if c.RunnerUp != "" {
		d.RunnerUp = kindName(c.RunnerUp, p.Lang)
	}
	if c.DueVia != "" && c.DueVia != c.Channel && !c.ReplyDue.IsZero() {
		d.DueVia = p.Tf("scase.duevia", c.DueVia.Name(p.Lang), c.Channel.Name(p.Lang))
	}
	if c.ReplyText != "" {
		v := plainReport(c.ReplyText, p.Lang)
		d.SentPlain = &v
	}
	for _, h := range c.History {
		change := capital(h.To.Name(p.Lang))
		if h.From != "" {
			change = capital(h.From.Name(p.Lang)) + " → " + h.To.Name(p.Lang)
		}
		note := h.Text
		if h.DiaryNumber != "" {
			note = strings.TrimSpace(p.T("scase.diary") + ": " + h.DiaryNumber + " " + note)
		}
		if !h.Promised.IsZero() {
			note = strings.TrimSpace(note + " (" + p.T("scase.promised") + ": " + shortTime(h.Promised) + ")")
		}
		d.History = append(d.History, histRow{When: shortTime(h.At), Change: change, Note: note})
	}
	for _, next := range c.Next() {
		switch {
		case c.Status == feedback.StatusWaiting && next == c.Resume:
			d.Resume, d.ResumeName = string(next), next.Name(p.Lang)
		case next == feedback.StatusRegistered:
			d.CanRegister = true
		case next == feedback.StatusInterimSent:
			d.CanInterim = true
		case next == feedback.StatusWaiting:
			d.CanWait = true
		case next == feedback.StatusAnswered:
			d.CanAnswer = true
		case next == feedback.StatusClosed:
			d.CanClose = true
		}
	}
	if form.To == "" {
		if st, err := feedback.ParseStatus(r.URL.Query().Get("done")); err == nil {
			d.Done = p.Tf("scase.done", st.Name(p.Lang))
		}
	}
	if form.To != "" && form.Text != "" && form.Error == "" && form.FieldError == "" {
		v := plainReport(form.Text, p.Lang)
		d.Plain = &v
	}
	p.Data = d
	s.render(w, code, "staffcase", p)
}

// transition applies the status change a staff form posted, or with
// action=check only shows the plain-language check of the text.
func (s *site) transition(w http.ResponseWriter, r *http.Request) {
	id, ok := caseID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	l := pageLang(r.PostFormValue("lang"))
	// Staff texts go to the person as they are, so below
	// feedback.Transition.Validate, the check the API makes too, refuses
	// what the person's screen would not show as stored. The form shows
	// what was typed again, made displayable.
	text := r.PostFormValue("text")
	diary := strings.TrimSpace(r.PostFormValue("diary_number"))
	form := actionForm{
		To:       r.PostFormValue("to"),
		Text:     displayable(text),
		Diary:    displayable(diary),
		Promised: strings.TrimSpace(r.PostFormValue("promised")),
	}
	to, err := feedback.ParseStatus(form.To)
	if err != nil {
		form.Error = msg(l, "scase.illegal")
		s.showCase(w, r, http.StatusBadRequest, form)
		return
	}
	if r.PostFormValue("action") == "check" {
		s.showCase(w, r, http.StatusOK, form)
		return
	}
	textID := "a-" + string(to) + "-text"
	if to == feedback.StatusAnswered && strings.TrimSpace(text) == "" {
		form.FieldID, form.FieldError = textID, msg(l, "fld.reply.req")
		s.showCase(w, r, http.StatusBadRequest, form)
		return
	}
	now := s.now()
	t := feedback.Transition{To: to, At: now, By: "personal", Text: strings.TrimSpace(text)}
	if to == feedback.StatusInterimSent && t.Text == "" {
		// Resuming a paused case to "interim reply sent" is not a new
		// interim reply: keep the one the person has (Apply sets the
		// interim text from the transition).
		c, ok := s.getCase(w, r, id)
		if !ok {
			return
		}
		if c.Status == feedback.StatusWaiting && c.Resume == feedback.StatusInterimSent {
			t.Text = c.InterimText
		}
	}
	if to == feedback.StatusRegistered {
		t.DiaryNumber = diary
	}
	if to == feedback.StatusInterimSent && form.Promised != "" {
		promised, ok := parseLocal(form.Promised)
		if ok && !promised.After(now) {
			form.FieldID, form.FieldError = "a-interim_sent-promised", msg(l, "fld.promised.past")
			s.showCase(w, r, http.StatusBadRequest, form)
			return
		}
		if !ok {
			form.FieldID, form.FieldError = "a-interim_sent-promised", msg(l, "fld.promised.bad")
			s.showCase(w, r, http.StatusBadRequest, form)
			return
		}
		t.Promised = promised
	}
	var ve *feedback.ValidationError
	if err := t.Validate(); errors.As(err, &ve) {
		s.showInvalid(w, r, form, to, ve, l)
		return
	}
	_, err = s.cfg.Store.Apply(r.Context(), id, t)
	var terr *feedback.TransitionError
	switch {
	case err == nil:
		http.Redirect(w, r, withLang("/staff/case/"+id.String()+"?done="+string(to), l), http.StatusSeeOther)
	case errors.Is(err, feedback.ErrNotFound):
		s.notFound(w, r)
	case errors.As(err, &ve):
		s.showInvalid(w, r, form, to, ve, l)
	case errors.As(err, &terr):
		form.Error = msg(l, "scase.illegal") + " (" + terr.Reason + ")"
		s.showCase(w, r, http.StatusConflict, form)
	case errors.Is(err, feedback.ErrConflict):
		form.Error = msg(l, "scase.conflict")
		s.showCase(w, r, http.StatusConflict, form)
	default:
		s.internal(w, r, err)
	}
}

// showInvalid answers 400 with the case page and the form for a change to
// `to` as it was sent, with the first error of ve on its control, in l.
func (s *site) showInvalid(w http.ResponseWriter, r *http.Request, form actionForm, to feedback.Status, ve *feedback.ValidationError, l lang.Lang) {
	if len(ve.Fields) == 0 {
		form.Error = msg(l, "scase.illegal")
		s.showCase(w, r, http.StatusBadRequest, form)
		return
	}
	fe := ve.Fields[0]
	switch fe.Field {
	case "text":
		form.FieldID = "a-" + string(to) + "-text"
	case "diary_number":
		form.FieldID = "a-registered-diary"
	case "promised":
		form.FieldID = "a-interim_sent-promised"
	}
	if form.FieldID != "" {
		form.FieldError = fe.Message.In(l)
	} else {
		form.Error = fe.Message.In(l)
	}
	s.showCase(w, r, http.StatusBadRequest, form)
}

// parseLocal reads a date and time in Stockholm as a datetime-local control
// sends it ("2026-12-23T15:00"), or with a space instead of the T. A date
// alone is taken as 16:00 that day.
func parseLocal(v string) (time.Time, bool) {
	v = strings.Replace(strings.TrimSpace(v), " ", "T", 1)
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, v, calendar.Location()); err == nil {
			if layout == "2006-01-02" {
				t = t.Add(16 * time.Hour)
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// plainCheckRequest is the body of POST /staff/plaincheck.
type plainCheckRequest struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
}

// plainCheck answers the plain-language check of a draft as JSON, for the
// live check on the staff case page.
func (s *site) plainCheck(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.session(r)
	if !ok {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthorized"})
		return
	}
	if !s.validCSRF(r, sess) {
		writeJSON(w, http.StatusForbidden, map[string]string{"error": "csrf"})
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, map[string]string{"error": "unsupported_media_type"})
		return
	}
	var req plainCheckRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "body_too_large"})
			return
		}
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_json"})
		return
	}
	writeJSON(w, http.StatusOK, plainReport(req.Text, pageLang(req.Lang)))
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code, b = http.StatusInternalServerError, []byte(`{"error":"internal"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write(append(b, '\n'))
}
