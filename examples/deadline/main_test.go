package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func runCLI(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	now := func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }
	code := run(args, &out, &errOut, now)
	return code, out.String(), errOut.String()
}

func TestDeadlineCLI(t *testing.T) {
	code, out, _ := runCLI("-from", "2026-12-23 15:00", "-within", "2 arbetsdagar")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "2026-12-29T16:30:00+01:00")
	assert.Contains(t, out, "24 december (julafton)")
	assert.Contains(t, out, "Senast: tisdag 29 december 2026 kl. 16:30.")

	code, out, _ = runCLI("-from", "2026-12-23 15:00", "-within", "2 arbetsdagar", "-lang", "en")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "24 December (Christmas Eve)")
	assert.Contains(t, out, "Due by: Tuesday 29 December 2026 at 16:30.")

	code, out, _ = runCLI("-from", "2026-05-13T15:00:00Z", "-within", "1 arbetsdag", "-closed", "2026-05-15", "-hours", "08:00-12:00,13:00-16:00")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "2026-05-19T16:00:00+02:00", "15:00 UTC is 17:00 in Stockholm, after close")
	assert.Contains(t, out, "stängt: klämdag")

	code, out, _ = runCLI("-within", "1 arbetsdag")
	assert.Equal(t, 0, code, "defaults to now")
	assert.Contains(t, out, "2026-11-24T16:30:00+01:00")
}

func TestDeadlineCLIBadFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-from", "2026-12-23 15:00", "-within", "2 fortnights"}, `-within: calendar: invalid span "2 fortnights"`},
		{[]string{"-from", "yesterday", "-within", "2 arbetsdagar"}, `-from: cannot read time "yesterday"`},
		{[]string{"-from", "2026-12-23 15:00"}, "-within is required"},
		{[]string{"-within", "2 arbetsdagar", "-lang", "de"}, `-lang: unknown language "de"`},
		{[]string{"-within", "2 arbetsdagar", "-hours", "17:00-08:00"}, "-hours"},
		{[]string{"-within", "2 arbetsdagar", "-closed", "2026-02-30"}, "-closed"},
		{[]string{"-nope"}, "flag provided but not defined"},
		{[]string{"-within", "1 dag", "extra"}, `unexpected argument "extra"`},
	} {
		code, out, errOut := runCLI(tt.args...)
		assert.Equal(t, 2, code, tt.args)
		assert.Empty(t, out)
		assert.Contains(t, errOut, tt.want, tt.args)
	}
}

func TestDeadlineCLIPolicy(t *testing.T) {
	code, out, _ := runCLI("-from", "2026-12-23 15:00", "-policy", "nykvarn", "-channel", "email")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Nykvarns kommun")
	assert.Contains(t, out, "2026-12-28T16:30:00+01:00")
	assert.Contains(t, out, "senast inom en arbetsdag")

	// SMS follows the rule for phone calls.
	code, out, _ = runCLI("-from", "2026-12-23 15:00", "-policy", "nykvarn", "-channel", "sms", "-lang", "en")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "sms follows the rule for phone")

	// Internal messages within 48 hours: an absolute duration.
	code, out, _ = runCLI("-from", "2026-12-23 15:00", "-policy", "nykvarn", "-channel", "e-post", "-audience", "internal")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "2026-12-25T15:00:00+01:00")

	// A channel the policy gives no figure for is said, not invented.
	code, out, _ = runCLI("-from", "2026-12-23 15:00", "-policy", "varmdo", "-channel", "phone")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "policyn anger ingen svarstid")
}

func TestDeadlineCLIPolicyBadFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-policy", "stockholm", "-channel", "email"}, `-policy: servicerules: no preset called "stockholm"`},
		{[]string{"-policy", "nykvarn"}, "-policy needs -channel"},
		{[]string{"-policy", "nykvarn", "-channel", "pigeon"}, "-channel"},
		{[]string{"-policy", "nykvarn", "-channel", "email", "-audience", "aliens"}, "-audience"},
		{[]string{"-policy", "nykvarn", "-channel", "email", "-within", "2 dagar"}, "leave out -within"},
		{[]string{"-channel", "email", "-within", "2 dagar"}, "-channel needs -policy"},
	} {
		code, out, errOut := runCLI(tt.args...)
		assert.Equal(t, 2, code, tt.args)
		assert.Empty(t, out)
		assert.Contains(t, errOut, tt.want, tt.args)
	}
}
