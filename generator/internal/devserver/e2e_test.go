package devserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"reprint/generator/internal/output"
	"reprint/generator/internal/site"
	"reprint/generator/internal/synthetic"
)

// project copies the fixture project and the repository's real templates/
// and static/ into a temporary folder, so the preview is tested on the
// pages the shipped templates make.
func project(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/project")); err != nil {
		t.Fatal(err)
	}
	copyInputs(t, dir)
	return dir
}

func copyInputs(t testing.TB, dir string) {
	t.Helper()
	for _, d := range []string{"templates", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
}

// syncBuffer collects a server's output while the server writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type running struct {
	url    string
	srv    *Server
	stdout *syncBuffer
	stderr *syncBuffer
	stop   func() // cancels Serve and checks it returned nil
}

// start runs the whole preview, watcher included, on a free loopback port.
func start(t *testing.T, root string) *running {
	t.Helper()
	r := &running{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	srv, err := New(Config{Root: root, Stdout: r.stdout, Stderr: r.stderr})
	if err != nil {
		t.Fatal(err)
	}
	r.srv = srv
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.url = URL(ln.Addr())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	var once sync.Once
	r.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Error("Serve did not return 10 s after its context ended")
			}
		})
	}
	t.Cleanup(r.stop)
	return r
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body), resp.Header
}

// stream is a page's view of the event stream.
type stream struct {
	events chan event
	close  func()
}

func listen(t *testing.T, base, since string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"_reprint/events?since="+since, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream Content-Type = %q", ct)
	}
	s := &stream{events: make(chan event, 16)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var e event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.Kind != "" {
					s.events <- e
				}
				e = event{}
			case strings.HasPrefix(line, "id: "):
				e.ID = line[4:]
			case strings.HasPrefix(line, "event: "):
				e.Kind = line[7:]
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(line[6:]), &e.Data)
			}
		}
	}()
	s.close = cancel
	t.Cleanup(cancel)
	return s
}

func (s *stream) next(t *testing.T, within time.Duration) event {
	t.Helper()
	select {
	case e := <-s.events:
		return e
	case <-time.After(within):
		t.Fatalf("no event within %s", within)
	}
	return event{}
}

var buildAttr = regexp.MustCompile(`<script src="/_reprint/reload.js" data-build="([^"]+)" defer></script>`)

func edit(t *testing.T, root, name, old, new string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte(old)) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(p, bytes.Replace(src, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEditReloadErrorRecover is issue 5's end-to-end test: one server,
// never restarted, through an edit, a broken post, its fix and a
// stylesheet change, with public/ untouched throughout.
func TestEditReloadErrorRecover(t *testing.T) {
	root := project(t)
	const post = "content/posts/alpha.md"
	const page = "2014/06/alpha/"

	// A committed build, as a project has, to prove serve leaves it be.
	stage, err := output.Stage(filepath.Join(root, "public"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := site.Build(site.Options{Root: root}, stage); err != nil {
		t.Fatal(err)
	}
	if err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, filepath.Join(root, "public"))

	srv := start(t, root)
	status, body, _ := get(t, srv.url+page)
	if status != 200 || !strings.Contains(body, "The original sentence") {
		t.Fatalf("GET %s = %d, want the post:\n%s", page, status, body)
	}
	m := buildAttr.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("served page has no reload script:\n%s", body)
	}
	events := listen(t, srv.url, m[1])

	// 1. An edit reaches the browser, event and new text, within a second.
	begin := time.Now()
	edit(t, root, post, "The original sentence", "The edited sentence")
	e := events.next(t, time.Second)
	if e.Kind != "reload" || len(e.Data) != 1 || e.Data[0] != post {
		t.Errorf("event after the edit = %+v, want a reload naming %s", e, post)
	}
	status, body, _ = get(t, srv.url+page)
	latency := time.Since(begin)
	if status != 200 || !strings.Contains(body, "The edited sentence") {
		t.Fatalf("after the edit: GET = %d without the new text:\n%s", status, body)
	}
	if latency > time.Second {
		t.Errorf("edit to new text took %s, want under 1 s", latency)
	}
	t.Logf("edit -> reload event -> new text served: %s", latency.Round(time.Millisecond))
	if !strings.Contains(srv.stdout.String(), post+": rebuilt") || !strings.Contains(srv.stdout.String(), "(1 post rendered)") {
		t.Errorf("no rebuild line for the edit in:\n%s", srv.stdout)
	}

	// 2. Broken front matter: the error page, with file, line and source.
	edit(t, root, post, "date: 2014-06-02", "date: 2014-13-45")
	if e := events.next(t, time.Second); e.Kind != "reload" {
		t.Errorf("event after breaking the post = %+v, want reload", e)
	}
	status, body, hdr := get(t, srv.url+page)
	if status != http.StatusInternalServerError {
		t.Errorf("broken post: status %d, want 500", status)
	}
	for _, want := range []string{
		post + ":3:7: ",               // path:line:col
		"date: 2014-13-45",            // the offending line
		`<span class="caret">      ^`, // under column 7
		`src="/_reprint/reload.js"`,   // so the fix brings the page back
	} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q:\n%s", want, body)
		}
	}
	if ct := hdr.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("error page Content-Type = %q", ct)
	}
	if status, _, _ := get(t, srv.url+"2014/05/beta/"); status != 500 {
		t.Errorf("other page while broken: status %d, want the error page (500)", status)
	}
	if status, css, _ := get(t, srv.url+"style.css"); status != 200 || css == "" {
		t.Errorf("stylesheet while broken: status %d, want the last good one", status)
	}
	if !strings.Contains(srv.stderr.String(), post+":3:7: ") {
		t.Errorf("the error is not on stderr:\n%s", srv.stderr)
	}

	// 3. The fix brings the page back, same server.
	edit(t, root, post, "date: 2014-13-45", "date: 2014-06-02")
	if e := events.next(t, time.Second); e.Kind != "reload" {
		t.Errorf("event after the fix = %+v, want reload", e)
	}
	status, body, _ = get(t, srv.url+page)
	if status != 200 || !strings.Contains(body, "The edited sentence") {
		t.Fatalf("after the fix: GET = %d:\n%s", status, body)
	}

	// 4. A stylesheet alone is swapped, not reloaded.
	edit(t, root, "static/style.css", "{", "{ outline: 0;")
	if e := events.next(t, time.Second); e.Kind != "css" || len(e.Data) != 1 || e.Data[0] != "style.css" {
		t.Errorf("event after a CSS edit = %+v, want css [style.css]", e)
	}
	if _, css, _ := get(t, srv.url+"style.css"); !strings.Contains(css, "outline: 0;") {
		t.Error("the new stylesheet is not served")
	}

	srv.stop()
	if after := treeHash(t, filepath.Join(root, "public")); after != before {
		t.Error("public/ changed during the serve session")
	}
	filepath.WalkDir(filepath.Join(root, "public"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, _ := os.ReadFile(p); bytes.Contains(data, []byte("/_reprint/")) {
				t.Errorf("%s contains the preview's reload script", p)
			}
		}
		return nil
	})
}

// TestWatchEditorSaves covers saves that are not a plain write: through a
// temporary file and a rename, with swap and backup files around, and a
// post in a folder created after the server started.
func TestWatchEditorSaves(t *testing.T) {
	root := project(t)
	srv := start(t, root)
	_, body, _ := get(t, srv.url)
	events := listen(t, srv.url, buildAttr.FindStringSubmatch(body)[1])
	posts := filepath.Join(root, "content", "posts")

	// vim: a swap file, a backup by rename, the new file, the backup gone.
	swp := filepath.Join(posts, ".alpha.md.swp")
	os.WriteFile(swp, []byte("swap"), 0o644)
	os.Rename(filepath.Join(posts, "alpha.md"), filepath.Join(posts, "alpha.md~"))
	src, _ := os.ReadFile(filepath.Join(posts, "alpha.md~"))
	os.WriteFile(filepath.Join(posts, "alpha.md"), bytes.Replace(src, []byte("original"), []byte("renamed-save"), 1), 0o644)
	os.Remove(filepath.Join(posts, "alpha.md~"))
	os.WriteFile(filepath.Join(posts, "4913"), nil, 0o644)
	os.Remove(filepath.Join(posts, "4913"))
	os.Remove(swp)
	e := events.next(t, time.Second)
	if e.Kind != "reload" || fmt.Sprint(e.Data) != "[content/posts/alpha.md]" {
		t.Errorf("vim-style save: event %+v, want one reload for alpha.md alone", e)
	}

	// A tool that writes a temporary file and renames it over the post.
	tmp := filepath.Join(posts, "sedAb12Cd")
	src, _ = os.ReadFile(filepath.Join(posts, "beta.md"))
	os.WriteFile(tmp, bytes.Replace(src, []byte("stays as it is"), []byte("was renamed in"), 1), 0o644)
	os.Rename(tmp, filepath.Join(posts, "beta.md"))
	if e := events.next(t, time.Second); fmt.Sprint(e.Data) != "[content/posts/beta.md]" {
		t.Errorf("temp+rename save: event %+v, want beta.md alone (the temporary file never existed for the site)", e)
	}
	if _, body, _ := get(t, srv.url+"2014/05/beta/"); !strings.Contains(body, "was renamed in") {
		t.Error("temp+rename save did not show")
	}

	// A new folder, then a post in it.
	deep := filepath.Join(posts, "2015", "new")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	// No pause: the post may be written before the watcher has added the
	// new folders, which it must notice by looking inside them.
	os.WriteFile(filepath.Join(deep, "gamma.md"), []byte("---\ntitle: Gamma\ndate: 2015-03-04\n---\n\nA post in a new folder.\n"), 0o644)
	if e := events.next(t, time.Second); fmt.Sprint(e.Data) != "[content/posts/2015/new/gamma.md]" {
		t.Errorf("post in a new folder: event %+v", e)
	}
	if status, body, _ := get(t, srv.url+"2015/03/gamma/"); status != 200 || !strings.Contains(body, "A post in a new folder.") {
		t.Errorf("post in a new folder: GET = %d", status)
	}

	// Every one of those was an incremental rebuild of one post.
	for _, line := range strings.Split(strings.TrimSpace(srv.stdout.String()), "\n")[2:] {
		if !strings.Contains(line, "(1 post rendered)") {
			t.Errorf("rebuild line %q: want exactly 1 post rendered", line)
		}
	}
}

// treeHash is synthetic.TreeHash of dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h, err := synthetic.TreeHash(dir)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
