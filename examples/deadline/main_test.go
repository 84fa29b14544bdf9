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
