//go:build !linux

package output

import "os"

// swap exchanges two folders with two renames. Between them the target is
// briefly absent (never mixed): systems other than Linux offer no portable
// atomic exchange of folders.
func swap(a, b string) error {
	tmp := a + ".old"
	if err := os.Rename(b, tmp); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		_ = os.Rename(tmp, b)
		return err
	}
	return os.Rename(tmp, a)
}
