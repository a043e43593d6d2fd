package markdown

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// linkifyPieces are the near misses and hits of linkify: URLs, "www.",
// e-mail addresses, each trigger byte, capitals it does not link.
var linkifyPieces = []string{
	"a@b.c", "x.y@ex-ample.org.", "@", "me@", "(", "*", "_", "~", " ", "\n", "\t",
	"http://x.org/a?b=c)", "https://e.org", "ftp://f.net/x", "www.w.com", "HTTP://up.org",
	"Www.x.com", "wwwx", "h", "f", "w", "(www.p.com)", "*http://e.org*", "_a@b.co_",
	"~ftp://q.r~", "[l](http://u.v)", "word", "`www.c.d`", "e-mail: z@y.x", "x@y.z-",
	"foo@bar.baz_", "&amp;", "mailto:a@b.c",
}

func TestQuickLinkifyMatchesGFM(t *testing.T) {
	ref := goldmark.New(goldmark.WithExtensions(extension.GFM))
	ours := goldmark.New(goldmark.WithExtensions(gfm...))
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			b.WriteString(linkifyPieces[rng.IntN(len(linkifyPieces))])
		}
		sameHTML(t, ref, ours, []byte(b.String()))
	}
}

func FuzzQuickLinkify(f *testing.F) {
	for _, s := range linkifyPieces {
		f.Add(s)
	}
	ref := goldmark.New(goldmark.WithExtensions(extension.GFM))
	ours := goldmark.New(goldmark.WithExtensions(gfm...))
	f.Fuzz(func(t *testing.T, src string) {
		sameHTML(t, ref, ours, []byte(src))
	})
}

// spacelessPieces make posts for the spaceless parser: Markdown links,
// URLs after every kind of byte, every block that starts a line of text
// after its own marker, editorial marks, and the inline nodes after which
// goldmark asks linkify again.
var spacelessPieces = []string{
	"[l](http://u.v)", "[l](https://www.u.v/x_y_)", "](http://a.b)", "\\[x](http://a.b)", "(http://a.b)",
	"(www.x.y", "xhttp://a.b", "http:/a.b", "https:", "://", "(ftp://c.d", "1www.x.y", "//www.x.y", "http://a.b", "www.c.d", "ftp://e.f", "a@b.c",
	"> ", ">", "- ", "1. ", "| a |\n|---|\n|", "|", "[^1]:", "[^1]", "- [x]", "# ", "    ", "\t", "\n", "\n\n",
	"{~~a~>b~~}", "{>>note<<}", "{==hi==}", "{++add++}", "{--del--}", "`code`", "<b>", "&amp;", "&#40;",
	"...", "'", "\"", "--", "*", "_", "~", "~~", "(", ")", "[", "]", "\\", " ", "  \n", "word", "x", "9", "/",
	"  ", "   ", "    \n", "\t\t", " \t", "\r\n", "  \r\n", " #", "## ", " |", "\\\n", "\v", "\f",
}

// TestSpacelessSameAsLinkify converts generated posts with the Converter
// and with one that always parses with linkify at every space, and wants
// the same Document from both: the spaceless parser is only a shortcut.
func TestSpacelessSameAsLinkify(t *testing.T) {
	c, full := New(), alwaysLinkify()
	rng := rand.New(rand.NewPCG(5, 6))
	spaceless := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(spacelessPieces[rng.IntN(len(spacelessPieces))])
		}
		src := []byte(b.String())
		if !spacelessDiffers(src) {
			spaceless++
		}
		sameDocument(t, c, full, src)
	}
	if spaceless < 5000 {
		t.Errorf("only %d of 20000 posts took the spaceless parser: the test no longer tests it", spaceless)
	}
}

func FuzzSpaceless(f *testing.F) {
	for _, s := range spacelessPieces {
		f.Add(s)
	}
	c, full := New(), alwaysLinkify()
	f.Fuzz(func(t *testing.T, src string) {
		sameDocument(t, c, full, []byte(src))
	})
}

func TestLinkifyAtSpaces(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"plain words", false},
		{"[a](https://www.e.org/) and [b](http://x.y)", false},
		{"see http://e.org", true},
		{"http://e.org at the start", true},
		{"line\nwww.e.org", true},
		{">www.e.org", true},
		{"|ftp://e.org|", true},
		{"[^1]:http://e.org", true},
		{"write to a@b.org", true},
		{"[a](mailto:a@b.org)", true},
		{"*http://e.org*", true},
		{"(http://e.org)", false},  // asked at "(": the guard's case
		{"HTTP://E.ORG", false},    // linkify links lower case only
		{"see http:/e.org", false}, // no link without "//"
		{"see https://e.org", true},
		{"see ftp://e.org", true},
		{"xftp://e.org", false},
		{"://e.org", false},
		{"http://e.org", true},
	}
	for _, tt := range tests {
		if got := linkifyAtSpaces([]byte(tt.src)); got != tt.want {
			t.Errorf("linkifyAtSpaces(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestTrailingSpaces(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"a line\nand another\n", false},
		{"hard  \nbreak", false},
		{"hard  \r\nbreak", false},
		{"mid-line.  Two spaces", false},
		{"three   \nspaces", true},
		{"tab \t\nand space", true},
		{"## Heading  ##", true},
		{"| cell  |", true},
		{"at the end  ", true},
		{"at the end ", false},
		{"two\t\t\nlines", true},
		{"  ", true},
	}
	for _, tt := range tests {
		if got := trailingSpaces([]byte(tt.src)); got != tt.want {
			t.Errorf("trailingSpaces(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

// TestGuardParsesAgain: where the guard sees a link that linkify would
// make, the post is parsed again with linkify.
func TestGuardParsesAgain(t *testing.T) {
	doc, err := New().Convert([]byte("\\[x](http://e.org/)\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>[x](<a href="http://e.org/">http://e.org/</a>)</p>` + "\n"
	if string(doc.HTML) != want {
		t.Errorf("got %s, want %s", doc.HTML, want)
	}
}

// alwaysLinkify is a Converter whose every parse has linkify at spaces.
func alwaysLinkify() *Converter {
	c := New()
	c.spaceless = c.md.Parser()
	return c
}

func sameDocument(t *testing.T, c, full *Converter, src []byte) {
	t.Helper()
	opts := Options{Corrected: "2026-11-26"}
	got, err1 := c.Convert(src, opts)
	want, err2 := full.Convert(src, opts)
	if (err1 == nil) != (err2 == nil) {
		t.Fatalf("%q: errors differ: %v, %v", src, err1, err2)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\ngot  %+v\nwant %+v", src, got, want)
	}
}
