package feedback

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
)

// ErrKeyReused is the error of a store when a case is inserted under an
// idempotency key that is already stored for a different submission (see
// Submission.Fingerprint). A store returns it wrapped; test with errors.Is.
// Hosts answer it with 409 and reveal nothing of the stored case.
var ErrKeyReused = errors.New("feedback: the idempotency key is already used for another submission")

// Fingerprint returns a hash of what the person sent in s: the channel,
// text, language, contact, recipient, decision date and about-staff flag,
// as the hex SHA-256 of those fields, each length-prefixed, behind a
// version tag. Two submissions have the same fingerprint exactly when a
// retry would make the same case, so a store can tell a retry from another
// message sent under a key it already holds. Intake sets
// Case.SubmissionFingerprint to the fingerprint of the submission in its
// canonical form.
//
// The ID, the time received and the idempotency key itself are not part of
// it, nor are the abuse-protection fields of a request (the honeypot, the
// form stamp).
func (s Submission) Fingerprint() string {
	h := sha256.New()
	field := func(v string) {
		h.Write(strconv.AppendInt(nil, int64(len(v)), 10))
		h.Write([]byte{':'})
		h.Write([]byte(v))
	}
	field("kommunkit submission v1")
	field(string(s.Channel))
	field(s.Text)
	field(string(s.Language))
	if s.Contact != nil {
		field("contact")
		field(s.Contact.Name)
		field(s.Contact.Email)
		field(s.Contact.Phone)
	} else {
		field("anonymous")
	}
	field(string(s.Recipient))
	if s.DecisionReceived != (Submission{}).DecisionReceived {
		field(s.DecisionReceived.String())
	} else {
		field("")
	}
	field(strconv.FormatBool(s.AboutStaff))
	return hex.EncodeToString(h.Sum(nil))
}
