package content

import (
	"fmt"
	"go/token"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// Post is one article: its front matter fields and its Markdown body.
type Post struct {
	Title       string
	Date        Date // original publication
	Author      string
	Publication string
	Description string
	Slug        string // default: the file name without ".md"
	Canonical   string // a live original to point rel=canonical at, if any
	Source      Source
	Aliases     []string // old URL paths that must keep working
	Corrected   Date     // when the editorial corrections were made
	Draft       bool

	// File is the post's path as shown in messages, e.g. content/posts/x.md.
	File string
	// Body is the Markdown after the front matter, LF line endings.
	Body []byte
	// BodyLine is the 1-based line of File on which Body starts.
	BodyLine int
}

// Source says where the republished text came from.
type Source struct {
	URL       string // the page the text was taken from
	File      string // the verbatim copy, relative to content/
	Site      string // the name of that page's site
	Published Date   // when that page published (republished) the article
	Archive   string // an archived copy of URL (Robust Links data-versionurl)
}

// Path is the post's URL path below the site root: 2014/06/slug/.
func (p *Post) Path() string {
	// Appended rather than formatted with fmt: a build asks for every
	// post's path several times.
	b := make([]byte, 0, len("2006/01/")+len(p.Slug)+1)
	b = appendPadded(b, p.Date.Year(), 4)
	b = append(b, '/')
	b = appendPadded(b, int(p.Date.Month()), 2)
	b = append(b, '/')
	b = append(b, p.Slug...)
	b = append(b, '/')
	return string(b)
}

// appendPadded appends n in decimal, padded with zeros to width digits
// as fmt's %0*d pads it.
func appendPadded(b []byte, n, width int) []byte {
	digits := strconv.Itoa(n)
	for i := len(digits); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// postFields are the front matter keys of a post.
var postFields = []field[Post]{
	{name: "title", decode: stringInto(func(p *Post) *string { return &p.Title })},
	{name: "date", decode: dateInto(func(p *Post) *Date { return &p.Date })},
	{name: "author", decode: stringInto(func(p *Post) *string { return &p.Author })},
	{name: "publication", decode: stringInto(func(p *Post) *string { return &p.Publication })},
	{name: "description", decode: stringInto(func(p *Post) *string { return &p.Description })},
	{name: "slug", decode: stringInto(func(p *Post) *string { return &p.Slug })},
	{name: "canonical", decode: stringInto(func(p *Post) *string { return &p.Canonical })},
	{name: "source", group: []field[Post]{
		{name: "url", decode: stringInto(func(p *Post) *string { return &p.Source.URL })},
		{name: "file", decode: stringInto(func(p *Post) *string { return &p.Source.File })},
		{name: "site", decode: stringInto(func(p *Post) *string { return &p.Source.Site })},
		{name: "published", decode: dateInto(func(p *Post) *Date { return &p.Source.Published })},
		{name: "archive", decode: stringInto(func(p *Post) *string { return &p.Source.Archive })},
	}},
	{name: "aliases", decode: stringsInto(func(p *Post) *[]string { return &p.Aliases })},
	{name: "corrected", decode: dateInto(func(p *Post) *Date { return &p.Corrected })},
	{name: "draft", decode: boolInto(func(p *Post) *bool { return &p.Draft })},
}

// ParsePost reads one post file. name is the path shown in messages; its
// base name gives the default slug. All problems found are returned
// together as an ErrorList.
func ParsePost(name string, src []byte) (*Post, error) {
	p := &Post{File: name}
	if e := checkUTF8(name, src); e != nil {
		return nil, ErrorList{e}
	}
	src = normalize(src)
	yamlText, body, bodyLine, e := splitFrontMatter(name, src)
	if e != nil {
		return nil, ErrorList{e}
	}
	m, e := mapping(name, yamlText, 2)
	if e != nil {
		return nil, ErrorList{e}
	}
	var errs ErrorList
	decodeFields(name, m, p, postFields, &errs)
	p.Body, p.BodyLine = body, bodyLine
	p.validate(m, &errs)
	errs.Sort()
	return p, errs.Err()
}

// validate checks what a single field cannot: required fields, and values
// that would produce an unsafe or clashing URL.
func (p *Post) validate(m *yaml.Node, errs *ErrorList) {
	at := func(key string) token.Position {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				v := m.Content[i+1]
				return token.Position{Filename: p.File, Line: v.Line, Column: v.Column}
			}
		}
		return token.Position{Filename: p.File, Line: 1, Column: 1}
	}
	add := func(key, format string, args ...any) {
		pos := at(key)
		for _, e := range *errs {
			if e.Pos == pos && hasKey(m, key) {
				return // the field's own error already says what is wrong
			}
		}
		*errs = append(*errs, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(p.Title) == "" {
		if hasKey(m, "title") {
			add("title", "title is empty: give the post its headline")
		} else {
			add("title", `missing title: add a line like title: "The headline"`)
		}
	}
	if p.Date.IsZero() && !hasKey(m, "date") {
		add("date", "missing date: add the original publication date, like date: 2014-06-02")
	}
	if p.Slug == "" {
		p.Slug = strings.TrimSuffix(path.Base(p.File), ".md")
	}
	if !validSlug(p.Slug) {
		add("slug", "slug %q must be lowercase letters, digits and hyphens (it becomes part of the URL)", p.Slug)
	}
	for _, a := range p.Aliases {
		if err := checkAlias(a); err != nil {
			add("aliases", "alias %q: %v", a, err)
		}
	}
	for _, c := range [...]struct{ at, key, u string }{
		{"canonical", "canonical", p.Canonical},
		{"source", "source", p.Source.URL},
		{"source", "source.archive", p.Source.Archive},
	} {
		if c.u == "" {
			continue
		}
		if pu, err := url.Parse(c.u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			add(c.at, "%s %q must be an absolute http(s) URL", c.key, c.u)
		}
	}
	if p.Source.File != "" && (path.IsAbs(p.Source.File) || strings.Contains(p.Source.File, "\\") || !fsValid(p.Source.File)) {
		add("source", "source.file %q must be a path relative to content/, like sources/page.txt", p.Source.File)
	}
}

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return true
		}
	}
	return false
}

func validSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// checkAlias accepts a root-relative URL path such as
// /2014/06/old-name.html or /old/path/: it is written as a file under
// public/, so it must not climb out of it or carry a host.
func checkAlias(a string) error {
	if !strings.HasPrefix(a, "/") || strings.HasPrefix(a, "//") {
		return fmt.Errorf("must be a path from the site root starting with one \"/\", like /2014/06/old-name.html")
	}
	if strings.ContainsAny(a, "\\?#") || strings.ContainsFunc(a, func(r rune) bool { return r <= ' ' || r == 0x7f || unicode.IsSpace(r) }) {
		return fmt.Errorf("must be a plain path without spaces, backslashes, query, fragment or control characters")
	}
	for seg := range strings.SplitSeq(strings.Trim(a, "/"), "/") {
		if seg == ".." || seg == "." {
			return fmt.Errorf("must not contain %q segments", seg)
		}
	}
	if strings.Trim(a, "/") == "" {
		return fmt.Errorf("must not be the site root")
	}
	return nil
}

// AliasFile is the file an alias path is written to: the path itself when
// it names a file (old-name.html), else index.html inside it.
func AliasFile(alias string) string {
	a := strings.TrimPrefix(alias, "/")
	if a == "" || strings.HasSuffix(a, "/") || path.Ext(a) == "" {
		return path.Join(a, "index.html")
	}
	return a
}

func fsValid(p string) bool {
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}
