package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escaping keeps text literal: a sentence that happens to start with
// "1." or contain "*" must not turn into a list or emphasis. A backslash
// is added only where the character would otherwise mean something, so
// the Markdown stays readable: "snake_case" and "a < b" are left alone,
// "_word_" and "<b>" are not.

// escaper says where a piece of text sits.
type escaper struct {
	lineStart bool // the text begins a line
	brackets  bool // the text is inside [...] (link text, image alt)
	prev      rune // the character written before the text (' ' at a line start)
	next      rune // the character after it: '\n' at the end of the line, -1 unknown
}

// entity matches what CommonMark reads as a character reference.
var entity = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// criticOpeners are the CriticMarkup openers after "{".
var criticOpeners = []string{"--", "++", "~~", "==", ">>"}

func escapeText(s string, e escaper) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	rest := s
	if e.lineStart {
		rest = escapeLineStart(&b, s, e.next)
	}
	prev := e.prev
	if len(rest) < len(s) {
		prev, _ = utf8.DecodeLastRuneInString(s[:len(s)-len(rest)])
	}
	for i, r := range rest {
		size := utf8.RuneLen(r)
		next := e.next
		if i+size < len(rest) {
			next, _ = utf8.DecodeRuneInString(rest[i+size:])
		}
		if needsEscape(r, prev, next, rest[i:], e) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func needsEscape(r, prev, next rune, tail string, e escaper) bool {
	switch r {
	case '*', '`', '~', '|', '[':
		return true
	case ']':
		return e.brackets
	case '\\':
		// Before a letter a backslash is literal; before punctuation, a
		// line end or what we cannot see it would escape something.
		return next < 0 || next == '\n' || isASCIIPunct(next)
	case '_':
		// Inside a word "_" cannot open or close emphasis.
		return !(isWordRune(prev) && isWordRune(next))
	case '<':
		// "<b>", "</p>", "<!--", "<?php", "<http://…>", "<0@x.org>" would
		// be HTML or an autolink; "a < b" is just text.
		return next < 0 || !unicode.IsSpace(next)
	case '&':
		return entity.MatchString(tail)
	case '{':
		if next < 0 {
			return true
		}
		for _, o := range criticOpeners {
			if strings.HasPrefix(tail[1:], o) {
				return true
			}
		}
	}
	return false
}

// escapeLineStart writes s's start, escaped if it would begin a block
// (an ATX heading, a block quote, a list item, a thematic break or a
// setext underline), and returns the rest of s.
func escapeLineStart(b *strings.Builder, s string, next rune) string {
	// after returns the character at s[i], or what follows s.
	after := func(i int) rune {
		if i >= len(s) {
			return next
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		return r
	}
	ends := func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r < 0 }
	switch c := s[0]; {
	case c == '#':
		n := len(s) - len(strings.TrimLeft(s, "#"))
		if n <= 6 && ends(after(n)) {
			b.WriteString(`\`)
		}
	case c == '>':
		b.WriteString(`\`)
	case c == '-' || c == '+' || c == '=':
		if r := after(1); ends(r) || r == rune(c) {
			b.WriteString(`\`)
		}
	case '0' <= c && c <= '9':
		n := len(s) - len(strings.TrimLeft(s, "0123456789"))
		if n <= 9 && n < len(s) && (s[n] == '.' || s[n] == ')') && ends(after(n+1)) {
			b.WriteString(s[:n])
			b.WriteString(`\`)
			return s[n:]
		}
	}
	return s
}

func isASCIIPunct(r rune) bool {
	return r < utf8.RuneSelf && unicode.IsPunct(r) || strings.ContainsRune("$+<=>^`|~", r)
}

func isWordRune(r rune) bool {
	return r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// destination writes a URL so that it reads as one link destination:
// spaces, angle brackets and backslashes are percent-encoded, and
// parentheses too when they do not balance.
func destination(u string) string {
	var b strings.Builder
	depth, balanced := 0, true
	for _, r := range u {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				balanced = false
			}
		}
	}
	balanced = balanced && depth == 0
	for _, r := range u {
		switch {
		case r == ' ':
			b.WriteString("%20")
		case r == '<':
			b.WriteString("%3C")
		case r == '>':
			b.WriteString("%3E")
		case r == '\\':
			b.WriteString("%5C")
		case r == '(' && !balanced:
			b.WriteString("%28")
		case r == ')' && !balanced:
			b.WriteString("%29")
		case r < 0x20 || r == 0x7f || unicode.IsSpace(r):
			// dropped: not part of an address
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
