package errwrap_test

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/kommunkit/kommunkit/internal/errwrap"
)

func TestWrap(t *testing.T) {
	err := errwrap.Prefix("calendar: hours for Monday: ", fs.ErrNotExist)
	if got, want := err.Error(), "calendar: hours for Monday: file does not exist"; got != want {
		t.Errorf("Prefix: text %q, want %q", got, want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Prefix: errors.Is does not reach the cause")
	}
	err = errwrap.New("servicerules: policy JSON ends too early", fs.ErrClosed)
	if got, want := err.Error(), "servicerules: policy JSON ends too early"; got != want {
		t.Errorf("New: text %q, want %q", got, want)
	}
	if errors.Unwrap(err) != fs.ErrClosed {
		t.Errorf("New: Unwrap = %v, want fs.ErrClosed", errors.Unwrap(err))
	}
}
