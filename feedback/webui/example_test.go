package webui_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite"

	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/feedback/webui"
	"github.com/kommunkit/kommunkit/servicerules"
)

// The pages mounted at "/" of a site, next to the JSON API and the widget's
// files (here left out).
func ExampleNew() {
	dir, err := os.MkdirTemp("", "webui-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := sqlstore.OpenSQLite(filepath.Join(dir, "kommunkit.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	policy, err := servicerules.Preset("nykvarn")
	if err != nil {
		log.Fatal(err)
	}
	store, err := sqlstore.Open(context.Background(), db, sqlstore.Config{Calendar: policy.Calendar()})
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
