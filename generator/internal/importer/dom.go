package importer

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The DOM below the article container is reshaped before it is written
// out, so that the Markdown writer and the furniture scanner see one
// simple shape whatever the page looked like: block containers hold
// blocks, never loose text; a photo with its caption is a <figure>.

// blockTags are the elements that start a block of their own. Every other
// element is inline, unless it wraps blocks (see containsBlock).
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Html: true, atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true,
	atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

// droppedTags never carry article text: scripts, styles, embedded
// players, forms and page chrome.
var droppedTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Canvas: true, atom.Form: true, atom.Input: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Nav: true, atom.Aside: true,
	atom.Footer: true, atom.Link: true, atom.Meta: true, atom.Title: true, atom.Head: true,
	atom.Audio: true, atom.Video: true, atom.Map: true, atom.Dialog: true, atom.Frameset: true,
	atom.Frame: true, atom.Applet: true, atom.Source: true, atom.Track: true, atom.Param: true,
}

func isElement(n *html.Node, a atom.Atom) bool {
	return n != nil && n.Type == html.ElementNode && n.DataAtom == a
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// blockInfo remembers which inline elements wrap blocks. Blogger posts
// are full of <span style="…"><div>…</div></span>; such a span is a
// container, not a run of text. It is computed once per document, bottom
// up, so that deep nesting costs no more than a walk.
type blockInfo map[*html.Node]bool

func newBlockInfo(root *html.Node) blockInfo {
	b := blockInfo{}
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		has := false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				has = true
			}
		}
		if has {
			b[n] = true
		}
		return has || n.Type == html.ElementNode && blockTags[n.DataAtom]
	}
	walk(root)
	return b
}

// isBlock reports whether n is laid out as a block.
func (b blockInfo) isBlock(n *html.Node) bool {
	return n.Type == html.ElementNode && (blockTags[n.DataAtom] || b[n])
}

// removeNode detaches n from the tree (a no-op for a detached node).
func removeNode(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

func newElement(a atom.Atom) *html.Node {
	return &html.Node{Type: html.ElementNode, DataAtom: a, Data: a.String()}
}

// isTrackingPixel recognises the 1×1 images that count page views.
func isTrackingPixel(img *html.Node) bool {
	small := func(v string) bool {
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "px"))
		n, err := strconv.Atoi(v)
		return err == nil && n <= 1
	}
	if small(attr(img, "width")) || small(attr(img, "height")) {
		return true
	}
	style := strings.ReplaceAll(strings.ToLower(attr(img, "style")), " ", "")
	return strings.Contains(style, "width:1px") || strings.Contains(style, "height:1px") ||
		strings.Contains(style, "width:0") || strings.Contains(style, "height:0")
}

// isHidden reports whether an element is hidden from readers.
func isHidden(n *html.Node) bool {
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	if attr(n, "aria-hidden") == "true" && n.DataAtom != atom.Img {
		return true
	}
	style := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", "")
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf is the visible text of n with white space collapsed, the way
// the furniture scanner compares blocks with known words.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if droppedTags[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br || blockTags[n.DataAtom] {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return strings.Join(strings.FieldsFunc(cleanText(b.String()), unicode.IsSpace), " ")
}

// cleanText drops characters that have no business in an article: C0
// and C1 controls (other than white space), zero-width spaces, byte
// order marks and soft hyphens, all invisible and all traps for an editor.
func cleanText(s string) string {
	clean := true
	for _, r := range s {
		if dropRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if dropRune(r) {
			return -1
		}
		return r
	}, s)
}

func dropRune(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\f':
		return false
	case '\u200b', '\ufeff', '\u00ad', '\ufffe', '\uffff':
		return true
	}
	return r < 0x20 || 0x7f <= r && r < 0xa0
}
