package conformance

import (
	"encoding/json"
	"testing"
)

// problem is the body of every error outside Open311, without its
// messages: checkMessages reads those.
type problem struct {
	Status int    `json:"status"`
	Error  string `json:"error"`
	Fields []struct {
		Field string `json:"field"`
		Code  string `json:"code"`
	} `json:"fields"`
	RetryAfter int `json:"retry_after"`
}

// fieldCodes maps each field the problem names to the code of its first
// error.
func (p problem) fieldCodes() map[string]string {
	m := map[string]string{}
	for _, f := range p.Fields {
		if _, ok := m[f.Field]; !ok {
			m[f.Field] = f.Code
		}
	}
	return m
}

// requireProblem checks that r is an error with status and JSON code, with
// messages for people (checkMessages).
func requireProblem(t *testing.T, r response, status int, code string) problem {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	var p problem
	requireJSON(t, r, &p)
	if p.Status != status {
		t.Errorf("the body's status is %d, want %d: %s", p.Status, status, r.Body)
	}
	if p.Error != code {
		t.Errorf("error code %q, want %q: %s", p.Error, code, r.Body)
	}
	checkMessages(t, r)
	return p
}

// checkMessages checks that the problem in r says what went wrong in words
// for people: in English ("message") and in Swedish ("message_sv"). It is
// the one place that reads the messages of an error, so that a change of
// their JSON is one change here.
func checkMessages(t *testing.T, r response) {
	t.Helper()
	var m struct {
		Message   string `json:"message"`
		MessageSV string `json:"message_sv"`
	}
	_ = json.Unmarshal(r.Body, &m) // requireProblem has decoded it once
	if m.Message == "" {
		t.Errorf(`the error has no "message" (English): %s`, r.Body)
	}
	if m.MessageSV == "" {
		t.Errorf(`the error has no "message_sv" (Swedish): %s`, r.Body)
	}
}
