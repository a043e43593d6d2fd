// Package output writes a built site so that what a reader is served is
// never half-written: a build goes into a fresh staging folder next to the
// target, and only a complete build replaces the target, in one atomic
// rename. A failed or killed build leaves the previous site exactly as it
// was. Single files (an imported post) are written the same way: into a
// temporary file beside the target, synced, then renamed over it.
package output

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"sync"
)

// Writer receives the files of a site. Names are slash-separated paths
// relative to the site root, e.g. "2014/06/post/index.html". WriteFile
// must not keep data once it returns: builds reuse one buffer for page
// after page rather than allocating each page's anew.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Memory keeps a site in memory, for the preview server and tests.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty in-memory site.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile implements Writer.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	data = bytes.Clone(data)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = data
	return nil
}

// Get returns a file's content.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[name]
	return b, ok
}

// Remove deletes a file, for rebuilds that no longer produce it.
func (m *Memory) Remove(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, name)
}

// Names lists the files.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	return names
}

// CheckName refuses names that would leave the site folder or that no
// static host could serve.
func CheckName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || path.Clean(name) != name || name == "." || strings.HasPrefix(name, "../") || name == ".." {
		return fmt.Errorf("output path %q is not a clean path inside the site", name)
	}
	return nil
}

// Discard accepts every file and keeps none, for a build that only checks.
var Discard Writer = discard{}

type discard struct{}

func (discard) WriteFile(name string, _ []byte) error { return CheckName(name) }
