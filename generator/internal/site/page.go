package site

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"html/template"
	"time"

	"reprint/generator/internal/content"
	"reprint/generator/internal/markdown"
)

// Page is what every template gets. Fields that a kind of page does not
// use are zero.
//
// Templates run twice per post, so what they read is plain fields, worked
// out before the template runs: html/template reaches each field, method
// and function by reflection, and a method or a function call costs it
// several times what a field does. For the same reason the parts of a
// page that many pages share are rendered once (see Frame and cached).
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

	// Body is a post page's text: corrected, or as originally published.
	Body template.HTML
	// Corrections is the section listing a corrected post's notes and copy
	// edits (see correctionsSection); "" on other pages.
	Corrections template.HTML

	// CSP, Home and Frame are filled in from the fields above just before
	// the page is rendered (see finish).
	CSP   template.HTML // the Content-Security-Policy <meta> element
	Home  string        // the link to the home page
	Frame Frame

	Post  *PostView   // post, original and alias pages
	Posts []*PostView // home pages

	// Home page pagination: site paths of the neighbours ("" = none).
	PrevPage, NextPage string
	PageNumber, Pages  int

	Target string // alias pages: the site path redirected to
}

// Frame is all that the parts of a page around its content may depend on
// (the site's links in <head>, its header and footer): the site, and the
// way from the page to the site's root. Pages of the same folder depth
// have the same Frame (the 404 page aside, with its inlined style and
// absolute home link), so templates render those parts once for all of
// them with {{cached "name" .Frame}}.
type Frame struct {
	Site *content.Site
	// Root is the relative URL of the site's root folder: "" on the home
	// page, "../../../" on a post page. Links to files at the root are
	// {{.Root}}style.css.
	Root        string
	Home        string // the link to the home page (see Page.Home)
	Feed        string // the relative link to the feed, "" when there is none
	InlineStyle bool   // the page inlines the stylesheet (Page.Style)
}

// finish works out the fields that follow from the others.
func (p *Page) finish() {
	p.Original = p.Kind == "original"
	p.CSP = p.csp()
	p.Home = p.home()
	p.Frame = Frame{Site: p.Site, Root: rootURL(p.File), Home: p.Home, InlineStyle: p.Style != ""}
	if p.FeedPath != "" {
		p.Frame.Feed = p.Rel(p.FeedPath)
	}
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
// what the build worked out. The post page and its original page share
// it: what differs between them is on the Page.
type PostView struct {
	// Title and Description have typographic quotes, like the body.
	Title, Description  string
	Author, Publication string
	Date                Day // original publication
	Corrected           Day // when the editorial changes were made
	Source              SourceView
	Canonical           string   // front matter: a live original to point rel=canonical at
	Aliases             []string // old URL paths
	Slug                string
	File                string // content/posts/….md

	Path        string // site path, e.g. 2014/06/post/
	OriginalURL string // site path of the original page, "" if the post has no changes
	// HasCorrections is whether the post carries editorial changes:
	// notes or copy edits.
	HasCorrections bool

	// notes and copyEdits are what Notes and CopyEdits return, until the
	// post's own pages are written (see listed).
	notes     []Note
	copyEdits []CopyEdit
	listed    bool     // the view is kept only for the lists now
	sitemap   [][]byte // this post's sitemap entries (see postSitemap)
}

// Notes are the post's corrections and clarifications, numbered. They are
// on the post's own pages (post, original, alias). A home page's .Posts
// are the posts as the lists keep them, with .HasCorrections but without
// their notes: ten thousand posts' notes would be most of a build's
// memory, so asking there is an error rather than an empty list.
func (v *PostView) Notes() ([]Note, error) {
	if v.listed {
		return nil, errListedPost
	}
	return v.notes, nil
}

// CopyEdits are the post's silent fixes of spelling and spacing; like
// Notes, only on the post's own pages.
func (v *PostView) CopyEdits() ([]CopyEdit, error) {
	if v.listed {
		return nil, errListedPost
	}
	return v.copyEdits, nil
}

var errListedPost = errors.New("a home page's posts carry no notes or copy edits, only .HasCorrections; they are on each post's own pages")

// keepForLists drops what only the post's own pages need, once they are
// written.
func (v *PostView) keepForLists() {
	v.notes, v.copyEdits, v.listed = nil, nil, true
}

// Day is a date as templates print it: {{.Date}} is 2014-06-02, for a
// datetime attribute, and {{.Date.Long}} is "June 2, 2014". Both are
// formatted once, not at every use. The zero Day prints as "".
type Day struct {
	ISO  string
	Long string
	Time time.Time
}

func newDay(d content.Date) Day { return Day{ISO: d.String(), Long: d.Long(), Time: d.Time} }

// String is the date as YYYY-MM-DD.
func (d Day) String() string { return d.ISO }

// IsZero reports whether there is no date.
func (d Day) IsZero() bool { return d.Time.IsZero() }

// SourceView is where a post's text came from (content.Source), as
// templates see it.
type SourceView struct {
	URL       string // the page the text was taken from
	Site      string // that page's site, as named in the front matter
	Name      string // Site, or URL when the front matter names no site
	Published Day    // when that page published the article
	Archive   string // an archived copy of URL
	File      string // the verbatim copy, relative to content/
}

// newPostView is post p as templates see it, with the editorial marks
// of its body.
func newPostView(p *content.Post, marks []markdown.Mark) *PostView {
	src := p.Source
	name := src.Site
	if name == "" {
		name = src.URL
	}
	v := &PostView{
		Title:       typographic(p.Title),
		Description: typographic(p.Description),
		Author:      p.Author,
		Publication: p.Publication,
		Date:        newDay(p.Date),
		Corrected:   newDay(p.Corrected),
		Source:      SourceView{URL: src.URL, Site: src.Site, Name: name, Published: newDay(src.Published), Archive: src.Archive, File: src.File},
		Canonical:   p.Canonical,
		Aliases:     p.Aliases,
		Slug:        p.Slug,
		File:        p.File,
		Path:        p.Path(),
	}
	for _, m := range marks {
		switch {
		case m.CopyEdit:
			v.copyEdits = append(v.copyEdits, CopyEdit{Old: m.Old, New: m.New})
		case m.Number > 0:
			kind := "correction"
			if m.Clarification {
				kind = "clarification"
			}
			v.notes = append(v.notes, Note{
				Number: m.Number, Kind: kind, Clarification: m.Clarification, Old: m.Old, New: m.New,
				Deletion: m.Deletion, Addition: m.Addition,
				HTML: template.HTML(m.NoteHTML), Text: m.NoteText,
				MarkID: m.MarkID, NoteID: m.NoteID,
			})
		}
	}
	v.HasCorrections = len(v.notes) > 0 || len(v.copyEdits) > 0
	if len(marks) > 0 {
		v.OriginalURL = v.Path + "original/"
	}
	return v
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
