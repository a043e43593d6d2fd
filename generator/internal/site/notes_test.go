package site

import (
	"html/template"
	"testing"
)

func TestCorrectionsSection(t *testing.T) {
	const head = `<section id="corrections" class="corrections">` + "\n<h2>Corrections and clarifications</h2>"
	back := func(id string) string {
		return ` <a href="#` + id + `" class="back" aria-label="Back to the text">↩</a></li>`
	}
	tests := []struct {
		name  string
		notes []Note
		edits []CopyEdit
		want  template.HTML
	}{
		{name: "nothing", want: ""},
		{
			name:  "correction",
			notes: []Note{{Number: 1, Old: "2013", New: "2014", HTML: "A <a href=\"x\">source</a>.", MarkID: "cm-1", NoteID: "note-1"}},
			want:  template.HTML(head + "\n<ol>\n<li id=\"note-1\"><b>Correction:</b> “2013” → “2014”. A <a href=\"x\">source</a>." + back("cm-1") + "\n</ol>\n</section>"),
		},
		{
			name: "every kind, escaped",
			notes: []Note{
				{Clarification: true, Old: `"AT&T" <b>`, HTML: "Why.", MarkID: "cm-1", NoteID: "note-1"},
				{Deletion: true, Old: "gone", HTML: "Why.", MarkID: "cm-2", NoteID: "note-2"},
				{Addition: true, New: "new", HTML: "Why.", MarkID: "cm-3", NoteID: "note-3"},
			},
			want: template.HTML(head + "\n<ol>" +
				"\n<li id=\"note-1\"><b>Clarification:</b> “&#34;AT&amp;T&#34; &lt;b&gt;”. Why." + back("cm-1") +
				"\n<li id=\"note-2\"><b>Correction:</b> removed “gone”. Why." + back("cm-2") +
				"\n<li id=\"note-3\"><b>Correction:</b> added “new”. Why." + back("cm-3") +
				"\n</ol>\n</section>"),
		},
		{
			name:  "copy edits only",
			edits: []CopyEdit{{"cyper", "cyber"}, {"a<b", "a & b"}},
			want:  template.HTML(head + "\n<p><b>Spelling and spacing corrected:</b> cyper → cyber, a&lt;b → a &amp; b.</p>\n</section>"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := correctionsSection(tt.notes, tt.edits); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
