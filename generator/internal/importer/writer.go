package importer

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// writer turns the cleaned article DOM into Markdown: blocks separated by
// a blank line, each paragraph on one line, ATX headings, "-" bullets,
// "*emphasis*", "**strong**", inline links, GFM tables, fenced code, and
// figures as "> [!figure]" blocks. It never writes HTML: what Markdown
// cannot say (colspans, underline, font colours) is written as its text.
type writer struct {
	base  *url.URL // relative links are made absolute against it
	info  blockInfo
	marks []string // CriticMarkup of the block-level <del>/<ins> we are in
}

func writeMarkdown(root *html.Node, base *url.URL) string {
	w := &writer{base: base, info: newBlockInfo(root)}
	return joinBlocks(w.blocks(root))
}

func joinBlocks(blocks []string) string {
	if len(blocks) == 0 {
		return ""
	}
	return strings.Join(blocks, "\n\n") + "\n"
}

// blocks renders the children of a container, each run of inline content
// as a paragraph.
func (w *writer) blocks(n *html.Node) []string { return w.blocksOf(childNodes(n)) }

// blocksOf renders a list of sibling nodes as blocks.
func (w *writer) blocksOf(nodes []*html.Node) []string {
	var out []string
	var run []*html.Node
	prevList := ""
	flush := func() {
		if len(run) > 0 {
			if p := w.paragraph(run); p != "" {
				out = append(out, p)
				prevList = ""
			}
			run = nil
		}
	}
	for _, c := range nodes {
		if !w.info.isBlock(c) {
			if c.Type == html.ElementNode && droppedTags[c.DataAtom] {
				continue
			}
			run = append(run, c)
			continue
		}
		flush()
		var md []string
		switch c.DataAtom {
		case atom.Ul, atom.Ol, atom.Menu, atom.Dir:
			// Two lists in a row would merge into one in Markdown; the
			// second gets the other bullet ("*" after "-", ")" after ".").
			var kind string
			md, kind = w.list(c, prevList)
			if len(md) > 0 {
				out = append(out, md...)
				prevList = kind
			}
			continue
		default:
			md = w.block(c)
		}
		if len(md) > 0 {
			out = append(out, md...)
			prevList = ""
		}
	}
	flush()
	return out
}

// block renders one block element; a wrapper gives its children's blocks.
func (w *writer) block(n *html.Node) []string {
	switch n.DataAtom {
	case atom.P:
		return nonEmpty(w.paragraph(childNodes(n)))
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return nonEmpty(w.heading(n))
	case atom.Blockquote:
		return nonEmpty(quote(joinBlocks(w.blocks(n))))
	case atom.Figure:
		return nonEmpty(w.figure(n))
	case atom.Table:
		return w.table(n)
	case atom.Pre:
		return nonEmpty(w.pre(n))
	case atom.Hr:
		return []string{"---"}
	case atom.Del, atom.Ins:
		// A deletion or insertion of whole paragraphs marks each of them.
		mark := "--"
		if n.DataAtom == atom.Ins {
			mark = "++"
		}
		w.marks = append(w.marks, mark)
		defer func() { w.marks = w.marks[:len(w.marks)-1] }()
	}
	return w.blocks(n)
}

func nonEmpty(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return []string{s}
}

func childNodes(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, c)
	}
	return out
}

func (w *writer) paragraph(nodes []*html.Node) string {
	in := w.newInline(false)
	in.inMark = len(w.marks) > 0 // marks do not nest
	in.nodes(nodes)
	md := in.render(true)
	if md != "" && len(w.marks) > 0 {
		m := w.marks[len(w.marks)-1]
		md = "{" + m + closeSafe(md, m+"}") + m + "}"
	}
	return md
}

func (w *writer) heading(n *html.Node) string {
	in := w.newInline(true)
	in.children(n)
	text := in.render(false)
	if text == "" {
		return ""
	}
	// A closing "#" run would be read as the end of the heading.
	if strings.HasSuffix(text, "#") && !strings.HasSuffix(text, `\#`) {
		text = text[:len(text)-1] + `\#`
	}
	level := int(n.Data[1] - '0')
	return strings.Repeat("#", level) + " " + text
}

// quote prefixes every line of md with "> " (a blank line gets ">").
func quote(md string) string {
	md = strings.TrimSuffix(md, "\n")
	if md == "" {
		return ""
	}
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + l
		}
	}
	return strings.Join(lines, "\n")
}

// indent shifts every line but the first by n spaces (blank lines stay
// empty), to continue a list item.
func indent(md string, n int) string {
	pad := strings.Repeat(" ", n)
	lines := strings.Split(md, "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = pad + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// list renders <ul>/<ol>. prev is the kind of a list directly before it.
// A list is tight (no blank lines) unless an item holds more than one
// paragraph.
func (w *writer) list(n *html.Node, prev string) ([]string, string) {
	ordered := n.DataAtom == atom.Ol
	kind := "-"
	if ordered {
		kind = "."
	}
	if prev == kind {
		kind = map[string]string{"-": "*", ".": ")"}[kind]
	}
	start := 1
	if ordered {
		if v, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil && v >= 0 && v < 1e9 {
			start = v
		}
	}
	var items [][]string
	loose := false
	var stray []*html.Node // content outside any <li> (invalid HTML): one item
	addItem := func(blocks []string) {
		if len(blocks) > 0 {
			items = append(items, blocks)
		}
	}
	flush := func() {
		if len(stray) > 0 {
			addItem(w.blocksOf(stray))
			stray = nil
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case isElement(c, atom.Li):
			flush()
			addItem(w.blocks(c))
		case c.Type == html.ElementNode && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) && len(items) > 0 && len(stray) == 0:
			// a list directly in a list (invalid HTML, common): it
			// belongs to the item before it
			if sub, _ := w.list(c, ""); len(sub) > 0 {
				items[len(items)-1] = append(items[len(items)-1], sub...)
			}
		default:
			stray = append(stray, c)
		}
	}
	flush()
	// Without blank lines only a paragraph and the lists under it hold
	// together; and an ordered list that does not start at 1 cannot
	// interrupt a paragraph, so it needs the blank line too.
	for _, blocks := range items {
		paras := 0
		for i, b := range blocks {
			if !isListBlock(b) {
				paras++
			} else if i > 0 && !strings.HasPrefix(b, "-") && !strings.HasPrefix(b, "*") && !strings.HasPrefix(b, "1.") && !strings.HasPrefix(b, "1)") {
				loose = true
			}
		}
		if paras > 1 {
			loose = true
		}
	}
	if len(items) == 0 {
		return nil, ""
	}
	var b strings.Builder
	for i, blocks := range items {
		marker := kind + " "
		if ordered {
			marker = strconv.Itoa(start+i) + kind + " "
		}
		sep := "\n"
		if loose {
			sep = "\n\n"
		}
		if i > 0 {
			b.WriteString(sep)
		}
		// An item that starts with a list has both markers on its first
		// line ("- - x"): a marker alone on a line is an empty item, which
		// cannot interrupt a paragraph.
		b.WriteString(marker)
		b.WriteString(indent(strings.Join(blocks, sep), len(marker)))
	}
	return []string{b.String()}, kind
}

// isListBlock reports whether rendered Markdown is a list.
func isListBlock(md string) bool {
	if strings.HasPrefix(md, "- ") || strings.HasPrefix(md, "* ") || md == "-" || md == "*" {
		return true
	}
	i := strings.IndexFunc(md, func(r rune) bool { return r < '0' || r > '9' })
	return i > 0 && i+1 < len(md) && (md[i] == '.' || md[i] == ')') && (md[i+1] == ' ' || md[i+1] == '\n')
}

// figure writes a photo and its caption as a figure block:
//
//	> [!figure]
//	> ![alt](src)
//	>
//	> Caption. (Photo/CFP)
//
// The image line is left out when the photo is gone; the caption stays.
func (w *writer) figure(n *html.Node) string {
	var images []string
	var caption []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		var run []*html.Node // loose text: part of the caption too
		flush := func() {
			if p := w.paragraph(run); p != "" {
				caption = append(caption, p)
			}
			run = nil
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case isElement(c, atom.Img):
				in := w.newInline(true)
				in.image(c)
				if md := in.render(false); md != "" {
					images = append(images, md)
				}
			case isElement(c, atom.Figcaption):
				flush()
				caption = append(caption, w.blocks(c)...)
			case c.Type == html.ElementNode && containsImage(c):
				// the photo, perhaps in a link to its full size; the link goes
				flush()
				walk(c)
			case w.info.isBlock(c):
				flush()
				caption = append(caption, w.block(c)...)
			default:
				run = append(run, c)
			}
		}
		flush()
	}
	walk(n)
	if len(images) == 0 && len(caption) == 0 {
		return ""
	}
	// The marker shares the first paragraph; a blank line ends the
	// image paragraph so the caption is a paragraph of its own.
	md := "[!figure]"
	if len(images) > 0 {
		md += "\n" + strings.Join(images, "\n")
		if len(caption) > 0 {
			md += "\n"
		}
	}
	if len(caption) > 0 {
		md += "\n" + strings.Join(caption, "\n\n")
	}
	return quote(md)
}

func containsImage(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isElement(c, atom.Img) || c.Type == html.ElementNode && containsImage(c) {
			return true
		}
	}
	return false
}

// pre writes preformatted text as a fenced code block, the fence longer
// than any run of backticks inside.
func (w *writer) pre(n *html.Node) string {
	text := strings.ReplaceAll(cleanText(rawText(n, "\n")), "\r\n", "\n")
	text = strings.TrimPrefix(text, "\n")
	text = strings.TrimRight(text, " \t\n")
	if strings.TrimSpace(text) == "" {
		return ""
	}
	longest, run := 0, 0
	for _, r := range text {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	return fence + codeLanguage(n) + "\n" + text + "\n" + fence
}

// codeLanguage reads "language-go" or "lang-go" from <pre> or its <code>.
func codeLanguage(pre *html.Node) string {
	for _, n := range []*html.Node{pre, pre.FirstChild} {
		if n == nil || n.Type != html.ElementNode {
			continue
		}
		for _, c := range strings.Fields(attr(n, "class")) {
			for _, p := range []string{"language-", "lang-"} {
				if l, ok := strings.CutPrefix(c, p); ok && l != "" && !strings.ContainsAny(l, "`~") {
					return l
				}
			}
		}
	}
	return ""
}

// resolve makes a link absolute against the page's address and refuses
// addresses that run code or embed data.
func (w *writer) resolve(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto", "ftp", "tel":
	default:
		return ""
	}
	if w.base != nil {
		u = w.base.ResolveReference(u)
	}
	return u.String()
}

// rawText is the text inside n as written, markup dropped, with br for each
// <br>: code keeps its characters, not the reflowed text of a paragraph.
func rawText(n *html.Node, br string) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case isElement(c, atom.Br):
				b.WriteString(br)
			case c.Type == html.ElementNode && !droppedTags[c.DataAtom]:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}
