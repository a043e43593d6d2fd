package corrections

import (
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// DateKey is the parser.Context key for the corrections date. Set it before
// parsing and every mark records it, so the renderer can write it into the
// datetime attribute of <del> and <ins>:
//
//	pc := parser.NewContext()
//	pc.Set(corrections.DateKey, "2026-11-26")
//	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
//
// The value is a "YYYY-MM-DD" string or a time.Time (its date is used).
// Unset, marks have no Date and no datetime attribute is written.
var DateKey = parser.NewContextKey()

// parserPriority is the priority of both inline parsers. Priorities only
// order parsers that share a trigger byte (util.PrioritizedSlice.Sort runs
// lower values first), so the value is chosen against those neighbours:
//
//   - '~' is shared with GFM strikethrough (500) and linkify (999). We must
//     see "~>" and "~~}" first, or strikethrough would take the tildes as its
//     own delimiter.
//   - '<' is shared with autolinks (300), raw HTML (400) and typographer
//     (9999). "<<}" can be neither an autolink nor HTML, and checking three
//     bytes first costs nothing.
//   - '-' and '<' are typographer's dashes and guillemets (9999): "--}" and
//     "<<}" must stay ours.
//   - '{', '+' and '=' trigger nothing else in goldmark.
//
// Anything below 300 works; 190 also keeps us ahead of every built-in on
// these bytes should one be added at the usual round numbers. Code spans
// (100, on '`') need no ordering: the inline parser consumes a code span
// whole when it reaches its opening backtick, so marks never start or end
// inside one.
const parserPriority = 190

// stackKey holds the *stack of unclosed openers of the block being parsed.
var stackKey = parser.NewContextKey()

// An opening is an opener ("{~~", "{--", "{++", "{==", "{>>") waiting for its
// closer. Like goldmark's link label state it sits in the tree where it was
// found, so that the closer can move the siblings after it into the mark.
// It never survives parsing: a closer replaces it with a Mark or Note, or
// CloseBlock turns it back into literal text.
type opening struct {
	ast.BaseInline
	kind Kind
	seg  text.Segment // the three opener bytes

	// bottom is the last emphasis delimiter before the opener (nil if none).
	// Emphasis inside the mark is resolved down to it and no further, so an
	// asterisk inside a mark never pairs with one outside (like links).
	bottom *parser.Delimiter

	// sep is the "~>" of a substitution, once seen.
	sep *separator

	// made is stack.made when the opener was pushed: if a mark is made
	// before this one closes, it lies inside this one.
	made int

	// literal is set for an escaped opener ("\{++"). It is not in the tree
	// and makes no mark, but the closer that matches it is literal too.
	literal bool
}

var kindOpening = ast.NewNodeKind("CorrectionOpening")

func (o *opening) Kind() ast.NodeKind { return kindOpening }
func (o *opening) Dump(source []byte, level int) {
	ast.DumpHelper(o, source, level, map[string]string{"Text": string(o.seg.Value(source))}, nil)
}

// A separator is the "~>" of an open substitution: the old side is the
// siblings between the opening and it, the new side the siblings after it.
type separator struct {
	ast.BaseInline
	seg text.Segment
}

var kindSeparator = ast.NewNodeKind("CorrectionSeparator")

func (s *separator) Kind() ast.NodeKind { return kindSeparator }
func (s *separator) Dump(source []byte, level int) {
	ast.DumpHelper(s, source, level, map[string]string{"Text": string(s.seg.Value(source))}, nil)
}

type stack struct {
	open []*opening
	made int // marks and notes made so far in this block
}

func stackOf(pc parser.Context) *stack {
	return pc.ComputeIfAbsent(stackKey, func() any { return &stack{} }).(*stack)
}

func (s *stack) top() *opening {
	if len(s.open) == 0 {
		return nil
	}
	return s.open[len(s.open)-1]
}

func (s *stack) pop() { s.open = s.open[:len(s.open)-1] }

// find returns the index of the innermost opener of kind k, or -1.
func (s *stack) find(k Kind) int {
	for i := len(s.open) - 1; i >= 0; i-- {
		if s.open[i].kind == k {
			return i
		}
	}
	return -1
}

func (s *stack) has(k Kind) bool { return s.find(k) >= 0 }

// abandon turns an opening (and its separator) back into literal text.
func abandon(o *opening) {
	if o.literal {
		return
	}
	if p := o.Parent(); p != nil {
		ast.MergeOrReplaceTextSegment(p, o, o.seg)
	}
	if s := o.sep; s != nil {
		if p := s.Parent(); p != nil {
			ast.MergeOrReplaceTextSegment(p, s, s.seg)
		}
	}
}

func kindAt(line []byte, spellings func(Kind) string) (Kind, bool) {
	if len(line) < 3 {
		return 0, false
	}
	for k := Substitution; k <= comment; k++ {
		if string(line[:3]) == spellings(k) {
			return k, true
		}
	}
	return 0, false
}

// openerAt and closerAt first test the one byte every spelling shares, so
// that Check, which tries every position of a text, stays cheap.
func openerAt(line []byte) (Kind, bool) {
	if len(line) < 3 || line[0] != '{' {
		return 0, false
	}
	return kindAt(line, func(k Kind) string { return syntax[k].open })
}

func closerAt(line []byte) (Kind, bool) {
	if len(line) < 3 || line[2] != '}' {
		return 0, false
	}
	return kindAt(line, func(k Kind) string { return syntax[k].close })
}

type openParser struct{}

var (
	_ parser.InlineParser = openParser{}
	_ parser.CloseBlocker = openParser{}
	_ parser.InlineParser = closeParser{}
)

// NewOpenParser returns the inline parser for mark openers: "{~~", "{--",
// "{++", "{==" and "{>>". An opener always parses (it is only a placeholder
// until its closer comes); an unclosed one reverts to literal text when the
// block ends. An escaped brace ("\{++") never reaches it: goldmark does not
// trigger inline parsers on escaped punctuation.
func NewOpenParser() parser.InlineParser { return openParser{} }

func (openParser) Trigger() []byte { return []byte{'{'} }

func (openParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	k, ok := openerAt(line)
	if !ok {
		return nil
	}
	s := stackOf(pc)
	o := &opening{kind: k, seg: seg.WithStop(seg.Start + 3), bottom: pc.LastDelimiter(), made: s.made}
	o.SetPos(seg.Start)
	s.open = append(s.open, o)
	block.Advance(3)
	return o
}

// CloseBlock reverts the block's unclosed openers to literal text. This is
// what keeps marks inside one paragraph: the stack starts empty in the next.
func (openParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if s, ok := pc.Get(stackKey).(*stack); ok {
		for _, o := range s.open {
			abandon(o)
		}
	}
	pc.Set(stackKey, nil)
}

type closeParser struct{}

// NewCloseParser returns the inline parser for mark closers ("~~}", "--}",
// "++}", "==}", "<<}"), the substitution separator "~>", and escaped
// openers.
//
// A closer matches the innermost open mark of its kind. Any mark opened
// after that one and still open overlaps it: both revert to literal text.
// Otherwise the closer makes a mark if, and only if, the mark is well
// formed:
//
//   - opener and closer are in the same run of inline text (not one inside
//     link text and the other outside, and no unclosed "[" between);
//   - no other mark or note lies between them (marks do not nest);
//   - the content is not empty; a substitution has one "~>" with text on
//     both sides of it;
//   - a comment directly follows (no space between) a mark that has no note
//     yet; it then becomes that mark's Note.
//
// Otherwise opener and closer stay literal text, for [Check] to explain.
//
// While a mark of the closer's kind is open, a closer that makes no mark
// (and "~>" while a substitution is open) is taken as literal text, so that
// strikethrough or typographer cannot eat its characters. With no such mark
// open, "x++", "a -- b", "~>" and "<<" are left entirely to other parsers.
//
// An escaped opener ("\{~~") is pushed as a literal opener: its "~>" and
// closer stay text too, instead of becoming strikethrough.
func NewCloseParser() parser.InlineParser { return closeParser{} }

func (closeParser) Trigger() []byte { return []byte{'~', '-', '+', '=', '<', '>'} }

func (closeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if k, ok := escapedOpener(block.Source(), seg.Start); ok {
		s := stackOf(pc)
		s.open = append(s.open, &opening{kind: k, literal: true, seg: seg.WithStop(seg.Start + 2)})
		block.Advance(2)
		return ast.NewTextSegment(seg.WithStop(seg.Start + 2))
	}
	s, _ := pc.Get(stackKey).(*stack)
	if s == nil || len(s.open) == 0 {
		return nil // nothing open: ordinary text
	}
	if line[0] == '~' {
		if n := parseTilde(parent, block, pc, s, line, seg); n != nil {
			return n
		}
	}
	k, ok := closerAt(line)
	if !ok {
		return nil
	}
	i := s.find(k)
	if i < 0 {
		return nil
	}
	closer := seg.WithStop(seg.Start + 3)
	block.Advance(3)
	match, overlapped := s.open[i], false
	for _, o := range s.open[i+1:] {
		overlapped = overlapped || !o.literal
		abandon(o)
	}
	s.open = s.open[:i]
	if match.literal {
		return ast.NewTextSegment(closer)
	}
	if overlapped || s.made != match.made || !wellFormed(parent, match, closer) {
		abandon(match)
		return ast.NewTextSegment(closer)
	}
	s.made++
	if k == comment {
		return closeNote(parent, pc, match, closer)
	}
	return closeMark(parent, pc, match, closer)
}

// escapedOpener reports whether pos is just after the brace of an escaped
// opener. An unescaped "{" followed by an opener's two characters would
// have been consumed by the open parser, so a "{" seen here is escaped.
func escapedOpener(source []byte, pos int) (Kind, bool) {
	if pos < 1 || source[pos-1] != '{' {
		return 0, false
	}
	return openerAt(source[pos-1:])
}

// parseTilde handles "~>" and the tildes in front of one, or in front of
// "~~}". It returns nil when the line does not start with one of ours.
func parseTilde(parent ast.Node, block text.Reader, pc parser.Context, s *stack, line []byte, seg text.Segment) ast.Node {
	if !s.has(Substitution) {
		return nil
	}
	run := 0
	for run < len(line) && line[run] == '~' {
		run++
	}
	extra := 0 // tildes before our token
	if run < len(line) && line[run] == '>' {
		extra = run - 1
	} else if run < len(line) && line[run] == '}' && run > 2 {
		extra = run - 2
	}
	switch {
	case extra > 0:
		// "~~~>", "~~~}": our token starts at a later tilde. Take the ones
		// before it as text so strikethrough cannot swallow the run.
		block.Advance(extra)
		return ast.NewTextSegment(seg.WithStop(seg.Start + extra))
	case run == 1 && len(line) > 1 && line[1] == '>':
		sep := &separator{seg: seg.WithStop(seg.Start + 2)}
		sep.SetPos(seg.Start)
		block.Advance(2)
		top := s.top()
		if top.kind != Substitution || top.literal || top.sep != nil || top.Parent() != parent || openLinkAfter(top) {
			return ast.NewTextSegment(sep.seg)
		}
		// Resolve emphasis in the old side now, so that none pairs across
		// the "~>".
		processDelimiters(top.bottom, pc)
		top.sep = sep
		return sep
	}
	return nil
}

// wellFormed reports whether top and closer make a mark, given that no
// mark was made between them (Parse checks that with stack.made). See
// NewCloseParser.
func wellFormed(parent ast.Node, top *opening, closer text.Segment) bool {
	if top.Parent() != parent || openLinkAfter(top) {
		return false
	}
	switch {
	case top.kind == Substitution:
		sep := top.sep
		return sep != nil && sep.Parent() == parent &&
			sep.seg.Start > top.seg.Stop && closer.Start > sep.seg.Stop
	case closer.Start == top.seg.Stop:
		return false // empty
	case top.kind == comment:
		m, ok := top.PreviousSibling().(*Mark)
		return ok && m.Note == nil && m.Segment.Stop == top.seg.Start
	}
	return true
}

// openLinkAfter reports whether a link opener "[" that has not been closed
// follows o. Taking it into a mark would tear the link parser's state, which
// it keeps in the tree like ours; goldmark does not export that node type, so
// it is recognised by its kind's name.
func openLinkAfter(o ast.Node) bool {
	for c := o.NextSibling(); c != nil; c = c.NextSibling() {
		if c.Kind().String() == "LinkLabelState" {
			return true
		}
	}
	return false
}

func processDelimiters(bottom *parser.Delimiter, pc parser.Context) {
	if bottom == nil {
		parser.ProcessDelimiters(nil, pc) // no delimiter before the opener: all are ours
		return
	}
	parser.ProcessDelimiters(bottom, pc)
}

// moveAfter moves the siblings after from, up to (not including) to, into dst.
func moveAfter(parent, from, to, dst ast.Node) {
	for c := from.NextSibling(); c != nil && c != to; {
		next := c.NextSibling()
		parent.RemoveChild(parent, c)
		dst.AppendChild(dst, c)
		c = next
	}
}

func closeMark(parent ast.Node, pc parser.Context, o *opening, closer text.Segment) ast.Node {
	processDelimiters(o.bottom, pc)
	m := NewMark(o.kind)
	m.SetPos(o.seg.Start)
	m.Segment = text.NewSegment(o.seg.Start, closer.Stop)
	m.Date = date(pc)
	switch o.kind {
	case Substitution:
		old, new := NewSide(true), NewSide(false)
		old.SetPos(o.seg.Stop)
		new.SetPos(o.sep.seg.Stop)
		moveAfter(parent, o, o.sep, old)
		moveAfter(parent, o.sep, nil, new)
		parent.RemoveChild(parent, o.sep)
		m.AppendChild(m, old)
		m.AppendChild(m, new)
	case Deletion, Addition:
		side := NewSide(o.kind == Deletion)
		side.SetPos(o.seg.Stop)
		moveAfter(parent, o, nil, side)
		m.AppendChild(m, side)
	default:
		moveAfter(parent, o, nil, m)
	}
	parent.RemoveChild(parent, o)
	return m
}

func closeNote(parent ast.Node, pc parser.Context, o *opening, closer text.Segment) ast.Node {
	processDelimiters(o.bottom, pc)
	m := o.PreviousSibling().(*Mark) // checked by wellFormed
	n := NewNote()
	n.SetPos(o.seg.Start)
	n.Segment = text.NewSegment(o.seg.Start, closer.Stop)
	n.Mark = m
	m.Note = n
	moveAfter(parent, o, nil, n)
	parent.RemoveChild(parent, o)
	return n
}

func date(pc parser.Context) string {
	switch d := pc.Get(DateKey).(type) {
	case string:
		return d
	case time.Time:
		return d.Format(time.DateOnly)
	}
	return ""
}

// numberer is the AST transformer that numbers the marks that have a note,
// 1..n in document order. It runs after inline parsing, when every note has
// found its mark.
type numberer struct{}

func (numberer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	n := 0
	for _, m := range Collect(doc) {
		if m.Note != nil {
			n++
			m.Number = n
		}
	}
}
