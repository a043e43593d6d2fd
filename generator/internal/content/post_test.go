package content

import (
	"fmt"
	"strings"
	"testing"
)

func TestParsePost(t *testing.T) {
	const good = "---\ntitle: Hello\ndate: 2014-06-02\n---\nBody.\n"
	tests := []struct {
		name, src string
		wantErr   string // "" = no error; else the whole message list
	}{
		{"minimal", good, ""},
		{"BOM", "\uFEFF" + good, ""},
		{"CRLF", strings.ReplaceAll(good, "\n", "\r\n"), ""},
		{"all fields", "---\ntitle: T\ndate: 2014-06-02\nauthor: A\npublication: P\ndescription: D\nslug: s-1\ncanonical: https://e.org/x\nsource:\n  url: https://e.org/y\n  file: sources/y.txt\n  site: e.org\n  published: 2014-06-03\n  archive: https://archive.example/y\naliases: [/old.html, /old/]\ncorrected: 2026-11-26\ndraft: false\n---\n", ""},
		{"empty file", "", "x.md:1:1: missing front matter: a post starts with a line \"---\", YAML fields (title, date, …), and another line \"---\""},
		{"no closing", "---\ntitle: T\n", "x.md:1:1: front matter is not closed: add a line \"---\" after the last field"},
		{"invalid UTF-8", "---\ntitle: \xff\n---\n", "x.md:2:8: invalid UTF-8 (byte 0xff): save the file as UTF-8"},
		{"yaml syntax", "---\ntitle: [x\ndate: 2014-06-02\n---\n", "x.md:3:1: YAML syntax error: did not find expected ',' or ']'"},
		{"date yes", "---\ntitle: T\ndate: yes\n---\n", "x.md:3:7: date: \"yes\" is not a date: write it as YYYY-MM-DD, a real day (like 2014-06-02)"},
		{"impossible date", "---\ntitle: T\ndate: 2014-13-01\n---\n", "x.md:3:7: date: \"2014-13-01\" is not a date: write it as YYYY-MM-DD, a real day (like 2014-06-02)"},
		{"aliases number", "---\ntitle: T\ndate: 2014-06-02\naliases: 3\n---\n", "x.md:4:10: aliases: must be a list (one \"- item\" per line), got the number 3"},
		{"title list", "---\ntitle: [a]\ndate: 2014-06-02\n---\n", "x.md:2:8: title: must be text, got a list"},
		{"draft text", "---\ntitle: T\ndate: 2014-06-02\ndraft: maybe\n---\n", "x.md:4:8: draft: must be true or false, got \"maybe\""},
		{"unknown key", "---\ntitle: T\ndate: 2014-06-02\ntags: [a]\n---\n", "x.md:4:1: unknown key \"tags\" (known keys: title, date, author, publication, description, slug, canonical, source, aliases, corrected, draft)"},
		{"unknown source key", "---\ntitle: T\ndate: 2014-06-02\nsource:\n  uri: x\n---\n", "x.md:5:3: unknown key \"uri\" (known keys: url, file, site, published, archive)"},
		{"duplicate key", "---\ntitle: T\ntitle: U\ndate: 2014-06-02\n---\n", "x.md:3:1: duplicate key \"title\" (first set on line 2): keep one"},
		{"empty title", "---\ntitle: \"  \"\ndate: 2014-06-02\n---\n", "x.md:2:8: title is empty: give the post its headline"},
		{"missing date", "---\ntitle: T\n---\n", "x.md:1:1: missing date: add the original publication date, like date: 2014-06-02"},
		{"bad slug", "---\ntitle: T\ndate: 2014-06-02\nslug: ../x\n---\n", "x.md:4:7: slug \"../x\" must be lowercase letters, digits and hyphens (it becomes part of the URL)"},
		{"alias dotdot", "---\ntitle: T\ndate: 2014-06-02\naliases: [/a/../../etc]\n---\n", "x.md:4:10: alias \"/a/../../etc\": must not contain \"..\" segments"},
		{"alias relative", "---\ntitle: T\ndate: 2014-06-02\naliases: [old.html]\n---\n", "x.md:4:10: alias \"old.html\": must be a path from the site root starting with one \"/\", like /2014/06/old-name.html"},
		{"alias absolute URL", "---\ntitle: T\ndate: 2014-06-02\naliases: [\"//evil.example/x\"]\n---\n", "x.md:4:10: alias \"//evil.example/x\": must be a path from the site root starting with one \"/\", like /2014/06/old-name.html"},
		{"alias with a space", "---\ntitle: T\ndate: 2014-06-02\naliases: [\"/old page.html\"]\n---\n", "x.md:4:10: alias \"/old page.html\": must be a plain path without spaces, backslashes, query, fragment or control characters"},
		{"source url not http", "---\ntitle: T\ndate: 2014-06-02\nsource:\n  url: javascript:alert(1)\n---\n", "x.md:5:3: source \"javascript:alert(1)\" must be an absolute http(s) URL"},
		{"source url and archive not http", "---\ntitle: T\ndate: 2014-06-02\nsource:\n  url: ftp://e.org/y\n  archive: ftp://archive.example/y\n---\n", "x.md:5:3: source \"ftp://e.org/y\" must be an absolute http(s) URL"},
		{"only a comment", "---\n# nothing\n---\n", "x.md:1:1: missing date: add the original publication date, like date: 2014-06-02\nx.md:1:1: missing title: add a line like title: \"The headline\""},
		{"front matter a list", "---\n- a\n---\n", "x.md:2:1: expected key: value fields, one per line, like title: \"The headline\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePost("x.md", []byte(tt.src))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if p.Title == "" || p.Date.IsZero() || p.Slug != "x" && p.Slug != "s-1" {
					t.Errorf("parsed %+v", p)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.wantErr)
			}
			var got []string
			for _, e := range err.(ErrorList) {
				got = append(got, e.Error())
			}
			if g := strings.Join(got, "\n"); g != tt.wantErr {
				t.Errorf("errors:\n%s\nwant:\n%s", g, tt.wantErr)
			}
		})
	}
}

func TestBodyLine(t *testing.T) {
	p, err := ParsePost("x.md", []byte("---\ntitle: T\ndate: 2014-06-02\n---\n\nBody\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p.BodyLine != 5 || string(p.Body) != "\nBody\n" {
		t.Errorf("BodyLine %d, Body %q", p.BodyLine, p.Body)
	}
}

func TestAliasFile(t *testing.T) {
	for alias, want := range map[string]string{
		"/2014/06/old.html": "2014/06/old.html",
		"/old/":             "old/index.html",
		"/old":              "old/index.html",
	} {
		if got := AliasFile(alias); got != want {
			t.Errorf("AliasFile(%q) = %q, want %q", alias, got, want)
		}
	}
}

func TestPostPath(t *testing.T) {
	tests := []struct{ date, slug, want string }{
		{"2014-06-02", "banks", "2014/06/banks/"},
		{"2026-11-26", "a-b", "2026/11/a-b/"},
		{"0999-01-09", "x", "0999/01/x/"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.date)
		if err != nil {
			t.Fatal(err)
		}
		p := &Post{Date: d, Slug: tt.slug}
		if got, fmtWant := p.Path(), fmt.Sprintf("%04d/%02d/%s/", d.Year(), int(d.Month()), tt.slug); got != tt.want || got != fmtWant {
			t.Errorf("Path() of %s %s = %q, want %q", tt.date, tt.slug, got, tt.want)
		}
	}
}

func TestParseSite(t *testing.T) {
	s, err := ParseSite("site.yaml", []byte("title: T\nbaseURL: https://e.org/sub\noutputs:\n  feed: false\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.BaseURL != "https://e.org/sub/" || s.Outputs.Feed || !s.Outputs.Sitemap || s.Language != "en" {
		t.Errorf("got %+v", s)
	}
	if s.Abs("2014/06/x/") != "https://e.org/sub/2014/06/x/" || s.BasePath() != "/sub/" {
		t.Errorf("Abs/BasePath wrong: %q %q", s.Abs("2014/06/x/"), s.BasePath())
	}
	for src, want := range map[string]string{
		"title: T\nbaseURL: ftp://x/\n":                     `site.yaml:1:1: baseURL "ftp://x/" must be an absolute http(s) URL such as https://example.org/ or https://example.org/sub/`,
		"baseURL: https://x/\n":                             `site.yaml:1:1: missing title: add a line like title: "My reprints"`,
		"title: T\ncolour: red\n":                           `site.yaml:2:1: unknown key "colour" (known keys: title, language, baseURL, description, editor, outputs)`,
		"title: T\neditor:\n  url: 'javascript:alert(1)'\n": `site.yaml:1:1: editor.url "javascript:alert(1)" must be an absolute http(s) URL`,
		"title: T\nlanguage: \"en<x>\"\n":                   `site.yaml:1:1: language "en<x>" must be a language tag such as en, zh-Hant or de-CH`,
	} {
		_, err := ParseSite("site.yaml", []byte(src))
		if err == nil || err.Error() != want {
			t.Errorf("ParseSite(%q) = %v, want %s", src, err, want)
		}
	}
}

// FuzzParsePost: front matter parsing never panics, and every error it
// reports has a position inside the file.
func FuzzParsePost(f *testing.F) {
	f.Add([]byte("---\ntitle: Hello\ndate: 2014-06-02\n---\nBody.\n"))
	f.Add([]byte("---\ntitle: [x\n---\n"))
	f.Add([]byte("\uFEFF---\r\ntitle: T\r\ndate: 2014-06-02\r\n---\r\n"))
	f.Add([]byte("---\nsource:\n  url: x\n  url: y\naliases: [/a/../b]\n---\n"))
	f.Add([]byte("---\n&a x: *a\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := ParsePost("f.md", src)
		if err == nil {
			if p.Title == "" || p.Date.IsZero() {
				t.Fatalf("accepted a post without title or date: %+v", p)
			}
			return
		}
		// Lines end at LF, CRLF or a lone CR, as YAML counts them.
		lines := strings.Count(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r") + 1
		for _, e := range err.(ErrorList) {
			if e.Pos.Filename != "f.md" || e.Pos.Line < 0 || e.Pos.Line > lines+1 {
				t.Fatalf("error outside the file: %v", e)
			}
		}
	})
}
