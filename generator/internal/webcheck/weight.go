package webcheck

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/chromedp/cdproto/network"
)

// Budget is the most a post page may weigh with everything it loads,
// uncompressed: 14 KiB, about what a server can send in the first round trip
// of a new connection (TCP's initial window of 10 segments), so the page
// can show after one round trip however slow the reader's network.
const Budget = 14 * 1024

// Resource is one file a page loads, and its size.
type Resource struct {
	File  string // path in the site
	Bytes int64
}

// PageWeight is what opening one page costs.
type PageWeight struct {
	Page      string
	HTML      int64      // the page itself
	Resources []Resource // everything it loads: stylesheets, images, icons, fonts
	Total     int64      // HTML plus Resources, each file counted once
	// Scripts lists JavaScript the page would run: script elements (other
	// than data such as JSON-LD), event-handler attributes, javascript: URLs,
	// and script requests the browser made.
	Scripts []string
	// Remote lists what the page would load from another host.
	Remote []string
}

// WeightReport is the weight check's verdict on a site.
type WeightReport struct {
	Pages []PageWeight
}

// Problems lists post pages over Budget, and any page that runs
// JavaScript or loads from another host.
func (r *WeightReport) Problems() []string {
	var out []string
	for _, p := range r.Pages {
		if IsPost(p.Page) && p.Total > Budget {
			out = append(out, fmt.Sprintf("%s: %d bytes with what it loads, over the %d-byte budget by %d", p.Page, p.Total, Budget, p.Total-Budget))
		}
		for _, s := range p.Scripts {
			out = append(out, fmt.Sprintf("%s: runs JavaScript: %s", p.Page, s))
		}
		for _, u := range p.Remote {
			out = append(out, fmt.Sprintf("%s: loads from another host: %s", p.Page, u))
		}
	}
	return out
}

// Table is the per-page byte table, for a test log or a CI log.
func (r *WeightReport) Table() string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "page\tHTML\tloads\ttotal\tbudget\t\n")
	for _, p := range r.Pages {
		var names []string
		for _, res := range p.Resources {
			names = append(names, fmt.Sprintf("%s %d", res.File, res.Bytes))
		}
		budget := "-"
		if IsPost(p.Page) {
			budget = fmt.Sprintf("%d%%", p.Total*100/Budget)
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%s\t  %s\n", p.Page, p.HTML, p.Total-p.HTML, p.Total, budget, strings.Join(names, ", "))
	}
	w.Flush()
	return b.String()
}

// Weight opens every page of the site served at the root of a loopback
// server and adds up the bytes of the page and of every file it loads, as
// they are on disk (uncompressed). What it loads is what the browser asked
// for, plus what the page names for loading (an icon, a srcset candidate)
// that this browser did not happen to fetch, so the figure does not depend
// on the browser's mood.
func (b *Browser) Weight(ctx context.Context, s *Site) (*WeightReport, error) {
	srv, err := serve(s.Dir, AtRoot)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	size := func(file string) (int64, bool) {
		fi, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(file)))
		if err != nil || !fi.Mode().IsRegular() {
			return 0, false
		}
		return fi.Size(), true
	}
	t, err := b.newTab(ctx)
	if err != nil {
		return nil, err
	}
	defer t.cancel()
	r := &WeightReport{}
	for _, page := range s.Pages {
		v, err := t.visit(srv.pageURL(page), View{1280, false}, nil)
		if err != nil {
			return nil, err
		}
		pw := PageWeight{Page: page}
		pw.HTML, _ = size(page)
		doc := s.docs[page]
		pw.Scripts = append(pw.Scripts, doc.Scripts...)
		loaded := map[string]bool{page: true}
		add := func(file string) {
			if loaded[file] {
				return
			}
			if n, ok := size(file); ok {
				loaded[file] = true
				pw.Resources = append(pw.Resources, Resource{file, n})
			}
		}
		for _, rq := range v.Requests {
			if rq.Type == network.ResourceTypeScript {
				pw.Scripts = append(pw.Scripts, "browser loaded script "+rq.URL)
			}
			if rq.ours || rq.Failure != "" || rq.Status >= 400 || rq.Type == network.ResourceTypeDocument {
				continue
			}
			if rel, ok := strings.CutPrefix(rq.URL, srv.URL); ok {
				if u, err := url.Parse(rel); err == nil {
					add(u.Path)
				}
			}
		}
		// What the page and its stylesheets name for loading, in case the
		// browser skipped it.
		docs := []*document{doc}
		for i := 0; i < len(docs); i++ {
			for _, ref := range docs[i].Refs {
				if !ref.Load {
					continue
				}
				switch classify(ref.URL, s.BaseURL) {
				case internal:
					if f, ok := resolveFile(docs[i].Path, ref.URL); ok {
						add(f)
						if sheet := s.docs[f]; sheet != nil && !strings.HasSuffix(f, ".html") && !slices.Contains(docs, sheet) {
							docs = append(docs, sheet)
						}
					}
				case external, self:
					pw.Remote = append(pw.Remote, ref.URL)
				}
			}
		}
		for _, u := range v.Blocked {
			if !slices.Contains(pw.Remote, u) {
				pw.Remote = append(pw.Remote, u)
			}
		}
		slices.SortFunc(pw.Resources, func(a, b Resource) int { return strings.Compare(a.File, b.File) })
		pw.Total = pw.HTML
		for _, res := range pw.Resources {
			pw.Total += res.Bytes
		}
		r.Pages = append(r.Pages, pw)
	}
	return r, nil
}
