// Package httpapi is the feedback API of kommunkit as one http.Handler, the
// same on every host: examples/site mounts it on net/http with SQLite, and
// examples/worker mounts it on Cloudflare Workers with D1.
//
// The routes are:
//
//	POST /api/feedback              a submission; 201 with the receipt, 200 for a retry
//	GET  /api/feedback/{token}      the citizen's own case, by receipt token
//	POST /api/classify              classification and guidance, for clients without WASM
//	GET  /api/policy                the active policy's public facts, for the widget
//	GET  /api/form-stamp            a signed form timestamp
//	GET  /api/staff/cases           staff: list and filter (redacted)
//	GET  /api/staff/cases/{id}      staff: one whole case
//	POST /api/staff/cases/{id}/transitions   staff: change state, record the reply
//	GET  /api/staff/stats           staff: follow-up statistics (JSON)
//	GET  /api/staff/stats.csv       staff: the same as CSV
//	GET  /api/staff/overdue.csv     staff: the overdue cases as CSV
//	GET  /open311/v2/services.json  Open311 GeoReport v2
//	POST /open311/v2/requests.json
//	GET  /open311/v2/requests.json
//	GET  /open311/v2/requests/{id}.json
//
// Every error body is JSON that names the problem (see Problem). Staff
// routes need the header "Authorization: Bearer <staff token>".
//
// # Errors
//
// An error outside Open311 is a Problem: the HTTP status, a stable code
// for programs ("error"), and a message for people. Every message in an
// API body, the problem's own and each field error's, is one object with
// the text in Swedish, Finnish and English, the JSON form of lang.Text:
//
//	{"status": 400, "error": "invalid_submission",
//	 "message": {"sv": "Rätta till: text.", "fi": "Korjaa: text.", "en": "Please correct: text."},
//	 "fields": [{"field": "text", "code": "required",
//	   "message": {"sv": "Skriv ditt meddelande.", "fi": "Kirjoita viestisi.", "en": "Please write your message."}}]}
//
// A client shows message[lang], and message.sv when it has no text in
// its language. (This replaces the earlier "message" in English beside
// "message_sv" and "message_fi" of a problem, and "message_sv",
// "message_fi" and "message_en" of a field error.) The Open311 routes keep GeoReport v2's
// own error body, a list of {"code": <status>, "description": <English
// text>}, which Open311 clients read.
//
// # Abuse protection
//
// No CAPTCHA. A submission carries a honeypot field (HoneypotField), which
// people never fill in, and may carry a signed form timestamp (FormStamp)
// from the page that showed the form: a stamp younger than MinFormAge or
// older than MaxFormAge is refused. A client that sends no stamp is not
// refused; its submissions cost more of its rate limit (NoStampCost), and
// so do those whose stamp has been used more than MaxStampUses times. The
// rate limit (Config.RateLimit, requests per minute per client) and the body
// limit (MaxBodyBytes) apply to every route.
//
// # Idempotency
//
// Every submission carries an idempotency key (a UUID the client makes once
// per message). A retry is the same body sent again under the same key: it
// gets 200 and the body of the first answer, and nothing is stored twice.
// The rules that keep a key from being a way in:
//
//   - A retry goes through every check a first submission does (the
//     honeypot, the form stamp, validation) before any stored case is
//     looked up. A retry whose stamp has expired is refused like any
//     expired stamp; send it again without the stamp.
//   - The store keeps a fingerprint of the submission with its key
//     (feedback.Submission.Fingerprint: channel, text, language, contact,
//     recipient, decision date, about-staff). The same key with another
//     body is answered 409 with the code "idempotency_key_reused", and
//     reveals nothing of the stored case: no ID, no receipt token.
//   - An Open311 request without idempotency_key gets a key the server
//     derives from its fields with a server secret, so that the same
//     request sent twice is one request, and nobody can rebuild the key
//     from the public fields of a report.
//   - JSON bodies that name a field twice, or in two cases ("website" and
//     "Website"), are refused with 400 "duplicate_key".
//
// # Durability
//
// A 201 is written only after Config.Store has stored the case
// (feedback.CaseStore.Insert; with feedback/sqlstore, once its group commit
// is committed). A retry with the same idempotency key and body gets 200
// and the same body.
//
// The package builds for GOOS=js GOARCH=wasm: it takes the store as the
// interface feedback.CaseStore and imports no store, no database driver
// and nothing that needs an operating system. A program's main opens the
// store (examples/site: SQLite; examples/worker: D1) and passes it in.
package httpapi

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// MaxBodyBytes is the largest request body any route reads: 64 KiB. A larger
// body gets 413.
const MaxBodyBytes = 64 << 10

// NoStampCost is how many requests of a client's rate limit one submission
// without a form stamp costs. A submission with a valid stamp, and every
// other request, costs one.
const NoStampCost = 4

// Config configures a Handler.
type Config struct {
	// Store keeps the cases (feedback/sqlstore in a program,
	// feedback/memstore in tests). Required.
	Store feedback.CaseStore
	// Policy is the active service policy: deadlines, receipts, public
	// facts. Required.
	Policy *servicerules.Policy
	// StaffToken is the staff secret, sent as "Authorization: Bearer
	// <token>" and compared in constant time. Required, and strong
	// enough for CheckStaffToken (at least 128 bits).
	StaffToken string
	// StampKey is the HMAC key of form stamps (FormStamp). Empty means the
	// host issues no stamps: GET /api/form-stamp is 404 and every stamp
	// sent is refused as invalid.
	StampKey []byte
	// RateLimit is how many requests a client may make per minute (with a
	// burst of as many); 0 turns the limit off. Staff requests with a valid
	// token are not limited.
	RateLimit int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ClientKey names the client of a request for the rate limit; nil means
	// the host part of r.RemoteAddr. Behind a proxy, use the header the
	// proxy sets (on Cloudflare, CF-Connecting-IP).
	ClientKey func(r *http.Request) string
	// ErrorLog receives a *RequestError for every request answered 500,
	// once, with the route and the cause; nil drops them. It holds no
	// personal data.
	ErrorLog func(error)
	// CORSOrigins are the web origins ("https://www.nykvarn.se") whose pages
	// may call the public routes from a browser: the widget embedded on
	// another site than the API. "*" allows every origin. Staff routes are
	// never open to other origins. Empty means same-origin only.
	CORSOrigins []string
}

// A Handler serves the feedback API. Make one with New; it is safe for
// concurrent use.
type Handler struct {
	store      feedback.CaseStore
	policy     *servicerules.Policy
	cal        *calendar.Calendar
	staffHash  [sha256.Size]byte
	stampKey   []byte
	now        func() time.Time
	clientKey  func(*http.Request) string
	errorLog   func(error)
	limiter    *rateLimiter
	stamps     *stampLedger
	mux        *http.ServeMux
	policies   sync.Map // policy ID → *servicerules.Policy, for receipts of cases made under another preset
	services   []O311Service
	draining   chan struct{}
	drainOnce  sync.Once
	policyInfo policyFacts
	o311Secret [sha256.Size]byte
	cors       map[string]bool
	corsAny    bool
}

// New returns the Handler for cfg, or an error that names what is missing.
func New(cfg Config) (*Handler, error) {
	if cfg.Store == nil {
		return nil, errors.New("httpapi: Config.Store is required")
	}
	if cfg.Policy == nil {
		return nil, errors.New("httpapi: Config.Policy is required")
	}
	if err := CheckStaffToken(cfg.StaffToken); err != nil {
		return nil, fmt.Errorf("httpapi: Config.StaffToken: %w", err)
	}
	if cfg.RateLimit < 0 {
		return nil, errors.New("httpapi: Config.RateLimit " + strconv.Itoa(cfg.RateLimit) + " is negative")
	}
	h := &Handler{
		store:     cfg.Store,
		policy:    cfg.Policy,
		cal:       cfg.Policy.Calendar(),
		staffHash: sha256.Sum256([]byte(cfg.StaffToken)),
		stampKey:  append([]byte(nil), cfg.StampKey...),
		now:       cfg.Now,
		clientKey: cfg.ClientKey,
		errorLog:  cfg.ErrorLog,
		draining:  make(chan struct{}),
	}
	if h.cal == nil {
		c, err := calendar.New()
		if err != nil {
			return nil, err
		}
		h.cal = c
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.clientKey == nil {
		h.clientKey = remoteHost
	}
	if cfg.RateLimit > 0 {
		h.limiter = newRateLimiter(cfg.RateLimit)
		h.stamps = newStampLedger()
	}
	for _, o := range cfg.CORSOrigins {
		if o == "*" {
			h.corsAny = true
			continue
		}
		if h.cors == nil {
			h.cors = map[string]bool{}
		}
		h.cors[strings.TrimSuffix(o, "/")] = true
	}
	h.policies.Store(cfg.Policy.ID(), cfg.Policy)
	h.services = defaultO311Services()
	secret := h.stampKey
	if len(secret) == 0 {
		secret = h.staffHash[:]
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("kommunkit open311 idempotency key v1"))
	copy(h.o311Secret[:], m.Sum(nil))
	h.policyInfo = newPolicyFacts(cfg.Policy)
	h.routes()
	return h, nil
}

// Drain makes the handler answer new submissions with 503 while the host
// shuts down; requests already inside finish. Hosts call it before
// http.Server.Shutdown so that nothing new is acknowledged after the store
// is closed.
func (h *Handler) Drain() {
	h.drainOnce.Do(func() { close(h.draining) })
}

func (h *Handler) isDraining() bool {
	select {
	case <-h.draining:
		return true
	default:
		return false
	}
}

func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (h *Handler) routes() {
	m := http.NewServeMux()
	m.HandleFunc("/api/feedback", h.methods(map[string]http.HandlerFunc{http.MethodPost: h.postFeedback}))
	m.HandleFunc("/api/feedback/{token}", h.methods(map[string]http.HandlerFunc{http.MethodGet: h.getFeedback}))
	m.HandleFunc("/api/classify", h.methods(map[string]http.HandlerFunc{http.MethodPost: h.postClassify}))
	m.HandleFunc("/api/policy", h.methods(map[string]http.HandlerFunc{http.MethodGet: h.getPolicy}))
	m.HandleFunc("/api/form-stamp", h.methods(map[string]http.HandlerFunc{http.MethodGet: h.getFormStamp}))
	m.HandleFunc("/api/staff/cases", h.staff(h.methods(map[string]http.HandlerFunc{http.MethodGet: h.listCases})))
	m.HandleFunc("/api/staff/cases/{id}", h.staff(h.methods(map[string]http.HandlerFunc{http.MethodGet: h.getCase})))
	m.HandleFunc("/api/staff/cases/{id}/transitions", h.staff(h.methods(map[string]http.HandlerFunc{http.MethodPost: h.postTransition})))
	m.HandleFunc("/api/staff/stats", h.staff(h.methods(map[string]http.HandlerFunc{http.MethodGet: h.getStats})))
	m.HandleFunc("/api/staff/stats.csv", h.staff(h.methods(map[string]http.HandlerFunc{http.MethodGet: h.getStatsCSV})))
	m.HandleFunc("/api/staff/overdue.csv", h.staff(h.methods(map[string]http.HandlerFunc{http.MethodGet: h.getOverdueCSV})))
	m.HandleFunc("/api/staff/", h.staff(func(w http.ResponseWriter, r *http.Request) { writeProblem(w, notFound()) }))
	m.HandleFunc("/open311/v2/services.json", h.methods(map[string]http.HandlerFunc{http.MethodGet: h.o311Services}))
	m.HandleFunc("/open311/v2/requests.json", h.methods(map[string]http.HandlerFunc{http.MethodGet: h.o311List, http.MethodPost: h.o311Post}))
	m.HandleFunc("/open311/v2/requests/{file}", h.methods(map[string]http.HandlerFunc{http.MethodGet: h.o311Get}))
	m.HandleFunc("/open311/", func(w http.ResponseWriter, r *http.Request) {
		writeO311Error(w, http.StatusNotFound, "not found: "+r.URL.Path)
	})
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { writeProblem(w, notFound()) })
	h.mux = m
}

// ServeHTTP answers r. It answers CORS preflights, applies the rate
// limit, then routes.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if origin := r.Header.Get("Origin"); origin != "" && (h.corsAny || h.cors != nil) && publicRoute(r.URL.Path) {
		w.Header().Add("Vary", "Origin")
		if h.corsAny || h.cors[origin] {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				w.Header().Set("Access-Control-Allow-Methods", "GET, POST")
				w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
				w.Header().Set("Access-Control-Max-Age", "86400")
				w.WriteHeader(http.StatusNoContent)
				return
			}
			w.Header().Set("Access-Control-Expose-Headers", "Retry-After, Location")
		}
	}
	if h.limiter != nil && !h.isStaff(r) {
		key := h.clientKey(r)
		if wait, ok := h.limiter.take(key, 1, h.now()); !ok {
			if strings.HasPrefix(r.URL.Path, "/open311/") {
				writeO311Problem(w, rateLimited(wait))
			} else {
				writeProblem(w, rateLimited(wait))
			}
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), clientKeyKey{}, key))
	}
	lw := &loggedWriter{ResponseWriter: w}
	h.mux.ServeHTTP(lw, r)
	if lw.status == http.StatusInternalServerError && h.errorLog != nil {
		h.errorLog(&RequestError{Method: r.Method, Route: r.Pattern, Err: lw.err})
	}
}

// A RequestError is what the Handler gives Config.ErrorLog for a request
// it answered 500: the method, the route pattern that served it
// ("/api/feedback/{token}": never the path itself, which may hold a
// receipt token) and the error, when there was one. It holds no personal
// data: the errors of the store name cases by ID only.
type RequestError struct {
	Method string
	Route  string
	Err    error
}

func (e *RequestError) Error() string {
	msg := "httpapi: 500 on " + e.Method + " " + e.Route
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns e.Err.
func (e *RequestError) Unwrap() error { return e.Err }

// loggedWriter remembers the status of a response and the error behind a
// 500, for ServeHTTP to log once per request.
type loggedWriter struct {
	http.ResponseWriter
	status int
	err    error
}

func (w *loggedWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *loggedWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap gives http.ResponseController the underlying writer.
func (w *loggedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// noteError records err as the cause of the 500 about to be written to w.
func noteError(w http.ResponseWriter, err error) {
	if lw, ok := w.(*loggedWriter); ok && lw.err == nil {
		lw.err = err
	}
}

// publicRoute reports whether path is a route that pages on other origins
// may call (everything but the staff routes).
func publicRoute(path string) bool {
	return (strings.HasPrefix(path, "/api/") && !strings.HasPrefix(path, "/api/staff/")) || strings.HasPrefix(path, "/open311/")
}

type clientKeyKey struct{}

// charge takes the cost of a submission from the rate limit of r's client,
// and reports whether it may go on; when not, it says how long to wait. The
// cost is SubmissionCost's: one for a stamp that checked good (stampOK) and
// has been used at most MaxStampUses times, NoStampCost for any other. On
// the API's routes ServeHTTP has taken one already, and nothing from staff;
// on a host's own route (own, see Submit) charge takes it all. With the
// limit off it always lets the submission go on.
func (h *Handler) charge(r *http.Request, stamp string, stampOK, own bool, now time.Time) (time.Duration, bool) {
	if h.limiter == nil {
		return 0, true
	}
	key, paid := r.Context().Value(clientKeyKey{}).(string)
	if !own && !paid {
		return 0, true
	}
	cost := NoStampCost
	if stampOK {
		cost = checkedStampCost(stamp, now, h.stamps)
	}
	if own {
		key = h.clientKey(r)
	} else {
		cost-- // paid in ServeHTTP
	}
	if cost <= 0 {
		return 0, true
	}
	return h.limiter.take(key, cost, now)
}

func (h *Handler) methods(byMethod map[string]http.HandlerFunc) http.HandlerFunc {
	allow := make([]string, 0, len(byMethod)+1)
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if _, ok := byMethod[m]; ok {
			allow = append(allow, m)
		}
	}
	get, hasGet := byMethod[http.MethodGet]
	if hasGet {
		allow = append(allow, http.MethodHead)
	}
	allowed := strings.Join(allow, ", ")
	return func(w http.ResponseWriter, r *http.Request) {
		if f, ok := byMethod[r.Method]; ok {
			f(w, r)
			return
		}
		if r.Method == http.MethodHead && hasGet {
			get(w, r)
			return
		}
		w.Header().Set("Allow", allowed)
		if strings.HasPrefix(r.URL.Path, "/open311/") {
			writeO311Error(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed; allowed: "+allowed)
			return
		}
		writeProblem(w, &Problem{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed",
			Message: lang.Text{
				Sv: "Metoden " + r.Method + " går inte att använda här. Tillåtna: " + allowed + ".",
				Fi: "Menetelmää " + r.Method + " ei voi käyttää tässä. Sallitut: " + allowed + ".",
				En: "Method " + r.Method + " is not allowed here. Allowed: " + allowed + "."}})
	}
}

// ValidStaffToken reports whether presented is the staff secret, comparing
// in constant time (the time depends on neither value's content nor
// length).
func ValidStaffToken(presented, secret string) bool {
	a := sha256.Sum256([]byte(presented))
	b := sha256.Sum256([]byte(secret))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1 && secret != ""
}

// StaffRequest reports whether r carries "Authorization: Bearer <secret>",
// compared in constant time. The API's staff routes, the site's staff pages
// and the Worker's rate limit all recognise staff this way.
func StaffRequest(r *http.Request, secret string) bool {
	tok, ok := bearer(r)
	return ok && ValidStaffToken(tok, secret)
}

// bearer returns the token of an "Authorization: Bearer <token>" header.
func bearer(r *http.Request) (string, bool) {
	v := r.Header.Get("Authorization")
	const p = "bearer "
	if len(v) < len(p) || !strings.EqualFold(v[:len(p)], p) {
		return "", false
	}
	return strings.TrimSpace(v[len(p):]), true
}

func (h *Handler) isStaff(r *http.Request) bool {
	tok, ok := bearer(r)
	if !ok {
		return false
	}
	sum := sha256.Sum256([]byte(tok))
	return subtle.ConstantTimeCompare(sum[:], h.staffHash[:]) == 1
}

func (h *Handler) staff(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !h.isStaff(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="kommunkit"`)
			_, given := bearer(r)
			p := &Problem{Status: http.StatusUnauthorized, Code: "unauthorized",
				Message: lang.Text{
					Sv: "Bara för personal: skicka huvudet Authorization: Bearer <personalnyckel>.",
					Fi: "Vain henkilökunnalle: lähetä otsake Authorization: Bearer <henkilökunnan avain>.",
					En: "Staff only: send the header Authorization: Bearer <staff token>."}}
			if given {
				p.Message = lang.Text{Sv: "Personalnyckeln är fel.", Fi: "Henkilökunnan avain on väärä.", En: "The staff token is wrong."}
			}
			writeProblem(w, p)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		next(w, r)
	}
}

// A Problem is the JSON body of every error the API answers (except on the
// Open311 routes, which answer GeoReport errors). Code is stable, for
// programs; Message is for people, in Swedish, Finnish and English, as is
// the Message of each field error (see the package doc, Errors).
type Problem struct {
	Status  int                   `json:"status"`
	Code    string                `json:"error"`
	Message lang.Text             `json:"message"`
	Fields  []feedback.FieldError `json:"fields,omitempty"`
	// RetryAfter is, for 429 and 503, how many seconds to wait.
	RetryAfter int `json:"retry_after,omitempty"`
}

// Error returns the code and the English message.
func (p *Problem) Error() string { return "httpapi: " + p.Code + ": " + p.Message.En }

func writeProblem(w http.ResponseWriter, p *Problem) {
	if p.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(p.RetryAfter))
	}
	writeJSON(w, p.Status, p)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		noteError(w, err)
		status = http.StatusInternalServerError
		b = []byte(`{"status":500,"error":"internal","message":{"sv":"Svaret gick inte att skriva.","fi":"Vastausta ei voitu kirjoittaa.","en":"The answer could not be written."}}`)
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	b = append(b, '\n')
	_, _ = w.Write(b)
}

func notFound() *Problem {
	return &Problem{Status: http.StatusNotFound, Code: "not_found",
		Message: lang.Text{
			Sv: "Hittades inte.",
			Fi: "Ei löytynyt.",
			En: "Not found."}}
}

func rateLimited(wait time.Duration) *Problem {
	secs := int((wait + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	s := strconv.Itoa(secs)
	return &Problem{Status: http.StatusTooManyRequests, Code: "rate_limited", RetryAfter: secs,
		Message: lang.Text{
			Sv: "För många förfrågningar. Vänta " + s + " sekunder och försök igen.",
			Fi: "Liian monta pyyntöä. Odota " + s + " sekuntia ja yritä uudelleen.",
			En: "Too many requests. Please wait " + s + " seconds and try again."}}
}

// internal answers 500; ServeHTTP logs err with the request's route.
func (h *Handler) internal(w http.ResponseWriter, err error) {
	noteError(w, err)
	writeProblem(w, &Problem{Status: http.StatusInternalServerError, Code: "internal",
		Message: lang.Text{
			Sv: "Något gick fel hos oss. Försök igen om en stund.",
			Fi: "Meillä tapahtui virhe. Yritä hetken kuluttua uudelleen.",
			En: "Something went wrong on our side. Please try again in a while."}})
}

func unavailable() *Problem {
	return &Problem{Status: http.StatusServiceUnavailable, Code: "unavailable", RetryAfter: 5,
		Message: lang.Text{
			Sv: "Tjänsten startar om. Skicka igen om några sekunder.",
			Fi: "Palvelu käynnistyy uudelleen. Lähetä uudelleen muutaman sekunnin kuluttua.",
			En: "The service is restarting. Please send again in a few seconds."}}
}

func invalidJSON(detail string) *Problem {
	return &Problem{Status: http.StatusBadRequest, Code: "invalid_json",
		Message: lang.Text{
			Sv: "Innehållet är inte giltig JSON för den här adressen: " + detail + ".",
			Fi: "Sisältö ei ole kelvollista JSONia tälle osoitteelle: " + detail + ".",
			En: "The body is not valid JSON for this route: " + detail + "."}}
}

func invalidQuery(param, value, want string) *Problem {
	q := strconv.Quote(value)
	return &Problem{Status: http.StatusBadRequest, Code: "invalid_query",
		Message: lang.Text{
			Sv: "Parametern " + param + " har värdet " + q + ", som inte är giltigt (" + want + ").",
			Fi: "Parametrin " + param + " arvo " + q + " ei kelpaa (" + want + ").",
			En: "The parameter " + param + " has the value " + q + ", which is not " + want + "."},
		Fields: []feedback.FieldError{{Field: param, Code: feedback.CodeInvalid, Value: q,
			Message: lang.Text{Sv: "Ogiltigt värde.", Fi: "Virheellinen arvo.", En: "Not " + want + "."}}}}
}

func tooLarge() *Problem {
	return &Problem{Status: http.StatusRequestEntityTooLarge, Code: "body_too_large",
		Message: lang.Text{
			Sv: "Innehållet är större än 64 KiB.",
			Fi: "Sisältö on suurempi kuin 64 KiB.",
			En: "The body is larger than 64 KiB."}}
}

func unsupportedType(got string) *Problem {
	q := strconv.Quote(got)
	return &Problem{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
		Message: lang.Text{
			Sv: "Innehållstypen " + q + " tas inte emot här; skicka application/json.",
			Fi: "Sisältötyyppiä " + q + " ei hyväksytä tässä; lähetä application/json.",
			En: "The content type " + q + " is not accepted here; send application/json."}}
}

// mediaType returns the media type of r's body, in lower case.
func mediaType(r *http.Request) string {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(ct))
	}
	return mt
}

func isJSONType(mt string) bool {
	return mt == "application/json" || (strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

// bodies holds buffers for request bodies; what is decoded from a body is
// copied out of it, so a buffer is reused once the request is decoded.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readBody reads r's body up to MaxBodyBytes into a pooled buffer, answering
// 413 when it is larger. The caller gives the buffer back with putBody.
func readBody(w http.ResponseWriter, r *http.Request) (*bytes.Buffer, *Problem) {
	if r.ContentLength > MaxBodyBytes {
		return nil, tooLarge()
	}
	buf := bodies.Get().(*bytes.Buffer)
	buf.Reset()
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength) + 1)
	}
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		putBody(buf)
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge()
		}
		return nil, invalidJSON("the body could not be read")
	}
	return buf, nil
}

func putBody(b *bytes.Buffer) {
	if b.Cap() <= MaxBodyBytes+bytes.MinRead {
		bodies.Put(b)
	}
}

// readJSON checks the content type, reads the body and decodes it into v.
func readJSON(w http.ResponseWriter, r *http.Request, v any) *Problem {
	if mt := mediaType(r); !isJSONType(mt) {
		return unsupportedType(r.Header.Get("Content-Type"))
	}
	b, p := readBody(w, r)
	if p != nil {
		return p
	}
	defer putBody(b)
	return decodeJSON(b.Bytes(), v)
}

func decodeJSON(b []byte, v any) *Problem {
	if key, dup := duplicateKey(b); dup {
		q := strconv.Quote(key)
		return &Problem{Status: http.StatusBadRequest, Code: "duplicate_key",
			Message: lang.Text{
				Sv: "Innehållet har fältet " + q + " två gånger (stora och små bokstäver räknas lika). Skicka varje fält en gång.",
				Fi: "Sisällössä on kenttä " + q + " kahdesti (isoja ja pieniä kirjaimia ei eroteta). Lähetä jokainen kenttä kerran.",
				En: "The body names the field " + q + " twice (keys are matched without regard to case). Send each field once."},
			Fields: []feedback.FieldError{{Field: key, Code: "duplicate", Value: q,
				Message: lang.Text{Sv: "Fältet finns två gånger.", Fi: "Kenttä on kahdesti.", En: "The field is given twice."}}}}
	}
	if err := json.Unmarshal(b, v); err != nil {
		var te *json.UnmarshalTypeError
		var se *json.SyntaxError
		switch {
		case errors.As(err, &te):
			field := te.Field
			if field == "" {
				return invalidJSON("expected a JSON " + te.Type.Kind().String() + ", got " + te.Value)
			}
			return &Problem{Status: http.StatusBadRequest, Code: "invalid_json",
				Message: lang.Text{
					Sv: "Fältet " + field + " har fel typ: " + te.Value + ".",
					Fi: "Kentän " + field + " tyyppi on väärä: " + te.Value + ".",
					En: "The field " + field + " has the wrong type: " + te.Value + "."},
				Fields: []feedback.FieldError{{Field: field, Code: feedback.CodeInvalid, Value: te.Value,
					Message: lang.Text{Sv: "Fel typ av värde.", Fi: "Väärä arvon tyyppi.", En: "Wrong type of value."}}}}
		case errors.As(err, &se):
			return invalidJSON("syntax error at byte " + strconv.FormatInt(se.Offset, 10))
		}
		return invalidJSON(err.Error())
	}
	return nil
}

// local returns t in Europe/Stockholm, or nil for the zero time.
func local(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	l := t.In(calendar.Location())
	return &l
}

func localPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	return local(*t)
}
