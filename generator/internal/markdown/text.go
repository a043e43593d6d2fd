package markdown

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// blockElements end a run of text: their content is a separate paragraph
// of the visible text.
var blockElements = map[string]bool{
	"p": true, "div": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "figure": true, "figcaption": true,
	"tr": true, "td": true, "th": true, "br": true, "hr": true, "pre": true, "section": true,
	"article": true, "header": true, "footer": true, "ul": true, "ol": true, "table": true,
}

// VisibleText is what a reader sees of an HTML fragment: its text, one
// line per block, with hidden helper text (class "sr-only") left out.
func VisibleText(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	hidden := 0 // depth inside a visually hidden element
	var stack []bool
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			if hidden == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			isHidden := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) == "class" && bytes.Contains(v, []byte("sr-only")) {
					isHidden = true
				}
			}
			tag := string(name)
			if blockElements[tag] {
				b.WriteByte('\n')
			}
			if tag == "br" || tag == "hr" || tag == "img" {
				continue
			}
			stack = append(stack, isHidden)
			if isHidden {
				hidden++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if blockElements[string(name)] {
				b.WriteByte('\n')
			}
			if n := len(stack); n > 0 {
				if stack[n-1] {
					hidden--
				}
				stack = stack[:n-1]
			}
		}
	}
}

// Words splits visible text into words with whitespace and quote style
// normalised, which is how two versions of an article are compared:
// typographic quotes, dashes written as "--" and line wrapping are
// presentation, not text.
func Words(text string) []string {
	text = quoteNormalizer.Replace(text)
	return strings.Fields(text)
}

var quoteNormalizer = strings.NewReplacer(
	"‘", "'", "’", "'", "“", `"`, "”", `"`, "«", `"`, "»", `"`,
	"–", "-", "—", "--", "…", "...", "\u00a0", " ",
)
