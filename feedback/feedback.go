// Package feedback models citizen feedback (synpunkter) as the source policies
// define it: praise, complaints and suggestions, and the messages that arrive
// through the same channels but belong elsewhere (questions, fault reports,
// damage claims and appeals of decisions). It covers intake and validation,
// receipts, the case lifecycle, what staff see of a case in a list
// (CaseSummary: the text redacted, the contact masked) and the follow-up
// statistics managers report.
//
// Intake is the one way a message becomes a Case: every host calls it, and
// each decision of the intake (the checks, the kind, the language, the
// deadlines) is made there once. Preview gives, for a message still being
// written, the receipt Intake's case would get, without making a case.
//
// Reading a message's text lives in packages of its own, which the browser
// widget runs without this package: feedback/message names the kinds of
// message (message.Kind), feedback/classify tells a text's kind and
// language, feedback/pii finds and masks personal data, and feedback/plain
// checks a staff reply for plain language.
//
// The package also declares what its adapters implement: a CaseStore keeps
// cases and a SessionStore staff sessions (together a Store), with the
// errors ErrNotFound, ErrConflict, ErrClosed and ErrKeyReused that every
// store wraps. Package feedback/sqlstore implements them on SQL and
// feedback/memstore in memory, both held to one suite (feedback/storetest);
// the hosts (feedback/httpapi, feedback/webui) depend on these interfaces
// only.
//
// The package is pure Go and builds for GOOS=js GOARCH=wasm.
package feedback
