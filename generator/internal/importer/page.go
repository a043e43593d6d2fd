package importer

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page says about itself in its markup: <head> tags,
// JSON-LD, microdata and the classes blog engines use. Each field takes
// the first source that has it, in the order written in readMeta.
type pageMeta struct {
	title       string
	titleWeak   bool   // from <title>, which often carries the site name
	author      string // the article's author, as the page's metadata says
	poster      string // the name in the page's byline markup: on a blog, who posted it
	publisher   string // the organisation that published the page
	site        string // the site's own name (a blog's title)
	description string
	url         string // canonical address
	base        string // <base href>
	date        string // the page's own date, YYYY-MM-DD
}

func readMeta(doc *goquery.Document) pageMeta {
	var m pageMeta
	ld := readJSONLD(doc)
	meta := func(keys ...string) string {
		for _, k := range keys {
			sel := `meta[property="` + k + `"], meta[name="` + k + `"], meta[itemprop="` + k + `"]`
			if v := collapse1(doc.Find(sel).First().AttrOr("content", "")); v != "" {
				return v
			}
		}
		return ""
	}

	m.title = first(
		textAt(doc, ".post-title, .entry-title, [itemprop=headline]"),
		ld.headline,
		meta("og:title", "twitter:title"),
		textAt(doc, "article h1, main h1, [role=main] h1"),
		loneHeading(doc),
	)
	if m.title == "" {
		m.title = collapse1(doc.Find("title").First().Text())
		m.titleWeak = m.title != ""
	}
	m.author = cleanAuthor(first(ld.author, meta("author", "article:author", "twitter:creator", "dc.creator", "DC.creator")))
	if strings.Contains(m.author, "://") || strings.HasPrefix(m.author, "@") {
		m.author = "" // article:author is often a profile URL, twitter:creator a handle
	}
	m.poster = cleanAuthor(textAt(doc, "[itemprop=author] [itemprop=name], [rel=author], .author .fn, .post-author .fn, .byline .author, .author-name, .byline, .vcard .fn"))
	m.site = first(
		meta("og:site_name", "application-name"),
		textAt(doc, "#header h1, .header-outer .title, #Header1 .title, .site-title, .blog-title"),
	)
	m.publisher = first(ld.publisher, m.site)
	m.description = first(
		notTruncated(meta("description", "og:description", "twitter:description")),
		notTruncated(ld.description),
	)
	m.url = first(
		strings.TrimSpace(doc.Find(`link[rel~="canonical"]`).First().AttrOr("href", "")),
		meta("og:url"),
		ld.url,
	)
	m.base = strings.TrimSpace(doc.Find("base[href]").First().AttrOr("href", ""))
	m.date = first(
		dateOf(meta("article:published_time", "datePublished", "og:published_time")),
		dateOf(ld.datePublished),
		dateAttr(doc, "[itemprop=datePublished]", "content", "datetime", "title"),
		dateAttr(doc, "article time[datetime], time[pubdate], time.published, time.entry-date, .post-timestamp time[datetime], time[datetime]", "datetime"),
		dateAttr(doc, "abbr.published", "title"),
		dateText(doc, ".date-header"),
		dateOf(meta("date", "pubdate", "publish-date", "DC.date.issued", "dc.date", "sailthru.date")),
		dateText(doc, ".entry-date, .published, .post-date"),
	)
	return m
}

func first(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// collapse1 trims s and collapses its white space to single spaces.
func collapse1(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

func textAt(doc *goquery.Document, sel string) string {
	var out string
	doc.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if isElement(s.Nodes[0], atom.Meta) {
			out = collapse1(s.AttrOr("content", ""))
		} else {
			out = textOf(s.Nodes[0])
		}
		return out == ""
	})
	return out
}

// loneHeading is the page's <h1> when it has exactly one outside its
// header (where blogs put their own name).
func loneHeading(doc *goquery.Document) string {
	h := doc.Find("h1").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Closest("header, #header, .header, .header-outer, nav").Length() == 0
	})
	if h.Length() != 1 {
		return ""
	}
	return textOf(h.Nodes[0])
}

// cleanAuthor strips the words around a name in a byline element.
func cleanAuthor(s string) string {
	for _, p := range []string{"posted by ", "written by ", "by ", "von "} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = s[len(p):]
		}
	}
	if b, ok := parseByline("By " + s); ok && b.Author != "" {
		return b.Author
	}
	return strings.TrimSpace(s)
}

// notTruncated refuses a description that is a cut-off snippet of the
// body (Blogger fills og:description that way): "…" or "..." at the end.
func notTruncated(s string) string {
	if strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…") || utf8.RuneCountInString(s) < 10 {
		return ""
	}
	return s
}

func dateOf(s string) string {
	d, _ := parseDateTime(s)
	return d
}

func dateAttr(doc *goquery.Document, sel string, attrs ...string) string {
	var out string
	doc.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		for _, a := range attrs {
			if d := dateOf(s.AttrOr(a, "")); d != "" {
				out = d
				return false
			}
		}
		return true
	})
	return out
}

func dateText(doc *goquery.Document, sel string) string {
	var out string
	doc.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		out, _ = parseDate(textOf(s.Nodes[0]))
		return out == ""
	})
	return out
}

// jsonLD holds the fields we use from a page's schema.org data.
type jsonLD struct {
	headline, author, publisher, description, url, datePublished string
}

// readJSONLD reads the first Article-like object in the page's
// application/ld+json scripts, looking inside arrays and @graph. Broken
// JSON is skipped: it is the page's problem, not the import's.
func readJSONLD(doc *goquery.Document) jsonLD {
	var out jsonLD
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return true
		}
		if obj := findArticleLD(v, 0); obj != nil {
			out = jsonLD{
				headline:      ldString(obj["headline"]),
				author:        ldName(obj["author"]),
				publisher:     ldName(obj["publisher"]),
				description:   ldString(obj["description"]),
				url:           first(ldString(obj["url"]), ldName(obj["mainEntityOfPage"])),
				datePublished: ldString(obj["datePublished"]),
			}
			return false
		}
		return true
	})
	return out
}

func findArticleLD(v any, depth int) map[string]any {
	if depth > 8 {
		return nil
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if o := findArticleLD(e, depth+1); o != nil {
				return o
			}
		}
	case map[string]any:
		if _, ok := v["headline"]; ok {
			return v
		}
		if _, ok := v["datePublished"]; ok {
			return v
		}
		return findArticleLD(v["@graph"], depth+1)
	}
	return nil
}

func ldString(v any) string {
	s, _ := v.(string)
	return collapse1(s)
}

// ldName reads a schema.org Person or Organization, a list of them (names
// joined with " and "), or a plain string.
func ldName(v any) string {
	switch v := v.(type) {
	case string:
		return collapse1(v)
	case map[string]any:
		return first(ldString(v["name"]), ldString(v["@id"]))
	case []any:
		var names []string
		for _, e := range v {
			if n := ldName(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, " and ")
	}
	return ""
}

// containerSelectors find the article body, most specific first: the
// markup of blog engines (Blogger's .post-body, also on ?m=1 pages;
// WordPress's .entry-content) and schema.org microdata; then <article>,
// which holds a news page's lead photo as well as its text; then the
// classes news sites use for the text alone; then <main>.
var containerSelectors = []string{
	".post-body",
	".entry-content",
	"[itemprop=articleBody]",
	"article",
	".article-body, .article-content, .story-body, .article__body, .post-content",
	"main, [role=main]",
}

// findContainer returns the element that holds the article text, or nil.
// When a selector matches several elements (a page of teasers), the one
// with the most text is the article; one with nothing to show is none.
func findContainer(doc *goquery.Document) *html.Node {
	for _, sel := range containerSelectors {
		var best *html.Node
		bestLen := -1
		doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
			if n := len(textOf(s.Nodes[0])); n > bestLen && hasVisible(s.Nodes[0]) {
				best, bestLen = s.Nodes[0], n
			}
		})
		if best != nil {
			return best
		}
	}
	return densest(doc)
}

// densest is the text-density fallback: the block with the most text
// directly in it (its paragraphs, and loose text as Blogger and old
// table layouts write it), not counting link text, navigation, headers,
// footers, sidebars and widgets. A page of links and menus has none, and
// so no article.
func densest(doc *goquery.Document) *html.Node {
	excluded := map[*html.Node]bool{}
	doc.Find("nav, header, footer, aside, form, script, style, noscript, template, head, " + furnitureSelectors).Each(func(_ int, s *goquery.Selection) {
		excluded[s.Nodes[0]] = true
	})
	var best *html.Node
	bestScore := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if excluded[n] {
			return
		}
		if densityCandidates[n.DataAtom] {
			score := 0
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if !excluded[c] && (c.Type == html.TextNode || c.Type == html.ElementNode && (c.DataAtom == atom.P || !blockTags[c.DataAtom])) {
					score += unlinkedText(c)
				}
			}
			if score > bestScore {
				best, bestScore = n, score
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				walk(c)
			}
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	return best
}

// densityCandidates are the elements that can hold an article's text.
var densityCandidates = map[atom.Atom]bool{
	atom.Body: true, atom.Div: true, atom.Td: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.Center: true, atom.Blockquote: true, atom.Dd: true,
}

// unlinkedText counts the non-space bytes of n's text outside links.
func unlinkedText(n *html.Node) int {
	switch {
	case n.Type == html.TextNode:
		return len(strings.Join(strings.Fields(n.Data), ""))
	case n.Type != html.ElementNode || n.DataAtom == atom.A || droppedTags[n.DataAtom]:
		return 0
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += unlinkedText(c)
	}
	return total
}
