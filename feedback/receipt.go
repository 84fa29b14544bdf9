package feedback

import (
	"strings"
	"time"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/appeal"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// A Receipt is the answer a person gets at once when they send a message:
// in plain language, in their language, what happens now and by when.
type Receipt struct {
	Kind     message.Kind `json:"kind"`
	Language lang.Lang    `json:"language"`
	Message  string       `json:"message"`
	// Due is when the person gets a reply at the latest; nil when no reply
	// is owed (anonymous, an elected official, routed elsewhere) or the
	// policy gives no figure.
	Due *time.Time `json:"due"`
	// AppealBy is, for an appeal, the last moment the appeal may arrive:
	// 23:59:59 on the last day.
	AppealBy *time.Time `json:"appeal_by,omitempty"`
}

// Receipt returns the receipt for c under policy p (the policy that made
// c), in c's language. It says, by case:
//
//   - to an elected official: the service policy does not cover it; send
//     it to the official directly, or to the municipality's registrar, at
//     the policy's general address where it gives one;
//   - an appeal: a synpunkt does not replace an appeal; how to appeal
//     (write to the authority that made the decision: which decision, why
//     and what change) and the last day, three weeks from the day the
//     decision was received, or from the day of the message when that is
//     not known, which the receipt then says (package feedback/appeal);
//   - a fault report: it goes to fault reporting (felanmälan);
//   - a damage claim: it goes to the claims process (skadeanmälan), which
//     needs contact details;
//   - a synpunkt or a question with contact details: the reply is due by
//     c.ReplyDue, and an interim reply comes first if the answer takes
//     longer; when the policy has no rule for the channel and another
//     channel's rule gave the date, the receipt says which; when the policy
//     gives no figure, it says so and promises a reply as soon as possible;
//   - anonymous: no reply can be given.
func (c Case) Receipt(p *servicerules.Policy) Receipt { return c.outcome().receipt(p) }

// receipt is Case.Receipt for an outcome: Preview's receipt is the case's.
func (c outcome) receipt(p *servicerules.Policy) Receipt {
	l := c.Language.Or(lang.Swedish)
	r := Receipt{Kind: c.Kind, Language: l}
	var b strings.Builder
	say := func(sv, fi, en string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(lang.Text{Sv: sv, Fi: fi, En: en}.In(l))
	}
	switch {
	case c.Recipient == ToElectedOfficial:
		c.electedOfficial(p, say)
	case c.Kind == message.Appeal:
		r.AppealBy = c.appeal(l, say)
	case c.Kind == message.FaultReport:
		say("Tack för din felanmälan.",
			"Kiitos vikailmoituksestasi.",
			"Thank you for your fault report.")
		say("Vi skickar den till kommunens felanmälan. De ser till att felet blir åtgärdat.",
			"Lähetämme sen kunnan vikailmoituksiin. He huolehtivat siitä, että vika korjataan.",
			"We are sending it to the municipality's fault reporting. They will see that the fault is fixed.")
		if c.Anonymous() {
			say("Du har inte lämnat några kontaktuppgifter. Därför kan vi inte berätta för dig när felet är åtgärdat.",
				"Et jättänyt yhteystietoja. Siksi emme voi kertoa sinulle, milloin vika on korjattu.",
				"You did not leave any contact details, so we cannot tell you when the fault is fixed.")
		} else {
			say("De hör av sig till dig om de behöver veta mer.",
				"He ottavat sinuun yhteyttä, jos he tarvitsevat lisätietoja.",
				"They will contact you if they need to know more.")
		}
	case c.Kind == message.DamageClaim:
		say("Tack för ditt meddelande.",
			"Kiitos viestistäsi.",
			"Thank you for your message.")
		say("Du vill ha ersättning för en skada. Det är ett skadeanspråk och inte en synpunkt.",
			"Haluat korvausta vahingosta. Se on vahingonkorvausvaatimus eikä palaute.",
			"You are asking for compensation for damage. That is a damage claim, not feedback.")
		say("Vi skickar det till kommunens skadeanmälan. Där utreder de skadan.",
			"Lähetämme sen kunnan vahinkoilmoituksiin. Siellä vahinko selvitetään.",
			"We are sending it to the municipality's claims process. They will look into the damage.")
		if c.Anonymous() {
			say("För att utreda ett skadeanspråk behöver de ditt namn och hur de når dig. Skicka det igen med dina kontaktuppgifter.",
				"Vahingonkorvausvaatimuksen selvittämiseksi he tarvitsevat nimesi ja yhteystietosi. Lähetä se uudelleen yhteystietojesi kanssa.",
				"To look into a damage claim they need your name and how to reach you. Please send it again with your contact details.")
		} else {
			say("De hör av sig till dig.",
				"He ottavat sinuun yhteyttä.",
				"They will contact you.")
		}
	default:
		switch c.Kind {
		case message.Praise:
			say("Tack för ditt beröm! Vi skickar det vidare till dem det gäller.",
				"Kiitos kehuistasi! Välitämme ne niille, joita ne koskevat.",
				"Thank you for your praise! We will pass it on to the people it is about.")
		case message.Complaint:
			say("Tack för att du hör av dig. Vi tar ditt klagomål på allvar.",
				"Kiitos, että otit yhteyttä. Otamme palautteesi vakavasti.",
				"Thank you for getting in touch. We take your complaint seriously.")
		case message.Suggestion:
			say("Tack för ditt förslag.",
				"Kiitos ehdotuksestasi.",
				"Thank you for your suggestion.")
		case message.Question:
			say("Tack för din fråga.",
				"Kiitos kysymyksestäsi.",
				"Thank you for your question.")
		default:
			say("Tack för ditt meddelande.",
				"Kiitos viestistäsi.",
				"Thank you for your message.")
		}
		r.Due = c.replyPromise(l, say)
	}
	r.Message = b.String()
	return r
}

// replyPromise says when the person gets a reply, or that they cannot, and
// returns the due time.
func (c outcome) replyPromise(l lang.Lang, say func(sv, fi, en string)) *time.Time {
	if c.Anonymous() {
		say("Du har inte lämnat någon e-postadress eller något telefonnummer. Därför kan vi inte svara dig.",
			"Et jättänyt sähköpostiosoitetta etkä puhelinnumeroa. Siksi emme voi vastata sinulle.",
			"You did not leave an e-mail address or a phone number, so we cannot reply to you.")
		if c.Kind == message.Question {
			say("Vill du ha svar, skicka frågan igen med din e-postadress eller ditt telefonnummer.",
				"Jos haluat vastauksen, lähetä kysymys uudelleen sähköpostiosoitteesi tai puhelinnumerosi kanssa.",
				"If you want an answer, send the question again with your e-mail address or phone number.")
		} else {
			say("Vi läser ändå det du skriver och använder det för att bli bättre.",
				"Luemme silti viestisi ja käytämme sitä parantaaksemme toimintaamme.",
				"We still read what you write and use it to do better.")
		}
		return nil
	}
	if c.ReplyDue.IsZero() {
		name := c.Channel.Name(l)
		say("Kommunens servicepolicy anger ingen svarstid för kanalen "+name+". Vi svarar dig så snart vi kan.",
			"Kunnan palvelulinjauksessa ei ole vastausaikaa kanavalle ”"+name+"”. Vastaamme sinulle niin pian kuin voimme.",
			"The municipality's service policy sets no response time for the channel "+name+". We will reply as soon as we can.")
		return nil
	}
	due := c.ReplyDue
	when := calendar.Format(due, l)
	say("Du får svar senast "+when+".",
		"Saat vastauksen viimeistään "+when+".",
		"You will get a reply by "+when+" at the latest.")
	if c.DueVia != "" && c.DueVia != c.Channel {
		name, via := c.Channel.Name(l), c.DueVia.Name(l)
		say("Servicepolicyn anger ingen svarstid för kanalen "+name+", så vi följer svarstiden för "+via+".",
			"Palvelulinjauksessa ei ole vastausaikaa kanavalle ”"+name+"”, joten noudatamme kanavan ”"+via+"” vastausaikaa.",
			"The service policy sets no response time for the channel "+name+", so we follow the one for "+via+".")
	}
	say("Kan vi inte svara helt före dess, hör vi av oss och berättar vem som svarar och när.",
		"Jos emme voi vastata kokonaan ennen sitä, otamme yhteyttä ja kerromme, kuka vastaa ja milloin.",
		"If we cannot give a full answer by then, we will tell you who will answer and when.")
	return &due
}

// appeal explains how to appeal and by when, and returns the last moment.
func (c outcome) appeal(l lang.Lang, say func(sv, fi, en string)) *time.Time {
	say("Tack för ditt meddelande. Det ser ut som att du vill överklaga ett beslut.",
		"Kiitos viestistäsi. Näyttää siltä, että haluat valittaa päätöksestä.",
		"Thank you for your message. It looks as if you want to appeal a decision.")
	say("En synpunkt ersätter inte ett överklagande.",
		"Palaute ei korvaa valitusta.",
		"Feedback does not replace an appeal.")
	say("Så här överklagar du: Skriv till den myndighet som fattade beslutet. Skriv vilket beslut det gäller, varför du tycker att det är fel och vilken ändring du vill ha.",
		"Näin valitat: Kirjoita viranomaiselle, joka teki päätöksen. Kerro, mitä päätöstä valitus koskee, miksi päätös on mielestäsi väärä ja miten haluat sitä muutettavan.",
		"How to appeal: write to the authority that made the decision. Say which decision it is, why you think it is wrong and what change you want.")
	due := appeal.Due(c.DecisionReceived, c.Received)
	from, known, last := due.From, due.Known, due.By
	day := calendar.DateOf(last).Format(l)
	say("Överklagandet ska ha kommit in till myndigheten senast "+day+". Det är tre veckor från den dag du fick beslutet (förvaltningslagen 44 §).",
		"Valituksen on oltava perillä viranomaisessa viimeistään "+day+". Se on kolme viikkoa siitä päivästä, jona sait päätöksen (Ruotsin hallintolaki, 44 §).",
		"The appeal must reach the authority by "+day+" at the latest. That is three weeks from the day you received the decision (Swedish Administrative Procedure Act, section 44).")
	if !known {
		today := from.Format(l)
		say("Vi vet inte när du fick beslutet, så vi har räknat från i dag, "+today+". Fick du det tidigare, räkna tre veckor från den dagen.",
			"Emme tiedä, milloin sait päätöksen, joten laskimme tästä päivästä, "+today+". Jos sait sen aiemmin, laske kolme viikkoa siitä päivästä.",
			"We do not know when you received the decision, so we counted from today, "+today+". If you received it earlier, count three weeks from that day.")
	} else if c.Received.After(last) {
		say("Den tiden har redan gått ut. Skriv ändå till myndigheten. De avgör om överklagandet kan prövas.",
			"Tämä aika on jo kulunut umpeen. Kirjoita silti viranomaiselle. He ratkaisevat, voidaanko valitus käsitellä.",
			"That time has already run out. Write to the authority anyway. They decide whether the appeal can be heard.")
	}
	say("Ofta står det i beslutet hur du överklagar.",
		"Päätöksessä kerrotaan usein, miten valitetaan.",
		"The decision often says how to appeal.")
	return &last
}

// electedOfficial says that the message is not handled under the policy,
// and where it goes instead.
func (c outcome) electedOfficial(p *servicerules.Policy, say func(sv, fi, en string)) {
	say("Tack för ditt meddelande. Det är till en förtroendevald, alltså en politiker.",
		"Kiitos viestistäsi. Se on tarkoitettu luottamushenkilölle eli poliitikolle.",
		"Thank you for your message. It is for an elected official, a politician.")
	say("Kommunens regler för synpunkter gäller inte meddelanden till förtroendevalda. Därför svarar vi inte på det här.",
		"Kunnan palautesäännöt eivät koske luottamushenkilöille lähetettyjä viestejä. Siksi emme vastaa tähän.",
		"The municipality's rules for feedback do not cover messages to elected officials, so we will not reply to this one.")
	if addr := registryAddress(p); addr != "" {
		say("Skicka det direkt till politikern, eller till kommunens registrator på "+addr+". Registratorn lämnar det vidare.",
			"Lähetä se suoraan poliitikolle tai kunnan kirjaamoon osoitteeseen "+addr+". Kirjaamo välittää sen eteenpäin.",
			"Send it to the politician directly, or to the municipality's registrar at "+addr+". The registrar will pass it on.")
	} else {
		say("Skicka det direkt till politikern, eller till kommunens registrator. Registratorn lämnar det vidare.",
			"Lähetä se suoraan poliitikolle tai kunnan kirjaamoon. Kirjaamo välittää sen eteenpäin.",
			"Send it to the politician directly, or to the municipality's registrar. The registrar will pass it on.")
	}
}

// registryAddress returns the policy's general e-mail address, or its
// postal address, for the registrar; "" when it gives neither.
func registryAddress(p *servicerules.Policy) string {
	if p == nil {
		return ""
	}
	for _, ch := range []servicerules.Channel{servicerules.Email, servicerules.Post} {
		for _, pt := range p.Contacts().Points {
			if pt.Channel == ch && pt.Purpose == "" && pt.Address != "" {
				return pt.Address
			}
		}
	}
	return ""
}
