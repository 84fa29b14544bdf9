package webui_test

import (
	"encoding/csv"
	"encoding/xml"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback"
)

// followUpFixture stores cases over three weeks: some answered on time,
// some late, some still open.
func followUpFixture(t *testing.T, e *env) {
	t.Helper()
	texts := []string{
		"Jag är missnöjd med snöröjningen på min gata.",
		"Tack för den fina nya lekplatsen!",
		"Förslag: fler cykelställ vid stationen.",
		"Varför har biblioteket stängt på lördagar?",
	}
	for week := 0; week < 3; week++ {
		e.login() // a session lasts a day
		for i, text := range texts {
			_, token := e.submit(text, "", "p"+strconv.Itoa(week*10+i)+"@example.se", "")
			if i%2 == 0 { // answered within the hour
				id := e.caseByToken(token).ID.String()
				e.clock.Advance(time.Hour)
				r := e.change(id, url.Values{"to": {"answered"}, "text": {"Tack, vi har tagit emot det."}, "action": {"apply"}})
				require.Equal(t, http.StatusSeeOther, r.code)
			}
		}
		e.clock.Advance(7 * 24 * time.Hour)
	}
	e.login()
}

func TestFollowUpDashboardDrawsWellFormedSVG(t *testing.T) {
	e := newEnv(t)
	followUpFixture(t, e)

	for _, lang := range []string{"sv", "en"} {
		r := e.get("/staff/uppfoljning?from=2026-03-01&to=2026-03-31&lang=" + lang)
		require.Equal(t, http.StatusOK, r.code, r.body)
		assertStrictCSP(t, r.body)

		svgs := regexp.MustCompile(`(?s)<svg\b.*?</svg>`).FindAllString(r.body, -1)
		require.Len(t, svgs, 3, "one chart per channel, kind and week")
		for _, svg := range svgs {
			var doc struct {
				XMLName xml.Name `xml:"svg"`
				Role    string   `xml:"role,attr"`
				Labels  string   `xml:"aria-labelledby,attr"`
				Title   struct {
					ID   string `xml:"id,attr"`
					Text string `xml:",chardata"`
				} `xml:"title"`
				Desc  string `xml:"desc"`
				Rects []struct {
					Width  string `xml:"width,attr"`
					Height string `xml:"height,attr"`
				} `xml:"rect"`
			}
			d := xml.NewDecoder(strings.NewReader(svg))
			d.Strict = true
			require.NoError(t, d.Decode(&doc), "well-formed XML:\n%s", svg)
			assert.Equal(t, "http://www.w3.org/2000/svg", doc.XMLName.Space)
			assert.Equal(t, "img", doc.Role)
			assert.NotEmpty(t, strings.TrimSpace(doc.Title.Text))
			assert.NotEmpty(t, strings.TrimSpace(doc.Desc))
			assert.Contains(t, doc.Labels, doc.Title.ID)
			assert.NotEmpty(t, doc.Rects, "bars")
			for _, rc := range doc.Rects {
				w, err := strconv.ParseFloat(rc.Width, 64)
				require.NoError(t, err)
				h, err := strconv.ParseFloat(rc.Height, 64)
				require.NoError(t, err)
				assert.True(t, w >= 0 && h >= 0)
			}
		}
	}

	// The figures in the tables are those of feedback.FollowUp.
	r := e.get("/staff/uppfoljning?from=2026-03-01&to=2026-03-31")
	cases, err := e.store.CasesReceived(t.Context(), time.Date(2026, 3, 1, 0, 0, 0, 0, e.clock.Now().Location()), time.Date(2026, 4, 1, 0, 0, 0, 0, e.clock.Now().Location()))
	require.NoError(t, err)
	require.Len(t, cases, 12)
	st := feedback.FollowUp(cases, feedback.Period{From: cases[0].Received.Add(-time.Hour), To: e.clock.Now()}, e.clock.Now(), e.policy.Calendar())
	assert.Contains(t, r.body, "Mottagna ärenden: 12. Besvarade i tid: "+strconv.Itoa(st.Total.OnTime)+" av "+strconv.Itoa(st.Total.Settled)+" avgjorda.")
	assert.Contains(t, r.body, `<th scope="row">Webbplats</th><td>12</td>`)
	// Weeks 11, 12 and 13 each got four cases.
	for _, w := range []string{"v. 11 2026", "v. 12 2026", "v. 13 2026"} {
		assert.Regexp(t, regexp.QuoteMeta(w)+` \([0-9-]+\)</th><td>4</td>`, r.body)
	}
}

func TestFollowUpPeriodSelector(t *testing.T) {
	e := newEnv(t)
	e.login()
	r := e.get("/staff/uppfoljning")
	require.Equal(t, http.StatusOK, r.code)
	assert.Contains(t, r.body, `value="2026-02-09"`, "the last 30 days by default")
	assert.Contains(t, r.body, `value="2026-03-10"`)
	assert.Contains(t, r.body, "from=2026-01-01&amp;to=2026-03-10", "this quarter")
	assert.Contains(t, r.body, "from=2025-10-01&amp;to=2025-12-31", "last quarter")

	for _, q := range []string{"from=2026-13-01", "from=2026-03-10&to=2026-03-01", "from=2020-01-01&to=2026-01-01", "to=nope"} {
		r := e.get("/staff/uppfoljning?" + q)
		assert.Equal(t, http.StatusBadRequest, r.code, q)
		assert.Contains(t, r.body, `id="period-error"`, q)
		assertStrictCSP(t, r.body)
		assert.Equal(t, http.StatusBadRequest, e.get("/staff/export.csv?"+q).code, q)
	}
}

func TestCSVExportParses(t *testing.T) {
	e := newEnv(t)
	followUpFixture(t, e)

	r := e.get("/staff/export.csv?from=2026-03-01&to=2026-03-31")
	require.Equal(t, http.StatusOK, r.code, r.body)
	assert.Equal(t, "text/csv; charset=utf-8", r.header.Get("Content-Type"))
	assert.Contains(t, r.header.Get("Content-Disposition"), `filename="uppfoljning-2026-03-01-2026-03-31.csv"`)
	rows, err := csv.NewReader(strings.NewReader(r.body)).ReadAll()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(rows), 3)
	assert.Equal(t, feedback.CSVHeader(), rows[0])
	assert.Equal(t, feedback.DimTotal, rows[1][0])
	assert.Equal(t, "12", rows[1][2], "received")

	r = e.get("/staff/export.csv?from=2026-03-01&to=2026-03-31&what=overdue")
	require.Equal(t, http.StatusOK, r.code)
	rows, err = csv.NewReader(strings.NewReader(r.body)).ReadAll()
	require.NoError(t, err)
	assert.Len(t, rows, 1+6, "a header and the six unanswered cases, all past due")
}
