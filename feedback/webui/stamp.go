package webui

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// The form's anti-abuse fields, as the JSON API names them.
const (
	honeypotField  = "website"
	formStampField = "form_stamp"
	minFormAge     = 2 * time.Second
	maxFormAge     = 24 * time.Hour
)

// stampProblem is what is wrong with a form stamp: "" when it is good,
// otherwise "too_fast", "expired" or "invalid".
type stampProblem string

// formStamp returns a stamp for a form rendered at `at`:
// "<unix seconds>.<base64url(HMAC-SHA256(key, "kommunkit-form-stamp-v1:<unix seconds>"))>".
func formStamp(key []byte, at time.Time) string {
	u := strconv.FormatInt(at.Unix(), 10)
	m := hmac.New(sha256.New, key)
	m.Write([]byte("kommunkit-form-stamp-v1:" + u))
	return u + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// checkFormStamp checks a stamp at now.
func checkFormStamp(key []byte, stamp string, now time.Time) stampProblem {
	u, _, ok := strings.Cut(stamp, ".")
	if !ok {
		return "invalid"
	}
	sec, err := strconv.ParseInt(u, 10, 64)
	if err != nil || !hmac.Equal([]byte(stamp), []byte(formStamp(key, time.Unix(sec, 0)))) {
		return "invalid"
	}
	age := now.Sub(time.Unix(sec, 0))
	switch {
	case age < minFormAge:
		return "too_fast"
	case age > maxFormAge:
		return "expired"
	}
	return ""
}
