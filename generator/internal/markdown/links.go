package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// externalLinks marks links to other sites rel="noopener noreferrer": the
// page they open gets no handle on ours and learns nothing of where the
// reader came from. (goldmark writes a link's attributes; autolinks get
// none, so they are left as they are: they carry no text to trust.)
type externalLinks struct{}

var relExternal = []byte("noopener noreferrer")

func (externalLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && isExternal(l.Destination) {
			l.SetAttributeString("rel", relExternal)
		}
		return ast.WalkContinue, nil
	})
}

func isExternal(dest []byte) bool {
	return hasPrefixFold(dest, "http://") || hasPrefixFold(dest, "https://") || bytes.HasPrefix(dest, []byte("//"))
}

// hasPrefixFold is bytes.HasPrefix ignoring case. It compares in place:
// lowering the whole destination first cost an allocation per link.
func hasPrefixFold(s []byte, prefix string) bool {
	return len(s) >= len(prefix) && bytes.EqualFold(s[:len(prefix)], []byte(prefix))
}
