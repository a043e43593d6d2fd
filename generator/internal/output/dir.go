package output

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// stagingPrefix names the folders a build stages in. They sit next to the
// target folder so that the final rename stays on one file system.
const stagingPrefix = ".reprint-staging-"

// Staging is a build in progress: a private folder that becomes the
// target folder on Commit.
type Staging struct {
	target string
	dir    string
	open   *stagingDir // dir, open for writing into

	mu      sync.Mutex
	written map[string]bool
	dirs    map[string]bool // folders already made
}

// Stage starts a build that will replace target. It first removes staging
// folders left by builds that were killed before they could clean up.
func Stage(target string) (*Staging, error) {
	target = filepath.Clean(target)
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(parent, filepath.Base(target))
	dir, err := os.MkdirTemp(parent, stagingPrefix+filepath.Base(target)+"-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	open, err := openStagingDir(dir)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	return &Staging{target: target, dir: dir, open: open, written: map[string]bool{}, dirs: map[string]bool{".": true}}, nil
}

// removeStale deletes staging folders of earlier, interrupted builds of the
// same target. A folder whose build is still running is removed too; two
// builds of one target at once are not supported.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), stagingPrefix+base+"-") {
			_ = os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// WriteFile implements Writer. Writing the same name twice is an error: two
// pages, or a page and a static file, that claim one path would otherwise
// let the last one silently win.
//
// Names are checked by CheckName, and the staging folder is new and holds
// only what WriteFile made, so no link inside it can lead a write out of
// it; plain file calls are safe here and much cheaper than os.Root's
// per-component checks on a site of many thousands of files.
func (s *Staging) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	s.mu.Lock()
	if s.written[name] {
		s.mu.Unlock()
		return fmt.Errorf("two outputs write %s", name)
	}
	s.written[name] = true
	s.mu.Unlock()
	if err := s.makeDir(path.Dir(name)); err != nil {
		return err
	}
	return s.open.writeFile(name, data)
}

// makeDir makes the folder dir of the site and those of its parents not
// made yet, each with one mkdir relative to the staging folder, and
// remembers them: most folders are one level below one already made (a
// post's folder in its month), so a site of many thousands of folders
// costs one system call per folder.
func (s *Staging) makeDir(dir string) error {
	s.mu.Lock()
	made := s.dirs[dir]
	s.mu.Unlock()
	if made {
		return nil
	}
	if err := s.makeDir(path.Dir(dir)); err != nil {
		return err
	}
	if err := s.open.mkdir(dir); err != nil {
		return err
	}
	s.mu.Lock()
	s.dirs[dir] = true
	s.mu.Unlock()
	return nil
}

// Commit makes the staged build the target, atomically where the system
// allows (see swap), and removes the previous build.
func (s *Staging) Commit() error {
	s.open.close()
	if _, err := os.Lstat(s.target); errors.Is(err, os.ErrNotExist) {
		return os.Rename(s.dir, s.target)
	}
	if err := swap(s.dir, s.target); err != nil {
		return fmt.Errorf("replace %s: %w", s.target, err)
	}
	// s.dir now holds the previous build.
	return os.RemoveAll(s.dir)
}

// Abort discards the staged build; the target is untouched.
func (s *Staging) Abort() {
	s.open.close()
	_ = os.RemoveAll(s.dir)
}
