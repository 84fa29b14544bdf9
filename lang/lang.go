// Package lang names the languages kommunkit writes to citizens and staff,
// Swedish, Finnish and English, and holds a text in all three.
//
// Swedish is the default everywhere: an empty or unknown language, and a
// missing translation, give Swedish. Finnish is a national minority
// language (Lag 2009:724); English is for visitors and new arrivals.
//
// The package is the bottom of kommunkit: it imports only the standard
// library's errors, strconv and strings, and builds for GOOS=js GOARCH=wasm.
package lang

import (
	"errors"
	"strconv"
	"strings"
)

// A Lang is a language, by its ISO 639-1 code. The zero Lang is no
// language chosen; In and Or read it as Swedish.
type Lang string

// The languages kommunkit writes.
const (
	Swedish Lang = "sv" // svenska, the default
	Finnish Lang = "fi" // suomi
	English Lang = "en"
)

// All returns the languages kommunkit writes, Swedish first.
func All() []Lang { return []Lang{Swedish, Finnish, English} }

// Valid reports whether l is Swedish, Finnish or English.
func (l Lang) Valid() bool { return l == Swedish || l == Finnish || l == English }

// Or returns l when it is valid, and def otherwise.
func (l Lang) Or(def Lang) Lang {
	if l.Valid() {
		return l
	}
	return def
}

// String returns the code: "sv", "fi" or "en" (or whatever l holds).
func (l Lang) String() string { return string(l) }

// ErrUnknown is wrapped by the error Parse returns for a language that is
// not Swedish, Finnish or English.
var ErrUnknown = errors.New("lang: unknown language")

// Parse reads a language code: "sv", "fi" or "en", in any case, with
// surrounding space, and with a region or script after a hyphen or
// underscore ("sv-SE", "fi_FI", "en-GB"), as an Accept-Language or a
// lang attribute gives it. An empty string gives the zero Lang and no
// error. Anything else gives an error that wraps ErrUnknown and quotes the
// value.
func Parse(s string) (Lang, error) {
	v := strings.TrimSpace(s)
	if v == "" {
		return "", nil
	}
	base := v
	if i := strings.IndexAny(base, "-_"); i >= 0 {
		base = base[:i]
	}
	if l := Lang(strings.ToLower(base)); l.Valid() {
		return l, nil
	}
	if len(v) > 40 {
		v = v[:40]
	}
	return "", unknownError{strconv.Quote(v)}
}

// unknownError is Parse's error; it wraps ErrUnknown without fmt, which
// the browser build leaves out.
type unknownError struct{ quoted string }

func (e unknownError) Error() string {
	return "lang: unknown language " + e.quoted + "; use sv, fi or en"
}

func (e unknownError) Unwrap() error { return ErrUnknown }

// Text is one short plain-language text in Swedish, Finnish and English.
// In JSON it is an object {"sv": …, "fi": …, "en": …}.
type Text struct {
	Sv string `json:"sv"`
	Fi string `json:"fi"`
	En string `json:"en"`
}

// In returns the text in l. Any other language, the zero Lang, or a
// missing translation gives the Swedish text.
func (t Text) In(l Lang) string {
	switch l {
	case Finnish:
		if t.Fi != "" {
			return t.Fi
		}
	case English:
		if t.En != "" {
			return t.En
		}
	}
	return t.Sv
}

// IsZero reports whether t has no text in any language.
func (t Text) IsZero() bool { return t == Text{} }

// Phrases holds one value of T in each language, for a set of phrases that
// go together: the weekday names, or the words of a sentence that is put
// together in each language's own order.
type Phrases[T any] struct{ Sv, Fi, En T }

// In returns the value for l. Any other language, and the zero Lang, give
// the Swedish value.
func (p Phrases[T]) In(l Lang) T {
	switch l {
	case Finnish:
		return p.Fi
	case English:
		return p.En
	}
	return p.Sv
}
