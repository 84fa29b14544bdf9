package webui

import "github.com/kommunkit/kommunkit/feedback/httpapi"

// The form's anti-abuse fields, named as the JSON API names them. The
// form's stamps come from the httpapi.Handler that takes the form in
// (Config.API), which checks them with the honeypot in Submit.
const (
	honeypotField  = httpapi.HoneypotField
	formStampField = httpapi.FormStampField
)

// validStaffToken compares a presented secret with the staff secret in
// constant time (httpapi.ValidStaffToken).
func validStaffToken(presented, secret string) bool {
	return httpapi.ValidStaffToken(presented, secret)
}
