package webui

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/lang"
)

// SessionCookie is the name of the staff session cookie. It holds the
// session's random ID (feedback.Session.ID) and nothing else.
const SessionCookie = "kommunkit_staff"

// DefaultSessionIdle and DefaultSessionMaxAge are the timeouts of a staff
// session when Config.SessionIdle and Config.SessionMaxAge are zero: it
// ends after two hours without a request (a long meeting, a lunch), and
// ten hours after sign-in however much it is used (a registrator's working
// day), so that a forgotten session on a shared computer does not outlive
// the day.
const (
	DefaultSessionIdle   = 2 * time.Hour
	DefaultSessionMaxAge = 10 * time.Hour
)

// SessionWarnIdle and SessionWarnAbsolute are how long before a staff
// session ends the staff pages warn (assets/session.js; WCAG 2.2.1 Timing
// Adjustable asks for at least 20 seconds): before the idle timeout, with
// a button that keeps the session, and before the absolute timeout, which
// nothing extends, early enough to send what is being written.
const (
	SessionWarnIdle     = 3 * time.Minute
	SessionWarnAbsolute = 15 * time.Minute
)

// StaffSubject is the feedback.Session.Subject of a session signed in with
// the shared staff secret.
const StaffSubject = "staff-token"

// CSRFField is the form field, and CSRFHeader the request header, that carry
// the CSRF token of a staff session.
const (
	CSRFField  = "csrf"
	CSRFHeader = "X-CSRF-Token"
)

// maxSessionCookie bounds the cookie value looked up: a session ID is 43
// characters.
const maxSessionCookie = 128

// sessionKey is the request context key of the session staffOnly and
// staffPost found, so that a page looks it up once.
type sessionKey struct{}

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

// session returns the request's active staff session: the one staffOnly or
// staffPost put in the context, or the one its cookie names, looked up in
// the session store (which records the use and refuses ended and revoked
// sessions).
func (s *site) session(r *http.Request) (feedback.Session, bool) {
	if sess, ok := r.Context().Value(sessionKey{}).(feedback.Session); ok {
		return sess, true
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > maxSessionCookie {
		return feedback.Session{}, false
	}
	sess, err := s.sessions.LookupSession(r.Context(), c.Value, s.now())
	if err != nil {
		if !errors.Is(err, feedback.ErrNoSession) {
			s.log(err)
		}
		return feedback.Session{}, false
	}
	return sess, true
}

// withSession returns r with sess in its context.
func withSession(r *http.Request, sess feedback.Session) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), sessionKey{}, sess))
}

// csrfToken is the CSRF token of a session: an HMAC of its ID under the
// site key, so every sign-in has its own, and it is worth nothing once the
// session has ended.
func (s *site) csrfToken(sess feedback.Session) string {
	return s.mac("kommunkit/webui csrf v2", sess.ID)
}

// validCSRF reports whether r carries the CSRF token of sess, in the form
// field or the header.
func (s *site) validCSRF(r *http.Request, sess feedback.Session) bool {
	got := r.Header.Get(CSRFHeader)
	if got == "" {
		got = r.PostFormValue(CSRFField)
	}
	want := s.csrfToken(sess)
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// secure reports whether the staff cookie is marked Secure: when the
// request came over TLS to this process, when Config.SecureCookies is set,
// or when Config.PublicURL is https (behind a TLS-terminating proxy).
func (s *site) secure(r *http.Request) bool {
	return r.TLS != nil || s.cfg.SecureCookies || (s.cfg.PublicURL != nil && s.cfg.PublicURL.Scheme == "https")
}

// bearerStaff reports whether r carries "Authorization: Bearer <staff
// secret>", as the API's staff routes take it. Browsers never send that
// header by themselves, so it lets programs (and the API conformance suite)
// read the staff pages; changes still need a session and its CSRF token.
// It does not count failures; bearerAccess does.
func (s *site) bearerStaff(r *http.Request) bool {
	return httpapi.StaffRequest(r, s.cfg.StaffToken)
}

// bearerAccess reports whether r carries the staff secret as a bearer
// token. A request with an Authorization header that is not the staff
// secret counts as a failed sign-in of its client (the sign-in throttle);
// while the client must wait, no header is checked, the try counts as a
// failure too, and wait says for how long.
func (s *site) bearerAccess(r *http.Request) (ok bool, wait time.Duration) {
	if r.Header.Get("Authorization") == "" {
		return false, 0
	}
	key, now := s.clientKey(r), s.now()
	if wait := s.throttle.refuse(key, now); wait > 0 {
		return false, wait
	}
	if s.bearerStaff(r) {
		s.throttle.succeed(key)
		return true, 0
	}
	s.signInFailed(key, now, "bearer")
	return false, 0
}

// isStaff reports whether r comes from signed-in staff or carries the
// staff secret as a bearer token (bearerAccess).
func (s *site) isStaff(r *http.Request) bool {
	if _, ok := s.session(r); ok {
		return true
	}
	ok, _ := s.bearerAccess(r)
	return ok
}

// staffOnly lets staff through to h: signed in (with the session in the
// request's context), or with the staff secret as a bearer token. It
// answers 429 to a client that must wait after failed sign-ins, and sends
// others to the login page.
func (s *site) staffOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if sess, ok := s.session(r); ok {
			h(w, withSession(r, sess))
			return
		}
		ok, wait := s.bearerAccess(r)
		if wait > 0 {
			s.tooManySignIns(w, r, wait)
			return
		}
		if !ok {
			w.Header().Set("Cache-Control", "no-store")
			next := r.URL.RequestURI()
			ended := ""
			if hadSession(r) {
				ended = "&ended=1"
			}
			http.Redirect(w, r, "/staff/login?next="+url.QueryEscape(next)+ended+langParam(r), http.StatusSeeOther)
			return
		}
		h(w, r)
	}
}

// staffPost lets through a POST from signed-in staff with the session's
// CSRF token; without a session it answers 401 with the login page
// (signedOut), without the token 403.
func (s *site) staffPost(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess, ok := s.session(r)
		if !ok {
			s.signedOut(w, r)
			return
		}
		if !s.validCSRF(r, sess) {
			s.fail(w, r, http.StatusForbidden, "error.title")
			return
		}
		h(w, withSession(r, sess))
	}
}

// hadSession reports whether r carries a session cookie, whether or not
// its session is still active: a cookie whose session the store refuses
// is one that ended while the browser kept it (the idle timeout; logout
// clears the cookie, and the cookie itself expires with the session's
// absolute timeout).
func hadSession(r *http.Request) bool {
	c, err := r.Cookie(SessionCookie)
	return err == nil && c.Value != ""
}

// signedOut answers a staff POST that came without an active session: 401
// with the login page, which says that the session has ended ("login.idle"
// when the request still carried a session cookie) and leads back to the
// case after sign-in. A reply or note the person had typed (the form field
// text) is shown on the page, read-only, to copy: it cannot be sent
// without a new session and its CSRF token, but it is not lost.
func (s *site) signedOut(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "login.title")
	d := loginData{Done: p.T("login.ended"), Draft: r.PostFormValue("text")}
	if hadSession(r) {
		d.Done = p.T("login.idle")
	}
	if strings.HasPrefix(r.URL.Path, "/staff/case/") {
		d.Next = withLang(r.URL.Path, p.Lang)
	}
	p.Data = d
	s.render(w, http.StatusUnauthorized, "login", p)
}

// sessionState is what GET and POST /staff/session answer: the seconds
// left until the session ends if it is not used again (Idle, which the
// absolute timeout caps) and until it ends however much it is used
// (Absolute), and its CSRF token.
type sessionState struct {
	Idle     int64  `json:"idle"`
	Absolute int64  `json:"absolute"`
	CSRF     string `json:"csrf"`
}

// secondsLeft returns the whole seconds from now until t, and 0 when t is
// not after now. It rounds down, so a page never believes it has more time
// than the server gives it.
func secondsLeft(now, t time.Time) int64 {
	if !t.After(now) {
		return 0
	}
	return int64(t.Sub(now) / time.Second)
}

// stateOf returns the sessionState of sess at now.
func (s *site) stateOf(sess feedback.Session, now time.Time) sessionState {
	return sessionState{Idle: secondsLeft(now, sess.Ends()), Absolute: secondsLeft(now, sess.Expires), CSRF: s.csrfToken(sess)}
}

// sessionEndpoint serves /staff/session for the session warning
// (assets/session.js). POST, with the CSRF token in the header or the
// form, is "stay signed in": looking the session up records the use, so
// its idle timeout starts again (the warning comes at least
// SessionWarnIdle before the end, long after the last recorded use, so
// the once-a-minute throttle of feedback.SessionTouchInterval never holds
// the write back with the default timeouts; the answer carries the
// deadline the store really has in any case). GET answers the same
// without a CSRF token: after the person has signed in again in another
// tab, the page learns its new session's CSRF token from it. Browsers let
// only this site's pages read the answer, and the SameSite=Strict cookie
// is not sent from other sites. GET records a use too, so the script asks
// only when the person acts. Without an active session both answer 401,
// and POST without the CSRF token 403, as JSON.
func (s *site) sessionEndpoint(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.session(r)
	if !ok {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthorized"})
		return
	}
	if r.Method == http.MethodPost && !s.validCSRF(r, sess) {
		writeJSON(w, http.StatusForbidden, map[string]string{"error": "csrf"})
		return
	}
	writeJSON(w, http.StatusOK, s.stateOf(sess, s.now()))
}

// loginData is the data of the login page.
type loginData struct {
	Next  string
	Error string
	Done  string
	// Draft is the text a staff POST carried when it came without a
	// session (signedOut), shown to copy.
	Draft string
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
	} else if r.FormValue("ended") == "1" {
		d.Done = p.T("login.idle")
	}
	p.Data = d
	s.render(w, http.StatusOK, "login", p)
}

func (s *site) login(w http.ResponseWriter, r *http.Request) {
	key, now := s.clientKey(r), s.now()
	if wait := s.throttle.refuse(key, now); wait > 0 {
		s.tooManySignIns(w, r, wait)
		return
	}
	token := r.PostFormValue("token")
	if !validStaffToken(token, s.cfg.StaffToken) {
		msg := "login.wrong"
		if strings.TrimSpace(token) == "" {
			msg = "login.missing"
		} else {
			s.signInFailed(key, now, "form")
		}
		p := s.newPage(r, "login.title")
		p.Data = loginData{Next: r.PostFormValue("next"), Error: p.T(msg)}
		s.render(w, http.StatusUnauthorized, "login", p)
		return
	}
	s.throttle.succeed(key)
	// A sign-in over a session still active ends that one: one cookie,
	// one session.
	if old, ok := s.session(r); ok {
		if err := s.sessions.RevokeSession(r.Context(), old.ID); err != nil {
			s.internal(w, r, err)
			return
		}
	}
	sess, err := feedback.NewSession(StaffSubject, now, s.idle, s.maxAge)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if err := s.sessions.CreateSession(r.Context(), sess); err != nil {
		s.internal(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     SessionCookie,
		Value:    sess.ID,
		Path:     "/",
		Expires:  sess.Expires,
		MaxAge:   int(s.maxAge / time.Second),
		HttpOnly: true,
		Secure:   s.secure(r),
		SameSite: http.SameSiteStrictMode,
	})
	http.Redirect(w, r, safeNext(r.PostFormValue("next"), r), http.StatusSeeOther)
}

// logout ends the session (staffPost found it) in the store, so that its
// cookie and CSRF token are worth nothing from now on, and clears the
// cookie.
func (s *site) logout(w http.ResponseWriter, r *http.Request) {
	if sess, ok := s.session(r); ok {
		if err := s.sessions.RevokeSession(r.Context(), sess.ID); err != nil {
			s.internal(w, r, err)
			return
		}
	}
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

// signInFailed counts a failed sign-in of the client key at now and logs
// it: with a tag of the client (an HMAC under the site key, so the log
// holds no address) and how it came (the login form or a bearer token),
// never the token presented.
func (s *site) signInFailed(key string, now time.Time, how string) {
	n := s.throttle.fail(key, now)
	s.authLog("staff sign-in failed (" + how + "): client " + s.clientTag(key) + ", failure " + strconv.Itoa(n) + " in a row")
}

// clientTag names a client in the log without its address.
func (s *site) clientTag(key string) string {
	return s.mac("kommunkit/webui client", key)[:12]
}

// tooManySignIns answers 429 with Retry-After and the login page, which
// says when the client may try again.
func (s *site) tooManySignIns(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := int((wait + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	p := s.newPage(r, "login.title")
	at := s.now().Add(time.Duration(secs) * time.Second).In(calendar.Location())
	clock := at.Format("15:04:05")
	if p.Lang == lang.Finnish {
		clock = at.Format("15.04.05")
	}
	p.Data = loginData{Next: r.FormValue("next"), Error: p.Tf("login.wait", clock)}
	s.render(w, http.StatusTooManyRequests, "login", p)
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
	if l := pageLang(r.FormValue("lang")); l != lang.Swedish {
		return "&lang=" + string(l)
	}
	return ""
}
