package conformance

import (
	"encoding/json"
	"strconv"
	"strings"
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

// message is a message for people in an API body: one object with the
// text in Swedish, Finnish and English (lang.Text in JSON).
type message struct {
	Sv string `json:"sv"`
	Fi string `json:"fi"`
	En string `json:"en"`
}

// checkMessages checks that the problem in r says what went wrong in words
// for people, in the API's one form for messages: "message" is an object
// {"sv", "fi", "en"} with a text in each language, on the problem and on
// each of its field errors, and the keys message_sv, message_fi and
// message_en of the earlier form are gone. It is the one place that reads
// the messages of an error, so that a change of their JSON is one change
// here.
func checkMessages(t *testing.T, r response) {
	t.Helper()
	var m struct {
		Message json.RawMessage   `json:"message"`
		Fields  []json.RawMessage `json:"fields"`
	}
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Errorf("the error is not a JSON object: %v: %s", err, r.Body)
		return
	}
	checkMessage(t, "the error", r.Body, r.Body)
	for i, f := range m.Fields {
		checkMessage(t, "field error "+strconv.Itoa(i), f, r.Body)
	}
}

// checkMessage checks the "message" of the JSON object obj, which is
// what in body.
func checkMessage(t *testing.T, what string, obj, body []byte) {
	t.Helper()
	var v map[string]json.RawMessage
	if err := json.Unmarshal(obj, &v); err != nil {
		t.Errorf("%s is not a JSON object: %v: %s", what, err, body)
		return
	}
	for _, old := range []string{"message_sv", "message_fi", "message_en"} {
		if _, ok := v[old]; ok {
			t.Errorf(`%s has %q: every message is one "message": {"sv", "fi", "en"}: %s`, what, old, body)
		}
	}
	raw, ok := v["message"]
	if !ok {
		t.Errorf(`%s has no "message": %s`, what, body)
		return
	}
	var msg message
	if err := json.Unmarshal(raw, &msg); err != nil {
		t.Errorf(`%s: "message" is %s, not an object {"sv", "fi", "en"}: %s`, what, raw, body)
		return
	}
	for l, s := range map[string]string{"sv": msg.Sv, "fi": msg.Fi, "en": msg.En} {
		if strings.TrimSpace(s) == "" {
			t.Errorf(`%s: "message" has no text in %q: %s`, what, l, body)
		}
	}
}
