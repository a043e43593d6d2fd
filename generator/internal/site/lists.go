package site

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"io/fs"

	"reprint/generator/internal/content"
)

// PostsPerPage is how many posts a home page lists: enough to browse,
// few enough that a page stays one small download.
const PostsPerPage = 20

// homePath is the site path of home page n (1-based).
func homePath(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf("page/%d/", n)
}

// writeLists writes everything that lists posts: the home pages, the
// feed, the sitemap, robots.txt and _redirects.
func (r *run) writeLists() error {
	views := make([]*PostView, len(r.posts))
	for i, p := range r.posts {
		views[i] = r.views[p.File]
	}
	if err := r.writeHome(views); err != nil {
		return err
	}
	return r.writeExtras(views)
}

// writeHome writes the home pages. A page whose list is the same as in the
// previous build is not rendered again: after an edit to one post, the
// preview rewrites only the page that shows it. A large site has hundreds
// of home pages, so they are rendered in parallel like the posts.
func (r *run) writeHome(views []*PostView) error {
	pages := max(1, (len(views)+PostsPerPage-1)/PostsPerPage)
	prevLists, prevPages := r.homeLists, len(r.homeLists)
	r.homeLists = make([][]*PostView, pages)
	var todo []*Page
	for n := 1; n <= pages; n++ {
		lo, hi := (n-1)*PostsPerPage, min(n*PostsPerPage, len(views))
		p := &Page{
			Site:        r.site,
			File:        homePath(n) + "index.html",
			Kind:        "home",
			Title:       r.site.Title,
			Description: r.site.Description,
			Canonical:   r.site.Abs(homePath(n)),
			FeedPath:    r.feedPath(),
			Posts:       views[lo:hi],
			PageNumber:  n,
			Pages:       pages,
		}
		r.homeLists[n-1] = p.Posts
		// A view is made once per rendering of its post and never changed,
		// so the same views in the same order (and the same number of
		// pages, for the prev/next links) mean the same page.
		if prevPages == pages && slices.Equal(prevLists[n-1], p.Posts) && r.outputs[p.File] {
			continue
		}
		if n > 1 {
			p.Title = fmt.Sprintf("%s (page %d of %d)", r.site.Title, n, pages)
			p.PrevPage = homePath(n - 1)
		}
		if n < pages {
			p.NextPage = homePath(n + 1)
		}
		if n == 1 {
			p.JSONLD = r.websiteJSONLD()
		}
		todo = append(todo, p)
	}
	for n := pages + 1; n <= prevPages; n++ {
		delete(r.outputs, homePath(n)+"index.html")
	}
	return r.inParallel(len(todo), func(tmpl *templates, i int) error {
		html, err := tmpl.execute("home", todo[i])
		if err != nil {
			return err
		}
		return r.write(todo[i].File, html)
	})
}

// ownTemplates is the run's copy of the templates, made when first needed.
func (r *run) ownTemplates() *templates {
	if r.tmplCopy == nil {
		r.tmplCopy = r.tmpl.clone()
	}
	return r.tmplCopy
}

// writeAliases writes one redirect page per old URL of a post. Static
// hosts cannot all be told to redirect, but every browser follows a meta
// refresh, and rel=canonical tells search engines where the page now is.
func (r *run) writeAliases(tmpl *templates, v *PostView) error {
	for _, a := range v.Aliases {
		p := &Page{
			Site:      r.site,
			File:      content.AliasFile(a),
			Kind:      "alias",
			Title:     v.Title,
			Canonical: r.canonical(v),
			Post:      v,
			Target:    v.Path,
		}
		html, err := tmpl.execute("alias", p)
		if err != nil {
			return err
		}
		if err := r.write(p.File, html); err != nil {
			return err
		}
	}
	return nil
}

func (r *run) write404() error {
	p := &Page{Site: r.site, File: "404.html", Kind: "404", Title: "Page not found · " + r.site.Title}
	if css, err := fs.ReadFile(r.fsys, StaticDir+"/style.css"); err == nil {
		// Trimmed: the Nu Html Checker hashes an inline style without its
		// trailing newline, browsers with it; without one they agree.
		p.Style = template.CSS(bytes.TrimSpace(css))
	}
	html, err := r.ownTemplates().execute("404", p)
	if err != nil {
		return err
	}
	return r.write(p.File, html)
}

func (r *run) writeStatic() error {
	for _, name := range r.statics {
		data, err := fs.ReadFile(r.fsys, StaticDir+"/"+name)
		if err != nil {
			return fileError(StaticDir+"/"+name, err)
		}
		if err := r.write(name, data); err != nil {
			return err
		}
	}
	return nil
}

// writeExtras writes robots.txt, _redirects, the feed and the sitemap, as
// content/site.yaml switches them on.
func (r *run) writeExtras(views []*PostView) error {
	o := r.site.Outputs
	if o.Robots {
		robots := "User-agent: *\nAllow: /\n"
		if o.Sitemap && r.site.BaseURL != "" {
			robots += "Sitemap: " + r.site.Abs("sitemap.xml") + "\n"
		}
		if err := r.write("robots.txt", []byte(robots)); err != nil {
			return err
		}
	}
	if o.Redirects {
		if err := r.write("_redirects", r.redirects(views)); err != nil {
			return err
		}
	}
	if r.site.BaseURL == "" {
		return nil
	}
	if o.Feed {
		feed, err := r.feed(views)
		if err != nil {
			return err
		}
		if err := r.write("feed.xml", feed); err != nil {
			return err
		}
	}
	if o.Sitemap {
		files, err := r.sitemaps(views)
		if err != nil {
			return err
		}
		for _, name := range sortedKeys(files) {
			if err := r.write(name, files[name]); err != nil {
				return err
			}
		}
	}
	return nil
}

// redirects is the _redirects file that Netlify, Cloudflare Pages and
// others read: each alias as a real 301 to the post. Paths include the
// base URL's path, since these hosts serve the site from their root.
func (b *Builder) redirects(views []*PostView) []byte {
	var sb strings.Builder
	sb.WriteString("# Old URLs of reprinted posts, as permanent redirects.\n")
	base := b.site.BasePath()
	for _, v := range views {
		for _, a := range v.Aliases {
			fmt.Fprintf(&sb, "%s%s %s%s 301\n", base, strings.TrimPrefix(a, "/"), base, v.Path)
		}
	}
	return []byte(sb.String())
}
