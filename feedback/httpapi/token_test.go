package httpapi_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kommunkit/kommunkit/feedback/httpapi"
	"github.com/kommunkit/kommunkit/servicerules"
)

func TestCheckStaffToken(t *testing.T) {
	weak := map[string]string{
		"empty":                 "",
		"16 a's":                "aaaaaaaaaaaaaaaa",
		"64 a's":                strings.Repeat("a", 64),
		"repeated pair":         strings.Repeat("ab", 40),
		"16 hex digits":         "0123456789abcdef",
		"short words":           "test-staff-token-123", // 20 × log2(69) ≈ 122 bits
		"seven distinct, long":  strings.Repeat("abcdefg", 10),
		"space":                 "correct horse battery staple 0123456789",
		"tab":                   "0123456789abcdef\t0123456789abcdef",
		"non-ASCII":             "räksmörgås-0123456789-räksmörgås-0123456789",
		"newline at the end":    "0123456789abcdef0123456789abcdef\n",
		"digits only, 38 chars": "01234567890123456789012345678901234567",
	}
	for name, tok := range weak {
		err := httpapi.CheckStaffToken(tok)
		if assert.Error(t, err, name) && tok != "" {
			assert.NotContains(t, err.Error(), tok, "the error does not hold the token")
		}
	}

	strong := map[string]string{
		"32 hex digits":  "9f86d081884c7d659a2feaa0c55ad015",
		"mixed, chosen":  "Kommunkit-Staff-2026!Exempelby#",
		"conformance":    "conformance-staff-token-0123456789",
		"base64 of 16 B": "n4bQgYhMfWWaL+qgxVrQFQ==",
	}
	for name, tok := range strong {
		assert.NoError(t, httpapi.CheckStaffToken(tok), name)
	}

	// What the site and the Worker generate (24 random bytes in hex), and
	// 32 random bytes in base64url, always pass.
	for range 200 {
		b := make([]byte, 24)
		_, _ = rand.Read(b)
		require.NoError(t, httpapi.CheckStaffToken(hex.EncodeToString(b)))
		b = make([]byte, 32)
		_, _ = rand.Read(b)
		require.NoError(t, httpapi.CheckStaffToken(base64.RawURLEncoding.EncodeToString(b)))
	}
}

func TestNewRefusesAWeakStaffToken(t *testing.T) {
	p, err := servicerules.Preset("nykvarn")
	require.NoError(t, err)
	_, err = httpapi.New(httpapi.Config{Store: newStore(t, p.Calendar()), Policy: p, StaffToken: "aaaaaaaaaaaaaaaa"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "StaffToken")
	assert.Contains(t, err.Error(), "entropy")
	// New's error wraps CheckStaffToken's, so errors.Unwrap reaches it.
	cause := errors.Unwrap(err)
	require.NotNil(t, cause, "New's error wraps the cause")
	assert.Equal(t, httpapi.CheckStaffToken("aaaaaaaaaaaaaaaa").Error(), cause.Error())
}

// TestRequestErrorUnwraps checks that the error Config.ErrorLog receives
// reaches the error behind the 500 through errors.Is.
func TestRequestErrorUnwraps(t *testing.T) {
	cause := fmt.Errorf("sqlstore: list: %w", context.DeadlineExceeded)
	var err error = &httpapi.RequestError{Method: "GET", Route: "/api/staff/cases", Err: cause}
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, "httpapi: 500 on GET /api/staff/cases: sqlstore: list: context deadline exceeded", err.Error())
}
