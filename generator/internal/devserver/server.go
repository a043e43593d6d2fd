package devserver

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"reprint/generator/internal/content"
	"reprint/generator/internal/output"
	"reprint/generator/internal/site"
)

// Config says what to preview and where to report.
type Config struct {
	Root   string    // the project folder holding content/, templates/, static/
	Drafts bool      // include posts marked draft: true
	Stdout io.Writer // the URL and one line per rebuild; nil discards
	Stderr io.Writer // build errors and watch problems; nil discards
}

// Server is a preview of one project. It is an http.Handler; Serve adds
// the file watcher and the listener.
type Server struct {
	root           string
	stdout, stderr io.Writer
	logMu          sync.Mutex
	instance       string // tells this process's builds from a previous run's
	events         *broker

	// buildMu serialises rebuilds: site.Builder is not safe for
	// concurrent use, and one rebuild at a time keeps their order.
	buildMu sync.Mutex
	builder *site.Builder
	pending []string // changes a failed rebuild still owes the next one

	// mu lets requests read a whole build: a rebuild holds it for
	// writing, so no response mixes pages of two builds.
	mu  sync.RWMutex
	mem *output.Memory
	err error // the last build's error; nil when the site built
	gen int   // number of builds so far
}

// Report is what one rebuild did.
type Report struct {
	Changed []string     // project files, slash-separated
	Result  *site.Result // nil when the build failed
	Err     error
	Took    time.Duration // the build alone, as issue 7 asks to report
}

// New builds the project in cfg.Root into memory. A build error does not
// stop it: the server starts anyway and shows the error until it is
// fixed. Only a project folder that cannot be read is an error.
func New(cfg Config) (*Server, error) {
	info, err := os.Stat(cfg.Root)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("%s: not a project folder (it should hold content/, templates/ and static/)", cfg.Root)
	}
	s := &Server{
		root:     cfg.Root,
		stdout:   orDiscard(cfg.Stdout),
		stderr:   orDiscard(cfg.Stderr),
		instance: strconv.FormatInt(time.Now().UnixNano(), 36),
		events:   newBroker(),
		builder:  site.NewBuilder(site.Options{Root: cfg.Root, Drafts: cfg.Drafts}),
		mem:      output.NewMemory(),
	}
	rep := s.Rebuild(nil)
	if rep.Err == nil {
		for _, n := range rep.Result.Notices {
			s.logf(s.stderr, "note: %s", n)
		}
		s.logf(s.stdout, "built %d pages (%d files) in %s", rep.Result.Pages, rep.Result.Files, ms(rep.Took))
	}
	return s, nil
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// Rebuild brings the preview up to date after the named project files
// changed, logs one line, then tells open pages. Changes that a failed
// rebuild could not apply are kept and retried with the next, so fixing
// a template after a failed edit rebuilds both. A failed rebuild leaves the
// last good site in memory, undone to exactly what it was.
func (s *Server) Rebuild(changed []string) Report {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	all := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(s.pending), changed...))))

	s.mu.Lock()
	wasBroken := s.err != nil
	j := &journal{mem: s.mem, before: map[string]saved{}}
	start := time.Now()
	res, err := s.builder.Rebuild(j, all)
	if err == nil {
		for _, name := range res.Removed {
			s.mem.Remove(name)
		}
	}
	took := time.Since(start)
	if err != nil {
		j.undo()
		s.pending = all
	} else {
		s.pending = nil
	}
	s.err = err
	s.gen++
	first, id := s.gen == 1, s.idLocked()
	s.mu.Unlock()

	rep := Report{Changed: all, Result: res, Err: err, Took: took}
	if first {
		if err != nil {
			s.logProblems("the site does not build (the preview shows this until it does):", err)
		}
		return rep
	}
	e := event{ID: id, Kind: "reload", Data: all}
	if css := stylesheets(all); err == nil && !wasBroken && css != nil {
		e.Kind, e.Data = "css", css
	}
	what := describe(all)
	if err != nil {
		s.logProblems(fmt.Sprintf("%s: the site does not build (%s):", what, ms(took)), err)
	} else {
		s.logf(s.stdout, "%s: rebuilt %s (%s) in %s", what, plural(res.Pages, "page"), plural(res.PostsRendered, "post")+" rendered", ms(took))
	}
	// The terminal is told before the browsers: by the time a page
	// reloads, what it shows has been reported.
	s.events.publish(e)
	return rep
}

// stylesheets returns the site paths of the changed files if they are all
// stylesheets in static/, which pages can swap without a reload; else nil.
func stylesheets(changed []string) []string {
	var css []string
	for _, name := range changed {
		rest, ok := strings.CutPrefix(name, site.StaticDir+"/")
		if !ok || !strings.HasSuffix(rest, ".css") {
			return nil
		}
		css = append(css, rest)
	}
	return css
}

func describe(changed []string) string {
	switch len(changed) {
	case 0:
		return "rebuild"
	case 1:
		return changed[0]
	}
	return fmt.Sprintf("%s and %d more", changed[0], len(changed)-1)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// ms shows a duration in milliseconds, with one decimal below 100 ms: the
// figure an editor (and issue 7's 50 ms budget) cares about.
func ms(d time.Duration) string {
	f := float64(d) / float64(time.Millisecond)
	if f < 100 {
		return strconv.FormatFloat(f, 'f', 1, 64) + " ms"
	}
	return strconv.FormatFloat(f, 'f', 0, 64) + " ms"
}

func (s *Server) logf(w io.Writer, format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(w, format+"\n", args...)
}

// logProblems prints a headline and one path:line:col: message line per
// problem, the paths made to work from where the command was run.
func (s *Server) logProblems(headline string, err error) {
	var b bytes.Buffer
	fmt.Fprintln(&b, headline)
	list := content.AsList(err)
	if list == nil {
		fmt.Fprintf(&b, "  %v\n", err)
	}
	for _, e := range list {
		c := *e
		if c.Pos.Filename != "" && s.root != "." {
			c.Pos.Filename = filepath.Join(s.root, filepath.FromSlash(c.Pos.Filename))
		}
		fmt.Fprintf(&b, "  %s\n", c.Error())
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.stderr.Write(b.Bytes())
}

// buildID names the current build for the pages and the event stream.
func (s *Server) buildID() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.idLocked()
}

func (s *Server) idLocked() string {
	return s.instance + "-" + strconv.Itoa(s.gen)
}

// journal is the Writer a rebuild writes through. It remembers what each
// file held before, so that a rebuild that fails halfway can be undone: the
// preview keeps the last good site whole, and the Builder, which keeps its
// last good state on error, stays in step with it.
type journal struct {
	mem    *output.Memory
	mu     sync.Mutex
	before map[string]saved
}

type saved struct {
	data    []byte
	existed bool
}

func (j *journal) WriteFile(name string, data []byte) error {
	j.mu.Lock()
	if _, ok := j.before[name]; !ok {
		old, existed := j.mem.Get(name)
		j.before[name] = saved{old, existed}
	}
	j.mu.Unlock()
	return j.mem.WriteFile(name, data)
}

func (j *journal) undo() {
	for name, s := range j.before {
		if s.existed {
			_ = j.mem.WriteFile(name, s.data)
		} else {
			j.mem.Remove(name)
		}
	}
}
