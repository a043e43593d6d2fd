package importer

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// FuzzImport feeds HTML and text to Import (its two halves, extract and
// post, so that the article's text can be read in between). Whatever the
// input, Import must not panic; it either finds no article or returns a
// post whose front matter parses as YAML in the format's order, whose
// slug and dates are well formed, whose Markdown goldmark reads without
// any raw HTML in it, and whose visible text is the article's.
func FuzzImport(f *testing.F) {
	if src, err := os.ReadFile(realSource); err == nil {
		f.Add(src)
	}
	pages, _ := filepath.Glob("testdata/pages/*/input.html")
	for _, p := range pages {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"Pages\n\nTuesday, June 3, 2014\n\nTitle\n\nBy Jane Doe\n\nText *with* <b>stars</b> & {--marks--}.",
		"<p>a<del>b</del><ins>c</ins> <em> x </em>*y*</p>",
		"<article><ul><li>a<ul><li>b</li></ul></li></ul><ol start=9><li>c</li></ol><table><tr><td>|</td></tr><tr><td>`</td><td>x</td></tr></table></article>",
		"<div><span>one<br><br>two</span><br><br><font><b>three<br><br>four</b></font></div>",
		"<figure><figcaption>Only a caption (Photo/CFP)</figcaption></figure><p>text</p>",
		"<blockquote><blockquote><p>deep</p></blockquote><pre>code ```</pre></blockquote>",
		"<p><strong><em>x</em></strong>a<em>\"q\"</em>b<s>~~</s><code>``</code></p><h1>#</h1>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(checkImport)
}

// FuzzFragment runs the checks of FuzzImport on small HTML fragments in an
// <article>. The corpus pages make FuzzImport slow to minimise what it
// finds; short inputs let the fuzzer explore the writer faster.
func FuzzFragment(f *testing.F) {
	for _, s := range []string{
		"<p>a<del>b</del><ins>c</ins> <em> x </em>*y*</p>",
		"<ul><li>a<ul><li>b</li></ul></li></ul><ol start=9><li>c</li></ol>",
		"<table><tr><th>|</th></tr><tr><td>`</td><td>x</td></tr></table>",
		"<div><span>one<br><br>two</span></div><blockquote><p>q</p></blockquote>",
		"<figure><img src=a.png alt=x><figcaption>c</figcaption></figure><pre>p</pre>",
		"<p><strong><em>x</em></strong>a<em>\"q\"</em>b<s>~~</s><code>``</code></p><h1>#</h1>",
		"<p>1. # - + > _a_ [b] <c> &amp; {--d--} | ~ ` \\</p>",
		"<h2>t</h2><p>By Jane Doe</p><p>Text (Photo/AP)</p><p>No comments:</p>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, frag string) {
		checkImport(t, []byte("<!DOCTYPE html><html><body><article>"+frag+"</article></body></html>"))
	})
}

// checkImport imports src and checks the result (see FuzzImport).
func checkImport(t *testing.T, src []byte) {
	opts := Options{URL: "https://example.com/a/b.html?m=1"}
	a, err := extract(src, opts)
	var p *Post
	var want string
	if err == nil {
		want = noSpace(domText(a.body)) // before writing: the writer only reads
		p, err = a.post(opts)
	}
	if err != nil {
		if !errors.Is(err, ErrNoArticle) {
			t.Fatalf("Import: unexpected error %v", err)
		}
		return
	}
	md := p.Markdown()
	if !utf8.Valid(md) {
		t.Fatalf("output is not UTF-8")
	}
	checkFrontMatter(t, md)
	if !slugPattern.MatchString(p.Slug) {
		t.Errorf("slug %q is not lowercase ASCII words joined by -", p.Slug)
	}
	for _, d := range []string{p.Date, p.Republished} {
		if d != "" {
			if _, ok := parseDate(d); !ok || len(d) != 10 {
				t.Errorf("date %q is not YYYY-MM-DD", d)
			}
		}
	}
	if p.Body == "" || !strings.HasSuffix(p.Body, "\n") {
		t.Errorf("body %q is empty or does not end in a newline", p.Body)
	}
	if rendered := renderHTML(t, []byte(p.Body)); strings.Contains(rendered, "raw HTML omitted") {
		t.Errorf("Markdown holds raw HTML:\n%s", p.Body)
	}
	// Fidelity: the reader sees the article's text, all of it and
	// nothing else. Compared without white space, which Markdown
	// lays out its own way; images have no text on either side.
	if got := noSpace(readerText(t, []byte(p.Body))); got != want {
		t.Errorf("the Markdown reads\n%q\nwhere the page has\n%q\nMarkdown:\n%s", got, want, p.Body)
	}
}

var markers = strings.NewReplacer("⟦del:", "", "⟦ins:", "", "⟧", "")

// domText is the text of an article body as the writer is to keep it.
// An inline <q> is written with quote marks; one around blocks is not.
func domText(n *html.Node) string {
	info := newBlockInfo(n)
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(cleanText(n.Data))
			return
		case n.Type == html.ElementNode && (droppedTags[n.DataAtom] || n.DataAtom == atom.Img):
			return
		case isElement(n, atom.Q) && !info.isBlock(n):
			b.WriteString(`"`)
			defer b.WriteString(`"`)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// noSpace drops white space and the markers of CriticMarkup that
// readerText shows: the text of a mark is the text of the <del> or <ins>.
func noSpace(s string) string {
	s = markers.Replace(s)
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
}

// FuzzEscape checks the escaper: any text, written as a paragraph, must
// read back through goldmark as the same text.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{
		"1. a", "# h", "- x", "*a*", "_a_", "[a](b)", "<b>", "&amp;", "a\\", "{--x--}", "`c`", "~~s~~",
		"a | b", "===", "---", "> q", "![i](x)", "www.example.com", "a_b_c", "\\*", "<!-- c -->", "1)", "+",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		w := &writer{}
		in := w.newInline(false)
		in.text(s)
		md := in.render(true)
		want := normText(strings.Join(strings.Fields(cleanText(s)), " ")) // one paragraph, one line
		if got := plainText(t, []byte(md)); got != want {
			t.Errorf("text %q written as %q reads back as %q", s, md, got)
		}
	})
}
