// Package message reads what a citizen or a member of staff wrote: what kind
// of message it is and in which language (Classify), the personal data in it
// (FindPII, Redact), and how plain the language of a reply is (CheckPlain).
//
// It is the part of package feedback that the feedback widget runs in the
// browser, so it imports nothing but the standard library's smallest
// packages: no fmt, regexp, encoding/json or time/tzdata, and none of
// kommunkit's packages that do. Package feedback re-exports every name here,
// so most programs use feedback.Classify and feedback.Redact.
package message
