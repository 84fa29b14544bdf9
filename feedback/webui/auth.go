package webui

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
)

// SessionCookie is the name of the staff session cookie.
const SessionCookie = "kommunkit_staff"

// SessionLength is how long a staff login lasts: more than 20 hours, so
// that the time limit is one WCAG 2.2.1 (Timing Adjustable) allows without a
// way to extend it.
const SessionLength = 24 * time.Hour

// CSRFField is the form field, and CSRFHeader the request header, that carry
// the CSRF token of a staff session.
const (
	CSRFField  = "csrf"
	CSRFHeader = "X-CSRF-Token"
)

// mac returns the HMAC-SHA256 under the site key of the parts, each
// followed by a zero byte, in base64url.
func (s *site) mac(parts ...string) string {
	m := hmac.New(sha256.New, s.key)
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// sessionValue is the cookie value of a session that ends at exp:
// "<unix>.<HMAC of the purpose, exp and the staff secret>". The secret
// itself is never in the cookie; changing it ends every session.
func (s *site) sessionValue(exp int64) string {
	e := strconv.FormatInt(exp, 10)
	return e + "." + s.mac("kommunkit/webui staff session v1", e, s.cfg.StaffToken)
}

// session returns the request's valid staff session cookie value.
func (s *site) session(r *http.Request) (string, bool) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return "", false
	}
	e, _, ok := strings.Cut(c.Value, ".")
	if !ok {
		return "", false
	}
	exp, err := strconv.ParseInt(e, 10, 64)
	if err != nil || exp <= s.now().Unix() {
		return "", false
	}
	if subtle.ConstantTimeCompare([]byte(c.Value), []byte(s.sessionValue(exp))) != 1 {
		return "", false
	}
	return c.Value, true
}

// csrfToken is the CSRF token of a session: an HMAC of its cookie value.
func (s *site) csrfToken(session string) string {
	return s.mac("kommunkit/webui csrf v1", session)
}

// validCSRF reports whether r carries the CSRF token of session, in the
// form field or the header.
func (s *site) validCSRF(r *http.Request, session string) bool {
	got := r.Header.Get(CSRFHeader)
	if got == "" {
		got = r.PostFormValue(CSRFField)
	}
	want := s.csrfToken(session)
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func (s *site) secure(r *http.Request) bool { return r.TLS != nil || s.cfg.SecureCookies }

// bearerStaff reports whether r carries "Authorization: Bearer <staff
// secret>", as the API's staff routes take it. Browsers never send that
// header by themselves, so it lets programs (and the API conformance suite)
// read the staff pages; changes still need a session and its CSRF token.
func (s *site) bearerStaff(r *http.Request) bool {
	return httpapi.StaffRequest(r, s.cfg.StaffToken)
}

// isStaff reports whether r comes from logged-in staff or carries the
// staff secret as a bearer token.
func (s *site) isStaff(r *http.Request) bool {
	if _, ok := s.session(r); ok {
		return true
	}
	return s.bearerStaff(r)
}

// staffOnly lets staff (isStaff) through to h and sends others to the login
// page.
func (s *site) staffOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.isStaff(r) {
			w.Header().Set("Cache-Control", "no-store")
			next := r.URL.RequestURI()
			http.Redirect(w, r, "/staff/login?next="+url.QueryEscape(next)+langParam(r), http.StatusSeeOther)
			return
		}
		h(w, r)
	}
}

// staffPost lets through a POST from logged-in staff with the session's
// CSRF token; without a session it answers 401, without the token 403.
func (s *site) staffPost(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess, ok := s.session(r)
		if !ok {
			s.fail(w, r, http.StatusUnauthorized, "login.title")
			return
		}
		if !s.validCSRF(r, sess) {
			s.fail(w, r, http.StatusForbidden, "error.title")
			return
		}
		h(w, r)
	}
}

// loginData is the data of the login page.
type loginData struct {
	Next  string
	Error string
	Done  string
}

func (s *site) loginForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.session(r); ok {
		http.Redirect(w, r, safeNext(r.FormValue("next"), r), http.StatusSeeOther)
		return
	}
	p := s.newPage(r, "login.title")
	d := loginData{Next: r.FormValue("next")}
	if r.FormValue("out") == "1" {
		d.Done = p.T("login.out")
	}
	p.Data = d
	s.render(w, http.StatusOK, "login", p)
}

func (s *site) login(w http.ResponseWriter, r *http.Request) {
	token := r.PostFormValue("token")
	if !validStaffToken(token, s.cfg.StaffToken) {
		p := s.newPage(r, "login.title")
		msg := "login.wrong"
		if strings.TrimSpace(token) == "" {
			msg = "login.missing"
		}
		p.Data = loginData{Next: r.PostFormValue("next"), Error: p.T(msg)}
		s.render(w, http.StatusUnauthorized, "login", p)
		return
	}
	exp := s.now().Add(SessionLength)
	http.SetCookie(w, &http.Cookie{
		Name:     SessionCookie,
		Value:    s.sessionValue(exp.Unix()),
		Path:     "/",
		Expires:  exp,
		MaxAge:   int(SessionLength / time.Second),
		HttpOnly: true,
		Secure:   s.secure(r),
		SameSite: http.SameSiteStrictMode,
	})
	http.Redirect(w, r, safeNext(r.PostFormValue("next"), r), http.StatusSeeOther)
}

func (s *site) logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name:     SessionCookie,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   s.secure(r),
		SameSite: http.SameSiteStrictMode,
	})
	http.Redirect(w, r, "/staff/login?out=1"+langParam(r), http.StatusSeeOther)
}

// safeNext returns where to go after login: next when it is a path under
// /staff on this site, and the inbox otherwise (no open redirect).
func safeNext(next string, r *http.Request) string {
	if (next == "/staff" || strings.HasPrefix(next, "/staff/") || strings.HasPrefix(next, "/staff?")) &&
		!strings.HasPrefix(next, "/staff/login") && !strings.ContainsAny(next, "\\\r\n") {
		return next
	}
	return withLang("/staff", pageLang(r.FormValue("lang")))
}

// langParam is "&lang=fi" or "&lang=en" for a request in Finnish or
// English, and "" in Swedish.
func langParam(r *http.Request) string {
	if l := pageLang(r.FormValue("lang")); l != langSV {
		return "&lang=" + l
	}
	return ""
}
