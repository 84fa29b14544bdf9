package main

import (
	"net/http"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/servicerules"
)

// pageConfig is what the site's pages need.
type pageConfig struct {
	Store      *sqlstore.Store
	Policy     *servicerules.Policy
	StaffToken string
	StampKey   []byte
}

// mountPages mounts the site's pages at "/".
func mountPages(mux *http.ServeMux, api *httpapi.Handler, cfg pageConfig) error {
	mux.Handle("/", http.NotFoundHandler())
	return nil
}
