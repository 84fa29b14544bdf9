package httpapi

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/feedback"
	"github.com/kommunkit/kommunkit/lang"
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

const stampContext = "kommunkit-form-stamp-v2:"

// MaxStampUses is how many submissions one form stamp gives the cheaper
// rate (see NoStampCost): a person may send a form again after fixing a
// field. Later submissions with the same stamp are still taken, at the
// price of a submission without a stamp, so that one stamp cannot be
// replayed for a day at the stamped rate.
const MaxStampUses = 3

// FormStamp returns a signed form timestamp for a form shown at `at`, to
// put in the form's hidden field FormStampField. Its form is
// "<unix seconds>.<nonce>.<base64url(HMAC-SHA256(key, "kommunkit-form-stamp-v2:<unix seconds>.<nonce>"))>",
// with a random nonce of 12 bytes (base64url), so any host with the key
// can check it (CheckFormStamp) and count its uses (StampNonce).
func FormStamp(key []byte, at time.Time) string {
	var n [12]byte
	_, _ = rand.Read(n[:]) // crypto/rand.Read never fails (Go 1.24 and later).
	secs := strconv.FormatInt(at.Unix(), 10)
	nonce := base64.RawURLEncoding.EncodeToString(n[:])
	return secs + "." + nonce + "." + stampMAC(key, secs, nonce)
}

func stampMAC(key []byte, secs, nonce string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(stampContext))
	m.Write([]byte(secs))
	m.Write([]byte{'.'})
	m.Write([]byte(nonce))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// StampNonce returns the nonce part of a form stamp, for counting its uses
// (check the stamp with CheckFormStamp first); it returns "" for a text
// without one.
func StampNonce(stamp string) string {
	_, rest, _ := strings.Cut(stamp, ".")
	nonce, _, ok := strings.Cut(rest, ".")
	if !ok {
		return ""
	}
	return nonce
}

// CheckFormStamp checks a form stamp at `now`: signed with key, at least
// MinFormAge and at most MaxFormAge old. It returns nil, or a
// *feedback.ValidationError on the field FormStampField with the code
// feedback.CodeInvalid, CodeTooFast or CodeExpired. An empty key refuses
// every stamp as invalid.
func CheckFormStamp(key []byte, stamp string, now time.Time) error {
	secs, rest, ok := strings.Cut(stamp, ".")
	nonce, mac, ok2 := strings.Cut(rest, ".")
	var at int64
	var err error
	if ok && ok2 && len(key) > 0 && len(secs) > 0 && len(secs) <= 12 && len(nonce) == 16 {
		at, err = strconv.ParseInt(secs, 10, 64)
		ok = err == nil && secs == strconv.FormatInt(at, 10) && hmac.Equal([]byte(mac), []byte(stampMAC(key, secs, nonce)))
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
		Message: lang.Text{Sv: sv, Fi: fi, En: en},
	}}}
}

func honeypotError(v string) error {
	if len(v) > 40 {
		v = v[:40]
	}
	return &feedback.ValidationError{Fields: []feedback.FieldError{{
		Field: HoneypotField, Code: CodeFilled, Value: strconv.QuoteToASCII(v),
		Message: lang.Text{
			Sv: "Lämna fältet " + HoneypotField + " tomt. Det är till för att stoppa automatiska program.",
			Fi: "Jätä kenttä " + HoneypotField + " tyhjäksi. Se on automaattisten ohjelmien pysäyttämiseksi.",
			En: "Leave the field " + HoneypotField + " empty. It is there to stop automated programs."},
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

// A StampLedger counts how often each form stamp has been used, by its
// nonce (StampNonce). The Handler keeps one in memory, beside its rate
// limit; a host that keeps its rate limit elsewhere (the Worker, in its
// isolate) keeps its ledger there too.
type StampLedger interface {
	// Use records one use of the stamp with nonce, which is worth
	// remembering until expires, and returns how many uses it has had,
	// this one included.
	Use(nonce string, expires, now time.Time) int
}

// SubmissionCost returns how many requests of its client's rate limit a
// submission with stamp costs at now: 1 for a stamp that CheckFormStamp
// accepts and that ledger has seen at most MaxStampUses times (this use
// included), and NoStampCost for any other (none, invalid, expired, too
// fast, or used too often). It records the use in ledger.
func SubmissionCost(key []byte, stamp string, now time.Time, ledger StampLedger) int {
	if stamp == "" || CheckFormStamp(key, stamp, now) != nil {
		return NoStampCost
	}
	return checkedStampCost(stamp, now, ledger)
}

// checkedStampCost is SubmissionCost for a stamp that CheckFormStamp has
// accepted: 1, or NoStampCost once it has been used more than MaxStampUses
// times. It records the use in ledger.
func checkedStampCost(stamp string, now time.Time, ledger StampLedger) int {
	secs, _, _ := strings.Cut(stamp, ".")
	at, _ := strconv.ParseInt(secs, 10, 64)
	if ledger.Use(StampNonce(stamp), time.Unix(at, 0).Add(MaxFormAge), now) > MaxStampUses {
		return NoStampCost
	}
	return 1
}
