package pii

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/feedback/internal/textrune"
)

// Kind is a kind of personal data that Find finds and Redact masks.
type Kind string

// The kinds of personal data.
const (
	// Personnummer is a Swedish personal identity number, in 10 or 12
	// digits, with a valid check digit and a real date of birth.
	Personnummer Kind = "personnummer"
	// Samordningsnummer is a Swedish co-ordination number: a personnummer
	// whose day of birth has 60 added to it.
	Samordningsnummer Kind = "samordningsnummer"
	// PossiblePersonnummer is a number written like a personnummer or
	// samordningsnummer, with a real date of birth, whose check digit is
	// wrong: most often a mistyped personnummer, which is still personal
	// data. Find takes it only in the forms a personnummer is usually
	// written in: YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN, YYYYMMDD-NNNN and
	// YYYYMMDDNNNN.
	PossiblePersonnummer Kind = "possible_personnummer"
	// Phone is a phone number: a Swedish one in national form (0...) or
	// international form (+46, 0046), or a foreign one in international form (+...).
	Phone Kind = "phone"
	// Email is an e-mail address.
	Email Kind = "email"
)

// Masks Redact puts in place of personal data. They are Swedish, because the
// redacted text is read by Swedish staff, and they are stable: stored texts
// and tests may rely on them. No mask contains a digit or an "@", so a
// redacted text has nothing left for Redact to find.
const (
	MaskPersonnummer      = "[personnummer]"
	MaskSamordningsnummer = "[samordningsnummer]"
	// MaskPossiblePersonnummer masks a PossiblePersonnummer.
	MaskPossiblePersonnummer = "[möjligt personnummer]"
	MaskPhone                = "[telefon]"
	MaskEmail                = "[e-post]"
	// MaskOther masks a Kind this version does not know.
	MaskOther = "[personuppgift]"
)

// Mask returns the text Redact puts in place of personal data of kind k.
func (k Kind) Mask() string {
	switch k {
	case Personnummer:
		return MaskPersonnummer
	case Samordningsnummer:
		return MaskSamordningsnummer
	case PossiblePersonnummer:
		return MaskPossiblePersonnummer
	case Phone:
		return MaskPhone
	case Email:
		return MaskEmail
	}
	return MaskOther
}

// Match is one piece of personal data in a text: text[Start:End] is the
// match, with Start and End byte offsets (not rune offsets).
type Match struct {
	Kind  Kind
	Start int
	End   int
}

// Redact returns text with every piece of personal data that Find finds
// replaced by its kind's mask (MaskPersonnummer, MaskSamordningsnummer,
// MaskPossiblePersonnummer, MaskPhone, MaskEmail). Everything else is kept byte for byte, so valid
// UTF-8 stays valid. Redact is idempotent: Redact(Redact(s)) == Redact(s).
func Redact(text string) string {
	found := Find(text)
	if len(found) == 0 {
		return text
	}
	n := len(text)
	for _, p := range found {
		n += len(p.Kind.Mask()) - (p.End - p.Start)
	}
	var b strings.Builder
	b.Grow(n)
	last := 0
	for _, p := range found {
		b.WriteString(text[last:p.Start])
		b.WriteString(p.Kind.Mask())
		last = p.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// Find returns the personal data in text, sorted by Start and never
// overlapping, with byte offsets into text as it was typed, for
// highlighting.
//
// Find matches on a folded view of text: it skips invisible format
// characters (Unicode category Cf: zero-width space, joiners, U+2060 word
// joiner, soft hyphen, direction marks, byte order mark) and the other
// invisible variation selectors and combining grapheme joiner, reads any
// decimal digit (full-width, Arabic-Indic, Devanagari and the other
// scripts' digits) as its ASCII digit, full-width ASCII as ASCII and "﹫"
// and "＠" as "@". A match's span covers the skipped characters inside it,
// so Redact removes them too, and none before or after it. Text with no
// such character is matched as it is, with no copy.
//
// Digit groups may be split by one to three spaces (tabs, no-break, thin,
// narrow no-break and the other Unicode spaces count), by a hyphen (ASCII,
// en dash, minus sign or another Unicode hyphen) with or without spaces
// around it, or by a "." alone; a personnummer also by a "/".
//
// It finds:
//
//   - e-mail addresses (local@domain.tld, with Unicode letters allowed);
//   - personnummer and samordningsnummer in 10 or 12 digits: YYMMDD-NNNN,
//     YYMMDD+NNNN (the "+" of people aged 100 or more), YYMMDDNNNN,
//     YYYYMMDD-NNNN or YYYYMMDDNNNN, and with any separator above before
//     the last four digits (811218 9876, 811218.9876, 811218/9876,
//     811218 - 9876) and single spaces between pairs of digits
//     (81 12 18-98 76). The check digit must be right (Luhn over the
//     10-digit form) and the date real, leap days included. A
//     samordningsnummer has 60 added to the day. With 10 digits the
//     century is not written, so the date must be real in 1900-1999 or
//     2000-2099 (with "+": 1800-1999); with 12 digits the year must be
//     1800-2099;
//   - a number of that shape with a real date and a wrong check digit, as
//     PossiblePersonnummer: a mistyped personnummer is still personal
//     data. It is taken only in the usual forms YYMMDD-NNNN, YYMMDD+NNNN,
//     YYMMDDNNNN, YYYYMMDD-NNNN and YYYYMMDDNNNN (the hyphen may have
//     spaces around it), not with a space, "." or "/" before the last four
//     digits or with digits in pairs: "811218 9877" is not found, as a date
//     and a time like "20260310 1530" would otherwise be. A 12-digit
//     timestamp such as 202603101530 is masked;
//   - Swedish phone numbers in national form: a 0, an area code and the
//     subscriber number, 8 to 10 digits in all (mobile numbers, 07x, exactly
//     10), written together (0701234567) or in groups split as above, with
//     the area code group 2 to 4 digits and every later group at least 2
//     (08-555 010 00, 031-123 45 67, 0771-123 456, 070 123 45 67,
//     070 - 123 45 67, 070-123-45-67, 070.123.45.67), or with the area code
//     in brackets ((08) 555 010 00). The groups after the one that follows
//     the area code are all split alike (all spaces, all hyphens or all
//     dots), and when they are split by hyphens or dots the number has 9 or
//     10 digits, so that 08.30-16.30 (a time) and 01-02-2026 (a date) are
//     not taken;
//   - Swedish phone numbers in international form: +46 or 0046, an optional
//     "(0)", then 7 to 9 digits (mobile: 9), grouped as above
//     (+46 8 555 010 00, +46 (0)70-123 45 67, +46701234567, +46.70.123.45.67);
//   - other phone numbers in international form: "+", a country code and
//     8 to 15 digits in all, in groups split as above (+358 40 123 4567).
//     The "00" prefix is taken only for 0046.
//
// When digit groups run on past a phone number (070 123 45 67 15 st), the
// longest run of groups that makes a valid number and may end there is taken.
//
// A match must stand alone. It must not touch a letter or digit on either
// side (ABC0701234567 is an order number, not a phone number); a skipped
// invisible character does not part them. A "." "," ":" "/" "+" or hyphen
// between it and a digit also joins it to that number (2020/0188, 2021.462,
// 12-0701234567), and so does a hyphen between it and a letter
// (AB-0701234567, 0701234567-kod) or a "/" between a letter and it
// (KS/2020). An earlier match counts as neither, so masking never makes a
// new match appear.
//
// A string of 10 digits that starts with 0 and another digit 1-9 is both a
// possible phone number and the personnummer of someone born 2000-2009.
// Written together (0701234567) it is taken as a phone number, the common
// case; written YYMMDD-NNNN it is taken as a personnummer. Either way it is
// found and masked. A phone number is also preferred to a
// PossiblePersonnummer.
//
// Dates (2026-12-23, 23/12/2026, 05.03.2026, 20261223), times (15:00,
// 08.30-16.30), amounts (1 500 kr, 12 000:-, 1.250.000 kr), postcodes
// (155 80), street numbers and diary numbers (KS 2020/0188, KS/2020:548,
// dnr 2021.462) are not personal data, and the rules above leave them
// alone. A date written with spaces from the 1st to the 9th of a month
// (05 03 2026) is taken for a phone number.
//
// Find does not find deliberately obfuscated data ("anna at ale dot se",
// digits spelled out), numbers split across lines, names or addresses: see
// the package documentation.
func Find(text string) []Match {
	if !needsFold(text) {
		return find(text)
	}
	view, offs := foldText(text)
	found := find(view)
	for i, p := range found {
		found[i].Start, found[i].End = unfold(text, offs, p.Start, p.End)
	}
	return found
}

// find returns the personal data in text, which foldRune leaves as it is.
func find(text string) []Match {
	// E-mail addresses first: their local part may hold digits that must
	// not be read as a phone number.
	var buf [4]Match
	emails := findEmails(text, buf[:0])

	var found []Match
	prevEnd := -1
	ei := 0
	for i := 0; i < len(text); {
		if ei < len(emails) && i >= emails[ei].Start {
			found = append(found, emails[ei])
			prevEnd = emails[ei].End
			i = prevEnd
			ei++
			continue
		}
		c := text[i]
		if (c >= '0' && c <= '9') || c == '+' || c == '(' {
			limit, nextStart := len(text), -1
			if ei < len(emails) {
				limit, nextStart = emails[ei].Start, emails[ei].Start
			}
			sc := scanner{text: text, limit: limit, prevEnd: prevEnd, nextStart: nextStart}
			if m, ok := sc.number(i); ok {
				found = append(found, m)
				prevEnd = m.End
				i = m.End
				continue
			}
		}
		i++
	}
	return found
}

// findEmails appends the e-mail addresses in text to dst, in order.
func findEmails(text string, dst []Match) []Match {
	lastEnd := 0
	from := 0
	for {
		k := strings.IndexByte(text[from:], '@')
		if k < 0 {
			return dst
		}
		at := from + k
		from = at + 1
		if at < lastEnd {
			continue
		}
		// Local part: back from the "@", never into an earlier address.
		ls := at
		for ls > lastEnd {
			r, size := utf8.DecodeLastRuneInString(text[lastEnd:ls])
			if !emailLocalRune(r) {
				break
			}
			ls -= size
		}
		for ls < at && text[ls] == '.' {
			ls++
		}
		if ls == at {
			continue
		}
		// Domain: forward from the "@".
		de := at + 1
		for de < len(text) {
			r, size := utf8.DecodeRuneInString(text[de:])
			if r != '.' && r != '-' && !textrune.LetterOrDigit(r) {
				break
			}
			de += size
		}
		end := emailDomainEnd(text, at+1, de)
		if end < 0 {
			continue
		}
		dst = append(dst, Match{Kind: Email, Start: ls, End: end})
		lastEnd = end
		from = end
	}
}

// emailDomainEnd returns where a domain that starts at from and may run
// to to ends: after the leading letters (at least two) of its last label
// that has them, not counting the first label. It returns -1 when there is
// no such label. A label counts by its leading letters alone, whatever
// follows them, so that masking a number later in the domain (as in
// "a@b.se-.0701234567") never changes where the address ends.
func emailDomainEnd(text string, from, to int) int {
	end := -1
	labels := 0
	pos := from
	for pos < to {
		ls := pos
		for pos < to && text[pos] != '.' {
			pos++
		}
		label := text[ls:pos]
		if label == "" || (labels == 0 && label[0] == '-') {
			break
		}
		labels++
		if labels >= 2 {
			letters := 0 // bytes of leading letters
			runes := 0
			for letters < len(label) {
				r, size := utf8.DecodeRuneInString(label[letters:])
				if !unicode.IsLetter(r) {
					break
				}
				letters += size
				runes++
			}
			if runes >= 2 {
				end = ls + letters
			}
		}
		pos++ // the "." (or past to, which ends the loop)
	}
	return end
}

// scanner looks for a personnummer or phone number in text. Matches may not
// run past limit (the start of the next e-mail address). prevEnd is the end
// of the previous match and nextStart the start of the next e-mail address
// (or -1): both count as a neutral mask bracket when the context of a match
// is checked, as they will once masked.
type scanner struct {
	text      string
	limit     int
	prevEnd   int
	nextStart int
}

// number returns the personnummer, samordningsnummer or phone number that
// starts at s, if there is one.
func (sc scanner) number(s int) (Match, bool) {
	if !sc.leftOK(s) {
		return Match{}, false
	}
	text := sc.text
	switch c := text[s]; c {
	case '+':
		if end, ok := sc.international(s + 1); ok {
			return Match{Kind: Phone, Start: s, End: end}, true
		}
		return Match{}, false
	case '(':
		if end, ok := sc.bracketed(s); ok {
			return Match{Kind: Phone, Start: s, End: end}, true
		}
		return Match{}, false
	}
	pEnd, kind, together10, pOK := sc.personnummer(s)
	phEnd, phOK := 0, false
	if text[s] == '0' && s+1 < sc.limit {
		switch d := text[s+1]; {
		case d >= '1' && d <= '9':
			phEnd, phOK = sc.national(s)
		case d == '0' && strings.HasPrefix(text[s:sc.limit], "0046"):
			phEnd, phOK = sc.swedishInternational(s + 2)
		}
	}
	switch {
	case phOK && (!pOK || together10 || kind == PossiblePersonnummer):
		return Match{Kind: Phone, Start: s, End: phEnd}, true
	case pOK:
		return Match{Kind: kind, Start: s, End: pEnd}, true
	}
	return Match{}, false
}

// personnummer reads a personnummer or samordningsnummer at s, or a number
// of their shape with a wrong check digit (PossiblePersonnummer): see
// Find for the forms. together10 reports the 10-digit form with no
// separator.
func (sc scanner) personnummer(s int) (end int, kind Kind, together10, ok bool) {
	text := sc.text
	var digits [12]byte
	var sep [12]int8    // sep[k]: the separator after k digits
	var single [12]bool // sep[k] is exactly one space
	var ends [13]int    // ends[k]: where a group that ends after k digits ends, or 0
	n := 0
	for p := s; ; {
		q := p
		for q < sc.limit && textrune.DigitByte(text[q]) && n < 12 {
			digits[n] = text[q]
			n++
			q++
		}
		if q < sc.limit && textrune.DigitByte(text[q]) {
			break // a 13th digit
		}
		ends[n] = q
		if n == 12 {
			break
		}
		next, k, one := separator(text, q, sc.limit)
		if k == sepNone && q < sc.limit && text[q] == '+' {
			next, k = q+1, sepPlus
		}
		if k == sepNone || next >= sc.limit || !textrune.DigitByte(text[next]) {
			break
		}
		sep[n], single[n] = k, one
		p = next
	}
	for _, c := range [2]int{12, 10} {
		e := ends[c]
		if e == 0 || !sc.rightOK(e) {
			continue
		}
		// One separator of any kind before the last four digits; single
		// spaces between pairs of digits elsewhere.
		good, canonical, plus, together := true, true, false, true
		for k := 1; k < c; k++ {
			switch {
			case sep[k] == sepNone:
				continue
			case k == c-4:
				plus = sep[k] == sepPlus
				good = good && (c == 10 || !plus)
				canonical = canonical && (plus || sep[k] == sepDash)
			case single[k] && k%2 == 0:
				canonical = false
			default:
				good = false
			}
			together = false
		}
		if !good {
			continue
		}
		var core [10]byte
		copy(core[:], digits[c-10:c])
		yy := int(core[0]-'0')*10 + int(core[1]-'0')
		mm := int(core[2]-'0')*10 + int(core[3]-'0')
		dd := int(core[4]-'0')*10 + int(core[5]-'0')
		kind = Personnummer
		if dd > 60 {
			dd -= 60
			kind = Samordningsnummer
		}
		real := false
		switch century := int(digits[0]-'0')*10 + int(digits[1]-'0'); {
		case c == 12:
			real = century >= 18 && century <= 20 && realDate(century*100+yy, mm, dd)
		case plus:
			real = realDate(1800+yy, mm, dd) || realDate(1900+yy, mm, dd)
		default:
			real = realDate(1900+yy, mm, dd) || realDate(2000+yy, mm, dd)
		}
		if !real {
			continue
		}
		if !luhn(core) {
			if !canonical {
				continue
			}
			kind = PossiblePersonnummer
		}
		return e, kind, c == 10 && together, true
	}
	return 0, "", false, false
}

// luhn reports whether the 10 digits have a valid Luhn check digit.
func luhn(d [10]byte) bool {
	sum := 0
	for i, c := range d {
		v := int(c - '0')
		if i%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// realDate reports whether year-month-day is a date in the Gregorian calendar.
func realDate(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month]
	if month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		days = 29
	}
	return day <= days
}

// maxGroups bounds the digit groups of one phone number.
const maxGroups = 16

// digitGroups are the digit groups of a phone number candidate.
type digitGroups struct {
	n     int
	start [maxGroups]int
	end   [maxGroups]int
	sep   [maxGroups]int8 // the separator before this group
	trunk int             // index of the group after "(0)", or 0 for none
}

func (g *digitGroups) len(i int) int { return g.end[i] - g.start[i] }

// collect reads digit groups from p, split by spaces, hyphens or dots (see
// separator). With trunk set, "(0)" may follow the first group, with or
// without a space or hyphen on either side.
func (g *digitGroups) collect(text string, p, limit int, trunk bool) {
	sep := int8(sepNone)
	for g.n < maxGroups {
		q := p
		for q < limit && textrune.DigitByte(text[q]) {
			q++
		}
		if q == p {
			return
		}
		g.start[g.n], g.end[g.n], g.sep[g.n] = p, q, sep
		g.n++
		next, k, _ := separator(text, q, limit)
		if trunk && g.n == 1 && k != sepDot && k != sepSlash && strings.HasPrefix(text[next:limit], "(0)") {
			g.trunk = 1
			next, k = next+3, sepSpace
			if n2, k2, _ := separator(text, next, limit); k2 == sepSpace || k2 == sepDash {
				next = n2
			}
		}
		if k == sepNone || k == sepSlash || next >= limit || !textrune.DigitByte(text[next]) {
			return
		}
		p, sep = next, k
	}
}

// The separators between the digit groups of a number.
const (
	sepNone  = iota
	sepSpace // one to three spaces or tabs
	sepDash  // a hyphen, with or without spaces around it
	sepDot   // "."
	sepSlash // "/"
	sepPlus  // "+", in a personnummer only
)

// separator reads a separator between two digit groups at q: one to
// three spaces (tabs and any Unicode space included), a hyphen (ASCII or
// Unicode) with up to three spaces on either side, or a "." or "/" alone.
// It returns where the next group starts, the kind of separator (sepNone
// and q for none), and whether it was exactly one space.
func separator(text string, q, limit int) (next int, kind int8, single bool) {
	p, spaces := spaceRun(text, q, limit)
	if p < limit {
		r, size := utf8.DecodeRuneInString(text[p:limit])
		switch {
		case isDash(r):
			p, _ = spaceRun(text, p+size, limit)
			return p, sepDash, false
		case spaces == 0 && r == '.':
			return p + 1, sepDot, false
		case spaces == 0 && r == '/':
			return p + 1, sepSlash, false
		}
	}
	if spaces == 0 {
		return q, sepNone, false
	}
	return p, sepSpace, spaces == 1
}

// spaceRun skips up to three spaces at q and returns where they end and
// how many there were.
func spaceRun(text string, q, limit int) (int, int) {
	n := 0
	for n < 3 && q < limit {
		r, size := utf8.DecodeRuneInString(text[q:limit])
		if !isSpace(r) {
			break
		}
		q += size
		n++
	}
	return q, n
}

// swedishEnd returns the end of the longest run of groups, from first on,
// that makes a valid Swedish number and may end there (rightOK). With
// trunkZero the digits include the leading 0 of the national form (8-10
// digits, area code group 2-4 digits); without, they are the national
// significant number after +46 (7-9 digits, area code group 1-3 digits).
// Mobile numbers (7x) have the most digits. Groups after the first have at
// least two digits. Any separator may follow the area code; the groups of
// the subscriber number after it are all split alike (all spaces, all
// hyphens or all dots), and in national form, when they are split by
// hyphens or dots, the number has at least 9 digits. skip is how many
// digits of the first group are not part of the number (the "46" of
// "+46701234567").
//
// When the longest valid run may not end where it ends, a shorter one is
// tried. Masking a later match cuts the groups short, and this makes the
// choice the same before and after.
func (sc scanner) swedishEnd(g *digitGroups, first, skip int, trunkZero bool) (int, bool) {
	text := sc.text
	minDigits, maxDigits, maxArea := 7, 9, 3
	lead := text[g.start[first]+skip]
	mobile := lead == '7'
	if trunkZero {
		minDigits, maxDigits, maxArea = 8, 10, 4
		mobile = text[g.start[first]+skip+1] == '7'
	}
	if lead == '0' && !trunkZero {
		return 0, false
	}
	var valid [maxGroups]bool
	last := -1
	total := 0
	punct := false
	for i := first; i < g.n; i++ {
		l := g.len(i)
		if i == first {
			l -= skip
		} else if l < 2 || g.trunk == i || g.len(first)-skip > maxArea {
			break
		} else if i > first+1 {
			if g.sep[i] != g.sep[first+2] {
				break
			}
			punct = punct || g.sep[i] != sepSpace
		}
		total += l
		if total > maxDigits {
			break
		}
		// A national number with hyphens or dots inside the subscriber
		// number has 9 or 10 digits: 01-02-2026 is a date.
		if total >= minDigits && (!mobile || total == maxDigits) && (!trunkZero || !punct || total >= 9) {
			valid[i], last = true, i
		}
	}
	return sc.longestEnd(g, &valid, first, last)
}

// longestEnd returns the end of the last group i in [first, last] with
// valid[i] where a match may end.
func (sc scanner) longestEnd(g *digitGroups, valid *[maxGroups]bool, first, last int) (int, bool) {
	for i := last; i >= first && i >= 0; i-- {
		if valid[i] && sc.rightOK(g.end[i]) {
			return g.end[i], true
		}
	}
	return 0, false
}

// national reads a Swedish phone number in national form at s (a 0 and a
// digit 1-9) and returns its end.
func (sc scanner) national(s int) (int, bool) {
	var g digitGroups
	g.collect(sc.text, s, sc.limit, false)
	return sc.swedishEnd(&g, 0, 0, true)
}

// bracketed reads a Swedish phone number with its area code in brackets,
// "(08) 555 010 00", or a bracketed trunk zero, "(0)70-123 45 67".
func (sc scanner) bracketed(s int) (int, bool) {
	text := sc.text
	q := s + 1
	for q < sc.limit && textrune.DigitByte(text[q]) {
		q++
	}
	n := q - s - 1
	if q >= sc.limit || text[q] != ')' || n < 1 || n > 4 || text[s+1] != '0' {
		return 0, false
	}
	p := q + 1
	if next, k, _ := separator(text, p, sc.limit); k == sepSpace {
		p = next
	}
	if p >= sc.limit || !textrune.DigitByte(text[p]) {
		return 0, false
	}
	var g digitGroups
	if n == 1 {
		// "(0)" and then the area code: the number after +46.
		g.collect(text, p, sc.limit, false)
		return sc.swedishEnd(&g, 0, 0, false)
	}
	if text[s+2] == '0' {
		return 0, false
	}
	var rest digitGroups
	rest.collect(text, p, sc.limit, false)
	if rest.n == 0 {
		return 0, false
	}
	g.start[0], g.end[0], g.n = s+1, q, 1
	for i := 0; i < rest.n && g.n < maxGroups; i++ {
		g.start[g.n], g.end[g.n], g.sep[g.n] = rest.start[i], rest.end[i], rest.sep[i]
		g.n++
	}
	g.sep[1] = sepDash // the bracket counts as the hyphen after the area code
	end, ok := sc.swedishEnd(&g, 0, 0, true)
	if !ok || end <= q {
		return 0, false
	}
	return end, true
}

// swedishInternational reads a Swedish number in international form from
// p, the "46" after "+" or "00".
func (sc scanner) swedishInternational(p int) (int, bool) {
	var g digitGroups
	g.collect(sc.text, p, sc.limit, true)
	return sc.swedishAfter46(&g)
}

// swedishAfter46 reads the national significant number of a Swedish number
// whose first group starts with the country code 46, and returns its end.
func (sc scanner) swedishAfter46(g *digitGroups) (int, bool) {
	text := sc.text
	if g.n == 0 || g.len(0) < 2 || text[g.start[0]] != '4' || text[g.start[0]+1] != '6' {
		return 0, false
	}
	switch {
	case g.len(0) > 2:
		return sc.swedishEnd(g, 0, 2, false)
	case g.len(0) == 2 && g.n > 1:
		return sc.swedishEnd(g, 1, 0, false)
	}
	return 0, false
}

// international reads a phone number in international form from p, just
// after the "+": Swedish rules for +46, otherwise 8 to 15 digits in all.
func (sc scanner) international(p int) (int, bool) {
	text := sc.text
	if p >= sc.limit || text[p] < '1' || text[p] > '9' {
		return 0, false
	}
	var g digitGroups
	g.collect(text, p, sc.limit, true)
	if end, ok := sc.swedishAfter46(&g); ok {
		return end, true
	}
	var valid [maxGroups]bool
	last := -1
	total := 0
	for i := 0; i < g.n; i++ {
		total += g.len(i)
		if total > 15 {
			break
		}
		if total >= 8 {
			valid[i], last = true, i
		}
	}
	return sc.longestEnd(&g, &valid, 0, last)
}

// leftOK reports whether a match may start at s: see Find.
func (sc scanner) leftOK(s int) bool {
	if s == 0 || s == sc.prevEnd {
		return true
	}
	p, size := utf8.DecodeLastRuneInString(sc.text[:s])
	ps := s - size
	q := rune(']')
	if ps > 0 && ps != sc.prevEnd {
		q, _ = utf8.DecodeLastRuneInString(sc.text[:ps])
	} else if ps == 0 {
		q = ' '
	}
	return !blocked(p, q)
}

// rightOK reports whether a match may end at e: see Find.
func (sc scanner) rightOK(e int) bool {
	if e >= len(sc.text) || e == sc.nextStart {
		return true
	}
	n, size := utf8.DecodeRuneInString(sc.text[e:])
	ns := e + size
	m := rune(' ')
	if ns == sc.nextStart {
		m = '['
	} else if ns < len(sc.text) {
		m, _ = utf8.DecodeRuneInString(sc.text[ns:])
	}
	if n == '/' {
		// "08-555 010 00/växel": a slash joins only digits on the right.
		return !textrune.Digit(m)
	}
	return !blocked(n, m)
}

// blocked reports whether near, the rune next to a match, with far
// beyond it, joins the match to a longer number or word.
func blocked(near, far rune) bool {
	if near == '_' || textrune.InWord(near) {
		return true
	}
	if near == '.' || near == ',' || near == ':' || near == '/' || near == '+' || isDash(near) {
		if textrune.Digit(far) {
			return true
		}
		if (near == '/' || isDash(near)) && unicode.IsLetter(far) {
			return true
		}
	}
	return false
}

// isDash reports a hyphen: ASCII, Unicode hyphens, figure dash, en dash, minus sign.
func isDash(r rune) bool {
	return r == '-' || (r >= '\u2010' && r <= '\u2013') || r == '\u2212'
}

// isSpace reports a space inside a number: ASCII, a tab, or any Unicode
// space separator (no-break, figure, thin, narrow no-break and others).
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || (r >= utf8.RuneSelf && unicode.Is(unicode.Zs, r))
}

// emailLocalRune reports a rune allowed in the local part of an address.
func emailLocalRune(r rune) bool {
	switch r {
	case '.', '_', '%', '+', '-':
		return true
	}
	return textrune.InWord(r)
}
