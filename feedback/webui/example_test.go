package webui_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/kommunkit/kommunkit/feedback/memstore"
	"github.com/kommunkit/kommunkit/feedback/webui"
	"github.com/kommunkit/kommunkit/servicerules"
)

// The pages mounted at "/" of a site, next to the JSON API and the widget's
// files (here left out). The pages take any feedback.Store: a program's
// main opens a database store (feedback/sqlstore, as examples/site does on
// SQLite); this example keeps cases and sessions in memory.
func ExampleNew() {
	policy, err := servicerules.Preset("nykvarn")
	if err != nil {
		log.Fatal(err)
	}
	store, err := memstore.New(memstore.Config{Calendar: policy.Calendar()})
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()

	pages, err := webui.New(webui.Config{
		Store:      store,
		Policy:     policy,
		StaffToken: "a-staff-secret-of-some-length",
		FormKey:    []byte("the same key as the API's StampKey"),
	})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	// mux.Handle("/api/", api); mux.Handle("/widget/", widget)
	mux.Handle("/", pages)

	for _, path := range []string{"/", "/tillganglighet?lang=en", "/?lang=fi", "/staff?lang=fi", "/arende/not-a-token"} {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if loc := w.Header().Get("Location"); loc != "" {
			fmt.Println(path, w.Code, loc)
		} else {
			fmt.Println(path, w.Code)
		}
	}
	// Output:
	// / 200
	// /tillganglighet?lang=en 200
	// /?lang=fi 200
	// /staff?lang=fi 303 /staff/login?next=%2Fstaff%3Flang%3Dfi&lang=fi
	// /arende/not-a-token 404
}
