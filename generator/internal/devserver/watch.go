package devserver

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchedDirs are the project folders whose changes trigger a rebuild.
// public/ is not among them: the preview never reads it, and watching
// the build's own output would loop.
var watchedDirs = []string{"content", "templates", "static"}

const (
	// quiet is how long the files must stay still before a rebuild.
	// Editors save in bursts (a temporary file, a rename, a backup, a
	// second write); 50 ms covers them and is below what a person notices.
	quiet = 50 * time.Millisecond
	// maxWait bounds the wait under a stream of events that never goes
	// quiet (a large copy into static/), so the preview still moves on.
	maxWait = time.Second
)

// change is one changed file: its name, slash-separated and relative to
// the project root (the form site.Builder.Rebuild takes), and whether it
// was created by the first event seen for it, so did not exist before.
type change struct {
	Name string
	New  bool
}

// watcher turns file system events under the project into changes.
type watcher struct {
	root  string
	fsw   *fsnotify.Watcher
	warnf func(format string, args ...any)
}

// newWatcher watches the project root (to see content/, templates/ or
// static/ appear or be replaced) and every folder inside the watched
// trees. fsnotify watches one folder at a time, so trees are walked here
// and new folders are added as they are created (see handle).
func newWatcher(root string, warnf func(string, ...any)) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fsw: fsw, warnf: warnf}
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, dir := range watchedDirs {
		w.addTree(filepath.Join(root, dir), nil)
	}
	return w, nil
}

// addTree watches dir and every folder below it. With found non-nil it
// also reports every file inside: a folder moved or copied in arrives as
// one Create event, and files written into a new folder before its watch
// was added would otherwise go unseen.
func (w *watcher) addTree(dir string, found func(string, bool)) {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // static/ may well not exist
			}
			w.warnf("cannot watch %s: %v", p, err)
			return nil
		}
		if d.IsDir() {
			if err := w.fsw.Add(p); err != nil {
				w.warnf("cannot watch %s: %v (changes in it will not show until the next rebuild)", p, err)
			}
			return nil
		}
		if found != nil {
			found(p, true)
		}
		return nil
	})
	if err != nil {
		w.warnf("cannot watch %s: %v", dir, err)
	}
}

// run sends changes on out until ctx is done, then closes out.
func (w *watcher) run(ctx context.Context, out chan<- change) {
	defer close(out)
	send := func(p string, created bool) {
		if name, ok := w.projectName(p); ok {
			select {
			case out <- change{name, created}:
			case <-ctx.Done():
			}
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.handle(ev, send)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: rebuild everything to be sure.
				w.warnf("too many changes at once to follow one by one: rebuilding the whole site")
				send(filepath.Join(w.root, "content"), false)
				continue
			}
			w.warnf("watching files: %v", err)
		}
	}
}

// handle reports what one event changed.
func (w *watcher) handle(ev fsnotify.Event, send func(string, bool)) {
	if ev.Op == fsnotify.Chmod {
		// Permission and time stamp changes (touch, indexers, backup
		// tools) do not change what the site says.
		return
	}
	if _, ok := w.projectName(ev.Name); !ok {
		return
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			w.addTree(ev.Name, send)
			return // an empty new folder changes nothing
		}
	}
	send(ev.Name, ev.Has(fsnotify.Create))
}

// projectName returns p relative to the root, slash-separated, if it is
// inside a watched folder and is not an editor's scratch file.
func (w *watcher) projectName(p string) (string, bool) {
	rel, err := filepath.Rel(w.root, p)
	if err != nil {
		return "", false
	}
	name := filepath.ToSlash(rel)
	top, _, _ := strings.Cut(name, "/")
	if !slices.Contains(watchedDirs, top) || ignored(name) {
		return "", false
	}
	return name, true
}

// ignored reports whether name is a file editors and tools make while
// saving, which is never part of the site. Skipping them keeps a save from
// turning into a full rebuild: any file that is not a post makes
// site.Builder.Rebuild start over.
func ignored(name string) bool {
	base := path.Base(name)
	ext := path.Ext(base)
	switch {
	case base == "4913": // vim's test that it may write in the folder
		return true
	case strings.HasSuffix(base, "~"): // vim and emacs backups
		return true
	case strings.HasPrefix(base, ".#"): // emacs lock files
		return true
	case len(base) > 2 && base[0] == '#' && strings.HasSuffix(base, "#"): // emacs auto-saves
		return true
	case base[0] == '.' && len(ext) == 4 && strings.HasPrefix(ext, ".sw") && (ext[3] >= 'a' && ext[3] <= 'p' || ext[3] == 'x'): // vim swap files: .x.md.swp, .swo, … .swa, .swx
		return true
	case strings.HasSuffix(base, ".kate-swp"),
		strings.HasPrefix(base, ".goutputstream-"), // GNOME's save-through-a-temporary-file
		strings.HasSuffix(base, "___jb_tmp___"),    // JetBrains safe write
		strings.HasSuffix(base, "___jb_old___"):
		return true
	case base[0] == '.' && strings.Contains(base, ".tmp-"): // output.WriteFileAtomic, used by import
		return true
	case base[0] == '.' && strings.HasPrefix(name, "content/posts/"):
		// The build skips hidden files among the posts.
		return true
	}
	return false
}

// coalesce gathers changes from in into batches: a batch goes out on
// out, sorted by name and one change per name, once nothing has arrived
// for quiet, or maxWait after its first change if changes never stop.
// Changes that arrive while out is not ready (a rebuild is running) join
// the waiting batch, so one rebuild follows a burst, never one per event.
// A name's first event in the batch decides its New. When in closes, the
// last batch is sent and out is closed.
func coalesce(in <-chan change, out chan<- []change, quiet, maxWait time.Duration) {
	defer close(out)
	pending := map[string]bool{} // name -> New
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	ready := false
	batch := func() []change {
		b := make([]change, 0, len(pending))
		for name, created := range pending {
			b = append(b, change{name, created})
		}
		slices.SortFunc(b, func(x, y change) int { return strings.Compare(x.Name, y.Name) })
		return b
	}
	for {
		var send chan<- []change
		var next []change
		if ready {
			send, next = out, batch()
		}
		select {
		case c, ok := <-in:
			if !ok {
				timer.Stop()
				if len(pending) > 0 {
					out <- batch()
				}
				return
			}
			if len(pending) == 0 {
				first = time.Now()
			}
			if _, seen := pending[c.Name]; !seen {
				pending[c.Name] = c.New
			}
			if !ready {
				wait := quiet
				if left := maxWait - time.Since(first); left < wait {
					wait = max(left, 0)
				}
				timer.Reset(wait)
			}
		case <-timer.C:
			ready = true
		case send <- next:
			clear(pending)
			ready = false
		}
	}
}

// settle returns the names of a batch that the build must hear about. A
// file that was created and is gone again by the time the batch is
// handled (sed -i's sedXXXXXX, a tool's temporary file renamed over a
// post) was never part of the site: passing it on would only turn an
// incremental rebuild into a full one.
func settle(root string, batch []change) []string {
	var names []string
	for _, c := range batch {
		if c.New {
			if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(c.Name))); errors.Is(err, fs.ErrNotExist) {
				continue
			}
		}
		names = append(names, c.Name)
	}
	return names
}
