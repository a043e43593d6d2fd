package webcheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Site is a built site on disk, as the generator writes it to public/.
type Site struct {
	// Dir is the folder that holds the site.
	Dir string
	// BaseURL is the absolute URL the site's absolute links (canonical,
	// og:url, feed IDs) start with, or "" for a site built without one.
	// OpenSite reads it from the home page's rel=canonical link.
	BaseURL string
	// Pages lists every HTML file, as slash paths relative to Dir, sorted.
	Pages []string

	docs map[string]*document // by page path, and by stylesheet path
}

// OpenSite reads every HTML page (and every stylesheet they use) under dir.
// The checks read pages from Site rather than from disk again, so that they
// all judge the same bytes.
func OpenSite(dir string) (*Site, error) {
	s := &Site{Dir: dir, docs: map[string]*document{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		s.Pages = append(s.Pages, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("open site: %w", err)
	}
	if len(s.Pages) == 0 {
		return nil, fmt.Errorf("open site: no *.html files in %s", dir)
	}
	slices.Sort(s.Pages)
	for _, p := range s.Pages {
		doc, err := parseDocument(dir, p)
		if err != nil {
			return nil, err
		}
		s.docs[p] = doc
	}
	if home := s.docs["index.html"]; home != nil && home.Canonical != "" {
		if u, err := url.Parse(home.Canonical); err == nil && u.IsAbs() {
			s.BaseURL = home.Canonical
		}
	}
	// Stylesheets are documents too: their url() references load with the page.
	for _, p := range s.Pages {
		for _, r := range s.docs[p].Refs {
			if r.Attr != "link stylesheet" || classify(r.URL, s.BaseURL) != internal {
				continue
			}
			css, ok := resolveFile(p, r.URL)
			if !ok || s.docs[css] != nil {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(css)))
			if err != nil {
				continue // a missing stylesheet is the link check's finding
			}
			s.docs[css] = &document{Path: css, Refs: cssRefs(css, string(b), "css url()")}
		}
	}
	return s, nil
}

// reference is one URL that a page or stylesheet names.
type reference struct {
	// From is the page or stylesheet it is written in (a path in the site).
	From string
	// Attr says where: "a href", "img src", "link stylesheet", "css url()"...
	Attr string
	// URL is the reference as written.
	URL string
	// Load is true for what the browser fetches with the page (src, a
	// stylesheet, an icon, url() in CSS) and false for what a reader follows
	// (a href, a meta refresh, rel=alternate).
	Load bool
}

// document is what the checks need to know of one page or stylesheet.
type document struct {
	Path      string
	Refs      []reference
	IDs       map[string]bool // id (and a name) attributes, for #fragment links
	Scripts   []string        // executable script in the page, described
	Canonical string          // href of rel=canonical
	Refresh   bool            // the page has a meta refresh (an alias page)
}

// parseDocument reads one HTML page of the site.
func parseDocument(dir, page string) (*document, error) {
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
	if err != nil {
		return nil, err
	}
	return parseDocumentBytes(page, b)
}

// parseDocumentBytes reads one HTML page, named page in messages.
func parseDocumentBytes(page string, b []byte) (*document, error) {
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", page, err)
	}
	d := &document{Path: page, IDs: map[string]bool{}}
	add := func(attr, u string, load bool) {
		if u = strings.TrimSpace(u); u != "" {
			d.Refs = append(d.Refs, reference{From: page, Attr: attr, URL: u, Load: load})
		}
	}
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		get := func(key string) (string, bool) {
			for _, a := range n.Attr {
				if a.Namespace == "" && a.Key == key {
					return a.Val, true
				}
			}
			return "", false
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "id", a.Key == "name" && n.DataAtom == atom.A:
				d.IDs[a.Val] = true
			case strings.HasPrefix(a.Key, "on"):
				d.Scripts = append(d.Scripts, fmt.Sprintf("<%s %s> event handler", n.Data, a.Key))
			case a.Key == "style":
				d.Refs = append(d.Refs, cssRefs(page, a.Val, "style url()")...)
			}
			if v := strings.TrimSpace(a.Val); (a.Key == "href" || a.Key == "src" || a.Key == "action") &&
				strings.HasPrefix(strings.ToLower(v), "javascript:") {
				d.Scripts = append(d.Scripts, fmt.Sprintf("<%s %s=javascript:…>", n.Data, a.Key))
			}
		}
		switch n.DataAtom {
		case atom.A, atom.Area:
			if v, ok := get("href"); ok {
				add(n.Data+" href", v, false)
			}
		case atom.Link:
			v, ok := get("href")
			if !ok {
				break
			}
			rel, _ := get("rel")
			rels := strings.Fields(strings.ToLower(rel))
			switch {
			case slices.Contains(rels, "stylesheet"):
				add("link stylesheet", v, true)
			case slices.Contains(rels, "icon"), slices.Contains(rels, "apple-touch-icon"):
				add("link icon", v, true)
			case slices.Contains(rels, "canonical"):
				d.Canonical = v
				add("link canonical", v, false)
			case slices.Contains(rels, "preload"), slices.Contains(rels, "modulepreload"), slices.Contains(rels, "prefetch"):
				add("link "+rel, v, true)
			default:
				add("link "+rel, v, false)
			}
		case atom.Img, atom.Source, atom.Audio, atom.Video, atom.Track, atom.Embed, atom.Iframe, atom.Input:
			if v, ok := get("src"); ok {
				add(n.Data+" src", v, true)
			}
			if v, ok := get("srcset"); ok {
				for _, c := range strings.Split(v, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						add(n.Data+" srcset", f[0], true)
					}
				}
			}
			if v, ok := get("poster"); ok {
				add(n.Data+" poster", v, true)
			}
		case atom.Object:
			if v, ok := get("data"); ok {
				add("object data", v, true)
			}
		case atom.Form:
			if v, ok := get("action"); ok {
				add("form action", v, false)
			}
		case atom.Script:
			typ, _ := get("type")
			if !isDataScript(typ) {
				if v, ok := get("src"); ok {
					add("script src", v, true)
					d.Scripts = append(d.Scripts, "<script src="+v+">")
				} else {
					d.Scripts = append(d.Scripts, "inline <script>")
				}
			}
		case atom.Style:
			if n.FirstChild != nil {
				d.Refs = append(d.Refs, cssRefs(page, n.FirstChild.Data, "style url()")...)
			}
		case atom.Meta:
			if equiv, _ := get("http-equiv"); strings.EqualFold(equiv, "refresh") {
				d.Refresh = true
				content, _ := get("content")
				if _, after, ok := strings.Cut(content, ";"); ok {
					after = strings.TrimSpace(after)
					if len(after) > 4 && strings.EqualFold(after[:4], "url=") {
						add("meta refresh", strings.Trim(after[4:], `'" `), false)
					}
				}
			}
		}
	}
	return d, nil
}

// isDataScript reports whether a script element of this type holds data the
// browser never runs, such as JSON-LD. The weight check allows those: only
// JavaScript costs the reader.
func isDataScript(typ string) bool {
	typ = strings.ToLower(strings.TrimSpace(typ))
	switch typ {
	case "", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript":
		return false
	}
	return true
}

var (
	cssURL    = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^'")\s]*))\s*\)`)
	cssImport = regexp.MustCompile(`@import\s+(?:"([^"]*)"|'([^']*)')`)
	cssNote   = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// cssRefs finds the url() and @import references in CSS text.
func cssRefs(from, css, attr string) []reference {
	css = cssNote.ReplaceAllString(css, "")
	var refs []reference
	for _, re := range []*regexp.Regexp{cssImport, cssURL} {
		for _, m := range re.FindAllStringSubmatch(css, -1) {
			u := strings.TrimSpace(m[1] + m[2] + m[len(m)-1])
			if re == cssImport {
				u = strings.TrimSpace(m[1] + m[2])
			}
			if u != "" {
				refs = append(refs, reference{From: from, Attr: attr, URL: u, Load: true})
			}
		}
	}
	return refs
}

// refKind sorts a reference by what a check does with it.
type refKind int

const (
	internal refKind = iota // a relative URL: into this site, must resolve
	fragment                // "#id" on the same page
	self                    // absolute, under the site's base URL: never loaded
	external                // another host, or mailto:, tel:...
	inline                  // data: URLs
)

func classify(ref, baseURL string) refKind {
	switch {
	case strings.HasPrefix(ref, "#"):
		return fragment
	case strings.HasPrefix(ref, "//"):
		return external
	}
	u, err := url.Parse(ref)
	if err != nil || u.Scheme == "" {
		return internal
	}
	switch {
	case u.Scheme == "data":
		return inline
	case baseURL != "" && strings.HasPrefix(ref, baseURL):
		return self
	}
	return external
}

// resolveFile resolves an internal reference written in the site file from
// to the site file it names, as a static host would: a folder means its
// index.html. ok is false for a reference that climbs out of the site.
func resolveFile(from, ref string) (file string, ok bool) {
	u, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	p := u.Path
	if p == "" {
		return from, true
	}
	folder := strings.HasSuffix(p, "/")
	if strings.HasPrefix(p, "/") {
		p = strings.TrimPrefix(path.Clean(p), "/") // a host's root: nothing above it
	} else {
		p = path.Join(path.Dir(from), p)
	}
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	if p == "." || p == "" {
		p = ""
	} else if folder {
		p += "/"
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p, true
}

// postPage matches a post's own page, /YYYY/MM/<slug>/index.html: the page
// the weight budget is for.
var postPage = regexp.MustCompile(`^[0-9]{4}/[0-9]{2}/[^/]+/index\.html$`)

// IsPost reports whether page (a path in the site) is a post's page.
func IsPost(page string) bool { return postPage.MatchString(page) }
