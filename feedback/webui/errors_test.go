package webui_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/kommunkit/kommunkit/feedback/webui"
)

// TestParsePublicURLWrapsTheParseError checks that ParsePublicURL's error
// for an address url.Parse refuses wraps url.Parse's *url.Error.
func TestParsePublicURLWrapsTheParseError(t *testing.T) {
	_, err := webui.ParsePublicURL("https://[::1")
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Fatalf("ParsePublicURL(%q): error %v does not wrap a *url.Error", "https://[::1", err)
	}
	if want := `public URL "https://[::1": `; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("ParsePublicURL: error %q, want it to start with %q", err, want)
	}
}
