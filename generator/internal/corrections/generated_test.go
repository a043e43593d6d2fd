package corrections_test

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"

	"reprint/generator/internal/corrections"
)

var trailing = regexp.MustCompile(` +</p>`)

// TestGeneratedDocuments builds thousands of well-formed documents from
// random pieces, each with the text it stands for as originally published,
// and checks that Check finds nothing, that Collect finds every mark, and
// that the original renderer gives exactly what plain GFM makes of the
// original text. The pieces include the near misses ("x++", "a -- b",
// "y << z", code, escapes) that must stay ordinary text.
func TestGeneratedDocuments(t *testing.T) {
	words := []string{
		"alpha", "beta", "US$1.6", "x++ y", "a -- b", "p == q", "y << z", "C++ and", "{x}",
		"*em*", "**strong**", "`code {++x++} ~>`", "[link](http://l.com)", "~~struck~~ w",
		`\{++literal++} v`, "<http://auto.com/a>", "a&amp;b", "line\nbreak", " www.example.com ", `x \~> y`, `p ~\~> q`,
	}
	noteWords := []string{"see", "[Reuters](http://in.reuters.com/x)", "*May 19*", "`code`", "http://ecns.cn/b.shtml", "<http://a.com>", "n"}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(list []string, n int) string {
		var parts []string
		for range 1 + rng.IntN(n) {
			parts = append(parts, list[rng.IntN(len(list))])
		}
		return strings.Join(parts, " ")
	}
	md, plain, orig := newMarkdown(), newPlain(), newOriginal()
	for i := range 3000 {
		var src, old strings.Builder
		var kinds []corrections.Kind
		notes := 0
		for p := range 1 + rng.IntN(3) {
			if p > 0 {
				src.WriteString("\n\n")
				old.WriteString("\n\n")
			}
			for range 1 + rng.IntN(4) {
				w := pick(words, 3)
				src.WriteString(w + " ")
				old.WriteString(w + " ")
				// Not "www.example.com": a side touching the next word would
				// give linkify a longer URL in the original text.
				a, b := pick(words[:len(words)-3], 2), pick(words[:len(words)-3], 2)
				if strings.HasPrefix(a, "~") {
					// GFM opens no strikethrough right after a tilde, "{~~" included.
					a = "x " + a
				}
				k := corrections.Kind(1 + rng.IntN(4))
				var mark, was string
				switch k {
				case corrections.Substitution:
					mark, was = "{~~"+a+"~>"+b+"~~}", a
				case corrections.Deletion:
					mark, was = "{--"+a+"--}", a
				case corrections.Addition:
					mark, was = "{++"+b+"++}", ""
				case corrections.Highlight:
					mark, was = "{=="+a+"==}", a
				}
				note := ""
				if rng.IntN(2) == 0 {
					note = pick(noteWords, 4)
					mark += "{>>" + note + "<<}"
					notes++
				}
				// Link text cannot contain a link, not even in a note.
				if rng.IntN(4) == 0 && !strings.ContainsAny(a+b+note, "[<w") && !strings.Contains(note, "http") {
					mark, was = "[in "+mark+"](http://m.com)", "[in "+was+"](http://m.com)"
				}
				sep := " "
				if rng.IntN(3) == 0 {
					sep = "glued " // a mark may touch the next word
				}
				// Emphasis around a mark, with space around it: a delimiter
				// touching a word on its outer side would see the brace as
				// punctuation and not open or close (see doc.go).
				if sep == " " && k != corrections.Addition && rng.IntN(4) == 0 &&
					!strings.ContainsAny(a+b, "*_") && !strings.HasPrefix(mark, "[") {
					mark, was = "*"+mark+"*", "*"+was+"*"
				}
				kinds = append(kinds, k)
				src.WriteString(mark + sep)
				old.WriteString(was + sep)
			}
		}
		s := src.String()
		source := []byte(s)
		doc := md.Parser().Parse(text.NewReader(source))
		if problems := corrections.Check(doc, source); len(problems) > 0 {
			t.Fatalf("document %d:\n%s\nCheck: %+v", i, s, problems)
		}
		marks := corrections.Collect(doc)
		n := 0
		for j, m := range marks {
			if j < len(kinds) && m.MarkKind != kinds[j] {
				t.Fatalf("document %d:\n%s\nmark %d is a %s, want %s", i, s, j, m.MarkKind, kinds[j])
			}
			if m.Note != nil {
				n++
			}
		}
		if len(marks) != len(kinds) || n != notes {
			t.Fatalf("document %d:\n%s\nCollect found %d marks (%d notes), want %d (%d)", i, s, len(marks), n, len(kinds), notes)
		}
		var got, want bytes.Buffer
		if err := orig.Renderer().Render(&got, source, doc); err != nil {
			t.Fatal(err)
		}
		if err := plain.Convert([]byte(old.String()), &want); err != nil {
			t.Fatal(err)
		}
		// An addition at the end of a paragraph leaves the space before it,
		// which plain Markdown would have trimmed: not a difference in text.
		if trailing.ReplaceAllString(got.String(), "</p>") != want.String() {
			t.Fatalf("document %d:\n%s\noriginal rendering:\n%s\nplain GFM of the original text:\n%s", i, s, got.String(), want.String())
		}
	}
}
