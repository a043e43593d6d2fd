package importer

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// looksLikeHTML sniffs the input: a saved page starts, after white space
// and a byte order mark, with a tag, a comment, a doctype or an XML
// declaration. A text scrape is the visible text of a page, so it does not
// start with "<" followed by a letter, "!", "/" or "?".
func looksLikeHTML(src []byte) bool {
	s := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\uFEFF")), " \t\r\n\f")
	if len(s) < 2 || s[0] != '<' {
		return false
	}
	c := s[1]
	return c == '!' || c == '?' || c == '/' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// blankLine separates the paragraphs of a text scrape.
var blankLine = regexp.MustCompile(`\n[ \t\f\v\x{a0}]*\n`)

// textToHTML is the first step for a text scrape: it becomes the simplest
// HTML page that says the same thing, one <p> per paragraph, so that the
// rest of the importer (extraction, furniture, Markdown) is the one used
// for saved pages. Paragraphs are separated by blank lines; the lines of a
// paragraph were wrapped by whoever saved the text and are joined with a
// space, or with nothing between two CJK characters, which are written
// without spaces.
func textToHTML(src []byte) []byte {
	s := string(bytes.TrimPrefix(src, []byte("\uFEFF")))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n")
	for _, para := range blankLine.Split(s+"\n", -1) {
		text := joinLines(strings.Split(para, "\n"))
		if text == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(text))
		b.WriteString("</p>\n")
	}
	b.WriteString("</body></html>\n")
	return []byte(b.String())
}

func joinLines(lines []string) string {
	var b strings.Builder
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(line)
			if !(isCJK(last) && isCJK(first)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(line)
	}
	return b.String()
}

// isCJK reports whether r belongs to a script written without spaces
// between words (Chinese, Japanese; not Korean, which uses spaces), or is
// CJK punctuation or a full-width form.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		0x3000 <= r && r <= 0x303f || 0xff00 <= r && r <= 0xffef
}
