package corrections_test

import (
	"reflect"
	"testing"

	"github.com/yuin/goldmark/text"

	"reprint/generator/internal/corrections"
)

func TestCheck(t *testing.T) {
	type P = corrections.Problem
	tests := []struct {
		desc string
		give string
		want []P
	}{
		// Clean input: no problems.
		{desc: "every mark kind, with and without notes", give: "{~~a~>b~~}{>>n<<} {--c--}{>>n<<} {++d++}{>>n<<} {==e==}{>>n<<} {~~f~>g~~} {--h--} {++i++} {==j==}"},
		{desc: "marks over lines, in emphasis and link text", give: "*{++a\nb++}* and [x {==y==}{>>*n*<<}](http://l.com) {--z--}{>>[src](http://s.com)<<}"},
		{desc: "escaped openers and their closers are literal", give: `\{~~a~>b~~} \{++c++} \{>>d<<}`},
		{desc: "code is never markup", give: "`{~~a~~}` and `x++}`\n\n```\n{++unclosed\n~>\n```\n\n    {==x"},
		{desc: "ordinary text", give: "a -- b, x++, a == b, y << z, C++ and {x}"},
		{desc: "raw HTML and autolinks are not text", give: `<span title="{++">x</span> <http://x.com/~>y>`},
		{desc: "GFM strikethrough and tables", give: "~~old~~ {~~a~>b~~}\n\n| a |\n|---|\n| {==b==}{>>n<<} |"},
		{desc: "an autolink in a note inside link text", give: "[see {==a==}{>><http://b.com><<}](http://a.com)"},
		{desc: "a second substitution", give: "{~~a~>b~~} and {~~c~>d~~}{>>n<<}"},

		// Malformed input: one problem each, at the offending text.
		{desc: "unclosed substitution", give: "An {~~old~>new", want: []P{
			{3, `unclosed substitution "{~~": close it with "~~}"`}}},
		{desc: "unclosed deletion at the end of a line", give: "a {--b\nc", want: []P{
			{2, `unclosed deletion "{--": close it with "--}"`}}},
		{desc: "closer with no opener", give: "some text++} here", want: []P{
			{9, `closing "++}" without an opening "{++": add the opener where the addition starts, or write "++\}" for literal text`}}},
		{desc: "nested marks", give: "{++a {==b==} c++}", want: []P{
			{5, `highlight "{==" is nested inside addition "{++": marks cannot nest; end the addition before the highlight starts, or make them one mark`}}},
		{desc: "overlapping marks", give: "{++a {==b ++} c==}", want: []P{
			{5, `highlight "{==" overlaps another mark before its "==}": marks cannot overlap or nest; close one before the other starts`}}},
		{desc: "an unclosed mark inside another", give: "{++a {==b ++}", want: []P{
			{5, `unclosed highlight "{==": close it with "==}"`}}},
		{desc: "empty old side", give: "{~~~>b~~}", want: []P{
			{0, `substitution "{~~~>" has no old text: put the published text between "{~~" and "~>" (to add text, use "{++new++}")`}}},
		{desc: "empty new side", give: "x {~~a~>~~}", want: []P{
			{6, `substitution has no new text after "~>": put the corrected text between "~>" and "~~}" (to delete text, use "{--old--}")`}}},
		{desc: "substitution missing ~>", give: "{~~a b~~}", want: []P{
			{0, `substitution "{~~" has no "~>": write it as "{~~old~>new~~}"`}}},
		{desc: "~> outside a substitution", give: "x ~> y", want: []P{
			{2, `"~>" outside a substitution: it separates old from new text only inside "{~~old~>new~~}"; write "\~>" for a literal "~>"`}}},
		{desc: "~> inside an addition", give: "{++a~>b++}", want: []P{
			{4, `"~>" outside a substitution: it separates old from new text only inside "{~~old~>new~~}"; write "\~>" for a literal "~>"`}}},
		{desc: "two ~> in one substitution", give: "{~~a~>b~>c~~}", want: []P{
			{7, `second "~>" in one substitution: write exactly one, as in "{~~old~>new~~}", and escape a literal one as "\~>"`}}},
		{desc: "empty addition", give: "{++++}", want: []P{
			{0, `empty addition "{++++}": put the added text between "{++" and "++}", or remove it`}}},
		{desc: "empty comment", give: "{==a==}{>><<}", want: []P{
			{7, `empty comment "{>><<}": put the note between "{>>" and "<<}", or remove it`}}},
		{desc: "comment attached to nothing", give: "text {>>why<<}", want: []P{
			{5, `comment "{>>" is attached to nothing: write it directly after a change or highlight, with no space between, as in "{~~old~>new~~}{>>note<<}"`}}},
		{desc: "comment after a space", give: "{~~a~>b~~} {>>why<<}", want: []P{
			{11, `comment "{>>" is attached to nothing: write it directly after a change or highlight, with no space between, as in "{~~old~>new~~}{>>note<<}"`}}},
		{desc: "two notes on one mark", give: "{==a==}{>>one<<}{>>two<<}", want: []P{
			{16, `second note on one mark: a mark takes one note; merge this "{>>…<<}" into the first`}}},
		{desc: "mark spanning paragraphs", give: "{~~a~>b\n\nc~~}", want: []P{
			{0, `substitution "{~~" spans paragraphs (its "~~}" is 2 lines further down): a mark must end in the paragraph it starts in; close it before the blank line and mark the next paragraph separately`}}},
		{desc: "mark spanning list items", give: "- {==a\n- b==}", want: []P{
			{2, `highlight "{==" spans paragraphs (its "==}" is 1 line further down): a mark must end in the paragraph it starts in; close it before the blank line and mark the next paragraph separately`}}},
		{desc: "mark leaving link text", give: "[a {++b](http://x.com) c++}", want: []P{
			{3, `addition "{++" overlaps a link: a mark must contain a whole link or lie inside its text; escape a literal "[" as "\["`}}},
		{desc: "unclosed [ inside a mark", give: "{++see [1++}", want: []P{
			{0, `addition "{++" overlaps a link: a mark must contain a whole link or lie inside its text; escape a literal "[" as "\["`}}},
		{desc: "note with a link inside link text", give: "[see {==a==}{>>[b](http://b.com)<<}](http://a.com)", want: []P{
			{12, `note with a link inside link text: links cannot nest, so the surrounding link is lost; move the mark out of the link text, or the link out of the note`}}},
		{desc: "mark in an image description", give: "![a {~~b~>c~~}](i.png)", want: []P{
			{4, `substitution inside an image description: alt text cannot show a mark; move the mark out of "![…]"`}}},

		// Several problems are all reported, in source order.
		{desc: "several problems", give: "{~~a~~} x++}\n\n{==b==} {>>c<<} {--", want: []P{
			{0, `substitution "{~~" has no "~>": write it as "{~~old~>new~~}"`},
			{9, `closing "++}" without an opening "{++": add the opener where the addition starts, or write "++\}" for literal text`},
			{22, `comment "{>>" is attached to nothing: write it directly after a change or highlight, with no space between, as in "{~~old~>new~~}{>>note<<}"`},
			{30, `unclosed deletion "{--": close it with "--}"`},
		}},
	}
	md := newMarkdown()
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			src := []byte(tt.give)
			doc := md.Parser().Parse(text.NewReader(src))
			got := corrections.Check(doc, src)
			if !reflect.DeepEqual(got, tt.want) && (len(got) != 0 || len(tt.want) != 0) {
				t.Errorf("Check(%q):\n got %+v\nwant %+v", tt.give, got, tt.want)
			}
			for _, p := range got {
				if p.Offset < 0 || p.Offset >= len(src) {
					t.Errorf("offset %d outside the source", p.Offset)
				}
			}
		})
	}
}
