package feedback_test

import (
	"testing"
	"time"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/classify"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

// FuzzCaseApply drives a case through transitions chosen by the fuzzer and
// checks that Apply never panics, that a failed step changes nothing, that
// every step it takes is one Next listed, and that history and times only
// go forward.
func FuzzCaseApply(f *testing.F) {
	f.Add([]byte{1, 10, 3, 5, 1, 200, 4, 7, 5, 1}, false, true)
	f.Add([]byte{4, 0, 0, 0, 3, 3, 3, 3, 2, 250, 6, 6}, true, false)
	f.Add([]byte{}, false, false)
	p, err := servicerules.Preset("nykvarn")
	if err != nil {
		f.Fatal(err)
	}
	cal := p.Calendar()
	received := sthlm(2026, 12, 22, 15, 0)
	f.Fuzz(func(t *testing.T, steps []byte, aboutStaff, anonymous bool) {
		contact := withEmail
		if anonymous {
			contact = nil
		}
		c, err := feedback.NewCase(feedback.Submission{IdempotencyKey: testKey, Channel: servicerules.Email,
			Text: "Ett klagomål.", Contact: contact, AboutStaff: aboutStaff}, received, classify.Result{Kind: message.Complaint}, p)
		if err != nil {
			t.Fatal(err)
		}
		at := received
		statuses := append(feedback.Statuses(), "bogus")
		for i := 0; i+1 < len(steps); i += 2 {
			to := statuses[int(steps[i])%len(statuses)]
			// The second byte moves the clock by up to about two weeks,
			// sometimes backwards.
			at = at.Add(time.Duration(int(steps[i+1])-20) * 90 * time.Minute)
			tr := feedback.Transition{To: to, At: at, Text: "text"}
			if steps[i+1]%7 == 0 {
				tr.Text = ""
			}
			if to == feedback.StatusInterimSent && steps[i+1]%3 == 0 {
				tr.Promised = at.Add(time.Duration(steps[i+1]) * time.Hour)
			}
			allowed := c.Next()
			next, err := c.Apply(tr, cal)
			if err != nil {
				if next.Status != c.Status || len(next.History) != len(c.History) {
					t.Fatalf("a failed Apply changed the case")
				}
				continue
			}
			legal := false
			for _, a := range allowed {
				legal = legal || a == to
			}
			if !legal {
				t.Fatalf("Apply took %s → %s, which Next did not list (%v)", c.Status, to, allowed)
			}
			if len(next.History) != len(c.History)+1 || next.Status != to {
				t.Fatalf("history did not grow by one step to %s", to)
			}
			if next.History[len(next.History)-1].At.Before(c.History[len(c.History)-1].At) {
				t.Fatal("time went backwards in the history")
			}
			if !next.ReplyDue.IsZero() && next.ReplyDue.Before(c.ReplyDue) {
				t.Fatal("the reply deadline moved earlier")
			}
			if next.Paused < c.Paused {
				t.Fatal("paused time went down")
			}
			if c.MustRegister() && c.RegisteredAt.IsZero() && to != feedback.StatusRegistered {
				t.Fatal("a complaint about staff left received without being registered")
			}
			c = next
			_ = c.Overdue(at)
			_, _ = c.OnTime(at)
			_, _ = c.ResponseTime(cal)
			_ = c.Receipt(p)
			_ = c.Citizen()
		}
	})
}
