package site

import (
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"html/template"
	"io/fs"
	"reflect"
	"regexp"
	"strings"

	"reprint/generator/internal/content"
)

// TemplatesDir holds the page templates, relative to the project.
const TemplatesDir = "templates"

// pageTemplates are the page kinds and the file each is defined in.
var pageTemplates = []string{"post", "home", "alias", "404"}

// templates holds one parsed template set per page kind, each made of
// base.html plus that kind's file. Parsed once per build.
//
// The sets that loadTemplates returns are never executed: they are the
// source of the copies that are (see clone).
type templates struct {
	byKind map[string]*template.Template
	buf    bytes.Buffer // the page being rendered (see execute)
}

// clone returns a copy to execute from one goroutine, with its own cache
// for the cached function. Workers must not share a set: every execution
// of an html/template takes a lock on its set, and every function in it,
// the escapers included, takes another, so workers sharing one set spend
// half their time waiting on each other. A copy is cheap; it must be made
// before its original is executed.
func (t *templates) clone() *templates {
	c := &templates{byKind: make(map[string]*template.Template, len(t.byKind))}
	for kind, set := range t.byKind {
		// Clone fails only once set has been executed, and these never are.
		copied := template.Must(set.Clone())
		cache := &fragments{set: copied, done: map[fragmentKey]template.HTML{}}
		c.byKind[kind] = copied.Funcs(template.FuncMap{"cached": cache.render})
	}
	return c
}

// funcs are the functions templates may call besides html/template's own.
// The sets loadTemplates parses have placeholders; each clone binds its
// own.
var funcs = template.FuncMap{
	"cached": func(string, any) (template.HTML, error) {
		return "", errors.New("cached works only while a site is built")
	},
}

// fragments caches, for one template set, what {{cached "name" DATA}}
// rendered: the template "name" executed with DATA as its dot. DATA is the
// key, so a fragment can depend on nothing else, and the same DATA gives
// the same HTML: .Frame for the parts around a page's content, which every
// page of a folder depth shares, or .Post for what a post's page and its
// original page share.
type fragments struct {
	set  *template.Template
	done map[fragmentKey]template.HTML
}

type fragmentKey struct {
	name string
	data any
}

// fragmentsKept bounds the cache: the frames of a few folder depths and
// the posts in hand are all that is ever asked for again.
const fragmentsKept = 256

func (f *fragments) render(name string, data any) (template.HTML, error) {
	if t := reflect.TypeOf(data); t != nil && !t.Comparable() {
		return "", fmt.Errorf("cached %q: its data must be a value that can be a key, such as .Frame or .Post, not a %s", name, t)
	}
	key := fragmentKey{name, data}
	if html, ok := f.done[key]; ok {
		return html, nil
	}
	// Only a fragment not rendered yet can be missing; the lookup takes a
	// lock on the set, which a hit need not pay.
	if f.set.Lookup(name) == nil {
		return "", fmt.Errorf("cached %q: there is no template of that name: define it with {{define %q}}", name, name)
	}
	var buf bytes.Buffer
	if err := f.set.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	if len(f.done) >= fragmentsKept {
		clear(f.done)
	}
	html := template.HTML(buf.String())
	f.done[key] = html
	return html, nil
}

func loadTemplates(fsys fs.FS) (*templates, error) {
	base, err := readTemplate(fsys, "base.html")
	if err != nil {
		return nil, err
	}
	t := &templates{byKind: map[string]*template.Template{}}
	var errs content.ErrorList
	for _, kind := range pageTemplates {
		name := kind + ".html"
		src, err := readTemplate(fsys, name)
		if err != nil {
			return nil, err
		}
		set := template.New("base.html").Option("missingkey=error").Funcs(funcs)
		if _, err := set.Parse(base); err != nil {
			return nil, templateError(err)
		}
		if _, err := set.New(name).Parse(src); err != nil {
			errs = append(errs, templateError(err).(*content.Error))
			continue
		}
		if set.Lookup("base") == nil {
			errs.Add(token.Position{Filename: TemplatesDir + "/base.html"}, `must define "base", the frame of every page`)
			continue
		}
		t.byKind[kind] = set
	}
	return t, errs.Err()
}

func readTemplate(fsys fs.FS, name string) (string, error) {
	b, err := fs.ReadFile(fsys, TemplatesDir+"/"+name)
	if err != nil {
		msg := "cannot read: " + err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "template not found: every site needs templates/base.html, post.html, home.html, alias.html and 404.html"
		}
		return "", &content.Error{Pos: token.Position{Filename: TemplatesDir + "/" + name}, Msg: msg}
	}
	return string(b), nil
}

// execute runs the "base" frame of a kind's template set. The page it
// returns is valid until the next execute: each worker's copy renders
// page after page into the same buffer.
func (t *templates) execute(kind string, p *Page) ([]byte, error) {
	p.finish()
	t.buf.Reset()
	if err := t.byKind[kind].ExecuteTemplate(&t.buf, "base", p); err != nil {
		return nil, templateError(err)
	}
	return t.buf.Bytes(), nil
}

// templateMessage matches html/template's and text/template's errors:
// "template: post.html:12:5: executing ..." or "template: post.html:3: ...".
var templateMessage = regexp.MustCompile(`^(?:html/)?template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// cachedFailed is how text/template says that a call of cached returned
// an error; the error follows.
const cachedFailed = "error calling cached: "

// templateError restates a template error as templates/NAME:LINE:COL: msg.
func templateError(err error) error {
	msg := err.Error()
	// An error inside a cached fragment is told at its place in the
	// fragment's template rather than where the fragment is called.
	if i := strings.LastIndex(msg, cachedFailed); i >= 0 && templateMessage.MatchString(msg[i+len(cachedFailed):]) {
		msg = msg[i+len(cachedFailed):]
	}
	m := templateMessage.FindStringSubmatch(msg)
	if m == nil {
		return &content.Error{Pos: token.Position{Filename: TemplatesDir}, Msg: msg}
	}
	var line, col int
	fmt.Sscan(m[2], &line)
	if m[3] != "" {
		fmt.Sscan(m[3], &col)
	}
	text := m[4]
	// "executing "main" at <.Post.Nope>: can't evaluate field Nope in type ..."
	switch i := strings.Index(text, "can't evaluate field "); {
	case strings.Contains(text, cachedFailed):
		// cached's own message, at the call: it says what is wrong.
		text = text[strings.LastIndex(text, cachedFailed)+len(cachedFailed):]
	case i >= 0:
		text = strings.TrimSpace(text[:strings.Index(text, ":")]) + ": " + text[i:] + " (see README.md for the fields templates can use)"
	case !strings.HasPrefix(text, "executing"):
		text += ": check the {{ }} actions on this line"
	}
	return &content.Error{Pos: token.Position{Filename: TemplatesDir + "/" + m[1], Line: line, Column: col}, Msg: text}
}
