// Package webui serves the server-rendered pages of the demo municipal site:
// the feedback page of a fictional municipality with the <synpunkt-widget>
// and a plain HTML form that works without JavaScript, the receipt, the
// citizen's case status page, the staff inbox and case pages, the follow-up
// dashboard with its CSV export, and the accessibility statement.
//
// Pages are in Swedish, in Finnish with ?lang=fi and in English with
// ?lang=en; a form carries its language in the hidden field lang. Every page
// has a language switch, "På svenska", "Suomeksi", "In English", each link
// marked with the lang and hreflang of the page it leads to and the page's
// own language with aria-current. The feedback form's texts (labels, hints,
// errors, buttons, the receipt) are package formtext's, which the widget
// shows too, so the plain form and the widget say the same. Finnish is
// there because some municipalities, Österåker among them, are in the
// administrative area for Finnish (förvaltningsområde, lag (2009:724) om
// nationella minoriteter och minoritetsspråk), where people may use Finnish
// with the municipality. The pages are rendered with html/template, so everything a person or the
// database supplies is escaped, and they work under
//
//	Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'
//
// which the handler also sends: there is no inline script, no <style>
// element and no style attribute; the CSS and the small scripts are served
// from /assets/, embedded in the binary.
//
// # Routes
//
//	GET  /                       the municipality's feedback page (widget, and the plain form as its fallback)
//	POST /synpunkt               the plain form: the same intake as POST /api/feedback; renders the receipt
//	GET  /arende/{token}         the citizen's case: status and reply only; 404 for an unknown token
//	GET  /tillganglighet         the accessibility statement (tillgänglighetsredogörelse; in Finnish, saavutettavuusseloste)
//	GET  /staff                  the inbox (filters: status, kind, channel, overdue)
//	GET  /staff/login            the staff login form; POST /staff/login logs in, POST /staff/logout out
//	GET  /staff/case/{id}        one case, whole, with its history and the forms that change its status
//	POST /staff/case/{id}        a status change (CSRF token required)
//	POST /staff/plaincheck       the plain-language check of a draft reply, as JSON (CSRF header required)
//	POST /staff/session          "stay logged in": records a use of the session (CSRF token required); JSON time left
//	GET  /staff/session          the session's time left and CSRF token, as JSON (after a new login in another tab)
//	GET  /staff/uppfoljning      the follow-up dashboard: SVG charts with data tables, period selector
//	GET  /staff/export.csv       feedback.Stats as CSV (?from, ?to; ?what=overdue for the overdue cases)
//	GET  /assets/...             CSS and JavaScript, versioned by content hash
//
// # Staff sessions
//
// Staff log in with the staff secret, compared in constant time. Each
// sign-in makes a session of its own (feedback.Session) with 32 random
// bytes as its ID; the cookie (SessionCookie) holds that ID and nothing
// else, and the session store (Config.Sessions, by default Config.Store;
// with feedback/sqlstore the table staff_sessions) keeps only its SHA-256
// hash. A
// session ends when the person logs out (the row is deleted, so a copy of
// the cookie is worth nothing from then on), after Config.SessionIdle
// without a request (DefaultSessionIdle, 2 hours), and at the latest
// Config.SessionMaxAge after sign-in (DefaultSessionMaxAge, 10 hours, a
// working day). Uses are written back at most once a minute
// (feedback.SessionTouchInterval). Signing in again over a session ends
// the old one. Ended sessions are deleted when a new one is made.
//
// So that nobody is logged out unwarned with a half-written reply (WCAG
// 2.2.1 Timing Adjustable), every page with a session carries its time
// left on <body> (data-session-idle: seconds until it ends unless used;
// data-session-absolute: until it ends however much it is used; both
// computed per request, rounded down) and loads assets/session.js, which
// shows a modal alertdialog in the page's language. SessionWarnIdle (3
// min) before the idle end it asks "Fortsätt vara inloggad?" with a button
// (and Escape) that posts to /staff/session with the CSRF token: the
// lookup records the use, so the idle timeout starts again; the warning
// comes long after the last recorded use, so the once-a-minute throttle
// never swallows that write with the default timeouts, and the answer
// carries the deadline the store really has anyway. The absolute timeout
// cannot be extended, by design (a forgotten session on a shared computer
// must die the same day), so SessionWarnAbsolute (15 min) before it the
// dialog says at what time, and advises to send the text first. At either
// end the dialog says the person is logged out, that the text is still on
// the page, and offers the login page in a new tab: after a new login
// there, "Jag har loggat in igen" (or coming back to the tab) takes
// the new session's CSRF token from GET /staff/session into the page's
// forms, so the draft is sent without being retyped. WCAG 2.2.1 is met by
// warning and extending for the idle limit; for the absolute one by a new
// login that keeps what was typed. The script sees only its own requests:
// another tab or the plain-language check keep the session alive too, so
// it may warn early, never late.
//
// The warning needs JavaScript. Without it the pages work as before, and
// a staff form sent after the end is answered 401 with the login page,
// which says "Du har varit inaktiv för länge och har loggats ut" (when the
// browser still had the cookie), leads back to the case after login, and
// shows the typed text (the field text) read-only to copy; it is not
// stored anywhere. A page asked for after the end redirects to the login
// page with the same message.
//
// The cookie is HttpOnly and SameSite=Strict, and Secure when the request
// came over TLS, when Config.SecureCookies is set, or when Config.PublicURL
// is https: behind a proxy that ends TLS, set one of the last two. Every
// staff form carries a CSRF token, an HMAC of the session ID under
// FormKey, so each session has its own and it dies with the session; a
// POST whose Origin names another site is refused. Programs may read the
// staff pages (not change anything) with "Authorization: Bearer <staff
// secret>", as on the API's staff routes.
//
// # Sign-in throttle
//
// Sign-ins are counted per client (Config.ClientKey; by default the
// remote address, an IPv6 address by its /64). After SignInFreeFailures
// (5) failures in a row the client must wait SignInFirstWait (1 s), then
// twice as long after each further failure, up to SignInMaxWait (15 min);
// a try while it must wait is answered 429 with Retry-After and the login
// page saying when to try again, checks nothing (not even the right
// secret) and counts as a failure. A wrong bearer token on the staff pages
// counts the same. Success ends the count; failures are forgotten after
// SignInForget (24 h); at most 65,536 clients are remembered. Each failure
// goes to Config.AuthLog as "staff sign-in failed" with a tag of the client
// (an HMAC of its key, not its address), never the token presented.
//
// New refuses a staff secret with less than 128 bits of entropy
// (httpapi.CheckStaffToken).
//
// # Links
//
// The receipt's link to the citizen's case is built from Config.PublicURL
// (ParsePublicURL); without it the link is relative. No page builds a
// link from the request's Host header, which the client chooses.
//
// The plain form runs the same intake as POST /api/feedback, because it is
// the same: httpapi.Handler.Submit of Config.API, with the API's rate limit,
// the honeypot field, the signed form stamp (a missing one, one younger than
// httpapi.MinFormAge or older than httpapi.MaxFormAge is refused),
// feedback.Intake and an idempotent insert under the idempotency key in a
// hidden field, so a double click or a reload shows the same receipt and
// stores nothing twice. The pages only say, in the person's language, what
// Submit found.
//
// Every response gets the Content-Security-Policy above,
// X-Content-Type-Options: nosniff, X-Frame-Options: DENY and
// Referrer-Policy: same-origin (the citizen's link carries the receipt
// token); pages are Cache-Control: no-store.
//
// # Mounting
//
// The handler serves absolute paths, so mount it at "/" next to the JSON
// API and the widget's files; the longer patterns win:
//
//	api, _ := httpapi.New(httpapi.Config{Store: st, Policy: p, StaffToken: secret, StampKey: key})
//	pages, err := webui.New(webui.Config{
//		Store: st, Policy: p, StaffToken: secret, FormKey: key, API: api,
//		PublicURL: publicURL, // from webui.ParsePublicURL("https://synpunkt.exempelby.se")
//	})
//	if err != nil { ... }
//	mux := http.NewServeMux()
//	mux.Handle("/api/", api)
//	mux.Handle("/open311/", api)
//	mux.Handle("/widget/", widgetFiles)
//	mux.Handle("/", pages)
//
// The form's stamps are signed by Config.API, so a stamp the page issued is
// good for the JSON API and the other way round.
package webui
