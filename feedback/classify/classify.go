// Package classify tells what kind of message a citizen wrote (Message):
// praise, complaint or suggestion, or a question, fault report, damage claim
// or appeal that belongs elsewhere; in which language; how sure it is; and
// the cues in the text that decided it. CLASSIFIER.md describes how it
// works and how well.
//
// The feedback widget runs it in the browser, so it imports nothing but the
// standard library's smallest packages (no fmt, regexp or encoding/json)
// and kommunkit's message and lang.
package classify

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/feedback/internal/textrune"
	"github.com/kommunkit/kommunkit/feedback/message"
	"github.com/kommunkit/kommunkit/lang"
)

// Result is what Message found in a message: its kind, its
// language, how sure the classifier is, and the cues that decided it.
type Result struct {
	// Kind is the most likely kind of the message. It is empty when the
	// text holds no cue at all: empty or blank text, punctuation only, or
	// words the classifier has no cue for. Confidence is then 0.
	Kind message.Kind

	// Language is lang.Swedish, lang.Finnish or lang.English. Text without
	// any sign of a language (empty text, a name, a number) is taken to be
	// Swedish.
	Language lang.Lang

	// Confidence, from 0 to 1, is how sure the classifier is of Kind. It
	// is low when the cues are few or weak, or when another kind scores
	// almost as high.
	Confidence float64

	// RunnerUp is the second kind when the message mixes two kinds, for
	// example a complaint that ends in a question, or a damage claim that
	// also reports the pothole. It is empty when the message points one
	// way only.
	RunnerUp message.Kind

	// RunnerUpConfidence, from 0 to 1, is how likely RunnerUp is; 0 when
	// there is no runner-up.
	RunnerUpConfidence float64

	// Cues lists the cues that decided Kind and then RunnerUp, strongest
	// first within each kind, at most MaxCues of them.
	Cues []Cue
}

// MaxCues is the most cues a Result lists.
const MaxCues = 8

// Cue is one cue that Message found in a message: a word or sign that
// points to a kind.
type Cue struct {
	// Pattern is the cue as the classifier lists it: a word, the start of a
	// word ("överklag" matches "överklagandet"), a phrase ("fungerar
	// inte"), "?" for question marks, or an emoji.
	Pattern string

	// Text is the text in the message that matched, widened to whole
	// words; with Negated it runs from the negation to the cue
	// ("inte nöjd").
	Text string

	// Kind is the kind the cue points to.
	Kind message.Kind

	// Weight is how much the cue counted for Kind.
	Weight float64

	// Negated reports that a negation before the cue turned it around:
	// "inte nöjd" and "not happy" count for Complaint, "inga problem" for
	// Praise.
	Negated bool
}

// languages are the languages Message tells apart, in the order of
// scanner.lang.
var languages = [3]lang.Lang{lang.Swedish, lang.Finnish, lang.English}

// kindCount is the number of kinds.
const kindCount = 7

// kindAt returns the kind with index i in the order of Kinds.
func kindAt(i int) message.Kind {
	switch i {
	case 0:
		return message.Praise
	case 1:
		return message.Complaint
	case 2:
		return message.Suggestion
	case 3:
		return message.Question
	case 4:
		return message.FaultReport
	case 5:
		return message.DamageClaim
	case 6:
		return message.Appeal
	}
	return ""
}

// kindIndex returns the index of k in the order of Kinds, or -1.
func kindIndex(k message.Kind) int {
	for i := 0; i < kindCount; i++ {
		if kindAt(i) == k {
			return i
		}
	}
	return -1
}

// Tuning of the scoring; see CLASSIFIER.md.
const (
	maxHits           = 128  // cue matches kept per message; later ones are ignored
	negationWords     = 3    // a negation reaches this many words ahead, within its clause
	foreignWeight     = 0.5  // weight of a cue written for another language than the message's
	closingWeight     = 0.5  // weight of a polite "tack"/"kiitos"/"thanks" in the last clause
	exclaimedQuestion = 0.3  // weight of a question cue in a clause that ends in "!" ("Vilken service!")
	negatedComplaint  = 0.5  // weight of a negated complaint cue ("inga problem"), counted as praise
	questionMark      = 1.5  // weight of the first question mark
	emphaticQuestion  = 2    // weight for message.Complaint of "??" or more
	emojiWeight       = 2    // weight of a praise emoji (👍 ❤️) for message.Praise, or an angry one (👎 😡) for message.Complaint
	hitLanguageVote   = 0.3  // language vote of each matched cue of one language
	moreQuestions     = 0.5  // weight of each further question mark, at most two of them
	endsInQuestion    = 1    // extra weight when the message ends in a question
	temperature       = 2.0  // softmax temperature that turns scores into confidences
	runnerUpShare     = 0.15 // the runner-up must score at least this share of the winner
	runnerUpMinimum   = 1.5  // and at least one real cue or a question mark
	runnerUpCue       = 2.5  // and one cue at least this heavy, or a question mark
)

// cueHit is one match of a cue in the text.
type cueHit struct {
	entry              int32
	start, end         int32 // folded positions of the first and last letter
	startWord, endWord int32
	clause             int32
	srcStart, srcEnd   int32 // source bytes of the match, whole runes
	negStart           int32 // source start of the negation, when negated
	weight             float32
	kind               int8
	dropped            bool
	negated            bool
}

// scanner is the state of one pass over a message.
type scanner struct {
	m         *cueMatcher
	state     int32
	pos       int32 // folded bytes fed so far
	word      int32 // boundaries fed so far
	clause    int32
	inClause  bool // the current clause has letters
	space     bool // the last folded byte was a boundary
	questions int32
	qrun      int32       // question marks in a row, boundaries between them ignored
	emphatic  bool        // the text has "??" or more: frustration rather than a plain question
	endsAsked bool        // the last clause ends in a question mark and is not the first clause
	emoji     [2][2]int32 // source span of the first praise and the first complaint emoji, plus one
	exclaimed uint64      // clauses (the first 64) that ended in an exclamation mark
	letters   int32       // letters and digits
	rings     int32       // å and Å
	umlauts   int32       // ä, ö and their capitals
	lang      [3]float32
	n         int
	hits      [maxHits]cueHit
	srcStart  [64]int32 // source offsets of the last folded bytes, by position
	srcEnd    [64]int32
}

// Message tells what kind of message text is, in which language it is
// written, how sure it is, and why.
//
// It reads Swedish, Finnish and English, with or without å, ä and ö, in any
// case, and with the typos its cues allow for. It is deterministic, pure and
// safe for concurrent use. It never fails: text without any cue gets an
// empty Kind and Confidence 0.
func Message(text string) Result {
	sc := scanner{m: matcherOnce()}
	sc.scan(text)
	language := sc.language()
	res := Result{Language: languages[language]}
	if sc.letters == 0 {
		return res
	}

	// scores sums the cues of each kind; strongest is its heaviest single
	// cue, which decides whether the kind can be a runner-up.
	var scores, strongest [kindCount]float64
	sc.resolve(cueLang(language + 1))
	for i := 0; i < sc.n; i++ {
		h := &sc.hits[i]
		if !h.dropped && h.kind >= 0 {
			scores[h.kind] += float64(h.weight)
			strongest[h.kind] = max(strongest[h.kind], float64(h.weight))
		}
	}
	if sc.questions > 0 {
		q := kindIndex(message.Question)
		scores[q] += sc.questionWeight()
		strongest[q] = max(strongest[q], runnerUpCue) // a literal question is real evidence of asking
	}
	if sc.emphatic {
		scores[kindIndex(message.Complaint)] += emphaticQuestion
		strongest[kindIndex(message.Complaint)] = max(strongest[kindIndex(message.Complaint)], emphaticQuestion)
	}
	for e, k := range [2]message.Kind{message.Praise, message.Complaint} {
		if sc.emoji[e][1] != 0 {
			scores[kindIndex(k)] += emojiWeight
			strongest[kindIndex(k)] = max(strongest[kindIndex(k)], emojiWeight)
		}
	}

	// Ties go to the more specific kind: an appeal, a claim or a fault
	// report that also asks something is still an appeal, a claim or a
	// fault report; praise that ends "do it again" is still praise.
	top, second := -1, -1
	for _, i := range [kindCount]int{6, 5, 4, 1, 0, 2, 3} {
		if scores[i] <= 0 {
			continue
		}
		switch {
		case top < 0 || scores[i] > scores[top]:
			top, second = i, top
		case second < 0 || scores[i] > scores[second]:
			second = i
		}
	}
	if top < 0 {
		return res
	}
	var sum float64
	for i := 0; i < kindCount; i++ {
		sum += math.Exp((scores[i] - scores[top]) / temperature)
	}
	res.Kind = kindAt(top)
	res.Confidence = clampUnit(1 / sum)
	if second >= 0 && scores[second] >= runnerUpMinimum && scores[second] >= runnerUpShare*scores[top] && strongest[second] >= runnerUpCue {
		res.RunnerUp = kindAt(second)
		res.RunnerUpConfidence = clampUnit(math.Exp((scores[second]-scores[top])/temperature) / sum)
	} else {
		second = -1
	}
	res.Cues = sc.reasons(text, top, second)
	return res
}

// clampUnit clamps x into [0, 1].
func clampUnit(x float64) float64 {
	if !(x >= 0) {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

// questionWeight is what the question marks count for Question.
func (sc *scanner) questionWeight() float64 {
	extra := sc.questions - 1
	if extra > 2 {
		extra = 2
	}
	w := questionMark + moreQuestions*float64(extra)
	if sc.endsAsked {
		w += endsInQuestion
	}
	return w
}

// scan folds text and runs it through the automaton, collecting hits and
// language votes.
func (sc *scanner) scan(text string) {
	sc.space = true
	sc.feed(' ', 0, 0)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		from, to := int32(i), int32(i+size)
		i += size
		a, b, class := fold(r)
		switch class {
		case runeLetter:
			sc.qrun = 0
			sc.endsAsked = false
			sc.letters++
			switch r {
			case 'å', 'Å':
				sc.rings++
			case 'ä', 'ö', 'Ä', 'Ö':
				sc.umlauts++
			}
			sc.feed(a, from, to)
			if b != 0 {
				sc.feed(b, from, to)
			}
			sc.inClause = true
		case runeSpace:
			if e := emojiKind(r); e >= 0 && sc.emoji[e][1] == 0 {
				sc.emoji[e] = [2]int32{from, to + 1}
			}
			sc.boundary(from, to)
		case runeClause, runeQuestion:
			sc.boundary(from, to)
			if class == runeQuestion {
				sc.questions++
				sc.endsAsked = sc.clause > 0
				sc.qrun++
				if sc.qrun >= 2 {
					sc.emphatic = true
				}
			} else if (r == '!' || r == '\u203c' || r == '\u00a1') && sc.inClause && sc.clause < 64 {
				sc.exclaimed |= 1 << uint(sc.clause)
			}
			if sc.inClause {
				sc.clause++
				sc.inClause = false
			}
		}
	}
	sc.boundary(int32(len(text)), int32(len(text)))
}

// boundary feeds one word boundary, unless the last byte was one.
func (sc *scanner) boundary(from, to int32) {
	if !sc.space {
		sc.feed(' ', from, to)
	}
}

// feed runs one folded byte through the automaton and records what ends
// there.
func (sc *scanner) feed(b byte, from, to int32) {
	m := sc.m
	sc.space = b == ' '
	if sc.space {
		sc.word++
	}
	sc.srcStart[sc.pos&63], sc.srcEnd[sc.pos&63] = from, to
	sc.state = m.step(sc.state, uint8(symbol(b)))
	for node := m.nodes[sc.state].emit; node >= 0; node = m.nodes[node].dict {
		sc.record(m.nodes[node].out)
	}
	sc.pos++
}

// record notes every entry of pattern pi, which ends at the current
// position.
func (sc *scanner) record(pi int32) {
	m := sc.m
	p := &m.patterns[pi]
	last := sc.pos
	if p.trail {
		last--
	}
	first := last - p.span + 1
	for ei := p.first; ei >= 0; ei = m.entries[ei].next {
		e := &m.entries[ei]
		if e.flags&cueLanguageVote != 0 {
			sc.lang[e.lang-1] += e.weight
			continue
		}
		if sc.n == maxHits {
			continue
		}
		if e.lang != cueAnyLanguage {
			sc.lang[e.lang-1] += hitLanguageVote
		}
		h := &sc.hits[sc.n]
		sc.n++
		*h = cueHit{
			entry:     ei,
			start:     first,
			end:       last,
			startWord: sc.word - p.words,
			endWord:   sc.word,
			clause:    sc.clause,
			srcStart:  sc.srcStart[first&63],
			srcEnd:    sc.srcEnd[last&63],
			weight:    e.weight,
			kind:      e.kind,
		}
		if p.trail {
			h.endWord--
		}
	}
}

// language picks the language with the most votes: 0 Swedish, 1 Finnish,
// 2 English. Ties go to Swedish, then Finnish.
func (sc *scanner) language() int {
	v := sc.lang
	v[0] += 0.75 * float32(min(sc.rings, 4))
	if marks := sc.rings + sc.umlauts; marks > 0 {
		v[2] -= min(0.5*float32(marks), 2)
	}
	best := 0
	for i := 1; i < 3; i++ {
		if v[i] > v[best] {
			best = i
		}
	}
	return best
}

// resolve settles the hits for a message in language lang: longer matches
// hide the cues inside them, a negation turns praise into complaint, a
// decision turns complaint verbs into appeal, each cue counts once, and
// cues of another language count less.
func (sc *scanner) resolve(lang cueLang) {
	m := sc.m
	hits := sc.hits[:sc.n]
	// A match inside a longer one is hidden by it ("inte nöjd" hides
	// "nöjd"), except that between two cues for the same kind the heavier
	// one stays, so a phrase never weakens its own kind.
	for i := range hits {
		h := &hits[i]
		for j := range hits {
			g := &hits[j]
			if i == j || g.start > h.start || g.end < h.end || g.end-g.start <= h.end-h.start {
				continue
			}
			if g.kind >= 0 && g.kind == h.kind && h.weight > g.weight {
				g.dropped = true
				continue
			}
			h.dropped = true
			break
		}
	}
	decision := false
	for i := range hits {
		h := &hits[i]
		if h.dropped {
			continue
		}
		e := &m.entries[h.entry]
		if e.flags&cueDecision != 0 {
			decision = true
		}
		// Each cue counts once, and so does each word: the first cue to
		// claim a span of text keeps it.
		for j := 0; j < i; j++ {
			if g := &hits[j]; !g.dropped && (g.entry == h.entry || (g.start == h.start && g.end == h.end && g.kind == h.kind)) {
				h.dropped = true
				break
			}
		}
	}
	last := sc.clause
	if !sc.inClause {
		last--
	}
	for i := range hits {
		h := &hits[i]
		if h.dropped {
			continue
		}
		e := &m.entries[h.entry]
		if e.flags&(cueNegatesPraise|cueNegatesComplaint|cueNeutral) != 0 || h.kind < 0 {
			h.kind = -1
			continue
		}
		if e.lang != cueAnyLanguage && e.lang != lang {
			h.weight *= foreignWeight
		}
		if e.flags&cueClosing != 0 && h.clause > 0 && h.clause == last {
			h.weight *= closingWeight
		}
		if h.kind == int8(kindIndex(message.Question)) && h.clause < 64 && sc.exclaimed&(1<<uint(h.clause)) != 0 {
			h.weight *= exclaimedQuestion
		}
		if e.flags&cueSwitchOnDecision != 0 && decision {
			h.kind = int8(kindIndex(message.Appeal))
		}
		if e.flags&cueNegatable == 0 {
			continue
		}
		praise := h.kind == int8(kindIndex(message.Praise))
		complaint := h.kind == int8(kindIndex(message.Complaint))
		if !praise && !complaint {
			continue
		}
		for j := range hits {
			g := &hits[j]
			if g.dropped || g.clause != h.clause || g.startWord >= h.startWord || h.startWord-g.endWord > negationWords {
				continue
			}
			ge := &m.entries[g.entry]
			if ge.lang != cueAnyLanguage && ge.lang != lang {
				continue
			}
			switch {
			case praise && ge.flags&cueNegatesPraise != 0:
				h.kind = int8(kindIndex(message.Complaint))
			case complaint && ge.flags&cueNegatesComplaint != 0:
				h.kind = int8(kindIndex(message.Praise))
				h.weight *= negatedComplaint
			default:
				continue
			}
			h.negated = true
			h.negStart = g.srcStart
			break
		}
	}
}

// reasons lists the counted hits of kinds top and second (-1 for none),
// strongest first within each kind.
func (sc *scanner) reasons(text string, top, second int) []Cue {
	var picked [MaxCues]int
	n := 0
	for _, k := range [2]int{top, second} {
		if k < 0 {
			continue
		}
		from := n
		for i := 0; i < sc.n && n < MaxCues; i++ {
			h := &sc.hits[i]
			if h.dropped || int(h.kind) != k {
				continue
			}
			picked[n] = i
			n++
			for j := n - 1; j > from && sc.hits[picked[j]].weight > sc.hits[picked[j-1]].weight; j-- {
				picked[j], picked[j-1] = picked[j-1], picked[j]
			}
		}
		if k == kindIndex(message.Question) && sc.questions > 0 && n < MaxCues {
			picked[n] = -1
			n++
		}
		if k == kindIndex(message.Complaint) && sc.emphatic && n < MaxCues {
			picked[n] = -2
			n++
		}
		for e, ek := range [2]message.Kind{message.Praise, message.Complaint} {
			if k == kindIndex(ek) && sc.emoji[e][1] != 0 && n < MaxCues {
				picked[n] = -3 - e
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Cue, n)
	for i := 0; i < n; i++ {
		switch picked[i] {
		case -1:
			out[i] = Cue{Pattern: "?", Text: "?", Kind: message.Question, Weight: sc.questionWeight()}
			continue
		case -2:
			out[i] = Cue{Pattern: "??", Text: "??", Kind: message.Complaint, Weight: emphaticQuestion}
			continue
		case -3, -4:
			e := -3 - picked[i]
			emoji := text[sc.emoji[e][0] : sc.emoji[e][1]-1]
			out[i] = Cue{Pattern: emoji, Text: emoji, Kind: [2]message.Kind{message.Praise, message.Complaint}[e], Weight: emojiWeight}
			continue
		}
		h := &sc.hits[picked[i]]
		start := h.srcStart
		if h.negated {
			start = h.negStart
		}
		out[i] = Cue{
			Pattern: sc.m.entries[h.entry].cue,
			Text:    wholeWords(text, int(start), int(h.srcEnd)),
			Kind:    kindAt(int(h.kind)),
			Weight:  float64(h.weight),
			Negated: h.negated,
		}
	}
	return out
}

// wholeWords returns text[from:to] widened to whole words, as valid UTF-8.
func wholeWords(text string, from, to int) string {
	if from < 0 || to > len(text) || from > to {
		return ""
	}
	for from > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:from])
		if !wordRune(r) {
			break
		}
		from -= size
	}
	for to < len(text) {
		r, size := utf8.DecodeRuneInString(text[to:])
		if !wordRune(r) {
			break
		}
		to += size
	}
	s := text[from:to]
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

// wordRune reports whether r belongs to a word when a cue's text is
// widened to whole words: a letter, a digit, a nonspacing mark (which
// fold joins to its letter; spacing and enclosing marks it does not) or
// an apostrophe.
func wordRune(r rune) bool {
	return textrune.LetterOrDigit(r) || unicode.Is(unicode.Mn, r) || textrune.Apostrophe(r)
}

// emojiKind tells whether r is an emoji that praises (0) or complains
// (1), or neither (-1).
func emojiKind(r rune) int {
	switch r {
	case '\U0001F44D', '\u2764', '\U0001F64F', '\U0001F60A', '\U0001F642', '\U0001F60D', '\U0001F44F',
		'\U0001F970', '\U0001F495', '\U0001F49A', '\U0001F499', '\u2B50', '\U0001F31F', '\U0001F64C',
		'\U0001F600', '\U0001F603', '\U0001F604', '\U0001F929', '\U0001F44C', '\U0001F973', '\U0001F917':
		return 0
	case '\U0001F44E', '\U0001F621', '\U0001F620', '\U0001F92C', '\U0001F624', '\U0001F61E', '\U0001F622',
		'\U0001F629', '\U0001F644', '\U0001F4A9', '\U0001F62D', '\U0001F612', '\U0001F92F':
		return 1
	}
	return -1
}
