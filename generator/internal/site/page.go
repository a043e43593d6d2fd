package site

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"

	"reprint/generator/internal/content"
)

// Page is what every template gets. Fields that a kind of page does not
// use are zero.
type Page struct {
	Site *content.Site
	// File is this page's output path, e.g. 2014/06/post/index.html; it is
	// what relative links are computed from.
	File        string
	Kind        string // "post", "original", "home", "alias", "404"
	Title       string // the <title>
	Description string
	Canonical   string // absolute URL for rel=canonical, or ""
	FeedPath    string // site path of the feed, or "" when it is off
	JSONLD      template.JS
	// Style is the stylesheet inlined, for the 404 page, which hosts serve
	// at any depth where a relative link to style.css would break.
	Style template.CSS

	Post  *PostView   // post and original pages
	Posts []*PostView // home pages

	// Home page pagination: site paths of the neighbours ("" = none).
	PrevPage, NextPage string
	PageNumber, Pages  int

	Target string // alias pages: the site path redirected to
}

// CSP is the page's Content-Security-Policy, as a <meta> element since
// static hosts cannot all send headers. It forbids scripts and loads from
// anywhere but the site itself; the page's JSON-LD block is data, not
// script, and is allowed by its hash so that validators that apply the
// policy to it find nothing to report.
func (p *Page) CSP() template.HTML {
	style := "'self'"
	if p.Style != "" {
		sum := sha256.Sum256([]byte(p.Style))
		style = "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	policy := "default-src 'none'; style-src " + style + "; img-src 'self'; base-uri 'none'; form-action 'none'"
	if p.JSONLD != "" {
		sum := sha256.Sum256([]byte(p.JSONLD))
		policy += "; script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	return template.HTML(`<meta http-equiv="Content-Security-Policy" content="` + policy + `">`)
}

// Home is the link to the home page: relative, except on the 404 page,
// which hosts serve at any address, where it is the base URL when there
// is one.
func (p *Page) Home() string {
	if p.Kind == "404" && p.Site.BaseURL != "" {
		return p.Site.BaseURL
	}
	return p.Rel("")
}

// Rel is the relative URL from this page to a site path ("style.css",
// "2014/06/post/", "" for the home page).
func (p *Page) Rel(sitePath string) string { return relURL(p.File, sitePath) }

// PostView is a post as templates see it.
type PostView struct {
	*content.Post
	// Title and Description have typographic quotes, like the body; they
	// hide the front matter's plain ones from templates.
	Title, Description string
	Path               string        // site path, e.g. 2014/06/post/
	Body               template.HTML // rendered body: corrected, or original on the original page
	OriginalURL        string        // site path of the original page, "" if the post has no changes
	Notes              []Note        // corrections and clarifications, numbered
	CopyEdits          []CopyEdit

	sitemap [][]byte // this post's sitemap entries (see postSitemap)
}

// HasCorrections reports whether the post carries editorial changes.
func (v *PostView) HasCorrections() bool { return len(v.Notes) > 0 || len(v.CopyEdits) > 0 }

// Note is one numbered editor's note.
type Note struct {
	Number             int
	Kind               string // "correction" or "clarification"
	Old, New           string // plain text; a clarification's text is Old
	Deletion, Addition bool   // a correction that only removes or only adds
	HTML               template.HTML
	Text               string // plain text, for JSON-LD
	MarkID             string // anchor of the marked text
	NoteID             string // anchor of the note
}

// CopyEdit is a silent fix of spelling or spacing, listed at the end.
type CopyEdit struct{ Old, New string }
