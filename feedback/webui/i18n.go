package webui

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/feedback/formtext"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/lang"
)

// pageLang returns the language a request asks for: Finnish for lang=fi
// and English for lang=en in the query or form (in any case, with
// surrounding space), and Swedish for anything else. A page is in Swedish
// by default, in Finnish with ?lang=fi and in English with ?lang=en (or
// the hidden field lang in a form).
func pageLang(v string) lang.Lang {
	return lang.Lang(strings.ToLower(strings.TrimSpace(v))).Or(lang.Swedish)
}

// languageSwitch names each language in itself, as the language switch
// offers it.
var languageSwitch = map[lang.Lang]string{
	lang.Swedish: "På svenska",
	lang.Finnish: "Suomeksi",
	lang.English: "In English",
}

// messages holds every fixed text the pages show, by key, in Swedish,
// Finnish and English. Values with %s or %d are format strings for Page.Tf.
var messages = map[string]lang.Text{
	// Layout.
	"skip":          {Sv: "Hoppa till innehållet", Fi: "Siirry sisältöön", En: "Skip to content"},
	"site.tagline":  {Sv: "En demo av kommunkit", Fi: "kommunkit-demo", En: "A kommunkit demo"},
	"nav.home":      {Sv: "Lämna synpunkt", Fi: "Anna palautetta", En: "Give feedback"},
	"nav.a11y":      {Sv: "Tillgänglighet", Fi: "Saavutettavuus", En: "Accessibility"},
	"nav.staff":     {Sv: "För personal", Fi: "Henkilöstölle", En: "For staff"},
	"nav.inbox":     {Sv: "Inkorg", Fi: "Saapuneet", En: "Inbox"},
	"nav.followup":  {Sv: "Uppföljning", Fi: "Seuranta", En: "Follow-up"},
	"nav.logout":    {Sv: "Logga ut", Fi: "Kirjaudu ulos", En: "Log out"},
	"nav.main":      {Sv: "Huvudmeny", Fi: "Päävalikko", En: "Main menu"},
	"footer.demo":   {Sv: "Det här är en demo. %s finns inte på riktigt.", Fi: "Tämä on demo. %s ei ole oikeasti olemassa.", En: "This is a demo. %s does not exist."},
	"footer.rules":  {Sv: "Svarstiderna kommer från %s: %s (%s).", Fi: "Vastausajat perustuvat asiakirjaan %[2]s (%[1]s, %[3]s).", En: "The response times come from %s: %s (%s)."},
	"footer.a11y":   {Sv: "Tillgänglighetsredogörelse", Fi: "Saavutettavuusseloste", En: "Accessibility statement"},
	"error.title":   {Sv: "Något gick fel", Fi: "Jokin meni vikaan", En: "Something went wrong"},
	"error.retry":   {Sv: "Försök igen om en stund. Om felet finns kvar, kontakta oss.", Fi: "Yritä hetken kuluttua uudelleen. Jos virhe ei korjaannu, ota meihin yhteyttä.", En: "Please try again in a moment. If the problem remains, contact us."},
	"notfound":      {Sv: "Sidan finns inte", Fi: "Sivua ei löydy", En: "page not found"},
	"notfound.body": {Sv: "Vi hittar inte sidan du söker. Kontrollera adressen.", Fi: "Emme löydä sivua, jota etsit. Tarkista osoite.", En: "We cannot find the page you are looking for. Check the address."},
	"toolarge":      {Sv: "Meddelandet är för stort", Fi: "Viesti on liian suuri", En: "The message is too large"},
	"goto.home":     {Sv: "Till startsidan", Fi: "Etusivulle", En: "Go to the home page"},

	// Home page.
	"home.title":         {Sv: "Lämna en synpunkt", Fi: "Anna palautetta", En: "Give feedback"},
	"home.h1":            {Sv: "Lämna en synpunkt till %s", Fi: "Anna palautetta: %s", En: "Give feedback to %s"},
	"home.intro":         {Sv: "Berätta vad du tycker om kommunens service. Du kan ge beröm, klaga eller föreslå något. Du kan också ställa en fråga.", Fi: "Kerro, mitä mieltä olet kunnan palveluista. Voit antaa kiitosta tai moitetta tai tehdä ehdotuksen. Voit myös esittää kysymyksen.", En: "Tell us what you think of the municipality's services. You can give praise, make a complaint or suggest something. You can also ask a question."},
	"home.when":          {Sv: "När får jag svar?", Fi: "Milloin saan vastauksen?", En: "When will I get an answer?"},
	"home.rule":          {Sv: "Kommunens regel är svar inom %s.", Fi: "Kunnan sääntöjen mukaan vastausaika on %s.", En: "The municipality's rule is an answer within %s."},
	"home.anon":          {Sv: "Du kan vara anonym. Då kan vi inte svara dig.", Fi: "Voit antaa palautetta nimettömänä. Silloin emme voi vastata sinulle.", En: "You can stay anonymous. Then we cannot answer you."},
	"home.elsewhere":     {Sv: "Vissa ärenden går en annan väg", Fi: "Jotkin asiat hoidetaan muuta kautta", En: "Some matters go another way"},
	"home.fault":         {Sv: "Felanmälan, till exempel en trasig gatlampa: vi skickar den vidare till dem som lagar felet.", Fi: "Vikailmoitus, esimerkiksi rikkinäinen katuvalo: välitämme sen niille, jotka korjaavat vian.", En: "A fault report, for example a broken street light: we pass it on to the people who repair it."},
	"home.damage":        {Sv: "Skadeanspråk, om du vill ha ersättning för en skada: skriv dina kontaktuppgifter, så kan vi skicka det vidare.", Fi: "Vahingonkorvausvaatimus, jos haluat korvausta vahingosta: kirjoita yhteystietosi, jotta voimme välittää sen eteenpäin.", En: "A damage claim, if you want compensation for damage: give your contact details so that we can pass it on."},
	"home.appeal":        {Sv: "Vill du överklaga ett beslut? En synpunkt är inte ett överklagande. Skriv till den som fattade beslutet inom tre veckor från den dag du fick beslutet.", Fi: "Haluatko valittaa päätöksestä? Palaute ei ole valitus. Kirjoita päätöksen tehneelle viranomaiselle kolmen viikon kuluessa siitä päivästä, jona sait päätöksen.", En: "Do you want to appeal a decision? Feedback is not an appeal. Write to whoever made the decision within three weeks of the day you received it."},
	"home.times":         {Sv: "Svarstider", Fi: "Vastausajat", En: "Response times"},
	"home.times.caption": {Sv: "Hur snabbt kommunen svarar, per kontaktväg", Fi: "Kuinka nopeasti kunta vastaa, yhteydenottotavan mukaan", En: "How soon the municipality answers, by way of contact"},
	"home.channel":       {Sv: "Kontaktväg", Fi: "Yhteydenottotapa", En: "Way of contact"},
	"home.within":        {Sv: "Svar inom", Fi: "Vastausaika", En: "Answer within"},
	"home.asap":          {Sv: "så snart som möjligt", Fi: "niin pian kuin mahdollista", En: "as soon as possible"},
	"home.via":           {Sv: "%s (som för %s)", Fi: "%s (sama kuin kanavalla ”%s”)", En: "%s (as for %s)"},

	// Citizen case page.
	"case.title":        {Sv: "Ditt ärende", Fi: "Asiasi", En: "Your case"},
	"case.status":       {Sv: "Status", Fi: "Tila", En: "Status"},
	"case.kind":         {Sv: "Typ av meddelande", Fi: "Viestin tyyppi", En: "Type of message"},
	"case.received":     {Sv: "Mottaget", Fi: "Vastaanotettu", En: "Received"},
	"case.due":          {Sv: "Svar senast", Fi: "Vastaus viimeistään", En: "Answer by"},
	"case.answered":     {Sv: "Besvarat", Fi: "Vastattu", En: "Answered"},
	"case.interim":      {Sv: "Besked från kommunen", Fi: "Tieto kunnalta", En: "Message from the municipality"},
	"case.reply":        {Sv: "Svar", Fi: "Vastaus", En: "Answer"},
	"case.noreply":      {Sv: "Inget svar ännu.", Fi: "Ei vielä vastausta.", En: "No answer yet."},
	"case.nodue":        {Sv: "Inget svar utlovat", Fi: "Vastausta ei ole luvattu", En: "No answer promised"},
	"case.privacy":      {Sv: "Den här sidan visar bara status och svar. Ditt meddelande och dina kontaktuppgifter visas inte här.", Fi: "Tällä sivulla näkyvät vain asiasi tila ja vastaus. Viestisi ja yhteystietosi eivät näy täällä.", En: "This page shows only the status and the answer. Your message and contact details are not shown here."},
	"case.notfound":     {Sv: "Vi hittar inget ärende med den länken", Fi: "Emme löydä asiaa tällä linkillä", En: "We cannot find a case with that link"},
	"case.notfound2":    {Sv: "Kontrollera att du har kopierat hela länken från kvittot.", Fi: "Tarkista, että kopioit koko linkin kuittauksesta.", En: "Check that you copied the whole link from the receipt."},
	"kind.none":         {Sv: "ännu inte bestämd", Fi: "ei vielä selvillä", En: "not decided yet"},
	"kind.unclassified": {Sv: "Ej klassade", Fi: "Luokittelemattomat", En: "Unclassified"},

	// Staff login.
	"login.title":   {Sv: "Logga in", Fi: "Kirjaudu sisään", En: "Log in"},
	"login.h1":      {Sv: "Logga in som personal", Fi: "Henkilöstön kirjautuminen", En: "Log in as staff"},
	"login.token":   {Sv: "Personalnyckel", Fi: "Henkilöstöavain", En: "Staff key"},
	"login.hint":    {Sv: "Nyckeln finns i miljövariabeln KOMMUNKIT_STAFF_TOKEN, eller skrevs ut när webbplatsen startade.", Fi: "Avain on ympäristömuuttujassa KOMMUNKIT_STAFF_TOKEN, tai se tulostettiin, kun sivusto käynnistyi.", En: "The key is in the environment variable KOMMUNKIT_STAFF_TOKEN, or was printed when the site started."},
	"login.submit":  {Sv: "Logga in", Fi: "Kirjaudu sisään", En: "Log in"},
	"login.wrong":   {Sv: "Fel nyckel. Försök igen.", Fi: "Väärä avain. Yritä uudelleen.", En: "Wrong key. Try again."},
	"login.missing": {Sv: "Skriv nyckeln.", Fi: "Kirjoita avain.", En: "Enter the key."},
	"login.out":     {Sv: "Du är utloggad.", Fi: "Olet kirjautunut ulos.", En: "You are logged out."},
	"login.wait":    {Sv: "För många försök med fel nyckel. Försök igen efter klockan %s.", Fi: "Liian monta yritystä väärällä avaimella. Yritä uudelleen kello %s jälkeen.", En: "Too many tries with a wrong key. Try again after %s."},

	"login.idle":             {Sv: "Du har varit inaktiv för länge och har loggats ut. Logga in igen.", Fi: "Et ole käyttänyt sivua pitkään aikaan, joten sinut on kirjattu ulos. Kirjaudu uudelleen.", En: "You were inactive for too long and have been logged out. Log in again."},
	"login.ended":            {Sv: "Du är inte inloggad längre. Logga in igen.", Fi: "Et ole enää kirjautuneena. Kirjaudu uudelleen.", En: "You are no longer logged in. Log in again."},
	"login.draft":            {Sv: "Det här skrev du. Kopiera texten innan du loggar in, så kan du klistra in den igen.", Fi: "Tämän kirjoitit. Kopioi teksti ennen kuin kirjaudut, niin voit liittää sen takaisin.", En: "This is what you wrote. Copy the text before you log in, so you can paste it again."},
	"session.idle.title":     {Sv: "Vill du fortsätta vara inloggad?", Fi: "Haluatko jatkaa kirjautuneena?", En: "Do you want to stay logged in?"},
	"session.idle.text":      {Sv: "Du har inte använt sidan på en stund. Du loggas ut klockan %s om du inte fortsätter. Det du har skrivit finns kvar.", Fi: "Et ole käyttänyt sivua vähään aikaan. Sinut kirjataan ulos kello %s, jos et jatka. Kirjoittamasi teksti säilyy.", En: "You have not used the page for a while. You will be logged out at %s unless you continue. What you have written stays."},
	"session.extend":         {Sv: "Fortsätt vara inloggad", Fi: "Jatka kirjautuneena", En: "Stay logged in"},
	"session.absolute.title": {Sv: "Du loggas snart ut", Fi: "Sinut kirjataan pian ulos", En: "You will soon be logged out"},
	"session.absolute.text":  {Sv: "Du loggas ut klockan %s. Av säkerhetsskäl kan inloggningen inte förlängas mer. Skicka det du skriver innan dess. Hinner du inte, finns texten kvar på sidan: logga då in igen i en ny flik och skicka sedan.", Fi: "Sinut kirjataan ulos kello %s. Turvallisuussyistä kirjautumista ei voi enää jatkaa. Lähetä kirjoittamasi teksti ennen sitä. Jos et ehdi, teksti säilyy sivulla: kirjaudu silloin uudelleen uudessa välilehdessä ja lähetä teksti sen jälkeen.", En: "You will be logged out at %s. For security, the login cannot be extended any more. Send what you are writing before then. If you run out of time, the text stays on the page: log in again in a new tab, then send it."},
	"session.ok":             {Sv: "Jag förstår", Fi: "Selvä", En: "I understand"},
	"session.ended.title":    {Sv: "Du har loggats ut", Fi: "Sinut on kirjattu ulos", En: "You have been logged out"},
	"session.ended.text":     {Sv: "Det du har skrivit finns kvar på sidan. Logga in igen i en ny flik. Kom sedan tillbaka hit och skicka.", Fi: "Kirjoittamasi teksti on yhä tällä sivulla. Kirjaudu uudelleen uudessa välilehdessä. Palaa sitten tänne ja lähetä teksti.", En: "What you have written is still on this page. Log in again in a new tab. Then come back here and send it."},
	"session.signin":         {Sv: "Logga in i en ny flik", Fi: "Kirjaudu uudessa välilehdessä", En: "Log in in a new tab"},
	"session.resume":         {Sv: "Jag har loggat in igen", Fi: "Olen kirjautunut uudelleen", En: "I have logged in again"},
	"session.failed":         {Sv: "Det gick inte. Kontrollera anslutningen och försök igen.", Fi: "Se ei onnistunut. Tarkista verkkoyhteys ja yritä uudelleen.", En: "That did not work. Check the connection and try again."},
	"session.notyet":         {Sv: "Du är inte inloggad än. Logga in i den nya fliken först.", Fi: "Et ole vielä kirjautunut. Kirjaudu ensin uudessa välilehdessä.", En: "You are not logged in yet. Log in in the new tab first."},
	"session.back":           {Sv: "Du är inloggad igen. Nu kan du skicka.", Fi: "Olet taas kirjautunut. Voit nyt lähettää.", En: "You are logged in again. You can send now."},
	"session.extended":       {Sv: "Du är fortfarande inloggad.", Fi: "Olet yhä kirjautuneena.", En: "You are still logged in."},

	// Staff inbox.
	"inbox.title":     {Sv: "Inkorg", Fi: "Saapuneet", En: "Inbox"},
	"inbox.filter":    {Sv: "Filtrera", Fi: "Suodata", En: "Filter"},
	"inbox.any":       {Sv: "Alla", Fi: "Kaikki", En: "All"},
	"inbox.overdue":   {Sv: "Bara försenade", Fi: "Vain myöhässä olevat", En: "Overdue only"},
	"inbox.count":     {Sv: "%d ärenden", Fi: "%d asiaa", En: "%d cases"},
	"inbox.count1":    {Sv: "1 ärende", Fi: "1 asia", En: "1 case"},
	"inbox.empty":     {Sv: "Inga ärenden matchar filtret.", Fi: "Suodattimella ei löytynyt asioita.", En: "No cases match the filter."},
	"inbox.caption":   {Sv: "Ärenden sorterade efter när de ska besvaras. Försenade ärenden är märkta med texten Försenad.", Fi: "Asiat järjestyksessä sen mukaan, milloin niihin on vastattava. Myöhässä olevissa asioissa on merkintä Myöhässä.", En: "Cases sorted by when they are due. Overdue cases are marked with the word Overdue."},
	"inbox.redacted":  {Sv: "Personuppgifter är dolda i listan. Hela texten finns i ärendet.", Fi: "Henkilötiedot on piilotettu luettelosta. Koko teksti näkyy asian sivulla.", En: "Personal data is hidden in the list. The full text is in the case."},
	"inbox.open":      {Sv: "Öppna", Fi: "Avaa", En: "Open"},
	"inbox.limit":     {Sv: "Visar de första %d. Använd filtret för att se färre.", Fi: "Näytetään ensimmäiset %d. Rajaa luetteloa suodattimella.", En: "Showing the first %d. Use the filter to see fewer."},
	"col.due":         {Sv: "Svar senast", Fi: "Vastaus viimeistään", En: "Due"},
	"col.status":      {Sv: "Status", Fi: "Tila", En: "Status"},
	"col.kind":        {Sv: "Typ", Fi: "Tyyppi", En: "Kind"},
	"col.channel":     {Sv: "Kanal", Fi: "Kanava", En: "Channel"},
	"col.received":    {Sv: "Mottaget", Fi: "Vastaanotettu", En: "Received"},
	"col.text":        {Sv: "Meddelande", Fi: "Viesti", En: "Message"},
	"col.contact":     {Sv: "Kontakt", Fi: "Yhteystiedot", En: "Contact"},
	"mark.overdue":    {Sv: "Försenad", Fi: "Myöhässä", En: "Overdue"},
	"mark.register":   {Sv: "Ska diarieföras", Fi: "Kirjattava", En: "Must be registered"},
	"mark.regoverdue": {Sv: "Diarieföring försenad", Fi: "Kirjaaminen myöhässä", En: "Registration overdue"},
	"mark.noreply":    {Sv: "Inget svar utlovat", Fi: "Ei vastausvelvollisuutta", En: "No reply owed"},
	"mark.anonymous":  {Sv: "Anonym", Fi: "Nimetön", En: "Anonymous"},
	"field.status":    {Sv: "Status", Fi: "Tila", En: "Status"},
	"field.kind":      {Sv: "Typ", Fi: "Tyyppi", En: "Kind"},
	"field.channel":   {Sv: "Kanal", Fi: "Kanava", En: "Channel"},

	// Staff case page.
	"scase.title":       {Sv: "Ärende", Fi: "Asia", En: "Case"},
	"scase.back":        {Sv: "Tillbaka till inkorgen", Fi: "Takaisin saapuneisiin", En: "Back to the inbox"},
	"scase.text":        {Sv: "Meddelandet", Fi: "Viesti", En: "The message"},
	"scase.facts":       {Sv: "Uppgifter", Fi: "Tiedot", En: "Details"},
	"scase.contact":     {Sv: "Kontaktuppgifter", Fi: "Yhteystiedot", En: "Contact details"},
	"scase.none":        {Sv: "inga", Fi: "ei ole", En: "none"},
	"scase.name":        {Sv: "Namn", Fi: "Nimi", En: "Name"},
	"scase.email":       {Sv: "E-post", Fi: "Sähköposti", En: "E-mail"},
	"scase.phone":       {Sv: "Telefon", Fi: "Puhelin", En: "Phone"},
	"scase.confidence":  {Sv: "Säkerhet", Fi: "Varmuus", En: "Confidence"},
	"scase.runnerup":    {Sv: "Kan också vara", Fi: "Voi olla myös", En: "Could also be"},
	"scase.staffcompl":  {Sv: "Klagomål på bemötande: ska diarieföras först", Fi: "Moite henkilöstön käytöksestä: kirjattava ensin", En: "Complaint about staff: must be registered first"},
	"scase.regdue":      {Sv: "Diarieföras senast", Fi: "Kirjattava viimeistään", En: "Register by"},
	"scase.replydue":    {Sv: "Svar senast (enligt policyn)", Fi: "Vastaus viimeistään (palvelulinjauksen mukaan)", En: "Reply due (by the policy)"},
	"scase.duevia":      {Sv: "Regeln för %s användes, eftersom policyn saknar regel för %s.", Fi: "Käytettiin kanavan ”%s” sääntöä, koska palvelulinjauksessa ei ole sääntöä kanavalle ”%s”.", En: "The rule for %s was used, because the policy has no rule for %s."},
	"scase.promised":    {Sv: "Utlovat svar", Fi: "Luvattu vastaus", En: "Promised answer"},
	"scase.diary":       {Sv: "Diarienummer", Fi: "Diaarinumero", En: "Diary number"},
	"scase.unit":        {Sv: "Enhet", Fi: "Yksikkö", En: "Unit"},
	"scase.language":    {Sv: "Språk", Fi: "Kieli", En: "Language"},
	"scase.token":       {Sv: "Medborgarens länk", Fi: "Kuntalaisen linkki", En: "The citizen's link"},
	"scase.interim":     {Sv: "Skickat besked", Fi: "Lähetetty väliaikainen vastaus", En: "Interim reply sent"},
	"scase.reply":       {Sv: "Skickat svar", Fi: "Lähetetty vastaus", En: "Answer sent"},
	"scase.history":     {Sv: "Historik", Fi: "Historia", En: "History"},
	"scase.hist.when":   {Sv: "När", Fi: "Milloin", En: "When"},
	"scase.hist.change": {Sv: "Ändring", Fi: "Muutos", En: "Change"},
	"scase.hist.note":   {Sv: "Anteckning", Fi: "Merkintä", En: "Note"},
	"scase.error1":      {Sv: "Det finns 1 fel i formuläret", Fi: "Lomakkeessa on 1 virhe", En: "There is 1 error in the form"},
	"scase.actions":     {Sv: "Ändra status", Fi: "Muuta tilaa", En: "Change status"},
	"scase.noactions":   {Sv: "Ärendet är avslutat. Inget mer kan ändras.", Fi: "Asia on suljettu. Mitään ei voi enää muuttaa.", En: "The case is closed. Nothing more can be changed."},
	"scase.done":        {Sv: "Ändringen är sparad: %s.", Fi: "Muutos on tallennettu: %s.", En: "The change is saved: %s."},
	"scase.conflict":    {Sv: "Någon annan ändrade ärendet samtidigt. Läs det du ser och försök igen.", Fi: "Joku muu muutti asiaa samaan aikaan. Tarkista tiedot ja yritä uudelleen.", En: "Someone else changed the case at the same time. Check what you see and try again."},
	"scase.illegal":     {Sv: "Ändringen går inte att göra nu.", Fi: "Muutosta ei voi tehdä nyt.", En: "The change cannot be made now."},
	"scase.plainreply":  {Sv: "Klarspråk i svaret som skickades", Fi: "Selkeä kieli lähetetyssä vastauksessa", En: "Plain language in the answer sent"},

	"act.registered":     {Sv: "Diarieför", Fi: "Kirjaa", En: "Register"},
	"act.registered.btn": {Sv: "Diarieför ärendet", Fi: "Kirjaa asia", En: "Register the case"},
	"act.interim_sent":   {Sv: "Skicka besked om vem som svarar och när", Fi: "Lähetä väliaikainen vastaus: kuka vastaa ja milloin", En: "Send an interim reply: who answers, and when"},
	"act.interim.btn":    {Sv: "Spara besked", Fi: "Tallenna väliaikainen vastaus", En: "Save interim reply"},
	"act.waiting":        {Sv: "Vänta på komplettering", Fi: "Odota lisätietoja henkilöltä", En: "Wait for the citizen"},
	"act.waiting.btn":    {Sv: "Pausa ärendet", Fi: "Keskeytä asia", En: "Pause the case"},
	"act.waiting.hint":   {Sv: "Klockan för svarstiden står still medan ärendet väntar.", Fi: "Vastausaika ei kulu sinä aikana, kun asia odottaa.", En: "The response-time clock stops while the case waits."},
	"act.resume":         {Sv: "Återuppta ärendet", Fi: "Jatka asian käsittelyä", En: "Resume the case"},
	"act.resume.btn":     {Sv: "Återuppta", Fi: "Jatka", En: "Resume"},
	"act.answered":       {Sv: "Svara", Fi: "Vastaa", En: "Answer"},
	"act.answered.btn":   {Sv: "Skicka svar", Fi: "Lähetä vastaus", En: "Send answer"},
	"act.closed":         {Sv: "Avsluta", Fi: "Sulje", En: "Close"},
	"act.closed.btn":     {Sv: "Avsluta ärendet", Fi: "Sulje asia", En: "Close the case"},
	"act.check.btn":      {Sv: "Granska klarspråk", Fi: "Tarkista kielen selkeys", En: "Check plain language"},
	"fld.diary":          {Sv: "Diarienummer", Fi: "Diaarinumero", En: "Diary number"},
	"fld.interim":        {Sv: "Besked till personen", Fi: "Viesti henkilölle", En: "Message to the person"},
	"fld.promised":       {Sv: "Svar utlovat senast (datum och tid)", Fi: "Vastaus luvattu viimeistään (päivä ja kellonaika)", En: "Answer promised by (date and time)"},
	"fld.asked":          {Sv: "Vad du bad personen om", Fi: "Mitä pyysit henkilöltä", En: "What you asked the person for"},
	"fld.reply":          {Sv: "Svar till personen", Fi: "Vastaus henkilölle", En: "Answer to the person"},
	"fld.reply.req":      {Sv: "Skriv svaret innan du skickar det.", Fi: "Kirjoita vastaus ennen kuin lähetät sen.", En: "Write the answer before you send it."},
	"fld.promised.bad":   {Sv: "Skriv datum och tid som 2026-12-23 15:00.", Fi: "Kirjoita päivä ja kellonaika muodossa 2026-12-23 15:00.", En: "Write the date and time as 2026-12-23 15:00."},
	"fld.promised.past":  {Sv: "Det utlovade svaret måste komma senare än nu.", Fi: "Luvatun vastausajan pitää olla tulevaisuudessa.", En: "The promised answer must come later than now."},
	"fld.text.long":      {Sv: "Texten är för lång.", Fi: "Teksti on liian pitkä.", En: "The text is too long."},

	// Plain-language check.
	"plain.heading": {Sv: "Klarspråkskontroll", Fi: "Selkeän kielen tarkistus", En: "Plain-language check"},
	"plain.summary": {Sv: "LIX %s (%s). Poäng %d av 100: %s.", Fi: "LIX %s (%s). Pisteet %d/100: %s.", En: "LIX %s (%s). Score %d of 100: %s."},
	"plain.none":    {Sv: "Inga anmärkningar.", Fi: "Ei huomautettavaa.", En: "No remarks."},
	"plain.suggest": {Sv: "Skriv hellre: %s", Fi: "Kirjoita mieluummin: %s", En: "Write instead: %s"},
	"plain.live":    {Sv: "Kontrollen uppdateras medan du skriver.", Fi: "Tarkistus päivittyy, kun kirjoitat.", En: "The check updates as you write."},
	"plain.long":    {Sv: "Lång mening (%d ord)", Fi: "Pitkä virke (%d sanaa)", En: "Long sentence (%d words)"},
	"plain.bureau":  {Sv: "Krångligt ord", Fi: "Hankala virkasana", En: "Bureaucratic word"},
	"plain.abbr":    {Sv: "Förkortning", Fi: "Lyhenne", En: "Abbreviation"},
	"plain.acronym": {Sv: "Oförklarad förkortning", Fi: "Selittämätön lyhenne", En: "Unexplained acronym"},

	// Follow-up.
	"fu.title":        {Sv: "Uppföljning", Fi: "Seuranta", En: "Follow-up"},
	"fu.intro":        {Sv: "Hur många ärenden som kom in och hur många som besvarades i tid, för en period. Till delårs- och årsrapporten.", Fi: "Kuinka monta asiaa tuli ja kuinka moneen vastattiin ajallaan valitulla ajanjaksolla. Osavuosi- ja vuosiraporttia varten.", En: "How many cases came in and how many were answered on time, for a period. For the interim and annual reports."},
	"fu.period":       {Sv: "Period", Fi: "Ajanjakso", En: "Period"},
	"fu.from":         {Sv: "Från och med", Fi: "Alkupäivä", En: "From"},
	"fu.to":           {Sv: "Till och med", Fi: "Loppupäivä", En: "To"},
	"fu.show":         {Sv: "Visa", Fi: "Näytä", En: "Show"},
	"fu.presets":      {Sv: "Snabbval", Fi: "Pikavalinnat", En: "Quick choices"},
	"fu.last30":       {Sv: "Senaste 30 dagarna", Fi: "Viimeiset 30 päivää", En: "Last 30 days"},
	"fu.quarter":      {Sv: "Detta kvartal", Fi: "Tämä vuosineljännes", En: "This quarter"},
	"fu.prevquarter":  {Sv: "Förra kvartalet", Fi: "Edellinen vuosineljännes", En: "Last quarter"},
	"fu.year":         {Sv: "I år", Fi: "Tämä vuosi", En: "This year"},
	"fu.bad":          {Sv: "Skriv datumen som 2026-01-31, och låt perioden sluta efter att den börjar (högst tre år).", Fi: "Kirjoita päivämäärät muodossa 2026-01-31. Loppupäivän on oltava alkupäivän jälkeen, ja ajanjakso voi olla enintään kolme vuotta.", En: "Write the dates as 2026-01-31, and let the period end after it starts (at most three years)."},
	"fu.summary":      {Sv: "Mottagna ärenden: %d. Besvarade i tid: %d av %d avgjorda. Försenade nu: %d.", Fi: "Vastaanotettuja asioita: %[1]d. Ratkaistuja: %[3]d, joista ajallaan vastattu %[2]d. Myöhässä nyt: %[4]d.", En: "Cases received: %d. Answered on time: %d of %d settled. Overdue now: %d."},
	"fu.bychannel":    {Sv: "Andel besvarade i tid per kanal", Fi: "Ajallaan vastattujen osuus kanavittain", En: "Share answered on time by channel"},
	"fu.bykind":       {Sv: "Andel besvarade i tid per typ", Fi: "Ajallaan vastattujen osuus tyypeittäin", En: "Share answered on time by kind"},
	"fu.perweek":      {Sv: "Ärenden per vecka", Fi: "Asiat viikoittain", En: "Cases per week"},
	"fu.chartdesc":    {Sv: "Stapeldiagram. Samma siffror finns i tabellen intill.", Fi: "Pylväskaavio. Samat luvut ovat viereisessä taulukossa.", En: "Bar chart. The same figures are in the table beside it."},
	"fu.col.group":    {Sv: "Grupp", Fi: "Ryhmä", En: "Group"},
	"fu.col.received": {Sv: "Mottagna", Fi: "Vastaanotetut", En: "Received"},
	"fu.col.settled":  {Sv: "Avgjorda", Fi: "Ratkaistut", En: "Settled"},
	"fu.col.ontime":   {Sv: "I tid", Fi: "Ajallaan", En: "On time"},
	"fu.col.share":    {Sv: "Andel i tid", Fi: "Osuus ajallaan", En: "Share on time"},
	"fu.col.overdue":  {Sv: "Försenade", Fi: "Myöhässä", En: "Overdue"},
	"fu.col.week":     {Sv: "Vecka", Fi: "Viikko", En: "Week"},
	"fu.col.cases":    {Sv: "Ärenden", Fi: "Asioita", En: "Cases"},
	"fu.nodata":       {Sv: "Inga ärenden med svarsplikt är avgjorda i perioden.", Fi: "Ajanjaksolla ei ole ratkaistu yhtään asiaa, johon kunnan on vastattava.", En: "No cases owed a reply are settled in the period."},
	"fu.week":         {Sv: "v. %d", Fi: "vko %d", En: "wk %d"},
	"fu.export":       {Sv: "Ladda ner", Fi: "Lataa", En: "Download"},
	"fu.csv":          {Sv: "Siffrorna som CSV (för kalkylblad)", Fi: "Luvut CSV-tiedostona (taulukkolaskentaan)", En: "The figures as CSV (for spreadsheets)"},
	"fu.csvoverdue":   {Sv: "Försenade ärenden som CSV", Fi: "Myöhässä olevat asiat CSV-tiedostona", En: "Overdue cases as CSV"},
	"fu.settlednote":  {Sv: "Avgjort betyder att svaret har kommit, eller att tiden för svar har gått ut.", Fi: "Ratkaistu tarkoittaa, että vastaus on annettu tai että vastausaika on päättynyt.", En: "Settled means that the answer has come, or that the time to answer has run out."},
	"fu.total":        {Sv: "Totalt", Fi: "Yhteensä", En: "Total"},

	"fu.nonesettled": {Sv: "inga avgjorda", Fi: "ei ratkaistuja", En: "none settled"},

	// Accessibility statement.
	"a11y.title": {Sv: "Tillgänglighet för %s", Fi: "Saavutettavuusseloste – %s", En: "Accessibility of %s"},
}

// msg returns the message key in l: a text of the pages, or one of the
// feedback form's (package formtext, whose texts the widget shows too).
func msg(l lang.Lang, key string) string {
	if m, ok := messages[key]; ok {
		return m.In(l)
	}
	if m, ok := formtext.Text(key); ok {
		return m.In(l)
	}
	return key
}

// languageNames are the languages of a message as people read them.
var languageNames = map[lang.Lang]lang.Text{
	lang.Swedish: {Sv: "svenska", Fi: "ruotsi", En: "Swedish"},
	lang.Finnish: {Sv: "finska", Fi: "suomi", En: "Finnish"},
	lang.English: {Sv: "engelska", Fi: "englanti", En: "English"},
}

// languageName returns the language of a message in l (Finnish is
// "finska", "suomi", "Finnish"), or its code when it is not known.
func languageName(of, l lang.Lang) string {
	if n, ok := languageNames[of]; ok {
		return n.In(l)
	}
	return string(of)
}

// kindNames are the kinds as people read them.
var kindNames = map[message.Kind]lang.Text{
	message.Praise:      {Sv: "Beröm", Fi: "Kiitos", En: "Praise"},
	message.Complaint:   {Sv: "Klagomål", Fi: "Moite", En: "Complaint"},
	message.Suggestion:  {Sv: "Förslag", Fi: "Ehdotus", En: "Suggestion"},
	message.Question:    {Sv: "Fråga", Fi: "Kysymys", En: "Question"},
	message.FaultReport: {Sv: "Felanmälan", Fi: "Vikailmoitus", En: "Fault report"},
	message.DamageClaim: {Sv: "Skadeanspråk", Fi: "Vahingonkorvausvaatimus", En: "Damage claim"},
	message.Appeal:      {Sv: "Överklagande", Fi: "Valitus", En: "Appeal"},
}

// kindName returns k in l; an empty or unknown kind is "not decided yet".
func kindName(k message.Kind, l lang.Lang) string {
	if n, ok := kindNames[k]; ok {
		return n.In(l)
	}
	return msg(l, "kind.none")
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
func longTime(t time.Time, l lang.Lang) string {
	if t.IsZero() {
		return ""
	}
	return calendar.Format(t, l)
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
func percent(share float64, l lang.Lang) string {
	p := strconv.FormatFloat(share*100, 'f', 0, 64)
	if l == lang.English {
		return p + "%"
	}
	return p + "\u00a0%"
}

// decimal formats f with one decimal, with a decimal comma in Swedish and
// Finnish.
func decimal(f float64, l lang.Lang) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	if l != lang.English {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// tf formats the message key in l with args.
func tf(l lang.Lang, key string, args ...any) string {
	return fmt.Sprintf(msg(l, key), args...)
}
