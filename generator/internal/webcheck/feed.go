package webcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// FeedReport is the verdict on a site's XML files (feed.xml, sitemap*.xml):
// each must be well-formed, the Atom feed must have what RFC 4287 requires,
// and the sitemap what sitemaps.org requires.
type FeedReport struct {
	Checked  []string // the files checked, with what they were checked as
	problems []string
}

// Problems lists what is wrong, as "file: what".
func (r *FeedReport) Problems() []string { return r.problems }

const (
	atomNS    = "http://www.w3.org/2005/Atom"
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
)

// CheckFeeds checks every *.xml file at the top of the site. When the site
// has a base URL, every ID and link in them must be an absolute URL.
func CheckFeeds(s *Site) (*FeedReport, error) {
	files, err := filepath.Glob(filepath.Join(s.Dir, "*.xml"))
	if err != nil {
		return nil, err
	}
	r := &FeedReport{}
	for _, f := range files {
		name := filepath.Base(f)
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		bad := func(format string, args ...any) {
			r.problems = append(r.problems, name+": "+fmt.Sprintf(format, args...))
		}
		root, err := wellFormed(b)
		if err != nil {
			r.Checked = append(r.Checked, name+" (XML)")
			bad("not well-formed XML: %v", err)
			continue
		}
		switch root {
		case xml.Name{Space: atomNS, Local: "feed"}:
			r.Checked = append(r.Checked, name+" (Atom)")
			checkAtom(b, s.BaseURL, bad)
		case xml.Name{Space: sitemapNS, Local: "urlset"}:
			r.Checked = append(r.Checked, name+" (sitemap)")
			checkSitemap(b, s.BaseURL, bad)
		default:
			r.Checked = append(r.Checked, name+" (XML)")
			if name == "feed.xml" {
				bad("root element is <%s xmlns=%q>, want <feed xmlns=%q>", root.Local, root.Space, atomNS)
			}
			if strings.HasPrefix(name, "sitemap") {
				bad("root element is <%s xmlns=%q>, want <urlset xmlns=%q>", root.Local, root.Space, sitemapNS)
			}
		}
	}
	return r, nil
}

// wellFormed reads the whole document strictly and returns its root
// element's name; an error says line and what is wrong.
func wellFormed(b []byte) (xml.Name, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	var root xml.Name
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if root.Local == "" {
				return root, errors.New("no root element")
			}
			return root, nil
		}
		if err != nil {
			return root, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 && root.Local != "" {
				line, _ := d.InputPos()
				return root, fmt.Errorf("line %d: a second root element <%s>", line, t.Name.Local)
			}
			if depth == 0 {
				root = t.Name
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				line, _ := d.InputPos()
				return root, fmt.Errorf("line %d: text outside the root element", line)
			}
		}
	}
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name []string `xml:"http://www.w3.org/2005/Atom name"`
}

type atomEntry struct {
	ID      []string     `xml:"http://www.w3.org/2005/Atom id"`
	Title   []string     `xml:"http://www.w3.org/2005/Atom title"`
	Updated []string     `xml:"http://www.w3.org/2005/Atom updated"`
	Authors []atomPerson `xml:"http://www.w3.org/2005/Atom author"`
	Links   []atomLink   `xml:"http://www.w3.org/2005/Atom link"`
}

type atomFeed struct {
	atomEntry
	Entries []atomEntry `xml:"http://www.w3.org/2005/Atom entry"`
}

// checkAtom checks the elements RFC 4287 requires of a feed and its entries
// (section 4.1.1 and 4.1.2), and the self and alternate links a reader
// needs to subscribe and to find the site.
func checkAtom(b []byte, baseURL string, bad func(string, ...any)) {
	var f atomFeed
	if err := xml.Unmarshal(b, &f); err != nil {
		bad("%v", err)
		return
	}
	checkCommon := func(where string, e atomEntry) {
		for _, el := range []struct {
			name string
			vals []string
		}{{"id", e.ID}, {"title", e.Title}, {"updated", e.Updated}} {
			switch {
			case len(el.vals) == 0:
				bad("%s: no <%s>", where, el.name)
			case len(el.vals) > 1:
				bad("%s: %d <%s> elements, want one", where, len(el.vals), el.name)
			case strings.TrimSpace(el.vals[0]) == "":
				bad("%s: empty <%s>", where, el.name)
			}
		}
		if len(e.Updated) == 1 {
			if _, err := time.Parse(time.RFC3339, strings.TrimSpace(e.Updated[0])); err != nil {
				bad("%s: <updated>%s</updated> is not an RFC 3339 date-time (like 2014-06-02T00:00:00Z)", where, e.Updated[0])
			}
		}
		for _, a := range e.Authors {
			if len(a.Name) != 1 || strings.TrimSpace(a.Name[0]) == "" {
				bad("%s: <author> needs one non-empty <name>", where)
			}
		}
		if baseURL != "" {
			for _, id := range e.ID {
				if !absolute(id) {
					bad("%s: <id>%s</id> is not absolute (the site has base URL %s)", where, id, baseURL)
				}
			}
			for _, l := range e.Links {
				if !absolute(l.Href) {
					bad("%s: <link rel=%q href=%q> is not absolute (the site has base URL %s)", where, l.Rel, l.Href, baseURL)
				}
			}
		}
	}
	hasRel := func(links []atomLink, rel string) bool {
		return slices.ContainsFunc(links, func(l atomLink) bool {
			return l.Rel == rel || rel == "alternate" && l.Rel == ""
		})
	}
	checkCommon("feed", f.atomEntry)
	if !hasRel(f.Links, "self") {
		bad("feed: no <link rel=\"self\">")
	}
	if !hasRel(f.Links, "alternate") {
		bad("feed: no <link rel=\"alternate\"> to the site")
	}
	ids := map[string]bool{}
	for i, e := range f.Entries {
		where := fmt.Sprintf("entry %d", i+1)
		if len(e.Title) > 0 {
			where += fmt.Sprintf(" (%q)", strings.TrimSpace(e.Title[0]))
		}
		checkCommon(where, e)
		if len(f.Authors) == 0 && len(e.Authors) == 0 {
			bad("%s: no <author>, and the feed has none", where)
		}
		if !hasRel(e.Links, "alternate") {
			bad("%s: no <link rel=\"alternate\"> to the post", where)
		}
		for _, id := range e.ID {
			if ids[id] {
				bad("%s: <id>%s</id> repeats another entry's", where, id)
			}
			ids[id] = true
		}
	}
}

// checkSitemap checks that each <url> has one <loc>, absolute when the site
// has a base URL (sitemaps.org wants full URLs).
func checkSitemap(b []byte, baseURL string, bad func(string, ...any)) {
	var set struct {
		URLs []struct {
			Loc []string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	if err := xml.Unmarshal(b, &set); err != nil {
		bad("%v", err)
		return
	}
	for i, u := range set.URLs {
		switch {
		case len(u.Loc) != 1:
			bad("url %d: %d <loc> elements, want one", i+1, len(u.Loc))
		case baseURL != "" && !strings.HasPrefix(strings.TrimSpace(u.Loc[0]), baseURL):
			bad("url %d: <loc>%s</loc> does not start with the base URL %s", i+1, u.Loc[0], baseURL)
		}
	}
}

func absolute(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && u.IsAbs() && (u.Host != "" || u.Opaque != "")
}
