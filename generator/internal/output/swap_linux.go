package output

import "golang.org/x/sys/unix"

// swap exchanges two folders in one step (renameat2 RENAME_EXCHANGE), so
// there is no moment at which the target is missing or mixed.
func swap(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
