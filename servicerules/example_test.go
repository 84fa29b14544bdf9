package servicerules_test

import (
	"fmt"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

func ExamplePreset() {
	p, err := servicerules.Preset("nykvarn")
	if err != nil {
		panic(err)
	}
	src := p.Source()
	fmt.Println(src.Organisation, "·", src.Title, "·", src.Diary)
	r, _ := p.Reply(servicerules.SMS, servicerules.External)
	fmt.Println("SMS follows", r.Via[len(r.Via)-1], "→", r.Limit)
	fmt.Println(r.Citations[0].Quote)
	note, _ := p.NotStated("officeHours")
	fmt.Println(note[:len(servicerules.NotStated)])
	_, err = servicerules.Preset("stockholm")
	fmt.Println(err)
	// Output:
	// Nykvarns kommun · Riktlinjer för service och bemötande · KS/2020:548
	// SMS follows phone → 1 arbetsdag
	// SMS ska besvaras enligt samma riktlinjer som telefonsamtal.
	// not stated
	// servicerules: no preset called "stockholm"; the presets are ale, hassleholm, nykvarn, osteraker, varmdo
}

func ExamplePresets() {
	fmt.Println(servicerules.Presets())
	// Output: [ale hassleholm nykvarn osteraker varmdo]
}

func ExamplePolicy_ReplyDue() {
	received := time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location())
	for _, name := range servicerules.Presets() {
		p, _ := servicerules.Preset(name)
		due, ok := p.ReplyDue(servicerules.Email, servicerules.External, received)
		if !ok {
			fmt.Printf("%-10s no limit for e-mail\n", name)
			continue
		}
		fmt.Printf("%-10s %s\n", name, calendar.Format(due, lang.English))
	}
	// Output:
	// ale        Wednesday 30 December 2026 at 16:30
	// hassleholm no limit for e-mail
	// nykvarn    Monday 28 December 2026 at 16:30
	// osteraker  Monday 28 December 2026 at 16:30
	// varmdo     Tuesday 29 December 2026 at 16:30
}

func ExamplePolicy_WrittenReplyDue() {
	p, _ := servicerules.Preset("nykvarn")
	received := time.Date(2026, 12, 23, 15, 0, 0, 0, calendar.Location())
	_, ok := p.ReplyDue(servicerules.Web, servicerules.External, received)
	fmt.Println("a rule for the web:", ok)
	due, via, _ := p.WrittenReplyDue(servicerules.Web, servicerules.External, received)
	fmt.Println("a form on the web follows", via, "→", due)
	// Output:
	// a rule for the web: false
	// a form on the web follows email → 2026-12-28 16:30:00 +0100 CET
}

func ExamplePolicy_TargetDue() {
	p, _ := servicerules.Preset("ale")
	received := time.Date(2026, 6, 18, 9, 0, 0, 0, calendar.Location())
	target, _ := p.TargetDue(servicerules.Phone, servicerules.External, received)
	limit, _ := p.ReplyDue(servicerules.Phone, servicerules.External, received)
	fmt.Println("target:", calendar.Format(target, lang.Swedish))
	fmt.Println("limit: ", calendar.Format(limit, lang.Swedish))
	// Output:
	// target: måndag 22 juni 2026 kl. 16:30
	// limit:  onsdag 24 juni 2026 kl. 16:30
}

func ExamplePolicy_CheckAbsence() {
	p, _ := servicerules.Preset("nykvarn")
	from := time.Date(2026, 12, 21, 8, 0, 0, 0, calendar.Location())
	a := servicerules.Absence{
		From:          from,
		To:            from.Add(72 * time.Hour),
		PhoneReferral: true,
		Message:       "Jag är ledig till och med den 23 december.",
	}
	for _, f := range p.CheckAbsence(a) {
		fmt.Println(f.Rule.Require)
		fmt.Println(f.Message.Sv)
		fmt.Println(f.Message.En)
		fmt.Println(f.Rule.Citations[0].Section+":", f.Rule.Citations[0].Quote)
	}
	a.Message += " Kontakta Anna Berg, 08-555 010 01."
	fmt.Println(len(p.CheckAbsence(a)), "findings")
	// Output:
	// alternative-contact
	// Frånvaro längre än 24 timmar: Meddelandet måste tydligt ge en annan kontaktväg med kontaktuppgifter: ett telefonnummer eller en e-postadress.
	// Absence longer than 24 hours: The message must clearly give another way to get in touch, with contact details: a phone number or an e-mail address.
	// 4.1 Bemötande: Vid frånvaro som överstiger 24 timmar ska en alternativ kontaktväg (innehållande kontaktuppgifter) tydligt framgå i meddelandet.
	// 0 findings
}

func ExamplePolicy_AutoReply() {
	p, _ := servicerules.Preset("nykvarn")
	loc := calendar.Location()
	a := servicerules.Absence{
		From:        time.Date(2026, 12, 21, 0, 0, 0, 0, loc),
		To:          time.Date(2026, 12, 24, 0, 0, 0, 0, loc), // away 21-23 December
		Person:      servicerules.Contact{Name: "Erik Lind"},
		Alternative: servicerules.Contact{Name: "Anna Berg", Phone: "08-555 010 01", Email: "anna.berg@nykvarn.se"},
	}
	msg, err := p.AutoReply(a, lang.English)
	if err != nil {
		panic(err)
	}
	fmt.Println(msg)
	// Output:
	// Hello,
	//
	// I am away and back on Monday 28 December.
	// In the meantime, please contact Anna Berg, phone 08-555 010 01, e-mail anna.berg@nykvarn.se.
	//
	// Kind regards
	// Erik Lind
	// Nykvarns kommun
}

func ExamplePolicy_Reach() {
	p, _ := servicerules.Preset("nykvarn")
	at := time.Date(2026, 12, 23, 17, 0, 0, 0, calendar.Location())
	r, _ := p.Reach(servicerules.Phone, at)
	fmt.Println(r.Staffed, r.Instead)
	fmt.Println(r.Text(lang.English))
	// Output:
	// false voicemail
	// Phone: closed now. Opens Monday 28 December 2026 at 08:00. Meanwhile: voicemail. Answer by Tuesday 29 December 2026 at 16:30. (The policy gives no hours, so ordinary office hours apply.)
}

func ExamplePolicy_RouteCall() {
	p, _ := servicerules.Preset("hassleholm")
	unit := servicerules.Unit{Name: "Bygglov", Staff: []servicerules.Person{
		{Name: "Anna", ForwardTo: "Bo"},
		{Name: "Bo", ForwardTo: "Anna"},
		{Name: "Cia", Present: true},
	}}
	route := p.RouteCall(unit, "Anna")
	fmt.Println(route.Text(lang.English))
	// Output:
	// Anna is not in.
	// Forwarded to Bo, who is not in either.
	// Passing the call to Anna leads back to someone already tried, so it is not followed.
	// A colleague in the same unit, Cia, answers.
}

func ExampleParse() {
	p, err := servicerules.Parse([]byte(`{
	  "id": "mini",
	  "source": {"organisation": "Minikommun", "title": "Servicepolicy", "date": "2025-01-01"},
	  "calendar": {},
	  "replies": [{"channels": ["email"], "audiences": ["external"], "limit": "2 arbetsdagar",
	    "citations": [{"section": "Svarstid", "quote": "E-post besvaras inom två arbetsdagar."}]}]
	}`))
	fmt.Println(p.ID(), err)
	_, err = servicerules.Parse([]byte(`{"id": "x", "source": {"organisation": "o", "title": "t", "date": "2025-01-01"},
	  "replies": [{"channels": ["fax"], "audiences": ["external"], "limit": "1 arbetsdag", "citations": [{"quote": "q"}]}]}`))
	fmt.Println(err)
	// Output:
	// mini <nil>
	// servicerules: replies[0].channels[0] = "fax": unknown channel; use one of phone, voicemail, sms, email, post, visit, web, eservice, chat, social
}
