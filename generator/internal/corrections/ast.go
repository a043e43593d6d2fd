package corrections

import (
	"fmt"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Kind says which CriticMarkup mark a [Mark] is.
type Kind int

// The four marks that can carry an editor's note. A comment is not a Kind of
// Mark: it becomes the [Note] of the mark it follows.
const (
	Substitution Kind = iota + 1 // {~~old~>new~~}
	Deletion                     // {--old--}
	Addition                     // {++new++}
	Highlight                    // {==text==}

	// comment is {>>note<<}. It only exists while parsing and checking: a
	// comment that attaches becomes a Note, any other stays literal text.
	comment
)

// syntax is the source spelling of each kind; index with a Kind.
var syntax = [...]struct{ open, close, name string }{
	Substitution: {"{~~", "~~}", "substitution"},
	Deletion:     {"{--", "--}", "deletion"},
	Addition:     {"{++", "++}", "addition"},
	Highlight:    {"{==", "==}", "highlight"},
	comment:      {"{>>", "<<}", "comment"},
}

// String returns the kind's name as editors say it: "substitution",
// "deletion", "addition", "highlight".
func (k Kind) String() string {
	if k < Substitution || k > comment {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return syntax[k].name
}

// KindMark is the ast.NodeKind of [Mark].
var KindMark = ast.NewNodeKind("CorrectionMark")

// A Mark is one CriticMarkup mark: a change (substitution, deletion,
// addition) or a highlight, with the editor's note that directly follows it,
// if any.
//
// A highlight's children are its text. A change's children are [Side]
// nodes: a substitution has the old side then the new side, a deletion only
// an old side, an addition only a new side. Keeping both sides in the tree
// is what lets one parsed document render as corrected and as originally
// published.
type Mark struct {
	ast.BaseInline

	// MarkKind is which mark this is. (It cannot be called Kind: that name
	// is taken by the ast.Node method.)
	MarkKind Kind

	// Note is the editor's note written directly after the mark, nil if
	// there is none. A change with a note is a correction, a highlight with
	// a note a clarification, a change without one a copy edit.
	Note *Note

	// Number numbers the marks that have a note, 1..n in document order
	// (corrections and clarifications share one sequence); 0 for the rest.
	// Set by the Extension's AST transformer.
	Number int

	// Date is the corrections date (YYYY-MM-DD) taken from [DateKey] when
	// the document was parsed; "" if the caller set none.
	Date string

	// Segment is the mark's whole source text, "{" to "}", without the note.
	Segment text.Segment
}

// NewMark returns an empty Mark of the given kind.
func NewMark(k Kind) *Mark {
	return &Mark{MarkKind: k}
}

// Kind implements ast.Node.
func (m *Mark) Kind() ast.NodeKind { return KindMark }

// Dump implements ast.Node.
func (m *Mark) Dump(source []byte, level int) {
	ast.DumpHelper(m, source, level, map[string]string{
		"MarkKind": m.MarkKind.String(),
		"Number":   strconv.Itoa(m.Number),
		"Date":     m.Date,
		"Note":     strconv.FormatBool(m.Note != nil),
		"Segment":  fmt.Sprintf("[%d,%d)", m.Segment.Start, m.Segment.Stop),
	}, nil)
}

// IsChange reports whether the mark changes the text (substitution,
// deletion or addition) rather than highlighting it.
func (m *Mark) IsChange() bool { return m.MarkKind != Highlight }

// IsCorrection reports whether m is a change with an editor's note.
func (m *Mark) IsCorrection() bool { return m.IsChange() && m.Note != nil }

// IsClarification reports whether m is a highlight with an editor's note:
// the text stays as published and the note adds what readers need to know.
func (m *Mark) IsClarification() bool { return !m.IsChange() && m.Note != nil }

// IsCopyEdit reports whether m is a change without a note: a slip fixed
// silently in the text and listed at the end of the article.
func (m *Mark) IsCopyEdit() bool { return m.IsChange() && m.Note == nil }

// The prefixes of a noted mark's ids: its text's ("cm-3") and its note's
// ("cn-3"). MarkID and NoteID return the ids; the renderer writes prefix
// and number straight to its output, without building the id.
const (
	markIDPrefix = "cm-"
	noteIDPrefix = "cn-"
)

// MarkID is the id of the element wrapping the marked text ("cm-3"), the
// target of a note's "back to text" link; "" for marks without a note.
func (m *Mark) MarkID() string {
	if m.Number == 0 {
		return ""
	}
	return markIDPrefix + strconv.Itoa(m.Number)
}

// NoteID is the id the site gives the note's entry in the "Corrections and
// clarifications" list ("cn-3"), the target of the mark's note marker and of
// the cite attribute of its <del> and <ins>; "" for marks without a note.
func (m *Mark) NoteID() string {
	if m.Number == 0 {
		return ""
	}
	return noteIDPrefix + strconv.Itoa(m.Number)
}

// side returns m's old (old == true) or new side, nil if it has none.
func (m *Mark) side(old bool) ast.Node {
	if m.MarkKind == Highlight {
		return m // a highlight's text is both what was and what is
	}
	for c := m.FirstChild(); c != nil; c = c.NextSibling() {
		if s, ok := c.(*Side); ok && s.Old == old {
			return s
		}
	}
	return nil
}

// OldText returns the marked text as originally published, as plain text:
// the old side of a substitution or deletion, the text of a highlight, ""
// for an addition.
func (m *Mark) OldText(source []byte) string { return plainText(m.side(true), source, m.Segment.Len()) }

// NewText returns the marked text as corrected, as plain text: the new side
// of a substitution or addition, the text of a highlight, "" for a deletion.
func (m *Mark) NewText(source []byte) string {
	return plainText(m.side(false), source, m.Segment.Len())
}

// NoteText returns the editor's note as plain text (link text without its
// URL, emphasis without markers); "" if m has no note.
func (m *Mark) NoteText(source []byte) string {
	if m.Note == nil {
		return ""
	}
	return plainText(m.Note, source, m.Note.Segment.Len())
}

// KindSide is the ast.NodeKind of [Side].
var KindSide = ast.NewNodeKind("CorrectionSide")

// A Side holds one side of a change: the text as published (Old) or as
// corrected. Its parent is always a [Mark].
type Side struct {
	ast.BaseInline

	// Old is true for the published text ("old" in {~~old~>new~~} and
	// the text of {--old--}), false for the corrected text.
	Old bool
}

// NewSide returns an empty Side.
func NewSide(old bool) *Side { return &Side{Old: old} }

// Kind implements ast.Node.
func (s *Side) Kind() ast.NodeKind { return KindSide }

// Dump implements ast.Node.
func (s *Side) Dump(source []byte, level int) {
	ast.DumpHelper(s, source, level, map[string]string{"Old": strconv.FormatBool(s.Old)}, nil)
}

// KindNote is the ast.NodeKind of [Note].
var KindNote = ast.NewNodeKind("CorrectionNote")

// A Note is an editor's note, {>>…<<}, written directly after the mark it
// explains. It is that mark's next sibling in the tree and its children are
// the note's inline Markdown. Renderers write nothing in its place: the
// mark's renderer writes the numbered marker, and the site prints the note
// itself (see [RenderNote]) in the article's corrections section.
type Note struct {
	ast.BaseInline

	// Mark is the mark the note explains.
	Mark *Mark

	// Segment is the note's whole source text, "{>>" to "<<}".
	Segment text.Segment
}

// NewNote returns an empty Note.
func NewNote() *Note { return &Note{} }

// Kind implements ast.Node.
func (n *Note) Kind() ast.NodeKind { return KindNote }

// Dump implements ast.Node.
func (n *Note) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Segment": fmt.Sprintf("[%d,%d)", n.Segment.Start, n.Segment.Stop),
	}, nil)
}

// Collect returns every mark in doc, in document order.
func Collect(doc ast.Node) []*Mark {
	var marks []*Mark
	if m, ok := doc.(*Mark); ok {
		marks = append(marks, m)
	}
	return appendMarks(marks, doc)
}

// appendMarks appends the marks among n's descendants, in document order.
// It is ast.Walk without a callback at each node's entry and exit, which
// took most of the time of a walk that only looks.
func appendMarks(marks []*Mark, n ast.Node) []*Mark {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if m, ok := c.(*Mark); ok {
			marks = append(marks, m)
		}
		marks = appendMarks(marks, c)
	}
	return marks
}
