package conformance

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
)

// sourceClient returns a client whose connections come from the loopback
// address ip (Linux routes all of 127.0.0.0/8 to lo), so that a rate
// limit that keys on the client's address sees a client of its own; nil
// when the target is not on IPv4 loopback.
func (s *suite) sourceClient(base, ip string) *http.Client {
	u, err := url.Parse(base)
	if err != nil {
		return nil
	}
	host := net.ParseIP(u.Hostname())
	if host == nil || !host.IsLoopback() || host.To4() == nil {
		return nil
	}
	d := &net.Dialer{Timeout: 5 * time.Second, LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}}
	c := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	// Check the source address works here.
	resp, err := c.Get(base + "/api/policy")
	if err != nil {
		return nil
	}
	resp.Body.Close()
	return c
}

func (s *suite) testRateLimit(t *testing.T) {
	if s.RateLimit <= 0 {
		t.Fatalf("Target.RateLimit is %d, want the target's limit (more than 0) with Target.RateLimitedURL", s.RateLimit)
	}
	base := s.RateLimitedURL
	send := func(c *http.Client, stamped bool) (int, response) {
		t.Helper()
		for i := 0; i < 4*s.RateLimit+10; i++ {
			b := submission("Förslag nummer " + uuid.NewString())
			if stamped {
				if s.StampKey != nil {
					b[httpapi.FormStampField] = httpapi.FormStamp(s.StampKey, time.Now().Add(-5*time.Second))
				}
			}
			r := s.do(t, c, base, http.MethodPost, "/api/feedback", header{"Content-Type": "application/json"}, mustJSON(t, b))
			if r.Status == http.StatusTooManyRequests {
				return i, r
			}
			if r.Status != http.StatusCreated {
				t.Fatalf("submission %d: status %d, want %d or %d: %s", i+1, r.Status, http.StatusCreated, http.StatusTooManyRequests, r)
			}
		}
		t.Fatalf("no 429 after %d submissions at a limit of %d/min", 4*s.RateLimit+10, s.RateLimit)
		return 0, response{}
	}
	a := s.sourceClient(base, "127.0.0.2")
	n, r := send(a, false)
	p := requireProblem(t, r, http.StatusTooManyRequests, "rate_limited")
	if p.RetryAfter <= 0 {
		t.Errorf("retry_after %d, want more than 0 seconds", p.RetryAfter)
	}
	ra := r.Header.Get("Retry-After")
	if ra == "" {
		t.Fatalf("a 429 without a Retry-After header: %s", r)
	}
	if !regexp.MustCompile(`^\d+$`).MatchString(ra) {
		t.Errorf("Retry-After %q, want a number of seconds", ra)
	}
	// Without a stamp a submission costs NoStampCost requests.
	if n > s.RateLimit/httpapi.NoStampCost+1 {
		t.Errorf("unstamped submissions are limited more strictly: %d got through, want at most %d", n, s.RateLimit/httpapi.NoStampCost+1)
	}
	// Other routes of the same client are limited too (a request costs
	// one, so the last few requests' worth may still be there), and Open311.
	for i := 0; ; i++ {
		r = s.do(t, a, base, http.MethodGet, "/api/feedback/"+uuid.NewString(), nil, nil)
		if r.Status != http.StatusNotFound || i >= httpapi.NoStampCost {
			break
		}
	}
	requireProblem(t, r, http.StatusTooManyRequests, "rate_limited")
	r = s.do(t, a, base, http.MethodPost, "/open311/v2/requests.json", header{"Content-Type": "application/x-www-form-urlencoded"}, []byte("service_code=x"))
	if r.Status != http.StatusTooManyRequests {
		t.Fatalf("Open311 from a limited client: status %d, want %d: %s", r.Status, http.StatusTooManyRequests, r)
	}
	var o311 []map[string]any
	requireJSON(t, r, &o311)
	// Staff are not limited.
	r = s.do(t, a, base, http.MethodGet, "/api/staff/cases?limit=1", s.staff(), nil)
	if r.Status != http.StatusOK {
		t.Errorf("staff from a limited client: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}

	if a != nil && s.StampKey != nil {
		b := s.sourceClient(base, "127.0.0.3")
		if b == nil {
			t.Fatal("no client from 127.0.0.3, though one from 127.0.0.2 worked")
		}
		m, r := send(b, true)
		requireProblem(t, r, http.StatusTooManyRequests, "rate_limited")
		if m <= n {
			t.Errorf("a client with form stamps gets more submissions than one without: %d stamped, want more than the %d unstamped", m, n)
		}
		if m < s.RateLimit-2 {
			t.Errorf("%d stamped submissions got through, want at least %d", m, s.RateLimit-2)
		}
	}
}
