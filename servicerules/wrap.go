package servicerules

// A wrapError says what failed and wraps the error that made it fail, so
// that errors.Is and errors.As see through it: fmt.Errorf's %w without fmt,
// which the package leaves out of its WebAssembly build.
type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }
func (e *wrapError) Unwrap() error { return e.err }

// wrap returns an error whose text is prefix followed by err's, and that
// unwraps to err.
func wrap(prefix string, err error) error { return &wrapError{prefix + err.Error(), err} }
