package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Converter turns post bodies into HTML. It is safe for concurrent use and
// meant to be made once per build: goldmark's parser and renderer are
// built once and shared by every page.
type Converter struct {
	md goldmark.Markdown
}

// New returns the Converter with Reprint's Markdown dialect.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography)),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(figureTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(
			// Never html.WithUnsafe: raw HTML is omitted, and Problems
			// reports it.
			renderer.WithNodeRenderers(util.Prioritized(figureRenderer{Config: html.NewConfig()}, 100)),
		),
	)
	return &Converter{md: md}
}

// typography writes typographic punctuation as characters, not entities:
// the HTML stays readable and a little smaller.
var typography = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}

// Document is one converted post body.
type Document struct {
	HTML []byte // the corrected text, marks shown
	// Problems lists what the body must not contain, in source order.
	Problems []Problem
}

// Problem is something wrong at a byte offset of the Markdown source.
type Problem struct {
	Offset int
	Msg    string
}

// Convert parses src once and renders it.
func (c *Converter) Convert(src []byte) (*Document, error) {
	pc := parser.NewContext()
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := c.md.Renderer().Render(&buf, src, doc); err != nil {
		return nil, err
	}
	return &Document{HTML: buf.Bytes(), Problems: unsafeProblems(doc, src)}, nil
}

// unsafeProblems finds raw HTML and script-bearing links. goldmark already
// drops both from the page; reporting them stops an editor's text from
// vanishing without a word.
func unsafeProblems(doc ast.Node, src []byte) []Problem {
	var out []Problem
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			out = append(out, Problem{blockStart(n), "raw HTML is not published: write it in Markdown (a figure is a \"> [!figure]\" block)"})
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				out = append(out, Problem{n.Segments.At(0).Start, fmt.Sprintf("raw HTML %q is not published: write it in Markdown", firstLine(n.Text(src)))})
			}
		case *ast.Link:
			if p, bad := dangerous(n.Destination, n, src); bad {
				out = append(out, p)
			}
		case *ast.Image:
			if p, bad := dangerous(n.Destination, n, src); bad {
				out = append(out, p)
			}
		case *ast.AutoLink:
			if p, bad := dangerous(n.URL(src), n, src); bad {
				out = append(out, p)
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

func dangerous(dest []byte, n ast.Node, src []byte) (Problem, bool) {
	d := strings.ToLower(strings.TrimSpace(string(dest)))
	for _, scheme := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(d, scheme) {
			return Problem{inlineStart(n, src), fmt.Sprintf("link to %q is not published: %s links can run code or hide content; link to an http(s) page instead", firstLine(dest), strings.TrimSuffix(scheme, ":"))}, true
		}
	}
	return Problem{}, false
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

// blockStart is the offset of a block's first line.
func blockStart(n ast.Node) int {
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return 0
}

// inlineStart approximates where an inline node starts: at its first text,
// else at its paragraph. goldmark keeps no position for links themselves.
func inlineStart(n ast.Node, src []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			// The link text follows "[" (or "![").
			start := t.Segment.Start
			for start > 0 && src[start-1] != '[' {
				start--
			}
			if start > 0 {
				start--
				if start > 0 && src[start-1] == '!' {
					start--
				}
			}
			return start
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}
