package webcheck

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/chromedp/cdproto/network"
)

// LinkProblem is a link or load that fails at one location.
type LinkProblem struct {
	Location string // AtRoot, AtSubpath or AtFile
	Page     string // the page, or the stylesheet, the link is written in
	URL      string // the link as written, or the URL the browser asked for
	Problem  string
}

func (p LinkProblem) String() string {
	return fmt.Sprintf("%s [%s]: %s: %s", p.Page, p.Location, p.URL, p.Problem)
}

// LinksReport is the link check's verdict on a site at the three locations.
type LinksReport struct {
	Pages    []string
	Links    int // internal links and references in the site, each checked at every location
	Problems []LinkProblem
}

// Count is the number of problems of page at location.
func (r *LinksReport) Count(page, location string) int {
	n := 0
	for _, p := range r.Problems {
		if p.Page == page && p.Location == location {
			n++
		}
	}
	return n
}

// Links checks that the site works wherever it is put. At each of
// Locations (served at /, served at /a/sub/path/, opened from disk):
//
//   - every internal href, src, srcset, meta refresh and CSS url() resolves
//     to a file, as a static host resolves it: over HTTP it must answer 200;
//     from disk it must name a file, since a folder opens as a listing
//     there, not as its index.html; a #fragment must name an id in the target;
//   - every page, opened in the browser, loads without a failed request, a
//     console error, or a request to another host.
//
// Absolute links under the site's base URL (canonical, og:url) and links
// to other sites are not followed: the check has no network.
func (b *Browser) Links(ctx context.Context, s *Site) (*LinksReport, error) {
	r := &LinksReport{Pages: s.Pages}
	for _, doc := range s.sortedDocs() {
		for _, ref := range doc.Refs {
			if k := classify(ref.URL, s.BaseURL); k == internal || k == fragment {
				r.Links++
			}
		}
	}
	for _, loc := range Locations {
		var base string // the URL the site's root is at
		if loc == AtFile {
			u, err := fileURL(s.Dir, "")
			if err != nil {
				return nil, err
			}
			base = u + "/"
		} else {
			srv, err := serve(s.Dir, loc)
			if err != nil {
				return nil, err
			}
			defer srv.Close()
			base = srv.URL
		}
		seen := map[string]bool{} // page + resolved URL, so a failure is told once
		add := func(page, raw, resolved, problem string) {
			if k := page + " " + resolved; !seen[k] {
				seen[k] = true
				r.Problems = append(r.Problems, LinkProblem{Location: loc, Page: page, URL: raw, Problem: problem})
			}
		}
		res := resolver{site: s, base: base, cache: map[string]string{}}
		for _, doc := range s.sortedDocs() {
			from, err := url.Parse(base + escapePath(doc.Path))
			if err != nil {
				return nil, err
			}
			for _, ref := range doc.Refs {
				if k := classify(ref.URL, s.BaseURL); k != internal && k != fragment {
					continue
				}
				u, err := from.Parse(ref.URL)
				if err != nil {
					add(doc.Path, ref.URL, ref.URL, "not a URL: "+err.Error())
					continue
				}
				if problem := res.check(u); problem != "" {
					add(doc.Path, ref.URL, u.String(), problem)
				}
			}
		}
		t, err := b.newTab(ctx)
		if err != nil {
			return nil, err
		}
		defer t.cancel()
		for _, page := range s.Pages {
			// Over HTTP a folder's page opens as the folder, as a shared link
			// would; from disk only the file itself can be opened.
			u := base + escapePath(page)
			if loc != AtFile {
				u = strings.TrimSuffix(u, "index.html")
			}
			v, err := t.visit(u, View{1280, false}, nil)
			if err != nil {
				return nil, err
			}
			for _, rq := range v.Requests {
				if rq.ours || (rq.Failure == "" && rq.Status < 400) || browserGuess(rq.URL, rq.Type) {
					continue
				}
				why := rq.Failure
				if why == "" {
					why = fmt.Sprintf("HTTP %d", rq.Status)
				}
				add(page, rq.URL, rq.URL, "browser: "+why)
			}
			for _, c := range v.Console {
				// Chromium also logs most failed loads (a refused
				// stylesheet, a 404 served as text/plain); one report is enough.
				if slices.ContainsFunc(v.Requests, func(rq *request) bool {
					return seen[page+" "+rq.URL] && strings.Contains(c, "'"+rq.URL+"'")
				}) {
					continue
				}
				add(page, "console", c, "console error: "+c)
			}
			for _, u := range v.Blocked {
				add(page, u, u, "request to another host, refused")
			}
		}
	}
	return r, nil
}

// browserGuess reports a request the browser makes on its own, not because
// the page asked: /favicon.ico at the host's root, for a page that names no
// icon. A site under a subpath cannot own that URL, so it is no failure.
func browserGuess(raw string, typ network.ResourceType) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme != "file" && u.Path == "/favicon.ico" && typ == network.ResourceTypeOther
}

// resolver checks resolved URLs at one location, fetching each target once.
type resolver struct {
	site  *Site
	base  string
	cache map[string]string // URL without fragment -> problem ("" for fine)
	ids   map[string]map[string]bool
}

// check says what is wrong with following u ("" when nothing is).
func (r *resolver) check(u *url.URL) string {
	frag := u.Fragment
	plain := *u
	plain.Fragment, plain.RawFragment = "", ""
	key := plain.String()
	problem, ok := r.cache[key]
	var body []byte
	if !ok || (frag != "" && problem == "") {
		problem, body = r.fetch(&plain)
		r.cache[key] = problem
	}
	if problem != "" || frag == "" {
		return problem
	}
	if r.ids == nil {
		r.ids = map[string]map[string]bool{}
	}
	ids, ok := r.ids[key]
	if !ok {
		ids = map[string]bool{}
		if page, ok := r.sitePath(key); ok && r.site.docs[page] != nil && r.site.docs[page].IDs != nil {
			ids = r.site.docs[page].IDs
		} else if body != nil {
			if d, err := parseDocumentBytes(key, body); err == nil {
				ids = d.IDs
			}
		}
		r.ids[key] = ids
	}
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	if !ids[frag] {
		return fmt.Sprintf("no element with id %q in the target", frag)
	}
	return ""
}

// sitePath maps a URL at this location back to a file of the site.
func (r *resolver) sitePath(u string) (string, bool) {
	rel, ok := strings.CutPrefix(u, r.base)
	if !ok {
		return "", false
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if p, err := url.PathUnescape(rel); err == nil {
		rel = p
	}
	return rel, true
}

// fetch gets u as a reader's browser would and returns a problem, or the body.
func (r *resolver) fetch(u *url.URL) (problem string, body []byte) {
	if u.Scheme == "file" {
		p := filepath.FromSlash(u.Path)
		fi, err := os.Stat(p)
		switch {
		case err != nil:
			return "no such file under file://", nil
		case fi.IsDir():
			return "names a folder: under file:// that opens a folder listing, not its index.html; link to …/index.html", nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err.Error(), nil
		}
		return "", b
	}
	if !strings.HasPrefix(u.String(), r.base) {
		return "outside the site: the site is served at " + r.base, nil
	}
	resp, err := http.Get(u.String())
	if err != nil {
		return err.Error(), nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return "HTTP " + resp.Status, nil
	}
	return "", b
}

// sortedDocs lists the documents of s.Pages, then the stylesheets, by path.
func (s *Site) sortedDocs() []*document {
	var docs, sheets []*document
	for _, p := range s.Pages {
		docs = append(docs, s.docs[p])
	}
	for p, d := range s.docs {
		if !strings.HasSuffix(p, ".html") {
			sheets = append(sheets, d)
		}
	}
	slices.SortFunc(sheets, func(a, b *document) int { return strings.Compare(a.Path, b.Path) })
	return append(docs, sheets...)
}

// escapePath escapes a slash path of the site for use in a URL.
func escapePath(p string) string { return (&url.URL{Path: p}).EscapedPath() }
