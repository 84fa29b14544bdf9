package conformance

import (
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// postRequest sends form to POST /open311/v2/requests.json, checks that
// the answer has status and names one service request, and returns that
// request and the answer.
func (s *suite) postRequest(t *testing.T, form url.Values, status int) (map[string]any, response) {
	t.Helper()
	r := s.postForm(t, "/open311/v2/requests.json", form)
	if r.Status != status {
		t.Fatalf("POST requests.json: status %d, want %d: %s", r.Status, status, r)
	}
	var created []map[string]any
	requireJSON(t, r, &created)
	if len(created) != 1 {
		t.Fatalf("POST requests.json answered %d requests, want 1: %s", len(created), r.Body)
	}
	return created[0], r
}

// o311Fields are the GeoReport v2 field names of a service request.
var o311Fields = []string{"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
	"agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
	"address", "address_id", "zipcode", "lat", "long", "media_url"}

func (s *suite) testOpen311(t *testing.T) {
	r := s.get(t, "/open311/v2/services.json", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("GET services.json: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	var services []map[string]any
	requireJSON(t, r, &services)
	if len(services) == 0 {
		t.Fatalf("services.json lists no services: %s", r.Body)
	}
	for _, sv := range services {
		for _, k := range []string{"service_code", "service_name", "description", "metadata", "type", "keywords", "group"} {
			if _, ok := sv[k]; !ok {
				t.Errorf("service %v has no %q", sv["service_code"], k)
			}
		}
		if sv["metadata"] != false {
			t.Errorf("service %v: metadata %#v, want false", sv["service_code"], sv["metadata"])
		}
		if !slices.Contains([]any{"realtime", "batch", "blackbox"}, sv["type"]) {
			t.Errorf("service %v: type %#v, want realtime, batch or blackbox", sv["service_code"], sv["type"])
		}
	}
	code := services[0]["service_code"].(string)

	desc := "Gatlyktan utanför Storgatan 5 har varit släckt i en vecka. Ring mig på 070-222 33 44."
	form := url.Values{
		"service_code":   {code},
		"description":    {desc},
		"lat":            {"59.178400"},
		"long":           {"17.428100"},
		"address_string": {"Storgatan 5, Nykvarn"},
		"email":          {"rapportor@example.se"},
		"first_name":     {"Rut"},
		"last_name":      {"Rapportör"},
		"device_id":      {"device-" + uuid.NewString()},
	}
	created, r := s.postRequest(t, form, http.StatusCreated)
	for _, k := range []string{"service_request_id", "service_notice", "account_id"} {
		if _, ok := created[k]; !ok {
			t.Errorf("the created request has no %q: %s", k, r.Body)
		}
	}
	id := created["service_request_id"].(string)
	if emptyJSON(created["service_notice"]) {
		t.Errorf("the created request's service_notice is empty: %s", r.Body)
	}
	// The same request again is the same request.
	if again, _ := s.postRequest(t, form, http.StatusOK); again["service_request_id"] != id {
		t.Errorf("the same request again: service_request_id %#v, want %q", again["service_request_id"], id)
	}

	r = s.get(t, "/open311/v2/requests/"+id+".json", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("GET requests/{id}.json: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	var reqs []map[string]any
	requireJSON(t, r, &reqs)
	if len(reqs) != 1 {
		t.Fatalf("GET requests/{id}.json answered %d requests, want 1: %s", len(reqs), r.Body)
	}
	o := reqs[0]
	for _, k := range o311Fields {
		if _, ok := o[k]; !ok {
			t.Errorf("no GeoReport field %s: %s", k, r.Body)
		}
	}
	if o["service_request_id"] != id {
		t.Errorf("service_request_id %#v, want %q", o["service_request_id"], id)
	}
	if o["status"] != "open" {
		t.Errorf("status %#v, want %q", o["status"], "open")
	}
	if o["service_code"] != code {
		t.Errorf("service_code %#v, want %q", o["service_code"], code)
	}
	if o["service_name"] != services[0]["service_name"] {
		t.Errorf("service_name %#v, want the service's, %#v", o["service_name"], services[0]["service_name"])
	}
	if o["address"] != "Storgatan 5, Nykvarn" {
		t.Errorf("address %#v, want %q", o["address"], "Storgatan 5, Nykvarn")
	}
	if v, ok := o["lat"].(float64); !ok || math.Abs(v-59.1784) > 1e-6 {
		t.Errorf("lat %#v, want 59.1784 (within 1e-6)", o["lat"])
	}
	if v, ok := o["long"].(float64); !ok || math.Abs(v-17.4281) > 1e-6 {
		t.Errorf("long %#v, want 17.4281 (within 1e-6)", o["long"])
	}
	if d, ok := o["description"].(string); !ok || !strings.Contains(d, "Gatlyktan") {
		t.Errorf("description %#v, want the text sent, with %q", o["description"], "Gatlyktan")
	}
	if d, ok := o["description"].(string); !ok || strings.Contains(d, "070-222 33 44") {
		t.Errorf("description %#v, want it redacted, without %q", o["description"], "070-222 33 44")
	}
	if strings.Contains(string(r.Body), "rapportor@example.se") {
		t.Errorf("the public request shows the reporter's e-mail address: %s", r.Body)
	}
	if strings.Contains(string(r.Body), "Rut") {
		t.Errorf("the public request shows the reporter's name: %s", r.Body)
	}
	requireRFC3339(t, o["requested_datetime"].(string))
	requireRFC3339(t, o["updated_datetime"].(string))
	if emptyJSON(o["service_notice"]) {
		t.Errorf("service_notice is empty: %s", r.Body)
	}
	// The policy's deadline is the expected time of feedback on the request.
	exp, ok := o["expected_datetime"].(string)
	if !ok {
		t.Fatalf("expected_datetime %#v, want the policy deadline as a time", o["expected_datetime"])
	}
	expAt, err := time.Parse(time.RFC3339, exp)
	if err != nil {
		t.Fatalf("expected_datetime: %v", err)
	}
	reqAt, err := time.Parse(time.RFC3339, o["requested_datetime"].(string))
	if err != nil {
		t.Fatalf("requested_datetime: %v", err)
	}
	if !expAt.After(reqAt) {
		t.Errorf("expected_datetime %s after requested_datetime %s", exp, o["requested_datetime"])
	}

	// A request owed a reply has the policy deadline as expected_datetime.
	q := url.Values{"service_code": {code}, "description": {"Jag undrar varför lampan inte är lagad än? När blir den det?"},
		"address_string": {"Skolvägen 1"}, "email": {"fraga@example.se"}, "idempotency_key": {uuid.NewString()}}
	created, _ = s.postRequest(t, q, http.StatusCreated)
	qid := created["service_request_id"].(string)
	r = s.get(t, "/open311/v2/requests/"+qid+".json", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("GET requests/{id}.json, a question: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	requireJSON(t, r, &reqs)
	if exp, ok := reqs[0]["expected_datetime"].(string); ok {
		requireRFC3339(t, exp)
	} else if _, ok := reqs[0]["expected_datetime"]; !ok {
		t.Errorf("no GeoReport field expected_datetime: %s", r.Body)
	}
	// Answered: closed. The status notes are public, so they are a fixed
	// text and never the staff's reply to the person.
	r = s.transition(t, id, map[string]any{"to": "answered", "text": "Hej Karin Lind! Lampan är lagad. Ring 070-999 88 77 om den släcks igen."})
	if r.Status != http.StatusOK {
		t.Fatalf("staff transition to answered: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	r = s.get(t, "/open311/v2/requests/"+id+".json", nil)
	requireJSON(t, r, &reqs)
	if reqs[0]["status"] != "closed" {
		t.Errorf("answered: status %#v, want %q", reqs[0]["status"], "closed")
	}
	if emptyJSON(reqs[0]["status_notes"]) {
		t.Errorf("answered: status_notes is empty: %s", r.Body)
	}
	for _, private := range []string{"Karin", "Lampan är lagad", "070-999"} {
		if notes, ok := reqs[0]["status_notes"].(string); !ok || strings.Contains(notes, private) {
			t.Errorf("answered: status_notes %#v, want a fixed text without the reply's %q", reqs[0]["status_notes"], private)
		}
	}

	// The list, and its filters.
	r = s.get(t, "/open311/v2/requests.json", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("GET requests.json: status %d, want %d: %s", r.Status, http.StatusOK, r)
	}
	var list []map[string]any
	requireJSON(t, r, &list)
	ids := map[string]bool{}
	for _, x := range list {
		ids[x["service_request_id"].(string)] = true
		for _, k := range o311Fields {
			if _, ok := x[k]; !ok {
				t.Errorf("request %v in the list has no GeoReport field %s", x["service_request_id"], k)
			}
		}
	}
	if !ids[id] {
		t.Errorf("request %s is not in the list", id)
	}
	if !ids[qid] {
		t.Errorf("request %s is not in the list", qid)
	}
	r = s.get(t, "/open311/v2/requests.json?status=open", nil)
	requireJSON(t, r, &list)
	for _, x := range list {
		if x["status"] != "open" {
			t.Errorf("status=open: request %v has status %#v", x["service_request_id"], x["status"])
		}
		if x["service_request_id"] == id {
			t.Errorf("status=open: request %s, which is closed, is in the list", id)
		}
	}
	r = s.get(t, "/open311/v2/requests.json?service_request_id="+id+","+qid, nil)
	requireJSON(t, r, &list)
	if len(list) != 2 {
		t.Errorf("service_request_id=%s,%s: %d requests, want 2: %s", id, qid, len(list), r.Body)
	}
	r = s.get(t, "/open311/v2/requests.json?service_code=no-such-code", nil)
	requireJSON(t, r, &list)
	if len(list) != 0 {
		t.Errorf("service_code=no-such-code: %d requests, want none: %s", len(list), r.Body)
	}

	// Errors are GeoReport errors.
	o311Err := func(r response, status int) {
		t.Helper()
		if r.Status != status {
			t.Fatalf("status %d, want %d: %s", r.Status, status, r)
		}
		var errs []struct {
			Code        int    `json:"code"`
			Description string `json:"description"`
		}
		requireJSON(t, r, &errs)
		if len(errs) == 0 {
			t.Fatalf("a GeoReport error list with no error: %s", r.Body)
		}
		if errs[0].Code != status {
			t.Errorf("GeoReport error code %d, want %d: %s", errs[0].Code, status, r.Body)
		}
		if errs[0].Description == "" {
			t.Errorf("GeoReport error without a description: %s", r.Body)
		}
	}
	o311Err(s.postForm(t, "/open311/v2/requests.json", url.Values{"description": {"x"}, "lat": {"59"}, "long": {"17"}}), http.StatusBadRequest)
	o311Err(s.postForm(t, "/open311/v2/requests.json", url.Values{"service_code": {"no-such"}, "description": {"x"}, "lat": {"59"}, "long": {"17"}}), http.StatusBadRequest)
	o311Err(s.postForm(t, "/open311/v2/requests.json", url.Values{"service_code": {code}, "description": {"Trasig skylt"}}), http.StatusBadRequest)
	o311Err(s.postForm(t, "/open311/v2/requests.json", url.Values{"service_code": {code}, "description": {"x"}, "lat": {"999"}, "long": {"17"}}), http.StatusBadRequest)
	o311Err(s.do(t, nil, s.BaseURL, http.MethodPost, "/open311/v2/requests.json", header{"Content-Type": "text/plain"}, []byte("service_code=x")), http.StatusUnsupportedMediaType)
	o311Err(s.get(t, "/open311/v2/requests/"+uuid.NewString()+".json", nil), http.StatusNotFound)
	o311Err(s.get(t, "/open311/v2/requests/nope.json", nil), http.StatusNotFound)
	o311Err(s.get(t, "/open311/v2/requests.json?start_date=yesterday", nil), http.StatusBadRequest)
}
