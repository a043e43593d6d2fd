package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// postBody reads the repository's real post and returns its Markdown body,
// the text after the YAML front matter, which is what Convert is given in a
// build.
func postBody(tb testing.TB) []byte {
	tb.Helper()
	paths, err := filepath.Glob("../../../content/posts/*.md")
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no post found: %v", err)
	}
	src, err := os.ReadFile(paths[0])
	if err != nil {
		tb.Fatal(err)
	}
	// The front matter runs from the first "---" line to the second.
	parts := bytes.SplitN(src, []byte("---\n"), 3)
	if len(parts) != 3 || len(parts[0]) != 0 {
		tb.Fatalf("%s: no front matter", paths[0])
	}
	return parts[2]
}

func BenchmarkConvert(b *testing.B) {
	src := postBody(b)
	c := New()
	opts := Options{Corrected: "2026-11-26"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Convert(src, opts); err != nil {
			b.Fatal(err)
		}
	}
}
