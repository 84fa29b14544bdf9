package httpapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/feedback"
)

// The names of the abuse-protection fields, in JSON bodies and in forms.
const (
	// HoneypotField is a field people never see or fill in (hide it with
	// CSS and aria-hidden, tabindex -1, autocomplete off). A submission with
	// anything in it is refused.
	HoneypotField = "website"
	// FormStampField carries the signed form timestamp (FormStamp).
	FormStampField = "form_stamp"
)

// How old a form stamp must be when the form comes back.
const (
	// MinFormAge: a form sent back sooner was not filled in by a person.
	MinFormAge = 2 * time.Second
	// MaxFormAge: a stamp older than this has expired.
	MaxFormAge = 24 * time.Hour
)

// Codes of the field errors about abuse protection.
const (
	CodeFilled  = "filled"   // the honeypot has something in it
	CodeTooFast = "too_fast" // the form came back sooner than MinFormAge
	CodeExpired = "expired"  // the stamp is older than MaxFormAge
)

const stampContext = "kommunkit-form-stamp-v1:"

// FormStamp returns a signed form timestamp for a form shown at `at`, to
// put in the form's hidden field FormStampField. Its form is
// "<unix seconds>.<base64url(HMAC-SHA256(key, "kommunkit-form-stamp-v1:<unix seconds>"))>",
// so any host with the key can check it (CheckFormStamp).
func FormStamp(key []byte, at time.Time) string {
	secs := strconv.FormatInt(at.Unix(), 10)
	return secs + "." + stampMAC(key, secs)
}

func stampMAC(key []byte, secs string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(stampContext))
	m.Write([]byte(secs))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// CheckFormStamp checks a form stamp at `now`: signed with key, at least
// MinFormAge and at most MaxFormAge old. It returns nil, or a
// *feedback.ValidationError on the field FormStampField with the code
// feedback.CodeInvalid, CodeTooFast or CodeExpired. An empty key refuses
// every stamp as invalid.
func CheckFormStamp(key []byte, stamp string, now time.Time) error {
	secs, mac, ok := strings.Cut(stamp, ".")
	var at int64
	var err error
	if ok && len(key) > 0 && len(secs) > 0 && len(secs) <= 12 {
		at, err = strconv.ParseInt(secs, 10, 64)
		ok = err == nil && secs == strconv.FormatInt(at, 10) && hmac.Equal([]byte(mac), []byte(stampMAC(key, secs)))
	} else {
		ok = false
	}
	if !ok {
		return stampError(feedback.CodeInvalid, stamp,
			"Formuläret gick inte att kontrollera. Ladda om sidan och skicka igen.",
			"Lomaketta ei voitu tarkistaa. Lataa sivu uudelleen ja lähetä uudelleen.",
			"The form could not be checked. Reload the page and send again.")
	}
	age := now.Sub(time.Unix(at, 0))
	switch {
	case age < MinFormAge:
		return stampError(CodeTooFast, stamp,
			"Formuläret skickades för snabbt. Vänta några sekunder och skicka igen.",
			"Lomake lähetettiin liian nopeasti. Odota muutama sekunti ja lähetä uudelleen.",
			"The form was sent too quickly. Wait a few seconds and send again.")
	case age > MaxFormAge:
		return stampError(CodeExpired, stamp,
			"Formuläret är för gammalt (över ett dygn). Ladda om sidan och skicka igen.",
			"Lomake on liian vanha (yli vuorokausi). Lataa sivu uudelleen ja lähetä uudelleen.",
			"The form is too old (more than a day). Reload the page and send again.")
	}
	return nil
}

func stampError(code, stamp, sv, fi, en string) error {
	v := stamp
	if len(v) > 40 {
		v = v[:40]
	}
	return &feedback.ValidationError{Fields: []feedback.FieldError{{
		Field: FormStampField, Code: code, Value: strconv.QuoteToASCII(v),
		MessageSV: sv, MessageFI: fi, MessageEN: en,
	}}}
}

func honeypotError(v string) error {
	if len(v) > 40 {
		v = v[:40]
	}
	return &feedback.ValidationError{Fields: []feedback.FieldError{{
		Field: HoneypotField, Code: CodeFilled, Value: strconv.QuoteToASCII(v),
		MessageSV: "Lämna fältet " + HoneypotField + " tomt. Det är till för att stoppa automatiska program.",
		MessageFI: "Jätä kenttä " + HoneypotField + " tyhjäksi. Se on automaattisten ohjelmien pysäyttämiseksi.",
		MessageEN: "Leave the field " + HoneypotField + " empty. It is there to stop automated programs.",
	}}}
}

// StampKey returns the key that signs form stamps: key when it is set (from
// KOMMUNKIT_FORM_KEY, say), and otherwise one derived from the staff token
// with HMAC-SHA256, so that stamps handed out before a restart still verify
// after it. Every host derives it the same way.
func StampKey(key, staffToken string) []byte {
	if key != "" {
		return []byte(key)
	}
	m := hmac.New(sha256.New, []byte(staffToken))
	m.Write([]byte("kommunkit form stamps"))
	return m.Sum(nil)
}
