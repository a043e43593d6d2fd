package corrections

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// The renderers read no html.Config options: they write fixed tags and
// attributes around children that goldmark's own renderer writes (and
// escapes), so unlike strikethrough's renderer they embed no html.Config.

// NewHTMLRenderer returns the renderer for the corrected page; [Extension]
// registers it. The shapes (D is the corrections date, N the note number):
//
//	correction    <span id="cm-N"><del datetime="D" cite="#cn-N"><span class="sr-only">originally: </span>OLD</del> <ins datetime="D" cite="#cn-N"><span class="sr-only">corrected to: </span>NEW</ins><sup><a href="#cn-N"><span class="sr-only">note </span>N</a></sup></span>
//	              (a deletion has only the <del>, hidden text "deleted: "; an addition only the <ins>, "added: ")
//	clarification <span id="cm-N"><mark>TEXT</mark><sup>…</sup></span>
//	copy edit     <ins class="copy-edit" datetime="D">NEW</ins>   (a deleting copy edit writes nothing)
//	highlight     <mark>TEXT</mark>
//
// Inside link text the marker is not a link (links do not nest):
// <sup><span class="sr-only">note </span>N</sup>.
//
// <del> and <ins> are not announced by most screen readers, hence the
// visually hidden words; the site's CSS must define .sr-only and
// must tell struck from inserted text by more than colour. datetime is
// omitted when the date is unset. Notes write nothing where they stand.
func NewHTMLRenderer() renderer.NodeRenderer { return htmlRenderer{} }

type htmlRenderer struct{}

var _ renderer.NodeRenderer = htmlRenderer{}

func (r htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMark, r.renderMark)
	reg.Register(KindSide, r.renderSide)
	reg.Register(KindNote, skip)
	registerTransient(reg)
}

var hidden = map[Kind][2]string{ // hidden words before the old and new side
	Substitution: {"originally: ", "corrected to: "},
	Deletion:     {"deleted: ", ""},
	Addition:     {"", "added: "},
}

func (htmlRenderer) renderMark(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	m := n.(*Mark)
	switch {
	case m.Note != nil:
		if entering {
			// The span is the target of the note's "back to the text"
			// link; it carries no class, to keep the page within one
			// round trip (see the weight budget in README.md).
			_, _ = w.WriteString(`<span id="` + markIDPrefix)
			writeInt(w, m.Number)
			_, _ = w.WriteString(`">`)
			if !m.IsChange() {
				_, _ = w.WriteString("<mark>")
			}
			return ast.WalkContinue, nil
		}
		if !m.IsChange() {
			_, _ = w.WriteString("</mark>")
		}
		if insideLink(m) {
			// A link may not contain a link: the marker is plain text, and
			// the note's entry still links back here.
			_, _ = w.WriteString(`<sup><span class="sr-only">note </span>`)
			writeInt(w, m.Number)
			_, _ = w.WriteString(`</sup></span>`)
			break
		}
		_, _ = w.WriteString(`<sup><a href="#` + noteIDPrefix)
		writeInt(w, m.Number)
		_, _ = w.WriteString(`"><span class="sr-only">note </span>`)
		writeInt(w, m.Number)
		_, _ = w.WriteString(`</a></sup></span>`)
	case !m.IsChange():
		if entering {
			_, _ = w.WriteString("<mark>")
		} else {
			_, _ = w.WriteString("</mark>")
		}
	}
	// A copy edit has no wrapper of its own: its sides render (or not).
	return ast.WalkContinue, nil
}

func (htmlRenderer) renderSide(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	s := n.(*Side)
	m, ok := s.Parent().(*Mark)
	if !ok {
		return ast.WalkContinue, nil
	}
	tag := "ins"
	if s.Old {
		tag = "del"
	}
	if m.Note == nil && s.Old {
		// A copy edit shows only the corrected text. (Walk calls us on
		// exit even after WalkSkipChildren, so this comes first.)
		return ast.WalkSkipChildren, nil
	}
	if !entering {
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if m.Note == nil {
		_, _ = w.WriteString(`<ins class="copy-edit"`)
		writeDate(w, m)
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if !s.Old && s.PreviousSibling() != nil {
		_ = w.WriteByte(' ') // between the <del> and the <ins> of a substitution
	}
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	writeDate(w, m)
	_, _ = w.WriteString(` cite="#` + noteIDPrefix)
	writeInt(w, m.Number)
	_, _ = w.WriteString(`"><span class="sr-only">`)
	words := hidden[m.MarkKind]
	if s.Old {
		_, _ = w.WriteString(words[0])
	} else {
		_, _ = w.WriteString(words[1])
	}
	_, _ = w.WriteString("</span>")
	return ast.WalkContinue, nil
}

func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

func writeDate(w util.BufWriter, m *Mark) {
	if m.Date != "" {
		_, _ = w.WriteString(` datetime="`)
		writeEscaped(w, m.Date)
		_ = w.WriteByte('"')
	}
}

// writeInt writes n in decimal. The renderers write a tag in pieces:
// building it as one string first cost an allocation per mark and side.
func writeInt(w util.BufWriter, n int) {
	_, _ = w.WriteString(strconv.Itoa(n)) // small numbers need no allocation
}

// writeEscaped writes s escaped as util.EscapeHTML escapes it, without
// first copying s into a byte slice.
func writeEscaped(w util.BufWriter, s string) {
	for i := 0; i < len(s); i++ {
		if e := util.EscapeHTMLByte(s[i]); e != nil {
			_, _ = w.Write(e)
		} else {
			_ = w.WriteByte(s[i])
		}
	}
}

// NewOriginalRenderer returns the renderer for the text as originally
// published: a substitution as its old side, a deletion and a highlight as
// their plain text, additions and notes as nothing; no wrappers, no
// markers. It takes the place of [NewHTMLRenderer] in a second renderer
// that renders the same parsed document (see the package example): give it
// a priority value below 500, the one [Extension] gives the corrected
// renderer, so that its functions win where both are registered.
func NewOriginalRenderer() renderer.NodeRenderer { return originalRenderer{} }

type originalRenderer struct{}

var _ renderer.NodeRenderer = originalRenderer{}

func (originalRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMark, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
	reg.Register(KindSide, func(_ util.BufWriter, _ []byte, n ast.Node, _ bool) (ast.WalkStatus, error) {
		if n.(*Side).Old {
			return ast.WalkContinue, nil
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindNote, skip)
	registerTransient(reg)
}

func skip(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// registerTransient gives the parse-time placeholder nodes a renderer that
// writes their source text. They never survive parsing, but should a bug
// leave one in the tree, the reader sees the literal markup instead of the
// renderer failing on an unknown node kind.
func registerTransient(reg renderer.NodeRendererFuncRegisterer) {
	literal := func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *opening:
				_, _ = w.Write(util.EscapeHTML(n.seg.Value(source)))
			case *separator:
				_, _ = w.Write(util.EscapeHTML(n.seg.Value(source)))
			}
		}
		return ast.WalkContinue, nil
	}
	reg.Register(kindOpening, literal)
	reg.Register(kindSeparator, literal)
}

// RenderNote writes the inline content of m's editor's note as HTML (links,
// emphasis and code as in the text, no marker), for the "Corrections and
// clarifications" section the site template builds. r is the renderer of
// the goldmark instance that parsed the document. It writes nothing if m
// has no note.
func RenderNote(w io.Writer, r renderer.Renderer, source []byte, m *Mark) error {
	if m.Note == nil {
		return nil
	}
	// r.Render wraps a writer that is not a util.BufWriter in a new
	// bufio.Writer each time; wrap it once here for all the children.
	bw, ok := w.(util.BufWriter)
	if !ok {
		bw = bufio.NewWriter(w)
	}
	for c := m.Note.FirstChild(); c != nil; c = c.NextSibling() {
		if err := r.Render(bw, source, c); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// plainText returns the text of n's descendants without markup: escapes and
// entity references resolved, line breaks as spaces, code as written,
// links as their text, raw HTML dropped. size is the length of n's source,
// about the length of the text: the text is built without growing.
func plainText(n ast.Node, source []byte, size int) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	b.Grow(size)
	writePlain(&b, n, source)
	return b.String()
}

func writePlain(b *strings.Builder, n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(source)
			if c.IsRaw() {
				b.WriteString(strings.ReplaceAll(string(v), "\n", " "))
			} else {
				b.Write(unescape(v))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				b.Write(c.Value)
			} else {
				b.Write(unescape(c.Value))
			}
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *ast.RawHTML, *Note:
		default:
			writePlain(b, c, source)
		}
	}
}

// unescape resolves backslash escapes and entity references the way
// goldmark's HTML writer does, but yields plain text.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v // most text has neither: nothing to resolve, nothing to copy
	}
	var out []byte
	start := 0
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]) {
			out = append(out, resolve(v[start:i])...)
			out = append(out, v[i+1])
			i++
			start = i + 1
		}
	}
	return append(out, resolve(v[start:])...)
}

func resolve(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(v))
}
