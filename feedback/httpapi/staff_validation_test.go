package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
)

// serve sends one request to h, as staff when staff is true, and returns
// the recorded answer.
func serve(t *testing.T, h http.Handler, method, path string, body any, staff bool) *httptest.ResponseRecorder {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if staff {
		req.Header.Set("Authorization", "Bearer "+staffToken)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// staffProblem is the part of a problem body these tests read.
type staffProblem struct {
	Status int    `json:"status"`
	Error  string `json:"error"`
	Fields []struct {
		Field string `json:"field"`
		Code  string `json:"code"`
	} `json:"fields"`
}

func (p staffProblem) code(field string) string {
	for _, f := range p.Fields {
		if f.Field == field {
			return f.Code
		}
	}
	return ""
}

func readProblem(t *testing.T, rec *httptest.ResponseRecorder) staffProblem {
	t.Helper()
	var p staffProblem
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p), "%s", rec.Body)
	return p
}

// TestStaffTransitionRefusesWhatThePagesRefuse (issue 10, finding 9): the
// staff API holds what staff write to the same rules as the staff pages,
// through feedback.Transition.Validate: at most 10,000 characters, no NUL,
// C1 or bidirectional controls, and a promised time within 1900 to 2200.
// Before, the API stored all of it, and an RLO in a reply showed on the
// citizen's page.
func TestStaffTransitionRefusesWhatThePagesRefuse(t *testing.T) {
	h := newAPI(t, httpapi.Config{})
	rec := serve(t, h, http.MethodPost, "/api/feedback", map[string]any{
		"text": "Hur länge har biblioteket öppet på lördagar?", "channel": "web",
		"contact": map[string]any{"email": "anna@example.se"}, "idempotency_key": uuid.NewString()}, false)
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
	var ack struct {
		ID    string `json:"id"`
		Token string `json:"token"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &ack))
	path := "/api/staff/cases/" + ack.ID
	before := serve(t, h, http.MethodGet, path, nil, true)
	require.Equal(t, http.StatusOK, before.Code)

	bad := map[string]string{
		"over 10000": strings.Repeat("a", feedback.MaxReplyRunes+1),
		"RLO":        "Ditt ärende är \u202eklart",
		"NUL":        "Svar\x00",
		"LRI":        "Svar \u2066x",
		"C1":         "Svar\u0085",
	}
	for name, v := range bad {
		for _, tc := range []struct {
			what, field string
			body        map[string]any
		}{
			{"reply", "text", map[string]any{"to": "answered", "text": v}},
			{"interim", "text", map[string]any{"to": "interim_sent", "text": v}},
			{"unit", "unit", map[string]any{"to": "registered", "unit": v}},
			{"diary number", "diary_number", map[string]any{"to": "registered", "diary_number": v}},
			{"by", "by", map[string]any{"to": "registered", "by": v}},
		} {
			if name == "over 10000" && tc.field != "text" {
				tc.body[tc.field] = strings.Repeat("a", feedback.MaxLabelRunes+1)
			}
			rec := serve(t, h, http.MethodPost, path+"/transitions", tc.body, true)
			require.Equal(t, http.StatusBadRequest, rec.Code, "%s %s: %s", tc.what, name, rec.Body)
			p := readProblem(t, rec)
			assert.Equal(t, "invalid_transition", p.Error, "%s %s", tc.what, name)
			assert.NotEmpty(t, p.code(tc.field), "%s %s: the problem names %s: %s", tc.what, name, tc.field, rec.Body)
		}
	}
	for _, promised := range []string{"9999-12-31T00:00:00Z", "2201-01-01T12:00:00+01:00", "1899-12-31T12:00:00Z"} {
		rec := serve(t, h, http.MethodPost, path+"/transitions", map[string]any{"to": "interim_sent", "text": "Vi svarar snart.", "promised": promised}, true)
		require.Equal(t, http.StatusBadRequest, rec.Code, "%s: %s", promised, rec.Body)
		assert.Equal(t, feedback.CodeOutOfRange, readProblem(t, rec).code("promised"), promised)
	}

	// Nothing changed: not the case, not what the citizen sees.
	after := serve(t, h, http.MethodGet, path, nil, true)
	require.Equal(t, http.StatusOK, after.Code)
	assert.JSONEq(t, before.Body.String(), after.Body.String())
	cv := serve(t, h, http.MethodGet, "/api/feedback/"+ack.Token, nil, false)
	require.Equal(t, http.StatusOK, cv.Code)
	assert.Contains(t, cv.Body.String(), `"status":"received"`)
	assert.NotContains(t, cv.Body.String(), "\u202e")

	// Good texts still go through: several lines, å ä ö, the limit.
	rec = serve(t, h, http.MethodPost, path+"/transitions", map[string]any{"to": "registered", "unit": "Kultur och fritid", "diary_number": "KS 2026/0042"}, true)
	require.Equal(t, http.StatusOK, rec.Code, "%s", rec.Body)
	promised := time.Now().Add(72 * time.Hour).Format(time.RFC3339)
	rec = serve(t, h, http.MethodPost, path+"/transitions", map[string]any{"to": "interim_sent", "text": "Vi återkommer.", "promised": promised}, true)
	require.Equal(t, http.StatusOK, rec.Code, "%s", rec.Body)
	reply := "Hej!\n\nBiblioteket har öppet 10–14 på lördagar.\r\nVänliga hälsningar\n"
	reply += strings.Repeat("ä", feedback.MaxReplyRunes-utf8.RuneCountInString(reply))
	rec = serve(t, h, http.MethodPost, path+"/transitions", map[string]any{"to": "answered", "text": reply}, true)
	require.Equal(t, http.StatusOK, rec.Code, "%s", rec.Body)
}

// TestStaffDatesOutOfRange (issue 10, finding 7): every date of a staff
// query lies within 1900-01-01 and 2200-12-31; one outside is 400 with the
// parameter named and the code out_of_range. Before, ?to=9999-12-31 gave 500.
func TestStaffDatesOutOfRange(t *testing.T) {
	h := newAPI(t, httpapi.Config{})
	for _, route := range []string{"/api/staff/stats", "/api/staff/stats.csv", "/api/staff/overdue.csv", "/api/staff/cases"} {
		for _, tc := range []struct{ query, param string }{
			{"to=9999-12-31", "to"},
			{"from=1899-12-31", "from"},
			{"from=2201-01-01", "from"},
			{"from=2026-01-01&to=2201-01-01", "to"},
			{"from=9999-12-01&to=9999-12-31", "from"},
			{"to=9999-12-31T23:00:00Z", "to"},
			{"from=0001-01-01T00:00:00Z", "from"},
		} {
			rec := serve(t, h, http.MethodGet, route+"?"+tc.query, nil, true)
			require.Equal(t, http.StatusBadRequest, rec.Code, "%s?%s: %s", route, tc.query, rec.Body)
			p := readProblem(t, rec)
			assert.Equal(t, "invalid_query", p.Error, "%s?%s", route, tc.query)
			assert.Equal(t, feedback.CodeOutOfRange, p.code(tc.param), "%s?%s: %s", route, tc.query, rec.Body)
		}
		for _, q := range []string{"from=1900-01-01&to=1900-01-31", "from=2200-12-01&to=2200-12-31"} {
			rec := serve(t, h, http.MethodGet, route+"?"+q, nil, true)
			assert.Equal(t, http.StatusOK, rec.Code, "%s?%s: %s", route, q, rec.Body)
		}
	}
}
