// Package storetest tests implementations of feedback.Store against the
// contract package feedback states for CaseStore and SessionStore: in the
// manner of testing/fstest and testing/slogtest, an implementation's own
// test calls Run, and the suite reports what it finds with t.Errorf.
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T, cal *calendar.Calendar) storetest.Store {
//			st, err := memstore.New(memstore.Config{Calendar: cal})
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { st.Close() })
//			return st
//		})
//	}
//
// The suite covers what every store must do alike: idempotent inserts and
// the fingerprint check (feedback.ErrKeyReused), lookups by receipt token
// that give nothing away, transitions and their history, optimistic
// concurrency (feedback.ErrConflict), the order, filters and paging of
// List, the cases of a period and FollowUp, copies that share nothing with
// the store, staff sessions with their idle and absolute timeouts, a
// context that has ended, and a store that has been closed. What only one
// implementation has (migrations, group commit, query plans) its own tests
// check.
package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/feedback/classify"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/servicerules"
)

// A Store is a store under test: a feedback.Store with the Close that the
// program owning it calls.
type Store interface {
	feedback.Store
	// Close ends the store: every call after it fails with an error
	// wrapping feedback.ErrClosed. Closing twice is not an error.
	Close() error
}

// Run runs the suite. It calls open once for each of its tests, with that
// test's T and the calendar the store is to measure working time on (the
// calendar of the preset policy "nykvarn"), for a new, empty store. open
// fails t when it cannot make one, and closes the store when the test ends
// (t.Cleanup); the suite closes some stores itself first.
func Run(t *testing.T, open func(t *testing.T, cal *calendar.Calendar) Store) {
	t.Helper()
	p, err := servicerules.Preset("nykvarn")
	if err != nil {
		t.Fatalf("servicerules.Preset(nykvarn): %v", err)
	}
	e := env{p: p, open: open}
	for _, test := range []struct {
		name string
		run  func(*testing.T, env)
	}{
		{"InsertGetLookup", testInsertGetLookup},
		{"InsertRefusesWhatIsNotNew", testInsertRefusesWhatIsNotNew},
		{"ConcurrentInserts", testConcurrentInserts},
		{"TokenPrivacy", testTokenPrivacy},
		{"Lifecycle", testLifecycle},
		{"ConcurrentApply", testConcurrentApply},
		{"ListFilters", testListFilters},
		{"ListSummaries", testListSummaries},
		{"FollowUp", testFollowUp},
		{"Copies", testCopies},
		{"EndedContext", testEndedContext},
		{"Closed", testClosed},
		{"Sessions", testSessions},
		{"SessionTimeouts", testSessionTimeouts},
		{"SessionRefusesIncomplete", testSessionRefusesIncomplete},
	} {
		t.Run(test.name, func(t *testing.T) { test.run(t, e) })
	}
}

// env is what every test of the suite starts from.
type env struct {
	p    *servicerules.Policy
	open func(*testing.T, *calendar.Calendar) Store
}

// store opens a new, empty store.
func (e env) store(t *testing.T) Store {
	t.Helper()
	st := e.open(t, e.p.Calendar())
	if st == nil {
		t.Fatal("open returned no store")
	}
	return st
}

var ctx = context.Background()

// anna is a contact with every detail.
var anna = &feedback.Contact{Name: "Anna Andersson", Email: "anna@exempel.se", Phone: "070-123 45 67"}

func stockholm(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Location())
}

// newCase makes a case as the hosts do, classified by classify.Message.
func (e env) newCase(t *testing.T, text string, ch servicerules.Channel, contact *feedback.Contact, key string, at time.Time) feedback.Case {
	t.Helper()
	c, err := feedback.Intake(feedback.Submission{IdempotencyKey: key, Channel: ch, Text: text, Contact: contact}, at, e.p)
	if err != nil {
		t.Fatalf("Intake: %v", err)
	}
	return c
}

// kindCase makes a case of the given kind, not asking the classifier.
func (e env) kindCase(t *testing.T, kind message.Kind, ch servicerules.Channel, contact *feedback.Contact, at time.Time) feedback.Case {
	t.Helper()
	c, err := feedback.NewCase(feedback.Submission{IdempotencyKey: uuid.NewString(), Channel: ch, Text: "Meddelande om " + string(kind), Contact: contact},
		at, classify.Result{Kind: kind, Language: "sv", Confidence: 0.8}, e.p)
	if err != nil {
		t.Fatalf("NewCase: %v", err)
	}
	return c
}

// insert stores c, which must be new, and fails t otherwise.
func insert(t *testing.T, st Store, c feedback.Case) feedback.Case {
	t.Helper()
	got, created, err := st.Insert(ctx, c)
	if err != nil || !created {
		t.Fatalf("Insert(case %s) = created %v, %v; want a new case", c.ID, created, err)
	}
	return got
}

// apply makes transition tr on case id, and fails t when it cannot.
func apply(t *testing.T, st Store, id uuid.UUID, tr feedback.Transition) feedback.Case {
	t.Helper()
	c, err := st.Apply(ctx, id, tr)
	if err != nil {
		t.Fatalf("Apply(%s, to %s): %v", id, tr.To, err)
	}
	return c
}

// get reads case id, and fails t when it cannot.
func get(t *testing.T, st Store, id uuid.UUID) feedback.Case {
	t.Helper()
	c, err := st.Get(ctx, id)
	if err != nil {
		t.Fatalf("Get(%s): %v", id, err)
	}
	return c
}

// sameCase reports where got differs from want, with times compared as
// instants.
func sameCase(t *testing.T, what string, want, got feedback.Case) {
	t.Helper()
	if diff := differences(inStockholm(want), inStockholm(got)); len(diff) > 0 {
		t.Errorf("%s: the case differs in %v:\n got %+v\nwant %+v", what, diff, got, want)
	}
}

// inStockholm returns c with every time in Europe/Stockholm, so that
// cases compare by instant.
func inStockholm(c feedback.Case) feedback.Case {
	loc := calendar.Location()
	for _, p := range []*time.Time{&c.Received, &c.RegistrationDue, &c.ReplyDue, &c.Promised, &c.RegisteredAt,
		&c.RespondedAt, &c.AnsweredAt, &c.ClosedAt, &c.PausedAt} {
		if !p.IsZero() {
			*p = p.In(loc)
		}
	}
	if c.History != nil {
		h := make([]feedback.Change, len(c.History))
		for i, ch := range c.History {
			ch.At = ch.At.In(loc)
			if !ch.Promised.IsZero() {
				ch.Promised = ch.Promised.In(loc)
			}
			h[i] = ch
		}
		c.History = h
	}
	return c
}

// differences names the fields in which the structs a and b differ, those
// of embedded structs by their own names.
func differences(a, b any) []string {
	var out []string
	var walk func(a, b reflect.Value)
	walk = func(a, b reflect.Value) {
		for i := range a.NumField() {
			f := a.Type().Field(i)
			switch {
			case f.Anonymous && f.Type.Kind() == reflect.Struct:
				walk(a.Field(i), b.Field(i))
			case !f.IsExported():
			case !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()):
				out = append(out, f.Name)
			}
		}
	}
	walk(reflect.ValueOf(a), reflect.ValueOf(b))
	return out
}

// ids returns the IDs of a list, in order.
func ids(list []feedback.CaseSummary) []uuid.UUID {
	out := make([]uuid.UUID, len(list))
	for i, s := range list {
		out[i] = s.ID
	}
	return out
}
