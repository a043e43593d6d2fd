package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// relExternal is the rel attribute of a link to another site: the page it
// opens gets no handle on ours and learns nothing of where the reader came
// from. (Autolinks get none: they carry no text to trust.)
const relExternal = ` rel="noopener noreferrer"`

func isExternal(dest []byte) bool {
	return hasPrefixFold(dest, "http://") || hasPrefixFold(dest, "https://") || bytes.HasPrefix(dest, []byte("//"))
}

// hasPrefixFold is bytes.HasPrefix ignoring case. It compares in place:
// lowering the whole destination first cost an allocation per link.
func hasPrefixFold(s []byte, prefix string) bool {
	return len(s) >= len(prefix) && bytes.EqualFold(s[:len(prefix)], []byte(prefix))
}

// linkRenderer is goldmark's link renderer with two differences. It
// writes relExternal on links to other sites: as it writes the link, not
// as an attribute that a walk over the whole document would have to set
// first. And it asks html.IsDangerousURL only about a destination that
// can be dangerous: IsDangerousURL lowers a copy of the destination for
// each scheme it tries, about ten allocations per link, while the schemes
// it refuses ("javascript:", "vbscript:", "file:", "data:") all start
// with a letter that most destinations ("https:", "#", "/") do not.
type linkRenderer struct{ html.Config }

func (r linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.renderLink)
}

// renderLink is html.Renderer's renderLink with relExternal, and with the
// quick test in front of IsDangerousURL.
func (r linkRenderer) renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<a href=\"")
	dest := util.URLEscape(n.Destination, true)
	if r.Unsafe || !mayBeDangerous(dest) || !html.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.Writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	if isExternal(n.Destination) {
		_, _ = w.WriteString(relExternal)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// mayBeDangerous reports whether html.IsDangerousURL could refuse dest:
// whether it starts with the first letter of a scheme it refuses, in
// either case. (It compares lowered bytes, and no other character lowers
// to one of those letters.)
func mayBeDangerous(dest []byte) bool {
	if len(dest) == 0 {
		return false
	}
	switch dest[0] {
	case 'j', 'J', 'v', 'V', 'f', 'F', 'd', 'D':
		return true
	}
	return false
}
