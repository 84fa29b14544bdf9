package httpapi_test

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/feedback/memstore"
	"github.com/kommunkit/kommunkit/servicerules"
)

// A host mounts the one handler under /api/ and /open311/. The handler
// takes any feedback.CaseStore: a program's main opens a database store
// (feedback/sqlstore, as examples/site does on SQLite); this example keeps
// the cases in memory.
func ExampleNew() {
	policy, _ := servicerules.Preset("nykvarn")
	store, err := memstore.New(memstore.Config{Calendar: policy.Calendar()})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()
	api, err := httpapi.New(httpapi.Config{
		Store:      store,
		Policy:     policy,
		StaffToken: "a-long-random-staff-secret",
		StampKey:   []byte("a-key-for-form-stamps"),
		RateLimit:  60,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api)
	mux.Handle("/open311/", api)
	fmt.Println("mounted")
	// Output: mounted
}

// A server-rendered page puts a stamp in its form; the API checks it when
// the form comes back.
func ExampleFormStamp() {
	key := []byte("a-key-for-form-stamps")
	shown := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	stamp := httpapi.FormStamp(key, shown)
	for _, back := range []time.Duration{time.Second, time.Minute, 25 * time.Hour} {
		err := httpapi.CheckFormStamp(key, stamp, shown.Add(back))
		var ve *feedback.ValidationError
		if errors.As(err, &ve) {
			fmt.Println(back, ve.Fields[0].Field, ve.Fields[0].Code)
		} else {
			fmt.Println(back, "ok")
		}
	}
	// Output:
	// 1s form_stamp too_fast
	// 1m0s ok
	// 25h0m0s form_stamp expired
}
