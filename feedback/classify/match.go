package classify

import (
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// This file holds the text side of the classifier: the folding of text into
// the cue alphabet, and the Aho–Corasick automaton that finds every cue of
// every kind and language in one pass over the text.
//
// The cue alphabet is 'a'–'z', '0' (every digit) and ' ' (every word
// boundary). Text is lower-cased and its diacritics are dropped (å, ä → a;
// ö → o; é → e), so "överklaga", "Överklaga" and "overklaga" are the same
// cue. Runs of boundaries collapse to one space, and the text is framed by a
// space on each side, so a cue written "_tack" in the tables (a leading
// space) matches only at the start of a word, "_tack_" only the whole word,
// and "lampa" anywhere, also inside compounds such as "gatlampan".

// symbols is the size of the cue alphabet.
const symbols = 28

// maxPattern is the longest cue, in alphabet bytes. It bounds the ring of
// source offsets that maps a match back to the text.
const maxPattern = 60

// What a rune does to the folded text.
const (
	runeSpace    = iota // a word boundary
	runeLetter          // one or two letters of the alphabet
	runeJoin            // nothing: apostrophes and combining marks
	runeClause          // a boundary that also ends a clause: . , ; : ! line break
	runeQuestion        // a question mark: ends a clause and is counted
)

// symbol maps a byte of the cue alphabet to its index, or -1.
func symbol(b byte) int {
	switch {
	case b >= 'a' && b <= 'z':
		return int(b - 'a')
	case b == '0':
		return 26
	case b == ' ':
		return 27
	}
	return -1
}

// fold maps r to at most two bytes of the cue alphabet and says what the
// rune is. Letters outside the Latin alphabets become word boundaries.
func fold(r rune) (a, b byte, class int) {
	if r < 0x80 {
		switch {
		case r >= 'a' && r <= 'z':
			return byte(r), 0, runeLetter
		case r >= 'A' && r <= 'Z':
			return byte(r) + 'a' - 'A', 0, runeLetter
		case r >= '0' && r <= '9':
			return '0', 0, runeLetter
		case r == '\'' || r == '`':
			return 0, 0, runeJoin
		case r == '?':
			return 0, 0, runeQuestion
		case r == '.' || r == ',' || r == ';' || r == ':' || r == '!' || r == '\n' || r == '\r':
			return 0, 0, runeClause
		}
		return 0, 0, runeSpace
	}
	switch r {
	case '\u2019', '\u2018', '\u00b4', '\u02bc':
		return 0, 0, runeJoin
	case '\u2026', '\u2029', '\u2028', '\u00a1', '\u203c':
		return 0, 0, runeClause
	case '\u00bf', '\uff1f':
		return 0, 0, runeQuestion
	}
	if unicode.Is(unicode.Mn, r) {
		return 0, 0, runeJoin
	}
	l := unicode.ToLower(r)
	switch l {
	case 'å', 'ä', 'à', 'á', 'â', 'ã', 'ā', 'ă', 'ą':
		return 'a', 0, runeLetter
	case 'æ':
		return 'a', 'e', runeLetter
	case 'ö', 'ø', 'ó', 'ò', 'ô', 'õ', 'ō', 'ő', 'œ':
		return 'o', 0, runeLetter
	case 'é', 'è', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě':
		return 'e', 0, runeLetter
	case 'í', 'ì', 'î', 'ï', 'ī', 'į', 'ı':
		return 'i', 0, runeLetter
	case 'ú', 'ù', 'û', 'ü', 'ū', 'ů', 'ű', 'ų':
		return 'u', 0, runeLetter
	case 'ý', 'ÿ':
		return 'y', 0, runeLetter
	case 'ç', 'ć', 'č':
		return 'c', 0, runeLetter
	case 'ñ', 'ń', 'ň':
		return 'n', 0, runeLetter
	case 'š', 'ś', 'ş', 'ș':
		return 's', 0, runeLetter
	case 'ž', 'ź', 'ż':
		return 'z', 0, runeLetter
	case 'ß':
		return 's', 's', runeLetter
	case 'ð', 'đ', 'ď':
		return 'd', 0, runeLetter
	case 'þ':
		return 't', 'h', runeLetter
	case 'ł':
		return 'l', 0, runeLetter
	case 'ř':
		return 'r', 0, runeLetter
	case 'ť', 'ț':
		return 't', 0, runeLetter
	case 'ğ':
		return 'g', 0, runeLetter
	}
	if unicode.IsDigit(l) {
		return '0', 0, runeLetter
	}
	return 0, 0, runeSpace
}

// foldCue folds a cue as written in the tables ('_' for a word
// boundary) into the cue alphabet. ok is false when the cue is empty, too
// long, or holds something the text side can never produce.
func foldCue(cue string) (folded string, ok bool) {
	var sb strings.Builder
	space := false
	for _, r := range cue {
		if r == '_' {
			r = ' '
		}
		a, b, class := fold(r)
		switch class {
		case runeLetter:
			sb.WriteByte(a)
			if b != 0 {
				sb.WriteByte(b)
			}
			space = false
		case runeJoin:
		case runeSpace:
			if !space {
				sb.WriteByte(' ')
				space = true
			}
		default:
			return "", false
		}
	}
	folded = sb.String()
	if strings.TrimSpace(folded) == "" || len(folded) > maxPattern {
		return "", false
	}
	return folded, true
}

// cuePattern is one distinct folded cue in the automaton.
type cuePattern struct {
	folded string // in the cue alphabet, with its boundary spaces
	span   int32  // letters and inner spaces, without the boundary spaces
	words  int32  // spaces after the first letter, the trailing boundary included
	trail  bool   // ends with a boundary
	first  int32  // first entry in cueMatcher.entries
}

// cueEntry is one meaning of a pattern: a cue for a kind, a negator, a
// neutral phrase or a language vote.
type cueEntry struct {
	cue    string // as written in the tables, without the '_' marks (a substring of the table)
	weight float32
	kind   int8 // the kind's index (see kindAt), or -1
	lang   cueLang
	flags  cueFlags
	next   int32 // next entry of the same pattern, or -1
}

// cueMatcher is the Aho–Corasick automaton over every cue. It is built once
// and then only read, so it is safe for concurrent use.
type cueMatcher struct {
	root     [symbols]int32 // transitions from the root, resolved
	nodes    []trieNode
	next     []int32 // children of all nodes, packed; see trieNode.first
	patterns []cuePattern
	entries  []cueEntry
	problems []string // cues that could not be used; tests require none
}

// trieNode is one state of the automaton. Its fields sit together so that
// a step touches one cache line.
type trieNode struct {
	mask  uint32 // bit c is set when the node has a child on symbol c
	first int32  // the node's children are next[first:], in symbol order
	fail  int32  // the longest proper suffix that is also a trie node
	out   int32  // pattern ending here, or -1
	dict  int32  // nearest node on the fail chain with a pattern, or -1
	emit  int32  // this node if it has a pattern, else dict
}

// The automaton is built on first use and never changed afterwards. It is
// reached only through matcherOnce, so programs that import the package
// without classifying do not carry the cue tables.
var (
	matcherInit  sync.Once
	matcherBuilt *cueMatcher
)

// matcherOnce returns the automaton, building it on the first call.
func matcherOnce() *cueMatcher {
	matcherInit.Do(func() {
		matcherBuilt = buildCueMatcher(cueGroups(), cueLanguageGroups())
	})
	return matcherBuilt
}

// child returns the child of node s on symbol c, or -1.
func (m *cueMatcher) child(s int32, c uint8) int32 {
	bit := uint32(1) << c
	n := &m.nodes[s]
	if n.mask&bit == 0 {
		return -1
	}
	return m.next[n.first+int32(bits.OnesCount32(n.mask&(bit-1)))]
}

// step follows symbol c from node s.
func (m *cueMatcher) step(s int32, c uint8) int32 {
	for s != 0 {
		if t := m.child(s, c); t >= 0 {
			return t
		}
		s = m.nodes[s].fail
	}
	return m.root[c]
}

// buildCueMatcher compiles the cue tables into an automaton.
func buildCueMatcher(groups []cueGroup, langs []cueLanguageGroup) *cueMatcher {
	m := &cueMatcher{}
	index := make(map[string]int32)
	add := func(cue string, e cueEntry) {
		folded, ok := foldCue(cue)
		if strings.Contains(strings.Trim(cue, "_"), "_") {
			ok = false
		}
		if !ok {
			m.problems = append(m.problems, "cue "+strconv.Quote(cue)+" does not fold into the cue alphabet")
			return
		}
		p, seen := index[folded]
		if !seen {
			p = int32(len(m.patterns))
			index[folded] = p
			pat := cuePattern{folded: folded, first: -1}
			trimmed := strings.TrimLeft(folded, " ")
			pat.trail = strings.HasSuffix(folded, " ")
			pat.span = int32(len(strings.TrimSpace(folded)))
			pat.words = int32(strings.Count(trimmed, " "))
			m.patterns = append(m.patterns, pat)
		}
		for ei := m.patterns[p].first; ei >= 0; ei = m.entries[ei].next {
			o := &m.entries[ei]
			vote := e.flags&cueLanguageVote != 0
			if vote == (o.flags&cueLanguageVote != 0) && (vote && o.lang == e.lang || !vote && o.kind == e.kind && o.flags == e.flags) {
				m.problems = append(m.problems, "cue "+strconv.Quote(cue)+" is listed twice for the same purpose")
				return
			}
		}
		e.next = m.patterns[p].first
		e.cue = strings.Trim(cue, "_")
		m.patterns[p].first = int32(len(m.entries))
		m.entries = append(m.entries, e)
	}
	for _, g := range groups {
		for _, cue := range strings.Split(g.cues, "|") {
			cue = strings.TrimSpace(cue)
			if cue == "" {
				continue
			}
			add(cue, cueEntry{weight: g.weight, kind: int8(kindIndex(g.kind)), lang: g.lang, flags: g.flags})
		}
	}
	for _, g := range langs {
		for _, w := range strings.Split(g.words, "|") {
			w = strings.TrimSpace(w)
			if w == "" {
				continue
			}
			add(w, cueEntry{weight: g.weight, kind: -1, lang: g.lang, flags: cueLanguageVote})
		}
	}

	// The trie. Edges are collected with a map for lookups, then packed
	// per node in symbol order.
	type edge struct {
		from int32
		sym  uint8
		to   int32
	}
	var edges []edge
	index2 := make(map[uint32]int32)
	out := []int32{-1}
	for pi, p := range m.patterns {
		s := int32(0)
		for i := 0; i < len(p.folded); i++ {
			c := uint8(symbol(p.folded[i]))
			key := uint32(s)<<5 | uint32(c)
			t, ok := index2[key]
			if !ok {
				t = int32(len(out))
				index2[key] = t
				out = append(out, -1)
				edges = append(edges, edge{s, c, t})
			}
			s = t
		}
		out[s] = int32(pi)
	}
	// Each node's children go to consecutive slots in symbol order: the
	// slot of a child is the node's first slot plus the number of its
	// children on smaller symbols.
	n := len(out)
	m.nodes = make([]trieNode, n)
	m.next = make([]int32, len(edges))
	for i := range m.nodes {
		m.nodes[i].out = out[i]
	}
	for _, e := range edges {
		m.nodes[e.from].mask |= 1 << e.sym
	}
	slot := int32(0)
	for i := range m.nodes {
		m.nodes[i].first = slot
		slot += int32(bits.OnesCount32(m.nodes[i].mask))
	}
	for _, e := range edges {
		nd := &m.nodes[e.from]
		m.next[nd.first+int32(bits.OnesCount32(nd.mask&(1<<e.sym-1)))] = e.to
	}

	// Failure and dictionary links, breadth first.
	m.nodes[0].dict = -1
	queue := make([]int32, 0, n)
	for c := uint8(0); c < symbols; c++ {
		if t := m.child(0, c); t > 0 {
			m.nodes[t].dict = -1
			queue = append(queue, t)
			m.root[c] = t
		}
	}
	for head := 0; head < len(queue); head++ {
		s := queue[head]
		for mask := m.nodes[s].mask; mask != 0; mask &= mask - 1 {
			c := uint8(bits.TrailingZeros32(mask))
			t := m.child(s, c)
			f := m.nodes[s].fail
			for f != 0 && m.child(f, c) < 0 {
				f = m.nodes[f].fail
			}
			if g := m.child(f, c); g > 0 && g != t {
				m.nodes[t].fail = g
			}
			if ft := m.nodes[t].fail; m.nodes[ft].out >= 0 {
				m.nodes[t].dict = ft
			} else {
				m.nodes[t].dict = m.nodes[ft].dict
			}
			queue = append(queue, t)
		}
	}
	for i := range m.nodes {
		if m.nodes[i].out >= 0 {
			m.nodes[i].emit = int32(i)
		} else {
			m.nodes[i].emit = m.nodes[i].dict
		}
	}
	return m
}
