package webui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// ContentSecurityPolicy is the Content-Security-Policy header every page is
// sent with. The pages need nothing more: scripts and styles are files
// under /assets/ and /widget/, and the widget compiles its WebAssembly.
const ContentSecurityPolicy = httpapi.ContentSecurityPolicy

// MaxBodyBytes is the largest request body a form or the plain-language
// check takes, as for the JSON API.
const MaxBodyBytes = httpapi.MaxBodyBytes

// DefaultWidgetScript is where the page loads the widget's loader from when
// Config.WidgetScript is empty.
const DefaultWidgetScript = "/widget/synpunkt.js"

// DefaultSiteName is the fictional municipality the demo pages speak for.
const DefaultSiteName = "Exempelby kommun"

// statementDate is when the accessibility statement was last reviewed,
// unless Config.StatementDate says otherwise.
func statementDate() calendar.Date { return calendar.Date{Year: 2026, Month: time.November, Day: 21} }

// Config configures the pages.
type Config struct {
	// Store keeps the cases, and the staff sessions unless Sessions is
	// set (feedback/sqlstore in a program, feedback/memstore in tests).
	// Required.
	Store feedback.Store
	// Policy is the active service policy: its response times, calendar
	// and source. Required.
	Policy *servicerules.Policy
	// StaffToken is the staff secret; staff log in with it. Required, and
	// strong enough for httpapi.CheckStaffToken.
	StaffToken string
	// FormKey signs the CSRF tokens of the staff pages, and the form
	// stamps when API is nil. At least 16 bytes.
	FormKey []byte
	// API takes in the plain form's submissions (httpapi.Handler.Submit:
	// the rate limit, the honeypot, the form stamp, feedback.Intake and
	// the store) and signs the form's stamps, so that the form and the
	// JSON API share one intake, one rate limit and one count of stamp
	// uses. Nil means a Handler of the pages' own on Store and Policy,
	// with FormKey as its StampKey and no rate limit.
	API *httpapi.Handler
	// Sessions keeps the staff sessions; nil means Store.
	Sessions feedback.SessionStore
	// SessionIdle and SessionMaxAge are the idle and the absolute timeout
	// of a staff session; zero means DefaultSessionIdle and
	// DefaultSessionMaxAge.
	SessionIdle, SessionMaxAge time.Duration
	// PublicURL is the address people reach the site at
	// ("https://synpunkt.exempelby.se", see ParsePublicURL). The receipt's
	// link to the case is built from it; without it the link is relative,
	// never built from the request's Host header. When it is https, the
	// staff cookie is Secure. Nil means none.
	PublicURL *url.URL
	// ClientKey names the client of a request for the sign-in throttle;
	// nil means the address the request came from (an IPv6 address's /64).
	// Behind a proxy, use the header the proxy sets, as for the API.
	ClientKey func(*http.Request) string
	// AuthLog receives a line for each failed staff sign-in, with a tag of
	// the client that is not its address, and never the token presented;
	// nil means the standard logger.
	AuthLog func(string)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// WidgetScript is the path of the widget's loader; empty means
	// DefaultWidgetScript.
	WidgetScript string
	// WidgetEndpoint is the API base the widget talks to; empty means "/api".
	WidgetEndpoint string
	// SiteName is the municipality the pages speak for; empty means
	// DefaultSiteName.
	SiteName string
	// SecureCookies marks the staff cookie Secure also when the request did
	// not come over TLS to this process (behind a TLS-terminating proxy);
	// an https PublicURL does the same.
	SecureCookies bool
	// StatementDate is when the accessibility statement was last reviewed;
	// zero means 21 November 2026, the date of the statement's text.
	StatementDate calendar.Date
	// ErrorLog receives internal errors (those that give a 500 page); nil
	// means the standard logger.
	ErrorLog func(error)
}

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed assets
var assetFiles embed.FS

// site is the handler New returns.
type site struct {
	cfg    Config
	mux    *http.ServeMux
	pages  map[string]*template.Template
	assets http.Handler
	// versions are the content hashes of the assets, for their URLs.
	versions map[string]string
	key      []byte // FormKey
	api      *httpapi.Handler
	log      func(error)

	sessions     feedback.SessionStore
	idle, maxAge time.Duration
	throttle     *signInThrottle
	clientKey    func(*http.Request) string
	authLog      func(string)
}

// New returns the handler of the pages. It reports an error when a required
// field of cfg is missing.
func New(cfg Config) (http.Handler, error) {
	switch {
	case cfg.Store == nil:
		return nil, errors.New("webui: Config.Store is nil")
	case cfg.Policy == nil:
		return nil, errors.New("webui: Config.Policy is nil")
	case cfg.StaffToken == "":
		return nil, errors.New("webui: Config.StaffToken is empty")
	case len(cfg.FormKey) < 16:
		return nil, errors.New("webui: Config.FormKey is shorter than 16 bytes")
	case cfg.SessionIdle < 0 || cfg.SessionMaxAge < 0:
		return nil, errors.New("webui: Config.SessionIdle and Config.SessionMaxAge must not be negative")
	}
	if err := httpapi.CheckStaffToken(cfg.StaffToken); err != nil {
		return nil, fmt.Errorf("webui: Config.StaffToken: %w", err)
	}
	if cfg.PublicURL != nil {
		if err := checkPublicURL(cfg.PublicURL); err != nil {
			return nil, fmt.Errorf("webui: Config.PublicURL: %w", err)
		}
		u := *cfg.PublicURL
		cfg.PublicURL = &u
	}
	if cfg.Sessions == nil {
		cfg.Sessions = cfg.Store
	}
	if cfg.SessionIdle == 0 {
		cfg.SessionIdle = DefaultSessionIdle
	}
	if cfg.SessionMaxAge == 0 {
		cfg.SessionMaxAge = DefaultSessionMaxAge
	}
	if cfg.SessionIdle > cfg.SessionMaxAge {
		return nil, errors.New("webui: Config.SessionIdle " + cfg.SessionIdle.String() + " exceeds Config.SessionMaxAge " + cfg.SessionMaxAge.String())
	}
	if cfg.ClientKey == nil {
		cfg.ClientKey = remoteClient
	}
	if cfg.AuthLog == nil {
		cfg.AuthLog = func(line string) { log.Printf("webui: %s", line) }
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.WidgetScript == "" {
		cfg.WidgetScript = DefaultWidgetScript
	}
	if cfg.WidgetEndpoint == "" {
		cfg.WidgetEndpoint = "/api"
	}
	if cfg.SiteName == "" {
		cfg.SiteName = DefaultSiteName
	}
	if cfg.StatementDate == (calendar.Date{}) {
		cfg.StatementDate = statementDate()
	}
	if cfg.API == nil {
		api, err := httpapi.New(httpapi.Config{Store: cfg.Store, Policy: cfg.Policy, StaffToken: cfg.StaffToken, StampKey: cfg.FormKey, Now: cfg.Now})
		if err != nil {
			return nil, fmt.Errorf("webui: the intake: %w", err)
		}
		cfg.API = api
	}
	s := &site{cfg: cfg, key: append([]byte(nil), cfg.FormKey...), api: cfg.API, log: cfg.ErrorLog,
		sessions: cfg.Sessions, idle: cfg.SessionIdle, maxAge: cfg.SessionMaxAge,
		throttle: newSignInThrottle(), clientKey: cfg.ClientKey, authLog: cfg.AuthLog}
	if s.log == nil {
		s.log = func(err error) { log.Printf("webui: %v", err) }
	}
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	sub, err := fs.Sub(assetFiles, "assets")
	if err != nil {
		return nil, err
	}
	s.assets = http.StripPrefix("/assets/", http.FileServerFS(sub))
	s.versions = make(map[string]string)
	files, err := fs.Glob(sub, "*")
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		b, err := fs.ReadFile(sub, name)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		s.versions[name] = hex.EncodeToString(sum[:6])
	}
	s.routes()
	return s, nil
}

func (s *site) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.home)
	m.HandleFunc("POST /synpunkt", s.submit)
	m.HandleFunc("GET /arende/{token}", s.citizenCase)
	m.HandleFunc("GET /tillganglighet", s.statement)
	m.HandleFunc("GET /assets/", s.asset)

	m.HandleFunc("GET /staff", s.staffOnly(s.inbox))
	m.HandleFunc("GET /staff/{$}", s.staffOnly(s.inbox))
	m.HandleFunc("GET /staff/login", s.loginForm)
	m.HandleFunc("POST /staff/login", s.login)
	m.HandleFunc("POST /staff/logout", s.staffPost(s.logout))
	m.HandleFunc("GET /staff/case/{id}", s.staffOnly(s.staffCase))
	m.HandleFunc("POST /staff/case/{id}", s.staffPost(s.transition))
	m.HandleFunc("POST /staff/plaincheck", s.plainCheck)
	m.HandleFunc("GET /staff/session", s.sessionEndpoint)
	m.HandleFunc("POST /staff/session", s.sessionEndpoint)
	m.HandleFunc("GET /staff/uppfoljning", s.staffOnly(s.followUp))
	m.HandleFunc("GET /staff/export.csv", s.exportCSV)
	m.HandleFunc("/", s.notFound)
	s.mux = m
}

// ServeHTTP sets the security headers every response gets and routes.
func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	// The citizen's case link carries the receipt token in its path: never
	// send it to another site in a Referer. (Not no-referrer: with it,
	// browsers send "Origin: null" on this site's own form posts.)
	h.Set("Referrer-Policy", "same-origin")
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		if err := r.ParseForm(); err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				s.fail(w, r, http.StatusRequestEntityTooLarge, "toolarge")
				return
			}
			s.fail(w, r, http.StatusBadRequest, "error.title")
			return
		}
		if !sameOrigin(r) {
			s.fail(w, r, http.StatusForbidden, "error.title")
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// sameOrigin reports whether a POST may have come from a page of this
// site: the Origin header, when the browser names an origin, names this
// host. Requests without Origin (tools) or with "null" (privacy settings,
// sandboxed frames) are left to the other checks: the form stamp on the
// public form, and the SameSite=Strict session cookie and the CSRF token
// on the staff forms.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" || o == "null" {
		return true
	}
	u, err := url.Parse(o)
	if err != nil {
		return false
	}
	return strings.EqualFold(u.Host, r.Host)
}

// asset serves a CSS or JavaScript file. Pages ask for it with its content
// hash (?v=), and that version may be cached for a year; without the hash,
// or with another one, browsers must check again.
func (s *site) asset(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/assets/")
	v, ok := s.versions[name]
	if !ok {
		s.notFound(w, r)
		return
	}
	if r.URL.Query().Get("v") == v {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	s.assets.ServeHTTP(w, r)
}

// assetURL is the URL of an asset with its content hash.
func (s *site) assetURL(name string) string {
	return "/assets/" + name + "?v=" + s.versions[name]
}

func (s *site) now() time.Time { return s.cfg.Now() }

// page is what every template gets: the language, the page's own data, and
// what the layout needs.
type page struct {
	Lang     lang.Lang
	Title    string
	Path     string // the path of the page, for the language switch
	SiteName string
	Policy   *servicerules.Policy
	Staff    bool   // the person is logged in as staff
	CSRF     string // the CSRF token, on staff pages
	// Session is the staff session's time left when the page was made,
	// for the session warning; zero without a session.
	Session sessionState
	Data    any

	asset func(string) string
}

// SessionWarn returns the seconds before the end of the session at which
// the session warning comes: SessionWarnIdle for "idle" and
// SessionWarnAbsolute for "absolute".
func (p page) SessionWarn(which string) int64 {
	if which == "absolute" {
		return int64(SessionWarnAbsolute / time.Second)
	}
	return int64(SessionWarnIdle / time.Second)
}

// SessionText returns the message key, with its %s a <span> that the
// session warning fills with the clock time the session ends at.
func (p page) SessionText(key string) template.HTML {
	return template.HTML(fmt.Sprintf(template.HTMLEscapeString(p.T(key)), `<span class="session-clock"></span>`))
}

// Asset returns the URL of the asset name ("site.css"), versioned by its
// content.
func (p page) Asset(name string) string { return p.asset(name) }

// T returns the message key in the page's language.
func (p page) T(key string) string { return msg(p.Lang, key) }

// Tf formats the message key in the page's language.
func (p page) Tf(key string, args ...any) string { return tf(p.Lang, key, args...) }

// langChoice is one language of the language switch.
type langChoice struct {
	Code    lang.Lang // the link's lang and hreflang
	Label   string    // the language named in itself: "Suomeksi"
	URL     string    // the page in that language
	Current bool      // the page is in this language
}

// Languages are the choices of the language switch: the page in Swedish,
// Finnish and English.
func (p page) Languages() []langChoice {
	out := make([]langChoice, 0, 3)
	for _, l := range lang.All() {
		out = append(out, langChoice{Code: l, Label: languageSwitch[l], URL: withLang(p.Path, l), Current: l == p.Lang})
	}
	return out
}

// PolicySource is the footer's sentence on where the response times come
// from, or "" when the policy names no source. The policy's title is
// Swedish, so on pages in another language it is marked lang="sv".
func (p page) PolicySource() template.HTML {
	if p.Policy == nil {
		return ""
	}
	src := p.Policy.Source()
	if src.Organisation == "" && src.Title == "" {
		return ""
	}
	title := template.HTMLEscapeString(src.Title)
	if p.Lang != lang.Swedish {
		title = `<span lang="sv">` + title + `</span>`
	}
	return template.HTML(fmt.Sprintf(template.HTMLEscapeString(msg(p.Lang, "footer.rules")),
		template.HTMLEscapeString(src.Organisation), title, template.HTMLEscapeString(src.Diary)))
}

// actionStart is what the opening of a form for a change of a case needs
// (the template "actionstart" in staffcase.html).
type actionStart struct {
	ID, To, CSRF string
	Lang         lang.Lang
}

// Action returns the opening of the form that changes the case id to the
// status to.
func (p page) Action(id, to string) actionStart {
	return actionStart{ID: id, To: to, CSRF: p.CSRF, Lang: p.Lang}
}

// U returns an internal link in the page's language.
func (p page) U(path string) string { return withLang(path, p.Lang) }

// withLang adds lang=fi or lang=en to path (which may have a query), or
// removes lang for Swedish, the default.
func withLang(path string, l lang.Lang) string {
	u, err := url.Parse(path)
	if err != nil {
		return path
	}
	q := u.Query()
	q.Del("lang")
	if l == lang.Finnish || l == lang.English {
		q.Set("lang", string(l))
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// newPage starts the page of request r.
func (s *site) newPage(r *http.Request, titleKey string) page {
	l := pageLang(r.FormValue("lang"))
	p := page{
		Lang:     l,
		Title:    msg(l, titleKey),
		Path:     r.URL.RequestURI(),
		SiteName: s.cfg.SiteName,
		Policy:   s.cfg.Policy,
		asset:    s.assetURL,
	}
	if sess, ok := s.session(r); ok {
		p.Staff = true
		p.CSRF = s.csrfToken(sess)
		p.Session = s.stateOf(sess, s.now())
	} else if s.bearerStaff(r) {
		p.Staff = true // reading only: without a session there is no CSRF token
	}
	return p
}

// render writes the page named name with status code.
func (s *site) render(w http.ResponseWriter, code int, name string, p page) {
	t, ok := s.pages[name]
	if !ok {
		s.log(errors.New("webui: no template " + name))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", p); err != nil {
		s.log(fmt.Errorf("webui: render %s: %w", name, err))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(code)
	_, _ = w.Write(b.Bytes())
}

// messagePage is the data of the simple message page.
type messagePage struct {
	Heading string
	Body    string
}

// fail renders a page that says what went wrong, with status code.
func (s *site) fail(w http.ResponseWriter, r *http.Request, code int, key string) {
	p := s.newPage(r, key)
	body := "error.retry"
	switch code {
	case http.StatusNotFound:
		body = "notfound.body"
	}
	p.Data = messagePage{Heading: p.T(key), Body: p.T(body)}
	s.render(w, code, "message", p)
}

// internal logs err and renders the error page.
func (s *site) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.log(err)
	s.fail(w, r, http.StatusInternalServerError, "error.title")
}

func (s *site) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, "notfound")
}

// parseTemplates parses every page with the layout.
func parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"kindName":  kindName,
		"longTime":  longTime,
		"shortTime": shortTime,
		"percent":   percent,
		"join":      strings.Join,
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := make(map[string]*template.Template)
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		t, err := layout.Clone()
		if err != nil {
			return nil, err
		}
		parts, err := fs.Glob(templateFiles, "templates/_*.html")
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(templateFiles, append(parts, n)...); err != nil {
			return nil, err
		}
		pages[base] = t
	}
	return pages, nil
}
