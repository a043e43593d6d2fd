//go:build linux

package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestPostsDir: the fast path is taken for an os.Root's FS only, and reads
// a plain post but leaves every link, directory and missing file to the
// portable path.
func TestPostsDir(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, filepath.FromSlash(PostsDir))
	if err := os.MkdirAll(filepath.Join(posts, "sub.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(posts, "a.md"), []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.md", filepath.Join(posts, "link.md")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if d := openPostsDir(plainFS{root.FS()}); d != nil {
		t.Error("fast path taken for an FS that is not an os.Root's")
	}
	d := openPostsDir(root.FS())
	if d == nil {
		t.Skip("no fast path here (openat2 missing or forbidden?)")
	}
	defer d.close()
	if src, ok := d.read(PostsDir + "/a.md"); !ok || string(src) != "text" {
		t.Errorf("read a.md = %q, %v", src, ok)
	}
	for _, name := range []string{"link.md", "sub.md", "missing.md", "../site.yaml", "/etc/hostname"} {
		if src, ok := d.read(PostsDir + "/" + name); ok {
			t.Errorf("read %s = %q, ok: want the portable path", name, src)
		}
	}
}

func TestPostsDirList(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, filepath.FromSlash(PostsDir))
	for _, name := range []string{"b/c.md", "a.md", "b.md/x", "z.txt"} {
		name = filepath.Join(posts, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("b", filepath.Join(posts, "l")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	d := openPostsDir(root.FS())
	if d == nil {
		t.Skip("no fast path here")
	}
	defer d.close()
	for _, name := range []string{PostsDir, PostsDir + "/b", PostsDir + "/b.md"} {
		got, ok := d.readDir(root.FS(), name)
		want, err := fs.ReadDir(root.FS(), name)
		if !ok || err != nil || len(got) != len(want) {
			t.Fatalf("%s: %v %v, %d entries, want %d", name, ok, err, len(got), len(want))
		}
		for i := range got {
			gi, err1 := got[i].Info()
			wi, err2 := want[i].Info()
			if got[i].Name() != want[i].Name() || got[i].Type() != want[i].Type() || err1 != nil || err2 != nil || gi.Mode() != wi.Mode() || gi.Size() != wi.Size() {
				t.Errorf("%s: entry %d is %v (%v), want %v (%v)", name, i, got[i], err1, want[i], err2)
			}
		}
	}
	for _, name := range []string{PostsDir + "/l", PostsDir + "/a.md", PostsDir + "/none", "content"} {
		if _, ok := d.readDir(root.FS(), name); ok {
			t.Errorf("readDir %s: ok, want the portable path", name)
		}
	}
}
