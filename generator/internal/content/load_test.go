package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// plainFS hides the os.Root behind another type, so that Load takes the
// portable path through fs.FS only.
type plainFS struct{ fs.FS }

func (f plainFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.FS, name) }

// TestLoadRoot: reading posts through an os.Root (the fast path on Linux)
// gives the same posts and the same errors as reading them through fs.FS.
func TestLoadRoot(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		name = filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	symlink := func(old, name string) {
		t.Helper()
		if err := os.Symlink(old, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skip("no symbolic links:", err)
		}
	}
	post := func(title string) string { return "---\ntitle: " + title + "\ndate: 2014-06-02\n---\nText.\n" }
	write(SiteFile, "title: T\n")
	write("content/posts/a.md", post("A"))
	write("content/posts/2014/b.md", "\uFEFF"+strings.ReplaceAll(post("B"), "\n", "\r\n"))
	write("content/posts/empty.md", "")
	write("content/posts/bad.md", "---\ntitle: [x\n---\n")
	write("content/posts/dir.md/c.md", post("C"))
	write("content/posts/.hidden.md", post("Hidden"))
	write("content/other.md", post("Other"))
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte(post("Secret")), 0o644); err != nil {
		t.Fatal(err)
	}
	symlink("../other.md", "content/posts/inside.md")
	symlink("a.md", "content/posts/same.md")
	symlink(filepath.Join(outside, "secret.md"), "content/posts/outside.md")
	symlink("loop.md", "content/posts/loop.md")
	symlink("nowhere.md", "content/posts/dangling.md")
	symlink("2014", "content/posts/linked-dir.md")
	big := filepath.Join(dir, "content/posts/big.md")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, maxFileSize+1); err != nil {
		t.Fatal(err)
	}

	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	got, gotErr := Load(root.FS())
	want, wantErr := Load(plainFS{root.FS()})
	if got != nil || want != nil {
		t.Fatalf("Load gave a project despite errors: %v, %v", got, want)
	}
	all := func(err error) string {
		var lines []string
		for _, e := range AsList(err) {
			lines = append(lines, e.Error())
		}
		return strings.Join(lines, "\n")
	}
	if gotErr == nil || wantErr == nil || all(gotErr) != all(wantErr) {
		t.Fatalf("errors through os.Root:\n%s\nthrough fs.FS:\n%s", all(gotErr), all(wantErr))
	}
	for _, msg := range []string{
		"content/posts/outside.md: is a link to somewhere outside the project: copy the file in instead",
		"content/posts/loop.md: is a symbolic link loop",
		"content/posts/dangling.md: no such file or directory",
		"content/posts/big.md: file is 8 MB, more than the 8 MB a post may be: is it really an article?",
		"content/posts/linked-dir.md: not a regular file",
		"content/posts/bad.md:3:1: YAML syntax error",
		"content/posts/empty.md:1:1: missing front matter",
	} {
		if !strings.Contains(all(gotErr), msg) {
			t.Errorf("no error %q in:\n%s", msg, all(gotErr))
		}
	}

	// Without the broken files, both ways give the same posts.
	for _, name := range []string{"outside.md", "loop.md", "dangling.md", "big.md", "linked-dir.md", "bad.md", "empty.md"} {
		os.Remove(filepath.Join(dir, "content/posts", name))
	}
	got, gotErr = Load(root.FS())
	want, wantErr = Load(plainFS{root.FS()})
	if gotErr != nil || wantErr != nil {
		t.Fatalf("errors: %v, %v", gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("posts through os.Root and through fs.FS differ:\n%+v\n%+v", got.Posts, want.Posts)
	}
	var titles []string
	for _, p := range got.Posts {
		titles = append(titles, p.File+"="+p.Title)
	}
	const wantTitles = "content/posts/2014/b.md=B content/posts/a.md=A content/posts/dir.md/c.md=C content/posts/inside.md=Other content/posts/same.md=A"
	if g := strings.Join(titles, " "); g != wantTitles {
		t.Errorf("posts: %s\nwant:  %s", g, wantTitles)
	}
}

// TestReadPostMissing: a missing post is fs.ErrNotExist, as callers of
// ReadPost test for.
func TestReadPostMissing(t *testing.T) {
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if _, err := ReadPost(root.FS(), "content/posts/x.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadPost of a missing file: %v, want fs.ErrNotExist", err)
	}
}
