// Package plain checks a staff reply for plain language (klarspråk), as the
// policies ask (Check): short sentences, no bureaucratic words, and no
// abbreviations or unexplained acronyms, with the LIX readability index, a
// score and a verdict, and advice for each finding in Swedish, Finnish and
// English.
//
// Like the rest of what reads text, it imports nothing but the standard
// library's smallest packages (no fmt, regexp or encoding/json) and
// kommunkit's lang, so it builds small for GOOS=js GOARCH=wasm.
package plain

import (
	_ "embed"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/feedback/internal/textrune"
	"github.com/kommunkit/kommunkit/lang"
)

// The limits Check applies.
const (
	// MaxSentenceWords is the most words a sentence should have.
	MaxSentenceWords = 25
	// LongWordLetters is the most letters a word may have and not
	// count as long in the LIX readability index.
	LongWordLetters = 6
)

// FindingKind is what a Finding is about.
type FindingKind string

// The kinds of finding.
const (
	// LongSentence is a sentence of more than MaxSentenceWords words.
	LongSentence FindingKind = "long_sentence"
	// Bureaucratic is a bureaucratic word or phrase (krångelord) that
	// has a plainer alternative.
	Bureaucratic FindingKind = "bureaucratic"
	// Abbreviation is a known abbreviation (t.ex., bl.a., dnr) that
	// should be written out.
	Abbreviation FindingKind = "abbreviation"
	// Acronym is an acronym (LSS, SoL, VA) that the text does not explain.
	Acronym FindingKind = "acronym"
)

// Finding is one place in a text that is not plain language.
// Text is text[Start:End], with Start and End byte offsets for highlighting.
type Finding struct {
	Kind  FindingKind
	Start int
	End   int
	Text  string
	// Suggestion is what to write instead: the plain alternative of a
	// bureaucratic word, or an abbreviation written out. It is empty for
	// long sentences and acronyms.
	Suggestion string
	// Words is the number of words of a long sentence, and 0 otherwise.
	Words int
	// Advice is what staff should do, in Swedish, Finnish and English.
	Advice lang.Text
}

// LIXBand is a band of the LIX readability index, as used in Sweden.
type LIXBand string

// The LIX bands.
const (
	LIXVeryEasy LIXBand = "very_easy" // under 30: mycket lättläst, like children's books
	LIXEasy     LIXBand = "easy"      // 30 to under 40: lättläst, like fiction and popular magazines
	LIXMedium   LIXBand = "medium"    // 40 to under 50: medelsvår, like newspapers
	LIXHard     LIXBand = "hard"      // 50 to under 60: svår, typical of official texts
	LIXVeryHard LIXBand = "very_hard" // 60 and over: mycket svår, bureaucratic Swedish
)

// LIXBandOf returns the band of a LIX value.
func LIXBandOf(lix float64) LIXBand {
	switch {
	case lix < 30:
		return LIXVeryEasy
	case lix < 40:
		return LIXEasy
	case lix < 50:
		return LIXMedium
	case lix < 60:
		return LIXHard
	}
	return LIXVeryHard
}

// Text returns the band's name in Swedish, Finnish and English, or the
// zero Text for a band that is not one of the five.
func (b LIXBand) Text() lang.Text {
	switch b {
	case LIXVeryEasy:
		return lang.Text{Sv: "Mycket lättläst", Fi: "Erittäin helppolukuinen", En: "Very easy"}
	case LIXEasy:
		return lang.Text{Sv: "Lättläst", Fi: "Helppolukuinen", En: "Easy"}
	case LIXMedium:
		return lang.Text{Sv: "Medelsvår", Fi: "Keskivaikea", En: "Medium"}
	case LIXHard:
		return lang.Text{Sv: "Svår", Fi: "Vaikea", En: "Hard"}
	case LIXVeryHard:
		return lang.Text{Sv: "Mycket svår", Fi: "Erittäin vaikea", En: "Very hard"}
	}
	return lang.Text{}
}

// Verdict is the overall verdict on a draft reply.
type Verdict string

// The verdicts, from Report.Score.
const (
	Clear   Verdict = "clear"   // score 80 or more: ready to send
	Review  Verdict = "review"  // score 50 to 79: look over the findings
	Rewrite Verdict = "rewrite" // score under 50: rewrite the text
)

// Text returns the verdict as staff see it, in Swedish, Finnish and
// English, or the zero Text for a verdict that is not one of the three.
func (v Verdict) Text() lang.Text {
	switch v {
	case Clear:
		return lang.Text{Sv: "Klar att skicka", Fi: "Valmis lähetettäväksi", En: "Ready to send"}
	case Review:
		return lang.Text{Sv: "Se över texten", Fi: "Tarkista teksti", En: "Look over the text"}
	case Rewrite:
		return lang.Text{Sv: "Skriv om texten", Fi: "Kirjoita teksti uudelleen", En: "Rewrite the text"}
	}
	return lang.Text{}
}

// Report is the result of Check.
type Report struct {
	Words     int // words: runs of letters and digits; a hyphen or apostrophe inside a word does not split it
	Sentences int // sentences: ended by . ! ? … or a colon before a space, or by a line break
	LongWords int // words of more than LongWordLetters letters
	// LIX is the readability index: Words/Sentences + 100*LongWords/Words,
	// 0 for a text without words.
	LIX  float64
	Band LIXBand
	// Findings are sorted by Start. A long sentence may contain other findings.
	Findings []Finding
	// Score is 100 less the penalties, at least 0: one point for each LIX
	// point over 40, 10 for each long sentence, 5 for each bureaucratic
	// word and 3 for each abbreviation or unexplained acronym.
	Score   int
	Verdict Verdict
}

// Check checks a staff draft reply, in Swedish, against the
// plain-language (klarspråk) rules of the policies: short sentences, no
// bureaucratic words, and no abbreviations or unexplained acronyms. It
// computes the LIX readability index and gives every finding with its byte
// offsets and advice in Swedish, Finnish and English.
//
// Bureaucratic words come from an embedded list (see Words), matched
// whole-word and case-insensitively in the inflected forms the list gives.
// Known abbreviations (t.ex., bl.a., m.m., fr.o.m., dnr, ÖK ...) are found
// with or without their dots. An acronym is a word of 2 to 6 letters with at
// least two capitals, at least half of them capitals (LSS, SoL, VA, ÖK); a
// run of capitals (shouting) and a few acronyms that everyone knows (EU, SMS,
// PDF, BankID ...) are left alone. An acronym or abbreviation counts as
// explained, everywhere in the text, when it is once followed by a
// bracketed explanation of at least two words ("LSS (lagen om stöd och
// service)"), written in brackets after words ("lagen om stöd och service
// (LSS)"), or followed by "står för", "betyder" or "är en förkortning".
//
// An empty text has no findings, LIX 0 and the verdict Clear.
func Check(text string) Report {
	c := checker{text: text}
	c.findAbbreviations()
	c.tokenize()
	c.splitSentences()

	var r Report
	r.Words = len(c.words)
	r.Sentences = len(c.sentences)
	for _, w := range c.words {
		if w.letters > LongWordLetters {
			r.LongWords++
		}
	}
	if r.Words > 0 {
		r.LIX = float64(r.Words)/float64(r.Sentences) + 100*float64(r.LongWords)/float64(r.Words)
	}
	r.Band = LIXBandOf(r.LIX)

	for _, s := range c.sentences {
		if s.words > MaxSentenceWords {
			n := strconv.Itoa(s.words)
			limit := strconv.Itoa(MaxSentenceWords)
			c.add(Finding{
				Kind: LongSentence, Start: s.start, End: s.end, Words: s.words,
				Advice: lang.Text{
					Sv: "Meningen har " + n + " ord. Dela upp den i kortare meningar, högst " + limit + " ord.",
					Fi: "Virkkeessä on " + n + " sanaa. Jaa se lyhyempiin virkkeisiin, enintään " + limit + " sanaa.",
					En: "The sentence has " + n + " words. Split it into shorter sentences of at most " + limit + " words.",
				},
			})
		}
	}
	c.findBureaucratic()
	c.findUnexplained()

	slices.SortStableFunc(c.findings, func(a, b Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	r.Findings = c.findings

	score := 100
	if r.LIX > 40 {
		score -= int(r.LIX - 40)
	}
	for _, f := range r.Findings {
		switch f.Kind {
		case LongSentence:
			score -= 10
		case Bureaucratic:
			score -= 5
		default:
			score -= 3
		}
	}
	r.Score = max(score, 0)
	switch {
	case r.Score >= 80:
		r.Verdict = Clear
	case r.Score >= 50:
		r.Verdict = Review
	default:
		r.Verdict = Rewrite
	}
	return r
}

// checker holds the state of one Check call.
type checker struct {
	text      string
	abbrevs   []span // known abbreviations, in order; ref is the index in abbreviations
	words     []token
	sentences []sentenceSpan
	findings  []Finding
}

type span struct{ start, end, ref int }

type token struct {
	start, end int
	letters    int
	abbrev     int // index in checker.abbrevs, or -1
}

type sentenceSpan struct{ start, end, words int }

func (c *checker) add(f Finding) {
	f.Text = c.text[f.Start:f.End]
	c.findings = append(c.findings, f)
}

// abbreviation is an abbreviation and what it stands for.
type abbreviation struct {
	forms    []string // lower case, longest first
	expanded string
}

// abbreviations are the abbreviations Check asks staff to write out.
var abbreviations = [...]abbreviation{
	{[]string{"bl.a.", "bl.a", "bl a"}, "bland annat"},
	{[]string{"m.m.", "m.m"}, "med mera"},
	{[]string{"m.fl.", "m.fl", "m fl", "mfl"}, "med flera"},
	{[]string{"t.ex.", "t.ex", "t ex", "tex."}, "till exempel"},
	{[]string{"exv."}, "till exempel"},
	{[]string{"enl."}, "enligt"},
	{[]string{"ang."}, "om"},
	{[]string{"fr.o.m.", "fr.o.m", "fr o m"}, "från och med"},
	{[]string{"t.o.m.", "t.o.m", "t o m"}, "till och med"},
	{[]string{"o.s.v.", "o s v", "osv.", "osv"}, "och så vidare"},
	{[]string{"etc.", "etc"}, "och så vidare"},
	{[]string{"d.v.s.", "d v s", "dvs.", "dvs"}, "det vill säga"},
	{[]string{"p.g.a.", "p.g.a", "p g a", "pga.", "pga"}, "på grund av"},
	{[]string{"s.k."}, "så kallad"},
	{[]string{"inkl."}, "inklusive"},
	{[]string{"exkl."}, "exklusive"},
	{[]string{"ca.", "ca"}, "cirka"},
	{[]string{"resp."}, "och"},
	{[]string{"jfr.", "jfr"}, "jämför"},
	{[]string{"obs.", "obs"}, "observera"},
	{[]string{"dnr"}, "diarienummer"},
	{[]string{"ök"}, "överenskommelse"},
	{[]string{"o.dyl.", "o.d."}, "och liknande"},
	{[]string{"e.d."}, "eller liknande"},
	{[]string{"dyl."}, "liknande"},
	{[]string{"f.d."}, "före detta"},
	{[]string{"ev.", "evt."}, "eventuellt"},
	{[]string{"i.a.f.", "iaf"}, "i alla fall"},
	{[]string{"ngn"}, "någon"},
	{[]string{"ngt"}, "något"},
	{[]string{"ngr"}, "några"},
	{[]string{"f.n."}, "just nu"},
	{[]string{"f.ö."}, "för övrigt"},
	{[]string{"mvh", "m.v.h."}, "med vänlig hälsning"},
	{[]string{"v.g."}, "var god"},
	{[]string{"tf.", "t.f."}, "tillförordnad"},
	{[]string{"adm."}, "administration"},
	{[]string{"avd."}, "avdelning"},
	{[]string{"forts."}, "fortsättning"},
	{[]string{"handl."}, "handläggare"},
	{[]string{"kap."}, "kapitel"},
	{[]string{"sid."}, "sidan"},
	{[]string{"tfn", "tel."}, "telefon"},
	{[]string{"s.a.s."}, "så att säga"},
}

// knownAcronyms are acronyms every reader knows: they need no explanation.
var knownAcronyms = [...]string{"EU", "FN", "TV", "SMS", "PDF", "OK", "IT", "ID", "USA", "GPS", "DVD", "CD", "BankID", "WiFi", "IKEA", "SVT", "SR", "PIN", "USB", "URL", "AI"}

// findAbbreviations finds the known abbreviations that start at a word start.
func (c *checker) findAbbreviations() {
	text := c.text
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		if i > 0 {
			p, _ := utf8.DecodeLastRuneInString(text[:i])
			if textrune.InWord(p) || p == '.' || p == '-' || p == '@' || p == '/' || textrune.Apostrophe(p) {
				i += size
				continue
			}
		}
		end, ref := abbreviationAt(text, i)
		if ref < 0 {
			i += size
			continue
		}
		c.abbrevs = append(c.abbrevs, span{start: i, end: end, ref: ref})
		i = end
	}
}

// abbreviationForm is one form of a known abbreviation.
type abbreviationForm struct {
	form string
	ref  int // index in abbreviations
}

// abbreviationIndex lists the forms by their first byte in lower case.
// It is built once and never changed.
var abbreviationIndex = sync.OnceValue(func() *[256][]abbreviationForm {
	var index [256][]abbreviationForm
	for ref, a := range abbreviations {
		for _, f := range a.forms {
			index[f[0]] = append(index[f[0]], abbreviationForm{form: f, ref: ref})
		}
	}
	return &index
})

// abbreviationAt returns the end and index of the longest known
// abbreviation at i, or -1.
func abbreviationAt(text string, i int) (int, int) {
	c := text[i]
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	bestEnd, bestRef := -1, -1
	for _, af := range abbreviationIndex()[c] {
		f := af.form
		e := i + len(f)
		if e > len(text) || e <= bestEnd || !strings.EqualFold(text[i:e], f) {
			continue
		}
		if e < len(text) {
			n, _ := utf8.DecodeRuneInString(text[e:])
			if textrune.InWord(n) || n == '-' || n == '@' {
				continue
			}
			if f[len(f)-1] != '.' && n == '.' && e+1 < len(text) {
				if m, _ := utf8.DecodeRuneInString(text[e+1:]); textrune.InWord(m) {
					continue // "ca.se", an address, not "ca."
				}
			}
		}
		bestEnd, bestRef = e, af.ref
	}
	return bestEnd, bestRef
}

// tokenize splits the text into words. A known abbreviation is one word.
func (c *checker) tokenize() {
	text := c.text
	c.words = make([]token, 0, len(text)/6+1)
	ai := 0
	for i := 0; i < len(text); {
		if ai < len(c.abbrevs) && i == c.abbrevs[ai].start {
			a := c.abbrevs[ai]
			c.words = append(c.words, token{start: a.start, end: a.end, letters: countLetters(text[a.start:a.end]), abbrev: ai})
			ai++
			i = a.end
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !textrune.InWord(r) {
			i += size
			continue
		}
		start := i
		letters := 0
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if textrune.InWord(r) {
				if unicode.IsLetter(r) {
					letters++
				}
				i += size
				continue
			}
			// A hyphen or apostrophe between word runes joins them
			// (e-post, LSS-beslut); so does a colon before a short
			// lower-case ending (LSS:s, KS:en).
			if r == '-' || r == '\u2010' || r == '\u2011' || textrune.Apostrophe(r) {
				if n, _ := utf8.DecodeRuneInString(text[i+size:]); textrune.InWord(n) {
					i += size
					continue
				}
			}
			// "1.5", "1,5" and "15:00" are one word.
			if (r == '.' || r == ',' || r == ':') && i+1 < len(text) && textrune.DigitByte(text[i+1]) && textrune.DigitByte(text[i-1]) {
				i++
				continue
			}
			if r == ':' {
				if k := lowerEnding(text[i+1:]); k > 0 {
					letters += k
					i += 1 + k
				}
			}
			break
		}
		c.words = append(c.words, token{start: start, end: i, letters: letters, abbrev: -1})
		for ai < len(c.abbrevs) && c.abbrevs[ai].start < i {
			ai++
		}
	}
}

// lowerEnding returns the length of 1 to 3 ASCII lower-case letters at
// the start of s that end a word (the "s" of "LSS:s"), or 0.
func lowerEnding(s string) int {
	k := 0
	for k < len(s) && k < 4 && s[k] >= 'a' && s[k] <= 'z' {
		k++
	}
	if k == 0 || k > 3 {
		return 0
	}
	if k < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[k:]); textrune.InWord(r) {
			return 0
		}
	}
	return k
}

// splitSentences groups the words into sentences.
func (c *checker) splitSentences() {
	text := c.text
	cur := sentenceSpan{start: -1}
	for k, w := range c.words {
		if cur.start < 0 {
			cur.start = w.start
		}
		cur.words++
		cur.end = w.end
		gapEnd := len(text)
		if k+1 < len(c.words) {
			gapEnd = c.words[k+1].start
		}
		if end, ok := c.sentenceEnd(k, gapEnd); ok {
			cur.end = end
			c.sentences = append(c.sentences, cur)
			cur = sentenceSpan{start: -1}
		}
	}
	if cur.start >= 0 {
		c.sentences = append(c.sentences, cur)
	}
}

// sentenceEnd reports whether the sentence ends between word k and the
// next word (at gapEnd), and where it ends.
func (c *checker) sentenceEnd(k, gapEnd int) (int, bool) {
	text := c.text
	w := c.words[k]
	gap := text[w.end:gapEnd]
	if w.abbrev >= 0 && strings.HasSuffix(text[w.start:w.end], ".") {
		// "… m.m. Sedan": an abbreviation's own dot ends a sentence only
		// before a capital letter, a line break or the end of the text.
		if gapEnd == len(text) && strings.TrimSpace(gap) == "" {
			return w.end, true
		}
		if strings.TrimLeft(gap, " \t\u00a0") == "" && strings.IndexByte(gap, '\n') < 0 {
			if n, _ := utf8.DecodeRuneInString(text[gapEnd:]); unicode.IsUpper(n) {
				return w.end, true
			}
		}
	}
	end, ok := -1, false
	for i := 0; i < len(gap); {
		r, size := utf8.DecodeRuneInString(gap[i:])
		next := rune(' ')
		if i+size < len(gap) {
			next, _ = utf8.DecodeRuneInString(gap[i+size:])
		} else if gapEnd < len(text) {
			next, _ = utf8.DecodeRuneInString(text[gapEnd:])
		}
		switch r {
		case '!', '?', '…':
			end, ok = w.end+i+size, true
		case '.':
			if c.dotEnds(k, i, next) {
				end, ok = w.end+i+size, true
			}
		case ':':
			if unicode.IsSpace(next) {
				end, ok = w.end+i+size, true
			}
		case '\n':
			if !ok {
				end = w.end + trimRightSpace(gap[:i])
			}
			return end, true
		}
		i += size
	}
	return end, ok
}

// dotEnds reports whether the dot at byte i of the gap after word k ends
// a sentence. It does not in "nykvarn.se" (next is a word rune), after an
// initial ("A. Andersson") or after a short abbreviation that is left alone
// ("kl. 15").
func (c *checker) dotEnds(k, i int, next rune) bool {
	if textrune.InWord(next) {
		return false
	}
	w := c.words[k]
	if i != 0 {
		return true
	}
	word := c.text[w.start:w.end]
	if w.letters == 1 && utf8.RuneCountInString(word) == 1 && upperStart(word) {
		return false
	}
	for _, a := range [...]string{"kl", "nr", "st", "s", "sid", "p", "bil", "tel", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"} {
		if strings.EqualFold(word, a) {
			return false
		}
	}
	return true
}

func trimRightSpace(s string) int {
	return len(strings.TrimRightFunc(s, unicode.IsSpace))
}

func upperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// findBureaucratic finds the words and phrases of the embedded list.
func (c *checker) findBureaucratic() {
	list, err := wordIndex()
	if err != nil {
		return
	}
	text := c.text
	var lower []string // lower-case words, computed once
	for k := 0; k < len(c.words); k++ {
		w := c.words[k]
		if w.abbrev >= 0 {
			continue
		}
		if lower == nil {
			lower = make([]string, len(c.words))
		}
		key := c.lowerWord(lower, k)
		refs := list.byFirst[key]
		for _, ref := range refs {
			phrase := list.phrases[ref]
			n := len(phrase.words)
			if k+n > len(c.words) {
				continue
			}
			ok := true
			for j := 1; j < n && ok; j++ {
				prev, next := c.words[k+j-1], c.words[k+j]
				ok = next.abbrev < 0 && strings.TrimSpace(text[prev.end:next.start]) == "" &&
					c.lowerWord(lower, k+j) == phrase.words[j]
			}
			if !ok {
				continue
			}
			alt := list.words[phrase.entry].Alternative
			found := text[w.start:c.words[k+n-1].end]
			c.add(Finding{
				Kind: Bureaucratic, Start: w.start, End: c.words[k+n-1].end, Suggestion: alt,
				Advice: lang.Text{
					Sv: "Skriv ”" + alt + "” i stället för ”" + found + "”.",
					Fi: "Kirjoita mieluummin ”" + alt + "” kuin ”" + found + "”.",
					En: "Write “" + alt + "” instead of “" + found + "”.",
				},
			})
			k += n - 1
			break
		}
	}
}

func (c *checker) lowerWord(lower []string, k int) string {
	if lower[k] == "" {
		w := c.words[k]
		lower[k] = strings.ToLower(c.text[w.start:w.end])
	}
	return lower[k]
}

// candidate is an abbreviation or acronym that may need explaining.
type candidate struct {
	start, end int
	key        string // the acronym, or the abbreviation's first form (lower case, so never an acronym)
	ref        int    // index in abbreviations, or -1 for an acronym
}

// findUnexplained finds known abbreviations and acronyms that the text
// does not explain.
func (c *checker) findUnexplained() {
	text := c.text
	var cands []candidate
	for _, a := range c.abbrevs {
		cands = append(cands, candidate{start: a.start, end: a.end, key: abbreviations[a.ref].forms[0], ref: a.ref})
	}
	shouting := c.shouting()
	for k, w := range c.words {
		if w.abbrev >= 0 || w.letters < 2 || (shouting != nil && shouting[k]) {
			continue
		}
		// Parts split at hyphens and colons: "LSS-beslut", "SoL:s".
		for p := w.start; p < w.end; {
			q := p
			for q < w.end {
				r, size := utf8.DecodeRuneInString(text[q:])
				if !unicode.IsLetter(r) {
					break
				}
				q += size
			}
			if q > p && isAcronym(text[p:q]) {
				cands = append(cands, candidate{start: p, end: q, key: text[p:q], ref: -1})
			}
			if q == p {
				_, size := utf8.DecodeRuneInString(text[q:])
				q += size
			}
			p = q
		}
	}
	if len(cands) == 0 {
		return
	}
	var explained map[string]bool
	for _, cd := range cands {
		if explainedAt(text, cd.start, cd.end) {
			if explained == nil {
				explained = make(map[string]bool)
			}
			explained[cd.key] = true
		}
	}
	for _, cd := range cands {
		if explained[cd.key] {
			continue
		}
		found := text[cd.start:cd.end]
		if cd.ref >= 0 {
			exp := abbreviations[cd.ref].expanded
			c.add(Finding{
				Kind: Abbreviation, Start: cd.start, End: cd.end, Suggestion: exp,
				Advice: lang.Text{
					Sv: "Skriv ”" + exp + "” i stället för förkortningen ”" + found + "”.",
					Fi: "Kirjoita lyhenteen ”" + found + "” tilalle ”" + exp + "”.",
					En: "Write “" + exp + "” instead of the abbreviation “" + found + "”.",
				},
			})
			continue
		}
		c.add(Finding{
			Kind: Acronym, Start: cd.start, End: cd.end,
			Advice: lang.Text{
				Sv: "Förklara förkortningen ”" + found + "”: skriv ut vad den betyder första gången, med förkortningen inom parentes efter.",
				Fi: "Selitä lyhenne ”" + found + "”: kirjoita ensimmäisellä kerralla auki, mitä se tarkoittaa, ja lyhenne sulkeisiin perään.",
				En: "Explain the abbreviation “" + found + "”: the first time, write out what it stands for, with the abbreviation in brackets after it.",
			},
		})
	}
}

// shouting marks the words that are part of a run of words in capitals
// that is shouting rather than acronyms: three words or more ("JAG ÄR ARG"),
// or with a word too long for an acronym ("VIKTIGT MEDDELANDE").
func (c *checker) shouting() []bool {
	caps := func(j int) bool {
		w := c.words[j]
		return w.abbrev < 0 && w.letters >= 2 && allUpper(c.text[w.start:w.end])
	}
	var marks []bool
	for first := 0; first < len(c.words); {
		if !caps(first) {
			first++
			continue
		}
		last := first
		long := c.words[first].letters > 6
		for last+1 < len(c.words) && caps(last+1) {
			last++
			long = long || c.words[last].letters > 6
		}
		if last-first+1 >= 3 || long {
			if marks == nil {
				marks = make([]bool, len(c.words))
			}
			for j := first; j <= last; j++ {
				marks[j] = true
			}
		}
		first = last + 1
	}
	return marks
}

func allUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isAcronym reports whether the letters s make an acronym: 2 to 6
// letters, starting with a capital, at least two capitals and at least half
// of them capitals, not a Roman numeral and not a known acronym.
func isAcronym(s string) bool {
	n, upper := 0, 0
	roman := true
	for _, r := range s {
		n++
		if unicode.IsUpper(r) {
			upper++
		}
		if r != 'I' && r != 'V' && r != 'X' {
			roman = false
		}
	}
	if n < 2 || n > 6 || upper < 2 || 2*upper < n || roman || !upperStart(s) {
		return false
	}
	for _, k := range knownAcronyms {
		if s == k {
			return false
		}
	}
	return true
}

// maxExplanation bounds the bytes of a bracketed explanation.
const maxExplanation = 300

// explainedAt reports whether the abbreviation at text[start:end] is
// explained right there: "LSS (lagen om stöd och service)", "lagen om stöd
// och service (LSS)", or "LSS står för / betyder / är en förkortning ...".
func explainedAt(text string, start, end int) bool {
	after := text[end:]
	rest := strings.TrimLeft(after, " \u00a0")
	if strings.HasPrefix(rest, "(") {
		if len(rest) > maxExplanation {
			rest = rest[:maxExplanation]
		}
		if close := strings.IndexByte(rest, ')'); close > 0 && explains(rest[1:close]) {
			return true
		}
	}
	if start > 0 && text[start-1] == '(' && strings.HasPrefix(after, ")") {
		before := strings.TrimRight(text[:start-1], " \u00a0")
		j := len(before)
		for j > 0 {
			r, size := utf8.DecodeLastRuneInString(before[:j])
			if !unicode.IsLetter(r) {
				break
			}
			j -= size
		}
		if word := before[j:]; utf8.RuneCountInString(word) >= 2 && !allUpper(word) {
			return true
		}
	}
	if len(after) > 0 && (after[0] == ' ' || after[0] == ',') {
		rest = strings.TrimLeft(after[1:], " ")
		for _, p := range [...]string{"står för ", "betyder ", "är en förkortning ", "är förkortning "} {
			if len(rest) >= len(p) && strings.EqualFold(rest[:len(p)], p) {
				return true
			}
		}
	}
	return false
}

// explains reports whether the bracketed text s can explain an
// abbreviation: it has a word of at least four letters that is not an
// acronym ("socialtjänstlagen", "lagen om stöd och service").
func explains(s string) bool {
	for i := 0; i < len(s); {
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += size
		}
		if j == i {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		if w := s[i:j]; utf8.RuneCountInString(w) >= 4 && !isAcronym(w) && !allUpper(w) {
			return true
		}
		i = j
	}
	return false
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// Word is one entry of the embedded list of bureaucratic words: the
// forms to look for (lower case; a phrase has its words split by single
// spaces) and the plain alternative to write instead.
type Word struct {
	Forms       []string
	Alternative string
}

//go:embed words_sv.tsv
var wordsTSV string

// Words returns the embedded list of bureaucratic words Check
// looks for, in file order, or an error naming the line that is not valid.
func Words() ([]Word, error) {
	list, err := wordIndex()
	if err != nil {
		return nil, err
	}
	out := make([]Word, len(list.words))
	for i, w := range list.words {
		out[i] = Word{Forms: slices.Clone(w.Forms), Alternative: w.Alternative}
	}
	return out, nil
}

// wordList is the parsed word list, indexed by the first word of each form.
type wordList struct {
	words   []Word
	phrases []wordPhrase
	byFirst map[string][]int // first word → phrases, most words first
}

type wordPhrase struct {
	words []string
	entry int
}

// wordIndex parses the embedded list once. The result is never changed.
var wordIndex = sync.OnceValues(func() (*wordList, error) {
	return parseWords(wordsTSV)
})

// parseWords parses a word list in the format of words_sv.tsv.
func parseWords(data string) (*wordList, error) {
	list := &wordList{byFirst: make(map[string][]int)}
	seen := make(map[string]bool)
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := "words_sv.tsv line " + strconv.Itoa(n+1) + " " + strconv.Quote(line)
		forms, alt, ok := strings.Cut(line, "\t")
		if !ok || strings.Contains(alt, "\t") {
			return nil, errors.New(where + ": want forms, a tab and the alternative")
		}
		if alt == "" || strings.TrimSpace(alt) != alt {
			return nil, errors.New(where + ": alternative " + strconv.Quote(alt) + " is empty or has spaces around it")
		}
		entry := len(list.words)
		w := Word{Alternative: alt}
		for _, f := range strings.Split(forms, "|") {
			words := strings.Split(f, " ")
			for _, word := range words {
				if word == "" || strings.ToLower(word) != word || countLetters(word) != utf8.RuneCountInString(word) {
					return nil, errors.New(where + ": form " + strconv.Quote(f) + " must be lower-case words split by single spaces")
				}
			}
			if seen[f] {
				return nil, errors.New(where + ": form " + strconv.Quote(f) + " is listed twice")
			}
			if f == alt {
				return nil, errors.New(where + ": form " + strconv.Quote(f) + " is its own alternative")
			}
			seen[f] = true
			w.Forms = append(w.Forms, f)
			list.byFirst[words[0]] = append(list.byFirst[words[0]], len(list.phrases))
			list.phrases = append(list.phrases, wordPhrase{words: words, entry: entry})
		}
		list.words = append(list.words, w)
	}
	for _, refs := range list.byFirst {
		slices.SortStableFunc(refs, func(a, b int) int {
			return len(list.phrases[b].words) - len(list.phrases[a].words)
		})
	}
	return list, nil
}
