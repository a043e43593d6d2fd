package corrections_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"reprint/generator/internal/corrections"
)

// FuzzCorrections parses arbitrary Markdown with GFM and the marks, renders
// it both ways, checks it and collects its marks. None of that may panic or
// fail, no placeholder node may survive parsing, nothing may smuggle a
// <script> into the output, every problem must point into the source, and
// the numbering must be 1..n.
func FuzzCorrections(f *testing.F) {
	for _, s := range []string{
		"{~~a~>b~~}{>>n<<}",
		"{--a--}{>>n<<} {++b++}{>>n<<} {==c==}{>>n<<} {==d==}",
		"*{~~a~>b~~}* [{==x==}{>>[l](u)<<}](v) ![{++i++}](p)",
		"{~~a\nb~>c\nd~~}{>>e\nf<<}",
		"{++a\n\nb++}",
		"\\{~~a~>b~~} `{++c++}` {~~~>~~} {~~a~~~>b~~~}",
		"{++a {==b==} c++} {++a {==b ++} c==} [a {++b](u) c++}",
		"~~a~~ {~~~~b~~~>~~c~~~~} ~> <<} x++}",
		"{~~<script>alert(1)</script>~>&lt;script&gt;~~}{>><script><<}",
		"| {~~a|b~>c~~} |\n|---|\n| {>>x<<} |",
		"> [!figure]\n> {~~strategy session~>meeting~~}{>>n<<}",
	} {
		f.Add(s)
	}
	// Every spec case is a seed too.
	files, _ := filepath.Glob("testdata/*.txt")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, block := range strings.Split(string(data), "//= = = = = = = = = = = = = = = = = = = = = = = =//") {
			if parts := strings.Split(block, "//- - - - - - - - -//\n"); len(parts) == 3 {
				f.Add(strings.TrimSuffix(parts[1], "\n"))
			}
		}
	}
	md, orig := newMarkdown(), newOriginal()
	f.Fuzz(func(t *testing.T, s string) {
		// A hang would otherwise stall the fuzzer silently; make it a crash.
		timer := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("slow input %q", s)) })
		defer timer.Stop()
		src := []byte(s)
		pc := parser.NewContext()
		pc.Set(corrections.DateKey, testDate)
		doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

		// The tree is sound: children know their parent, and the text of
		// each block stays in source order (moving nodes into marks must
		// not reorder it).
		last := map[ast.Node]int{}
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if c.Parent() != n {
					t.Fatalf("%s has a child %s that names another parent", n.Kind(), c.Kind())
				}
			}
			if t2, ok := n.(*ast.Text); ok && !t2.Segment.IsEmpty() {
				b := blockOf(n)
				if t2.Segment.Start < last[b] {
					t.Fatalf("text %q at %d comes after text ending at %d", t2.Segment.Value(src), t2.Segment.Start, last[b])
				}
				last[b] = t2.Segment.Stop
				if m := markOf(n); m != nil && (t2.Segment.Start < m.Segment.Start || t2.Segment.Stop > m.Segment.Stop) {
					t.Fatalf("text %q lies outside its mark", t2.Segment.Value(src))
				}
			}
			switch name := n.Kind().String(); {
			case name == "CorrectionOpening" || name == "CorrectionSeparator":
				t.Fatalf("placeholder %s survived parsing", name)
			case n.Kind() == corrections.KindSide:
				if _, ok := n.Parent().(*corrections.Mark); !ok {
					t.Fatalf("a Side outside a Mark")
				}
			}
			return ast.WalkContinue, nil
		})

		var corrected, original bytes.Buffer
		if err := md.Renderer().Render(&corrected, src, doc); err != nil {
			t.Fatal(err)
		}
		if err := orig.Renderer().Render(&original, src, doc); err != nil {
			t.Fatal(err)
		}
		for _, out := range [][]byte{corrected.Bytes(), original.Bytes()} {
			if bytes.Contains(bytes.ToLower(out), []byte("<script")) {
				t.Fatalf("output contains <script: %s", out)
			}
		}

		for _, p := range corrections.Check(doc, src) {
			if p.Offset < 0 || p.Offset >= len(src) || p.Msg == "" {
				t.Fatalf("bad problem %+v for %d bytes of source", p, len(src))
			}
		}

		n := 0
		for _, m := range corrections.Collect(doc) {
			if m.Note != nil {
				n++
				if m.Number != n || m.Note.Mark != m {
					t.Fatalf("note %d: Number %d, Note.Mark ok %v", n, m.Number, m.Note.Mark == m)
				}
			} else if m.Number != 0 {
				t.Fatalf("a mark without a note has Number %d", m.Number)
			}
			_, _, _ = m.OldText(src), m.NewText(src), m.NoteText(src)
			var note bytes.Buffer
			if err := corrections.RenderNote(&note, md.Renderer(), src, m); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func blockOf(n ast.Node) ast.Node {
	for n.Type() != ast.TypeBlock {
		n = n.Parent()
	}
	return n
}

func markOf(n ast.Node) *corrections.Mark {
	for ; n != nil; n = n.Parent() {
		if m, ok := n.(*corrections.Mark); ok {
			return m
		}
	}
	return nil
}
