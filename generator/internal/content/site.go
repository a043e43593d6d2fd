package content

import (
	"fmt"
	"go/token"
	"net/url"
	"regexp"
	"strings"
)

// SiteFile is where the site-wide settings live, relative to the project.
const SiteFile = "content/site.yaml"

// Site holds the site-wide settings from content/site.yaml.
type Site struct {
	Title       string
	Language    string // BCP 47 tag for <html lang>, e.g. "en"
	BaseURL     string // "https://example.org/sub/"; "" writes no absolute URLs
	Description string
	Editor      Person // who made the corrections
	// Outputs switches the generated extras on or off; all default to on.
	Outputs Outputs
}

// Person names someone, with an optional link.
type Person struct {
	Name string
	URL  string
}

// Outputs lists the generated extras a site may switch off.
type Outputs struct {
	Feed      bool // feed.xml (Atom)
	Sitemap   bool // sitemap.xml
	Robots    bool // robots.txt
	Redirects bool // _redirects (301s for hosts that read one)
}

// ParseSite reads content/site.yaml.
func ParseSite(name string, src []byte) (*Site, error) {
	s := &Site{Language: "en", Outputs: Outputs{Feed: true, Sitemap: true, Robots: true, Redirects: true}}
	if e := checkUTF8(name, src); e != nil {
		return nil, ErrorList{e}
	}
	m, e := mapping(name, normalize(src), 1)
	if e != nil {
		return nil, ErrorList{e}
	}
	var errs ErrorList
	decodeFields(name, m, s, siteFields, &errs)
	pos := token.Position{Filename: name, Line: 1, Column: 1}
	if strings.TrimSpace(s.Title) == "" {
		errs.Add(pos, `missing title: add a line like title: "My reprints"`)
	}
	if err := s.SetBaseURL(s.BaseURL); err != nil {
		errs.Add(pos, err.Error())
	}
	if u, err := url.Parse(s.Editor.URL); s.Editor.URL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		errs.Add(pos, fmt.Sprintf("editor.url %q must be an absolute http(s) URL", s.Editor.URL))
	}
	if !languageTag.MatchString(s.Language) {
		errs.Add(pos, fmt.Sprintf("language %q must be a language tag such as en, zh-Hant or de-CH", s.Language))
	}
	errs.Sort()
	return s, errs.Err()
}

// siteFields are the keys of content/site.yaml.
var siteFields = []field[Site]{
	{name: "title", decode: stringInto(func(s *Site) *string { return &s.Title })},
	{name: "language", decode: stringInto(func(s *Site) *string { return &s.Language })},
	{name: "baseURL", decode: stringInto(func(s *Site) *string { return &s.BaseURL })},
	{name: "description", decode: stringInto(func(s *Site) *string { return &s.Description })},
	{name: "editor", group: []field[Site]{
		{name: "name", decode: stringInto(func(s *Site) *string { return &s.Editor.Name })},
		{name: "url", decode: stringInto(func(s *Site) *string { return &s.Editor.URL })},
	}},
	{name: "outputs", group: []field[Site]{
		{name: "feed", decode: boolInto(func(s *Site) *bool { return &s.Outputs.Feed })},
		{name: "sitemap", decode: boolInto(func(s *Site) *bool { return &s.Outputs.Sitemap })},
		{name: "robots", decode: boolInto(func(s *Site) *bool { return &s.Outputs.Robots })},
		{name: "redirects", decode: boolInto(func(s *Site) *bool { return &s.Outputs.Redirects })},
	}},
}

// languageTag is the shape of a BCP 47 tag: letters, then subtags of
// letters and digits. It is a shape check, not a registry lookup.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// SetBaseURL validates and stores the base URL, adding the final slash that
// relative resolution needs. The -base-url flag goes through here too.
func (s *Site) SetBaseURL(raw string) error {
	if raw == "" {
		s.BaseURL = ""
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("baseURL %q must be an absolute http(s) URL such as https://example.org/ or https://example.org/sub/", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	s.BaseURL = u.String()
	return nil
}

// Abs makes a site path (no leading slash) absolute against the base URL,
// or returns "" when there is no base URL.
func (s *Site) Abs(sitePath string) string {
	if s.BaseURL == "" {
		return ""
	}
	return s.BaseURL + strings.TrimPrefix(sitePath, "/")
}

// BasePath is the path part of the base URL ("/" or "/sub/").
func (s *Site) BasePath() string {
	if s.BaseURL == "" {
		return "/"
	}
	u, _ := url.Parse(s.BaseURL)
	return u.Path
}
