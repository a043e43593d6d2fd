package corrections_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"reprint/generator/internal/corrections"
)

func parse(t testing.TB, src string, date any) ast.Node {
	t.Helper()
	pc := parser.NewContext()
	if date != nil {
		pc.Set(corrections.DateKey, date)
	}
	return newMarkdown().Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
}

func TestCollect(t *testing.T) {
	src := "A {~~cyper~>cyber~~} attack on {==several *million* users==}{>>No 2014 source confirms it; see\n" +
		"[Reuters](http://in.reuters.com/x).<<} and\n{--never--}{>>The original said `never`.<<}\n\n" +
		"Bank{++ ++}of {~~earlier this month~>on May 19~~}{>>The charges came on *May 19*, 2014.<<} {==plain==} {--gone--}\n"
	doc := parse(t, src, "2026-11-26")
	type row struct {
		kind                   corrections.Kind
		corr, clar, copy       bool
		number                 int
		markID, noteID         string
		oldText, newText, note string
	}
	want := []row{
		{corrections.Substitution, false, false, true, 0, "", "", "cyper", "cyber", ""},
		{corrections.Highlight, false, true, false, 1, "cm-1", "cn-1", "several million users", "several million users",
			"No 2014 source confirms it; see Reuters."},
		{corrections.Deletion, true, false, false, 2, "cm-2", "cn-2", "never", "", "The original said never."},
		{corrections.Addition, false, false, true, 0, "", "", "", " ", ""},
		{corrections.Substitution, true, false, false, 3, "cm-3", "cn-3", "earlier this month", "on May 19",
			"The charges came on May 19, 2014."},
		{corrections.Highlight, false, false, false, 0, "", "", "plain", "plain", ""},
		{corrections.Deletion, false, false, true, 0, "", "", "gone", "", ""},
	}
	marks := corrections.Collect(doc)
	if len(marks) != len(want) {
		t.Fatalf("Collect found %d marks, want %d", len(marks), len(want))
	}
	b := []byte(src)
	for i, m := range marks {
		got := row{m.MarkKind, m.IsCorrection(), m.IsClarification(), m.IsCopyEdit(), m.Number,
			m.MarkID(), m.NoteID(), m.OldText(b), m.NewText(b), m.NoteText(b)}
		if got != want[i] {
			t.Errorf("mark %d:\n got %+v\nwant %+v", i, got, want[i])
		}
		if m.Date != "2026-11-26" {
			t.Errorf("mark %d: Date = %q, want 2026-11-26", i, m.Date)
		}
		if m.Note != nil && m.Note.Mark != m {
			t.Errorf("mark %d: its note points to another mark", i)
		}
	}
}

func TestRenderNote(t *testing.T) {
	src := []byte("{~~a~>b~~}{>>The original said *a*; see [the notice](http://example.com/n?a=1&b=2 \"Notice\") and `x<y`.<<} {~~c~>d~~}")
	md := newMarkdown()
	doc := md.Parser().Parse(text.NewReader(src))
	marks := corrections.Collect(doc)
	var buf bytes.Buffer
	if err := corrections.RenderNote(&buf, md.Renderer(), src, marks[0]); err != nil {
		t.Fatal(err)
	}
	want := `The original said <em>a</em>; see <a href="http://example.com/n?a=1&amp;b=2" title="Notice">the notice</a> and <code>x&lt;y</code>.`
	if buf.String() != want {
		t.Errorf("RenderNote:\n got %s\nwant %s", buf.String(), want)
	}
	buf.Reset()
	if err := corrections.RenderNote(&buf, md.Renderer(), src, marks[1]); err != nil || buf.Len() != 0 {
		t.Errorf("RenderNote of a copy edit wrote %q, %v; want nothing", buf.String(), err)
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		desc string
		date any
		want string
	}{
		{"unset: no datetime", nil, `<ins class="copy-edit">b</ins>`},
		{"a string", "2026-11-26", `<ins class="copy-edit" datetime="2026-11-26">b</ins>`},
		{"a time.Time", time.Date(2026, 11, 26, 15, 4, 5, 0, time.UTC), `<ins class="copy-edit" datetime="2026-11-26">b</ins>`},
		{"escaped", `"><script>`, `<ins class="copy-edit" datetime="&quot;&gt;&lt;script&gt;">b</ins>`},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			src := []byte("{~~a~>b~~}")
			doc := parse(t, string(src), tt.date)
			var buf bytes.Buffer
			if err := newMarkdown().Renderer().Render(&buf, src, doc); err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(buf.String()); got != "<p>"+tt.want+"</p>" {
				t.Errorf("got %s, want <p>%s</p>", got, tt.want)
			}
		})
	}
}

// The two renderers share one parsed document and must not disturb it.
func TestRenderTwice(t *testing.T) {
	src := []byte("{~~a~>b~~}{>>n<<} {==c==}")
	md, orig := newMarkdown(), newOriginal()
	doc := md.Parser().Parse(text.NewReader(src))
	var c1, o1, c2 bytes.Buffer
	for _, err := range []error{
		md.Renderer().Render(&c1, src, doc),
		orig.Renderer().Render(&o1, src, doc),
		md.Renderer().Render(&c2, src, doc),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if c1.String() != c2.String() {
		t.Errorf("corrected rendering changed after the original one:\n%s\n%s", c1.String(), c2.String())
	}
	if got, want := o1.String(), "<p>a c</p>\n"; got != want {
		t.Errorf("original: got %q, want %q", got, want)
	}
}
