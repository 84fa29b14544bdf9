package feedback

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on what staff write in a Transition. The feedback API and the
// staff pages both apply them, through Transition.Validate.
const (
	// MaxReplyRunes is the longest Text of a transition (an interim reply,
	// what the person was asked for, the answer), in characters (runes,
	// not bytes).
	MaxReplyRunes = 10000
	// MaxLabelRunes is the longest Unit, DiaryNumber and By of a
	// transition, in characters.
	MaxLabelRunes = 200
)

// Validate checks what staff wrote in t and returns a *ValidationError that
// lists every problem, or nil. It is the one check of a transition's
// content, for every path that changes a case: the feedback API, the staff
// pages and Case.Apply.
//
// Text (the field "text") may hold several lines; it must be valid UTF-8,
// at most MaxReplyRunes characters, and hold no control characters other
// than line feeds, tabs and a carriage return before a line feed. Unit
// ("unit"), DiaryNumber ("diary_number") and By ("by") are single lines of
// at most MaxLabelRunes characters without any control character. None of
// them may hold a bidirectional embedding, override or isolate (U+202A to
// U+202E, U+2066 to U+2069): the text goes to the person's page as it is,
// and such a character makes it read differently on screen than it is
// stored. The marks U+200E and U+200F (left-to-right and right-to-left
// mark) are allowed, as in a submission: they only set the direction of
// the characters next to them and cannot turn a run of text around.
// These are the rules Validate applies to a submission's text.
//
// At and Promised, when not zero, must fall on a date within EarliestDate
// and LatestDate (field errors with the code CodeOutOfRange on "at" and
// "promised").
//
// Validate does not say whether t is legal for a case now: an unknown or
// unreachable status, a missing time, an answer without text and the
// order of the times are for Case.Apply, which answers them with a
// *TransitionError.
func (t Transition) Validate() error {
	var e ValidationError
	if !t.At.IsZero() {
		if fe := CheckTime("at", t.At); fe != nil {
			e.Fields = append(e.Fields, *fe)
		}
	}
	checkLabel(&e, "by", t.By, labelBy)
	checkLabel(&e, "unit", t.Unit, labelUnit)
	checkLabel(&e, "diary_number", t.DiaryNumber, labelDiary)
	if t.Text != "" {
		checkText(&e, "text", t.Text, MaxReplyRunes)
	}
	if !t.Promised.IsZero() {
		if fe := CheckTime("promised", t.Promised); fe != nil {
			e.Fields = append(e.Fields, *fe)
		}
	}
	if len(e.Fields) == 0 {
		return nil
	}
	return &e
}

// label names a single-line field of a transition in the messages of its
// errors.
type label struct {
	sv, svLong, svIt string // "Enheten", "för lång", "Den"
	fi, en           string // "Yksikkö", "The unit"
}

var (
	labelBy    = label{"Namnet", "för långt", "Det", "Nimi", "The name"}
	labelUnit  = label{"Enheten", "för lång", "Den", "Yksikkö", "The unit"}
	labelDiary = label{"Diarienumret", "för långt", "Det", "Diaarinumero", "The diary number"}
)

// checkLabel adds to e what is wrong with v, a single line on field: not
// valid UTF-8, more than MaxLabelRunes characters, or a control character
// (a line break too) or a bidirectional embedding, override or isolate.
func checkLabel(e *ValidationError, field, v string, l label) {
	if v == "" {
		return
	}
	if !utf8.ValidString(v) {
		e.add(field, CodeInvalidUTF8, "",
			l.sv+" har tecken som inte går att läsa. Skriv in "+strings.ToLower(l.svIt)+" igen.",
			l.fi+" sisältää merkkejä, joita ei voi lukea. Kirjoita se uudelleen.",
			l.en+" has characters that cannot be read. Please type it again.")
		return
	}
	if n := utf8.RuneCountInString(v); n > MaxLabelRunes {
		limit := strconv.Itoa(MaxLabelRunes)
		got := strconv.Itoa(n)
		e.add(field, CodeTooLong, got+" tecken",
			l.sv+" är "+l.svLong+": "+got+" tecken. "+l.svIt+" får vara högst "+limit+" tecken.",
			l.fi+" on liian pitkä: "+got+" merkkiä. Se saa olla enintään "+limit+" merkkiä.",
			l.en+" is too long: "+got+" characters. It may have at most "+limit+".")
	}
	if at, ok := firstControl(v, false); ok {
		pos := strconv.Itoa(at)
		e.add(field, CodeControlCharacters, "tecken "+pos,
			l.sv+" har ett osynligt styrtecken eller en radbrytning (tecken nummer "+pos+"). Ta bort det och skicka igen.",
			l.fi+" sisältää näkymättömän ohjausmerkin tai rivinvaihdon (merkki numero "+pos+"). Poista se ja lähetä uudelleen.",
			l.en+" has an invisible control character or a line break (character number "+pos+"). Remove it and send again.")
	}
}
