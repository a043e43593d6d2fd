package site

import (
	"strings"
	"unicode"
)

var dashesAndEllipses = strings.NewReplacer("---", "—", "--", "–", "...", "…")

// typographic gives a title the same curly quotes, apostrophes and dashes
// that goldmark's typographer gives the body, so that "Alibaba's" in the
// headline matches "Alibaba’s" in the text. Titles are plain text, not
// Markdown, so this is done here rather than by rendering them.
func typographic(s string) string {
	if !strings.ContainsAny(s, `'"-.`) {
		return s // nothing to change, as in most descriptions
	}
	s = dashesAndEllipses.Replace(s)
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		prev := ' '
		if i > 0 {
			prev = rs[i-1]
		}
		opening := unicode.IsSpace(prev) || strings.ContainsRune("([{“‘—–", prev)
		elision := i+1 < len(rs) && unicode.IsDigit(rs[i+1]) // ’90s
		switch {
		case r == '\'' && elision:
			b.WriteRune('’')
		case r == '\'' && opening:
			b.WriteRune('‘')
		case r == '\'':
			b.WriteRune('’')
		case r == '"' && opening:
			b.WriteRune('“')
		case r == '"':
			b.WriteRune('”')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
