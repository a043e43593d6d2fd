// Package markdown owns Reprint's one goldmark instance: which Markdown
// dialect posts are written in, and how a post body becomes HTML.
//
// The dialect is CommonMark with GitHub's tables, strikethrough and
// autolinks, footnotes, typographic punctuation (curly quotes, dashes,
// ellipses, written as characters rather than entities) and heading IDs,
// plus two Reprint additions:
//
//   - editorial marks in CriticMarkup (package corrections), and
//   - figure blocks: a block quote whose first line is "[!figure]" becomes a
//     <figure>; an image paragraph in it is the photo, the rest the caption.
//     A caption without an image is still a figure: the reprinted photo may
//     be lost while its caption is part of the record.
//
// Raw HTML is never passed through (goldmark's html.WithUnsafe stays off)
// and Problems reports it, together with javascript:, vbscript: and data:
// links, so that the build can refuse them with a position instead of
// silently dropping part of an editor's text.
//
// One parse gives two renderings: the corrected text, with every mark shown,
// and the text as originally published, with every change reverted.
package markdown
