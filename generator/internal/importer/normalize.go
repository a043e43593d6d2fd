package importer

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// furnitureSelectors find page furniture inside an article container by
// its markup: share buttons, related-post widgets, comment sections,
// post footers (Blogger's "Posted by … Labels …"), pagers and widgets.
// The words-and-position rules in furniture.go catch what has no markup.
var furnitureSelectors = strings.Join([]string{
	".post-footer", ".post-share-buttons", ".share-buttons", ".sharedaddy", ".sharing",
	".share", ".social-share", ".addtoany_share_save_container", ".a2a_kit", ".jp-relatedposts",
	".yarpp-related", ".related-posts", ".comments", "#comments", ".comment-respond",
	".post-navigation", ".nav-links", ".navigation", ".sidebar", ".widget", ".blog-pager",
	".post-feeds", ".screen-reader-text", ".sr-only", ".visually-hidden", ".advertisement",
	".adsbygoogle", ".post-labels", ".byline-share", ".entry-footer", ".entry-meta",
}, ", ")

// clean removes what is never article text from the container.
func clean(container *goquery.Selection) {
	container.Find(furnitureSelectors).Remove()
	var drop []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.CommentNode, c.Type == html.DoctypeNode:
				drop = append(drop, c)
			case c.Type != html.ElementNode:
			case droppedTags[c.DataAtom] || isHidden(c):
				drop = append(drop, c)
			case c.DataAtom == atom.Img && (isTrackingPixel(c) || imageSource(c) == ""):
				drop = append(drop, c)
			case c.DataAtom == atom.Header:
				// An article's header holds its title, byline and date,
				// which are read as metadata first. Its photo stays.
				keepFigures(c)
				drop = append(drop, c)
			default:
				walk(c)
			}
		}
	}
	for _, n := range container.Nodes {
		walk(n)
	}
	for _, n := range drop {
		removeNode(n)
	}
}

// keepFigures moves the figures of a header out in front of it.
func keepFigures(header *html.Node) {
	if header.Parent == nil {
		return
	}
	var figs []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if isElement(c, atom.Figure) {
				figs = append(figs, c)
				continue
			}
			walk(c)
		}
	}
	walk(header)
	for _, f := range figs {
		removeNode(f)
		header.Parent.InsertBefore(f, header)
	}
}

// imageSource is the address of an image's picture: lazy-loading pages
// keep it in data-src and put a placeholder in src.
func imageSource(img *html.Node) string {
	for _, key := range []string{"data-src", "data-lazy-src", "data-original", "src"} {
		if v := strings.TrimSpace(attr(img, key)); v != "" && !strings.HasPrefix(v, "data:") {
			return v
		}
	}
	return ""
}

// markFigures turns the photo-with-caption markup of blog engines into
// <figure>/<figcaption>: Blogger's table.tr-caption-container (photo in
// one row, td.tr-caption in the next) and WordPress's .wp-caption (photo
// and p.wp-caption-text in a div).
func markFigures(container *goquery.Selection) {
	container.Find("table.tr-caption-container, .wp-caption").Each(func(_ int, s *goquery.Selection) {
		caption := s.Find(".tr-caption, .wp-caption-text").First()
		fig := newElement(atom.Figure)
		s.Find("img").Each(func(_ int, img *goquery.Selection) {
			fig.AppendChild(detach(img.Nodes[0]))
		})
		if caption.Length() > 0 {
			fc := newElement(atom.Figcaption)
			moveChildren(fc, caption.Nodes[0])
			fig.AppendChild(fc)
		}
		n := s.Nodes[0]
		if n.Parent != nil {
			n.Parent.InsertBefore(fig, n)
			removeNode(n)
		}
	})
}

func detach(n *html.Node) *html.Node {
	removeNode(n)
	return n
}

func moveChildren(dst, src *html.Node) {
	for c := src.FirstChild; c != nil; {
		next := c.NextSibling
		src.RemoveChild(c)
		dst.AppendChild(c)
		c = next
	}
}

// paragraphize gives every block container blocks only: each run of
// inline content (text, links, <br>…) becomes a <p>, and two or more
// <br> in a row end one paragraph and start the next, which is how
// Blogger's editor writes paragraphs. A <p> holding such a double break
// is split likewise. Table cells, headings and preformatted text keep
// their inline content.
func paragraphize(root *html.Node) {
	liftBreaks(root)
	info := newBlockInfo(root)
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling // visiting a <p> may replace it
			if info.isBlock(c) {
				visit(c)
			}
			c = next
		}
		switch {
		case n.Type != html.ElementNode:
		case n.DataAtom == atom.P:
			splitParagraph(n)
		case isContainer(n, info):
			wrapRuns(n, info)
		}
	}
	visit(root)
}

// liftBreaks moves double breaks out of the inline elements that hold
// them, so that paragraphize sees them: Blogger and old pages wrap whole
// posts in <span style=…> or <font>, and
// <font>one<br><br>two</font> becomes
// <font>one</font><br><br><font>two</font>. It works bottom up, so nested
// wrappers are split from the inside out.
func liftBreaks(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		liftBreaks(c)
		c = next
	}
	if n.Type != html.ElementNode || blockTags[n.DataAtom] || n.Parent == nil || droppedTags[n.DataAtom] {
		return
	}
	kids := childNodes(n)
	segs := splitKeepingBreaks(kids)
	if len(segs) < 2 {
		return
	}
	for _, seg := range segs {
		if seg.breaks {
			for _, c := range seg.nodes {
				n.RemoveChild(c)
				n.Parent.InsertBefore(c, n)
			}
			continue
		}
		clone := &html.Node{Type: html.ElementNode, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: n.Attr}
		for _, c := range seg.nodes {
			n.RemoveChild(c)
			clone.AppendChild(c)
		}
		n.Parent.InsertBefore(clone, n)
	}
	removeNode(n)
}

type segment struct {
	nodes  []*html.Node
	breaks bool // a run of two or more <br> (and white space)
}

// splitKeepingBreaks cuts nodes at double breaks, keeping the breaks as
// segments of their own.
func splitKeepingBreaks(nodes []*html.Node) []segment {
	var segs []segment
	var cur []*html.Node
	for i := 0; i < len(nodes); i++ {
		if isElement(nodes[i], atom.Br) {
			j, breaks := i, 0
			for ; j < len(nodes) && (isElement(nodes[j], atom.Br) || isBlankText(nodes[j])); j++ {
				if isElement(nodes[j], atom.Br) {
					breaks++
				}
			}
			if breaks >= 2 {
				if len(cur) > 0 {
					segs = append(segs, segment{nodes: cur})
				}
				segs = append(segs, segment{nodes: nodes[i:j], breaks: true})
				cur = nil
				i = j - 1
				continue
			}
		}
		cur = append(cur, nodes[i])
	}
	if len(cur) > 0 {
		segs = append(segs, segment{nodes: cur})
	}
	return segs
}

// isContainer reports whether n holds blocks (a <div>, a list item, a
// table cell, a span around divs) rather than a line of text (a heading).
// A data table's cells are written as one line each all the same.
func isContainer(n *html.Node, info blockInfo) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre,
		atom.Tr, atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Caption, atom.Ul, atom.Ol,
		atom.Dl, atom.Hr, atom.P:
		return false
	}
	return info.isBlock(n)
}

// wrapRuns wraps each run of inline children of n in <p> elements.
func wrapRuns(n *html.Node, info blockInfo) {
	var run []*html.Node
	flush := func(before *html.Node) {
		for _, seg := range splitAtDoubleBreaks(run) {
			p := newElement(atom.P)
			for _, c := range seg {
				n.RemoveChild(c)
				p.AppendChild(c)
			}
			n.InsertBefore(p, before)
		}
		for _, c := range run {
			if c.Parent == n { // whitespace and breaks left between paragraphs
				n.RemoveChild(c)
			}
		}
		run = nil
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if info.isBlock(c) {
			flush(c)
		} else {
			run = append(run, c)
		}
		c = next
	}
	flush(nil)
}

// splitParagraph splits a <p> at double breaks into several.
func splitParagraph(p *html.Node) {
	var kids []*html.Node
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		kids = append(kids, c)
	}
	segs := splitAtDoubleBreaks(kids)
	if len(segs) < 2 || p.Parent == nil {
		return
	}
	for _, seg := range segs {
		q := &html.Node{Type: html.ElementNode, DataAtom: atom.P, Data: "p", Attr: p.Attr}
		for _, c := range seg {
			p.RemoveChild(c)
			q.AppendChild(c)
		}
		p.Parent.InsertBefore(q, p)
	}
	removeNode(p)
}

// splitAtDoubleBreaks cuts a run of inline nodes at every sequence of two
// or more <br> (white space between them does not count) and drops runs
// with nothing visible in them.
func splitAtDoubleBreaks(run []*html.Node) [][]*html.Node {
	var segs [][]*html.Node
	var cur []*html.Node
	for i := 0; i < len(run); i++ {
		if isElement(run[i], atom.Br) {
			j, breaks := i, 0
			for ; j < len(run) && (isElement(run[j], atom.Br) || isBlankText(run[j])); j++ {
				if isElement(run[j], atom.Br) {
					breaks++
				}
			}
			if breaks >= 2 {
				segs = appendVisible(segs, cur)
				cur = nil
				i = j - 1
				continue
			}
		}
		cur = append(cur, run[i])
	}
	return appendVisible(segs, cur)
}

func appendVisible(segs [][]*html.Node, seg []*html.Node) [][]*html.Node {
	for _, n := range seg {
		if hasVisible(n) {
			return append(segs, seg)
		}
	}
	return segs
}

func isBlankText(n *html.Node) bool {
	return n.Type == html.TextNode && strings.TrimSpace(cleanText(n.Data)) == "" ||
		n.Type == html.CommentNode
}

// hasVisible reports whether n shows anything: text other than white
// space, or an image.
func hasVisible(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		return strings.TrimSpace(cleanText(n.Data)) != ""
	case html.ElementNode:
		if n.DataAtom == atom.Img || n.DataAtom == atom.Hr {
			return true
		}
		if droppedTags[n.DataAtom] {
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if hasVisible(c) {
				return true
			}
		}
	}
	return false
}
