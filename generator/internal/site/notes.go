package site

import (
	"html"
	"html/template"
	"strings"
)

// correctionsSection is the "Corrections and clarifications" section of a
// post page: its numbered notes, each with what changed and a link back
// to the mark, then the copy edits in one line. It is "" for a post
// without editorial changes.
//
// Like goldmark's footnote list, it is written here rather than in the
// template: it is made of the Markdown's own marks and notes, and a post
// has a dozen of them, each of which would cost the template five or six
// escaped values, about a sixth of the time of a whole build. A template
// that wants other markup can range over .Post.Notes and .Post.CopyEdits.
func correctionsSection(notes []Note, edits []CopyEdit) template.HTML {
	if len(notes) == 0 && len(edits) == 0 {
		return ""
	}
	var b strings.Builder
	size := 200 + 60*len(edits)
	for _, n := range notes {
		size += 200 + len(n.Old) + len(n.New) + len(n.HTML)
	}
	b.Grow(size)
	b.WriteString(`<section id="corrections" class="corrections">` + "\n<h2>Corrections and clarifications</h2>")
	if len(notes) > 0 {
		b.WriteString("\n<ol>")
		for _, n := range notes {
			b.WriteString("\n<li id=\"")
			b.WriteString(html.EscapeString(n.NoteID))
			b.WriteString(`">`)
			switch {
			case n.Clarification:
				quote(&b, "<b>Clarification:</b> “", n.Old, "”.")
			case n.Deletion:
				quote(&b, "<b>Correction:</b> removed “", n.Old, "”.")
			case n.Addition:
				quote(&b, "<b>Correction:</b> added “", n.New, "”.")
			default:
				quote(&b, "<b>Correction:</b> “", n.Old, "” → “")
				quote(&b, "", n.New, "”.")
			}
			b.WriteByte(' ')
			b.WriteString(string(n.HTML))
			b.WriteString(` <a href="#`)
			b.WriteString(html.EscapeString(n.MarkID))
			b.WriteString(`" class="back" aria-label="Back to the text">↩</a></li>`)
		}
		b.WriteString("\n</ol>")
	}
	if len(edits) > 0 {
		b.WriteString("\n<p><b>Spelling and spacing corrected:</b> ")
		for i, e := range edits {
			if i > 0 {
				b.WriteString(", ")
			}
			quote(&b, "", e.Old, " → ")
			quote(&b, "", e.New, "")
		}
		b.WriteString(".</p>")
	}
	b.WriteString("\n</section>")
	return template.HTML(b.String())
}

// quote writes before, text escaped, then after.
func quote(b *strings.Builder, before, text, after string) {
	b.WriteString(before)
	b.WriteString(html.EscapeString(text))
	b.WriteString(after)
}
