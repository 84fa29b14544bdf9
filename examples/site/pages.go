package main

import (
	"net/http"
	"net/url"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/feedback/webui"
	"github.com/kommunkit/kommunkit/servicerules"
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
// accessibility statement). The pages take their form in through the API's
// Handler, so a form shares the API's intake, its rate limit and its count
// of form stamp uses.
func mountPages(mux *http.ServeMux, api *httpapi.Handler, cfg pageConfig) error {
	pages, err := webui.New(webui.Config{
		Store:         cfg.Store,
		Policy:        cfg.Policy,
		StaffToken:    cfg.StaffToken,
		FormKey:       cfg.StampKey,
		API:           api,
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
