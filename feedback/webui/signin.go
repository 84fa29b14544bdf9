package webui

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The sign-in throttle. A client (Config.ClientKey) may fail to sign in
// SignInFreeFailures times in a row; after that, each failure makes it
// wait before it may try again, SignInFirstWait after the first, twice as
// long after each further one, and at most SignInMaxWait. While it waits,
// every sign-in of it is answered 429 with Retry-After and checks nothing,
// not even the right secret, and counts as one more failure: a client that
// does not wait meets SignInMaxWait within a few tries (a flood of guesses
// gets nothing but 429 from the sixth on). A sign-in that succeeds ends
// the count; otherwise it is forgotten SignInForget after the last
// failure. A bearer token on the staff pages counts as a sign-in.
const (
	SignInFreeFailures = 5
	SignInFirstWait    = time.Second
	SignInMaxWait      = 15 * time.Minute
	SignInForget       = 24 * time.Hour
)

// maxSignInClients bounds the clients the throttle remembers. When it is
// full, the ones whose failures are forgotten go first, and then the one
// that failed longest ago.
const maxSignInClients = 1 << 16

// signInThrottle counts failed sign-ins per client, in memory. It is safe
// for concurrent use.
type signInThrottle struct {
	mu      sync.Mutex
	clients map[string]signInFailures
}

// signInFailures is one client's failed sign-ins in a row.
type signInFailures struct {
	n     int
	last  time.Time // the latest failure
	until time.Time // no sign-in before this
}

func newSignInThrottle() *signInThrottle {
	return &signInThrottle{clients: make(map[string]signInFailures)}
}

// wait returns how long key must wait at now before it may sign in, or 0.
func (t *signInThrottle) wait(key string, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	f, ok := t.clients[key]
	if !ok || !now.Before(f.until) {
		return 0
	}
	return f.until.Sub(now)
}

// refuse returns how long key must wait at now before it may sign in, or
// 0 when it need not. A client that must wait has tried too soon, which
// counts as a failure (fail) and makes it wait longer.
func (t *signInThrottle) refuse(key string, now time.Time) time.Duration {
	if t.wait(key, now) == 0 {
		return 0
	}
	t.fail(key, now)
	return t.wait(key, now)
}

// fail counts a failed sign-in of key at now and returns how many there
// have been in a row.
func (t *signInThrottle) fail(key string, now time.Time) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	f, ok := t.clients[key]
	if ok && now.Sub(f.last) >= SignInForget {
		f = signInFailures{}
	}
	if !ok && len(t.clients) >= maxSignInClients {
		t.evict(now)
	}
	f.n++
	f.last = now
	if f.n >= SignInFreeFailures {
		wait := SignInMaxWait
		if shift := f.n - SignInFreeFailures; shift < 20 {
			wait = min(SignInFirstWait<<shift, SignInMaxWait)
		}
		f.until = now.Add(wait)
	}
	t.clients[key] = f
	return f.n
}

// succeed ends key's count of failures.
func (t *signInThrottle) succeed(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.clients, key)
}

// evict makes room for one more client: it forgets the clients whose
// failures are forgotten by now, or else the one that failed longest ago.
// The caller holds t.mu.
func (t *signInThrottle) evict(now time.Time) {
	var oldest string
	var oldestAt time.Time
	for k, f := range t.clients {
		if now.Sub(f.last) >= SignInForget {
			delete(t.clients, k)
			continue
		}
		if oldest == "" || f.last.Before(oldestAt) {
			oldest, oldestAt = k, f.last
		}
	}
	if len(t.clients) >= maxSignInClients {
		delete(t.clients, oldest)
	}
}

// remoteClient is the default Config.ClientKey: the address the request
// came from, without the port; for IPv6 its /64 network, which one
// customer of an internet provider usually has whole.
func remoteClient(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	a = a.Unmap()
	if a.Is6() {
		if p, err := a.Prefix(64); err == nil {
			return p.String()
		}
	}
	return a.String()
}

// ParsePublicURL parses the public address of the site, as Config.PublicURL
// wants it: an absolute http or https URL with a host, and no user
// information, query or fragment. A trailing "/" is dropped.
func ParsePublicURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("public URL %s: %w", strconv.Quote(s), err)
	}
	if err := checkPublicURL(u); err != nil {
		return nil, err
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// checkPublicURL reports what makes u no public address of the site.
func checkPublicURL(u *url.URL) error {
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New("public URL " + strconv.Quote(u.String()) + " is not an absolute http:// or https:// URL")
	case u.Host == "" || u.Opaque != "":
		return errors.New("public URL " + strconv.Quote(u.String()) + " has no host")
	case u.User != nil:
		return errors.New("public URL " + strconv.Quote(u.Redacted()) + " has user information")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return errors.New("public URL " + strconv.Quote(u.String()) + " has a query or fragment")
	}
	return nil
}

// absolute returns the link to path (which starts with "/") that a person
// can copy: under Config.PublicURL, or path itself, relative, when no
// public address is configured. It never uses the request's Host header,
// which the client chooses.
func (s *site) absolute(path string) string {
	if s.cfg.PublicURL == nil {
		return path
	}
	return strings.TrimSuffix(s.cfg.PublicURL.String(), "/") + path
}
