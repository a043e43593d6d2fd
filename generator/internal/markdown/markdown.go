package markdown

import (
	"fmt"
	htmlentity "html"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"reprint/generator/internal/corrections"
)

// Converter turns post bodies into HTML. It is safe for concurrent use and
// meant to be made once per build: goldmark's parser and renderers are
// built once and shared by every page.
type Converter struct {
	md goldmark.Markdown
	// spaceless is md's parser without linkify at spaces and line starts,
	// for the posts where linkify can make no link there (see
	// spacelessDiffers): most posts, parsed a fifth faster.
	spaceless parser.Parser
	// original renders the same parsed document as first published: it
	// is md's renderer set with corrections' original renderer on top.
	original renderer.Renderer
}

// New returns the Converter with Reprint's Markdown dialect.
func New() *Converter {
	return &Converter{
		md:        newMarkdown(gfm),
		spaceless: newMarkdown(gfmSpaceless).Parser(),
		original:  newMarkdown(gfm, originalRenderer).Renderer(),
	}
}

// originalRenderer outranks the corrections extension's own renderer (a
// lower value registers last and wins).
var originalRenderer = util.Prioritized(corrections.NewOriginalRenderer(), 10)

// newMarkdown is goldmark set up for Reprint's dialect, with the GitHub
// extensions in gfm (gfm or gfmSpaceless) and extra renderers.
func newMarkdown(gfm []goldmark.Extender, extra ...util.PrioritizedValue) goldmark.Markdown {
	renderers := append([]util.PrioritizedValue{
		util.Prioritized(figureRenderer{Config: html.NewConfig()}, 100),
		util.Prioritized(linkRenderer{Config: html.NewConfig()}, 100),
	}, extra...)
	return goldmark.New(
		goldmark.WithExtensions(gfm...),
		goldmark.WithExtensions(
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography)),
			corrections.Extension,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(
				util.Prioritized(figureTransformer{}, 100),
			),
		),
		goldmark.WithRendererOptions(
			// Never html.WithUnsafe: raw HTML is omitted, and Problems
			// reports it.
			renderer.WithNodeRenderers(renderers...),
			html.WithWriter(textWriter{html.DefaultWriter}),
		),
	)
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

// Options are what a conversion needs to know about its post.
type Options struct {
	// Corrected is the date of the editorial marks, YYYY-MM-DD, written
	// into their datetime attributes ("" writes none).
	Corrected string
}

// Document is one converted post body.
type Document struct {
	HTML string // the corrected text, marks shown
	// OriginalHTML is the text as first published: every change reverted,
	// no marks. It is HTML itself when the body has no marks.
	OriginalHTML string
	// Marks are the editorial marks in document order.
	Marks []Mark
	// Problems lists what the body must not contain, in source order:
	// malformed editorial marks, raw HTML, script-bearing links.
	Problems []Problem
}

// Mark is an editorial mark as the site shows it.
type Mark struct {
	Number        int    // note number, 0 for a copy edit or plain highlight
	Correction    bool   // a change with a note
	Clarification bool   // a highlight with a note
	CopyEdit      bool   // a change without a note
	Deletion      bool   // only old text
	Addition      bool   // only new text
	Old, New      string // plain text of each side (a highlight's text is Old)
	NoteHTML      string // the note's inline Markdown as HTML
	NoteText      string // the note as plain text, for JSON-LD
	MarkID        string // anchor of the marked text
	NoteID        string // anchor of the note
}

// Problem is something wrong at a byte offset of the Markdown source.
type Problem struct {
	Offset int
	Msg    string
}

// Convert parses src once and renders it, corrected and (when it has
// marks) as originally published.
func (c *Converter) Convert(src []byte, opts Options) (*Document, error) {
	doc := c.parse(src, opts)
	var buf buffer
	buf.Grow(len(src) + len(src)/2)
	ends, err := renderBlocks(c.md.Renderer(), &buf, src, doc)
	if err != nil {
		return nil, err
	}
	html := buf.String()
	d := &Document{HTML: html, OriginalHTML: html}
	for _, p := range corrections.Check(doc, src) {
		d.Problems = append(d.Problems, Problem{p.Offset, p.Msg})
	}
	marks, unsafe := inspect(doc, src)
	d.Problems = append(d.Problems, unsafe...)
	slices.SortStableFunc(d.Problems, func(a, b Problem) int { return a.Offset - b.Offset })
	if len(marks) == 0 {
		return d, nil
	}
	if d.OriginalHTML, err = c.renderOriginal(d.HTML, ends, src, doc, marks); err != nil {
		return nil, err
	}
	d.Marks, err = c.marks(marks, src)
	return d, err
}

// parse parses src with the spaceless parser where that gives the same
// document as md's, and with md's otherwise.
func (c *Converter) parse(src []byte, opts Options) ast.Node {
	context := func() parser.Context {
		pc := parser.NewContext()
		if opts.Corrected != "" {
			pc.Set(corrections.DateKey, opts.Corrected)
		}
		return pc
	}
	if !spacelessDiffers(src) {
		pc := context()
		doc := c.spaceless.Parse(text.NewReader(src), parser.WithContext(pc))
		if pc.Get(linkifyMissed) == nil {
			return doc
		}
		// Rare: a bare URL right after a "(" that does not open a
		// Markdown link's URL, as in \[x](http://e.org/).
	}
	return c.md.Parser().Parse(text.NewReader(src), parser.WithContext(context()))
}

// renderBlocks renders doc's top-level blocks one by one into w, which
// gives what rendering doc writes (a document writes nothing itself), and
// returns where in w each block's HTML ends.
func renderBlocks(r renderer.Renderer, w *buffer, src []byte, doc ast.Node) ([]int, error) {
	ends := make([]int, 0, doc.ChildCount())
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		if err := r.Render(w, src, b); err != nil {
			return nil, err
		}
		ends = append(ends, w.Len())
	}
	return ends, nil
}

// renderOriginal renders doc as originally published. Only blocks with a
// mark in them read differently: the HTML of the others is copied from
// html, the corrected rendering, whose blocks end at ends. marks are doc's
// marks in document order.
func (c *Converter) renderOriginal(html string, ends []int, src []byte, doc ast.Node, marks []*corrections.Mark) (string, error) {
	var orig buffer
	orig.Grow(len(html))
	start := 0
	for i, b := 0, doc.FirstChild(); b != nil; i, b = i+1, b.NextSibling() {
		marked := false
		for len(marks) > 0 && topLevel(marks[0]) == b {
			marked = true
			marks = marks[1:]
		}
		if marked {
			if err := c.original.Render(&orig, src, b); err != nil {
				return "", err
			}
		} else {
			orig.WriteString(html[start:ends[i]])
		}
		start = ends[i]
	}
	return orig.String(), nil
}

// topLevel returns the top-level block that n is in: its ancestor that is
// a child of the document.
func topLevel(n ast.Node) ast.Node {
	for n.Parent() != nil && n.Parent().Kind() != ast.KindDocument {
		n = n.Parent()
	}
	return n
}

// marks converts the marks for the site, their notes rendered.
func (c *Converter) marks(marks []*corrections.Mark, src []byte) ([]Mark, error) {
	out := make([]Mark, len(marks))
	// Every note is rendered into one buffer, then sliced out of it: one
	// allocation for all the notes instead of one or more for each.
	var notes buffer
	notes.Grow(noteSourceLen(marks) * 3 / 2) // about the size of their HTML
	type span struct{ start, end int }
	spans := make([]span, len(marks))
	for i, m := range marks {
		out[i] = Mark{
			Number:        m.Number,
			Correction:    m.IsCorrection(),
			Clarification: m.IsClarification(),
			CopyEdit:      m.IsCopyEdit(),
			Deletion:      m.MarkKind == corrections.Deletion,
			Addition:      m.MarkKind == corrections.Addition,
			Old:           m.OldText(src),
			New:           m.NewText(src),
			NoteText:      m.NoteText(src),
			MarkID:        m.MarkID(),
			NoteID:        m.NoteID(),
		}
		start := notes.Len()
		if err := corrections.RenderNote(&notes, c.md.Renderer(), src, m); err != nil {
			return nil, err
		}
		spans[i] = span{start, notes.Len()}
	}
	all := notes.String()
	for i, s := range spans {
		out[i].NoteHTML = all[s.start:s.end]
	}
	return out, nil
}

// noteSourceLen is the length of the notes' Markdown.
func noteSourceLen(marks []*corrections.Mark) int {
	n := 0
	for _, m := range marks {
		if m.Note != nil {
			n += m.Note.Segment.Len()
		}
	}
	return n
}

// inspect walks doc once for what Convert needs besides the HTML: the
// editorial marks in document order (what corrections.Collect returns),
// and raw HTML and script-bearing links. goldmark already drops both from
// the page; reporting them stops an editor's text from vanishing without
// a word.
func inspect(doc ast.Node, src []byte) (marks []*corrections.Mark, unsafe []Problem) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *corrections.Mark:
			marks = append(marks, n)
		case *ast.HTMLBlock:
			unsafe = append(unsafe, Problem{blockStart(n), "raw HTML is not published: write it in Markdown (a figure is a \"> [!figure]\" block)"})
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				unsafe = append(unsafe, Problem{n.Segments.At(0).Start, fmt.Sprintf("raw HTML %q is not published: write it in Markdown", firstLine(n.Text(src)))})
			}
		case *ast.Link:
			if p, bad := dangerous(n.Destination, n, src); bad {
				unsafe = append(unsafe, p)
			}
		case *ast.Image:
			if p, bad := dangerous(n.Destination, n, src); bad {
				unsafe = append(unsafe, p)
			}
		case *ast.AutoLink:
			if p, bad := dangerous(n.URL(src), n, src); bad {
				unsafe = append(unsafe, p)
			}
		}
		return ast.WalkContinue, nil
	})
	return marks, unsafe
}

func dangerous(dest []byte, n ast.Node, src []byte) (Problem, bool) {
	if !mayRunCode(dest) {
		return Problem{}, false
	}
	// Look at the URL as a browser will: entities decoded ("java&#115;cript:"),
	// and spaces, tabs, newlines and control characters gone, since
	// browsers drop them from a URL's scheme.
	d := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, htmlentity.UnescapeString(string(dest))))
	for _, scheme := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(d, scheme) {
			return Problem{inlineStart(n, src), fmt.Sprintf("link to %q is not published: %s links can run code or hide content; link to an http(s) page instead", firstLine(dest), strings.TrimSuffix(scheme, ":"))}, true
		}
	}
	return Problem{}, false
}

// mayRunCode is a quick test for dangerous: whether dest, after the
// spaces and control characters that browsers ignore, starts with an
// entity (which may decode to anything) or with the first letter, in
// either case, of a scheme dangerous refuses. Most links start otherwise
// ("https:", "#", "/") and need no decoded copy to be found safe.
func mayRunCode(dest []byte) bool {
	for _, b := range dest {
		switch {
		case b <= ' ' || b == 0x7f:
			continue // dropped by browsers, and by dangerous
		case b == '&':
			return true
		}
		switch b | 0x20 { // ASCII lower case
		case 'j', 'v', 'd', 'f':
			return true
		}
		return false
	}
	return false
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
