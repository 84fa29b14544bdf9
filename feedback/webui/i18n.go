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
	"github.com/kommunkit/kommunkit/feedback/message"
)

// The languages the pages are written in. Swedish is the default; a page
// is in Finnish with ?lang=fi and in English with ?lang=en (or the hidden
// field lang in a form).
const (
	langSV = feedback.Swedish
	langFI = feedback.Finnish
	langEN = feedback.English
)

// pageLangs are the languages of the pages, in the order the language
// switch offers them.
var pageLangs = [...]string{langSV, langFI, langEN}

// pageLang returns the language a request asks for: "fi" for lang=fi and
// "en" for lang=en in the query or form, and Swedish for anything else.
func pageLang(v string) string {
	v = strings.TrimSpace(v)
	switch {
	case strings.EqualFold(v, langFI):
		return langFI
	case strings.EqualFold(v, langEN):
		return langEN
	}
	return langSV
}

// text is one message of the pages, in Swedish, Finnish and English.
type text struct{ sv, fi, en string }

func (t text) in(lang string) string {
	switch lang {
	case langFI:
		return t.fi
	case langEN:
		return t.en
	}
	return t.sv
}

// languageSwitch names each language in itself, as the language switch
// offers it.
var languageSwitch = map[string]string{
	langSV: "På svenska",
	langFI: "Suomeksi",
	langEN: "In English",
}

// messages holds every fixed text the pages show, by key, in Swedish,
// Finnish and English. Values with %s or %d are format strings for Page.Tf.
var messages = map[string]text{
	// Layout.
	"skip":          {"Hoppa till innehållet", "Siirry sisältöön", "Skip to content"},
	"site.tagline":  {"En demo av kommunkit", "kommunkit-demo", "A kommunkit demo"},
	"nav.home":      {"Lämna synpunkt", "Anna palautetta", "Give feedback"},
	"nav.a11y":      {"Tillgänglighet", "Saavutettavuus", "Accessibility"},
	"nav.staff":     {"För personal", "Henkilöstölle", "For staff"},
	"nav.inbox":     {"Inkorg", "Saapuneet", "Inbox"},
	"nav.followup":  {"Uppföljning", "Seuranta", "Follow-up"},
	"nav.logout":    {"Logga ut", "Kirjaudu ulos", "Log out"},
	"nav.main":      {"Huvudmeny", "Päävalikko", "Main menu"},
	"footer.demo":   {"Det här är en demo. %s finns inte på riktigt.", "Tämä on demo. %s ei ole oikeasti olemassa.", "This is a demo. %s does not exist."},
	"footer.rules":  {"Svarstiderna kommer från %s: %s (%s).", "Vastausajat perustuvat asiakirjaan %[2]s (%[1]s, %[3]s).", "The response times come from %s: %s (%s)."},
	"footer.a11y":   {"Tillgänglighetsredogörelse", "Saavutettavuusseloste", "Accessibility statement"},
	"error.title":   {"Något gick fel", "Jokin meni vikaan", "Something went wrong"},
	"error.retry":   {"Försök igen om en stund. Om felet finns kvar, kontakta oss.", "Yritä hetken kuluttua uudelleen. Jos virhe ei korjaannu, ota meihin yhteyttä.", "Please try again in a moment. If the problem remains, contact us."},
	"notfound":      {"Sidan finns inte", "Sivua ei löydy", "page not found"},
	"notfound.body": {"Vi hittar inte sidan du söker. Kontrollera adressen.", "Emme löydä sivua, jota etsit. Tarkista osoite.", "We cannot find the page you are looking for. Check the address."},
	"toolarge":      {"Meddelandet är för stort", "Viesti on liian suuri", "The message is too large"},
	"goto.home":     {"Till startsidan", "Etusivulle", "Go to the home page"},

	// Home page.
	"home.title":         {"Lämna en synpunkt", "Anna palautetta", "Give feedback"},
	"home.h1":            {"Lämna en synpunkt till %s", "Anna palautetta: %s", "Give feedback to %s"},
	"home.intro":         {"Berätta vad du tycker om kommunens service. Du kan ge beröm, klaga eller föreslå något. Du kan också ställa en fråga.", "Kerro, mitä mieltä olet kunnan palveluista. Voit antaa kiitosta tai moitetta tai tehdä ehdotuksen. Voit myös esittää kysymyksen.", "Tell us what you think of the municipality's services. You can give praise, make a complaint or suggest something. You can also ask a question."},
	"home.when":          {"När får jag svar?", "Milloin saan vastauksen?", "When will I get an answer?"},
	"home.due":           {"Skickar du ditt meddelande nu, får du svar senast %s.", "Jos lähetät viestisi nyt, vastauksen määräaika on %s.", "If you send your message now, you will get an answer by %s."},
	"home.rule":          {"Kommunens regel är svar inom %s.", "Kunnan sääntöjen mukaan vastausaika on %s.", "The municipality's rule is an answer within %s."},
	"home.nofigure":      {"Vi svarar så snart vi kan.", "Vastaamme niin pian kuin voimme.", "We will answer as soon as we can."},
	"home.anon":          {"Du kan vara anonym. Då kan vi inte svara dig.", "Voit antaa palautetta nimettömänä. Silloin emme voi vastata sinulle.", "You can stay anonymous. Then we cannot answer you."},
	"home.elsewhere":     {"Vissa ärenden går en annan väg", "Jotkin asiat hoidetaan muuta kautta", "Some matters go another way"},
	"home.fault":         {"Felanmälan, till exempel en trasig gatlampa: vi skickar den vidare till dem som lagar felet.", "Vikailmoitus, esimerkiksi rikkinäinen katuvalo: välitämme sen niille, jotka korjaavat vian.", "A fault report, for example a broken street light: we pass it on to the people who repair it."},
	"home.damage":        {"Skadeanspråk, om du vill ha ersättning för en skada: skriv dina kontaktuppgifter, så kan vi skicka det vidare.", "Vahingonkorvausvaatimus, jos haluat korvausta vahingosta: kirjoita yhteystietosi, jotta voimme välittää sen eteenpäin.", "A damage claim, if you want compensation for damage: give your contact details so that we can pass it on."},
	"home.appeal":        {"Vill du överklaga ett beslut? En synpunkt är inte ett överklagande. Skriv till den som fattade beslutet inom tre veckor från den dag du fick beslutet.", "Haluatko valittaa päätöksestä? Palaute ei ole valitus. Kirjoita päätöksen tehneelle viranomaiselle kolmen viikon kuluessa siitä päivästä, jona sait päätöksen.", "Do you want to appeal a decision? Feedback is not an appeal. Write to whoever made the decision within three weeks of the day you received it."},
	"home.times":         {"Svarstider", "Vastausajat", "Response times"},
	"home.times.caption": {"Hur snabbt kommunen svarar, per kontaktväg", "Kuinka nopeasti kunta vastaa, yhteydenottotavan mukaan", "How soon the municipality answers, by way of contact"},
	"home.channel":       {"Kontaktväg", "Yhteydenottotapa", "Way of contact"},
	"home.within":        {"Svar inom", "Vastausaika", "Answer within"},
	"home.asap":          {"så snart som möjligt", "niin pian kuin mahdollista", "as soon as possible"},
	"home.via":           {"%s (som för %s)", "%s (sama kuin kanavalla ”%s”)", "%s (as for %s)"},

	// Plain form.
	"form.title":        {"Skriv ditt meddelande", "Kirjoita viestisi", "Write your message"},
	"form.nojs":         {"Formuläret fungerar utan JavaScript.", "Lomake toimii ilman JavaScriptiä.", "The form works without JavaScript."},
	"form.required":     {"Fält märkta (måste fyllas i) är obligatoriska.", "Kentät, joissa on merkintä (pakollinen), on täytettävä.", "Fields marked (required) must be filled in."},
	"form.text":         {"Ditt meddelande", "Viestisi", "Your message"},
	"form.text.req":     {"(måste fyllas i)", "(pakollinen)", "(required)"},
	"form.text.hint":    {"Skriv inte ditt personnummer eller annat känsligt om dig själv.", "Älä kirjoita henkilötunnustasi tai muita arkaluonteisia tietoja itsestäsi.", "Do not write your personal identity number or other sensitive facts about yourself."},
	"form.contact":      {"Vill du ha svar?", "Haluatko vastauksen?", "Do you want an answer?"},
	"form.contact.hint": {"Skriv din e-postadress eller ditt telefonnummer. Utan dem kan vi inte svara dig.", "Kirjoita sähköpostiosoitteesi tai puhelinnumerosi. Ilman niitä emme voi vastata sinulle.", "Give your e-mail address or phone number. Without them we cannot answer you."},
	"form.name":         {"Namn (frivilligt)", "Nimi (vapaaehtoinen)", "Name (optional)"},
	"form.email":        {"E-postadress (frivilligt)", "Sähköpostiosoite (vapaaehtoinen)", "E-mail address (optional)"},
	"form.phone":        {"Telefonnummer (frivilligt)", "Puhelinnumero (vapaaehtoinen)", "Phone number (optional)"},
	"form.hp":           {"Lämna det här fältet tomt", "Jätä tämä kenttä tyhjäksi", "Leave this field empty"},
	"form.send":         {"Skicka", "Lähetä", "Send"},
	"form.errors":       {"Det finns %d fel i formuläret", "Lomakkeessa on %d virhettä", "There are %d errors in the form"},
	"form.error1":       {"Det finns 1 fel i formuläret", "Lomakkeessa on 1 virhe", "There is 1 error in the form"},
	"form.stamp.old":    {"Formuläret var för gammalt. Kontrollera texten och skicka igen.", "Lomake oli liian vanha. Tarkista teksti ja lähetä se uudelleen.", "The form was too old. Check your text and send it again."},
	"form.stamp.fast":   {"Formuläret skickades för snabbt. Vänta några sekunder och skicka igen.", "Lomake lähetettiin liian nopeasti. Odota muutama sekunti ja lähetä se uudelleen.", "The form was sent too quickly. Wait a few seconds and send it again."},
	"form.key.reused":   {"Du har redan skickat ett annat meddelande från det här formuläret. Kontrollera texten och skicka igen, så blir det ett nytt meddelande.", "Olet jo lähettänyt toisen viestin tällä lomakkeella. Tarkista teksti ja lähetä se uudelleen, niin siitä tulee uusi viesti.", "You have already sent another message from this form. Check your text and send it again, and it becomes a new message."},
	"form.stamp.bad":    {"Formuläret kunde inte kontrolleras. Skicka igen.", "Lomaketta ei voitu tarkistaa. Lähetä se uudelleen.", "The form could not be checked. Please send it again."},
	"form.rejected":     {"Meddelandet kunde inte tas emot.", "Viestiä ei voitu ottaa vastaan.", "The message could not be accepted."},

	// Receipt.
	"receipt.title":   {"Tack för ditt meddelande", "Kiitos viestistäsi", "Thank you for your message"},
	"receipt.h1":      {"Tack! Vi har tagit emot ditt meddelande", "Kiitos! Olemme saaneet viestisi", "Thank you! We have received your message"},
	"receipt.due":     {"Du får svar senast", "Saat vastauksen viimeistään", "You will get an answer by"},
	"receipt.appeal":  {"Sista dagen att överklaga", "Viimeinen valituspäivä", "Last day to appeal"},
	"receipt.follow":  {"Följ ditt ärende", "Seuraa asiaasi", "Follow your case"},
	"receipt.link":    {"Här ser du status och svar:", "Tästä näet asiasi tilan ja vastauksen:", "Here you can see the status and the answer:"},
	"receipt.keep":    {"Spara länken. Den som har länken kan se status och svar, men inte ditt meddelande eller dina kontaktuppgifter.", "Tallenna linkki. Jokainen, jolla on linkki, näkee tilan ja vastauksen, mutta ei viestiäsi eikä yhteystietojasi.", "Keep the link. Anyone with the link can see the status and the answer, but not your message or your contact details."},
	"receipt.new":     {"Skriv ett nytt meddelande", "Kirjoita uusi viesti", "Write a new message"},
	"receipt.already": {"Det här meddelandet hade vi redan tagit emot. Du ser samma kvitto som förra gången.", "Olimme jo saaneet tämän viestin. Näet saman kuittauksen kuin viime kerralla.", "We had already received this message. You see the same receipt as last time."},

	// Citizen case page.
	"case.title":        {"Ditt ärende", "Asiasi", "Your case"},
	"case.status":       {"Status", "Tila", "Status"},
	"case.kind":         {"Typ av meddelande", "Viestin tyyppi", "Type of message"},
	"case.received":     {"Mottaget", "Vastaanotettu", "Received"},
	"case.due":          {"Svar senast", "Vastaus viimeistään", "Answer by"},
	"case.answered":     {"Besvarat", "Vastattu", "Answered"},
	"case.interim":      {"Besked från kommunen", "Tieto kunnalta", "Message from the municipality"},
	"case.reply":        {"Svar", "Vastaus", "Answer"},
	"case.noreply":      {"Inget svar ännu.", "Ei vielä vastausta.", "No answer yet."},
	"case.nodue":        {"Inget svar utlovat", "Vastausta ei ole luvattu", "No answer promised"},
	"case.privacy":      {"Den här sidan visar bara status och svar. Ditt meddelande och dina kontaktuppgifter visas inte här.", "Tällä sivulla näkyvät vain asiasi tila ja vastaus. Viestisi ja yhteystietosi eivät näy täällä.", "This page shows only the status and the answer. Your message and contact details are not shown here."},
	"case.notfound":     {"Vi hittar inget ärende med den länken", "Emme löydä asiaa tällä linkillä", "We cannot find a case with that link"},
	"case.notfound2":    {"Kontrollera att du har kopierat hela länken från kvittot.", "Tarkista, että kopioit koko linkin kuittauksesta.", "Check that you copied the whole link from the receipt."},
	"kind.none":         {"ännu inte bestämd", "ei vielä selvillä", "not decided yet"},
	"kind.unclassified": {"Ej klassade", "Luokittelemattomat", "Unclassified"},

	// Staff login.
	"login.title":   {"Logga in", "Kirjaudu sisään", "Log in"},
	"login.h1":      {"Logga in som personal", "Henkilöstön kirjautuminen", "Log in as staff"},
	"login.token":   {"Personalnyckel", "Henkilöstöavain", "Staff key"},
	"login.hint":    {"Nyckeln finns i miljövariabeln KOMMUNKIT_STAFF_TOKEN, eller skrevs ut när webbplatsen startade.", "Avain on ympäristömuuttujassa KOMMUNKIT_STAFF_TOKEN, tai se tulostettiin, kun sivusto käynnistyi.", "The key is in the environment variable KOMMUNKIT_STAFF_TOKEN, or was printed when the site started."},
	"login.submit":  {"Logga in", "Kirjaudu sisään", "Log in"},
	"login.wrong":   {"Fel nyckel. Försök igen.", "Väärä avain. Yritä uudelleen.", "Wrong key. Try again."},
	"login.missing": {"Skriv nyckeln.", "Kirjoita avain.", "Enter the key."},
	"login.out":     {"Du är utloggad.", "Olet kirjautunut ulos.", "You are logged out."},
	"login.wait":    {"För många försök med fel nyckel. Försök igen efter klockan %s.", "Liian monta yritystä väärällä avaimella. Yritä uudelleen kello %s jälkeen.", "Too many tries with a wrong key. Try again after %s."},

	"login.idle":             {"Du har varit inaktiv för länge och har loggats ut. Logga in igen.", "Et ole käyttänyt sivua pitkään aikaan, joten sinut on kirjattu ulos. Kirjaudu uudelleen.", "You were inactive for too long and have been logged out. Log in again."},
	"login.ended":            {"Du är inte inloggad längre. Logga in igen.", "Et ole enää kirjautuneena. Kirjaudu uudelleen.", "You are no longer logged in. Log in again."},
	"login.draft":            {"Det här skrev du. Kopiera texten innan du loggar in, så kan du klistra in den igen.", "Tämän kirjoitit. Kopioi teksti ennen kuin kirjaudut, niin voit liittää sen takaisin.", "This is what you wrote. Copy the text before you log in, so you can paste it again."},
	"session.idle.title":     {"Vill du fortsätta vara inloggad?", "Haluatko jatkaa kirjautuneena?", "Do you want to stay logged in?"},
	"session.idle.text":      {"Du har inte använt sidan på en stund. Du loggas ut klockan %s om du inte fortsätter. Det du har skrivit finns kvar.", "Et ole käyttänyt sivua vähään aikaan. Sinut kirjataan ulos kello %s, jos et jatka. Kirjoittamasi teksti säilyy.", "You have not used the page for a while. You will be logged out at %s unless you continue. What you have written stays."},
	"session.extend":         {"Fortsätt vara inloggad", "Jatka kirjautuneena", "Stay logged in"},
	"session.absolute.title": {"Du loggas snart ut", "Sinut kirjataan pian ulos", "You will soon be logged out"},
	"session.absolute.text":  {"Du loggas ut klockan %s. Av säkerhetsskäl kan inloggningen inte förlängas mer. Skicka det du skriver innan dess. Hinner du inte, finns texten kvar på sidan: logga då in igen i en ny flik och skicka sedan.", "Sinut kirjataan ulos kello %s. Turvallisuussyistä kirjautumista ei voi enää jatkaa. Lähetä kirjoittamasi teksti ennen sitä. Jos et ehdi, teksti säilyy sivulla: kirjaudu silloin uudelleen uudessa välilehdessä ja lähetä teksti sen jälkeen.", "You will be logged out at %s. For security, the login cannot be extended any more. Send what you are writing before then. If you run out of time, the text stays on the page: log in again in a new tab, then send it."},
	"session.ok":             {"Jag förstår", "Selvä", "I understand"},
	"session.ended.title":    {"Du har loggats ut", "Sinut on kirjattu ulos", "You have been logged out"},
	"session.ended.text":     {"Det du har skrivit finns kvar på sidan. Logga in igen i en ny flik. Kom sedan tillbaka hit och skicka.", "Kirjoittamasi teksti on yhä tällä sivulla. Kirjaudu uudelleen uudessa välilehdessä. Palaa sitten tänne ja lähetä teksti.", "What you have written is still on this page. Log in again in a new tab. Then come back here and send it."},
	"session.signin":         {"Logga in i en ny flik", "Kirjaudu uudessa välilehdessä", "Log in in a new tab"},
	"session.resume":         {"Jag har loggat in igen", "Olen kirjautunut uudelleen", "I have logged in again"},
	"session.failed":         {"Det gick inte. Kontrollera anslutningen och försök igen.", "Se ei onnistunut. Tarkista verkkoyhteys ja yritä uudelleen.", "That did not work. Check the connection and try again."},
	"session.notyet":         {"Du är inte inloggad än. Logga in i den nya fliken först.", "Et ole vielä kirjautunut. Kirjaudu ensin uudessa välilehdessä.", "You are not logged in yet. Log in in the new tab first."},
	"session.back":           {"Du är inloggad igen. Nu kan du skicka.", "Olet taas kirjautunut. Voit nyt lähettää.", "You are logged in again. You can send now."},
	"session.extended":       {"Du är fortfarande inloggad.", "Olet yhä kirjautuneena.", "You are still logged in."},

	// Staff inbox.
	"inbox.title":     {"Inkorg", "Saapuneet", "Inbox"},
	"inbox.filter":    {"Filtrera", "Suodata", "Filter"},
	"inbox.any":       {"Alla", "Kaikki", "All"},
	"inbox.overdue":   {"Bara försenade", "Vain myöhässä olevat", "Overdue only"},
	"inbox.count":     {"%d ärenden", "%d asiaa", "%d cases"},
	"inbox.count1":    {"1 ärende", "1 asia", "1 case"},
	"inbox.empty":     {"Inga ärenden matchar filtret.", "Suodattimella ei löytynyt asioita.", "No cases match the filter."},
	"inbox.caption":   {"Ärenden sorterade efter när de ska besvaras. Försenade ärenden är märkta med texten Försenad.", "Asiat järjestyksessä sen mukaan, milloin niihin on vastattava. Myöhässä olevissa asioissa on merkintä Myöhässä.", "Cases sorted by when they are due. Overdue cases are marked with the word Overdue."},
	"inbox.redacted":  {"Personuppgifter är dolda i listan. Hela texten finns i ärendet.", "Henkilötiedot on piilotettu luettelosta. Koko teksti näkyy asian sivulla.", "Personal data is hidden in the list. The full text is in the case."},
	"inbox.open":      {"Öppna", "Avaa", "Open"},
	"inbox.limit":     {"Visar de första %d. Använd filtret för att se färre.", "Näytetään ensimmäiset %d. Rajaa luetteloa suodattimella.", "Showing the first %d. Use the filter to see fewer."},
	"col.due":         {"Svar senast", "Vastaus viimeistään", "Due"},
	"col.status":      {"Status", "Tila", "Status"},
	"col.kind":        {"Typ", "Tyyppi", "Kind"},
	"col.channel":     {"Kanal", "Kanava", "Channel"},
	"col.received":    {"Mottaget", "Vastaanotettu", "Received"},
	"col.text":        {"Meddelande", "Viesti", "Message"},
	"col.contact":     {"Kontakt", "Yhteystiedot", "Contact"},
	"mark.overdue":    {"Försenad", "Myöhässä", "Overdue"},
	"mark.register":   {"Ska diarieföras", "Kirjattava", "Must be registered"},
	"mark.regoverdue": {"Diarieföring försenad", "Kirjaaminen myöhässä", "Registration overdue"},
	"mark.noreply":    {"Inget svar utlovat", "Ei vastausvelvollisuutta", "No reply owed"},
	"mark.anonymous":  {"Anonym", "Nimetön", "Anonymous"},
	"field.status":    {"Status", "Tila", "Status"},
	"field.kind":      {"Typ", "Tyyppi", "Kind"},
	"field.channel":   {"Kanal", "Kanava", "Channel"},

	// Staff case page.
	"scase.title":       {"Ärende", "Asia", "Case"},
	"scase.back":        {"Tillbaka till inkorgen", "Takaisin saapuneisiin", "Back to the inbox"},
	"scase.text":        {"Meddelandet", "Viesti", "The message"},
	"scase.facts":       {"Uppgifter", "Tiedot", "Details"},
	"scase.contact":     {"Kontaktuppgifter", "Yhteystiedot", "Contact details"},
	"scase.none":        {"inga", "ei ole", "none"},
	"scase.name":        {"Namn", "Nimi", "Name"},
	"scase.email":       {"E-post", "Sähköposti", "E-mail"},
	"scase.phone":       {"Telefon", "Puhelin", "Phone"},
	"scase.confidence":  {"Säkerhet", "Varmuus", "Confidence"},
	"scase.runnerup":    {"Kan också vara", "Voi olla myös", "Could also be"},
	"scase.staffcompl":  {"Klagomål på bemötande: ska diarieföras först", "Moite henkilöstön käytöksestä: kirjattava ensin", "Complaint about staff: must be registered first"},
	"scase.regdue":      {"Diarieföras senast", "Kirjattava viimeistään", "Register by"},
	"scase.replydue":    {"Svar senast (enligt policyn)", "Vastaus viimeistään (palvelulinjauksen mukaan)", "Reply due (by the policy)"},
	"scase.duevia":      {"Regeln för %s användes, eftersom policyn saknar regel för %s.", "Käytettiin kanavan ”%s” sääntöä, koska palvelulinjauksessa ei ole sääntöä kanavalle ”%s”.", "The rule for %s was used, because the policy has no rule for %s."},
	"scase.promised":    {"Utlovat svar", "Luvattu vastaus", "Promised answer"},
	"scase.diary":       {"Diarienummer", "Diaarinumero", "Diary number"},
	"scase.unit":        {"Enhet", "Yksikkö", "Unit"},
	"scase.language":    {"Språk", "Kieli", "Language"},
	"scase.token":       {"Medborgarens länk", "Kuntalaisen linkki", "The citizen's link"},
	"scase.interim":     {"Skickat besked", "Lähetetty väliaikainen vastaus", "Interim reply sent"},
	"scase.reply":       {"Skickat svar", "Lähetetty vastaus", "Answer sent"},
	"scase.history":     {"Historik", "Historia", "History"},
	"scase.hist.when":   {"När", "Milloin", "When"},
	"scase.hist.change": {"Ändring", "Muutos", "Change"},
	"scase.hist.note":   {"Anteckning", "Merkintä", "Note"},
	"scase.actions":     {"Ändra status", "Muuta tilaa", "Change status"},
	"scase.noactions":   {"Ärendet är avslutat. Inget mer kan ändras.", "Asia on suljettu. Mitään ei voi enää muuttaa.", "The case is closed. Nothing more can be changed."},
	"scase.done":        {"Ändringen är sparad: %s.", "Muutos on tallennettu: %s.", "The change is saved: %s."},
	"scase.conflict":    {"Någon annan ändrade ärendet samtidigt. Läs det du ser och försök igen.", "Joku muu muutti asiaa samaan aikaan. Tarkista tiedot ja yritä uudelleen.", "Someone else changed the case at the same time. Check what you see and try again."},
	"scase.illegal":     {"Ändringen går inte att göra nu.", "Muutosta ei voi tehdä nyt.", "The change cannot be made now."},
	"scase.plainreply":  {"Klarspråk i svaret som skickades", "Selkeä kieli lähetetyssä vastauksessa", "Plain language in the answer sent"},

	"act.registered":     {"Diarieför", "Kirjaa", "Register"},
	"act.registered.btn": {"Diarieför ärendet", "Kirjaa asia", "Register the case"},
	"act.interim_sent":   {"Skicka besked om vem som svarar och när", "Lähetä väliaikainen vastaus: kuka vastaa ja milloin", "Send an interim reply: who answers, and when"},
	"act.interim.btn":    {"Spara besked", "Tallenna väliaikainen vastaus", "Save interim reply"},
	"act.waiting":        {"Vänta på komplettering", "Odota lisätietoja henkilöltä", "Wait for the citizen"},
	"act.waiting.btn":    {"Pausa ärendet", "Keskeytä asia", "Pause the case"},
	"act.waiting.hint":   {"Klockan för svarstiden står still medan ärendet väntar.", "Vastausaika ei kulu sinä aikana, kun asia odottaa.", "The response-time clock stops while the case waits."},
	"act.resume":         {"Återuppta ärendet", "Jatka asian käsittelyä", "Resume the case"},
	"act.resume.btn":     {"Återuppta", "Jatka", "Resume"},
	"act.answered":       {"Svara", "Vastaa", "Answer"},
	"act.answered.btn":   {"Skicka svar", "Lähetä vastaus", "Send answer"},
	"act.closed":         {"Avsluta", "Sulje", "Close"},
	"act.closed.btn":     {"Avsluta ärendet", "Sulje asia", "Close the case"},
	"act.check.btn":      {"Granska klarspråk", "Tarkista kielen selkeys", "Check plain language"},
	"fld.diary":          {"Diarienummer", "Diaarinumero", "Diary number"},
	"fld.interim":        {"Besked till personen", "Viesti henkilölle", "Message to the person"},
	"fld.promised":       {"Svar utlovat senast (datum och tid)", "Vastaus luvattu viimeistään (päivä ja kellonaika)", "Answer promised by (date and time)"},
	"fld.asked":          {"Vad du bad personen om", "Mitä pyysit henkilöltä", "What you asked the person for"},
	"fld.reply":          {"Svar till personen", "Vastaus henkilölle", "Answer to the person"},
	"fld.reply.req":      {"Skriv svaret innan du skickar det.", "Kirjoita vastaus ennen kuin lähetät sen.", "Write the answer before you send it."},
	"fld.promised.bad":   {"Skriv datum och tid som 2026-12-23 15:00.", "Kirjoita päivä ja kellonaika muodossa 2026-12-23 15:00.", "Write the date and time as 2026-12-23 15:00."},
	"fld.promised.past":  {"Det utlovade svaret måste komma senare än nu.", "Luvatun vastausajan pitää olla tulevaisuudessa.", "The promised answer must come later than now."},
	"fld.text.long":      {"Texten är för lång.", "Teksti on liian pitkä.", "The text is too long."},

	// Plain-language check.
	"plain.heading": {"Klarspråkskontroll", "Selkeän kielen tarkistus", "Plain-language check"},
	"plain.summary": {"LIX %s (%s). Poäng %d av 100: %s.", "LIX %s (%s). Pisteet %d/100: %s.", "LIX %s (%s). Score %d of 100: %s."},
	"plain.none":    {"Inga anmärkningar.", "Ei huomautettavaa.", "No remarks."},
	"plain.suggest": {"Skriv hellre: %s", "Kirjoita mieluummin: %s", "Write instead: %s"},
	"plain.live":    {"Kontrollen uppdateras medan du skriver.", "Tarkistus päivittyy, kun kirjoitat.", "The check updates as you write."},
	"plain.long":    {"Lång mening (%d ord)", "Pitkä virke (%d sanaa)", "Long sentence (%d words)"},
	"plain.bureau":  {"Krångligt ord", "Hankala virkasana", "Bureaucratic word"},
	"plain.abbr":    {"Förkortning", "Lyhenne", "Abbreviation"},
	"plain.acronym": {"Oförklarad förkortning", "Selittämätön lyhenne", "Unexplained acronym"},

	// Follow-up.
	"fu.title":        {"Uppföljning", "Seuranta", "Follow-up"},
	"fu.intro":        {"Hur många ärenden som kom in och hur många som besvarades i tid, för en period. Till delårs- och årsrapporten.", "Kuinka monta asiaa tuli ja kuinka moneen vastattiin ajallaan valitulla ajanjaksolla. Osavuosi- ja vuosiraporttia varten.", "How many cases came in and how many were answered on time, for a period. For the interim and annual reports."},
	"fu.period":       {"Period", "Ajanjakso", "Period"},
	"fu.from":         {"Från och med", "Alkupäivä", "From"},
	"fu.to":           {"Till och med", "Loppupäivä", "To"},
	"fu.show":         {"Visa", "Näytä", "Show"},
	"fu.presets":      {"Snabbval", "Pikavalinnat", "Quick choices"},
	"fu.last30":       {"Senaste 30 dagarna", "Viimeiset 30 päivää", "Last 30 days"},
	"fu.quarter":      {"Detta kvartal", "Tämä vuosineljännes", "This quarter"},
	"fu.prevquarter":  {"Förra kvartalet", "Edellinen vuosineljännes", "Last quarter"},
	"fu.year":         {"I år", "Tämä vuosi", "This year"},
	"fu.bad":          {"Skriv datumen som 2026-01-31, och låt perioden sluta efter att den börjar (högst tre år).", "Kirjoita päivämäärät muodossa 2026-01-31. Loppupäivän on oltava alkupäivän jälkeen, ja ajanjakso voi olla enintään kolme vuotta.", "Write the dates as 2026-01-31, and let the period end after it starts (at most three years)."},
	"fu.summary":      {"Mottagna ärenden: %d. Besvarade i tid: %d av %d avgjorda. Försenade nu: %d.", "Vastaanotettuja asioita: %[1]d. Ratkaistuja: %[3]d, joista ajallaan vastattu %[2]d. Myöhässä nyt: %[4]d.", "Cases received: %d. Answered on time: %d of %d settled. Overdue now: %d."},
	"fu.bychannel":    {"Andel besvarade i tid per kanal", "Ajallaan vastattujen osuus kanavittain", "Share answered on time by channel"},
	"fu.bykind":       {"Andel besvarade i tid per typ", "Ajallaan vastattujen osuus tyypeittäin", "Share answered on time by kind"},
	"fu.perweek":      {"Ärenden per vecka", "Asiat viikoittain", "Cases per week"},
	"fu.chartdesc":    {"Stapeldiagram. Samma siffror finns i tabellen intill.", "Pylväskaavio. Samat luvut ovat viereisessä taulukossa.", "Bar chart. The same figures are in the table beside it."},
	"fu.col.group":    {"Grupp", "Ryhmä", "Group"},
	"fu.col.received": {"Mottagna", "Vastaanotetut", "Received"},
	"fu.col.settled":  {"Avgjorda", "Ratkaistut", "Settled"},
	"fu.col.ontime":   {"I tid", "Ajallaan", "On time"},
	"fu.col.share":    {"Andel i tid", "Osuus ajallaan", "Share on time"},
	"fu.col.overdue":  {"Försenade", "Myöhässä", "Overdue"},
	"fu.col.week":     {"Vecka", "Viikko", "Week"},
	"fu.col.cases":    {"Ärenden", "Asioita", "Cases"},
	"fu.nodata":       {"Inga ärenden med svarsplikt är avgjorda i perioden.", "Ajanjaksolla ei ole ratkaistu yhtään asiaa, johon kunnan on vastattava.", "No cases owed a reply are settled in the period."},
	"fu.week":         {"v. %d", "vko %d", "wk %d"},
	"fu.export":       {"Ladda ner", "Lataa", "Download"},
	"fu.csv":          {"Siffrorna som CSV (för kalkylblad)", "Luvut CSV-tiedostona (taulukkolaskentaan)", "The figures as CSV (for spreadsheets)"},
	"fu.csvoverdue":   {"Försenade ärenden som CSV", "Myöhässä olevat asiat CSV-tiedostona", "Overdue cases as CSV"},
	"fu.settlednote":  {"Avgjort betyder att svaret har kommit, eller att tiden för svar har gått ut.", "Ratkaistu tarkoittaa, että vastaus on annettu tai että vastausaika on päättynyt.", "Settled means that the answer has come, or that the time to answer has run out."},
	"fu.total":        {"Totalt", "Yhteensä", "Total"},

	"fu.nonesettled": {"inga avgjorda", "ei ratkaistuja", "none settled"},

	// Accessibility statement.
	"a11y.title": {"Tillgänglighet för %s", "Saavutettavuusseloste – %s", "Accessibility of %s"},
}

// msg returns the message key in lang.
func msg(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	return m.in(lang)
}

// languageNames are the languages of a message as people read them.
var languageNames = map[string]text{
	feedback.Swedish: {"svenska", "ruotsi", "Swedish"},
	feedback.Finnish: {"finska", "suomi", "Finnish"},
	feedback.English: {"engelska", "englanti", "English"},
}

// languageName returns the language code in lang ("fi" → "finska",
// "suomi", "Finnish"), or the
// code itself when it is not known.
func languageName(code, lang string) string {
	if n, ok := languageNames[code]; ok {
		return n.in(lang)
	}
	return code
}

// kindNames are the kinds as people read them.
var kindNames = map[message.Kind]text{
	message.Praise:      {"Beröm", "Kiitos", "Praise"},
	message.Complaint:   {"Klagomål", "Moite", "Complaint"},
	message.Suggestion:  {"Förslag", "Ehdotus", "Suggestion"},
	message.Question:    {"Fråga", "Kysymys", "Question"},
	message.FaultReport: {"Felanmälan", "Vikailmoitus", "Fault report"},
	message.DamageClaim: {"Skadeanspråk", "Vahingonkorvausvaatimus", "Damage claim"},
	message.Appeal:      {"Överklagande", "Valitus", "Appeal"},
}

// kindName returns k in lang; an empty or unknown kind is "not decided yet".
func kindName(k message.Kind, lang string) string {
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

// longTime formats t as people read it: "tisdag 29 december 2026 kl. 16:30",
// "tiistai 29. joulukuuta 2026 klo 16.30".
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

// percent formats a share from 0 to 1 as "83 %" (Swedish and Finnish) or
// "83%" (English).
func percent(share float64, lang string) string {
	p := strconv.FormatFloat(share*100, 'f', 0, 64)
	if lang == langEN {
		return p + "%"
	}
	return p + "\u00a0%"
}

// decimal formats f with one decimal, with a decimal comma in Swedish and
// Finnish.
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
