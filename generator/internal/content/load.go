package content

import (
	"errors"
	"fmt"
	"go/token"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// PostsDir holds the posts, relative to the project.
const PostsDir = "content/posts"

// maxFileSize bounds what is read as a post: a Markdown article is a few
// kilobytes; a file of more than this is a mistake (a dump, a binary).
const maxFileSize = 8 << 20

// Project is everything content/ holds.
type Project struct {
	Site  *Site
	Posts []*Post // sorted newest first, then by path
}

// Load reads content/site.yaml and every content/posts/**/*.md from the
// project folder fsys. Drafts are kept; the caller decides. Every problem in
// every file is returned at once.
func Load(fsys fs.FS) (*Project, error) {
	var errs ErrorList
	add := func(err error) {
		if list := AsList(err); list != nil {
			errs = append(errs, list...)
		} else {
			errs.Add(token.Position{}, err.Error())
		}
	}
	p := &Project{}
	var err error
	if p.Site, err = LoadSite(fsys); err != nil {
		add(err)
	}
	files, err := OpenPosts(fsys)
	if err != nil {
		add(err)
	}
	defer files.Close()
	posts := make([]*Post, len(files.Names))
	errs2 := make([]error, len(files.Names))
	parallel(len(files.Names), func(i int) { posts[i], errs2[i] = files.Read(files.Names[i]) })
	for i := range files.Names {
		if errs2[i] != nil {
			add(errs2[i])
		} else {
			p.Posts = append(p.Posts, posts[i])
		}
	}
	SortPosts(p.Posts)
	errs.Sort()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// LoadSite reads and parses content/site.yaml.
func LoadSite(fsys fs.FS) (*Site, error) {
	src, err := readFile(fsys, SiteFile)
	if err != nil {
		return nil, err
	}
	return ParseSite(SiteFile, src)
}

// PostFileSet is the post files of a project, to be read one by one: Load
// reads them all before it returns, while a build reads and renders each
// in turn, so that it never holds the text of every post at once.
type PostFileSet struct {
	Names []string // every content/posts/**/*.md, sorted
	fsys  fs.FS
	dir   *postsDir
}

// OpenPosts lists the post files of fsys. Close the set when done; it is
// never nil, and on error it holds the files that could be listed.
func OpenPosts(fsys fs.FS) (*PostFileSet, error) {
	set := &PostFileSet{fsys: fsys, dir: openPostsDir(fsys)}
	list := fsys
	if set.dir != nil {
		list = listFS{fsys, set.dir}
	}
	var err error
	set.Names, err = PostFiles(list)
	return set, err
}

// Read reads and parses the post name, one of Names. It is safe to call
// from several goroutines at once.
func (s *PostFileSet) Read(name string) (*Post, error) { return loadPost(s.fsys, s.dir, name) }

// Close releases the open posts folder.
func (s *PostFileSet) Close() { s.dir.close() }

// SortPosts orders posts newest first; posts of the same day by path, so
// the order never depends on the file system.
func SortPosts(posts []*Post) { slices.SortFunc(posts, ComparePosts) }

// ComparePosts is the order of SortPosts, for slices.SortFunc and
// slices.BinarySearchFunc.
func ComparePosts(a, b *Post) int {
	if c := b.Date.Compare(a.Date.Time); c != 0 {
		return c
	}
	return strings.Compare(a.File, b.File)
}

// PostFiles lists the Markdown files under content/posts in lexical order.
func PostFiles(fsys fs.FS) ([]string, error) {
	var names []string
	err := fs.WalkDir(fsys, PostsDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == PostsDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return fileError(name, err)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// fs.WalkDir does not follow links; a linked post is read
			// through the confined file system, which refuses links
			// that leave the project.
			if !strings.HasSuffix(name, ".md") {
				return nil
			}
		} else if d.IsDir() || !strings.HasSuffix(name, ".md") || strings.HasPrefix(path.Base(name), ".") {
			return nil
		}
		names = append(names, name)
		return nil
	})
	return names, err
}

func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fileError(name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fileError(name, err)
	}
	if !info.Mode().IsRegular() {
		return nil, &Error{Pos: token.Position{Filename: name}, Msg: "not a regular file"}
	}
	if info.Size() > maxFileSize {
		return nil, &Error{Pos: token.Position{Filename: name},
			Msg: fmt.Sprintf("file is %d MB, more than the %d MB a post may be: is it really an article?", info.Size()>>20, maxFileSize>>20)}
	}
	src := make([]byte, info.Size())
	if _, err := io.ReadFull(f, src); err != nil {
		return nil, fileError(name, err)
	}
	return src, nil
}

// fileError reports an I/O problem at the file, without the Go operation
// name and the absolute path that os errors carry.
func fileError(name string, err error) error {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		msg = "file not found"
		if name == SiteFile {
			msg = "file not found: the site settings (title, language, baseURL…) live here; see README.md"
		}
	case errors.Is(err, fs.ErrPermission):
		msg = "permission denied: make the file readable"
	case strings.Contains(msg, "path escapes"):
		msg = "is a link to somewhere outside the project: copy the file in instead"
	case strings.Contains(msg, "too many levels of symbolic links"):
		msg = "is a symbolic link loop"
	}
	return &Error{Pos: token.Position{Filename: name}, Msg: msg}
}

// ReadPost reads and parses one post file of fsys. A missing file gives an
// error that satisfies errors.Is(err, fs.ErrNotExist).
func ReadPost(fsys fs.FS, name string) (*Post, error) {
	src, err := readFile(fsys, name)
	if err != nil {
		if _, statErr := fs.Stat(fsys, name); errors.Is(statErr, fs.ErrNotExist) {
			return nil, statErr
		}
		return nil, err
	}
	return ParsePost(name, src)
}

// listFS is fsys, but lists the folders of content/posts through dir when
// it can.
type listFS struct {
	fs.FS
	dir *postsDir
}

func (l listFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if list, ok := l.dir.readDir(l.FS, name); ok {
		return list, nil
	}
	return fs.ReadDir(l.FS, name)
}

func (l listFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(l.FS, name) }

// loadPost is ReadPost, reading the file through dir when it can.
func loadPost(fsys fs.FS, dir *postsDir, name string) (*Post, error) {
	if src, ok := dir.read(name); ok {
		return ParsePost(name, src)
	}
	return ReadPost(fsys, name)
}

// parallel runs f(0) … f(n-1) across the cores. Reading and parsing ten
// thousand posts one by one would leave all but one core idle.
func parallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
