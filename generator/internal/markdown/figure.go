package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// figureMarker is the first line of a block quote that is a figure. The
// shape follows GitHub's "> [!NOTE]" alerts, so an editor recognises it and
// other Markdown tools still show the caption as a quote.
const figureMarker = "[!figure]"

// KindFigure is the node kind of a figure block.
var KindFigure = ast.NewNodeKind("Figure")

// Figure is a photo (or its absence) with a caption.
type Figure struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (n *Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (n *Figure) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// KindCaption is the node kind of a figure's caption.
var KindCaption = ast.NewNodeKind("Caption")

// Caption holds the caption paragraphs of a figure.
type Caption struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (n *Caption) Kind() ast.NodeKind { return KindCaption }

// Dump implements ast.Node.
func (n *Caption) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// figureTransformer turns marked block quotes into figures after parsing.
type figureTransformer struct{}

func (figureTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering && isFigure(q, source) {
			quotes = append(quotes, q)
		}
		if hasInlines(n) {
			// A block quote is a block among blocks: the text of a
			// paragraph or heading cannot hold one.
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		toFigure(q, source)
	}
}

// hasInlines reports whether n's children are inline nodes (text, links,
// emphasis) rather than blocks.
func hasInlines(n ast.Node) bool {
	c := n.FirstChild()
	return c != nil && c.Type() == ast.TypeInline
}

func isFigure(q *ast.Blockquote, source []byte) bool {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return false
	}
	first := p.Lines().At(0)
	return string(bytes.TrimSpace(first.Value(source))) == figureMarker
}

// toFigure replaces q by a Figure. The marker line's inline nodes are
// removed; image-only paragraphs stay as they are (the photo) and every
// other block goes into the Caption.
func toFigure(q *ast.Blockquote, source []byte) {
	p := q.FirstChild().(*ast.Paragraph)
	markerEnd := p.Lines().At(0).Stop
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		t, ok := c.(*ast.Text)
		if !ok || t.Segment.Start >= markerEnd {
			break
		}
		p.RemoveChild(p, c)
		c = next
	}
	if p.ChildCount() == 0 {
		q.RemoveChild(q, p)
	}
	fig := &Figure{}
	caption := &Caption{}
	for c := q.FirstChild(); c != nil; {
		next := c.NextSibling()
		q.RemoveChild(q, c)
		if isImageParagraph(c, source) {
			fig.AppendChild(fig, c)
		} else {
			caption.AppendChild(caption, c)
		}
		c = next
	}
	if caption.ChildCount() > 0 {
		fig.AppendChild(fig, caption)
	}
	q.Parent().ReplaceChild(q.Parent(), q, fig)
}

func isImageParagraph(n ast.Node, source []byte) bool {
	p, ok := n.(*ast.Paragraph)
	if !ok || p.ChildCount() == 0 {
		return false
	}
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(source))) > 0 && !c.SoftLineBreak() {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// figureRenderer writes <figure>, the image paragraphs unwrapped, and the
// caption paragraphs inside <figcaption> (one <p> each when there are
// several, none when there is one, so a one-line caption is plain text).
type figureRenderer struct{ html.Config }

func (r figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, r.renderFigure)
	reg.Register(KindCaption, r.renderCaption)
	reg.Register(ast.KindParagraph, r.renderParagraph)
}

func (r figureRenderer) renderFigure(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if n.FirstChild() != nil && n.FirstChild().Kind() == KindCaption {
			_, _ = w.WriteString("<figure class=\"no-image\">\n")
		} else {
			_, _ = w.WriteString("<figure>\n")
		}
	} else {
		_, _ = w.WriteString("</figure>\n")
	}
	return ast.WalkContinue, nil
}

func (r figureRenderer) renderCaption(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<figcaption>")
	} else {
		_, _ = w.WriteString("</figcaption>\n")
	}
	return ast.WalkContinue, nil
}

// renderParagraph is goldmark's, except inside a figure: there an image
// paragraph is written bare and a lone caption paragraph without <p>.
func (r figureRenderer) renderParagraph(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	parent := n.Parent()
	bare := parent != nil && (parent.Kind() == KindFigure || parent.Kind() == KindCaption && parent.ChildCount() == 1)
	if bare {
		if !entering && parent.Kind() == KindFigure {
			_ = w.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	}
	if entering {
		if n.Attributes() != nil {
			_, _ = w.WriteString("<p")
			html.RenderAttributes(w, n, html.ParagraphAttributeFilter)
			_ = w.WriteByte('>')
		} else {
			_, _ = w.WriteString("<p>")
		}
	} else {
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}
