package site

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

var dashesAndEllipses = strings.NewReplacer("---", "—", "--", "–", "...", "…")

// typographic gives a title the same curly quotes, apostrophes and dashes
// that goldmark's typographer gives the body, so that "Alibaba's" in the
// headline matches "Alibaba’s" in the text. Titles are plain text, not
// Markdown, so this is done here rather than by rendering them.
//
// Every post's title and description go through it, so it looks at the
// text around a quote only where there is a quote.
func typographic(s string) string {
	if !strings.ContainsAny(s, `'"-.`) {
		return s // nothing to change
	}
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // each invalid byte becomes U+FFFD
	}
	if strings.Contains(s, "--") || strings.Contains(s, "...") {
		s = dashesAndEllipses.Replace(s)
	}
	if !strings.ContainsAny(s, `'"`) {
		return s // no quotes, as in most descriptions
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev, done := ' ', 0 // the rune before s[i]; s[:done] is written
	for i, r := range s {
		if r == '\'' || r == '"' {
			opening := unicode.IsSpace(prev) || strings.ContainsRune("([{“‘—–", prev)
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			elision := i+1 < len(s) && unicode.IsDigit(next) // ’90s
			b.WriteString(s[done:i])
			done = i + 1
			switch {
			case r == '\'' && elision:
				b.WriteRune('’')
			case r == '\'' && opening:
				b.WriteRune('‘')
			case r == '\'':
				b.WriteRune('’')
			case opening:
				b.WriteRune('“')
			default:
				b.WriteRune('”')
			}
		}
		prev = r
	}
	b.WriteString(s[done:])
	return b.String()
}
