package site

import (
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"html/template"
	"io/fs"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"

	"reprint/generator/internal/content"
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
}

// Result counts what a build wrote.
type Result struct {
	Pages int // HTML pages
	Files int // every file, pages included
	// Notices are things the build left out on purpose, to be said once.
	Notices []string
}

// Build renders the whole site into w. On error nothing must be taken from
// w: the caller discards it (output.Staging.Abort).
func Build(opts Options, w output.Writer) (*Result, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	return b.build(w)
}

type builder struct {
	fsys  fs.FS
	site  *content.Site
	posts []*content.Post
	tmpl  *templates
	conv  *markdown.Converter

	mu  sync.Mutex
	res Result
}

func newBuilder(opts Options) (*builder, error) {
	root, err := os.OpenRoot(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open the project folder: %w", opts.Root, errors.Unwrap(err))
	}
	fsys := root.FS()
	proj, err := content.Load(fsys)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if err := proj.Site.SetBaseURL(opts.BaseURL); err != nil {
			return nil, fmt.Errorf("-base-url: %v", err)
		}
	}
	b := &builder{fsys: fsys, site: proj.Site, conv: markdown.New()}
	for _, p := range proj.Posts {
		if !p.Draft || opts.Drafts {
			b.posts = append(b.posts, p)
		}
	}
	if b.tmpl, err = loadTemplates(fsys); err != nil {
		return nil, err
	}
	return b, nil
}

func (b *builder) build(w output.Writer) (*Result, error) {
	statics, err := b.staticFiles()
	if err != nil {
		return nil, err
	}
	if err := b.checkPaths(statics); err != nil {
		return nil, err
	}
	views, err := b.renderPosts(w)
	if err != nil {
		return nil, err
	}
	for _, step := range []func(output.Writer, []*PostView) error{b.writeHome, b.writeAliases, b.write404, b.writeExtras} {
		if err := step(w, views); err != nil {
			return nil, err
		}
	}
	for _, name := range statics {
		data, err := fs.ReadFile(b.fsys, StaticDir+"/"+name)
		if err != nil {
			return nil, fileError(StaticDir+"/"+name, err)
		}
		if err := b.write(w, name, data); err != nil {
			return nil, err
		}
	}
	if b.site.BaseURL == "" {
		b.res.Notices = append(b.res.Notices, "no baseURL in content/site.yaml (or -base-url): wrote no canonical or og:url links, no feed.xml and no sitemap.xml")
	}
	return &b.res, nil
}

func (b *builder) write(w output.Writer, name string, data []byte) error {
	if err := w.WriteFile(name, data); err != nil {
		return err
	}
	b.mu.Lock()
	b.res.Files++
	if strings.HasSuffix(name, ".html") {
		b.res.Pages++
	}
	b.mu.Unlock()
	return nil
}

// renderPosts converts and writes every post, in parallel across the
// cores. Each post writes only its own files, so the order in which
// workers finish does not show in the output.
func (b *builder) renderPosts(w output.Writer) ([]*PostView, error) {
	views := make([]*PostView, len(b.posts))
	errs := make([]error, len(b.posts))
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				k := i
				i++
				next.Unlock()
				if k >= len(b.posts) {
					return
				}
				views[k], errs[k] = b.safeRenderPost(w, b.posts[k])
			}
		}()
	}
	wg.Wait()
	var list content.ErrorList
	for _, err := range errs {
		if err != nil {
			list = appendError(list, err)
		}
	}
	list.Sort()
	if err := list.Err(); err != nil {
		return nil, err
	}
	return views, nil
}

// safeRenderPost turns a panic while rendering one post into an error
// naming the post: a bug must not cost the editor the whole run's report
// or show a Go stack trace.
func (b *builder) safeRenderPost(w output.Writer, p *content.Post) (v *PostView, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, &content.Error{Pos: token.Position{Filename: p.File}, Msg: fmt.Sprintf("internal error while rendering (please report it): %v", r)}
		}
	}()
	return b.renderPost(w, p)
}

func (b *builder) renderPost(w output.Writer, p *content.Post) (*PostView, error) {
	doc, err := b.conv.Convert(p.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", p.File, err)
	}
	if len(doc.Problems) > 0 {
		var list content.ErrorList
		for _, pr := range doc.Problems {
			list = append(list, &content.Error{Pos: bodyPosition(p, pr.Offset), Msg: pr.Msg})
		}
		return nil, list
	}
	v := &PostView{Post: p, Path: p.Path(), Body: template.HTML(doc.HTML)}
	page := b.postPage(v)
	html, err := b.tmpl.execute("post", page)
	if err != nil {
		return nil, err
	}
	if err := b.write(w, v.Path+"index.html", html); err != nil {
		return nil, err
	}
	// The list pages and the feed need no body: drop it so that memory
	// stays bounded by metadata, not by the size of the whole site.
	v.Body = ""
	return v, nil
}

func (b *builder) postPage(v *PostView) *Page {
	return &Page{
		Site:        b.site,
		File:        v.Path + "index.html",
		Kind:        "post",
		Title:       v.Title,
		Description: v.Description,
		Canonical:   b.canonical(v),
		FeedPath:    b.feedPath(),
		Post:        v,
		JSONLD:      b.articleJSONLD(v),
	}
}

func (b *builder) canonical(v *PostView) string {
	if v.Canonical != "" {
		return v.Canonical
	}
	return b.site.Abs(v.Path)
}

func (b *builder) feedPath() string {
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
	var l content.ErrorList
	var one *content.Error
	switch {
	case errors.As(err, &l):
		return append(list, l...)
	case errors.As(err, &one):
		return append(list, one)
	}
	list.Add(token.Position{}, err.Error())
	return list
}

// staticFiles lists static/ (which may be absent) in lexical order.
func (b *builder) staticFiles() ([]string, error) {
	var names []string
	err := fs.WalkDir(b.fsys, StaticDir, func(name string, d fs.DirEntry, err error) error {
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

// checkPaths finds two inputs that would write the same output file before
// anything is rendered, naming both.
func (b *builder) checkPaths(statics []string) error {
	owner := map[string]string{}
	var list content.ErrorList
	claim := func(file, by string, pos token.Position, hint string) {
		if prev, ok := owner[file]; ok {
			list.Add(pos, fmt.Sprintf("%s would write %s, which %s writes too: %s", by, file, prev, hint))
			return
		}
		owner[file] = by
	}
	for _, name := range statics {
		owner[name] = StaticDir + "/" + name
	}
	for _, name := range []string{"index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "_redirects"} {
		if by, ok := owner[name]; ok {
			list.Add(token.Position{Filename: by}, fmt.Sprintf("clashes with the %s that the build writes: rename or remove it", name))
		}
		owner[name] = "the build"
	}
	for _, p := range b.posts {
		claim(p.Path()+"index.html", p.File, token.Position{Filename: p.File, Line: 1, Column: 1}, "give one of them another slug or date")
	}
	for _, p := range b.posts {
		for _, a := range p.Aliases {
			claim(content.AliasFile(a), "alias "+a+" of "+p.File, token.Position{Filename: p.File, Line: 1, Column: 1}, "remove the alias or change it")
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
