// Package corrections is a goldmark extension for CriticMarkup editorial
// marks, the way Reprint corrects a republished text in the open: readers
// see what changed and why, and the same parsed document also renders the
// text as originally published.
//
// # Syntax
//
//	{~~old~>new~~}   substitution
//	{--old--}        deletion
//	{++new++}        addition
//	{==text==}       highlight
//	{>>note<<}       comment
//
// A comment written directly after a change or highlight, with nothing
// between (`{~~a~>b~~}{>>why<<}`), is that mark's editor's note. A change
// (substitution, deletion, addition) with a note is a correction; a
// highlight with a note is a clarification (the text stays as published); a
// change without a note is a copy edit; a highlight without one is a plain
// highlight. A comment anywhere else is a mistake, as is a second note on
// one mark.
//
// Marks may span lines but not paragraphs, may sit inside emphasis and link
// text, and do not nest. "\{" escapes an opener, and the closer matching an
// escaped opener is literal too. Nothing in a code span or code block is a
// mark.
//
// # Inline Markdown inside marks
//
// The note, both sides of a substitution and the text of the other marks
// are parsed as inline Markdown: links, emphasis and code work in them, as
// notes need links to their sources. This is the approach goldmark's link
// parser takes for "[…]": the opener parser leaves a placeholder node in
// the tree and pushes it on a stack kept in the parser.Context; the closer
// parser moves the siblings after the placeholder into the new node, after
// calling parser.ProcessDelimiters for the emphasis inside (down to the last
// delimiter before the opener, so emphasis never pairs across a mark's
// edge). A substitution's "~>" is a second placeholder that splits old from
// new, and emphasis is resolved on each side separately. The simpler
// alternative, wikilink style verbatim text, would have left notes without
// links.
//
// # The four parts
//
// As goldmark's README describes extensions:
//
//   - Nodes (ast.go): [Mark], with [Side] children for the old and new text
//     of a change, and [Note], the mark's next sibling.
//   - Parsers (parser.go): [NewOpenParser] and [NewCloseParser], inline
//     parsers, and an AST transformer that numbers marks with notes. A
//     mark the parsers cannot make stays literal text; they never fail.
//   - Renderers (renderer.go): [NewHTMLRenderer] for the corrected page and
//     [NewOriginalRenderer] for the page as originally published, plus
//     [RenderNote] for the site's list of notes.
//   - Extender (extender.go): [Extension].
//
// [Check] (check.go) explains every piece of markup that did not make a
// mark, with its byte offset; [Collect] lists the marks for the site's
// "Corrections and clarifications" section, copy-edit list and JSON-LD.
//
// # Numbering and anchors
//
// Marks with a note are numbered 1..n in document order, corrections and
// clarifications in one sequence. Mark N's text is wrapped in an element
// with id "cm-N" ([Mark.MarkID]); its marker and the cite attribute of its
// <del> and <ins> point to "#cn-N" ([Mark.NoteID]), which the site puts on
// the note's entry.
//
// The corrections date, for the datetime attribute of <del> and <ins>,
// comes from the parser.Context under [DateKey].
//
// # Limits
//
// These follow from Markdown's own rules, and the tests pin them:
//
//   - A mark's braces are punctuation to the emphasis rules, so an
//     asterisk touching a mark on one side and a word on the other
//     ("word*{==x==}*", "*{==x==}*word") neither opens nor closes
//     emphasis. Put the emphasis inside the mark, or a space outside it.
//   - GFM opens no strikethrough right after a tilde, so "{~~~~x~~ y~>z~~}"
//     does not strike "x" in the old side.
//   - Link text cannot contain a link, not even inside a note: a noted
//     mark inside link text must not have a link in its note. (Its marker
//     is written without a link for the same reason.)
//   - Alt text is plain text: [Check] reports marks in an image description.
//   - A note's links are in the note, not in [Mark.NoteText], which is plain.
package corrections
