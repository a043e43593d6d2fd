package synthetic

import (
	"os"
	"path/filepath"
	"testing"
)

// Scratch is a temporary folder, removed when the test ends, on tmpfs
// (/dev/shm) where there is one: on these machines writing and deleting
// many thousands of files on the root file system slows it down for
// everything after, and a benchmark there would time the disk's history.
func Scratch(tb testing.TB) string {
	tb.Helper()
	parent := ""
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		parent = "/dev/shm"
	}
	dir, err := os.MkdirTemp(parent, "reprint-test-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// RealPost reads the repository's own post, the model of generated sites,
// from repo (the repository's root, relative to the test's package): its
// path and its whole file. The test is skipped when there is none.
func RealPost(tb testing.TB, repo string) (path string, src []byte) {
	tb.Helper()
	matches, _ := filepath.Glob(filepath.Join(repo, "content", "posts", "*.md"))
	if len(matches) == 0 {
		tb.Skip("no post under content/posts to model generated sites on")
	}
	src, err := os.ReadFile(matches[0])
	if err != nil {
		tb.Fatal(err)
	}
	return matches[0], src
}
