package site

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"

	"reprint/generator/internal/content"
)

// Page is what every template gets. Fields that a kind of page does not
// use are zero.
//
// Templates run once or twice per post, so what they read is plain
// fields, worked out before the template runs: html/template reaches each
// field, method and function by reflection, and a method or a function
// call costs it several times what a field does.
type Page struct {
	Site *content.Site
	// File is this page's output path, e.g. 2014/06/post/index.html; it is
	// what relative links are computed from.
	File string
	Kind string // "post", "original", "home", "alias", "404"
	// Original is Kind == "original": the post as first published.
	Original    bool
	Title       string // the <title>
	Description string
	Canonical   string // absolute URL for rel=canonical, or ""
	FeedPath    string // site path of the feed, or "" when it is off
	JSONLD      template.JS
	// Style is the stylesheet inlined, for the 404 page, which hosts serve
	// at any depth where a relative link to style.css would break.
	Style template.CSS

	// CSP and Home are filled in from the fields above just before the
	// page is rendered (see finish).
	CSP  template.HTML // the Content-Security-Policy <meta> element
	Home string        // the link to the home page

	Post  *PostView   // post and original pages
	Posts []*PostView // home pages

	// Home page pagination: site paths of the neighbours ("" = none).
	PrevPage, NextPage string
	PageNumber, Pages  int

	Target string // alias pages: the site path redirected to
}

// finish works out the fields that follow from the others.
func (p *Page) finish() {
	p.Original = p.Kind == "original"
	p.CSP = p.csp()
	p.Home = p.home()
}

// csp is the page's Content-Security-Policy, as a <meta> element since
// static hosts cannot all send headers. It forbids scripts and loads from
// anywhere but the site itself; the page's JSON-LD block is data, not
// script, and is allowed by its hash so that validators that apply the
// policy to it find nothing to report.
func (p *Page) csp() template.HTML {
	style := "'self'"
	if p.Style != "" {
		style = "'" + sha256Source(string(p.Style)) + "'"
	}
	policy := "default-src 'none'; style-src " + style + "; img-src 'self'; base-uri 'none'; form-action 'none'"
	if p.JSONLD != "" {
		policy += "; script-src '" + sha256Source(string(p.JSONLD)) + "'"
	}
	return template.HTML(`<meta http-equiv="Content-Security-Policy" content="` + policy + `">`)
}

// sha256Source is a CSP hash source for an inline element's text.
func sha256Source(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// home is the link to the home page: relative, except on the 404 page,
// which hosts serve at any address, where it is the base URL when there
// is one.
func (p *Page) home() string {
	if p.Kind == "404" && p.Site.BaseURL != "" {
		return p.Site.BaseURL
	}
	return p.Rel("")
}

// Rel is the relative URL from this page to a site path ("style.css",
// "2014/06/post/", "" for the home page).
func (p *Page) Rel(sitePath string) string { return relURL(p.File, sitePath) }

// PostView is a post as templates see it: its front matter fields, with
// what the build worked out.
type PostView struct {
	// Title and Description have typographic quotes, like the body.
	Title, Description  string
	Author, Publication string
	Date                content.Date // original publication
	Corrected           content.Date // when the editorial changes were made
	Source              content.Source
	Canonical           string   // front matter: a live original to point rel=canonical at
	Aliases             []string // old URL paths
	Slug                string
	File                string // content/posts/….md

	Path        string        // site path, e.g. 2014/06/post/
	Body        template.HTML // rendered body: corrected, or original on the original page
	OriginalURL string        // site path of the original page, "" if the post has no changes
	Notes       []Note        // corrections and clarifications, numbered
	CopyEdits   []CopyEdit
	// Corrections is the section listing Notes and CopyEdits, as HTML; ""
	// on the original page and for a post without changes.
	Corrections template.HTML
	// HasCorrections is whether the post carries editorial changes:
	// notes or copy edits.
	HasCorrections bool

	sitemap [][]byte // this post's sitemap entries (see postSitemap)
}

// newPostView is p as templates see it, before its body is rendered.
func newPostView(p *content.Post) *PostView {
	return &PostView{
		Title:       typographic(p.Title),
		Description: typographic(p.Description),
		Author:      p.Author,
		Publication: p.Publication,
		Date:        p.Date,
		Corrected:   p.Corrected,
		Source:      p.Source,
		Canonical:   p.Canonical,
		Aliases:     p.Aliases,
		Slug:        p.Slug,
		File:        p.File,
		Path:        p.Path(),
	}
}

// Note is one numbered editor's note.
type Note struct {
	Number             int
	Kind               string // "correction" or "clarification"
	Clarification      bool   // Kind == "clarification"
	Old, New           string // plain text; a clarification's text is Old
	Deletion, Addition bool   // a correction that only removes or only adds
	HTML               template.HTML
	Text               string // plain text, for JSON-LD
	MarkID             string // anchor of the marked text
	NoteID             string // anchor of the note
}

// CopyEdit is a silent fix of spelling or spacing, listed at the end.
type CopyEdit struct{ Old, New string }
