//go:build linux

package content

import (
	"io/fs"
	"os"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// The fast way to read posts: content/posts is opened once, through the
// project's os.Root, and each post is opened relative to it with openat2,
// refusing to leave the folder or to follow any symbolic link, then read
// with plain system calls: openat2, fstat, read, close (about 4 system calls
// a post, instead of about 14 through the os.Root walk and an os.File).
// The folders are listed from it too: an os.Root's ReadDir adds an lstat
// for every entry, where getdents already gives the type.
//
// Only the common case is handled here: a regular file, no link on the way,
// no bigger than maxFileSize, read whole without an error. Anything else
// (a link, a directory, a missing or unreadable file, an old kernel)
// returns !ok and the post is read again the portable way, which applies
// the project's rules and words the errors as always.

// rootFSType is the type of an os.Root's FS; the fast path is taken only
// for it, since only then is content/posts known to be inside the project.
var rootFSType = reflect.TypeOf((*os.Root)(nil).FS())

// noOpenat2 is set when the kernel lacks openat2 or a sandbox forbids it.
var noOpenat2 atomic.Bool

// postsDir is content/posts, open, for reading the posts in it.
type postsDir struct {
	f  *os.File
	fd int
}

// openPostsDir opens content/posts of fsys for the fast path, or returns
// nil when fsys is not an os.Root's FS or the folder cannot be opened.
func openPostsDir(fsys fs.FS) *postsDir {
	if noOpenat2.Load() || reflect.TypeOf(fsys) != rootFSType {
		return nil
	}
	f, err := fsys.Open(PostsDir)
	if err != nil {
		return nil
	}
	d := &postsDir{fd: -1}
	d.f, _ = f.(*os.File)
	if d.f != nil {
		if rc, err := d.f.SyscallConn(); err == nil {
			rc.Control(func(fd uintptr) { d.fd = int(fd) })
		}
	}
	if d.fd < 0 {
		f.Close()
		return nil
	}
	return d
}

func (d *postsDir) close() {
	if d != nil {
		d.f.Close()
	}
}

// read returns the content of the post name (a path that starts with
// content/posts/), or !ok when the portable path must decide.
func (d *postsDir) read(name string) (src []byte, ok bool) {
	if d == nil {
		return nil, false
	}
	rel, ok := strings.CutPrefix(name, PostsDir+"/")
	if !ok || rel == "" {
		return nil, false
	}
	fd, err := unix.Openat2(d.fd, rel, &unix.OpenHow{
		// O_NONBLOCK: opening a FIFO must not wait for a writer.
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOCTTY | unix.O_NONBLOCK,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS,
	})
	if err != nil {
		if err == unix.ENOSYS || err == unix.EPERM {
			noOpenat2.Store(true)
		}
		return nil, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size < 0 || st.Size > maxFileSize {
		return nil, false
	}
	src = make([]byte, st.Size)
	for off := 0; off < len(src); {
		n, err := unix.Read(fd, src[off:])
		if err == unix.EINTR {
			continue
		}
		if err != nil || n <= 0 {
			return nil, false
		}
		off += n
	}
	return src, true
}

// readDir lists the folder name (content/posts or one below it), sorted by
// name as fs.ReadDir does, or returns !ok when the portable path must.
func (d *postsDir) readDir(fsys fs.FS, name string) (list []fs.DirEntry, ok bool) {
	if d == nil {
		return nil, false
	}
	rel := "."
	if name != PostsDir {
		if rel, ok = strings.CutPrefix(name, PostsDir+"/"); !ok || rel == "" {
			return nil, false
		}
	}
	fd, err := unix.Openat2(d.fd, rel, &unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS,
	})
	if err != nil {
		return nil, false
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	osList, err := f.ReadDir(-1)
	if err != nil {
		return nil, false
	}
	slices.SortFunc(osList, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	entries := make([]dirEntry, len(osList))
	list = make([]fs.DirEntry, len(osList))
	for i, e := range osList {
		entries[i] = dirEntry{e, fsys, path.Join(name, e.Name())}
		list[i] = &entries[i]
	}
	return list, true
}

// dirEntry is an entry listed by postsDir.readDir. Its Info is read
// through the project's FS: os's own would look the name up relative to
// the working folder, which the project need not be.
type dirEntry struct {
	fs.DirEntry
	fsys fs.FS
	name string
}

func (e *dirEntry) Info() (fs.FileInfo, error) { return fs.Lstat(e.fsys, e.name) }
