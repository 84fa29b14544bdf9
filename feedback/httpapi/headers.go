package httpapi

import "net/http"

// ContentSecurityPolicy is the policy every kommunkit host sends: scripts
// only from the site itself, and WebAssembly compilation for the widget. No
// inline script or style is needed anywhere.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"

// SecurityHeaders wraps next so that every response carries
// ContentSecurityPolicy, X-Content-Type-Options: nosniff, Referrer-Policy:
// same-origin and X-Frame-Options: DENY. The site and the Worker both use it.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
