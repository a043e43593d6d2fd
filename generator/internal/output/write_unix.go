//go:build unix

package output

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// stagingDir is the staging folder held open, so that folders and files
// are made relative to it: the kernel resolves only the path inside the
// site, not every folder above it, and a file written once and closed
// needs no os.File. On a site of tens of thousands of files this saves
// about a third of the time spent writing.
type stagingDir struct {
	path string
	fd   int
}

func openStagingDir(path string) (*stagingDir, error) {
	fd, err := unix.Open(path, unix.O_DIRECTORY|unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return &stagingDir{path: path, fd: fd}, nil
}

// mkdir makes the folder rel (slash-separated) whose parent exists.
func (d *stagingDir) mkdir(rel string) error {
	if err := unix.Mkdirat(d.fd, rel, 0o755); err != nil && err != unix.EEXIST {
		return &os.PathError{Op: "mkdir", Path: filepath.Join(d.path, rel), Err: err}
	}
	return nil
}

// writeFile creates rel, which must not exist yet, and writes data to it.
func (d *stagingDir) writeFile(rel string, data []byte) (err error) {
	fd, err := unix.Openat(d.fd, rel, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return &os.PathError{Op: "open", Path: filepath.Join(d.path, rel), Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = unix.Write(fd, data)
		data = data[max(n, 0):]
	}
	if cerr := unix.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return &os.PathError{Op: "write", Path: filepath.Join(d.path, rel), Err: err}
	}
	return nil
}

func (d *stagingDir) close() { _ = unix.Close(d.fd) }
