package site

import (
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"reprint/generator/internal/content"
	"reprint/generator/internal/fidelity"
	"reprint/generator/internal/markdown"
	"reprint/generator/internal/output"
)

// StaticDir is copied into the site as it is.
const StaticDir = "static"

// Options says what to build.
type Options struct {
	Root    string // the project folder holding content/, templates/, static/
	BaseURL string // overrides baseURL in content/site.yaml when not ""
	Drafts  bool   // include posts marked draft: true
	// Progress, when not nil, is called after each post is rendered with
	// how many are done out of how many. It is called from several
	// goroutines at once and must be cheap.
	Progress func(done, total int)
}

// Result counts what a build wrote.
type Result struct {
	Pages int // HTML pages written
	Files int // files written, pages included
	// PostsRendered is how many posts were converted from Markdown: all of
	// them in a full build, only the edited ones in a Rebuild.
	PostsRendered int
	// Removed lists files the previous build wrote that this one does not
	// (a deleted post, a dropped alias); a Writer that keeps files, like
	// output.Memory, should delete them.
	Removed []string
	// Notices are things the build left out on purpose, to be said once.
	Notices []string
}

// Build renders the whole site into w. On error nothing must be taken from
// w: the caller discards it (output.Staging.Abort).
func Build(opts Options, w output.Writer) (*Result, error) {
	return NewBuilder(opts).Build(w)
}

// Builder builds a site and keeps what it learnt, so that the preview can
// rebuild only what an edit affects. A Builder is not safe for concurrent
// use; the preview server serialises its rebuilds.
type Builder struct {
	opts    Options
	conv    *markdown.Converter // one goldmark instance for every build
	sources *fidelity.Sources   // each source file imported once

	// State of the last successful build; replaced only on success, so a
	// failed rebuild leaves the Builder able to try again.
	root      *os.Root // the project, open; fsys reads through it
	fsys      fs.FS
	site      *content.Site
	tmpl      *templates // as parsed, never executed: clone it to use it
	statics   []string
	posts     []*content.Post      // published posts, newest first
	views     map[string]*PostView // by post file
	homeLists [][]*PostView        // what each home page listed
	outputs   map[string]bool      // every file of the last build
}

// NewBuilder returns a Builder for the project in opts.Root.
func NewBuilder(opts Options) *Builder {
	conv := markdown.New()
	return &Builder{opts: opts, conv: conv, sources: fidelity.NewSources(conv)}
}

// run is one build in progress: what it writes, and its counts.
type run struct {
	*Builder
	// tmplCopy is the run's own copy of the templates, for the pages it
	// renders itself (workers have theirs).
	tmplCopy *templates
	files    *content.PostFileSet // the post files, until they are read
	w        output.Writer
	mu       sync.Mutex
	res      Result
	outputs  map[string]bool
}

// Build renders the whole site into w.
func (b *Builder) Build(w output.Writer) (res *Result, err error) {
	// A full build starts afresh: sources may have changed too.
	r := &run{Builder: &Builder{opts: b.opts, conv: b.conv, sources: fidelity.NewSources(b.conv)}, w: w, outputs: map[string]bool{}}
	defer func() {
		if err != nil && r.root != nil {
			r.root.Close() // the previous build's state stays as it was
		}
	}()
	if err := r.load(); err != nil {
		return nil, err
	}
	r.views = map[string]*PostView{}
	if err := r.readAndRenderPosts(); err != nil {
		return nil, err
	}
	if err := r.writeLists(); err != nil {
		return nil, err
	}
	if err := r.write404(); err != nil {
		return nil, err
	}
	if err := r.writeStatic(); err != nil {
		return nil, err
	}
	r.finish(b)
	return &r.res, nil
}

// finish records a successful run as the Builder's state.
func (r *run) finish(b *Builder) {
	for name := range b.outputs {
		if !r.outputs[name] {
			r.res.Removed = append(r.res.Removed, name)
		}
	}
	sort.Strings(r.res.Removed)
	if r.site.BaseURL == "" {
		r.res.Notices = append(r.res.Notices, "no baseURL in content/site.yaml (or -base-url): wrote no canonical or og:url links, no feed.xml and no sitemap.xml")
	}
	if b.root != nil && b.root != r.root {
		b.root.Close() // a long preview session must not leak a folder per build
	}
	*b = *r.Builder
	b.outputs = r.outputs
}

// load reads what the posts are rendered with: the settings, the
// templates, the static file list, and the list of post files (which
// readAndRenderPosts reads).
func (r *run) load() error {
	root, err := os.OpenRoot(r.opts.Root)
	if err != nil {
		return fmt.Errorf("%s: cannot open the project folder: %w", r.opts.Root, errors.Unwrap(err))
	}
	r.root, r.fsys = root, root.FS()
	site, siteErr := content.LoadSite(r.fsys)
	files, listErr := content.OpenPosts(r.fsys)
	if siteErr != nil || listErr != nil {
		files.Close()
		return r.contentFirst(errors.Join(siteErr, listErr))
	}
	r.files = files
	if r.opts.BaseURL != "" {
		if err := site.SetBaseURL(r.opts.BaseURL); err != nil {
			return r.contentFirst(fmt.Errorf("-base-url: %v", err))
		}
	}
	r.site = site
	if r.tmpl, err = loadTemplates(r.fsys); err != nil {
		return r.contentFirst(err)
	}
	if r.statics, err = staticFiles(r.fsys); err != nil {
		return r.contentFirst(err)
	}
	return nil
}

// contentFirst returns every problem of the content, the settings and
// all posts, if there is any, and err otherwise: a build says what is
// wrong in the editor's files before what is wrong in a flag, the
// templates or static/.
func (r *run) contentFirst(err error) error {
	if r.files != nil {
		r.files.Close()
		r.files = nil
	}
	if _, contentErr := content.Load(r.fsys); contentErr != nil {
		return contentErr
	}
	return err
}

// readAndRenderPosts reads each post file and renders the post at once,
// in parallel across the cores, so that a build never holds the text of
// every post: at 10,000 posts, reading them all first kept 50 MB of
// Markdown alive, and the process peaked at 300 MB instead of 170 MB. The
// problems are said in the order a build that read everything first
// would meet them: the content's (a post that cannot be read), then two
// outputs on the same path, then what went wrong while rendering.
func (r *run) readAndRenderPosts() error {
	files := r.files
	defer func() {
		files.Close()
		r.files = nil
	}()
	n := len(files.Names)
	posts := make([]*content.Post, n)
	views := make([]*PostView, n)
	readErrs := make([]error, n)
	var done atomic.Int64
	renderErr := r.inParallel(n, func(tmpl *templates, i int) (err error) {
		if r.opts.Progress != nil {
			defer func() { r.opts.Progress(int(done.Add(1)), n) }()
		}
		p, err := files.Read(files.Names[i])
		if err != nil {
			readErrs[i] = err
			return nil
		}
		if p.Draft && !r.opts.Drafts {
			return nil
		}
		posts[i] = p
		views[i], err = r.safeRenderPost(tmpl, p)
		return err
	})
	var list content.ErrorList
	for _, err := range readErrs {
		if err != nil {
			list = appendError(list, err)
		}
	}
	if len(list) > 0 {
		list.Sort()
		return list.Err()
	}
	r.posts = slices.DeleteFunc(posts, func(p *content.Post) bool { return p == nil })
	content.SortPosts(r.posts)
	// Two posts on one path wrote the same file: say it as checkPaths
	// says it, rather than as the second write that failed.
	if err := r.checkPaths(); err != nil {
		return err
	}
	if renderErr != nil {
		return renderErr
	}
	for _, v := range views {
		if v != nil {
			r.views[v.File] = v
		}
	}
	r.res.PostsRendered += len(r.posts)
	return nil
}

func (b *Builder) published(posts []*content.Post) []*content.Post {
	var out []*content.Post
	for _, p := range posts {
		if !p.Draft || b.opts.Drafts {
			out = append(out, p)
		}
	}
	return out
}

// Rebuild brings the site in w up to date after the files in changed
// (slash-separated, relative to the project) were edited, created or
// deleted. When only posts changed, only those posts are rendered again,
// with the pages that list them; anything else (a template, the settings,
// a static file) means a full build. Without a previous successful build
// it is a full build.
func (b *Builder) Rebuild(w output.Writer, changed []string) (*Result, error) {
	if b.views == nil {
		return b.Build(w)
	}
	for _, name := range changed {
		if !strings.HasPrefix(name, content.PostsDir+"/") || !strings.HasSuffix(name, ".md") {
			return b.Build(w)
		}
	}
	next := *b
	next.views = maps.Clone(b.views)
	r := &run{Builder: &next, w: w, outputs: maps.Clone(b.outputs)}
	byFile := make(map[string]*content.Post, len(b.posts))
	for _, p := range b.posts {
		byFile[p.File] = p
	}
	changedSet := map[string]bool{}
	var edited []*content.Post
	var errs content.ErrorList
	for _, name := range slices.Compact(slices.Sorted(slices.Values(changed))) {
		if strings.HasPrefix(path.Base(name), ".") {
			continue // hidden files are not posts (see content.PostFiles)
		}
		changedSet[name] = true
		old := byFile[name]
		if old != nil {
			delete(next.views, name)
			for _, f := range postOutputs(old) {
				delete(r.outputs, f)
			}
		}
		p, err := content.ReadPost(r.fsys, name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue // deleted
		case err != nil:
			errs = appendError(errs, err)
			continue
		}
		if len(r.published([]*content.Post{p})) == 1 {
			edited = append(edited, p)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	// The posts stay in order: drop the changed ones, then insert each
	// edited post at its place, rather than sorting them all again.
	next.posts = slices.DeleteFunc(slices.Clone(b.posts), func(p *content.Post) bool { return changedSet[p.File] })
	for _, p := range edited {
		i, _ := slices.BinarySearchFunc(next.posts, p, content.ComparePosts)
		next.posts = slices.Insert(next.posts, i, p)
	}
	if err := r.checkPaths(); err != nil {
		return nil, err
	}
	if err := r.renderPosts(edited); err != nil {
		return nil, err
	}
	if err := r.writeLists(); err != nil {
		return nil, err
	}
	r.finish(b)
	return &r.res, nil
}

func (r *run) write(name string, data []byte) error {
	if err := r.w.WriteFile(name, data); err != nil {
		return err
	}
	r.mu.Lock()
	r.outputs[name] = true
	r.res.Files++
	if strings.HasSuffix(name, ".html") {
		r.res.Pages++
	}
	r.mu.Unlock()
	return nil
}

// postOutputs are the files a post owns.
func postOutputs(p *content.Post) []string {
	path := p.Path()
	files := []string{path + "index.html", path + "original/index.html"}
	for _, a := range p.Aliases {
		files = append(files, content.AliasFile(a))
	}
	return files
}

// renderPosts converts and writes every post, in parallel across the
// cores. Each post writes only its own files, so the order in which
// workers finish does not show in the output.
func (r *run) renderPosts(posts []*content.Post) error {
	views := make([]*PostView, len(posts))
	var rendered atomic.Int64
	err := r.inParallel(len(posts), func(tmpl *templates, i int) (err error) {
		views[i], err = r.safeRenderPost(tmpl, posts[i])
		if r.opts.Progress != nil {
			r.opts.Progress(int(rendered.Add(1)), len(posts))
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, v := range views {
		r.views[v.File] = v
	}
	r.res.PostsRendered += len(posts)
	return nil
}

// inParallel runs job(tmpl, 0) … job(tmpl, n-1) on one worker per core,
// each worker with its own copy of the templates, and returns every error
// the jobs returned, in the order of the files they name. An error that
// many jobs share, such as a template's, is said once.
func (r *run) inParallel(n int, job func(tmpl *templates, i int) error) error {
	if n == 0 {
		return nil
	}
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(runtime.GOMAXPROCS(0), n) {
		// The first worker borrows the run's own copy: a copy is escaped
		// on first use, which is most of a one-post build's time.
		tmpl := r.ownTemplates()
		if w > 0 {
			tmpl = r.tmpl.clone()
		}
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				errs[i] = job(tmpl, i)
			}
		})
	}
	wg.Wait()
	var list content.ErrorList
	for _, err := range errs {
		if err != nil {
			list = appendError(list, err)
		}
	}
	list.Sort()
	list = slices.CompactFunc(list, func(a, b *content.Error) bool { return a.Pos == b.Pos && a.Msg == b.Msg })
	return list.Err()
}

// safeRenderPost turns a panic while rendering one post into an error
// naming the post: a bug must not cost the editor the whole run's report
// or show a Go stack trace.
func (r *run) safeRenderPost(tmpl *templates, p *content.Post) (v *PostView, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, &content.Error{Pos: token.Position{Filename: p.File}, Msg: fmt.Sprintf("internal error while rendering (please report it): %v", r)}
		}
	}()
	return r.renderPost(tmpl, p)
}

// renderPost converts a post and writes its pages with tmpl, the calling
// worker's own copy of the templates.
func (r *run) renderPost(tmpl *templates, p *content.Post) (*PostView, error) {
	doc, err := r.conv.Convert(p.Body, markdown.Options{Corrected: p.Corrected.String()})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", p.File, err)
	}
	var list content.ErrorList
	for _, pr := range doc.Problems {
		list = append(list, &content.Error{Pos: bodyPosition(p, pr.Offset), Msg: pr.Msg})
	}
	if len(doc.Marks) > 0 && p.Corrected.IsZero() {
		list.Add(token.Position{Filename: p.File, Line: 1, Column: 1}, "the post has editorial marks but no corrections date: add a line like corrected: 2026-11-26")
	}
	if p.Source.File != "" {
		list = append(list, r.checkFidelity(p, doc)...)
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	v := newPostView(p, doc.Marks)
	page := r.postPage(v)
	page.Body = template.HTML(doc.HTML)
	page.Corrections = correctionsSection(v.notes, v.copyEdits)
	page.JSONLD = r.articleJSONLD(v)
	html, err := tmpl.execute("post", page)
	if err != nil {
		return nil, err
	}
	if err := r.write(page.File, html); err != nil {
		return nil, err
	}
	if v.OriginalURL != "" {
		page := r.postPage(v)
		page.Body = template.HTML(doc.OriginalHTML)
		page.File = v.OriginalURL + "index.html"
		page.Kind = "original"
		page.Title = v.Title + " (as originally published)"
		page.Canonical = r.site.Abs(v.OriginalURL)
		html, err := tmpl.execute("post", page)
		if err != nil {
			return nil, err
		}
		if err := r.write(page.File, html); err != nil {
			return nil, err
		}
	}
	if err := r.writeAliases(tmpl, v); err != nil {
		return nil, err
	}
	v.sitemap = r.postSitemap(v)
	// The list pages and the feed need no body and no notes, and a
	// rebuild reads an edited post afresh: drop them, so that memory
	// stays bounded by metadata, not by the size of the whole site (at
	// 10,000 posts the notes alone were 100 MB of the peak).
	p.Body = nil
	v.keepForLists()
	return v, nil
}

// checkFidelity compares the post, every mark reverted, with its source
// imported afresh. Each source file is imported once per build.
func (r *run) checkFidelity(p *content.Post, doc *markdown.Document) content.ErrorList {
	srcFile := "content/" + p.Source.File
	want, err := r.sources.Words(srcFile, func() ([]byte, error) { return fs.ReadFile(r.fsys, srcFile) })
	if err != nil {
		msg := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "file not found"
		}
		return content.ErrorList{{Pos: token.Position{Filename: p.File, Line: 1, Column: 1}, Msg: fmt.Sprintf("source.file %s: %s", srcFile, msg)}}
	}
	got := markdown.Words(markdown.VisibleText(doc.OriginalHTML))
	changes := fidelity.Compare(want, got)
	if len(changes) == 0 {
		return nil
	}
	lines := fidelity.Lines(p.Body, got)
	var list content.ErrorList
	for _, c := range changes {
		line := p.BodyLine
		if len(lines) > 0 {
			line = p.BodyLine - 1 + lines[min(c.PostWord, len(lines)-1)]
		}
		list.Add(token.Position{Filename: p.File, Line: line}, c.String()+" (mark the change, or make the text match "+srcFile+")")
	}
	return list
}

// postPage is the page of a post, without its JSON-LD, which only the
// corrected version carries.
func (b *Builder) postPage(v *PostView) *Page {
	return &Page{
		Site:        b.site,
		File:        v.Path + "index.html",
		Kind:        "post",
		Title:       v.Title,
		Description: v.Description,
		Canonical:   b.canonical(v),
		Post:        v,
	}
}

func (b *Builder) canonical(v *PostView) string {
	if v.Canonical != "" {
		return v.Canonical
	}
	return b.site.Abs(v.Path)
}

func (b *Builder) feedPath() string {
	if b.site.Outputs.Feed && b.site.BaseURL != "" {
		return "feed.xml"
	}
	return ""
}

// bodyPosition maps a byte offset of a post body to its place in the file.
func bodyPosition(p *content.Post, off int) token.Position {
	if off > len(p.Body) {
		off = len(p.Body)
	}
	line := p.BodyLine + bytes.Count(p.Body[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(p.Body[:off], '\n')
	return token.Position{Filename: p.File, Line: line, Column: col}
}

func appendError(list content.ErrorList, err error) content.ErrorList {
	if l := content.AsList(err); l != nil {
		return append(list, l...)
	}
	list.Add(token.Position{}, err.Error())
	return list
}

// staticFiles lists static/ (which may be absent) in lexical order.
func staticFiles(fsys fs.FS) ([]string, error) {
	var names []string
	err := fs.WalkDir(fsys, StaticDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == StaticDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return fileError(name, err)
		}
		if !d.IsDir() {
			names = append(names, strings.TrimPrefix(name, StaticDir+"/"))
		}
		return nil
	})
	return names, err
}

func fileError(name string, err error) error {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	if strings.Contains(msg, "path escapes") {
		msg = "is a link to somewhere outside the project: copy the file in instead"
	}
	return &content.Error{Pos: token.Position{Filename: name}, Msg: msg}
}

// checkPaths finds two inputs that write the same output file, naming
// both. A rebuild checks before it renders; a full build learns the posts'
// paths as it reads them, and checks once they are rendered, before any
// list page is written, so that a clash is said this way rather than as
// the write that failed.
func (b *Builder) checkPaths() error {
	// A claimant's name is the two strings joined; joining them only when
	// two claim the same file keeps this loop, which runs on one core
	// while the others wait, short.
	type claimant struct{ name, suffix string }
	owner := make(map[string]claimant, len(b.statics)+6+2*len(b.posts))
	var list content.ErrorList
	claim := func(file string, by claimant, pos token.Position, hint string) {
		if prev, ok := owner[file]; ok {
			list.Add(pos, fmt.Sprintf("%s would write %s, which %s writes too: %s", by.name+by.suffix, file, prev.name+prev.suffix, hint))
			return
		}
		owner[file] = by
	}
	for _, name := range b.statics {
		owner[name] = claimant{name: StaticDir + "/" + name}
	}
	for _, name := range []string{"index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "_redirects"} {
		if by, ok := owner[name]; ok {
			list.Add(token.Position{Filename: by.name}, fmt.Sprintf("clashes with the %s that the build writes: rename or remove it", name))
		}
		owner[name] = claimant{name: "the build"}
	}
	for _, p := range b.posts {
		pos := token.Position{Filename: p.File, Line: 1, Column: 1}
		path := p.Path()
		claim(path+"index.html", claimant{name: p.File}, pos, "give one of them another slug or date")
		// Claimed whether or not the post has marks (that is known only
		// once it is rendered): an alias there would shadow it one day.
		claim(path+"original/index.html", claimant{p.File, " (as originally published)"}, pos, "give one of them another slug or date")
	}
	for _, p := range b.posts {
		for _, a := range p.Aliases {
			claim(content.AliasFile(a), claimant{"alias " + a + " of ", p.File}, token.Position{Filename: p.File, Line: 1, Column: 1}, "remove the alias or change it")
		}
	}
	list.Sort()
	return list.Err()
}

// sortedKeys is used where a map's keys must come out in a fixed order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
