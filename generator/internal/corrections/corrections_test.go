package corrections_test

import (
	"bytes"
	"flag"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/testutil"
	"github.com/yuin/goldmark/util"

	"reprint/generator/internal/corrections"
)

var update = flag.Bool("update", false, "rewrite golden files")

const testDate = "2026-11-26"

// newMarkdown returns the configuration the site uses: GFM (strikethrough,
// tables, autolinks, task lists) plus the marks.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, corrections.Extension))
}

// newPlain returns GFM without the marks.
func newPlain() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM))
}

// newOriginal returns a goldmark.Markdown whose renderer shows the text as
// originally published.
func newOriginal() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, corrections.Extension),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(corrections.NewOriginalRenderer(), 100),
		)),
	)
}

// dated sets the corrections date in a fresh parser context for every
// conversion, as the site does, so that spec cases show datetime.
type dated struct{ goldmark.Markdown }

func (d dated) Convert(source []byte, w io.Writer, opts ...parser.ParseOption) error {
	pc := parser.NewContext()
	pc.Set(corrections.DateKey, testDate)
	return d.Markdown.Convert(source, w, append(opts, parser.WithContext(pc))...)
}

func TestCorrectedSpec(t *testing.T) {
	md := dated{newMarkdown()}
	if *update {
		updateCaseFile(t, md, "testdata/corrections.txt")
	}
	testutil.DoTestCaseFile(md, "testdata/corrections.txt", t, testutil.ParseCliCaseArg()...)
}

func TestOriginalSpec(t *testing.T) {
	md := dated{newOriginal()}
	if *update {
		updateCaseFile(t, md, "testdata/original.txt")
	}
	testutil.DoTestCaseFile(md, "testdata/original.txt", t, testutil.ParseCliCaseArg()...)
}

// updateCaseFile rewrites the expected HTML of every case in a goldmark
// spec-style file with what md renders now. Review the diff before keeping it.
func updateCaseFile(t *testing.T, md goldmark.Markdown, path string) {
	t.Helper()
	const (
		attrSep = "//- - - - - - - - -//"
		caseSep = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
	)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, block := range strings.SplitAfter(string(data), caseSep+"\n") {
		parts := strings.SplitN(block, attrSep+"\n", 3)
		if len(parts) != 3 {
			out.WriteString(block)
			continue
		}
		var html bytes.Buffer
		if err := md.Convert([]byte(strings.TrimSuffix(parts[1], "\n")), &html); err != nil {
			t.Fatal(err)
		}
		out.WriteString(parts[0] + attrSep + "\n" + parts[1] + attrSep + "\n" + html.String() + caseSep + "\n")
	}
	if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
