//go:build js && wasm

package main

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/lang"
)

// bucketsGlobal names the JavaScript Map, on the isolate's global object,
// that holds the rate limit's buckets.
const bucketsGlobal = "__kommunkitRateLimit"

// maxBuckets bounds the Map: when it holds this many clients it is
// emptied, which at worst gives the clients of the last minute their full
// allowance back.
const maxBuckets = 100_000

// isolateBuckets is a token bucket per client, the same as httpapi's own
// limit (perMinute requests a minute, with a burst of as many), whose state
// lives in the JavaScript global scope of the Worker's isolate instead of
// in Go memory. The JS glue of syumai/workers starts a new Go instance for
// every request, so Go memory forgets everything between requests, while
// the isolate and its globals live on across requests until Cloudflare
// evicts it.
//
// The limit is therefore per isolate: exact under `wrangler dev` (one
// isolate), and on Cloudflare a bound per isolate, each data centre running
// its own isolates. It stops one client from flooding the Worker it
// reaches; it is not a global quota (that would take a Durable Object, or
// the Workers rate limiting binding, also per location).
//
// Reads and writes of a bucket happen in one synchronous stretch of
// JavaScript, which nothing else in the isolate can interleave with.
type isolateBuckets struct {
	perMinute float64
	m         js.Value // Map: client key → [tokens, time in Unix milliseconds]
}

func newIsolateBuckets(perMinute int) *isolateBuckets {
	g := js.Global()
	m := g.Get(bucketsGlobal)
	if m.IsUndefined() {
		m = g.Get("Map").New()
		g.Set(bucketsGlobal, m)
	}
	return &isolateBuckets{perMinute: float64(perMinute), m: m}
}

// take takes cost tokens from key's bucket at now. When there are not
// enough, it takes none and returns how long until there will be. A cost
// above the burst takes the whole burst, as in httpapi.
func (b *isolateBuckets) take(key string, cost int, now time.Time) (time.Duration, bool) {
	nowMs := float64(now.UnixMilli())
	tokens := b.perMinute
	if e := b.m.Call("get", key); !e.IsUndefined() {
		elapsed := max(nowMs-e.Index(1).Float(), 0)
		tokens = min(e.Index(0).Float()+elapsed/60_000*b.perMinute, b.perMinute)
	}
	c := min(float64(cost), b.perMinute)
	ok := tokens >= c
	if ok {
		tokens -= c
	}
	if b.m.Get("size").Int() >= maxBuckets {
		b.m.Call("clear")
	}
	b.m.Call("set", key, js.ValueOf([]any{tokens, nowMs}))
	if ok {
		return 0, true
	}
	return time.Duration((c - tokens) / b.perMinute * float64(time.Minute)), false
}

// rateLimitedAPI applies the rate limit in front of the API handler, with
// the handler's rules: every request costs one, except those with a valid
// staff token, which are not limited; a submission (POST /api/feedback,
// POST /open311/v2/requests.json) without a valid form stamp costs
// httpapi.NoStampCost, and so does one whose stamp has been used more than
// httpapi.MaxStampUses times (httpapi.SubmissionCost). It reads a submission's body to find its stamp, and
// hands the handler the whole body; a body whose Content-Length is over
// httpapi.MaxBodyBytes is not read (the handler refuses it unread) and
// costs NoStampCost.
//
// It stands in for the limit inside httpapi.Handler, which keeps its
// buckets in Go memory; when httpapi.Config takes a limiter of the host's
// (see README.md, "Open"), the Worker passes isolateBuckets there instead.
type rateLimitedAPI struct {
	api        http.Handler
	buckets    *isolateBuckets
	stamps     *isolateStampLedger
	staffToken string
	stampKey   []byte
}

func (l *rateLimitedAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if httpapi.StaffRequest(r, l.staffToken) {
		l.api.ServeHTTP(w, r)
		return
	}
	now := time.Now()
	cost := 1
	if isSubmission(r) && r.ContentLength <= httpapi.MaxBodyBytes {
		body, err := io.ReadAll(io.LimitReader(r.Body, httpapi.MaxBodyBytes+1))
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(body), r.Body), r.Body}
		if err != nil {
			cost = httpapi.NoStampCost
		} else {
			cost = httpapi.SubmissionCost(l.stampKey, formStamp(r, body), now, l.stamps)
		}
	}
	wait, ok := l.buckets.take(clientKey(r), cost, now)
	if ok {
		l.api.ServeHTTP(w, r)
		return
	}
	secs := max(int((wait+time.Second-1)/time.Second), 1)
	s := strconv.Itoa(secs)
	p := &httpapi.Problem{Status: http.StatusTooManyRequests, Code: "rate_limited", RetryAfter: secs,
		Message: lang.Text{
			Sv: "För många förfrågningar. Vänta " + s + " sekunder och försök igen.",
			Fi: "Liian monta pyyntöä. Odota " + s + " sekuntia ja yritä uudelleen.",
			En: "Too many requests. Please wait " + s + " seconds and try again."}}
	w.Header().Set("Retry-After", s)
	if strings.HasPrefix(r.URL.Path, "/open311/") {
		writeJSON(w, p.Status, []httpapi.O311Error{{Code: p.Status, Description: p.Message.En}})
		return
	}
	writeProblem(w, p)
}

// stampsGlobal names the JavaScript Map, on the isolate's global object,
// that counts the uses of form stamps.
const stampsGlobal = "__kommunkitStampUses"

// isolateStampLedger is httpapi.StampLedger with its counts in the
// isolate, beside the rate limit's buckets and for the same reason. It
// holds at most maxBuckets stamps; when full it drops the expired ones,
// and if none are, a new stamp counts as used up.
type isolateStampLedger struct {
	m js.Value // Map: nonce → [uses, expiry in Unix milliseconds]
}

func newIsolateStampLedger() *isolateStampLedger {
	g := js.Global()
	m := g.Get(stampsGlobal)
	if m.IsUndefined() {
		m = g.Get("Map").New()
		g.Set(stampsGlobal, m)
	}
	return &isolateStampLedger{m: m}
}

// Use implements httpapi.StampLedger.
func (l *isolateStampLedger) Use(nonce string, expires, now time.Time) int {
	uses := 0
	if e := l.m.Call("get", nonce); !e.IsUndefined() {
		uses = e.Index(0).Int()
	} else if l.m.Get("size").Int() >= maxBuckets {
		nowMs := float64(now.UnixMilli())
		it := l.m.Call("entries")
		for {
			n := it.Call("next")
			if n.Get("done").Bool() {
				break
			}
			kv := n.Get("value")
			if kv.Index(1).Index(1).Float() < nowMs {
				l.m.Call("delete", kv.Index(0))
			}
		}
		if l.m.Get("size").Int() >= maxBuckets {
			return httpapi.MaxStampUses + 1
		}
	}
	uses++
	l.m.Call("set", nonce, js.ValueOf([]any{uses, float64(expires.UnixMilli())}))
	return uses
}

func isSubmission(r *http.Request) bool {
	return r.Method == http.MethodPost &&
		(r.URL.Path == "/api/feedback" || r.URL.Path == "/open311/v2/requests.json")
}

// formStamp finds the form stamp in a submission's body: a JSON object's
// "form_stamp", or the form field of that name.
func formStamp(r *http.Request, body []byte) string {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "application/x-www-form-urlencoded" {
		v, err := url.ParseQuery(string(body))
		if err != nil {
			return ""
		}
		return v.Get(httpapi.FormStampField)
	}
	var v struct {
		FormStamp string `json:"form_stamp"`
	}
	if json.Unmarshal(body, &v) != nil {
		return ""
	}
	return v.FormStamp
}

func writeProblem(w http.ResponseWriter, p *httpapi.Problem) {
	writeJSON(w, p.Status, p)
}

// writeJSON writes v as the API does: JSON, a newline, its length.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"status":500,"error":"internal","message":"The answer could not be written."}`)
	}
	b = append(b, '\n')
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}
