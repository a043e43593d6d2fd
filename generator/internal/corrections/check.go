package corrections

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Problem is a mistake in the editorial markup of a document.
type Problem struct {
	// Offset is the byte offset in the source of the offending text; the
	// caller maps it to line and column.
	Offset int

	// Msg says what is wrong and what would be right, lowercase, without a
	// final period: `unclosed substitution "{~~": close it with "~~}"`.
	Msg string
}

// Check reports the markup mistakes in doc, a document parsed from source
// with [Extension], sorted by offset.
//
// The parser never fails: a mark it cannot make stays literal text, which
// is also what the reader would see. Check finds those leftovers, the
// openers, closers and "~>" still in the text, and says why each did not
// make a mark, re-reading them with the parser's rules: unclosed marks,
// closers without an opener, marks that span paragraphs, overlap or nest,
// empty marks and empty sides, a substitution without "~>" (or "~>" outside
// one), a comment attached to nothing, a second note on one mark, a mark
// across a link boundary, a mark in an image's alt text, a note whose link
// broke the link text around it. Text in code spans,
// code blocks, raw HTML and autolinks is never markup; an opener escaped as
// "\{" is literal, and so is the closer that matches it.
func Check(doc ast.Node, source []byte) []Problem {
	c := &checker{doc: doc, source: source,
		// Room for a paragraph of a few marks, so that the lists do
		// not have to grow there first.
		items: make([]token, 0, 32), toks: make([]token, 0, 32)}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if n.IsRaw() {
			return ast.WalkSkipChildren, nil
		}
		if f := n.FirstChild(); f != nil && f.Type() == ast.TypeInline {
			c.block(n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	c.resolve()
	slices.SortStableFunc(c.problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.Msg, b.Msg))
	})
	return c.problems
}

type checker struct {
	doc      ast.Node
	source   []byte
	lines    []int // offsets of line starts, computed when first needed
	problems []Problem
	// The end offsets of notes and marks, found when first needed (see
	// ends): only a misplaced comment asks, so a well-formed document is
	// never walked for them.
	noteAt map[int]bool
	markAt map[int]*Mark

	blockNo  int
	unclosed []entry // openers never closed, from all blocks
	closers  []token // closers that matched no opener, from all blocks

	// Scratch space for block, reused from one block to the next: a
	// document has many blocks, and their lists are garbage once read.
	items, toks []token
	stack       []entry
}

// ends fills noteAt and markAt, once.
func (c *checker) ends() {
	if c.markAt != nil {
		return
	}
	c.noteAt, c.markAt = map[int]bool{}, map[int]*Mark{}
	_ = ast.Walk(c.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *Mark:
				c.markAt[n.Segment.Stop] = n
			case *Note:
				c.noteAt[n.Segment.Stop] = true
			}
		}
		return ast.WalkContinue, nil
	})
}

// line returns the 1-based line number of offset off.
func (c *checker) line(off int) int {
	if c.lines == nil {
		c.lines = []int{0}
		for i, b := range c.source {
			if b == '\n' {
				c.lines = append(c.lines, i+1)
			}
		}
	}
	n, found := slices.BinarySearch(c.lines, off)
	if found {
		return n + 1
	}
	return n
}

func (c *checker) report(off int, format string, args ...any) {
	c.problems = append(c.problems, Problem{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

type tokenType int

const (
	tText tokenType = iota // a text segment, before scanning
	tOpen
	tLiteralOpen // an escaped opener, "\{++"
	tClose
	tSep
	tScopeStart // a Mark's or Note's content begins
	tScopeEnd
)

type token struct {
	typ   tokenType
	kind  Kind
	off   int
	seg   text.Segment // for tText
	link  ast.Node     // innermost link or image around it
	block int
	mark  *Mark // for tScopeStart of a mark
}

// block checks one block of inline content: a paragraph, heading, table
// cell. Marks never span blocks, so each is read on its own; what is left
// open or unmatched is resolved across blocks at the end.
func (c *checker) block(b ast.Node) {
	c.blockNo++
	items := c.items[:0]
	c.collect(b, nil, false, &items)
	c.items = items
	c.toks = c.tokens(items, c.toks[:0])
	st := c.stack[:0]
	for _, t := range c.toks {
		st = c.step(st, t)
	}
	for _, e := range st {
		if !e.scope && !e.literal {
			c.unclosed = append(c.unclosed, e)
		}
	}
	c.stack = st
}

// collect lists b's text segments and mark boundaries in document order.
func (c *checker) collect(b, link ast.Node, inImage bool, out *[]token) {
	for n := b.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			if !n.IsRaw() {
				*out = append(*out, token{typ: tText, seg: n.Segment, link: link})
			}
		case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink:
			// code and URLs: nothing in them is markup
		case *Mark:
			if inImage {
				c.report(n.Segment.Start, "%s inside an image description: alt text cannot show a mark; move the mark out of \"![…]\"", n.MarkKind)
			}
			*out = append(*out, token{typ: tScopeStart, kind: n.MarkKind, off: n.Segment.Start, mark: n, link: link})
			c.collect(n, link, inImage, out)
			*out = append(*out, token{typ: tScopeEnd})
		case *Note:
			if brokeLink(n, c.source) {
				c.report(n.Segment.Start, `note with a link inside link text: links cannot nest, so the surrounding link is lost; move the mark out of the link text, or the link out of the note`)
			}
			*out = append(*out, token{typ: tScopeStart, kind: comment, off: n.Segment.Start, link: link})
			c.collect(n, link, inImage, out)
			*out = append(*out, token{typ: tScopeEnd})
		case *ast.Link:
			c.collect(n, n, inImage, out)
		case *ast.Image:
			c.collect(n, n, true, out)
		default:
			c.collect(n, link, inImage, out)
		}
	}
}

// brokeLink reports whether n, a note with a link in it, is followed by
// the "](" or "][" of a link whose text it was meant to be in: the link
// parser refuses link text that contains a link (not an autolink),
// however deeply nested.
func brokeLink(n *Note, source []byte) bool {
	next, ok := n.NextSibling().(*ast.Text)
	if !ok || !containsLink(n) {
		return false
	}
	v := next.Segment.Value(source)
	return len(v) >= 2 && v[0] == ']' && (v[1] == '(' || v[1] == '[')
}

func containsLink(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindLink || containsLink(c) {
			return true
		}
	}
	return false
}

// tokens appends to out the tokens of items, with the text segments
// replaced by the markup tokens in them. Adjacent segments are read as one,
// since the parser may have split the text at any punctuation it tried.
func (c *checker) tokens(items, out []token) []token {
	for i := 0; i < len(items); {
		t := items[i]
		if t.typ != tText {
			t.block = c.blockNo
			out = append(out, t)
			i++
			continue
		}
		start, stop := t.seg.Start, t.seg.Stop
		for i++; i < len(items) && items[i].typ == tText && items[i].seg.Start == stop && items[i].link == t.link; i++ {
			stop = items[i].seg.Stop
		}
		out = c.scan(out, start, stop, t.link)
	}
	return out
}

// scan appends the tokens in source[start:stop], which is plain text. Every
// position is tried, as the parser tries every punctuation character.
func (c *checker) scan(out []token, start, stop int, link ast.Node) []token {
	s := c.source[:stop]
	add := func(typ tokenType, k Kind, off int) {
		out = append(out, token{typ: typ, kind: k, off: off, link: link, block: c.blockNo})
	}
	for p := start; p < stop; {
		// Skip to the next byte that can begin a token: '{' (opener),
		// '\\' (escape), '~' ("~>") or two before a '}' (closer).
		// Most text has none of them.
		k := indexScanStop(s[p:stop])
		if k < 0 {
			break
		}
		if s[p+k] == '}' {
			k = max(k-2, 0)
		}
		p += k
		if s[p] == '\\' && p+1 < stop && util.IsPunct(s[p+1]) {
			if k, ok := openerAt(s[p+1:]); ok {
				add(tLiteralOpen, k, p+1)
				p += 4
			} else {
				p += 2
			}
			continue
		}
		if k, ok := openerAt(s[p:]); ok {
			add(tOpen, k, p)
			p += 3
			continue
		}
		if k, ok := closerAt(s[p:]); ok {
			add(tClose, k, p)
			p += 3
			continue
		}
		if p+1 < stop && s[p] == '~' && s[p+1] == '>' {
			add(tSep, Substitution, p)
			p += 2
			continue
		}
		p++
	}
	return out
}

// scanStops are the bytes scan looks at: '{' (opener), '}' (closer),
// '~' ("~>") and '\\' (escape).
var scanStops = [256]bool{'{': true, '}': true, '~': true, '\\': true}

// indexScanStop is bytes.IndexAny(b, "{}~\\") without building the byte
// set anew on every call, which cost more than the search in short texts.
func indexScanStop(b []byte) int {
	for i, x := range b {
		if scanStops[x] {
			return i
		}
	}
	return -1
}

// An entry is an opener waiting for its closer, or the start of a mark's or
// note's content (scope), which closers inside it cannot reach past.
type entry struct {
	token
	scope     bool
	literal   bool
	seps      []token
	inner     *token // the first mark or note found inside
	innerOpen bool   // an opener inside was never closed
}

func (c *checker) step(st []entry, t token) []entry {
	// innermost returns the index of the innermost open (non-literal)
	// entry in the current scope, or -1.
	innermost := func() int {
		for i := len(st) - 1; i >= 0 && !st[i].scope; i-- {
			if !st[i].literal {
				return i
			}
		}
		return -1
	}
	switch t.typ {
	case tOpen, tLiteralOpen:
		st = append(st, entry{token: t, literal: t.typ == tLiteralOpen})
	case tScopeStart:
		if i := innermost(); i >= 0 && st[i].inner == nil {
			inner := t // a copy, so that t itself need not escape
			st[i].inner = &inner
		}
		st = append(st, entry{token: t, scope: true})
	case tScopeEnd:
		for len(st) > 0 {
			e := st[len(st)-1]
			st = st[:len(st)-1]
			if e.scope {
				break
			}
			if !e.literal {
				c.unclosed = append(c.unclosed, e)
			}
		}
	case tSep:
		if len(st) > 0 && !st[len(st)-1].scope {
			top := &st[len(st)-1]
			switch {
			case top.literal:
			case top.kind == Substitution:
				top.seps = append(top.seps, t)
			default:
				c.sepOutside(t.off)
			}
			break
		}
		if i := len(st) - 1; i >= 0 && st[i].mark != nil && st[i].mark.MarkKind == Substitution {
			c.report(t.off, `second "~>" in one substitution: write exactly one, as in "{~~old~>new~~}", and escape a literal one as "\~>"`)
		} else {
			c.sepOutside(t.off)
		}
	case tClose:
		match := -1
		for i := len(st) - 1; i >= 0 && !st[i].scope; i-- {
			if st[i].kind == t.kind {
				match = i
				break
			}
		}
		if match < 0 {
			c.closers = append(c.closers, t)
			break
		}
		// Openers inside it still open overlap it: the parser drops them
		// all. Whether one is closed later is for resolve to find.
		for _, e := range st[match+1:] {
			if !e.literal {
				c.unclosed = append(c.unclosed, e)
				st[match].innerOpen = true
			}
		}
		e := st[match]
		st = st[:match]
		if !e.literal {
			c.pair(e, t)
		}
	}
	return st
}

func (c *checker) sepOutside(off int) {
	c.report(off, `"~>" outside a substitution: it separates old from new text only inside "{~~old~>new~~}"; write "\~>" for a literal "~>"`)
}

func (c *checker) unclosedMsg(e entry) {
	c.report(e.off, `unclosed %s "%s": close it with "%s"`, e.kind, syntax[e.kind].open, syntax[e.kind].close)
}

// pair explains why the parser did not make a mark of an opener and the
// closer that matches it.
func (c *checker) pair(e entry, cl token) {
	k, open := e.kind, syntax[e.kind].open
	switch {
	case e.innerOpen:
		return // the opener inside it is the problem, and is reported
	case e.inner != nil:
		c.report(e.inner.off, `%s "%s" is nested inside %s "%s": marks cannot nest; end the %s before the %s starts, or make them one mark`,
			e.inner.kind, syntax[e.inner.kind].open, k, open, k, e.inner.kind)
		return
	case cl.link != e.link || slices.ContainsFunc(e.seps, func(s token) bool { return s.link != e.link }):
		c.overlapsLink(e)
		return
	}
	reported := false
	switch {
	case k == Substitution && len(e.seps) == 0:
		c.report(e.off, `substitution "{~~" has no "~>": write it as "{~~old~>new~~}"`)
		return
	case k == Substitution:
		sep := e.seps[0]
		if sep.off == e.off+3 {
			c.report(e.off, `substitution "{~~~>" has no old text: put the published text between "{~~" and "~>" (to add text, use "{++new++}")`)
			reported = true
		}
		if cl.off == sep.off+2 {
			c.report(sep.off, `substitution has no new text after "~>": put the corrected text between "~>" and "~~}" (to delete text, use "{--old--}")`)
			reported = true
		}
		for _, s := range e.seps[1:] {
			c.report(s.off, `second "~>" in one substitution: write exactly one, as in "{~~old~>new~~}", and escape a literal one as "\~>"`)
			reported = true
		}
	case cl.off == e.off+3:
		what := map[Kind]string{Deletion: "deleted text", Addition: "added text", Highlight: "highlighted text", comment: "note"}[k]
		c.report(e.off, `empty %s "%s%s": put the %s between "%s" and "%s", or remove it`, k, open, syntax[k].close, what, open, syntax[k].close)
		return
	case k == comment && c.noteAfterNote(e.off):
		c.report(e.off, `second note on one mark: a mark takes one note; merge this "{>>…<<}" into the first`)
		return
	case k == comment && c.markEndingAt(e.off) == nil:
		c.report(e.off, `comment "{>>" is attached to nothing: write it directly after a change or highlight, with no space between, as in "{~~old~>new~~}{>>note<<}"`)
		return
	}
	if !reported {
		// Nothing else is wrong, so an unclosed "[" lies between: the
		// parser will not take half a link into a mark.
		c.overlapsLink(e)
	}
}

// noteAfterNote reports whether a note ends at off, where a comment starts.
func (c *checker) noteAfterNote(off int) bool {
	c.ends()
	return c.noteAt[off]
}

// markEndingAt returns the mark that ends at off, nil if none does.
func (c *checker) markEndingAt(off int) *Mark {
	c.ends()
	return c.markAt[off]
}

func (c *checker) overlapsLink(e entry) {
	c.report(e.off, `%s "%s" overlaps a link: a mark must contain a whole link or lie inside its text; escape a literal "[" as "\["`,
		e.kind, syntax[e.kind].open)
}

// resolve reports the openers left open and the closers left unmatched.
// Each opener, in source order, takes the first closer of its kind after it
// that no earlier opener took: if that closer is in the opener's own block,
// the two overlap another mark; if in a later block, the mark spans
// paragraphs.
func (c *checker) resolve() {
	slices.SortStableFunc(c.unclosed, func(a, b entry) int { return cmp.Compare(a.off, b.off) })
	slices.SortStableFunc(c.closers, func(a, b token) int { return cmp.Compare(a.off, b.off) })
	byKind := map[Kind][]int{} // indexes into c.closers
	for i, t := range c.closers {
		byKind[t.kind] = append(byKind[t.kind], i)
	}
	claimed := make([]bool, len(c.closers))
	for _, e := range c.unclosed {
		// Openers come in source order, so closers before this one can be
		// dropped from the queue for good.
		q := byKind[e.kind]
		for len(q) > 0 && c.closers[q[0]].off < e.off {
			q = q[1:]
		}
		if len(q) == 0 {
			byKind[e.kind] = q
			c.unclosedMsg(e)
			continue
		}
		i := q[0]
		byKind[e.kind] = q[1:]
		claimed[i] = true
		cl, open, close := c.closers[i], syntax[e.kind].open, syntax[e.kind].close
		if cl.block == e.block {
			c.report(e.off, `%s "%s" overlaps another mark before its "%s": marks cannot overlap or nest; close one before the other starts`, e.kind, open, close)
			continue
		}
		// The distance, not the line: the caller maps offsets to lines
		// of its own file, which this source may be only a part of.
		c.report(e.off, `%s "%s" spans paragraphs (its "%s" is %s further down): a mark must end in the paragraph it starts in; close it before the blank line and mark the next paragraph separately`,
			e.kind, open, close, linesLater(c.line(cl.off)-c.line(e.off)))
	}
	for i, t := range c.closers {
		if !claimed[i] {
			open, close := syntax[t.kind].open, syntax[t.kind].close
			c.report(t.off, `closing "%s" without an opening "%s": add the opener where the %s starts, or write "%s\}" for literal text`,
				close, open, t.kind, close[:2])
		}
	}
}

func linesLater(n int) string {
	if n == 1 {
		return "1 line"
	}
	return fmt.Sprintf("%d lines", n)
}
