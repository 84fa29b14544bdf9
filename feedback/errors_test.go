package feedback_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/classify"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

// brokenEntropy is a source of random bytes that always fails.
type brokenEntropy struct{ err error }

func (b brokenEntropy) Read([]byte) (int, error) { return 0, b.err }

// TestRandomFailureWraps checks that when no random ID or token can be
// made, Intake's and NewCase's errors wrap the cause, so errors.Is reaches
// it. The test swaps uuid's random source, so it must not run in parallel.
func TestRandomFailureWraps(t *testing.T) {
	p, err := servicerules.Preset("nykvarn")
	if err != nil {
		t.Fatal(err)
	}
	received := time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location())
	sub := feedback.Submission{
		IdempotencyKey: "0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b",
		Channel:        servicerules.Email,
		Text:           "Gatlampan på Storgatan 3 är trasig sedan en vecka.",
	}
	withID := sub
	withID.ID = uuid.MustParse("01890a5d-ac96-774b-bcce-b302099a8057")

	cause := errors.New("no entropy")
	uuid.SetRand(brokenEntropy{cause})
	t.Cleanup(func() { uuid.SetRand(nil) })

	if _, err := feedback.Intake(sub, received, p); !errors.Is(err, cause) {
		t.Errorf("Intake without entropy for the ID: error %v does not wrap %v", err, cause)
	}
	if _, err := feedback.NewCase(withID, received, classify.Result{Kind: message.FaultReport}, p); !errors.Is(err, cause) {
		t.Errorf("NewCase without entropy for the token: error %v does not wrap %v", err, cause)
	} else if want := "feedback: cannot make a receipt token: no entropy"; err.Error() != want {
		t.Errorf("NewCase without entropy: error %q, want %q", err, want)
	}
}
