// Package feedback models citizen feedback (synpunkter) as the source policies
// define it: praise, complaints and suggestions, and the messages that arrive
// through the same channels but belong elsewhere (questions, fault reports,
// damage claims and appeals of decisions). It covers intake and validation,
// receipts, the case lifecycle and the follow-up statistics managers report.
//
// Reading a message's text (its kind and language, its personal data, how
// plain a reply is) lives in package feedback/message, which the browser
// widget runs on its own; this package re-exports all of it, so
// feedback.Classify and feedback.Redact are the same functions.
//
// The package also declares what its adapters implement: a CaseStore keeps
// cases and a SessionStore staff sessions (together a Store), with the
// errors ErrNotFound, ErrConflict, ErrClosed and ErrKeyReused that every
// store wraps. Package feedback/sqlstore implements them on SQL; the hosts
// (feedback/httpapi, feedback/webui) depend on these interfaces only.
//
// The package is pure Go and builds for GOOS=js GOARCH=wasm.
package feedback

import "github.com/kommunkit/kommunkit/feedback/message"

// Kind is what a message is. Only Praise, Complaint and Suggestion are
// synpunkter; the other kinds are sent where they belong.
type Kind = message.Kind

// The kinds of message.
const (
	Praise      = message.Praise      // beröm
	Complaint   = message.Complaint   // klagomål
	Suggestion  = message.Suggestion  // förslag
	Question    = message.Question    // fråga: answer it
	FaultReport = message.FaultReport // felanmälan: route to maintenance
	DamageClaim = message.DamageClaim // skadeanspråk: route to the claims process
	Appeal      = message.Appeal      // överklagande: explain how to appeal, and by when
)

// Kinds lists every Kind in a fixed order.
func Kinds() []Kind { return message.Kinds() }

// Classification is the result of Classify; see message.Classification.
type Classification = message.Classification

// Reason is a cue that decided a Classification; see message.Reason.
type Reason = message.Reason

// MaxReasons is the most reasons a Classification lists.
const MaxReasons = message.MaxReasons

// Classify tells what kind of message text is, in which language, how sure
// it is and why. See message.Classify.
func Classify(text string) Classification { return message.Classify(text) }

// PII is personal data found in a text, by byte offsets; see message.PII.
type PII = message.PII

// PIIKind is a kind of personal data.
type PIIKind = message.PIIKind

// The kinds of personal data.
const (
	PIIPersonnummer = message.PIIPersonnummer
	// PIIPossiblePersonnummer: shaped like a personnummer with a real date,
	// but a wrong check digit (most often mistyped); masked all the same.
	PIIPossiblePersonnummer = message.PIIPossiblePersonnummer
	PIISamordningsnummer    = message.PIISamordningsnummer
	PIIPhone                = message.PIIPhone
	PIIEmail                = message.PIIEmail
)

// The masks Redact puts in place of personal data.
const (
	MaskPersonnummer         = message.MaskPersonnummer
	MaskPossiblePersonnummer = message.MaskPossiblePersonnummer
	MaskSamordningsnummer    = message.MaskSamordningsnummer
	MaskPhone                = message.MaskPhone
	MaskEmail                = message.MaskEmail
	MaskOther                = message.MaskOther
)

// FindPII returns the personal data in text; see message.FindPII.
func FindPII(text string) []PII { return message.FindPII(text) }

// Redact masks the personal data in text; see message.Redact.
func Redact(text string) string { return message.Redact(text) }

// The plain-language check of staff replies; see message.CheckPlain.
type (
	PlainReport      = message.PlainReport
	PlainFinding     = message.PlainFinding
	PlainFindingKind = message.PlainFindingKind
	PlainVerdict     = message.PlainVerdict
	PlainWord        = message.PlainWord
	LIXBand          = message.LIXBand
)

// Limits of the plain-language check.
const (
	PlainMaxSentenceWords = message.PlainMaxSentenceWords
	PlainLongWordLetters  = message.PlainLongWordLetters
)

// The kinds of plain-language finding.
const (
	PlainLongSentence = message.PlainLongSentence
	PlainBureaucratic = message.PlainBureaucratic
	PlainAbbreviation = message.PlainAbbreviation
	PlainAcronym      = message.PlainAcronym
)

// The plain-language verdicts.
const (
	PlainClear   = message.PlainClear
	PlainReview  = message.PlainReview
	PlainRewrite = message.PlainRewrite
)

// The LIX readability bands.
const (
	LIXVeryEasy = message.LIXVeryEasy
	LIXEasy     = message.LIXEasy
	LIXMedium   = message.LIXMedium
	LIXHard     = message.LIXHard
	LIXVeryHard = message.LIXVeryHard
)

// CheckPlain checks a draft reply for plain language; see message.CheckPlain.
func CheckPlain(text string) PlainReport { return message.CheckPlain(text) }

// LIXBandOf returns the band of a LIX value.
func LIXBandOf(lix float64) LIXBand { return message.LIXBandOf(lix) }

// PlainWords returns the embedded list of bureaucratic words and their plain
// alternatives.
func PlainWords() ([]PlainWord, error) { return message.PlainWords() }
