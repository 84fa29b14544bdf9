package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWidgetDir checks where the site looks for the built widget: the
// -widget-dir flag; else wasm/dist in the kommunkit module, from any
// directory inside it; else wasm/dist in the working directory (a deployed
// binary, started beside its files).
func TestWidgetDir(t *testing.T) {
	module, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, cwd, flag, want string }{
		{"the flag", ".", "/srv/widget", "/srv/widget"},
		{"inside the module", ".", "", filepath.Join(module, "wasm", "dist")},
		{"outside the module", t.TempDir(), "", filepath.Join("wasm", "dist")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(tc.cwd)
			got, err := widgetDir(tc.flag)
			if err != nil || got != tc.want {
				t.Errorf("widgetDir(%q) in %s = %q, %v; want %q", tc.flag, tc.cwd, got, err, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(module, "go.mod")); err != nil {
		t.Fatalf("the module's root is not %s: %v", module, err)
	}
}
