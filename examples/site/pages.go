package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/feedback/webui"
	"github.com/kommunkit/kommunkit/servicerules"
	"github.com/kommunkit/kommunkit/wasm"
)

// pageConfig is what the site's pages need.
type pageConfig struct {
	Store      feedback.Store
	Policy     *servicerules.Policy
	StaffToken string
	StampKey   []byte
	ErrorLog   func(error)
	AuthLog    func(string)
	// PublicURL and SecureCookies are the flags -public-url and
	// -secure-cookies (webui.Config).
	PublicURL     *url.URL
	SecureCookies bool
}

// mountPages mounts the server-rendered pages at "/" (package webui: the
// feedback page, the staff inbox, the follow-up dashboard, the
// accessibility statement). A form sent from the pages shares the API's
// rate limit, and its count of form stamp uses.
func mountPages(mux *http.ServeMux, api *httpapi.Handler, cfg pageConfig) error {
	pages, err := webui.New(webui.Config{
		Store:      cfg.Store,
		Policy:     cfg.Policy,
		StaffToken: cfg.StaffToken,
		FormKey:    cfg.StampKey,
		Allow: func(r *http.Request) bool {
			_, ok := api.Admit(r, r.PostFormValue(httpapi.FormStampField))
			return ok
		},
		ErrorLog:      cfg.ErrorLog,
		AuthLog:       cfg.AuthLog,
		PublicURL:     cfg.PublicURL,
		SecureCookies: cfg.SecureCookies,
	})
	if err != nil {
		return err
	}
	mux.Handle("/", pages)
	return nil
}

// widgetDir is where the widget's files are built and served from: the
// -widget-dir flag, or wasm/dist in the kommunkit module when the site runs
// inside it (go run ./examples/site), or else the user's cache directory.
func widgetDir(flagDir string) (string, error) {
	if flagDir != "" {
		return flagDir, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		b, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil && strings.HasPrefix(strings.TrimSpace(string(b)), "module github.com/kommunkit/kommunkit\n") {
			return filepath.Join(d, "wasm", "dist"), nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no directory for the widget (%w): give -widget-dir", err)
	}
	return filepath.Join(cache, "kommunkit", "widget"), nil
}

// mountWidget builds the widget's files into dir (unless build is false)
// and serves them under /widget/.
func mountWidget(mux *http.ServeMux, dir string, build bool) error {
	if build {
		start := time.Now()
		fmt.Printf("kommunkit site: building the widget into %s …\n", dir)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		if err := wasm.Build(ctx, dir); err != nil {
			return fmt.Errorf("building the widget: %w (run with -build-widget=false to serve the site without it)", err)
		}
		fmt.Printf("kommunkit site: widget built in %s\n", time.Since(start).Round(time.Millisecond))
	}
	mux.Handle("/widget/", wasm.Handler(dir))
	return nil
}
