package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkSamples are link destinations and titles that goldmark's renderer
// keeps or drops.
var linkSamples = []string{
	"[a](https://e.org/)", "[a](HTTP://E.ORG \"t&amp;\")", "[a](#cn-1)", "[a](/x y)", "[a](<b c>)",
	"[a](javascript:alert(1))", "[a](JaVaScRiPt:x)", "[a](vbscript:x)", "[a](VBSCRIPT:x)",
	"[a](file:///etc)", "[a](FILE:x)", "[a](data:text/html,x)", "[a](data:image/png;base64,x)",
	"[a](DATA:IMAGE/GIF;x)", "[a](data:image/svg+xml,x)", "[a](java&#115;cript:x)", "[a](javascrİpt:x)",
	"[a](\u212Aile:x)", "[a](fjord)", "[a](dog)", "[a](j)", "[a](d)", "[a]()", "[a](<>)",
	"[a](%6Aavascript:x)", "[a](ftp://f.net 'title \"q\"')", "[a]\n\n[a]: javascript:x",
}

// TestLinkRendererMatchesGoldmark: linkRenderer writes what goldmark's
// own link renderer writes for links whose rel attribute is set as
// relExternal says.
func TestLinkRendererMatchesGoldmark(t *testing.T) {
	ref, ours := linkRenderers()
	for _, s := range linkSamples {
		sameHTML(t, ref, ours, []byte(s))
	}
}

func FuzzLinkRenderer(f *testing.F) {
	for _, s := range linkSamples {
		f.Add(s)
	}
	ref, ours := linkRenderers()
	f.Fuzz(func(t *testing.T, s string) {
		sameHTML(t, ref, ours, []byte(s))
	})
}

// linkRenderers are goldmark with its own link renderer and a transformer
// that gives links to other sites their rel attribute, and goldmark with
// linkRenderer.
func linkRenderers() (ref, ours goldmark.Markdown) {
	ref = goldmark.New(goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(relTransformer{}, 100))))
	ours = goldmark.New(goldmark.WithRendererOptions(renderer.WithNodeRenderers(
		util.Prioritized(linkRenderer{Config: html.NewConfig()}, 100))))
	return ref, ours
}

type relTransformer struct{}

func (relTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && isExternal(l.Destination) {
			l.SetAttributeString("rel", []byte("noopener noreferrer"))
		}
		return ast.WalkContinue, nil
	})
}

// sameHTML fails unless ours converts src to the same HTML as ref, the
// goldmark configuration it stands in for.
func sameHTML(t *testing.T, ref, ours goldmark.Markdown, src []byte) {
	t.Helper()
	var want, got bytes.Buffer
	if err := ref.Convert(src, &want); err != nil {
		t.Fatal(err)
	}
	if err := ours.Convert(src, &got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("%q:\ngot  %s\nwant %s", src, got.Bytes(), want.Bytes())
	}
}
