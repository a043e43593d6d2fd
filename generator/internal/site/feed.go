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
	var entries [][]byte
	pages := max(1, (len(views)+PostsPerPage-1)/PostsPerPage)
	for n := 1; n <= pages; n++ {
		entries = append(entries, sitemapEntry(sitemapURL{Loc: b.site.Abs(homePath(n))}))
	}
	for _, v := range views {
		entries = append(entries, v.sitemap...)
	}
	files := map[string][]byte{}
	if len(entries) <= SitemapLimit {
		files["sitemap.xml"] = writeURLSet(entries)
		return files, nil
	}
	var index sitemapIndex
	for i := 0; i*SitemapLimit < len(entries); i++ {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		files[name] = writeURLSet(entries[i*SitemapLimit : min((i+1)*SitemapLimit, len(entries))])
		index.Sitemaps = append(index.Sitemaps, sitemapURL{Loc: b.site.Abs(name)})
	}
	data, err := marshalXML(index)
	files["sitemap.xml"] = data
	return files, err
}

// postSitemap is a post's entries in the sitemap, made when the post is
// rendered so that rewriting the sitemap after one edit only joins them.
func (b *Builder) postSitemap(v *PostView) [][]byte {
	if b.site.BaseURL == "" || !b.site.Outputs.Sitemap {
		return nil
	}
	mod := v.Date
	if !v.Corrected.IsZero() {
		mod = v.Corrected
	}
	out := [][]byte{sitemapEntry(sitemapURL{Loc: b.site.Abs(v.Path), LastMod: mod.String()})}
	if v.OriginalURL != "" {
		out = append(out, sitemapEntry(sitemapURL{Loc: b.site.Abs(v.OriginalURL), LastMod: v.Date.String()}))
	}
	return out
}

// writeURLSet writes a sitemap urlset from entries made by sitemapEntry.
// It is rewritten after every edit in the preview, and encoding/xml's
// reflection over ten thousand URLs made it the slowest step of a one-post
// rebuild. The output is what marshalXML(urlset{…}) gives (a test holds
// them equal).
func writeURLSet(entries [][]byte) []byte {
	n := 0
	for _, e := range entries {
		n += len(e)
	}
	var buf bytes.Buffer
	buf.Grow(n + 128)
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, e := range entries {
		buf.Write(e)
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// sitemapEntry is one <url> element of a urlset, indented as marshalXML
// indents it.
func sitemapEntry(u sitemapURL) []byte {
	var buf bytes.Buffer
	buf.WriteString("  <url>\n    <loc>")
	_ = xml.EscapeText(&buf, []byte(u.Loc))
	buf.WriteString("</loc>\n")
	if u.LastMod != "" {
		buf.WriteString("    <lastmod>")
		_ = xml.EscapeText(&buf, []byte(u.LastMod))
		buf.WriteString("</lastmod>\n")
	}
	buf.WriteString("  </url>\n")
	return buf.Bytes()
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
