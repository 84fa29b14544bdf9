// Package message names the kinds of message a municipality receives
// through its feedback channels (Kind): the three kinds of synpunkt
// (praise, complaint, suggestion) and the four that belong elsewhere
// (question, fault report, damage claim, appeal).
//
// It is a package of its own so that everything that speaks of kinds can
// share one type: package feedback (cases, receipts, statistics), the
// classifier (feedback/classify) and the browser widget, which must not
// import feedback. It imports nothing.
package message

// Kind is what a message is. Only Praise, Complaint and Suggestion are
// synpunkter; the other kinds are sent where they belong.
type Kind string

// The kinds of message.
const (
	Praise      Kind = "praise"       // beröm
	Complaint   Kind = "complaint"    // klagomål
	Suggestion  Kind = "suggestion"   // förslag
	Question    Kind = "question"     // fråga: answer it
	FaultReport Kind = "fault_report" // felanmälan: route to maintenance
	DamageClaim Kind = "damage_claim" // skadeanspråk: route to the claims process
	Appeal      Kind = "appeal"       // överklagande: explain how to appeal, and by when
)

// Kinds lists every Kind in a fixed order.
func Kinds() []Kind {
	return []Kind{Praise, Complaint, Suggestion, Question, FaultReport, DamageClaim, Appeal}
}

// IsSynpunkt reports whether k is one of the three synpunkt kinds
// (praise, complaint or suggestion).
func (k Kind) IsSynpunkt() bool {
	return k == Praise || k == Complaint || k == Suggestion
}

// Valid reports whether k is one of the seven kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds() {
		if k == v {
			return true
		}
	}
	return false
}
