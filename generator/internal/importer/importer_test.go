package importer

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The source this project republishes, a byte-for-byte copy of
// /work/shared/sources/chinese-banks-ditch-us-providers-for.txt.
const (
	realSource = "testdata/chinese-banks-ditch-us-providers-for.txt"
	realURL    = "https://cempaka-putih.blogspot.com/2014/06/chinese-banks-ditch-us-providers-for.html?m=1"
	realFile   = "sources/chinese-banks-ditch-us-providers-for.txt"
)

func importReal(t *testing.T) *Post {
	t.Helper()
	src, err := os.ReadFile(realSource)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Import(src, Options{URL: realURL, SourceFile: realFile})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return p
}

func TestRealSource(t *testing.T) {
	p := importReal(t)
	want := Post{
		Title:       "Chinese banks ditch US providers for Alibaba's Aliyun",
		Author:      "Staff Reporter",
		Publication: "Want China Times",
		Date:        "2014-06-02",
		Republished: "2014-06-03",
		Site:        "cempaka-putih.blogspot.com",
		Description: "Nearly a hundred financial institutions in China have switched to Alibaba's cloud services division Aliyun amid security concerns with American service providers, reports our Chinese-language sister paper Commercial Times.",
		URL:         realURL,
		SourceFile:  realFile,
		Slug:        "chinese-banks-ditch-us-providers-for-alibabas-aliyun",
	}
	got := *p
	got.Body, got.Aliases = "", nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("metadata:\n got %+v\nwant %+v", got, want)
	}
	if len(p.Aliases) != 1 || p.Aliases[0] != "/2014/06/chinese-banks-ditch-us-providers-for.html" {
		t.Errorf("aliases = %q, want [/2014/06/chinese-banks-ditch-us-providers-for.html]", p.Aliases)
	}

	caption := "> [!figure]\n> Alibaba founder Jack Ma attends a strategy session in Hangzhou, Zhejiang province, May 27. (Photo/CFP)\n\n"
	if !strings.HasPrefix(p.Body, caption) {
		t.Errorf("body does not start with the caption as a figure block:\n%s", p.Body)
	}
	blocks := strings.Split(strings.TrimSpace(p.Body), "\n\n")
	if len(blocks) != 9 {
		t.Errorf("body has %d blocks, want the figure and eight paragraphs", len(blocks))
	}
	for _, b := range blocks[1:] {
		if strings.Contains(b, "\n") || strings.HasPrefix(b, ">") {
			t.Errorf("article block is not one paragraph line: %q", b)
		}
	}
	for _, furniture := range []string{"Pages", "Tuesday, June 3, 2014", "Want China Times, Staff Reporter", "Related Article", "No comments", "Post a Comment", "Only a member of this blog"} {
		if strings.Contains(p.Body, furniture) {
			t.Errorf("body still has furniture %q", furniture)
		}
	}
	checkGolden(t, "testdata/golden/chinese-banks-ditch-us-providers-for.md", p.Markdown())
}

// TestRealSourceFidelity: the visible text of the imported article is the
// source's article text word for word, from the caption (paragraph 5 of
// the file) to the last paragraph before "Related Article:".
func TestRealSourceFidelity(t *testing.T) {
	src, err := os.ReadFile(realSource)
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(string(src), "\n\n")
	if paras[4] != "Alibaba founder Jack Ma attends a strategy session in Hangzhou,\nZhejiang province, May 27. (Photo/CFP)" || !strings.HasPrefix(paras[13], "Related Article:") {
		t.Fatalf("the source copy is not the expected file")
	}
	want := normText(strings.Join(paras[4:13], "\n\n"))
	want = normText(strings.ReplaceAll(want, ",\nZhejiang", ", Zhejiang"))
	if got := plainText(t, []byte(importReal(t).Body)); got != want {
		t.Errorf("visible text differs from the source:\n%s", diffLines(got, want))
	}
}

func TestRealSourceFrontMatterParses(t *testing.T) {
	checkFrontMatter(t, importReal(t).Markdown())
}

func TestNoArticle(t *testing.T) {
	for _, src := range []string{
		"",
		"\n\n  \n",
		"Pages\n\nTuesday, June 3, 2014\n\nNo comments:\n\nPost a Comment",
		"<!DOCTYPE html><html><head><title>x</title></head><body><nav><ul><li><a href=/>Home</a></li></ul></nav></body></html>",
	} {
		_, err := Import([]byte(src), Options{})
		if !errors.Is(err, ErrNoArticle) {
			t.Errorf("Import(%q) error = %v, want ErrNoArticle", src, err)
		}
	}
}

func TestBadURL(t *testing.T) {
	_, err := Import([]byte("Title\n\nBy Jane Doe\n\nText."), Options{URL: "example.com/post.html"})
	want := `page address "example.com/post.html" is not an absolute http(s) URL (like https://example.com/2014/06/post.html)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

// checkFrontMatter parses the front matter with yaml.v3 and checks its
// keys are the post format's, in its order.
func checkFrontMatter(t testing.TB, md []byte) map[string]any {
	t.Helper()
	rest, ok := bytes.CutPrefix(md, []byte("---\n"))
	if !ok {
		t.Fatalf("no front matter:\n%s", md)
	}
	fm, body, ok := bytes.Cut(rest, []byte("\n---\n\n"))
	if !ok {
		fm, body, ok = bytes.Cut(rest, []byte("---\n\n")) // empty front matter
		if !ok || len(fm) != 0 {
			t.Fatalf("front matter not closed:\n%s", md)
		}
	}
	_ = body
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		t.Fatalf("front matter is not YAML: %v\n%s", err, fm)
	}
	var m map[string]any
	if err := yaml.Unmarshal(fm, &m); err != nil {
		t.Fatalf("front matter is not a mapping: %v\n%s", err, fm)
	}
	order := []string{"title", "date", "author", "publication", "description", "source", "aliases"}
	if len(doc.Content) > 0 {
		last := -1
		root := doc.Content[0]
		for i := 0; i < len(root.Content); i += 2 {
			k := root.Content[i].Value
			at := indexOf(order, k)
			if at < 0 || at <= last {
				t.Errorf("front matter key %q out of place (order is %v)", k, order)
			}
			last = at
		}
	}
	return m
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// checkGolden compares got with a golden file, or rewrites it with -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update to accept):\n%s", path, diffLines(string(got), string(want)))
	}
}

// diffLines shows the first differing line of two texts.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + quoteLine(gl, i < len(g)) + "\nwant: " + quoteLine(wl, i < len(w))
		}
	}
	return "(equal)"
}

func quoteLine(s string, present bool) string {
	if !present {
		return "(end of text)"
	}
	return "«" + s + "»"
}
