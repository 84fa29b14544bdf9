// Package errwrap wraps an error in another that says what failed, as
// fmt.Errorf's %w does, for the packages that leave fmt out of their
// WebAssembly build (calendar, servicerules). errors.Is and errors.As see
// through the wrapping.
package errwrap

// A wrapped error has its own text and unwraps to the error it wraps.
type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() error { return e.err }

// New returns an error whose text is msg and that unwraps to err.
func New(msg string, err error) error { return &wrapped{msg, err} }

// Prefix returns an error whose text is prefix followed by err's, and that
// unwraps to err: Prefix("calendar: hours for Monday: ", err).
func Prefix(prefix string, err error) error { return &wrapped{prefix + err.Error(), err} }
