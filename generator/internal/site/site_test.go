package site

import (
	"bytes"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"reprint/generator/internal/output"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// projectDir copies the fixture project and the repository's real
// templates/ and static/ into a temporary folder, so that the golden files
// pin what the shipped templates produce.
func projectDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/project")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"templates", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func buildMemory(t *testing.T, opts Options) *output.Memory {
	t.Helper()
	mem := output.NewMemory()
	if _, err := Build(opts, mem); err != nil {
		t.Fatal(err)
	}
	return mem
}

func TestGolden(t *testing.T) {
	mem := buildMemory(t, Options{Root: projectDir(t)})
	names := mem.Names()
	sort.Strings(names)
	var static = map[string]bool{"style.css": true, "favicon.svg": true}
	var listing []string
	for _, name := range names {
		listing = append(listing, name)
		if static[name] {
			continue
		}
		got, _ := mem.Get(name)
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: no golden file (run go test -update): %v", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff)", name, golden)
		}
	}
	wantList := []string{
		"2014/05/beta/index.html", "2014/06/alpha.html", "2014/06/alpha/index.html", "404.html",
		"_redirects", "favicon.svg", "feed.xml", "index.html", "old/alpha/index.html",
		"robots.txt", "sitemap.xml", "style.css",
	}
	if strings.Join(listing, " ") != strings.Join(wantList, " ") {
		t.Errorf("files:\n got %v\nwant %v", listing, wantList)
	}
}

// TestNoScript checks that no page runs JavaScript: the one <script> a
// page may carry is its JSON-LD data block.
func TestNoScript(t *testing.T) {
	mem := buildMemory(t, Options{Root: projectDir(t)})
	for _, name := range mem.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		data, _ := mem.Get(name)
		n := bytes.Count(data, []byte("<script"))
		ld := bytes.Count(data, []byte(`<script type="application/ld+json">`))
		if n != ld {
			t.Errorf("%s: %d <script> elements, only %d of them JSON-LD", name, n, ld)
		}
	}
}

func TestDeterministic(t *testing.T) {
	dir := projectDir(t)
	a := buildMemory(t, Options{Root: dir})
	b := buildMemory(t, Options{Root: dir})
	for _, name := range a.Names() {
		x, _ := a.Get(name)
		y, ok := b.Get(name)
		if !ok || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	if len(a.Names()) != len(b.Names()) {
		t.Errorf("builds wrote %d and %d files", len(a.Names()), len(b.Names()))
	}
}

func TestNoBaseURL(t *testing.T) {
	dir := projectDir(t)
	if err := os.WriteFile(filepath.Join(dir, "content", "site.yaml"), []byte("title: No base\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mem := output.NewMemory()
	res, err := Build(Options{Root: dir}, mem)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notices) != 1 {
		t.Errorf("notices = %q, want one saying what was left out", res.Notices)
	}
	for _, name := range []string{"feed.xml", "sitemap.xml"} {
		if _, ok := mem.Get(name); ok {
			t.Errorf("%s written without a base URL", name)
		}
	}
	for _, name := range mem.Names() {
		data, _ := mem.Get(name)
		if bytes.Contains(data, []byte("rel=\"canonical\"")) || bytes.Contains(data, []byte("og:url")) {
			t.Errorf("%s has an absolute URL without a base URL", name)
		}
	}
}

// TestLinksResolve builds the fixture and checks the committed public/:
// every internal href and src must resolve when the site is served at the
// root, under a subpath, and opened from disk.
func TestLinksResolve(t *testing.T) {
	built := t.TempDir()
	stage, err := output.Stage(filepath.Join(built, "public"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Options{Root: projectDir(t)}, stage); err != nil {
		t.Fatal(err)
	}
	if err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	sites := map[string]string{"fixture": filepath.Join(built, "public")}
	if _, err := os.Stat("../../../public/index.html"); err == nil {
		sites["committed public/"] = "../../../public"
	}
	for label, dir := range sites {
		t.Run(label, func(t *testing.T) {
			links := internalLinks(t, dir)
			if len(links) == 0 {
				t.Fatal("found no links at all")
			}
			for _, prefix := range []string{"/", "/a/sub/path/"} {
				srv := httptest.NewServer(http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir))))
				broken := 0
				for _, l := range links {
					u := srv.URL + prefix + l.resolved
					resp, err := http.Get(u)
					if err != nil || resp.StatusCode != http.StatusOK {
						broken++
						t.Errorf("served at %s: %s links to %q: %v %v", prefix, l.page, l.href, err, resp.Status)
					}
					if resp != nil {
						resp.Body.Close()
					}
				}
				srv.Close()
				t.Logf("served at %s: %d links, %d broken", prefix, len(links), broken)
			}
			broken := 0
			for _, l := range links {
				target := filepath.Join(dir, filepath.FromSlash(l.resolved))
				if info, err := os.Stat(target); err != nil || info.IsDir() {
					broken++
					t.Errorf("from disk: %s links to %q, which is not a file", l.page, l.href)
				}
			}
			t.Logf("opened from disk: %d links, %d broken", len(links), broken)
		})
	}
}

type link struct{ page, href, resolved string }

// internalLinks collects every relative href/src of every page, resolved
// to a path below the site root. A link that climbs above the root is
// reported as broken, since under a subpath it would leave the site.
func internalLinks(t *testing.T, dir string) []link {
	t.Helper()
	var links []link
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		page := filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		z := html.NewTokenizer(bytes.NewReader(data))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			for {
				k, v, more := z.TagAttr()
				if key := string(k); key == "href" || key == "src" {
					if l, ok := resolve(t, page, string(v)); ok {
						links = append(links, l)
					}
				}
				if !more {
					break
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return links
}

func resolve(t *testing.T, page, href string) (link, bool) {
	u, err := url.Parse(href)
	if err != nil {
		t.Errorf("%s: unparsable link %q", page, href)
		return link{}, false
	}
	if u.Scheme != "" || u.Host != "" || u.Path == "" {
		return link{}, false // external, or a fragment of this page
	}
	if strings.HasPrefix(u.Path, "/") {
		t.Errorf("%s: root-relative link %q breaks under a subpath", page, href)
		return link{}, false
	}
	joined := path.Join(path.Dir(page), u.Path)
	if strings.HasPrefix(joined, "../") || joined == ".." {
		t.Errorf("%s: link %q leaves the site", page, href)
		return link{}, false
	}
	return link{page: page, href: href, resolved: joined}, true
}

func TestWriteURLSet(t *testing.T) {
	urls := []sitemapURL{{Loc: "https://e.org/a&b/", LastMod: "2014-06-02"}, {Loc: "https://e.org/"}}
	want, err := marshalXML(urlset{URLs: urls})
	if err != nil {
		t.Fatal(err)
	}
	var entries [][]byte
	for _, u := range urls {
		entries = append(entries, sitemapEntry(u))
	}
	if got := writeURLSet(entries); !bytes.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestParallelSameAsSerial: rendering across the cores changes nothing in
// the output. The site is the fixture plus enough generated posts to keep
// both workers busy.
func TestParallelSameAsSerial(t *testing.T) {
	dir := projectDir(t)
	for i := range 60 {
		post := fmt.Sprintf("---\ntitle: Post %d\ndate: 2013-%02d-%02d\ncorrected: 2026-11-26\n---\nText {~~%d~>%d~~}{>>note %d<<} and *more*.\n", i, i%12+1, i%28+1, i, i+1, i)
		if err := os.WriteFile(filepath.Join(dir, "content", "posts", fmt.Sprintf("gen-%02d.md", i)), []byte(post), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	prev := runtime.GOMAXPROCS(1)
	serial := buildMemory(t, Options{Root: dir})
	runtime.GOMAXPROCS(max(prev, 4))
	parallel := buildMemory(t, Options{Root: dir})
	runtime.GOMAXPROCS(prev)
	sameSite(t, parallel, serial)
}
