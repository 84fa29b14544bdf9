package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/servicerules"
)

func Example() {
	dir, _ := os.MkdirTemp("", "kommunkit")
	defer os.RemoveAll(dir)
	ctx := context.Background()

	db, err := sqlstore.OpenSQLite(filepath.Join(dir, "kommunkit.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	p, _ := servicerules.Preset("nykvarn")
	st, err := sqlstore.Open(ctx, db, sqlstore.Config{Calendar: p.Calendar()})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()

	// A submission arrives, and the client retries it.
	received := time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Location())
	submit := func() (feedback.Case, bool) {
		c, err := feedback.Intake(feedback.Submission{
			IdempotencyKey: "0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b",
			Channel:        servicerules.Email,
			Text:           "Soptunnan har inte tömts. Ring mig på 070-123 45 67.",
			Contact:        &feedback.Contact{Email: "anna@exempel.se"},
		}, received, p)
		if err != nil {
			panic(err)
		}
		stored, created, err := st.Insert(ctx, c)
		if err != nil {
			panic(err)
		}
		return stored, created
	}
	first, created := submit()
	fmt.Println("created:", created)
	again, created := submit()
	fmt.Println("created:", created, "same case:", again.ID == first.ID, "same token:", again.Token == first.Token)

	// The person looks their case up by the receipt token.
	v, _ := st.Lookup(ctx, first.Token.String())
	fmt.Println(v.Status, v.Kind, calendar.Format(*v.Due, "sv"))
	_, err = st.Lookup(ctx, first.ID.String())
	fmt.Println(err)

	// Staff see a redacted list, and answer.
	list, _ := st.List(ctx, feedback.CaseFilter{Statuses: []feedback.Status{feedback.StatusReceived}})
	fmt.Println(list[0].Text)
	st.Apply(ctx, first.ID, feedback.Transition{To: feedback.StatusAnswered, At: received.Add(2 * time.Hour), Text: "Den töms i morgon."})
	v, _ = st.Lookup(ctx, first.Token.String())
	fmt.Println(v.Status, v.ReplyText)
	// Output:
	// created: true
	// created: false same case: true same token: true
	// received complaint onsdag 11 mars 2026 kl. 16:30
	// sqlstore: look up a receipt token: feedback: case not found
	// Soptunnan har inte tömts. Ring mig på [telefon].
	// answered Den töms i morgon.
}
