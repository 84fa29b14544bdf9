package calendar

import (
	_ "embed"
	"sync"
	"time"
)

// zoneinfoStockholm is the TZif data for Europe/Stockholm, taken from Go's
// lib/time/zoneinfo.zip. Embedding only this zone keeps the browser build small
// and keeps time.LoadLocation (which touches the file system) out of the code.
//
//go:embed zoneinfo_stockholm.tzif
var zoneinfoStockholm []byte

var stockholm = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocationFromTZData("Europe/Stockholm", zoneinfoStockholm)
	if err != nil {
		// The data is embedded at build time and tested; this is unreachable.
		panic("calendar: embedded Europe/Stockholm time zone data is invalid: " + err.Error())
	}
	return loc
})

// Location returns the Europe/Stockholm time zone, loaded from embedded data.
// Every local date and office hour in this package is in this zone.
func Location() *time.Location { return stockholm() }

const (
	secondsPerDay = 86400
	cet           = 3600 // UTC offset of CET, in seconds
	cest          = 7200 // UTC offset of CEST, in seconds
)

// floorDiv returns a/b rounded towards negative infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
