package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"go/scanner"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"reprint/generator/internal/output"
	"reprint/generator/internal/synthetic"
)

// The project FuzzBuild builds: one post and the settings, both from the
// fuzzer, with the repository's real templates, static files and sources.
const (
	fuzzPost = "content/posts/post.md"
	fuzzSite = "content/site.yaml"
)

// FuzzBuild runs a whole build of a one-post project whose post file and
// content/site.yaml are the fuzzer's bytes. Whatever they hold:
//
//   - the build does not panic, not even one that Build recovers and
//     reports as an internal error;
//   - an error is a list of problems (go/scanner errors), each at a file
//     inside the project, with a line and column inside that file where it
//     has them, and a message of one line that names no machine path;
//   - a build writes each file once (output.Staging refuses a second write
//     with an error that has no position; output.Memory keeps the last);
//   - on success no page can run script: no <script> but the JSON-LD data
//     block, which parses as JSON, no on* attribute, no javascript:,
//     vbscript: or data: URL; the feed and the sitemap are well-formed XML,
//     and each line of _redirects is "from to 301".
//
// The project folder is made once per process (a fuzzing worker runs its
// inputs one after another) and each input overwrites the two files.
func FuzzBuild(f *testing.F) {
	siteYAML, err := os.ReadFile("../../../content/site.yaml")
	if err != nil {
		f.Fatal(err)
	}
	posts, _ := filepath.Glob("../../../content/posts/*.md")
	for _, name := range posts {
		post, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(post, siteYAML)
		f.Add(bytes.ReplaceAll(post, []byte("\n"), []byte("\r\n")), []byte("\uFEFFtitle: BOM\r\n"))
	}
	minimal := []byte("title: S\n")
	for _, post := range []string{
		"---\ntitle: T\ndate: 2014-06-02\n---\n\nHello *world*.\n",
		"---\ntitle: \"Quotes 'n' <b>tags</b>\"\ndate: 2014-06-02\nauthor: A & B\npublication: P\ndescription: D\nslug: s-1\ncanonical: https://example.com/x?a=1&b=<2>\nsource:\n  url: https://example.com/s\n  site: S\n  published: 2014-06-03\n  archive: https://archive.example/s\naliases:\n  - /old.html\n  - /old/dir/\ncorrected: 2026-11-26\n---\n\n" +
			"> [!figure]\n> ![Alt](photo.jpg \"t\")\n>\n> Caption. (Photo/CFP)\n\n## Head\n\n" +
			"A {~~old~>new~~}{>>why, [src](https://example.com/)<<} and {==this==}{>>note<<}, {--gone--}{>>n<<} {++added++}{>>n<<} {~~cyper~>cyber~~}.\n\n" +
			"| a | b |\n|---|---|\n| `c` | *d* |\n\nText.[^1]\n\n[^1]: Foot.\n",
		"---\ntitle: Draft\ndate: 2014-06-02\ndraft: true\n---\n",
		"---\ntitle: T\ndate: 2014-06-02\n---\n\nA {~~broken~>mark\n",
		"---\ntitle: T\ndate: 2014-06-02\n---\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![y](data:text/html,z)\n",
		"---\ntitle: T\ndate: 2014-06-02\nsource:\n  file: sources/none.txt\n---\n\nText.\n",
		"---\ntitle: \"   \"\ndate: yes\naliases: 3\nslug: ../x\nunknown: 1\ntitle: again\n---\n",
		"---\ntitle: [unclosed\n---\n",
		"---\ntitle: T\ndate: 2014-02-30\n",
		"no front matter\n",
		"",
		"---\n---\n",
		"\xff\xfe---\n",
	} {
		f.Add([]byte(post), minimal)
	}
	for _, s := range []string{
		"title: S\nbaseURL: https://example.org/sub/\neditor:\n  name: E\n  url: https://example.org/e\noutputs:\n  feed: true\n  sitemap: false\n  robots: false\n  redirects: false\n",
		"title: S\nbaseURL: ftp://x\nlanguage: 3\n",
		"baseURL: https://example.org/\n",
		"",
	} {
		f.Add([]byte("---\ntitle: T\ndate: 2014-06-02\naliases: [/a.html]\n---\n\nText.\n"), []byte(s))
	}

	dir := fuzzProject(f)
	var mu sync.Mutex // the project folder holds one input at a time
	f.Fuzz(func(t *testing.T, post, siteYAML []byte) {
		mu.Lock()
		defer mu.Unlock()
		for name, data := range map[string][]byte{fuzzPost: post, fuzzSite: siteYAML} {
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		w := &onceWriter{Memory: output.NewMemory(), seen: map[string]bool{}}
		_, err := Build(Options{Root: dir}, w)
		if err != nil {
			checkBuildError(t, err, dir, map[string][]byte{fuzzPost: post, fuzzSite: siteYAML})
			return
		}
		if len(w.twice) > 0 {
			t.Fatalf("the build wrote %q more than once: output.Staging would fail without a position, output.Memory keeps the last", w.twice)
		}
		checkSafeSite(t, w.Memory)
	})
}

// fuzzProject makes the project folder: the repository's templates/,
// static/ and content/sources/ (the real post's fidelity check needs its
// source), and an empty content/posts/.
func fuzzProject(f *testing.F) string {
	dir := synthetic.Scratch(f)
	for _, d := range []string{"templates", "static", "content/sources"} {
		if err := os.CopyFS(filepath.Join(dir, filepath.FromSlash(d)), os.DirFS(filepath.Join("..", "..", "..", filepath.FromSlash(d)))); err != nil {
			f.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "posts"), 0o755); err != nil {
		f.Fatal(err)
	}
	return dir
}

// onceWriter is output.Memory that notes a second write of one name,
// which output.Staging would refuse.
type onceWriter struct {
	*output.Memory
	mu    sync.Mutex
	seen  map[string]bool
	twice []string
}

func (w *onceWriter) WriteFile(name string, data []byte) error {
	w.mu.Lock()
	if w.seen[name] {
		w.twice = append(w.twice, name)
	}
	w.seen[name] = true
	w.mu.Unlock()
	return w.Memory.WriteFile(name, data)
}

// checkBuildError holds a failed build's error to the project's rule:
// every problem at its place, said in one clean line.
func checkBuildError(t *testing.T, err error, dir string, files map[string][]byte) {
	t.Helper()
	var list scanner.ErrorList
	var one *scanner.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = scanner.ErrorList{one}
	default:
		t.Fatalf("error %q (%T) is not a list of positioned problems", err, err)
	}
	if len(list) == 0 {
		t.Fatalf("an empty error list: %q", err)
	}
	for _, e := range list {
		name := e.Pos.Filename
		switch {
		case strings.Contains(e.Msg, "internal error"), strings.Contains(e.Msg, "panic"), strings.Contains(e.Msg, "goroutine "):
			t.Fatalf("%s: a panic reported as a problem: %s", e.Pos, e.Msg)
		case name == "":
			t.Fatalf("a problem without a file: %q", e.Msg)
		case path.IsAbs(name) || path.Clean(name) != name || strings.HasPrefix(name, "../"):
			t.Fatalf("problem at %q, which is not a path inside the project: %s", name, e.Msg)
		case strings.TrimSpace(e.Msg) == "" || strings.Contains(e.Msg, "\n"):
			t.Fatalf("%s: a message that is not one line: %q", e.Pos, e.Msg)
		case strings.Contains(e.Msg, dir) || strings.Contains(e.Msg, os.TempDir()):
			t.Fatalf("%s: a message with a machine path: %q", e.Pos, e.Msg)
		}
		src, ok := files[name]
		if !ok {
			continue // a source file the post names, or a template
		}
		if e.Pos.Line == 0 {
			if e.Pos.Column != 0 {
				t.Fatalf("%s: a column without a line: %s", e.Pos, e.Msg)
			}
			continue
		}
		// Lines end at LF, CRLF or a lone CR, as the generator (like YAML
		// and CommonMark) counts them.
		lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n"), "\n")
		if e.Pos.Line < 1 || e.Pos.Line > len(lines) {
			t.Fatalf("%s: line %d of a %d-line file: %s", e.Pos, e.Pos.Line, len(lines), e.Msg)
		}
		if e.Pos.Column < 0 || e.Pos.Column > len(lines[e.Pos.Line-1])+1 {
			t.Fatalf("%s: column %d of a %d-byte line: %s", e.Pos, e.Pos.Column, len(lines[e.Pos.Line-1]), e.Msg)
		}
	}
}

// checkSafeSite checks every file a successful build wrote for anything
// that could run, and the XML files and _redirects for their syntax.
func checkSafeSite(t *testing.T, mem *output.Memory) {
	t.Helper()
	for _, name := range mem.Names() {
		data, _ := mem.Get(name)
		switch {
		case strings.HasSuffix(name, ".html"):
			checkSafePage(t, name, data)
		case strings.HasSuffix(name, ".xml"):
			d := xml.NewDecoder(bytes.NewReader(data))
			for {
				_, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: not well-formed XML: %v\n%s", name, err, data)
				}
			}
		case name == "_redirects":
			for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
				if strings.HasPrefix(line, "#") {
					continue
				}
				if f := strings.Fields(line); len(f) != 3 || f[2] != "301" || strings.Join(f, " ") != line {
					t.Fatalf("_redirects: line %q is not \"from to 301\"", line)
				}
			}
		}
	}
}

func checkSafePage(t *testing.T, name string, data []byte) {
	t.Helper()
	if n, ld := bytes.Count(bytes.ToLower(data), []byte("<script")), bytes.Count(data, []byte(`<script type="application/ld+json">`)); n != ld {
		t.Fatalf("%s: %d <script in the bytes, %d of them JSON-LD:\n%s", name, n, ld, data)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.DataAtom == atom.Script {
			typ := ""
			for _, a := range n.Attr {
				if a.Key == "type" {
					typ = a.Val
				}
			}
			if typ != "application/ld+json" {
				t.Fatalf("%s: a <script type=%q>:\n%s", name, typ, data)
			}
			var text strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				text.WriteString(c.Data)
			}
			if !json.Valid([]byte(text.String())) {
				t.Fatalf("%s: the JSON-LD is not JSON: %s", name, text.String())
			}
		}
		refresh := false
		for _, a := range n.Attr {
			refresh = refresh || a.Key == "http-equiv" && strings.EqualFold(a.Val, "refresh")
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Fatalf("%s: an event handler <%s %s=%q>:\n%s", name, n.Data, a.Key, a.Val, data)
			}
			v, ok := a.Val, false
			switch a.Key {
			case "href", "src", "action", "formaction", "data", "srcdoc", "data-versionurl":
				ok = true
			case "content":
				// A meta refresh says "0; url=...".
				_, v, ok = strings.Cut(a.Val, "url=")
				ok = ok && refresh
			}
			if scheme := scriptScheme(v); ok && scheme != "" {
				t.Fatalf("%s: <%s %s=%q>, a %s URL", name, n.Data, a.Key, a.Val, scheme)
			}
		}
	}
}

// scriptScheme returns the dangerous scheme a browser would see at the
// start of v (it drops leading spaces and control characters, and tabs
// and newlines anywhere), or "".
func scriptScheme(v string) string {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	v = strings.ToLower(strings.TrimLeftFunc(v, func(r rune) bool { return r <= ' ' }))
	for _, s := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(v, s) {
			return s
		}
	}
	return ""
}
