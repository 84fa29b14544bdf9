package webui

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback"
)

// The languages the pages are written in. Swedish is the default; a page
// is in English with ?lang=en (or the hidden field lang=en in a form).
const (
	langSV = feedback.Swedish
	langEN = feedback.English
)

// pageLang returns the language a request asks for: "en" for lang=en in the
// query or form, and Swedish for anything else.
func pageLang(v string) string {
	if strings.EqualFold(strings.TrimSpace(v), langEN) {
		return langEN
	}
	return langSV
}

// text is one message of the pages, in Swedish and English.
type text struct{ sv, en string }

func (t text) in(lang string) string {
	if lang == langEN {
		return t.en
	}
	return t.sv
}

// messages holds every fixed text the pages show, by key. Values with %s or
// %d are format strings for Page.Tf.
var messages = map[string]text{
	// Layout.
	"skip":          {"Hoppa till innehållet", "Skip to content"},
	"site.tagline":  {"En demo av kommunkit", "A kommunkit demo"},
	"nav.home":      {"Lämna synpunkt", "Give feedback"},
	"nav.a11y":      {"Tillgänglighet", "Accessibility"},
	"nav.staff":     {"För personal", "For staff"},
	"nav.inbox":     {"Inkorg", "Inbox"},
	"nav.followup":  {"Uppföljning", "Follow-up"},
	"nav.logout":    {"Logga ut", "Log out"},
	"nav.main":      {"Huvudmeny", "Main menu"},
	"lang.switch":   {"In English", "På svenska"},
	"footer.demo":   {"Det här är en demo. %s finns inte på riktigt.", "This is a demo. %s does not exist."},
	"footer.rules":  {"Svarstiderna kommer från %s: %s (%s).", "The response times come from %s: %s (%s)."},
	"footer.a11y":   {"Tillgänglighetsredogörelse", "Accessibility statement"},
	"error.title":   {"Något gick fel", "Something went wrong"},
	"error.retry":   {"Försök igen om en stund. Om felet finns kvar, kontakta oss.", "Please try again in a moment. If the problem remains, contact us."},
	"notfound":      {"Sidan finns inte", "page not found"},
	"notfound.body": {"Vi hittar inte sidan du söker. Kontrollera adressen.", "We cannot find the page you are looking for. Check the address."},
	"toolarge":      {"Meddelandet är för stort", "The message is too large"},
	"goto.home":     {"Till startsidan", "Go to the home page"},

	// Home page.
	"home.title":         {"Lämna en synpunkt", "Give feedback"},
	"home.h1":            {"Lämna en synpunkt till %s", "Give feedback to %s"},
	"home.intro":         {"Berätta vad du tycker om kommunens service. Du kan ge beröm, klaga eller föreslå något. Du kan också ställa en fråga.", "Tell us what you think of the municipality's services. You can give praise, make a complaint or suggest something. You can also ask a question."},
	"home.when":          {"När får jag svar?", "When will I get an answer?"},
	"home.due":           {"Skickar du ditt meddelande nu, får du svar senast %s.", "If you send your message now, you will get an answer by %s."},
	"home.rule":          {"Kommunens regel är svar inom %s.", "The municipality's rule is an answer within %s."},
	"home.nofigure":      {"Vi svarar så snart vi kan.", "We will answer as soon as we can."},
	"home.anon":          {"Du kan vara anonym. Då kan vi inte svara dig.", "You can stay anonymous. Then we cannot answer you."},
	"home.elsewhere":     {"Vissa ärenden går en annan väg", "Some matters go another way"},
	"home.fault":         {"Felanmälan, till exempel en trasig gatlampa: vi skickar den vidare till dem som lagar felet.", "A fault report, for example a broken street light: we pass it on to the people who repair it."},
	"home.damage":        {"Skadeanspråk, om du vill ha ersättning för en skada: skriv dina kontaktuppgifter, så kan vi skicka det vidare.", "A damage claim, if you want compensation for damage: give your contact details so that we can pass it on."},
	"home.appeal":        {"Vill du överklaga ett beslut? En synpunkt är inte ett överklagande. Skriv till den som fattade beslutet inom tre veckor från den dag du fick beslutet.", "Do you want to appeal a decision? Feedback is not an appeal. Write to whoever made the decision within three weeks of the day you received it."},
	"home.times":         {"Svarstider", "Response times"},
	"home.times.caption": {"Hur snabbt kommunen svarar, per kontaktväg", "How soon the municipality answers, by way of contact"},
	"home.channel":       {"Kontaktväg", "Way of contact"},
	"home.within":        {"Svar inom", "Answer within"},
	"home.asap":          {"så snart som möjligt", "as soon as possible"},
	"home.via":           {"%s (som för %s)", "%s (as for %s)"},

	// Plain form.
	"form.title":        {"Skriv ditt meddelande", "Write your message"},
	"form.nojs":         {"Formuläret fungerar utan JavaScript.", "The form works without JavaScript."},
	"form.required":     {"Fält märkta (måste fyllas i) är obligatoriska.", "Fields marked (required) must be filled in."},
	"form.text":         {"Ditt meddelande", "Your message"},
	"form.text.req":     {"(måste fyllas i)", "(required)"},
	"form.text.hint":    {"Skriv inte ditt personnummer eller annat känsligt om dig själv.", "Do not write your personal identity number or other sensitive facts about yourself."},
	"form.contact":      {"Vill du ha svar?", "Do you want an answer?"},
	"form.contact.hint": {"Skriv din e-postadress eller ditt telefonnummer. Utan dem kan vi inte svara dig.", "Give your e-mail address or phone number. Without them we cannot answer you."},
	"form.name":         {"Namn (frivilligt)", "Name (optional)"},
	"form.email":        {"E-postadress (frivilligt)", "E-mail address (optional)"},
	"form.phone":        {"Telefonnummer (frivilligt)", "Phone number (optional)"},
	"form.hp":           {"Lämna det här fältet tomt", "Leave this field empty"},
	"form.send":         {"Skicka", "Send"},
	"form.errors":       {"Det finns %d fel i formuläret", "There are %d errors in the form"},
	"form.error1":       {"Det finns 1 fel i formuläret", "There is 1 error in the form"},
	"form.stamp.old":    {"Formuläret var för gammalt. Kontrollera texten och skicka igen.", "The form was too old. Check your text and send it again."},
	"form.stamp.fast":   {"Formuläret skickades för snabbt. Vänta några sekunder och skicka igen.", "The form was sent too quickly. Wait a few seconds and send it again."},
	"form.stamp.bad":    {"Formuläret kunde inte kontrolleras. Skicka igen.", "The form could not be checked. Please send it again."},
	"form.rejected":     {"Meddelandet kunde inte tas emot.", "The message could not be accepted."},

	// Receipt.
	"receipt.title":   {"Tack för ditt meddelande", "Thank you for your message"},
	"receipt.h1":      {"Tack! Vi har tagit emot ditt meddelande", "Thank you! We have received your message"},
	"receipt.due":     {"Du får svar senast", "You will get an answer by"},
	"receipt.appeal":  {"Sista dagen att överklaga", "Last day to appeal"},
	"receipt.follow":  {"Följ ditt ärende", "Follow your case"},
	"receipt.link":    {"Här ser du status och svar:", "Here you can see the status and the answer:"},
	"receipt.keep":    {"Spara länken. Den som har länken kan se status och svar, men inte ditt meddelande eller dina kontaktuppgifter.", "Keep the link. Anyone with the link can see the status and the answer, but not your message or your contact details."},
	"receipt.new":     {"Skriv ett nytt meddelande", "Write a new message"},
	"receipt.already": {"Det här meddelandet hade vi redan tagit emot. Du ser samma kvitto som förra gången.", "We had already received this message. You see the same receipt as last time."},

	// Citizen case page.
	"case.title":        {"Ditt ärende", "Your case"},
	"case.status":       {"Status", "Status"},
	"case.kind":         {"Typ av meddelande", "Type of message"},
	"case.received":     {"Mottaget", "Received"},
	"case.due":          {"Svar senast", "Answer by"},
	"case.answered":     {"Besvarat", "Answered"},
	"case.interim":      {"Besked från kommunen", "Message from the municipality"},
	"case.reply":        {"Svar", "Answer"},
	"case.noreply":      {"Inget svar ännu.", "No answer yet."},
	"case.nodue":        {"Inget svar utlovat", "No answer promised"},
	"case.privacy":      {"Den här sidan visar bara status och svar. Ditt meddelande och dina kontaktuppgifter visas inte här.", "This page shows only the status and the answer. Your message and contact details are not shown here."},
	"case.notfound":     {"Vi hittar inget ärende med den länken", "We cannot find a case with that link"},
	"case.notfound2":    {"Kontrollera att du har kopierat hela länken från kvittot.", "Check that you copied the whole link from the receipt."},
	"kind.none":         {"ännu inte bestämd", "not decided yet"},
	"kind.unclassified": {"Ej klassade", "Unclassified"},

	// Staff login.
	"login.title":   {"Logga in", "Log in"},
	"login.h1":      {"Logga in som personal", "Log in as staff"},
	"login.token":   {"Personalnyckel", "Staff key"},
	"login.hint":    {"Nyckeln finns i miljövariabeln KOMMUNKIT_STAFF_TOKEN, eller skrevs ut när webbplatsen startade.", "The key is in the environment variable KOMMUNKIT_STAFF_TOKEN, or was printed when the site started."},
	"login.submit":  {"Logga in", "Log in"},
	"login.wrong":   {"Fel nyckel. Försök igen.", "Wrong key. Try again."},
	"login.missing": {"Skriv nyckeln.", "Enter the key."},
	"login.out":     {"Du är utloggad.", "You are logged out."},

	// Staff inbox.
	"inbox.title":     {"Inkorg", "Inbox"},
	"inbox.filter":    {"Filtrera", "Filter"},
	"inbox.any":       {"Alla", "All"},
	"inbox.overdue":   {"Bara försenade", "Overdue only"},
	"inbox.count":     {"%d ärenden", "%d cases"},
	"inbox.count1":    {"1 ärende", "1 case"},
	"inbox.empty":     {"Inga ärenden matchar filtret.", "No cases match the filter."},
	"inbox.caption":   {"Ärenden sorterade efter när de ska besvaras. Försenade ärenden är märkta med texten Försenad.", "Cases sorted by when they are due. Overdue cases are marked with the word Overdue."},
	"inbox.redacted":  {"Personuppgifter är dolda i listan. Hela texten finns i ärendet.", "Personal data is hidden in the list. The full text is in the case."},
	"inbox.open":      {"Öppna", "Open"},
	"inbox.limit":     {"Visar de första %d. Använd filtret för att se färre.", "Showing the first %d. Use the filter to see fewer."},
	"col.due":         {"Svar senast", "Due"},
	"col.status":      {"Status", "Status"},
	"col.kind":        {"Typ", "Kind"},
	"col.channel":     {"Kanal", "Channel"},
	"col.received":    {"Mottaget", "Received"},
	"col.text":        {"Meddelande", "Message"},
	"col.contact":     {"Kontakt", "Contact"},
	"mark.overdue":    {"Försenad", "Overdue"},
	"mark.register":   {"Ska diarieföras", "Must be registered"},
	"mark.regoverdue": {"Diarieföring försenad", "Registration overdue"},
	"mark.noreply":    {"Inget svar utlovat", "No reply owed"},
	"mark.anonymous":  {"Anonym", "Anonymous"},
	"field.status":    {"Status", "Status"},
	"field.kind":      {"Typ", "Kind"},
	"field.channel":   {"Kanal", "Channel"},

	// Staff case page.
	"scase.title":       {"Ärende", "Case"},
	"scase.back":        {"Tillbaka till inkorgen", "Back to the inbox"},
	"scase.text":        {"Meddelandet", "The message"},
	"scase.facts":       {"Uppgifter", "Details"},
	"scase.contact":     {"Kontaktuppgifter", "Contact details"},
	"scase.none":        {"inga", "none"},
	"scase.name":        {"Namn", "Name"},
	"scase.email":       {"E-post", "E-mail"},
	"scase.phone":       {"Telefon", "Phone"},
	"scase.confidence":  {"Säkerhet", "Confidence"},
	"scase.runnerup":    {"Kan också vara", "Could also be"},
	"scase.staffcompl":  {"Klagomål på bemötande: ska diarieföras först", "Complaint about staff: must be registered first"},
	"scase.regdue":      {"Diarieföras senast", "Register by"},
	"scase.replydue":    {"Svar senast (enligt policyn)", "Reply due (by the policy)"},
	"scase.duevia":      {"Regeln för %s användes, eftersom policyn saknar regel för %s.", "The rule for %s was used, because the policy has no rule for %s."},
	"scase.promised":    {"Utlovat svar", "Promised answer"},
	"scase.diary":       {"Diarienummer", "Diary number"},
	"scase.unit":        {"Enhet", "Unit"},
	"scase.language":    {"Språk", "Language"},
	"scase.token":       {"Medborgarens länk", "The citizen's link"},
	"scase.interim":     {"Skickat besked", "Interim reply sent"},
	"scase.reply":       {"Skickat svar", "Answer sent"},
	"scase.history":     {"Historik", "History"},
	"scase.hist.when":   {"När", "When"},
	"scase.hist.change": {"Ändring", "Change"},
	"scase.hist.note":   {"Anteckning", "Note"},
	"scase.actions":     {"Ändra status", "Change status"},
	"scase.noactions":   {"Ärendet är avslutat. Inget mer kan ändras.", "The case is closed. Nothing more can be changed."},
	"scase.done":        {"Ändringen är sparad: %s.", "The change is saved: %s."},
	"scase.conflict":    {"Någon annan ändrade ärendet samtidigt. Läs det du ser och försök igen.", "Someone else changed the case at the same time. Check what you see and try again."},
	"scase.illegal":     {"Ändringen går inte att göra nu.", "The change cannot be made now."},
	"scase.plainreply":  {"Klarspråk i svaret som skickades", "Plain language in the answer sent"},

	"act.registered":     {"Diarieför", "Register"},
	"act.registered.btn": {"Diarieför ärendet", "Register the case"},
	"act.interim_sent":   {"Skicka besked om vem som svarar och när", "Send an interim reply: who answers, and when"},
	"act.interim.btn":    {"Spara besked", "Save interim reply"},
	"act.waiting":        {"Vänta på komplettering", "Wait for the citizen"},
	"act.waiting.btn":    {"Pausa ärendet", "Pause the case"},
	"act.waiting.hint":   {"Klockan för svarstiden står still medan ärendet väntar.", "The response-time clock stops while the case waits."},
	"act.resume":         {"Återuppta ärendet", "Resume the case"},
	"act.resume.btn":     {"Återuppta", "Resume"},
	"act.answered":       {"Svara", "Answer"},
	"act.answered.btn":   {"Skicka svar", "Send answer"},
	"act.closed":         {"Avsluta", "Close"},
	"act.closed.btn":     {"Avsluta ärendet", "Close the case"},
	"act.check.btn":      {"Granska klarspråk", "Check plain language"},
	"fld.diary":          {"Diarienummer", "Diary number"},
	"fld.interim":        {"Besked till personen", "Message to the person"},
	"fld.promised":       {"Svar utlovat senast (datum och tid)", "Answer promised by (date and time)"},
	"fld.asked":          {"Vad du bad personen om", "What you asked the person for"},
	"fld.reply":          {"Svar till personen", "Answer to the person"},
	"fld.reply.req":      {"Skriv svaret innan du skickar det.", "Write the answer before you send it."},
	"fld.promised.bad":   {"Skriv datum och tid som 2026-12-23 15:00.", "Write the date and time as 2026-12-23 15:00."},
	"fld.promised.past":  {"Det utlovade svaret måste komma senare än nu.", "The promised answer must come later than now."},
	"fld.text.long":      {"Texten är för lång.", "The text is too long."},

	// Plain-language check.
	"plain.heading": {"Klarspråkskontroll", "Plain-language check"},
	"plain.summary": {"LIX %s (%s). Poäng %d av 100: %s.", "LIX %s (%s). Score %d of 100: %s."},
	"plain.none":    {"Inga anmärkningar.", "No remarks."},
	"plain.suggest": {"Skriv hellre: %s", "Write instead: %s"},
	"plain.live":    {"Kontrollen uppdateras medan du skriver.", "The check updates as you write."},
	"plain.long":    {"Lång mening (%d ord)", "Long sentence (%d words)"},
	"plain.bureau":  {"Krångligt ord", "Bureaucratic word"},
	"plain.abbr":    {"Förkortning", "Abbreviation"},
	"plain.acronym": {"Oförklarad förkortning", "Unexplained acronym"},

	// Follow-up.
	"fu.title":        {"Uppföljning", "Follow-up"},
	"fu.intro":        {"Hur många ärenden som kom in och hur många som besvarades i tid, för en period. Till delårs- och årsrapporten.", "How many cases came in and how many were answered on time, for a period. For the interim and annual reports."},
	"fu.period":       {"Period", "Period"},
	"fu.from":         {"Från och med", "From"},
	"fu.to":           {"Till och med", "To"},
	"fu.show":         {"Visa", "Show"},
	"fu.presets":      {"Snabbval", "Quick choices"},
	"fu.last30":       {"Senaste 30 dagarna", "Last 30 days"},
	"fu.quarter":      {"Detta kvartal", "This quarter"},
	"fu.prevquarter":  {"Förra kvartalet", "Last quarter"},
	"fu.year":         {"I år", "This year"},
	"fu.bad":          {"Skriv datumen som 2026-01-31, och låt perioden sluta efter att den börjar (högst tre år).", "Write the dates as 2026-01-31, and let the period end after it starts (at most three years)."},
	"fu.summary":      {"Mottagna ärenden: %d. Besvarade i tid: %d av %d avgjorda. Försenade nu: %d.", "Cases received: %d. Answered on time: %d of %d settled. Overdue now: %d."},
	"fu.bychannel":    {"Andel besvarade i tid per kanal", "Share answered on time by channel"},
	"fu.bykind":       {"Andel besvarade i tid per typ", "Share answered on time by kind"},
	"fu.perweek":      {"Ärenden per vecka", "Cases per week"},
	"fu.chartdesc":    {"Stapeldiagram. Samma siffror finns i tabellen intill.", "Bar chart. The same figures are in the table beside it."},
	"fu.col.group":    {"Grupp", "Group"},
	"fu.col.received": {"Mottagna", "Received"},
	"fu.col.settled":  {"Avgjorda", "Settled"},
	"fu.col.ontime":   {"I tid", "On time"},
	"fu.col.share":    {"Andel i tid", "Share on time"},
	"fu.col.overdue":  {"Försenade", "Overdue"},
	"fu.col.week":     {"Vecka", "Week"},
	"fu.col.cases":    {"Ärenden", "Cases"},
	"fu.nodata":       {"Inga ärenden med svarsplikt är avgjorda i perioden.", "No cases owed a reply are settled in the period."},
	"fu.week":         {"v. %d", "wk %d"},
	"fu.export":       {"Ladda ner", "Download"},
	"fu.csv":          {"Siffrorna som CSV (för kalkylblad)", "The figures as CSV (for spreadsheets)"},
	"fu.csvoverdue":   {"Försenade ärenden som CSV", "Overdue cases as CSV"},
	"fu.settlednote":  {"Avgjort betyder att svaret har kommit, eller att tiden för svar har gått ut.", "Settled means that the answer has come, or that the time to answer has run out."},
	"fu.total":        {"Totalt", "Total"},

	"fu.nonesettled": {"inga avgjorda", "none settled"},

	// Accessibility statement.
	"a11y.title": {"Tillgänglighet för %s", "Accessibility of %s"},
}

// T returns the message key in lang.
func msg(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	return m.in(lang)
}

// languageNames are the languages of a message as people read them.
var languageNames = map[string]text{
	feedback.Swedish: {"svenska", "Swedish"},
	feedback.Finnish: {"finska", "Finnish"},
	feedback.English: {"engelska", "English"},
}

// languageName returns the language code in lang ("fi" → "finska"), or the
// code itself when it is not known.
func languageName(code, lang string) string {
	if n, ok := languageNames[code]; ok {
		return n.in(lang)
	}
	return code
}

// kindNames are the kinds as people read them.
var kindNames = map[feedback.Kind]text{
	feedback.Praise:      {"Beröm", "Praise"},
	feedback.Complaint:   {"Klagomål", "Complaint"},
	feedback.Suggestion:  {"Förslag", "Suggestion"},
	feedback.Question:    {"Fråga", "Question"},
	feedback.FaultReport: {"Felanmälan", "Fault report"},
	feedback.DamageClaim: {"Skadeanspråk", "Damage claim"},
	feedback.Appeal:      {"Överklagande", "Appeal"},
}

// kindName returns k in lang; an empty or unknown kind is "not decided yet".
func kindName(k feedback.Kind, lang string) string {
	if n, ok := kindNames[k]; ok {
		return n.in(lang)
	}
	return msg(lang, "kind.none")
}

// capital returns s with its first letter in upper case, for names that
// start a table cell ("mottaget" → "Mottaget").
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// longTime formats t as people read it: "tisdag 29 december 2026 kl. 16:30".
func longTime(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	return calendar.Format(t, lang)
}

// shortTime formats t in Stockholm as "2026-12-29 16:30", for tables.
func shortTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.Location()).Format("2006-01-02 15:04")
}

// percent formats a share from 0 to 1 as "83 %" (Swedish) or "83%" (English).
func percent(share float64, lang string) string {
	p := strconv.FormatFloat(share*100, 'f', 0, 64)
	if lang == langEN {
		return p + "%"
	}
	return p + "\u00a0%"
}

// decimal formats f with one decimal, with a decimal comma in Swedish.
func decimal(f float64, lang string) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	if lang != langEN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// tf formats the message key in lang with args.
func tf(lang, key string, args ...any) string {
	return fmt.Sprintf(msg(lang, key), args...)
}
