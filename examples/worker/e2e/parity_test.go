//go:build worker

package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
)

// A request is one step of the parity run. Path, body and header values may
// name values captured from earlier answers of the same server as
// {{name}}; they differ between the servers (IDs, tokens) and are filled in
// per server.
type request struct {
	name   string
	method string
	path   string
	header map[string]string
	body   string
	// capture names values of the JSON answer to keep for later steps:
	// name → a path of object keys and array indexes, "token" or
	// "0.service_request_id".
	capture map[string]string
}

// answer is what a server answered, normalised for comparison.
type answer struct {
	Status  int
	Headers map[string]string
	Body    string
}

// comparedHeaders are the response headers that must be the same.
var comparedHeaders = []string{
	"Content-Type", "Cache-Control", "Allow", "WWW-Authenticate", "Retry-After", "Location",
	"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
}

// server is one host of the API in the parity run, with the values
// captured from its answers and the names its IDs got.
type server struct {
	name string
	base string
	vars map[string]string
	ids  map[string]string // a UUID → "<id-N>", in order of appearance
}

var (
	uuidRE  = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)
	timeRE  = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)`)
	stampRE = regexp.MustCompile(`^\d+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$`)
	varRE   = regexp.MustCompile(`\{\{(\w+)\}\}`)
)

// normalise replaces IDs, tokens and times in s: each UUID by the name
// the server gave it on first sight, so that "the same token as before"
// still compares, and each RFC 3339 time by <time>.
func (s *server) normalise(str string) string {
	str = uuidRE.ReplaceAllStringFunc(str, func(u string) string {
		u = strings.ToLower(u)
		if n, ok := s.ids[u]; ok {
			return n
		}
		n := "<id-" + strconv.Itoa(len(s.ids)+1) + ">"
		s.ids[u] = n
		return n
	})
	return timeRE.ReplaceAllString(str, "<time>")
}

// normaliseJSON walks a decoded JSON value, objects in key order, and
// normalises its strings; form stamps become <stamp>.
func (s *server) normaliseJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v[k] = s.normaliseJSON(v[k])
		}
		return v
	case []any:
		for i := range v {
			v[i] = s.normaliseJSON(v[i])
		}
		return v
	case string:
		if stampRE.MatchString(v) {
			return "<stamp>"
		}
		return s.normalise(v)
	}
	return v
}

func (s *server) fill(str string) string {
	return varRE.ReplaceAllStringFunc(str, func(m string) string {
		name := varRE.FindStringSubmatch(m)[1]
		if v, ok := s.vars[name]; ok {
			return v
		}
		return m
	})
}

// do sends r to the server and returns its answer, normalised, keeping
// the values r captures.
func (s *server) do(t *testing.T, c *http.Client, r request) answer {
	t.Helper()
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(s.fill(r.body))
	}
	req, err := http.NewRequest(r.method, s.base+s.fill(r.path), body)
	require.NoError(t, err)
	for k, v := range r.header {
		req.Header.Set(k, s.fill(v))
	}
	resp, err := c.Do(req)
	require.NoError(t, err, "%s: %s", s.name, r.name)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)

	var decoded any
	isJSON := strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json")
	if isJSON {
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		require.NoError(t, d.Decode(&decoded), "%s: %s: %s", s.name, r.name, raw)
		for name, path := range r.capture {
			v, ok := lookup(decoded, path)
			require.True(t, ok, "%s: %s: no %q in %s", s.name, r.name, path, raw)
			s.vars[name] = v
		}
	}
	a := answer{Status: resp.StatusCode, Headers: map[string]string{}}
	for _, h := range comparedHeaders {
		if v := resp.Header.Get(h); v != "" {
			a.Headers[h] = s.normalise(v)
		}
	}
	if isJSON {
		b, err := json.MarshalIndent(s.normaliseJSON(decoded), "", "  ")
		require.NoError(t, err)
		a.Body = string(b)
	} else {
		a.Body = s.normalise(string(raw))
	}
	return a
}

// lookup follows a path of object keys and array indexes to a string or
// number.
func lookup(v any, path string) (string, bool) {
	for _, p := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return "", false
			}
			v = x[i]
		default:
			return "", false
		}
	}
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	}
	return "", false
}

// parityRequests are the requests both servers get, in order: every
// citizen route with good and bad input, staff routes on the cases made
// here, and Open311.
func parityRequests(staffToken string) []request {
	jsonType := map[string]string{"Content-Type": "application/json"}
	staff := map[string]string{"Authorization": "Bearer " + staffToken}
	staffJSON := map[string]string{"Authorization": "Bearer " + staffToken, "Content-Type": "application/json"}
	key := func() string { return uuid.NewString() }
	decision := time.Now().AddDate(0, 0, -3).Format("2006-01-02")
	praiseKey := key()
	praise := `{"text":"Tack för att ni lagade gatlyktan på Storgatan så snabbt!","channel":"web","contact":{"name":"Anna Andersson","email":"anna@example.se"},"idempotency_key":"` + praiseKey + `"}`
	return []request{
		{name: "policy", method: "GET", path: "/api/policy"},
		{name: "form stamp", method: "GET", path: "/api/form-stamp"},
		{name: "praise", method: "POST", path: "/api/feedback", header: jsonType, body: praise,
			capture: map[string]string{"praise_token": "token", "praise_id": "id"}},
		{name: "praise again (retry)", method: "POST", path: "/api/feedback", header: jsonType, body: praise},
		{name: "retry, other text, same key", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"Annan text","channel":"web","idempotency_key":"` + strings.ToUpper(praiseKey) + `"}`},
		{name: "complaint about staff, by phone", method: "POST", path: "/api/feedback", header: jsonType,
			body:    `{"text":"Handläggaren var otrevlig mot mig i telefon och lade på.","channel":"phone","contact":{"phone":"070-123 45 67"},"idempotency_key":"` + key() + `"}`,
			capture: map[string]string{"complaint_id": "id"}},
		{name: "anonymous suggestion", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"Förslag: ställ fler bänkar längs promenadstigen vid sjön.","channel":"web","idempotency_key":"` + key() + `"}`},
		{name: "appeal", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"Jag vill överklaga beslutet om avslag på mitt bygglov.","channel":"email","contact":{"email":"b@example.se"},"decision_received":"` + decision + `","idempotency_key":"` + key() + `"}`},
		{name: "fault report", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"Gatlampan utanför Skolvägen 4 är trasig sedan i måndags.","channel":"web","contact":{"email":"c@example.se"},"idempotency_key":"` + key() + `"}`},
		{name: "Finnish praise", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"Kiitos, kirjaston palvelu oli erinomaista.","channel":"email","language":"fi","contact":{"email":"d@example.fi"},"idempotency_key":"` + key() + `"}`},
		{name: "English question", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"When is the recycling centre open on Saturdays?","channel":"chat","contact":{"email":"e@example.com"},"idempotency_key":"` + key() + `"}`},
		{name: "to an elected official", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"Till kommunstyrelsens ordförande: satsa mer på fritidsgårdarna.","channel":"email","recipient":"elected_official","contact":{"email":"f@example.se"},"idempotency_key":"` + key() + `"}`},
		{name: "every field wrong", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"","channel":"pigeon","language":"xx","contact":{"email":"not-an-address","phone":"abc"},"recipient":"kungen","idempotency_key":"nope","decision_received":"yesterday"}`},
		{name: "honeypot", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"Bra service!","channel":"web","website":"http://spam.example","idempotency_key":"` + key() + `"}`},
		{name: "forged stamp", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"Bra service!","channel":"web","form_stamp":"1700000000.AAAA","idempotency_key":"` + key() + `"}`},
		{name: "duplicate keys", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"Bra service!","channel":"web","website":"http://spam.example","Website":"","idempotency_key":"` + key() + `"}`},
		{name: "decision date out of range", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"Jag vill överklaga beslutet.","channel":"web","decision_received":"9999-12-20","idempotency_key":"` + key() + `"}`},
		{name: "bad JSON", method: "POST", path: "/api/feedback", header: jsonType, body: `{"text":`},
		{name: "wrong JSON type", method: "POST", path: "/api/feedback", header: jsonType, body: `{"text":5}`},
		{name: "not JSON", method: "POST", path: "/api/feedback", header: map[string]string{"Content-Type": "text/plain"}, body: "hej"},
		{name: "too large", method: "POST", path: "/api/feedback", header: jsonType,
			body: `{"text":"` + strings.Repeat("a", httpapi.MaxBodyBytes) + `"}`},
		{name: "citizen view", method: "GET", path: "/api/feedback/{{praise_token}}"},
		{name: "a case ID is not a token", method: "GET", path: "/api/feedback/{{praise_id}}"},
		{name: "not a token", method: "GET", path: "/api/feedback/nonsense"},
		{name: "wrong method", method: "DELETE", path: "/api/feedback"},
		{name: "no such route", method: "GET", path: "/api/nope"},
		{name: "classify praise", method: "POST", path: "/api/classify", header: jsonType, body: `{"text":"Stort tack till personalen på förskolan!"}`},
		{name: "classify appeal", method: "POST", path: "/api/classify", header: jsonType,
			body: `{"text":"Jag överklagar beslutet om försörjningsstöd.","decision_received":"` + decision + `"}`},
		{name: "classify anonymous complaint", method: "POST", path: "/api/classify", header: jsonType,
			body: `{"text":"Det är skandal att soporna inte hämtats på två veckor.","channel":"email","anonymous":true}`},
		{name: "classify empty", method: "POST", path: "/api/classify", header: jsonType, body: `{"text":""}`},
		{name: "staff without token", method: "GET", path: "/api/staff/cases"},
		{name: "staff with a wrong token", method: "GET", path: "/api/staff/cases", header: map[string]string{"Authorization": "Bearer wrong-token-wrong-token"}},
		{name: "staff list", method: "GET", path: "/api/staff/cases", header: staff},
		{name: "staff list, complaints", method: "GET", path: "/api/staff/cases?kind=complaint&status=received", header: staff},
		{name: "staff list, bad filter", method: "GET", path: "/api/staff/cases?status=sleeping", header: staff},
		{name: "staff case", method: "GET", path: "/api/staff/cases/{{complaint_id}}", header: staff},
		{name: "register", method: "POST", path: "/api/staff/cases/{{praise_id}}/transitions", header: staffJSON,
			body: `{"to":"registered","by":"Kim","unit":"Gata och park","diary_number":"KS 2026/17"}`},
		{name: "answer", method: "POST", path: "/api/staff/cases/{{praise_id}}/transitions", header: staffJSON,
			body: `{"to":"answered","by":"Kim","text":"Tack för ditt beröm! Vi har skickat det vidare till gatuenheten."}`},
		{name: "illegal transition", method: "POST", path: "/api/staff/cases/{{praise_id}}/transitions", header: staffJSON,
			body: `{"to":"registered","by":"Kim"}`},
		{name: "citizen view after the answer", method: "GET", path: "/api/feedback/{{praise_token}}"},
		{name: "staff case after the answer", method: "GET", path: "/api/staff/cases/{{praise_id}}", header: staff},
		{name: "stats, empty period", method: "GET", path: "/api/staff/stats?from=2001-01-01&to=2001-02-01", header: staff},
		{name: "stats CSV, empty period", method: "GET", path: "/api/staff/stats.csv?from=2001-01-01&to=2001-02-01", header: staff},
		{name: "overdue CSV", method: "GET", path: "/api/staff/overdue.csv?from=2001-01-01&to=2001-02-01", header: staff},
		{name: "Open311 services", method: "GET", path: "/open311/v2/services.json",
			capture: map[string]string{"service": "1.service_code"}},
		{name: "Open311 request", method: "POST", path: "/open311/v2/requests.json",
			header:  map[string]string{"Content-Type": "application/x-www-form-urlencoded"},
			body:    "service_code={{service}}&description=Lampan+vid+busshållplatsen+är+släckt&lat=59.18&long=17.43&email=g%40example.se",
			capture: map[string]string{"o311_id": "0.service_request_id"}},
		{name: "Open311 request again", method: "POST", path: "/open311/v2/requests.json",
			header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"},
			body:   "service_code={{service}}&description=Lampan+vid+busshållplatsen+är+släckt&lat=59.18&long=17.43&email=g%40example.se"},
		{name: "Open311 one request", method: "GET", path: "/open311/v2/requests/{{o311_id}}.json"},
		{name: "Open311 list", method: "GET", path: "/open311/v2/requests.json?service_request_id={{o311_id}}"},
		{name: "Open311 without service", method: "POST", path: "/open311/v2/requests.json",
			header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, body: "description=x"},
		{name: "Open311 unknown", method: "GET", path: "/open311/v2/requests/{{praise_id}}.json"},
	}
}

// testParity sends the same requests to the site and to the Worker, each
// on a database of its own, and checks that they answer alike: status,
// the headers in comparedHeaders and the body, apart from IDs, tokens and
// times. A pair that differs is sent once more, to both, in case the two
// requests fell on either side of a minute or a closing time (the receipts
// name the reply date in words).
func testParity(t *testing.T, siteURL, workerURL, staffToken string) {
	c := &http.Client{Timeout: 30 * time.Second}
	site := &server{name: "site", base: siteURL, vars: map[string]string{}, ids: map[string]string{}}
	worker := &server{name: "worker", base: workerURL, vars: map[string]string{}, ids: map[string]string{}}
	for _, r := range parityRequests(staffToken) {
		s, w := site.do(t, c, r), worker.do(t, c, r)
		if s.Body != w.Body && r.method == http.MethodGet {
			s, w = site.do(t, c, r), worker.do(t, c, r)
		}
		assert.Equal(t, s, w, "%s %s (%s): the site's answer, then the Worker's", r.method, r.path, r.name)
	}
	// Enough was compared: every citizen route, errors, staff, Open311.
	assert.GreaterOrEqual(t, len(site.ids), 10, "the run made cases and read them back")
}
