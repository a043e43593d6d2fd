package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"
)

// FeedEntries is how many of the newest posts the feed carries.
const FeedEntries = 20

// SitemapLimit is the sitemap protocol's limit of URLs per file.
const SitemapLimit = 50000

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomPerson `xml:"author,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Updated   string      `xml:"updated"`
	Published string      `xml:"published"`
	Links     []atomLink  `xml:"link"`
	Author    *atomPerson `xml:"author,omitempty"`
	Summary   *atomText   `xml:"summary,omitempty"`
}

// atomTime writes a day as the RFC 3339 instant Atom requires.
func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// feed is an Atom 1.0 feed of the newest posts. An entry's updated is its
// corrections date when it has one, so readers learn of corrections.
func (b *Builder) feed(views []*PostView) ([]byte, error) {
	f := atomFeed{
		Lang:  b.site.Language,
		ID:    b.site.Abs(""),
		Title: b.site.Title,
		Sub:   b.site.Description,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: b.site.Abs("feed.xml")},
			{Rel: "alternate", Type: "text/html", Href: b.site.Abs("")},
		},
		Author: &atomPerson{Name: b.site.Title},
	}
	if b.site.Editor.Name != "" {
		f.Author = &atomPerson{Name: b.site.Editor.Name, URI: b.site.Editor.URL}
	}
	var newest time.Time
	for _, v := range views[:min(FeedEntries, len(views))] {
		updated := v.Date.Time
		if !v.Corrected.IsZero() {
			updated = v.Corrected.Time
		}
		if updated.After(newest) {
			newest = updated
		}
		e := atomEntry{
			ID:        b.site.Abs(v.Path),
			Title:     v.Title,
			Updated:   atomTime(updated),
			Published: atomTime(v.Date.Time),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: b.site.Abs(v.Path)}},
		}
		if v.Author != "" {
			e.Author = &atomPerson{Name: v.Author}
		}
		if v.Description != "" {
			e.Summary = &atomText{Type: "text", Body: v.Description}
		}
		f.Entries = append(f.Entries, e)
	}
	if newest.IsZero() {
		newest = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.Updated = atomTime(newest)
	return marshalXML(f)
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemaps lists every page worth indexing: home pages, posts and their
// original versions. Past SitemapLimit URLs it writes sitemap-N.xml files
// and makes sitemap.xml their index, as the protocol asks.
func (b *Builder) sitemaps(views []*PostView) (map[string][]byte, error) {
	var urls []sitemapURL
	pages := max(1, (len(views)+PostsPerPage-1)/PostsPerPage)
	for n := 1; n <= pages; n++ {
		urls = append(urls, sitemapURL{Loc: b.site.Abs(homePath(n))})
	}
	for _, v := range views {
		mod := v.Date
		if !v.Corrected.IsZero() {
			mod = v.Corrected
		}
		urls = append(urls, sitemapURL{Loc: b.site.Abs(v.Path), LastMod: mod.String()})
		if v.OriginalURL != "" {
			urls = append(urls, sitemapURL{Loc: b.site.Abs(v.OriginalURL), LastMod: v.Date.String()})
		}
	}
	files := map[string][]byte{}
	if len(urls) <= SitemapLimit {
		data, err := marshalXML(urlset{URLs: urls})
		files["sitemap.xml"] = data
		return files, err
	}
	var index sitemapIndex
	for i := 0; i*SitemapLimit < len(urls); i++ {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		data, err := marshalXML(urlset{URLs: urls[i*SitemapLimit : min((i+1)*SitemapLimit, len(urls))]})
		if err != nil {
			return nil, err
		}
		files[name] = data
		index.Sitemaps = append(index.Sitemaps, sitemapURL{Loc: b.site.Abs(name)})
	}
	data, err := marshalXML(index)
	files["sitemap.xml"] = data
	return files, err
}

func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
