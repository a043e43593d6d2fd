package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end in a period without ending the sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true,
	"sr": true, "gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true,
	"sgt": true, "capt": true, "inc": true, "ltd": true, "co": true, "corp": true, "no": true,
	"vs": true, "etc": true, "e.g": true, "i.e": true, "u.s": true, "u.k": true, "u.n": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "z.b": true, "bzw": true,
	"ca": true, "nr": true, "vgl": true, "d.h": true, "u.a": true,
}

// firstSentence is the first sentence of a paragraph, for the post's
// description. A sentence ends at ".", "!" or "?" (closing quotes and
// brackets included) followed by a space and a capital, digit or opening
// quote, unless the period ends an abbreviation or an initial; or at
// "。", "！", "？", which need no space. Without an end, it is the whole
// paragraph.
func firstSentence(p string) string {
	p = strings.TrimSpace(p)
	for i, r := range p {
		switch r {
		case '。', '！', '？':
			return p[:i+utf8.RuneLen(r)]
		case '.', '!', '?':
		default:
			continue
		}
		end := i + 1
		for end < len(p) && strings.ContainsRune(`"')]’”»`, rune(p[end])) {
			end++
		}
		for end < len(p) {
			r, size := utf8.DecodeRuneInString(p[end:])
			if !strings.ContainsRune("’”»", r) {
				break
			}
			end += size
		}
		if end >= len(p) {
			return p
		}
		if p[end] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(strings.TrimLeft(p[end:], " "))
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"'“‘«(`, next) || unicode.IsLetter(next) && !unicode.Is(unicode.Latin, next)) {
			continue
		}
		if r == '.' && isAbbreviation(p[:i]) || !strings.ContainsAny(strings.TrimSpace(p[:i]), " \u00a0") {
			continue // "Mr. Lau", or a first "sentence" of one word ("1.", "2014.")
		}
		return p[:end]
	}
	return p
}

// isAbbreviation reports whether the word before a period is an
// abbreviation or a single initial ("J. Smith").
func isAbbreviation(before string) bool {
	word := before[strings.LastIndexAny(before, " (\"“")+1:]
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	return abbreviations[strings.ToLower(word)]
}
