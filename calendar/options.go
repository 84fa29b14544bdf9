package calendar

import (
	"errors"
	"strconv"
	"time"

	"github.com/kommunkit/kommunkit/internal/errwrap"
)

// An Option configures a Calendar. Options are applied in order by New, and a
// bad option makes New return an error.
type Option struct {
	apply func(*config) error
}

// config is what the options build up before New validates it.
type config struct {
	week      [7][]Interval
	closures  []Closure
	shortDays []ShortDay
}

// WithHours sets the office hours of one weekday. Several intervals give a day
// with a closure in between (lunch); no intervals close the office that day.
func WithHours(day time.Weekday, iv ...Interval) Option {
	ivs := append([]Interval(nil), iv...)
	return Option{func(c *config) error {
		if day < time.Sunday || day > time.Saturday {
			return errors.New("calendar: WithHours: invalid weekday " + strconv.Itoa(int(day)))
		}
		if err := checkDay(ivs); err != nil {
			return errwrap.Prefix("calendar: hours for "+day.String()+": ", err)
		}
		c.week[day] = ivs
		return nil
	}}
}

// WithWeekdayHours sets the same office hours for Monday to Friday.
func WithWeekdayHours(iv ...Interval) Option {
	return weekdays([]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, iv)
}

// WithWeekendHours sets office hours for Saturday and Sunday, for channels that
// are staffed on weekends. Those days then count as working days of the
// calendar, except when they are holidays or closure days.
func WithWeekendHours(iv ...Interval) Option {
	return weekdays([]time.Weekday{time.Saturday, time.Sunday}, iv)
}

func weekdays(days []time.Weekday, iv []Interval) Option {
	opts := make([]Option, len(days))
	for i, d := range days {
		opts[i] = WithHours(d, iv...)
	}
	return Option{func(c *config) error {
		for _, o := range opts {
			if err := o.apply(c); err != nil {
				return err
			}
		}
		return nil
	}}
}

// A Closure is a day on which the organisation is closed although it is a
// working day by law, for example a bridge day (klämdag).
type Closure struct {
	Date   Date
	Reason string // shown to people, in Swedish: "klämdag"
}

// WithClosures adds the organisation's own closure days. They move deadlines
// counted in working days and working time, but never a Days deadline.
func WithClosures(cs ...Closure) Option {
	list := append([]Closure(nil), cs...)
	return Option{func(c *config) error {
		for _, cl := range list {
			if !cl.Date.Valid() {
				return errors.New("calendar: closure: invalid date " + strconv.Quote(cl.Date.String()))
			}
		}
		c.closures = append(c.closures, list...)
		return nil
	}}
}

// A ShortDay is a rule for a day on which the office closes early, such as
// skärtorsdag. Day finds the day each year; the office then closes By
// earlier (ByOnFriday, when it is not zero, if the day is a Friday). A short day
// only matters when it is a working day.
type ShortDay struct {
	Name       string  // in Swedish: "skärtorsdag"
	Day        DayRule // the day in each year: FromEaster(-3)
	By         time.Duration
	ByOnFriday time.Duration
}

// by returns how much earlier the office closes on a day with weekday wd.
func (s ShortDay) by(wd time.Weekday) time.Duration {
	if wd == time.Friday && s.ByOnFriday != 0 {
		return s.ByOnFriday
	}
	return s.By
}

// StateAgreementShortDays returns the shortened days of the Swedish state's
// working-time agreement, a common pattern for municipal offices too:
// trettondagsafton, skärtorsdag and the day before alla helgons dag are four
// hours shorter; valborgsmässoafton is two hours shorter, or four when it falls
// on a Friday.
//
// Shortened days vary between organisations, so they are configuration, not a
// national rule: pass these to WithShortDays, or write your own.
func StateAgreementShortDays() []ShortDay {
	return []ShortDay{
		{Name: "trettondagsafton", Day: FixedDate(time.January, 5), By: 4 * time.Hour},
		{Name: "skärtorsdag", Day: FromEaster(-3), By: 4 * time.Hour},
		{Name: "valborgsmässoafton", Day: FixedDate(time.April, 30), By: 2 * time.Hour, ByOnFriday: 4 * time.Hour},
		{Name: "dag före alla helgons dag", Day: WeekdayOnOrAfter(time.Friday, time.October, 30), By: 4 * time.Hour},
	}
}

// WithShortDays adds rules for shortened days.
func WithShortDays(s ...ShortDay) Option {
	list := append([]ShortDay(nil), s...)
	return Option{func(c *config) error {
		for _, sd := range list {
			switch {
			case sd.Name == "":
				return errors.New("calendar: short day: empty name")
			case sd.Day == (DayRule{}):
				return errors.New("calendar: short day " + strconv.Quote(sd.Name) + ": no rule for the day")
			case !sd.Day.valid():
				return errors.New("calendar: short day " + strconv.Quote(sd.Name) + ": the rule for the day names no real date")
			case sd.By < 0 || sd.ByOnFriday < 0 || sd.By > 24*time.Hour || sd.ByOnFriday > 24*time.Hour:
				return errors.New("calendar: short day " + strconv.Quote(sd.Name) + ": shortening must be between 0 and 24 hours")
			}
		}
		c.shortDays = append(c.shortDays, list...)
		return nil
	}}
}
