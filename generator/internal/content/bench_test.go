package content

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"reprint/generator/internal/synthetic"
)

// realPost is the project's own post, the typical input, and its name
// as the build gives it.
func realPost(tb testing.TB) (name string, src []byte) {
	path, src := synthetic.RealPost(tb, "../../..")
	return PostsDir + "/" + filepath.Base(path), src
}

func BenchmarkParsePost(b *testing.B) {
	name, src := realPost(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParsePost(name, src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad loads a project of 2,000 copies of the real post, in memory
// (/dev/shm) where there is one, through an os.Root as the build does.
func BenchmarkLoad(b *testing.B) {
	_, src := realPost(b)
	site, err := os.ReadFile("../../../" + SiteFile)
	if err != nil {
		b.Fatal(err)
	}
	dir := synthetic.Scratch(b)
	const n = 2000
	posts := filepath.Join(dir, filepath.FromSlash(PostsDir))
	if err := os.MkdirAll(posts, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(SiteFile)), site, 0o644); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		if err := os.WriteFile(filepath.Join(posts, fmt.Sprintf("p%04d.md", i)), src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	b.ReportAllocs()
	for b.Loop() {
		p, err := Load(root.FS())
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Posts) != n {
			b.Fatalf("%d posts, want %d", len(p.Posts), n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/post")
}
