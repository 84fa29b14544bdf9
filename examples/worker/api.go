//go:build js && wasm

package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/sqlstore"
	"github.com/kommunkit/kommunkit/servicerules"
)

// newAPI is a small stand-in for the feedback API handler
// (feedback/httpapi) while that package is written: the policy, submitting
// feedback and reading it back by token, on the real store.
func newAPI(policy *servicerules.Policy, store *sqlstore.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/policy", func(w http.ResponseWriter, r *http.Request) {
		b, err := policy.MarshalJSON()
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	})
	mux.HandleFunc("POST /api/feedback", func(w http.ResponseWriter, r *http.Request) {
		var s feedback.Submission
		if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&s); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "body: " + err.Error()})
			return
		}
		s, cl, err := feedback.Accept(s, time.Now())
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": err.Error()})
			return
		}
		c, err := feedback.NewCase(s, cl, policy)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": err.Error()})
			return
		}
		c, created, err := store.Insert(r.Context(), c)
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		status := http.StatusOK
		if created {
			status = http.StatusCreated
		}
		rc := c.Receipt(policy)
		writeJSON(w, status, map[string]any{
			"id": c.ID, "token": c.Token, "kind": c.Kind, "language": c.Language,
			"receipt": map[string]any{"message": rc.Message, "due": rc.Due},
		})
	})
	mux.HandleFunc("GET /api/feedback/{token}", func(w http.ResponseWriter, r *http.Request) {
		v, err := store.Lookup(r.Context(), r.PathValue("token"))
		if errors.Is(err, sqlstore.ErrNotFound) {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
			return
		}
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
