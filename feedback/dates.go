package feedback

import (
	"strconv"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/lang"
)

// EarliestDate and LatestDate bound every date a client may send: the day a
// decision was received, a period of the follow-up, a time of reply. Dates
// outside them are refused before anything is stored, so that every date
// kommunkit derives from them (an appeal's last day, a deadline) can still
// be written as RFC 3339.
var (
	EarliestDate = calendar.Date{Year: 1900, Month: time.January, Day: 1}
	LatestDate   = calendar.Date{Year: 2200, Month: time.December, Day: 31}
)

// CodeOutOfRange is the code of a field error for a date outside
// EarliestDate and LatestDate.
const CodeOutOfRange = "out_of_range"

// CheckDate returns nil when d lies within EarliestDate and LatestDate, and
// otherwise a field error on field with the code CodeOutOfRange.
func CheckDate(field string, d calendar.Date) *FieldError {
	if !d.Before(EarliestDate) && !d.After(LatestDate) {
		return nil
	}
	return &FieldError{Field: field, Code: CodeOutOfRange, Value: strconv.Quote(d.String()),
		Message: lang.Text{
			Sv: "Datumet måste ligga mellan " + EarliestDate.String() + " och " + LatestDate.String() + ".",
			Fi: "Päivämäärän on oltava välillä " + EarliestDate.String() + "–" + LatestDate.String() + ".",
			En: "The date must lie between " + EarliestDate.String() + " and " + LatestDate.String() + "."}}
}

// CheckTime is CheckDate for an instant: its Europe/Stockholm date.
func CheckTime(field string, t time.Time) *FieldError {
	return CheckDate(field, calendar.DateOf(t))
}
