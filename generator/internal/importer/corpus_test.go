package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpus imports every page in testdata/pages/<name>/:
//
//	input.html  the saved page, written by hand after real templates
//	url.txt     optional: the address passed as Options.URL
//	output.md   golden Markdown post (go test -update rewrites it)
//	want.txt    the article text a reader should see, one block a line
//	error.txt   instead of output.md and want.txt: the expected error
//
// For every page the post's Markdown is rendered by goldmark and its
// visible text must equal want.txt (white space and quote style
// normalised), the front matter must parse as YAML in the post format's
// order, and the Markdown must hold no raw HTML.
func TestCorpus(t *testing.T) {
	dirs, err := filepath.Glob("testdata/pages/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 12 {
		t.Fatalf("corpus has %d pages, want at least 12", len(dirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, "input.html"))
			if err != nil {
				t.Fatal(err)
			}
			var opts Options
			if u, err := os.ReadFile(filepath.Join(dir, "url.txt")); err == nil {
				opts.URL = strings.TrimSpace(string(u))
			}
			p, err := Import(src, opts)
			if wantErr, readErr := os.ReadFile(filepath.Join(dir, "error.txt")); readErr == nil {
				if !errors.Is(err, ErrNoArticle) || err.Error() != strings.TrimSpace(string(wantErr)) {
					t.Fatalf("error = %v, want %s", err, wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			md := p.Markdown()
			checkFrontMatter(t, md)
			checkGolden(t, filepath.Join(dir, "output.md"), md)

			rendered := renderHTML(t, []byte(p.Body))
			if strings.Contains(rendered, "raw HTML omitted") {
				t.Errorf("Markdown holds raw HTML:\n%s", p.Body)
			}
			want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := plainText(t, []byte(p.Body)), normText(string(want)); got != want {
				t.Errorf("visible text differs from want.txt:\n%s", diffLines(got, want))
			}

			again, err := Import(src, opts)
			if err != nil || string(again.Markdown()) != string(md) {
				t.Errorf("a second import differs: output is not deterministic")
			}
		})
	}
}
