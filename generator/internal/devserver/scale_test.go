package devserver

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// largeProject writes a site of n posts, on /dev/shm when the machine has
// it: creating and deleting tens of thousands of files is slow on some
// disks, and this test measures the preview, not the disk.
func largeProject(t *testing.T, n int) string {
	t.Helper()
	var root string
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		dir, err := os.MkdirTemp("/dev/shm", "reprint-devserver-")
		if err == nil {
			root = dir
			t.Cleanup(func() { os.RemoveAll(dir) })
		}
	}
	if root == "" {
		root = t.TempDir()
	}
	posts := filepath.Join(root, "content", "posts")
	if err := os.MkdirAll(posts, 0o755); err != nil {
		t.Fatal(err)
	}
	site, err := os.ReadFile("testdata/project/content/site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content", "site.yaml"), site, 0o644); err != nil {
		t.Fatal(err)
	}
	copyInputs(t, root)
	day := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		date := day.AddDate(0, 0, i).Format("2006-01-02")
		src := fmt.Sprintf(`---
title: "Generated post %[1]d"
date: %[2]s
author: Staff Reporter
publication: Example Times
description: "Post %[1]d of a generated site."
---

Post number %[1]d. Chinese banks are moving their systems to a local cloud
provider, a change that *reporters* followed for months.

> [!figure]
> A caption for post %[1]d. (Photo/CFP)

A second paragraph, with [a link](https://example.com/%[1]d) and some more
text so that every post has a body of realistic length to convert.
`, i, date)
		if err := os.WriteFile(filepath.Join(posts, fmt.Sprintf("post-%05d.md", i)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestLargeSiteOneEdit: in a 10,000-post site, an edit to one post goes
// through the server's rebuild path (the one the watcher feeds) and
// renders that post alone. Counted, not timed; the time is logged.
func TestLargeSiteOneEdit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10,000-post site")
	}
	const n = 10000
	begin := time.Now()
	root := largeProject(t, n)
	generated := time.Since(begin)

	var out syncBuffer
	begin = time.Now()
	s, err := New(Config{Root: root, Stdout: &out, Stderr: &out})
	if err != nil {
		t.Fatal(err)
	}
	if s.err != nil {
		t.Fatal(s.err)
	}
	built := time.Since(begin)

	// Five edits to different posts, each through the rebuild path, so
	// the logged time is a median rather than one sample.
	var took []time.Duration
	day := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 5000; i < 5005; i++ {
		post := fmt.Sprintf("content/posts/post-%05d.md", i)
		edit(t, root, post, fmt.Sprintf("Post number %d.", i), fmt.Sprintf("Post number %d, edited.", i))
		rep := s.Rebuild([]string{post})
		if rep.Err != nil {
			t.Fatal(rep.Err)
		}
		if rep.Result.PostsRendered != 1 {
			t.Errorf("an edit to %s rendered %d posts, want 1", post, rep.Result.PostsRendered)
		}
		took = append(took, rep.Took)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", day.AddDate(0, 0, i).Format("/2006/01/")+fmt.Sprintf("post-%05d/", i), nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), fmt.Sprintf("Post number %d, edited.", i)) {
			t.Errorf("edited post %d: status %d, without the new text", i, rec.Code)
		}
	}
	sorted := slices.Clone(took)
	slices.Sort(sorted)
	t.Logf("%d posts: generated in %s, first build %s; one-post rebuilds %v, median %s",
		n, generated.Round(time.Millisecond), built.Round(time.Millisecond), took, sorted[len(sorted)/2].Round(10*time.Microsecond))
	t.Logf("server said: %s", strings.TrimSpace(out.String()))
}
