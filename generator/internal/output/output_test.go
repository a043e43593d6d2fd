package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStageCommit(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	for round, files := range []map[string]string{
		{"index.html": "one", "a/b.html": "b", "gone.txt": "x"},
		{"index.html": "two", "a/b.html": "b2"},
	} {
		s, err := Stage(target)
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			if err := s.WriteFile(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			got, err := os.ReadFile(filepath.Join(target, name))
			if err != nil || string(got) != data {
				t.Errorf("round %d: %s = %q, %v", round, name, got, err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(target, "gone.txt")); !os.IsNotExist(err) {
		t.Error("a file the new build does not write survived")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestStageAbortKeepsTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	os.MkdirAll(target, 0o755)
	os.WriteFile(filepath.Join(target, "index.html"), []byte("old"), 0o644)
	s, err := Stage(target)
	if err != nil {
		t.Fatal(err)
	}
	s.WriteFile("index.html", []byte("new"))
	s.Abort()
	got, _ := os.ReadFile(filepath.Join(target, "index.html"))
	if string(got) != "old" {
		t.Errorf("target changed by an aborted build: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestStageRemovesStale(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, stagingPrefix+"public-123")
	os.MkdirAll(stale, 0o755)
	s, err := Stage(filepath.Join(dir, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("a killed build's staging folder was not cleaned up")
	}
}

func TestWriteFileRefuses(t *testing.T) {
	s, err := Stage(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	for _, name := range []string{"", "/etc/passwd", "../x", "a/../../x", "a\\b", "./a", "a//b", ".."} {
		if err := s.WriteFile(name, nil); err == nil {
			t.Errorf("WriteFile(%q) accepted", name)
		}
	}
	if err := s.WriteFile("x.html", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("x.html", nil); err == nil || !strings.Contains(err.Error(), "two outputs write x.html") {
		t.Errorf("second write of one name: %v", err)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "post.md")
	for _, data := range []string{"first", "second"} {
		if err := WriteFileAtomic(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(name)
		if string(got) != data {
			t.Errorf("got %q, want %q", got, data)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}
