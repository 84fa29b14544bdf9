package loader

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// minifyJS removes comments and the whitespace JavaScript does not need
// from src, and changes nothing else: string, template and regular
// expression literals are copied as they are, and line breaks stay (as one
// "\n") wherever there was one, so automatic semicolon insertion works as in
// the source. It supports the JavaScript the loader is written in; a
// template literal inside a ${} substitution is an error.
func minifyJS(src string) (string, error) {
	var b strings.Builder
	b.Grow(len(src))
	last := byte('\n') // the last byte written, or '\n' at the start
	lastWord := ""     // the last identifier or keyword written
	pendingSpace, pendingNewline := false, false
	emit := func(s string) {
		if pendingNewline {
			if last != '\n' {
				b.WriteByte('\n')
				last = '\n'
			}
		} else if pendingSpace && needsSpace(last, s[0]) {
			b.WriteByte(' ')
		}
		pendingSpace, pendingNewline = false, false
		b.WriteString(s)
		last = s[len(s)-1]
	}
	i := 0
	line := func() string { return strconv.Itoa(1 + strings.Count(src[:i], "\n")) }
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			pendingSpace = true
			i++
		case c == '\n':
			pendingNewline = true
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return "", errors.New("line " + line() + ": unterminated comment")
			}
			if strings.Contains(src[i:i+2+end], "\n") {
				pendingNewline = true
			} else {
				pendingSpace = true
			}
			i += end + 4
		case c == '"' || c == '\'' || c == '`' || c == '/' && regexAllowed(last, lastWord):
			// A string, template or regular expression literal: copied as
			// it is.
			var j int
			var err error
			switch c {
			case '`':
				j, err = template(src, i)
			case '/':
				j, err = regex(src, i)
			default:
				j, err = quoted(src, i, c)
			}
			if err != nil {
				return "", fmt.Errorf("line %s: %w", line(), err)
			}
			emit(src[i:j])
			lastWord = ""
			i = j
		case isWord(c):
			j := i
			for j < len(src) && isWord(src[j]) {
				j++
			}
			emit(src[i:j])
			lastWord = src[i:j]
			i = j
		default:
			emit(src[i : i+1])
			lastWord = ""
			i++
		}
	}
	if last != '\n' {
		b.WriteByte('\n')
	}
	return b.String(), nil
}

func isWord(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// needsSpace reports whether a space must stay between a and b: between
// two words, and between operators that would otherwise join (+ +, - -,
// a / before a comment or regex, a dot after a number).
func needsSpace(a, b byte) bool {
	switch {
	case isWord(a) && isWord(b):
		return true
	case (a == '+' || a == '-') && a == b:
		return true
	case a == '/' && (b == '/' || b == '*'):
		return true
	case a >= '0' && a <= '9' && b == '.':
		return true
	}
	return false
}

// regexAllowed reports whether a "/" after last (and lastWord, when last
// ended a word) starts a regular expression rather than a division.
func regexAllowed(last byte, lastWord string) bool {
	if isWord(last) {
		switch lastWord {
		case "return", "typeof", "case", "in", "of", "do", "else", "void", "delete", "throw", "new", "yield", "await":
			return true
		}
		return false
	}
	return strings.IndexByte("(,=:[!&|?{};+-*%<>~^\n", last) >= 0
}

func quoted(src string, i int, q byte) (int, error) {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case q:
			return j + 1, nil
		case '\n':
			return 0, errors.New("line break in a string")
		}
	}
	return 0, errors.New("unterminated string")
}

func template(src string, i int) (int, error) {
	depth := 0 // of braces inside a ${} substitution
	for j := i + 1; j < len(src); j++ {
		c := src[j]
		switch {
		case c == '\\':
			j++
		case depth == 0 && c == '`':
			return j + 1, nil
		case depth == 0 && c == '$' && j+1 < len(src) && src[j+1] == '{':
			depth = 1
			j++
		case depth > 0 && c == '{':
			depth++
		case depth > 0 && c == '}':
			depth--
		case depth > 0 && c == '`':
			return 0, errors.New("a template literal inside ${} is not supported")
		case depth > 0 && (c == '"' || c == '\''):
			k, err := quoted(src, j, c)
			if err != nil {
				return 0, err
			}
			j = k - 1
		}
	}
	return 0, errors.New("unterminated template literal")
}

func regex(src string, i int) (int, error) {
	class := false
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '[':
			class = true
		case ']':
			class = false
		case '/':
			if class {
				continue
			}
			j++
			for j < len(src) && isWord(src[j]) {
				j++
			}
			return j, nil
		case '\n':
			return 0, errors.New("line break in a regular expression")
		}
	}
	return 0, errors.New("unterminated regular expression")
}
