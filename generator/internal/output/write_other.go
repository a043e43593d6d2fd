//go:build !unix

package output

import (
	"os"
	"path/filepath"
)

// stagingDir is the staging folder; elsewhere than on Unix, files are
// made through their full paths.
type stagingDir struct{ path string }

func openStagingDir(path string) (*stagingDir, error) { return &stagingDir{path: path}, nil }

// mkdir makes the folder rel (slash-separated) whose parent exists.
func (d *stagingDir) mkdir(rel string) error {
	if err := os.Mkdir(filepath.Join(d.path, filepath.FromSlash(rel)), 0o755); err != nil && !os.IsExist(err) {
		return err
	}
	return nil
}

// writeFile creates rel, which must not exist yet, and writes data to it.
func (d *stagingDir) writeFile(rel string, data []byte) error {
	f, err := os.OpenFile(filepath.Join(d.path, filepath.FromSlash(rel)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (d *stagingDir) close() {}
