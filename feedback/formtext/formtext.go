// Package formtext holds the texts of the citizen's feedback form, in
// Swedish, Finnish and English: its labels, hints, errors and buttons, what
// it says while a message waits to be sent, the guidance it gives as a
// person types, and the receipt. Two hosts show the form: the
// server-rendered page (feedback/webui) and the widget <synpunkt-widget>
// (wasm/loader, whose texts.js the widget command generates from this
// package). Both take their words from here, so the same form says the
// same thing in both.
//
// A text is shown on the page, in the widget, or on both (Surface). A text
// with arguments holds fmt verbs, %s and %d, or %[2]s where a language
// needs the arguments in another order; the widget fills them in the same
// way.
//
// The errors of the form's fields are keyed by the feedback API's field and
// code, "form.error.contact.email.invalid" (FieldError), so an error the
// server sends and the same error found before sending read alike.
//
// The package imports only kommunkit's lang.
package formtext

import (
	"slices"

	"github.com/kommunkit/kommunkit/lang"
)

// A Surface is where a text of the form is shown.
type Surface uint8

const (
	// Page is the server-rendered form (feedback/webui), which works
	// without JavaScript.
	Page Surface = 1 << iota
	// Widget is <synpunkt-widget>.
	Widget
	// Both is the page and the widget.
	Both = Page | Widget
)

// entry is one text of the form and where it is shown.
type entry struct {
	on   Surface
	text lang.Text
}

// Text returns the text of key, and whether the form has one.
func Text(key string) (lang.Text, bool) {
	e, ok := texts[key]
	return e.text, ok
}

// FieldError returns the form's words for an error of the feedback API's
// field (such as "contact.email") with code (such as "invalid"), and
// whether the form has words for it.
func FieldError(field, code string) (lang.Text, bool) {
	return Text("form.error." + field + "." + code)
}

// Keys returns the keys of the texts shown on s (on the page, in the
// widget, or, for Both, on either), sorted.
func Keys(s Surface) []string {
	var keys []string
	for k, e := range texts {
		if e.on&s != 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// texts are the form's texts by key.
var texts = map[string]entry{
	// The form.
	"form.title":         {Both, lang.Text{Sv: "Lämna en synpunkt", Fi: "Anna palautetta", En: "Give feedback"}},
	"form.intro":         {Widget, lang.Text{Sv: "Beröm, klagomål eller förslag? Skriv till oss. Vi läser allt som kommer in.", Fi: "Haluatko antaa kiitosta tai moitetta tai tehdä ehdotuksen? Kirjoita meille. Luemme kaiken, mitä saamme.", En: "Praise, a complaint or a suggestion? Write to us. We read everything we get."}},
	"form.nojs":          {Page, lang.Text{Sv: "Formuläret fungerar utan JavaScript.", Fi: "Lomake toimii ilman JavaScriptiä.", En: "The form works without JavaScript."}},
	"form.required":      {Page, lang.Text{Sv: "Fält märkta (måste fyllas i) är obligatoriska.", Fi: "Kentät, joissa on merkintä (pakollinen), on täytettävä.", En: "Fields marked (required) must be filled in."}},
	"form.text":          {Both, lang.Text{Sv: "Ditt meddelande", Fi: "Viestisi", En: "Your message"}},
	"form.text.req":      {Page, lang.Text{Sv: "(måste fyllas i)", Fi: "(pakollinen)", En: "(required)"}},
	"form.text.hint":     {Both, lang.Text{Sv: "Skriv med dina egna ord. Skriv inte ditt personnummer eller annat känsligt om dig själv.", Fi: "Kirjoita omin sanoin. Älä kirjoita henkilötunnustasi tai muita arkaluonteisia tietoja itsestäsi.", En: "Use your own words. Do not write your personal identity number or other sensitive facts about yourself."}},
	"form.counter":       {Widget, lang.Text{Sv: "%d tecken kvar", Fi: "%d merkkiä jäljellä", En: "%d characters left"}},
	"form.contact":       {Both, lang.Text{Sv: "Vill du ha svar?", Fi: "Haluatko vastauksen?", En: "Do you want a reply?"}},
	"form.reply.yes":     {Widget, lang.Text{Sv: "Ja, jag vill ha svar", Fi: "Kyllä, haluan vastauksen", En: "Yes, I want a reply"}},
	"form.reply.no":      {Widget, lang.Text{Sv: "Nej, jag vill vara anonym", Fi: "En, haluan pysyä nimettömänä", En: "No, I want to stay anonymous"}},
	"form.anon":          {Widget, lang.Text{Sv: "Du är anonym. Vi läser ditt meddelande, men vi kan inte svara dig.", Fi: "Olet nimetön. Luemme viestisi, mutta emme voi vastata sinulle.", En: "You are anonymous. We read your message, but we cannot reply to you."}},
	"form.contact.hint":  {Both, lang.Text{Sv: "Skriv din e-postadress eller ditt telefonnummer. Utan dem kan vi inte svara dig.", Fi: "Kirjoita sähköpostiosoitteesi tai puhelinnumerosi. Ilman niitä emme voi vastata sinulle.", En: "Give your e-mail address or phone number. Without them we cannot reply to you."}},
	"form.name":          {Both, lang.Text{Sv: "Namn (frivilligt)", Fi: "Nimi (vapaaehtoinen)", En: "Name (optional)"}},
	"form.email":         {Both, lang.Text{Sv: "E-postadress", Fi: "Sähköpostiosoite", En: "E-mail address"}},
	"form.phone":         {Both, lang.Text{Sv: "Telefonnummer", Fi: "Puhelinnumero", En: "Phone number"}},
	"form.decision":      {Widget, lang.Text{Sv: "Vilken dag fick du beslutet? (frivilligt)", Fi: "Minä päivänä sait päätöksen? (vapaaehtoinen)", En: "On what day did you get the decision? (optional)"}},
	"form.decision.hint": {Widget, lang.Text{Sv: "Då räknar vi ut sista dagen från den dagen.", Fi: "Silloin laskemme viimeisen päivän siitä päivästä.", En: "Then we count the last day from that day."}},
	"form.hp":            {Both, lang.Text{Sv: "Lämna det här fältet tomt", Fi: "Jätä tämä kenttä tyhjäksi", En: "Leave this field empty"}},
	"form.send":          {Both, lang.Text{Sv: "Skicka", Fi: "Lähetä", En: "Send"}},
	"form.sending":       {Widget, lang.Text{Sv: "Skickar …", Fi: "Lähetetään …", En: "Sending …"}},

	// When a message sent now gets its reply.
	"form.due.by":     {Both, lang.Text{Sv: "Om du skickar nu får du svar senast %s.", Fi: "Jos lähetät nyt, saat vastauksen viimeistään %s.", En: "If you send it now, you will get a reply by %s."}},
	"form.due.within": {Widget, lang.Text{Sv: "Vi svarar inom %s.", Fi: "Vastaamme %s kuluessa.", En: "We reply within %s."}},
	"form.due.soon":   {Both, lang.Text{Sv: "Vi svarar så snart vi kan.", Fi: "Vastaamme niin pian kuin voimme.", En: "We will reply as soon as we can."}},
	"form.due.anon":   {Widget, lang.Text{Sv: "Du är anonym, så du får inget svar.", Fi: "Olet nimetön, joten et saa vastausta.", En: "You are anonymous, so you will not get a reply."}},

	// Errors: the summary, then each field's, by the API's field and code.
	"form.errors.one":                  {Both, lang.Text{Sv: "Det finns 1 fel i formuläret", Fi: "Lomakkeessa on 1 virhe", En: "There is 1 error in the form"}},
	"form.errors":                      {Both, lang.Text{Sv: "Det finns %d fel i formuläret", Fi: "Lomakkeessa on %d virhettä", En: "There are %d errors in the form"}},
	"form.error.text.required":         {Both, lang.Text{Sv: "Skriv ditt meddelande.", Fi: "Kirjoita viestisi.", En: "Write your message."}},
	"form.error.text.too_long":         {Both, lang.Text{Sv: "Meddelandet är för långt. Det får vara högst 10 000 tecken.", Fi: "Viesti on liian pitkä. Se saa olla enintään 10 000 merkkiä.", En: "The message is too long. It can be at most 10,000 characters."}},
	"form.error.contact.name.too_long": {Both, lang.Text{Sv: "Namnet är för långt. Det får vara högst 200 tecken.", Fi: "Nimi on liian pitkä. Se saa olla enintään 200 merkkiä.", En: "The name is too long. It can be at most 200 characters."}},
	"form.error.contact.email.invalid": {Both, lang.Text{Sv: "E-postadressen ser inte rätt ut. Den ska se ut som namn@exempel.se.", Fi: "Sähköpostiosoite ei näytä oikealta. Sen pitää olla muotoa nimi@esimerkki.fi.", En: "The e-mail address does not look right. It should look like name@example.com."}},
	"form.error.contact.phone.invalid": {Both, lang.Text{Sv: "Telefonnumret ser inte rätt ut. Skriv bara siffror, till exempel 070-123 45 67 eller +46 70 123 45 67.", Fi: "Puhelinnumero ei näytä oikealta. Kirjoita vain numeroita, esimerkiksi 070-123 45 67 tai +46 70 123 45 67.", En: "The phone number does not look right. Use digits only, for example 070-123 45 67 or +46 70 123 45 67."}},
	"form.error.contact.required":      {Widget, lang.Text{Sv: "Skriv din e-postadress eller ditt telefonnummer, eller välj att vara anonym.", Fi: "Kirjoita sähköpostiosoitteesi tai puhelinnumerosi, tai valitse, että haluat pysyä nimettömänä.", En: "Give your e-mail address or phone number, or choose to stay anonymous."}},
	"form.error.too_large":             {Widget, lang.Text{Sv: "Meddelandet är för stort för att skicka. Gör det kortare.", Fi: "Viesti on liian suuri lähetettäväksi. Lyhennä sitä.", En: "The message is too large to send. Make it shorter."}},
	"form.error.server":                {Widget, lang.Text{Sv: "Något gick fel hos oss, så meddelandet kunde inte tas emot. Försök igen om en stund.", Fi: "Meillä tapahtui virhe, eikä viestiä voitu vastaanottaa. Yritä hetken päästä uudelleen.", En: "Something went wrong on our side, so the message could not be received. Please try again in a while."}},
	"form.stamp.old":                   {Page, lang.Text{Sv: "Formuläret var för gammalt. Kontrollera texten och skicka igen.", Fi: "Lomake oli liian vanha. Tarkista teksti ja lähetä se uudelleen.", En: "The form was too old. Check your text and send it again."}},
	"form.stamp.fast":                  {Page, lang.Text{Sv: "Formuläret skickades för snabbt. Vänta några sekunder och skicka igen.", Fi: "Lomake lähetettiin liian nopeasti. Odota muutama sekunti ja lähetä se uudelleen.", En: "The form was sent too quickly. Wait a few seconds and send it again."}},
	"form.stamp.bad":                   {Page, lang.Text{Sv: "Formuläret kunde inte kontrolleras. Skicka igen.", Fi: "Lomaketta ei voitu tarkistaa. Lähetä se uudelleen.", En: "The form could not be checked. Please send it again."}},
	"form.key.reused":                  {Page, lang.Text{Sv: "Du har redan skickat ett annat meddelande från det här formuläret. Kontrollera texten och skicka igen, så blir det ett nytt meddelande.", Fi: "Olet jo lähettänyt toisen viestin tällä lomakkeella. Tarkista teksti ja lähetä se uudelleen, niin siitä tulee uusi viesti.", En: "You have already sent another message from this form. Check your text and send it again, and it becomes a new message."}},
	"form.rejected":                    {Page, lang.Text{Sv: "Meddelandet kunde inte tas emot.", Fi: "Viestiä ei voitu ottaa vastaan.", En: "The message could not be accepted."}},

	// A message that waits to be sent (the widget's offline queue).
	"wait.title":    {Widget, lang.Text{Sv: "Ditt meddelande är sparat och väntar", Fi: "Viestisi on tallennettu ja odottaa", En: "Your message is saved and waiting"}},
	"wait.offline":  {Widget, lang.Text{Sv: "Vi når inte fram just nu. Meddelandet är sparat i din webbläsare och skickas av sig självt när det går, också om du stänger sidan och öppnar den igen.", Fi: "Yhteys ei toimi juuri nyt. Viesti on tallennettu selaimeesi ja lähtee itsestään, kun se onnistuu, myös jos suljet sivun ja avaat sen uudelleen.", En: "We cannot reach the server right now. Your message is saved in your browser and will be sent by itself when it can, even if you close the page and open it again."}},
	"wait.busy":     {Widget, lang.Text{Sv: "Vi har många meddelanden just nu. Ditt meddelande är sparat och skickas om en stund.", Fi: "Meillä on juuri nyt paljon viestejä. Viestisi on tallennettu ja lähtee hetken päästä.", En: "We are getting many messages right now. Your message is saved and will be sent in a while."}},
	"wait.retry":    {Widget, lang.Text{Sv: "Försök skicka nu", Fi: "Yritä lähettää nyt", En: "Try to send now"}},
	"wait.retrying": {Widget, lang.Text{Sv: "Försöker skicka igen …", Fi: "Yritetään lähettää uudelleen …", En: "Trying to send again …"}},
	"wait.still":    {Widget, lang.Text{Sv: "Det gick inte heller nu. Vi fortsätter att försöka.", Fi: "Ei onnistunut nytkään. Yritämme edelleen.", En: "That did not work either. We will keep trying."}},

	// The receipt.
	"receipt.title":      {Page, lang.Text{Sv: "Tack för ditt meddelande", Fi: "Kiitos viestistäsi", En: "Thank you for your message"}},
	"receipt.thanks":     {Both, lang.Text{Sv: "Tack! Vi har tagit emot ditt meddelande", Fi: "Kiitos! Olemme saaneet viestisi", En: "Thank you! We have received your message"}},
	"receipt.earlier":    {Widget, lang.Text{Sv: "Ditt sparade meddelande har nu kommit fram.", Fi: "Tallennettu viestisi on nyt perillä.", En: "Your saved message has now been delivered."}},
	"receipt.already":    {Page, lang.Text{Sv: "Det här meddelandet hade vi redan tagit emot. Du ser samma kvitto som förra gången.", Fi: "Olimme jo saaneet tämän viestin. Näet saman kuittauksen kuin viime kerralla.", En: "We had already received this message. You see the same receipt as last time."}},
	"receipt.registered": {Widget, lang.Text{Sv: "Vi har registrerat det som %s.", Fi: "Olemme kirjanneet sen: %s.", En: "We have registered it as %s."}},
	"receipt.due":        {Both, lang.Text{Sv: "Du får svar senast %s.", Fi: "Saat vastauksen viimeistään %s.", En: "You will get a reply by %s."}},
	"receipt.anonymous":  {Widget, lang.Text{Sv: "Du skickade anonymt, så vi kan inte svara dig.", Fi: "Lähetit viestin nimettömänä, joten emme voi vastata sinulle.", En: "You sent it anonymously, so we cannot reply to you."}},
	"receipt.appeal":     {Both, lang.Text{Sv: "Sista dagen att överklaga: %s.", Fi: "Viimeinen valituspäivä: %s.", En: "Last day to appeal: %s."}},
	"receipt.follow":     {Page, lang.Text{Sv: "Följ ditt ärende", Fi: "Seuraa asiaasi", En: "Follow your case"}},
	"receipt.link":       {Both, lang.Text{Sv: "Här ser du status och svar:", Fi: "Tästä näet asiasi tilan ja vastauksen:", En: "Here you can see the status and the answer:"}},
	"receipt.keep":       {Both, lang.Text{Sv: "Spara länken. Den som har länken kan se status och svar, men inte ditt meddelande eller dina kontaktuppgifter.", Fi: "Tallenna linkki. Jokainen, jolla on linkki, näkee tilan ja vastauksen, mutta ei viestiäsi eikä yhteystietojasi.", En: "Keep the link. Anyone with the link can see the status and the answer, but not your message or your contact details."}},
	"receipt.new":        {Both, lang.Text{Sv: "Skriv ett nytt meddelande", Fi: "Kirjoita uusi viesti", En: "Write a new message"}},

	// Guidance as the person types (the widget's classification): the kind
	// in a sentence, what to do with it, and the last day to appeal.
	"guide.looks":        {Widget, lang.Text{Sv: "Det här ser ut som %s.", Fi: "Tämä näyttää olevan %s.", En: "This looks like %s."}},
	"guide.because":      {Widget, lang.Text{Sv: "Ord som visar det:", Fi: "Sanat, joista sen näkee:", En: "Words that show it:"}},
	"guide.praise":       {Widget, lang.Text{Sv: "Tack! Vi skickar berömmet till dem det gäller.", Fi: "Kiitos! Välitämme kiitoksen niille, joita se koskee.", En: "Thank you! We will pass the praise on to the people it is about."}},
	"guide.complaint":    {Widget, lang.Text{Sv: "Vi tar klagomål på allvar. Berätta gärna vad som hände och när.", Fi: "Otamme moitteet vakavasti. Kerro mielellään, mitä tapahtui ja milloin.", En: "We take complaints seriously. Please tell us what happened and when."}},
	"guide.suggestion":   {Widget, lang.Text{Sv: "Tack för idén! Vi skickar förslaget till dem som kan ta ställning till det.", Fi: "Kiitos ideasta! Välitämme ehdotuksen niille, jotka voivat ottaa siihen kantaa.", En: "Thank you for the idea! We will pass the suggestion on to the people who can decide on it."}},
	"guide.question":     {Widget, lang.Text{Sv: "Du kan ställa frågan här, så svarar vi.", Fi: "Voit kysyä tässä, niin vastaamme.", En: "You can ask your question here, and we will answer."}},
	"guide.fault_report": {Widget, lang.Text{Sv: "En felanmälan skickar vi vidare till dem som lagar. Skriv gärna var felet finns.", Fi: "Vikailmoituksen välitämme korjaajille. Kirjoita mielellään, missä vika on.", En: "We pass fault reports on to the people who repair things. Please say where the fault is."}},
	"guide.damage_claim": {Widget, lang.Text{Sv: "Vill du ha ersättning för en skada är det ett skadeanspråk. Det har ett eget sätt att handläggas. Skicka meddelandet så hjälper vi dig vidare. Spara kvitton och bilder.", Fi: "Jos haluat korvausta vahingosta, se on vahingonkorvausvaatimus. Se käsitellään omalla tavallaan. Lähetä viesti, niin autamme eteenpäin. Säilytä kuitit ja kuvat.", En: "If you want compensation for damage, that is a damage claim. It is handled in its own way. Send the message and we will help you on. Keep receipts and photos."}},
	"guide.appeal":       {Widget, lang.Text{Sv: "Vill du överklaga ett beslut är det inte en synpunkt. Skriv ett överklagande till den nämnd som fattade beslutet. Skriv vilket beslut det gäller, vad du vill ändra och varför.", Fi: "Jos haluat valittaa päätöksestä, se ei ole palautetta. Kirjoita valitus lautakunnalle, joka teki päätöksen. Kerro, mitä päätöstä se koskee, mitä haluat muuttaa ja miksi.", En: "If you want to appeal a decision, that is not feedback. Write an appeal to the committee that made the decision. Say which decision it is, what you want changed and why."}},
	"guide.urgent":       {Widget, lang.Text{Sv: "Är det bråttom eller farligt? Ring %s.", Fi: "Onko asia kiireellinen tai vaarallinen? Soita %s.", En: "Is it urgent or dangerous? Call %s."}},
	"guide.appeal.by":    {Widget, lang.Text{Sv: "Överklagandet måste ha kommit in senast %s.", Fi: "Valituksen on oltava perillä viimeistään %s.", En: "Your appeal must arrive by %s at the latest."}},
	"guide.appeal.from":  {Widget, lang.Text{Sv: "Det är tre veckor från %s.", Fi: "Se on kolme viikkoa päivästä %s.", En: "That is three weeks from %s."}},
	"guide.appeal.moved": {Widget, lang.Text{Sv: "Tre veckor tar slut %s, som inte är en arbetsdag, så sista dagen flyttas till nästa arbetsdag.", Fi: "Kolme viikkoa päättyy %s, joka ei ole arkipäivä, joten viimeinen päivä siirtyy seuraavaan arkipäivään.", En: "Three weeks end on %s, which is not a working day, so the last day moves to the next working day."}},
	"kind.praise":        {Widget, lang.Text{Sv: "beröm", Fi: "kiitos", En: "praise"}},
	"kind.complaint":     {Widget, lang.Text{Sv: "ett klagomål", Fi: "moite", En: "a complaint"}},
	"kind.suggestion":    {Widget, lang.Text{Sv: "ett förslag", Fi: "ehdotus", En: "a suggestion"}},
	"kind.question":      {Widget, lang.Text{Sv: "en fråga", Fi: "kysymys", En: "a question"}},
	"kind.fault_report":  {Widget, lang.Text{Sv: "en felanmälan", Fi: "vikailmoitus", En: "a fault report"}},
	"kind.damage_claim":  {Widget, lang.Text{Sv: "ett skadeanspråk", Fi: "vahingonkorvausvaatimus", En: "a damage claim"}},
	"kind.appeal":        {Widget, lang.Text{Sv: "ett överklagande", Fi: "valitus päätöksestä", En: "an appeal"}},

	// Personal data found in the text, and its kinds (pii.Kind).
	"pii.title":                      {Widget, lang.Text{Sv: "Ditt meddelande innehåller personuppgifter", Fi: "Viestissäsi on henkilötietoja", En: "Your message contains personal data"}},
	"pii.text":                       {Widget, lang.Text{Sv: "Vi har markerat dem här. Ta bort dem om du inte vill skicka dem.", Fi: "Olemme merkinneet ne tähän. Poista ne, jos et halua lähettää niitä.", En: "We have marked it here. Remove it if you do not want to send it."}},
	"pii.found":                      {Widget, lang.Text{Sv: "Hittade: %s.", Fi: "Löytyi: %s.", En: "Found: %s."}},
	"pii.remove":                     {Widget, lang.Text{Sv: "Ta bort personuppgifterna ur meddelandet", Fi: "Poista henkilötiedot viestistä", En: "Remove the personal data from the message"}},
	"pii.removed":                    {Widget, lang.Text{Sv: "Personuppgifterna är borttagna ur meddelandet.", Fi: "Henkilötiedot on poistettu viestistä.", En: "The personal data has been removed from the message."}},
	"pii.kind.personnummer":          {Widget, lang.Text{Sv: "personnummer", Fi: "henkilötunnus", En: "personal identity number"}},
	"pii.kind.possible_personnummer": {Widget, lang.Text{Sv: "möjligt personnummer", Fi: "mahdollinen henkilötunnus", En: "possible personal identity number"}},
	"pii.kind.samordningsnummer":     {Widget, lang.Text{Sv: "samordningsnummer", Fi: "yhteensovittamisnumero", En: "co-ordination number"}},
	"pii.kind.phone":                 {Widget, lang.Text{Sv: "telefonnummer", Fi: "puhelinnumero", En: "phone number"}},
	"pii.kind.email":                 {Widget, lang.Text{Sv: "e-postadress", Fi: "sähköpostiosoite", En: "e-mail address"}},
}
