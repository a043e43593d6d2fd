//go:build !linux

package content

import "io/fs"

// postsDir is the fast way to read posts, which exists only on Linux (see
// read_linux.go); elsewhere every post is read through the fs.FS.
type postsDir struct{}

func openPostsDir(fs.FS) *postsDir { return nil }

func (*postsDir) close() {}

func (*postsDir) read(string) ([]byte, bool) { return nil, false }

func (*postsDir) readDir(fs.FS, string) ([]fs.DirEntry, bool) { return nil, false }
