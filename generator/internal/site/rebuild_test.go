package site

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"reprint/generator/internal/output"
)

// applyRemovals deletes what a rebuild says is gone, as the preview does.
func applyRemovals(mem *output.Memory, res *Result) {
	for _, name := range res.Removed {
		mem.Remove(name)
	}
}

// sameSite fails unless two in-memory sites hold the same files.
func sameSite(t *testing.T, got, want *output.Memory) {
	t.Helper()
	g, w := got.Names(), want.Names()
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Fatalf("files differ:\n got %v\nwant %v", g, w)
	}
	for _, name := range w {
		a, _ := got.Get(name)
		b, _ := want.Get(name)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from a full build", name)
		}
	}
}

func TestRebuild(t *testing.T) {
	dir := projectDir(t)
	b := NewBuilder(Options{Root: dir})
	mem := output.NewMemory()
	res, err := b.Build(mem)
	if err != nil {
		t.Fatal(err)
	}
	if res.PostsRendered != 2 {
		t.Fatalf("full build rendered %d posts, want 2", res.PostsRendered)
	}
	edit := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Replace(src, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	full := func() *output.Memory {
		t.Helper()
		m := output.NewMemory()
		if _, err := Build(Options{Root: dir}, m); err != nil {
			t.Fatal(err)
		}
		return m
	}

	steps := []struct {
		name         string
		change       func()
		changed      []string
		wantRendered int
	}{
		{"edit one post's body", func() { edit("content/posts/alpha.md", "with a footnote", "with an edited footnote") },
			[]string{"content/posts/alpha.md"}, 1},
		{"edit one post's title", func() { edit("content/posts/beta.md", "title: Beta", "title: Beta, renamed") },
			[]string{"content/posts/beta.md"}, 1},
		{"delete a post", func() { os.Remove(filepath.Join(dir, "content/posts/alpha.md")) },
			[]string{"content/posts/alpha.md"}, 0},
		{"add a post", func() {
			os.WriteFile(filepath.Join(dir, "content/posts/gamma.md"), []byte("---\ntitle: Gamma\ndate: 2015-01-01\n---\nNew.\n"), 0o644)
		}, []string{"content/posts/gamma.md"}, 1},
		{"edit a template: full build", func() { edit("templates/post.html", "<article>", "<article class=\"x\">") },
			[]string{"templates/post.html"}, 2},
	}
	for _, s := range steps {
		s.change()
		res, err := b.Rebuild(mem, s.changed)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		applyRemovals(mem, res)
		if res.PostsRendered != s.wantRendered {
			t.Errorf("%s: rendered %d posts, want %d", s.name, res.PostsRendered, s.wantRendered)
		}
		sameSite(t, mem, full())
	}
	if _, ok := mem.Get("2014/06/alpha/index.html"); ok {
		t.Error("the deleted post's page is still there")
	}
}

// TestRebuildError keeps the previous state when an edit breaks a post,
// and recovers when it is fixed.
func TestRebuildError(t *testing.T) {
	dir := projectDir(t)
	b := NewBuilder(Options{Root: dir})
	mem := output.NewMemory()
	if _, err := b.Build(mem); err != nil {
		t.Fatal(err)
	}
	post := filepath.Join(dir, "content/posts/beta.md")
	good, _ := os.ReadFile(post)
	os.WriteFile(post, []byte(strings.Replace(string(good), "date: 2014-05-01", "date: nope", 1)), 0o644)
	if _, err := b.Rebuild(mem, []string{"content/posts/beta.md"}); err == nil || !strings.Contains(err.Error(), "content/posts/beta.md:3:7") {
		t.Fatalf("broken post: err = %v, want a positioned error", err)
	}
	os.WriteFile(post, good, 0o644)
	res, err := b.Rebuild(mem, []string{"content/posts/beta.md"})
	if err != nil {
		t.Fatal(err)
	}
	if res.PostsRendered != 1 {
		t.Errorf("fixed post: rendered %d posts, want 1", res.PostsRendered)
	}
}
