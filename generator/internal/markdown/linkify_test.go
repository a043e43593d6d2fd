package markdown

import (
	"math/rand/v2"
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
