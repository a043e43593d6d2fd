package site

import (
	"fmt"
	"strings"

	"reprint/generator/internal/content"
	"reprint/generator/internal/output"
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

func (b *builder) writeHome(w output.Writer, views []*PostView) error {
	pages := (len(views) + PostsPerPage - 1) / PostsPerPage
	if pages == 0 {
		pages = 1
	}
	for n := 1; n <= pages; n++ {
		lo, hi := (n-1)*PostsPerPage, min(n*PostsPerPage, len(views))
		p := &Page{
			Site:        b.site,
			File:        homePath(n) + "index.html",
			Kind:        "home",
			Title:       b.site.Title,
			Description: b.site.Description,
			Canonical:   b.site.Abs(homePath(n)),
			FeedPath:    b.feedPath(),
			Posts:       views[lo:hi],
			PageNumber:  n,
			Pages:       pages,
		}
		if n > 1 {
			p.Title = fmt.Sprintf("%s (page %d of %d)", b.site.Title, n, pages)
			p.PrevPage = homePath(n - 1)
		}
		if n < pages {
			p.NextPage = homePath(n + 1)
		}
		if n == 1 {
			p.JSONLD = b.websiteJSONLD()
		}
		html, err := b.tmpl.execute("home", p)
		if err != nil {
			return err
		}
		if err := b.write(w, p.File, html); err != nil {
			return err
		}
	}
	return nil
}

// writeAliases writes one redirect page per old URL. Static hosts cannot
// all be told to redirect, but every browser follows a meta refresh, and
// rel=canonical tells search engines where the page now lives.
func (b *builder) writeAliases(w output.Writer, views []*PostView) error {
	for _, v := range views {
		for _, a := range v.Aliases {
			p := &Page{
				Site:      b.site,
				File:      content.AliasFile(a),
				Kind:      "alias",
				Title:     v.Title,
				Canonical: b.canonical(v),
				Post:      v,
				Target:    v.Path,
			}
			html, err := b.tmpl.execute("alias", p)
			if err != nil {
				return err
			}
			if err := b.write(w, p.File, html); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *builder) write404(w output.Writer, _ []*PostView) error {
	p := &Page{Site: b.site, File: "404.html", Kind: "404", Title: "Page not found · " + b.site.Title}
	html, err := b.tmpl.execute("404", p)
	if err != nil {
		return err
	}
	return b.write(w, p.File, html)
}

// writeExtras writes robots.txt, _redirects, the feed and the sitemap, as
// content/site.yaml switches them on.
func (b *builder) writeExtras(w output.Writer, views []*PostView) error {
	o := b.site.Outputs
	if o.Robots {
		robots := "User-agent: *\nAllow: /\n"
		if o.Sitemap && b.site.BaseURL != "" {
			robots += "Sitemap: " + b.site.Abs("sitemap.xml") + "\n"
		}
		if err := b.write(w, "robots.txt", []byte(robots)); err != nil {
			return err
		}
	}
	if o.Redirects {
		if err := b.write(w, "_redirects", b.redirects(views)); err != nil {
			return err
		}
	}
	if b.site.BaseURL == "" {
		return nil
	}
	if o.Feed {
		feed, err := b.feed(views)
		if err != nil {
			return err
		}
		if err := b.write(w, "feed.xml", feed); err != nil {
			return err
		}
	}
	if o.Sitemap {
		files, err := b.sitemaps(views)
		if err != nil {
			return err
		}
		for _, name := range sortedKeys(files) {
			if err := b.write(w, name, files[name]); err != nil {
				return err
			}
		}
	}
	return nil
}

// redirects is the _redirects file that Netlify, Cloudflare Pages and
// others read: each alias as a real 301 to the post. Paths include the
// base URL's path, since these hosts serve the site from their root.
func (b *builder) redirects(views []*PostView) []byte {
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
