package main

import (
	"errors"
	"strings"
	"testing"
)

// TestWidgetDirWithoutACacheDirectory checks that outside the module, with
// no user cache directory, widgetDir's error asks for -widget-dir and keeps
// os.UserCacheDir's error as its cause.
func TestWidgetDirWithoutACacheDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "")
	_, err := widgetDir("")
	if err == nil {
		t.Fatal("widgetDir: no error without a cache directory")
	}
	if !strings.Contains(err.Error(), "give -widget-dir") {
		t.Errorf("widgetDir: error %q does not ask for -widget-dir", err)
	}
	if errors.Unwrap(err) == nil {
		t.Errorf("widgetDir: error %q does not wrap os.UserCacheDir's", err)
	}
}
