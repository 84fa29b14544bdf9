package httpapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/feedback/pii"
	"github.com/kommunkit/kommunkit/servicerules"
)

// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) for fault
// reports, as FixMyStreet and FixaMinGata speak it. A service request is a
// case on the channel e-service whose text ends in a location block that
// this file writes and reads back (o311Marker): the store has no columns of
// its own for a location. Only requests that came in this way are visible
// on the Open311 routes; every other case is not found there.

// O311Service is one service of GET /open311/v2/services.json.
type O311Service struct {
	ServiceCode string `json:"service_code"`
	ServiceName string `json:"service_name"`
	Description string `json:"description"`
	Metadata    bool   `json:"metadata"`
	Type        string `json:"type"`
	Keywords    string `json:"keywords"`
	Group       string `json:"group"`
}

func defaultO311Services() []O311Service {
	return []O311Service{
		{ServiceCode: "gata", ServiceName: "Gator och vägar", Description: "Hål i vägen, trasiga skyltar, halka, snöröjning, trafiksignaler.", Keywords: "gata,väg,hål,skylt,halka,snö"},
		{ServiceCode: "belysning", ServiceName: "Gatubelysning", Description: "Trasig eller släckt gatlykta, belysning i gångtunnlar och parker.", Keywords: "belysning,gatlykta,lampa"},
		{ServiceCode: "park", ServiceName: "Parker och lekplatser", Description: "Trasig lekutrustning, nedskräpning, träd och buskar, parkbänkar.", Keywords: "park,lekplats,skräp,träd"},
		{ServiceCode: "vatten", ServiceName: "Vatten och avlopp", Description: "Läckor, översvämning, igensatta brunnar, lukt från avlopp.", Keywords: "vatten,avlopp,läcka,brunn"},
		{ServiceCode: "ovrigt", ServiceName: "Övrigt", Description: "Andra fel i kommunens anläggningar.", Keywords: "övrigt,annat"},
	}
}

func (h *Handler) service(code string) (O311Service, bool) {
	for _, s := range h.services {
		if s.ServiceCode == code {
			return s, true
		}
	}
	return O311Service{}, false
}

func (h *Handler) o311Services(w http.ResponseWriter, r *http.Request) {
	out := make([]O311Service, len(h.services))
	for i, s := range h.services {
		s.Metadata, s.Type, s.Group = false, "realtime", "Felanmälan"
		out[i] = s
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, out)
}

// O311Error is a GeoReport error; the body of an error is a list of them.
type O311Error struct {
	Code        int    `json:"code"`
	Description string `json:"description"`
}

func writeO311Error(w http.ResponseWriter, status int, desc ...string) {
	out := make([]O311Error, 0, len(desc))
	for _, d := range desc {
		out = append(out, O311Error{Code: status, Description: d})
	}
	writeJSON(w, status, out)
}

// writeO311Problem writes p as GeoReport errors, one per field.
func writeO311Problem(w http.ResponseWriter, p *Problem) {
	if p.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(p.RetryAfter))
	}
	if len(p.Fields) == 0 {
		writeO311Error(w, p.Status, p.Message.En)
		return
	}
	var ds []string
	for _, f := range p.Fields {
		name := f.Field
		if name == "text" {
			name = "description"
		}
		ds = append(ds, name+": "+f.Message.En)
	}
	writeO311Error(w, p.Status, ds...)
}

// O311Created is one element of the answer to POST requests.json.
type O311Created struct {
	ServiceRequestID string  `json:"service_request_id"`
	ServiceNotice    string  `json:"service_notice"`
	AccountID        *string `json:"account_id"`
}

// o311Location is where a fault is and what kind it is.
type o311Location struct {
	Code, Name, Address, MediaURL string
	Lat, Long                     *float64
}

const o311Marker = "\n\n— Felanmälan (Open311)\n"

func (l o311Location) block() string {
	var b strings.Builder
	b.WriteString(o311Marker)
	b.WriteString("Kategori: " + l.Name + " [" + l.Code + "]")
	if l.Address != "" {
		b.WriteString("\nAdress: " + l.Address)
	}
	if l.Lat != nil && l.Long != nil {
		b.WriteString("\nPosition: " + strconv.FormatFloat(*l.Lat, 'f', 6, 64) + ", " + strconv.FormatFloat(*l.Long, 'f', 6, 64))
	}
	if l.MediaURL != "" {
		b.WriteString("\nBild: " + l.MediaURL)
	}
	return b.String()
}

// splitO311 splits a case text into the description and the location
// block, and reports false when the text has no block.
func splitO311(text string) (string, o311Location, bool) {
	i := strings.LastIndex(text, o311Marker)
	if i < 0 {
		return text, o311Location{}, false
	}
	var l o311Location
	for _, line := range strings.Split(text[i+len(o311Marker):], "\n") {
		k, v, _ := strings.Cut(line, ": ")
		switch k {
		case "Kategori":
			if j := strings.LastIndex(v, " ["); j >= 0 && strings.HasSuffix(v, "]") {
				l.Name, l.Code = v[:j], v[j+2:len(v)-1]
			}
		case "Adress":
			l.Address = v
		case "Position":
			a, b, ok := strings.Cut(v, ", ")
			lat, err1 := strconv.ParseFloat(a, 64)
			long, err2 := strconv.ParseFloat(b, 64)
			if ok && err1 == nil && err2 == nil {
				l.Lat, l.Long = &lat, &long
			}
		case "Bild":
			l.MediaURL = v
		}
	}
	if l.Code == "" {
		return text, o311Location{}, false
	}
	return text[:i], l, true
}

func o311Form(w http.ResponseWriter, r *http.Request) (url.Values, *Problem) {
	mt := mediaType(r)
	switch {
	case mt == "application/x-www-form-urlencoded":
		b, p := readBody(w, r)
		if p != nil {
			return nil, p
		}
		v, err := url.ParseQuery(b.String())
		putBody(b)
		if err != nil {
			return nil, invalidJSON("the form could not be read")
		}
		return v, nil
	case isJSONType(mt):
		var m map[string]any
		b, p := readBody(w, r)
		if p != nil {
			return nil, p
		}
		p = decodeJSON(b.Bytes(), &m)
		putBody(b)
		if p != nil {
			return nil, p
		}
		v := url.Values{}
		for k, x := range m {
			switch x := x.(type) {
			case string:
				v.Set(k, x)
			case float64:
				v.Set(k, strconv.FormatFloat(x, 'f', -1, 64))
			case bool:
				v.Set(k, strconv.FormatBool(x))
			}
		}
		return v, nil
	}
	p := unsupportedType(r.Header.Get("Content-Type"))
	p.Message.En = "The content type " + strconv.Quote(r.Header.Get("Content-Type")) + " is not accepted here; send application/x-www-form-urlencoded."
	return nil, p
}

func parseCoord(v string, limit float64) (*float64, bool) {
	if v == "" {
		return nil, true
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || math.Abs(f) > limit {
		return nil, false
	}
	return &f, true
}

var o311KeySpace = uuid.MustParse("6f1c1b0e-4a2d-4c1e-9a51-7d1f0b5e2c01")

// o311Key derives the idempotency key of a service request sent without
// one, so that the same request sent twice is one request. It is keyed
// with the Handler's secret (derived from the form stamp key, or else the
// staff token): the fields it covers are public for an anonymous report,
// and a key made from them alone could be rebuilt by anyone.
func (h *Handler) o311Key(form url.Values) string {
	m := hmac.New(sha256.New, h.o311Secret[:])
	for _, k := range []string{"service_code", "description", "lat", "long", "address_string", "address_id", "email", "phone", "first_name", "last_name", "device_id", "account_id", "media_url"} {
		v := form.Get(k)
		m.Write([]byte(k + "=" + strconv.Itoa(len(v)) + ":" + v + "\x00"))
	}
	return uuid.NewSHA1(o311KeySpace, m.Sum(nil)).String()
}

func (h *Handler) o311Post(w http.ResponseWriter, r *http.Request) {
	form, p := o311Form(w, r)
	if p != nil {
		writeO311Problem(w, p)
		return
	}
	if h.isDraining() {
		writeO311Problem(w, unavailable())
		return
	}
	code := form.Get("service_code")
	svc, ok := h.service(code)
	if !ok {
		if code == "" {
			writeO311Error(w, http.StatusBadRequest, "service_code: missing")
		} else {
			writeO311Error(w, http.StatusBadRequest, "service_code: "+strconv.Quote(code)+" not found; see services.json")
		}
		return
	}
	lat, okLat := parseCoord(form.Get("lat"), 90)
	long, okLong := parseCoord(form.Get("long"), 180)
	var errs []string
	if !okLat {
		errs = append(errs, "lat: "+strconv.Quote(form.Get("lat"))+" is not a latitude")
	}
	if !okLong {
		errs = append(errs, "long: "+strconv.Quote(form.Get("long"))+" is not a longitude")
	}
	if (lat == nil) != (long == nil) {
		errs = append(errs, "lat and long: give both or neither")
	}
	addr := strings.Join(strings.Fields(form.Get("address_string")), " ")
	if addr == "" && form.Get("address_id") != "" {
		addr = "address_id " + strings.Join(strings.Fields(form.Get("address_id")), " ")
	}
	if lat == nil && addr == "" && len(errs) == 0 {
		errs = append(errs, "location: give lat and long, or address_string")
	}
	desc := strings.TrimSpace(form.Get("description"))
	if desc == "" {
		errs = append(errs, "description: missing")
	}
	media := strings.TrimSpace(form.Get("media_url"))
	if media != "" {
		if u, err := url.Parse(media); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(media, " \n\r\t") {
			errs = append(errs, "media_url: "+strconv.Quote(media)+" is not an http(s) URL")
		}
	}
	if len(errs) > 0 {
		writeO311Error(w, http.StatusBadRequest, errs...)
		return
	}
	loc := o311Location{Code: svc.ServiceCode, Name: svc.ServiceName, Address: addr, Lat: lat, Long: long, MediaURL: media}
	req := FeedbackRequest{
		Text:      desc + loc.block(),
		Channel:   string(servicerules.EService),
		Website:   form.Get(HoneypotField),
		FormStamp: form.Get(FormStampField),
	}
	name := strings.TrimSpace(strings.TrimSpace(form.Get("first_name")) + " " + strings.TrimSpace(form.Get("last_name")))
	if c := (feedback.Contact{Name: name, Email: strings.TrimSpace(form.Get("email")), Phone: strings.TrimSpace(form.Get("phone"))}); !c.IsZero() {
		req.Contact = &c
	}
	req.IdempotencyKey = form.Get("idempotency_key")
	if req.IdempotencyKey == "" {
		req.IdempotencyKey = h.o311Key(form)
	}
	ack, created, err := h.submit(r, req, servicerules.EService, false)
	if err != nil {
		if p := submitProblem(err); p != nil {
			writeO311Problem(w, p)
			return
		}
		noteError(w, err)
		writeO311Error(w, http.StatusInternalServerError, "internal error; please try again")
		return
	}
	var account *string
	if a := form.Get("account_id"); a != "" {
		account = &a
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, []O311Created{{ServiceRequestID: ack.ID.String(), ServiceNotice: ack.Receipt.Message, AccountID: account}})
}

// O311Request is a service request as GeoReport v2 names its fields.
type O311Request struct {
	ServiceRequestID  string   `json:"service_request_id"`
	Status            string   `json:"status"`
	StatusNotes       string   `json:"status_notes"`
	ServiceName       string   `json:"service_name"`
	ServiceCode       string   `json:"service_code"`
	Description       string   `json:"description"`
	AgencyResponsible string   `json:"agency_responsible"`
	ServiceNotice     string   `json:"service_notice"`
	RequestedDatetime string   `json:"requested_datetime"`
	UpdatedDatetime   string   `json:"updated_datetime"`
	ExpectedDatetime  *string  `json:"expected_datetime"`
	Address           string   `json:"address"`
	AddressID         string   `json:"address_id"`
	Zipcode           string   `json:"zipcode"`
	Lat               *float64 `json:"lat"`
	Long              *float64 `json:"long"`
	MediaURL          string   `json:"media_url"`
}

func w3c(t time.Time) string {
	return t.In(calendar.Location()).Format(time.RFC3339)
}

// o311Case is o311Request for a whole case (from Get): its summary, the
// text as sent and the time of its last change.
func (h *Handler) o311Case(c feedback.Case) (O311Request, bool) {
	var last time.Time
	if n := len(c.History); n > 0 {
		last = c.History[n-1].At
	}
	return h.o311Request(c.Summary(), c.Text, last)
}

// o311Request makes the public view of the case summed up by c, with text
// the text it holds the request's fields in (the whole text for a case
// from Get, the summary's redacted text in a list) and lastChange the time
// of its last change, when known (a summary has no history). It reports
// false when the case did not come in through Open311. This view is
// public, so every free-text field (the description, the address, the
// media URL) is redacted, and the status notes are a fixed text per status
// (o311StatusNote): the staff's reply is written to the person who
// reported, and never shown here.
func (h *Handler) o311Request(c feedback.CaseSummary, text string, lastChange time.Time) (O311Request, bool) {
	if c.Channel != servicerules.EService {
		return O311Request{}, false
	}
	desc, loc, ok := splitO311(text)
	if !ok {
		return O311Request{}, false
	}
	status := "open"
	if c.Status == feedback.StatusAnswered || c.Status == feedback.StatusClosed {
		status = "closed"
	}
	updated := c.Received
	for _, t := range []time.Time{lastChange, c.RegisteredAt, c.RespondedAt, c.AnsweredAt, c.ClosedAt} {
		if t.After(updated) {
			updated = t
		}
	}
	p := h.policyFor(c.Policy)
	o := O311Request{
		ServiceRequestID:  c.ID.String(),
		Status:            status,
		StatusNotes:       o311StatusNote(c.Status),
		ServiceName:       loc.Name,
		ServiceCode:       loc.Code,
		Description:       pii.Redact(desc),
		AgencyResponsible: p.Source().Organisation,
		ServiceNotice:     c.Receipt(p).Message,
		RequestedDatetime: w3c(c.Received),
		UpdatedDatetime:   w3c(updated),
		Address:           pii.Redact(loc.Address),
		Lat:               loc.Lat,
		Long:              loc.Long,
		MediaURL:          pii.Redact(loc.MediaURL),
	}
	if d := expected(c, p); !d.IsZero() {
		s := w3c(d)
		o.ExpectedDatetime = &s
	}
	return o, true
}

// o311StatusNote is the public status_notes of a service request in
// status st: a fixed Swedish sentence, never the staff's own words.
func o311StatusNote(st feedback.Status) string {
	switch st {
	case feedback.StatusAnswered, feedback.StatusClosed:
		return "Ärendet är avslutat."
	case feedback.StatusReceived:
		return "Felanmälan har kommit in."
	case feedback.StatusWaiting:
		return "Vi väntar på mer information."
	default:
		return "Vi arbetar med ärendet."
	}
}

func (h *Handler) o311Get(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	id, err := uuid.Parse(strings.TrimSuffix(file, ".json"))
	if err != nil || !strings.HasSuffix(file, ".json") || len(file) != 36+len(".json") {
		writeO311Error(w, http.StatusNotFound, "service request not found")
		return
	}
	c, err := h.store.Get(r.Context(), id)
	if errors.Is(err, feedback.ErrNotFound) {
		writeO311Error(w, http.StatusNotFound, "service request not found")
		return
	}
	if err != nil {
		noteError(w, err)
		writeO311Error(w, http.StatusInternalServerError, "internal error; please try again")
		return
	}
	o, ok := h.o311Case(c)
	if !ok {
		writeO311Error(w, http.StatusNotFound, "service request not found")
		return
	}
	writeJSON(w, http.StatusOK, []O311Request{o})
}

// o311List answers GET requests.json with the GeoReport filters
// service_request_id, service_code, start_date, end_date and status; without
// dates, the last 90 days; at most 1000 requests, newest first.
func (h *Handler) o311List(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ctx := r.Context()
	var out []O311Request
	if ids := q.Get("service_request_id"); ids != "" {
		for _, s := range splitList(ids) {
			id, err := uuid.Parse(s)
			if err != nil {
				continue
			}
			c, err := h.store.Get(ctx, id)
			if err != nil {
				if !errors.Is(err, feedback.ErrNotFound) {
					noteError(w, err)
					writeO311Error(w, http.StatusInternalServerError, "internal error; please try again")
					return
				}
				continue
			}
			if o, ok := h.o311Case(c); ok {
				out = append(out, o)
			}
		}
		if out == nil {
			out = []O311Request{}
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	now := h.now()
	f := feedback.CaseFilter{Channels: []servicerules.Channel{servicerules.EService}, Limit: feedback.DefaultListLimit}
	for _, name := range []string{"start_date", "end_date"} {
		if v := q.Get(name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				writeO311Error(w, http.StatusBadRequest, name+": "+strconv.Quote(v)+" is not a W3C date-time (2026-03-10T09:00:00+01:00)")
				return
			}
			if fe := feedback.CheckTime(name, t); fe != nil {
				writeO311Error(w, http.StatusBadRequest, name+": "+strconv.Quote(v)+": "+fe.Message.En)
				return
			}
			if name == "start_date" {
				f.From = t
			} else {
				f.To = t
			}
		}
	}
	if f.From.IsZero() && f.To.IsZero() {
		f.From = now.AddDate(0, 0, -90)
	}
	codes := splitList(q.Get("service_code"))
	statuses := splitList(strings.ToLower(q.Get("status")))
	for _, s := range statuses {
		if s != "open" && s != "closed" {
			writeO311Error(w, http.StatusBadRequest, "status: "+strconv.Quote(s)+" is not open or closed")
			return
		}
	}
	cases, err := h.store.List(ctx, f)
	if err != nil {
		noteError(w, err)
		writeO311Error(w, http.StatusInternalServerError, "internal error; please try again")
		return
	}
	slices.SortStableFunc(cases, func(a, b feedback.CaseSummary) int { return b.Received.Compare(a.Received) })
	out = []O311Request{}
	for _, c := range cases {
		o, ok := h.o311Request(c, c.Text, time.Time{})
		if !ok {
			continue
		}
		if len(codes) > 0 && !slices.Contains(codes, o.ServiceCode) {
			continue
		}
		if len(statuses) > 0 && !slices.Contains(statuses, o.Status) {
			continue
		}
		out = append(out, o)
	}
	writeJSON(w, http.StatusOK, out)
}

// expected returns a service request's expected_datetime: the case's own
// deadline, or, for a fault report (which the synpunkt rules owe no reply),
// the policy's response time for the channel it came in on, by which the
// municipality gives feedback on it. It is zero where the policy states no
// figure.
func expected(c feedback.CaseSummary, p *servicerules.Policy) time.Time {
	if d := c.Due(); !d.IsZero() {
		return d
	}
	if c.Kind == message.FaultReport {
		if d, _, ok := p.WrittenReplyDue(c.Channel, servicerules.External, c.Received); ok {
			return d
		}
	}
	return time.Time{}
}
