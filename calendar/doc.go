// Package calendar is the Swedish working-day calendar of kommunkit: public
// holidays and the eves, organisation closure days, office hours, shortened
// days, and deadline arithmetic for response times.
//
// All local reasoning happens in Europe/Stockholm, whatever zone a time is given
// in. The time zone data for Europe/Stockholm is embedded (about 500 bytes), so
// the package works the same in a server, in the browser (GOOS=js GOARCH=wasm)
// and at the edge, and it never reads the file system.
//
// # Working days
//
// A legal working day (Lag 1930:173) is any day except a Saturday, a Sunday, an
// allmän helgdag (Lag 1989:253), midsommarafton, julafton or nyårsafton. An
// organisation working day is a day on which the calendar's week has office
// hours, that is not a holiday or one of the three eves, and that is not one of
// the organisation's own closure days. With the default week (Monday to Friday)
// the two agree except for closure days; a calendar for a channel that is
// staffed on weekends counts its weekend days too.
//
// # Deadlines
//
// A Span says how long the organisation has. There are four kinds:
//
//   - WorkingDays(n): the start day is the day of receipt if that day is a
//     working day and the message arrived before office close; otherwise it is
//     the next working day. The deadline is office close on the n-th working
//     day after the start day.
//   - WorkingTime(d): only time inside office hours on working days counts.
//   - Hours(n): an absolute duration that does not stop at weekends.
//   - Days(n): calendar days for statutory deadlines. When the last day is not a
//     legal working day the deadline moves to the next one (Lag 1930:173 2 §).
//     The deadline is 23:59:59 local time on that day. Organisation closure days
//     and office hours never move it.
//
// Calendar arithmetic (dates) is kept apart from absolute durations, so a
// deadline is right in the weeks when daylight saving time begins and ends.
//
// # Range and speed
//
// Holidays are right for every year from 1954 (the rules of 1953) onwards;
// earlier years are computed with the same rules and are not historical. For the
// years 1954 to 2200 each Calendar keeps a bitmap of its working days, so
// Deadline with WorkingDays does not allocate and does not walk day by day.
// Outside that range the same rules are applied day by day.
package calendar
