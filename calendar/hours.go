package calendar

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/internal/errwrap"
)

// An Interval is a span of office hours within a day, as wall-clock offsets
// from local midnight: Interval{8 * time.Hour, 16*time.Hour + 30*time.Minute}
// is 08:00–16:30. Close may be 24:00. Times are whole minutes.
type Interval struct {
	Open, Close time.Duration
}

// ParseInterval parses office hours such as "08:00-16:30". It also accepts an
// en dash, spaces around the dash and the Swedish "8.00–16.30".
func ParseInterval(s string) (Interval, error) {
	t := strings.TrimSpace(s)
	sep := strings.IndexAny(t, "-–")
	if sep < 0 {
		return Interval{}, errors.New("calendar: invalid hours " + strconv.Quote(s) + ": want HH:MM-HH:MM")
	}
	width := 1
	if strings.HasPrefix(t[sep:], "–") {
		width = len("–")
	}
	open, ok1 := parseClock(strings.TrimSpace(t[:sep]))
	closing, ok2 := parseClock(strings.TrimSpace(t[sep+width:]))
	if !ok1 || !ok2 {
		return Interval{}, errors.New("calendar: invalid hours " + strconv.Quote(s) + ": want HH:MM-HH:MM")
	}
	iv := Interval{open, closing}
	if err := iv.check(); err != nil {
		return Interval{}, errwrap.Prefix("calendar: invalid hours "+strconv.Quote(s)+": ", err)
	}
	return iv, nil
}

// parseClock parses "8:00", "08:00", "8.00" or "24:00".
func parseClock(s string) (time.Duration, bool) {
	i := strings.IndexAny(s, ":.")
	if i < 1 || i > 2 || len(s)-i-1 != 2 {
		return 0, false
	}
	h, ok1 := atoiDigits(s[:i])
	m, ok2 := atoiDigits(s[i+1:])
	if !ok1 || !ok2 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, true
}

// check reports what is wrong with an interval, or nil.
func (iv Interval) check() error {
	switch {
	case iv.Open < 0 || iv.Close > 24*time.Hour:
		return errors.New("times must be within 00:00-24:00")
	case iv.Open%time.Minute != 0 || iv.Close%time.Minute != 0:
		return errors.New("times must be whole minutes")
	case iv.Close <= iv.Open:
		return errors.New("closes at or before it opens")
	}
	return nil
}

// String returns the interval as "08:00-16:30".
func (iv Interval) String() string {
	return string(iv.appendText(make([]byte, 0, 11)))
}

func (iv Interval) appendText(b []byte) []byte {
	b = appendClock(b, iv.Open, ':')
	b = append(b, '-')
	return appendClock(b, iv.Close, ':')
}

// appendClock appends a wall-clock offset as HH:MM (with sep between).
func appendClock(b []byte, d time.Duration, sep byte) []byte {
	if d < 0 {
		d = 0
	}
	m := int(d / time.Minute)
	h, m := m/60, m%60
	return append(b, byte('0'+h/10), byte('0'+h%10), sep, byte('0'+m/10), byte('0'+m%10))
}

// MarshalText implements encoding.TextMarshaler.
func (iv Interval) MarshalText() ([]byte, error) {
	if err := iv.check(); err != nil {
		return nil, errwrap.Prefix("calendar: cannot marshal hours "+strconv.Quote(iv.String())+": ", err)
	}
	return iv.appendText(nil), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (iv *Interval) UnmarshalText(b []byte) error {
	v, err := ParseInterval(string(b))
	if err != nil {
		return err
	}
	*iv = v
	return nil
}

// checkDay validates one day's intervals: each valid, in order, not overlapping.
func checkDay(ivs []Interval) error {
	for i, iv := range ivs {
		if err := iv.check(); err != nil {
			return errwrap.Prefix("interval "+iv.String()+" ", err)
		}
		if i > 0 && iv.Open < ivs[i-1].Close {
			return errors.New("interval " + iv.String() + " overlaps or comes before " + ivs[i-1].String())
		}
	}
	return nil
}

// trimEnd returns ivs with by taken off the end of the day, interval by
// interval from the last. It returns nil when nothing is left.
func trimEnd(ivs []Interval, by time.Duration) []Interval {
	out := append([]Interval(nil), ivs...)
	for len(out) > 0 && by > 0 {
		last := &out[len(out)-1]
		length := last.Close - last.Open
		if by < length {
			last.Close -= by
			break
		}
		by -= length
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
