package webui

import (
	"errors"
	"time"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
)

// The form's anti-abuse fields, named as the JSON API names them.
const (
	honeypotField  = httpapi.HoneypotField
	formStampField = httpapi.FormStampField
)

// formStamp returns a signed stamp for a form rendered at `at`
// (httpapi.FormStamp), so that the API and these pages accept each other's
// stamps.
func formStamp(key []byte, at time.Time) string { return httpapi.FormStamp(key, at) }

// stampProblem is what is wrong with a form stamp: "" when it is good,
// otherwise the code of httpapi.CheckFormStamp's field error ("too_fast",
// "expired" or "invalid").
type stampProblem string

// checkFormStamp checks a stamp at now with httpapi.CheckFormStamp.
func checkFormStamp(key []byte, stamp string, now time.Time) stampProblem {
	err := httpapi.CheckFormStamp(key, stamp, now)
	if err == nil {
		return ""
	}
	var verr *feedback.ValidationError
	if errors.As(err, &verr) {
		if fe, ok := verr.Field(formStampField); ok {
			return stampProblem(fe.Code)
		}
	}
	return stampProblem(feedback.CodeInvalid)
}

// validStaffToken compares a presented secret with the staff secret in
// constant time (httpapi.ValidStaffToken).
func validStaffToken(presented, secret string) bool {
	return httpapi.ValidStaffToken(presented, secret)
}
