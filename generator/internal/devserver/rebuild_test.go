package devserver

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func fetch(s *Server, target string) (int, string) {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	return rec.Code, rec.Body.String()
}

// TestBrokenTemplateThenPostEdit: while a template is broken, an edit to a
// post must not look like a fix (an incremental rebuild with the old
// templates would succeed); the template stays owed until it builds.
func TestBrokenTemplateThenPostEdit(t *testing.T) {
	root := project(t)
	s, err := New(Config{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	const tmpl, post = "templates/post.html", "content/posts/alpha.md"

	edit(t, root, tmpl, "<article>", "<article>{{.Nope")
	rep := s.Rebuild([]string{tmpl})
	if rep.Err == nil {
		t.Fatal("a broken template built")
	}
	status, body := fetch(s, "/2014/06/alpha/")
	if status != 500 || !strings.Contains(body, "templates/post.html:") || !strings.Contains(body, "{{.Nope") {
		t.Errorf("broken template: status %d, want 500 naming templates/post.html and showing the line:\n%s", status, body)
	}

	edit(t, root, post, "The original sentence", "The edited sentence")
	if rep := s.Rebuild([]string{post}); rep.Err == nil {
		t.Error("a post edit hid the broken template")
	}
	if status, _ := fetch(s, "/2014/06/alpha/"); status != 500 {
		t.Errorf("after the post edit: status %d, want 500", status)
	}

	edit(t, root, tmpl, "<article>{{.Nope", "<article>")
	rep = s.Rebuild([]string{tmpl})
	if rep.Err != nil {
		t.Fatal(rep.Err)
	}
	if got := strings.Join(rep.Changed, " "); got != post+" "+tmpl {
		t.Errorf("the fix rebuilt %q, want the post and the template", got)
	}
	if status, body := fetch(s, "/2014/06/alpha/"); status != 200 || !strings.Contains(body, "The edited sentence") {
		t.Errorf("after the fix: status %d, without the edit", status)
	}
}

// TestFailedRebuildIsUndone: a rebuild that fails after writing some files
// leaves the site in memory exactly as the last good build made it.
func TestFailedRebuildIsUndone(t *testing.T) {
	root := project(t)
	s, err := New(Config{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	snapshot := func() map[string]string {
		m := map[string]string{}
		for _, n := range s.mem.Names() {
			b, _ := s.mem.Get(n)
			m[n] = string(b)
		}
		return m
	}
	before := snapshot()
	// The post renders (and is written) before the home page template
	// fails, so there is something to undo.
	edit(t, root, "content/posts/alpha.md", "The original sentence", "A half-built sentence")
	edit(t, root, "templates/home.html", "{{define \"main\"", "{{define \"main\"}}{{.Nope}}{{end}}{{define \"unused\"")
	if rep := s.Rebuild([]string{"content/posts/alpha.md", "templates/home.html"}); rep.Err == nil {
		t.Fatal("expected the home template to fail")
	}
	after := snapshot()
	if len(after) != len(before) {
		t.Errorf("%d files after the failed rebuild, %d before", len(after), len(before))
	}
	for n, b := range before {
		if after[n] != b {
			t.Errorf("%s changed although the rebuild failed", n)
		}
	}
}

func TestProblemsWithoutPosition(t *testing.T) {
	p := problems(t.TempDir(), errString("something went wrong"))
	if len(p) != 1 || p[0].Pos != "" || p[0].Msg != "something went wrong" {
		t.Errorf("problems = %+v", p)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func TestCaret(t *testing.T) {
	for _, tt := range []struct {
		line string
		col  int
		want string
	}{
		{"date: nope", 7, "      ^"},
		{"\tx: y", 2, "\t^"},
		{"é: x", 4, "  ^"}, // é is two bytes, one character
		{"abc", 0, ""},
		{"abc", 9, "   ^"},
	} {
		if got := caret(tt.line, tt.col); got != tt.want {
			t.Errorf("caret(%q, %d) = %q, want %q", tt.line, tt.col, got, tt.want)
		}
	}
}
