package importer

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file stands in for reprint/generator/internal/markdown's PlainText
// until the lead's package has it: Markdown → goldmark (GFM, raw HTML
// off) → HTML → the text a reader sees, one block per line. The
// "[!figure]" marker is taken out of the Markdown first, since the site
// renders it as a <figure>, not as words. CriticMarkup (package
// corrections, not wired in here) is shown by showMarks as ⟦del:…⟧ and
// ⟦ins:…⟧, so that a test sees where each mark is and what it holds.

var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

// renderHTML converts Markdown to HTML with goldmark, as it is.
func renderHTML(t testing.TB, md []byte) string {
	t.Helper()
	var buf bytes.Buffer
	if err := gfm.Convert(md, &buf); err != nil {
		t.Fatalf("goldmark: %v", err)
	}
	return buf.String()
}

// readerText is the text a reader sees of a post body: figure markers
// out, CriticMarkup shown by showMarks, rendered by goldmark, one block a
// line.
func readerText(t testing.TB, md []byte) string {
	t.Helper()
	src := figureMarker.ReplaceAllString(showMarks(string(md)), "$1")
	return visibleText(renderHTML(t, []byte(src)))
}

// plainText is the visible text of Markdown, normalised by normText.
func plainText(t testing.TB, md []byte) string {
	t.Helper()
	return normText(readerText(t, md))
}

// figureMarker is the first line of a figure block, in a quote, list or both.
var figureMarker = regexp.MustCompile(`(?m)^([ \t]*(?:>[ \t]?)+)\[!figure\][ \t]*$`)

// showMarks rewrites {--old--}, {++new++} and {~~old~>new~~} as
// ⟦del:old⟧ and ⟦ins:new⟧, leaving
// backslash-escaped braces and unclosed marks alone. The inner text stays
// Markdown, for goldmark to read.
func showMarks(md string) string {
	// The markers are punctuation, as "{--" is, so that emphasis just
	// inside a mark reads the same, and a line that starts with a mark
	// still starts a paragraph.
	del, ins, end := "⟦del:", "⟦ins:", "⟧"
	var b strings.Builder
	for i := 0; i < len(md); {
		if md[i] == '\\' && i+1 < len(md) {
			b.WriteString(md[i : i+2])
			i += 2
			continue
		}
		var closer string
		switch {
		case strings.HasPrefix(md[i:], "{--"):
			closer = "--}"
		case strings.HasPrefix(md[i:], "{++"):
			closer = "++}"
		case strings.HasPrefix(md[i:], "{~~"):
			closer = "~~}"
		}
		if closer != "" {
			if j := unescapedIndex(md[i+3:], closer); j >= 0 {
				inner := md[i+3 : i+3+j]
				switch closer {
				case "--}":
					b.WriteString(del + inner + end)
				case "++}":
					b.WriteString(ins + inner + end)
				default:
					k := unescapedIndex(inner, "~>")
					if k < 0 {
						b.WriteString(md[i : i+3+j+3])
					} else {
						b.WriteString(del + inner[:k] + end + ins + inner[k+2:] + end)
					}
				}
				i += 3 + j + 3
				continue
			}
		}
		b.WriteByte(md[i])
		i++
	}
	return b.String()
}

// unescapedIndex finds sub in s, not preceded by a backslash escape and
// not across a blank line.
func unescapedIndex(s, sub string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
		case strings.HasPrefix(s[i:], "\n\n"):
			return -1
		case strings.HasPrefix(s[i:], sub):
			return i
		}
	}
	return -1
}

var lineBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Td: true, atom.Th: true,
	atom.Tr: true, atom.Pre: true, atom.Ul: true, atom.Ol: true, atom.Table: true,
	atom.Figure: true, atom.Figcaption: true, atom.Hr: true, atom.Div: true,
}

// visibleText renders an HTML fragment as text, a line per block.
func visibleText(fragment string) string {
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"})
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.CommentNode:
		case isElement(n, atom.Br):
			b.WriteByte('\n')
		}
		block := n.Type == html.ElementNode && lineBlocks[n.DataAtom]
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return b.String()
}

// normText normalises text for comparison: straight quotes, no-break
// spaces as spaces, white space collapsed, empty lines dropped.
func normText(s string) string {
	s = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "\u00a0", " ").Replace(s)
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			continue
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

func TestPlainTextHelper(t *testing.T) {
	md := "> [!figure]\n> Caption. (Photo/CFP)\n\nOne *two* \"three\"\n\n- a\n- b\n\n| x | y |\n| --- | --- |\n| 1 | 2 |\n"
	want := "Caption. (Photo/CFP)\nOne two \"three\"\na\nb\nx\ny\n1\n2"
	if got := plainText(t, []byte(md)); got != want {
		t.Errorf("plainText:\n%s\nwant:\n%s", got, want)
	}
}
