package importer

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Options is what the caller knows about a page that the page may not say.
type Options struct {
	// URL is the page's original address when the caller knows it (the
	// -url flag). It is the post's source URL and the base for relative
	// links; it overrides nothing else found in the page.
	URL string
	// SourceFile is where the caller keeps the verbatim copy of the page,
	// relative to content/, e.g. "sources/x.txt" ("" leaves it out).
	SourceFile string
}

// Post is an imported article: front matter fields and a Markdown body.
type Post struct {
	Title       string
	Author      string
	Publication string
	Date        string   // original publication date, YYYY-MM-DD ("" if unknown)
	Republished string   // the source page's own date when it republished the article, YYYY-MM-DD
	Site        string   // the source page's site: blog title, or host of URL
	Description string   // meta description, else the first sentence of the body
	URL         string   // source URL: Options.URL, else canonical/og:url in the page
	SourceFile  string   // Options.SourceFile
	Aliases     []string // the source URL's path, so old links keep working
	Slug        string   // from the title: lowercase ASCII words joined by "-"
	Body        string   // Markdown, ending in a newline
}

// ErrNoArticle is returned (wrapped, with what was missing) when the input
// holds no article text.
var ErrNoArticle = errors.New("no article found")

func noArticle(text bool) error {
	if text {
		return fmt.Errorf("%w: the text has nothing but page furniture (menus, dates, comment forms)", ErrNoArticle)
	}
	return fmt.Errorf("%w: the page has no <article>, post body or paragraph text", ErrNoArticle)
}

// Import reads one page, a saved HTML page or the plain text of one (it
// tells them apart itself), and returns its article as a Post.
func Import(src []byte, opts Options) (*Post, error) {
	a, err := extract(src, opts)
	if err != nil {
		return nil, err
	}
	return a.post(opts)
}

// post writes the article as a Post.
func (a *article) post(opts Options) (*Post, error) {
	body := writeMarkdown(a.body, a.base)
	if body == "" {
		return nil, noArticle(a.text)
	}
	m, f := a.meta, a.found
	p := &Post{
		Title:      first(f.title, m.title),
		URL:        a.url,
		SourceFile: opts.SourceFile,
		Body:       body,
	}
	// An article's own byline outranks what the page says about itself:
	// on a blog that reprints, the page's date and "Posted by" name are
	// the blogger's, not the article's.
	pageDate := first(m.date, f.pageDate)
	if f.byline.found() {
		p.Author = first(f.byline.Author, m.author)
		p.Publication = first(f.byline.Publication, m.publisher)
	} else {
		p.Author = first(m.author, m.poster)
		p.Publication = m.publisher
	}
	if f.byline.Date != "" {
		p.Date = f.byline.Date
		if pageDate != p.Date {
			p.Republished = pageDate
		}
	} else {
		p.Date = pageDate
	}
	p.Site = m.site
	if u, err := url.Parse(a.url); err == nil && a.url != "" {
		if p.Site == "" {
			p.Site = u.Hostname()
		}
		if path := u.EscapedPath(); path != "" && path != "/" {
			p.Aliases = []string{path}
		}
	}
	p.Description = first(m.description, firstSentence(firstParagraph(a.body)))
	p.Slug = first(slugify(p.Title), urlSlug(a.url), "untitled")
	return p, nil
}

// article is a page after extraction: the article's body, cleaned and
// reshaped for the writer, and what the page said about it.
type article struct {
	body  *html.Node
	base  *url.URL // for relative links
	url   string   // the page's address
	meta  pageMeta
	found furniture
	text  bool // the input was a text scrape
}

// extract parses the page, reads its metadata, finds the article body
// and takes the furniture out of it.
func extract(src []byte, opts Options) (*article, error) {
	if opts.URL != "" && absoluteURL(opts.URL) == "" {
		return nil, fmt.Errorf("page address %q is not an absolute http(s) URL (like https://example.com/2014/06/post.html)", opts.URL)
	}
	src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	a := &article{text: !looksLikeHTML(src)}
	if a.text {
		src = textToHTML(src)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("reading the page: %w", err)
	}
	a.meta = readMeta(doc)
	a.url = first(absoluteURL(opts.URL), absoluteURL(a.meta.url))
	a.base = baseURL(a.url, a.meta.base)

	a.body = findContainer(doc)
	if a.body == nil {
		return nil, noArticle(a.text)
	}
	sel := doc.FindNodes(a.body)
	clean(sel)
	markFigures(sel)
	paragraphize(a.body)
	a.found = scanFurniture(a.body, a.meta.title, a.meta.titleWeak)
	markCaptions(a.body)
	return a, nil
}

// absoluteURL accepts only an absolute http(s) address.
func absoluteURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// baseURL is what relative links resolve against: the page's <base href>
// (itself relative to the page) or the page's address.
func baseURL(pageURL, base string) *url.URL {
	u, err := url.Parse(pageURL)
	if err != nil || pageURL == "" {
		u = nil
	}
	if base != "" {
		if b, err := url.Parse(base); err == nil {
			if u != nil {
				return u.ResolveReference(b)
			}
			if b.IsAbs() {
				return b
			}
		}
	}
	return u
}

// firstParagraph is the text of the article's first paragraph, figures
// and headings skipped, as it reads after its marked edits: with <ins>
// and without <del>.
func firstParagraph(container *html.Node) string {
	for _, b := range leafBlocks(container) {
		if isElement(b, atom.P) && !isImageParagraph(b) {
			if t := textOf(withoutDeletions(b)); t != "" {
				return t
			}
		}
	}
	return ""
}

// withoutDeletions is a copy of n without its <del> elements.
func withoutDeletions(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Attr: n.Attr}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if !isElement(k, atom.Del) {
			c.AppendChild(withoutDeletions(k))
		}
	}
	return c
}
