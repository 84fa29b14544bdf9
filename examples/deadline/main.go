// Command deadline prints when a message must be answered, and why.
//
//	go run ./examples/deadline -from "2026-12-23 15:00" -within "2 arbetsdagar"
//	go run ./examples/deadline -from "2026-12-23 15:00" -within "2 working days" -lang en
//	go run ./examples/deadline -from "2026-12-23 15:00" -policy nykvarn -channel email
//
// With -policy the response time and the calendar (office hours, closure days,
// shortened days) come from one of the servicerules presets, for the channel
// and audience given.
//
// -from is a local time in Europe/Stockholm ("2006-01-02 15:04") or RFC 3339.
// A bad flag value prints an error and exits with status 2.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now))
}

// run is the whole program; it returns the exit status.
func run(args []string, stdout, stderr io.Writer, now func() time.Time) int {
	fs := flag.NewFlagSet("deadline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", `when the message arrived: "2006-01-02 15:04" (Stockholm time) or RFC 3339; default now`)
	within := fs.String("within", "", `the response time: "2 arbetsdagar", "48 timmar", "3 veckor", "1 working day", "2 työpäivää"`)
	langCode := fs.String("lang", "sv", "language of the explanation: sv, fi or en")
	hours := fs.String("hours", "", `office hours Monday to Friday, e.g. "08:00-12:00,13:00-16:30" (default 08:00-16:30)`)
	closed := fs.String("closed", "", `the organisation's closure days, e.g. "2026-05-15,2026-06-05"`)
	short := fs.Bool("short-days", false, "use the state agreement's shortened days (skärtorsdag and others)")
	policy := fs.String("policy", "", "take the response time and calendar from a policy preset: "+strings.Join(servicerules.Presets(), ", "))
	channel := fs.String("channel", "", "with -policy: the channel the message came in on, e.g. email, phone, post, e-post")
	audience := fs.String("audience", "external", "with -policy: external or internal")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "deadline:", err)
		return 2
	}
	if fs.NArg() > 0 {
		return fail(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	l := lang.Lang(*langCode)
	if !l.Valid() {
		return fail(fmt.Errorf("-lang: unknown language %q: want sv, fi or en", *langCode))
	}
	received := now()
	if *from != "" {
		var err error
		if received, err = parseTime(*from); err != nil {
			return fail(fmt.Errorf("-from: %w", err))
		}
	}
	if *policy != "" {
		return runPolicy(*policy, *channel, *audience, *within, *hours, *closed, *short, received, l, stdout, stderr)
	}
	if *channel != "" {
		return fail(errors.New("-channel needs -policy"))
	}
	if *within == "" {
		return fail(errors.New(`-within is required, for example -within "2 arbetsdagar" (or give -policy and -channel)`))
	}
	span, err := calendar.ParseSpan(*within)
	if err != nil {
		return fail(fmt.Errorf("-within: %w", err))
	}
	var opts []calendar.Option
	if *hours != "" {
		var ivs []calendar.Interval
		for _, s := range strings.Split(*hours, ",") {
			iv, err := calendar.ParseInterval(s)
			if err != nil {
				return fail(fmt.Errorf("-hours: %w", err))
			}
			ivs = append(ivs, iv)
		}
		opts = append(opts, calendar.WithWeekdayHours(ivs...))
	}
	if *closed != "" {
		for _, s := range strings.Split(*closed, ",") {
			d, err := calendar.ParseDate(strings.TrimSpace(s))
			if err != nil {
				return fail(fmt.Errorf("-closed: %w", err))
			}
			opts = append(opts, calendar.WithClosures(calendar.Closure{Date: d, Reason: "klämdag"}))
		}
	}
	if *short {
		opts = append(opts, calendar.WithShortDays(calendar.StateAgreementShortDays()...))
	}
	c, err := calendar.New(opts...)
	if err != nil {
		return fail(err)
	}
	e := c.Explain(received, span)
	fmt.Fprintln(stdout, e.Deadline.Format(time.RFC3339))
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, e.Text(l))
	return 0
}

// parseTime reads a Stockholm wall-clock time or an RFC 3339 time.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, calendar.Location()); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("cannot read time %q: want \"2006-01-02 15:04\" (Stockholm time) or RFC 3339", s)
}

// runPolicy prints the deadline for a channel under a policy preset.
func runPolicy(name, channel, audience, within, hours, closed string, short bool, received time.Time, l lang.Lang, stdout, stderr io.Writer) int {
	fail := func(err error) int {
		fmt.Fprintln(stderr, "deadline:", err)
		return 2
	}
	if within != "" || hours != "" || closed != "" || short {
		return fail(errors.New("-policy sets the response time and calendar: leave out -within, -hours, -closed and -short-days"))
	}
	p, err := servicerules.Preset(name)
	if err != nil {
		return fail(fmt.Errorf("-policy: %w", err))
	}
	if channel == "" {
		return fail(errors.New("-policy needs -channel, for example -channel email"))
	}
	ch, err := servicerules.ParseChannel(channel)
	if err != nil {
		return fail(fmt.Errorf("-channel: %w", err))
	}
	aud, err := servicerules.ParseAudience(audience)
	if err != nil {
		return fail(fmt.Errorf("-audience: %w", err))
	}
	src := p.Source()
	fmt.Fprintf(stdout, "%s, %s (%s, %s)\n", src.Organisation, src.Title, src.Diary, src.Date)
	reply, ok := p.Reply(ch, aud)
	if !ok || reply.Limit.IsZero() && reply.Target.IsZero() {
		// The policy gives no figure: say so rather than invent one.
		fmt.Fprintf(stdout, "%s (%s): %s\n", ch, aud, noRule.In(l))
		if reply.Note != "" {
			fmt.Fprintln(stdout, reply.Note)
		}
		return 1
	}
	if len(reply.Via) > 1 {
		fmt.Fprintf(stdout, "%s %s %s\n", ch, follows.In(l), reply.Via[len(reply.Via)-1])
	}
	e := p.Calendar().Explain(received, reply.Limit)
	fmt.Fprintln(stdout, e.Deadline.Format(time.RFC3339))
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, e.Text(l))
	for _, c := range reply.Citations {
		fmt.Fprintf(stdout, "  [%s] %q\n", c.Section, c.Quote)
	}
	return 0
}

var noRule = lang.Text{
	Sv: "policyn anger ingen svarstid för den här kanalen.",
	Fi: "toimintaperiaatteissa ei ole vastausaikaa tälle kanavalle.",
	En: "the policy states no response time for this channel.",
}

var follows = lang.Text{
	Sv: "följer reglerna för",
	Fi: "noudattaa samoja sääntöjä kuin",
	En: "follows the rule for",
}
