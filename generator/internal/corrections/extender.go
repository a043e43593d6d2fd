package corrections

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// rendererPriority is the corrected renderer's priority, the same as goldmark's own
// extension renderers. Renderer priorities only decide who wins a node kind
// (the lowest value registers last); no other renderer claims ours.
const rendererPriority = 500

type extender struct{}

// Extension adds CriticMarkup editorial marks to a goldmark.Markdown: the
// two inline parsers, the AST transformer that numbers the marks with notes,
// and the HTML renderer for the corrected page.
var Extension goldmark.Extender = extender{}

// Extend implements goldmark.Extender.
func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(
			util.Prioritized(NewOpenParser(), parserPriority),
			util.Prioritized(NewCloseParser(), parserPriority),
		),
		// Numbering needs the whole document; no other transformer cares
		// about marks, so any priority serves.
		parser.WithASTTransformers(util.Prioritized(numberer{}, 500)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(NewHTMLRenderer(), rendererPriority),
	))
}
