package calendar_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kommunkit/kommunkit/calendar"
)

// TestDeadlineWorkingDaysDoesNotAllocate counts allocations (not time): a
// WorkingDays deadline within 1954-2200 must not allocate.
func TestDeadlineWorkingDaysDoesNotAllocate(t *testing.T) {
	c := newCal(t, calendar.WithShortDays(calendar.StateAgreementShortDays()...))
	from := at(t, "2026-12-23 15:00")
	for _, n := range []int{0, 1, 5, 30} {
		allocs := testing.AllocsPerRun(200, func() {
			_ = c.Deadline(from, calendar.WorkingDays(n))
		})
		assert.Zero(t, allocs, "n=%d", n)
	}
	allocs := testing.AllocsPerRun(200, func() { _ = c.IsWorkday(from) })
	assert.Zero(t, allocs)
}
