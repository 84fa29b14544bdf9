package feedback

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/kommunkit/kommunkit/calendar"
	"github.com/kommunkit/kommunkit/lang"
	"github.com/kommunkit/kommunkit/servicerules"
)

// Limits on a submission.
const (
	// MaxTextRunes is the longest text a submission may have, in characters
	// (runes, not bytes).
	MaxTextRunes = 10000
	// MaxNameRunes is the longest contact name, in characters.
	MaxNameRunes = 200
	// MaxEmailBytes is the longest e-mail address (RFC 5321).
	MaxEmailBytes = 254
)

// Recipient says whom a submission is addressed to, when it is not the
// municipality's organisation.
type Recipient string

// The recipients the rules know.
const (
	// ToOrganisation is the default: the message is for the municipality's
	// organisation and is handled under the service policy.
	ToOrganisation Recipient = ""
	// ToElectedOfficial is a message for an elected official
	// (förtroendevald). The policies do not handle those: the receipt says
	// where it goes instead.
	ToElectedOfficial Recipient = "elected_official"
)

// ParseRecipient reads a recipient by its value ("elected_official") or in
// Swedish, Finnish or English ("förtroendevald", "luottamushenkilö",
// "elected official"), ignoring case. The empty string is ToOrganisation.
func ParseRecipient(s string) (Recipient, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "organisation", "organization", "kommunen":
		return ToOrganisation, nil
	case "elected_official", "elected official", "elected-official", "förtroendevald", "fortroendevald", "politiker", "politician", "luottamushenkilö", "luottamushenkilo":
		return ToElectedOfficial, nil
	}
	return "", errors.New("feedback: unknown recipient " + strconv.Quote(s))
}

// Contact is how the person who sent a submission can be reached. A
// submission without a contact, or with an empty one, is anonymous.
type Contact struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// IsZero reports whether c holds nothing.
func (c Contact) IsZero() bool {
	return strings.TrimSpace(c.Name) == "" && strings.TrimSpace(c.Email) == "" && strings.TrimSpace(c.Phone) == ""
}

// Reachable reports whether c gives a way to reply: an e-mail address or a
// phone number. A name alone is not enough.
func (c Contact) Reachable() bool {
	return strings.TrimSpace(c.Email) != "" || strings.TrimSpace(c.Phone) != ""
}

// A Submission is one message from a person, as it arrives: through a web
// form, the API, or typed in by staff from a letter or a call. Its JSON
// names are those of the feedback API.
//
// The fields a client sends are IdempotencyKey, Channel, Text, Language,
// Contact, Recipient, DecisionReceived and AboutStaff. Intake fills in ID,
// Received and (when empty) Language.
type Submission struct {
	// ID identifies the submission: a UUIDv7, so IDs sort by time.
	ID uuid.UUID `json:"id"`
	// IdempotencyKey is a UUID the client makes once per message and sends
	// again on every retry, so a retry never makes a second case. It is kept
	// in the canonical lower-case form.
	IdempotencyKey string `json:"idempotency_key"`
	// Received is when the municipality received the message.
	Received time.Time `json:"received"`
	// Channel is how it arrived.
	Channel servicerules.Channel `json:"channel"`
	// Text is the message as written.
	Text string `json:"text"`
	// Language is Swedish, Finnish or English ("sv", "fi" or "en"). Left
	// empty, Intake takes the language classify.Message detects.
	Language lang.Lang `json:"language,omitempty"`
	// Contact is how to reply; nil means anonymous.
	Contact *Contact `json:"contact,omitempty"`
	// Recipient is whom the message is for, when not the organisation.
	Recipient Recipient `json:"recipient,omitempty"`
	// DecisionReceived is, for an appeal, the day the person received the
	// decision. The three weeks to appeal count from it. When it is zero the
	// receipt counts from the day the message was received and says so.
	DecisionReceived calendar.Date `json:"decision_received,omitzero"`
	// AboutStaff is set by the person or by staff when a complaint is about
	// how a member of staff behaved. Such complaints are always registered.
	AboutStaff bool `json:"about_staff,omitempty"`
}

// Anonymous reports whether s gives no way to reply.
func (s Submission) Anonymous() bool {
	return s.Contact == nil || !s.Contact.Reachable()
}

// The codes of a FieldError. They are stable, for programs.
const (
	CodeRequired          = "required"           // the field is missing or blank
	CodeTooLong           = "too_long"           // longer than the limit
	CodeControlCharacters = "control_characters" // holds control characters
	CodeInvalidUTF8       = "invalid_utf8"       // not valid UTF-8
	CodeInvalid           = "invalid"            // not a valid value of its kind (e-mail, phone, UUID, date)
	CodeUnknown           = "unknown"            // not one of the values the field takes
)

// A FieldError is what is wrong with one field of a submission. Field is the
// field's JSON name ("text", "contact.email"). Message says it in plain
// language for the person who wrote the message, in Swedish, Finnish and
// English; Message.In gives it in the person's language.
type FieldError struct {
	Field   string    `json:"field"`
	Code    string    `json:"code"`
	Value   string    `json:"value,omitempty"` // the value, quoted and shortened; empty for a missing field
	Message lang.Text `json:"message"`
}

// Error returns the field, the quoted value and the English message.
func (e FieldError) Error() string {
	s := "feedback: " + e.Field
	if e.Value != "" {
		s += " " + e.Value
	}
	return s + ": " + e.Message.En
}

// A ValidationError lists everything wrong with a submission or a
// transition, one FieldError per problem, in a fixed order of fields.
type ValidationError struct {
	Fields []FieldError `json:"fields"`
}

// Error joins the field errors.
func (e *ValidationError) Error() string {
	if e == nil || len(e.Fields) == 0 {
		return "feedback: invalid submission"
	}
	var b strings.Builder
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Error())
	}
	return b.String()
}

// Field returns the first error for the field named name, and false when
// there is none.
func (e *ValidationError) Field(name string) (FieldError, bool) {
	if e == nil {
		return FieldError{}, false
	}
	for _, f := range e.Fields {
		if f.Field == name {
			return f, true
		}
	}
	return FieldError{}, false
}

func (e *ValidationError) add(field, code, value, sv, fi, en string) {
	e.Fields = append(e.Fields, FieldError{Field: field, Code: code, Value: value, Message: lang.Text{Sv: sv, Fi: fi, En: en}})
}

// quoteValue quotes v for an error message, shortened to 40 characters,
// always as valid UTF-8 with control characters escaped.
func quoteValue(v string) string {
	const max = 40
	n := 0
	for i := range v {
		if n == max {
			return strconv.QuoteToGraphic(v[:i]) + "…"
		}
		n++
	}
	return strconv.QuoteToGraphic(v)
}

// Validate checks s as a client sent it and returns a *ValidationError that
// lists every problem, or nil. It checks the text (not blank, at most
// MaxTextRunes characters, valid UTF-8, no control characters other than
// line breaks and tabs, and no bidirectional override characters, which can
// make a text read differently on screen than it is stored), the channel,
// the language, the contact (name, e-mail address and phone number), the
// recipient, the idempotency key (a UUID in the canonical 36-character form,
// not the nil UUID) and the date a decision was received (a real date,
// within EarliestDate and LatestDate).
//
// Validate accepts a channel by its value or by name ("e-post"), as
// servicerules.ParseChannel does; Intake puts it in its canonical form.
// Intake makes the same checks, so a host that calls Intake need not call
// Validate first.
func Validate(s Submission) error {
	_, err := accept(s)
	return err
}

// accept validates s, in one pass, and returns it in its canonical form: the
// channel, language, recipient and idempotency key as the checks of those
// fields read them, the contact trimmed (a copy: the caller's is not
// changed), and an empty contact taken as none. A bad s gives a
// *ValidationError that lists every problem, in the order of the checks.
func accept(s Submission) (Submission, error) {
	var e ValidationError
	validateText(&e, s.Text)
	s.Channel = validateChannel(&e, string(s.Channel))
	s.Language = validateLanguage(&e, s.Language)
	s.Contact = validateContact(&e, s.Contact)
	s.Recipient = validateRecipient(&e, s.Recipient)
	s.IdempotencyKey = validateKey(&e, s.IdempotencyKey)
	validateDecision(&e, s.DecisionReceived)
	if len(e.Fields) > 0 {
		return Submission{}, &e
	}
	return s, nil
}

func validateText(e *ValidationError, text string) {
	if strings.TrimSpace(text) == "" {
		e.add("text", CodeRequired, "",
			"Skriv ditt meddelande.",
			"Kirjoita viestisi.",
			"Please write your message.")
		return
	}
	checkText(e, "text", text, MaxTextRunes)
}

// checkText adds to e what is wrong with text, a text of many lines on
// field: not valid UTF-8, more than max characters, or a control character
// other than a line break or a tab, or a bidirectional embedding, override
// or isolate (see firstControl).
func checkText(e *ValidationError, field, text string, max int) {
	if !utf8.ValidString(text) {
		e.add(field, CodeInvalidUTF8, "",
			"Texten har tecken som inte går att läsa. Skriv in den igen.",
			"Tekstissä on merkkejä, joita ei voi lukea. Kirjoita se uudelleen.",
			"The text has characters that cannot be read. Please type it again.")
		return
	}
	if n := utf8.RuneCountInString(text); n > max {
		limit := strconv.Itoa(max)
		got := strconv.Itoa(n)
		e.add(field, CodeTooLong, got+" tecken",
			"Texten är för lång: "+got+" tecken. Den får vara högst "+limit+" tecken.",
			"Teksti on liian pitkä: "+got+" merkkiä. Se saa olla enintään "+limit+" merkkiä.",
			"The text is too long: "+got+" characters. It may have at most "+limit+".")
	}
	if at, ok := firstControl(text, true); ok {
		pos := strconv.Itoa(at)
		e.add(field, CodeControlCharacters, "tecken "+pos,
			"Texten har ett osynligt styrtecken (tecken nummer "+pos+"). Ta bort det och skicka igen.",
			"Tekstissä on näkymätön ohjausmerkki (merkki numero "+pos+"). Poista se ja lähetä uudelleen.",
			"The text has an invisible control character (character number "+pos+"). Remove it and send again.")
	}
}

// firstControl returns the 1-based character position of the first control
// character in s, and false when there is none. With lines, a line feed, a
// tab and a carriage return before a line feed are allowed.
func firstControl(s string, lines bool) (int, bool) {
	pos := 0
	for i, r := range s {
		pos++
		if lines && (r == '\n' || r == '\t' || (r == '\r' && i+1 < len(s) && s[i+1] == '\n')) {
			continue
		}
		if unicode.IsControl(r) || isBidiOverride(r) {
			return pos, true
		}
	}
	return 0, false
}

// isBidiOverride reports whether r is a bidirectional embedding, override or
// isolate (U+202A–U+202E, U+2066–U+2069).
func isBidiOverride(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// validateChannel checks a channel, given by value or by name, and returns
// it in its canonical form.
func validateChannel(e *ValidationError, ch string) servicerules.Channel {
	if strings.TrimSpace(ch) == "" {
		e.add("channel", CodeRequired, "",
			"Ange hur meddelandet kom in, till exempel web eller email.",
			"Kerro, miten viesti saapui, esimerkiksi web tai email.",
			"Say how the message arrived, for example web or email.")
		return ""
	}
	c, err := servicerules.ParseChannel(ch)
	if err != nil {
		e.add("channel", CodeUnknown, quoteValue(ch),
			"Okänd kanal. Använd en av: "+channelList()+".",
			"Tuntematon kanava. Käytä jotakin näistä: "+channelList()+".",
			"Unknown channel. Use one of: "+channelList()+".")
	}
	return c
}

func channelList() string {
	var b strings.Builder
	for i, c := range servicerules.Channels() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(c))
	}
	return b.String()
}

// validateLanguage checks a language, which may be empty, and returns it in
// its canonical form: lower case without surrounding space (" SV" is
// Swedish).
func validateLanguage(e *ValidationError, l lang.Lang) lang.Lang {
	c := lang.Lang(strings.ToLower(strings.TrimSpace(string(l))))
	if c == "" || c.Valid() {
		return c
	}
	e.add("language", CodeUnknown, quoteValue(string(l)),
		"Okänt språk. Använd sv (svenska), fi (finska) eller en (engelska), eller lämna fältet tomt.",
		"Tuntematon kieli. Käytä sv (ruotsi), fi (suomi) tai en (englanti), tai jätä kenttä tyhjäksi.",
		"Unknown language. Use sv (Swedish), fi (Finnish) or en (English), or leave it empty.")
	return l
}

// validateRecipient checks a recipient and returns it in its canonical
// form.
func validateRecipient(e *ValidationError, r Recipient) Recipient {
	out, err := ParseRecipient(string(r))
	if err != nil {
		e.add("recipient", CodeUnknown, quoteValue(string(r)),
			"Okänd mottagare. Lämna fältet tomt, eller skriv elected_official för en förtroendevald.",
			"Tuntematon vastaanottaja. Jätä kenttä tyhjäksi tai kirjoita elected_official, jos viesti on luottamushenkilölle.",
			"Unknown recipient. Leave it empty, or use elected_official for an elected official.")
	}
	return out
}

// validateDecision checks the day a decision was received, when there is
// one: a real date within EarliestDate and LatestDate.
func validateDecision(e *ValidationError, d calendar.Date) {
	if d == (calendar.Date{}) {
		return
	}
	if !d.Valid() {
		e.add("decision_received", CodeInvalid, quoteValue(d.String()),
			"Datumet finns inte. Skriv det som år-månad-dag, till exempel 2026-03-10.",
			"Päivämäärää ei ole olemassa. Kirjoita se muodossa vuosi-kuukausi-päivä, esimerkiksi 2026-03-10.",
			"That date does not exist. Write it as year-month-day, for example 2026-03-10.")
		return
	}
	if fe := CheckDate("decision_received", d); fe != nil {
		e.Fields = append(e.Fields, *fe)
	}
}

// validateContact checks a contact, when there is one, and returns a
// trimmed copy of it, or nil for none or an empty one (anonymous).
func validateContact(e *ValidationError, contact *Contact) *Contact {
	if contact == nil {
		return nil
	}
	c := *contact
	if !utf8.ValidString(c.Name) {
		e.add("contact.name", CodeInvalidUTF8, "",
			"Namnet har tecken som inte går att läsa.",
			"Nimessä on merkkejä, joita ei voi lukea.",
			"The name has characters that cannot be read.")
	} else {
		if n := utf8.RuneCountInString(c.Name); n > MaxNameRunes {
			e.add("contact.name", CodeTooLong, strconv.Itoa(n)+" tecken",
				"Namnet är för långt. Det får vara högst "+strconv.Itoa(MaxNameRunes)+" tecken.",
				"Nimi on liian pitkä. Se saa olla enintään "+strconv.Itoa(MaxNameRunes)+" merkkiä.",
				"The name is too long. It may have at most "+strconv.Itoa(MaxNameRunes)+" characters.")
		}
		if _, bad := firstControl(c.Name, false); bad {
			e.add("contact.name", CodeControlCharacters, quoteValue(c.Name),
				"Namnet har ett osynligt styrtecken. Ta bort det.",
				"Nimessä on näkymätön ohjausmerkki. Poista se.",
				"The name has an invisible control character. Remove it.")
		}
	}
	if email := strings.TrimSpace(c.Email); email != "" && !ValidEmail(email) {
		e.add("contact.email", CodeInvalid, quoteValue(c.Email),
			"E-postadressen ser inte rätt ut. Den ska se ut som namn@exempel.se.",
			"Sähköpostiosoite ei näytä oikealta. Sen pitää olla muotoa nimi@esimerkki.fi.",
			"The e-mail address does not look right. It should look like name@example.com.")
	}
	if phone := strings.TrimSpace(c.Phone); phone != "" && !ValidPhone(phone) {
		e.add("contact.phone", CodeInvalid, quoteValue(c.Phone),
			"Telefonnumret ser inte rätt ut. Skriv bara siffror, till exempel 070-123 45 67 eller +46 70 123 45 67.",
			"Puhelinnumero ei näytä oikealta. Kirjoita vain numeroita, esimerkiksi 070-123 45 67 tai +46 70 123 45 67.",
			"The phone number does not look right. Use digits only, for example 070-123 45 67 or +46 70 123 45 67.")
	}
	out := Contact{Name: strings.TrimSpace(c.Name), Email: strings.TrimSpace(c.Email), Phone: strings.TrimSpace(c.Phone)}
	if out.IsZero() {
		return nil
	}
	return &out
}

// validateKey checks an idempotency key and returns it in lower case.
func validateKey(e *ValidationError, key string) string {
	if strings.TrimSpace(key) == "" {
		e.add("idempotency_key", CodeRequired, "",
			"Nyckeln för att skicka igen saknas (idempotency_key). Den ska vara ett UUID.",
			"Uudelleenlähetyksen avain puuttuu (idempotency_key). Sen pitää olla UUID.",
			"The idempotency_key is missing. It must be a UUID.")
		return ""
	}
	k, err := ParseIdempotencyKey(key)
	if err != nil {
		e.add("idempotency_key", CodeInvalid, quoteValue(key),
			"Nyckeln för att skicka igen (idempotency_key) ska vara ett UUID, till exempel 0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b.",
			"Uudelleenlähetyksen avaimen (idempotency_key) pitää olla UUID, esimerkiksi 0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b.",
			"The idempotency_key must be a UUID, for example 0b6c1f6e-3f1a-4c1e-9d2b-6a9f1e2d3c4b.")
	}
	return k
}

// ParseIdempotencyKey reads a client's idempotency key: a UUID in the
// canonical form of 36 characters with hyphens (any version, either case),
// not the nil UUID. It returns the key in lower case.
func ParseIdempotencyKey(key string) (string, error) {
	if len(key) != 36 {
		return "", errors.New("feedback: idempotency key " + quoteValue(key) + " is not a 36-character UUID")
	}
	for i := 0; i < 36; i++ {
		c := key[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return "", errors.New("feedback: idempotency key " + quoteValue(key) + " is not a UUID")
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return "", errors.New("feedback: idempotency key " + quoteValue(key) + " is not a UUID")
			}
		}
	}
	u, err := uuid.Parse(key)
	if err != nil || u == uuid.Nil {
		return "", errors.New("feedback: idempotency key " + quoteValue(key) + " is not a usable UUID")
	}
	return u.String(), nil
}

// ValidEmail reports whether s looks like an e-mail address a reply can be
// sent to: one "@", a local part of 1 to 64 bytes without spaces or control
// characters, and a domain of at least two labels of letters, digits and
// hyphens (letters may be non-ASCII), with a top-level label of at least two
// letters. It is a plausibility check, not full RFC 5322.
func ValidEmail(s string) bool {
	if len(s) > MaxEmailBytes || !utf8.ValidString(s) {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at < 1 || at > 64 || strings.IndexByte(s[:at], '@') >= 0 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	for _, r := range local {
		if r <= ' ' || r == 0x7f || unicode.IsControl(r) || unicode.IsSpace(r) || strings.ContainsRune("()<>,;:\\\"[]", r) {
			return false
		}
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for i, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !(r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return false
			}
		}
		if i == len(labels)-1 {
			n := 0
			for _, r := range l {
				if !unicode.IsLetter(r) {
					return false
				}
				n++
			}
			if n < 2 {
				return false
			}
		}
	}
	return true
}

// ValidPhone reports whether s looks like a phone number: an optional
// leading "+", then digits in groups split by spaces, hyphens, dots or a
// pair of brackets around the area code, with 7 to 15 digits in all (15 is
// the most E.164 allows). A national number starts with 0; an international
// one starts with "+" or "00".
func ValidPhone(s string) bool {
	digits, open := 0, false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+':
			if i != 0 {
				return false
			}
		case r == ' ' || r == '-' || r == '.' || r == '\u00a0':
		case r == '(':
			if open {
				return false
			}
			open = true
		case r == ')':
			if !open {
				return false
			}
			open = false
		default:
			return false
		}
	}
	if open || digits < 7 || digits > 15 {
		return false
	}
	if s[0] != '+' {
		first := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
		if first < 0 || s[first] != '0' {
			return false
		}
	}
	return true
}
