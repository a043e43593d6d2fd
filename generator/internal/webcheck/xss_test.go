package webcheck

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"reprint/generator/internal/output"
	"reprint/generator/internal/site"
)

// xssPayloads are classic cross-site scripting payloads, each aimed at a
// context a value can reach: element text, a quoted or unquoted attribute,
// a JavaScript string or the JSON-LD block, <title>, the Atom feed's XML,
// a template action, a URL. Those that run call alert(1), and two set
// window.__xss (see Sentinel) for a filter that blocks dialogs. The list
// stays within site.FeedEntries and site.PostsPerPage so that every
// payload goes through the feed and the first home page.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`'><svg onload=alert(1)>`,
	`'-alert(1)-'`,
	`";alert(1);//`,
	`</script><script>alert(1)</script>`,
	`javascript:alert(1)`,
	`{{.}}{{template "base" .}}`,
	`</title><script>alert(1)</script>`,
	`]]></summary><script>alert(1)</script><![CDATA[`,
	"\u2028\u2029</script><script>alert(1)//", // JavaScript line terminators
	`<!--<img src=x onerror=alert(1)>-->`,
	`&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;img src=x onerror=alert(1)&#x3E;`, // must not be decoded twice
	`<img src=x onerror=window.__xss=1>`,
	`<svg><script>window.__xss=1</script></svg>`,
	`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
	`<a href="javascript:alert(1)">x</a><meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, // mutation XSS
	`\u003cscript\u003ealert(1)\u003c/script\u003e` + "`${alert(1)}`",
	`<details open ontoggle=alert(1)><img src=https://evil.example/x.png>`,
}

// Every free-text value of the project is a payload followed by a label
// naming the field, so a check can tell which field reached which page.
func value(payload, label string) string { return payload + " " + label }

// The labels of the front matter's and site.yaml's free-text fields.
const (
	siteTitle   = "site-title"
	siteDesc    = "site-description"
	editorName  = "editor-name"
	title       = "title"
	author      = "author"
	publication = "publication"
	description = "description"
	sourceSite  = "source-site"
)

// The labels of the body's text, by where the body puts it. The original
// page shows the text as first published: no corrections, no notes.
var (
	bodyCommon   = []string{"alt", "image-title", "caption", "heading", "link", "link-title", "emphasis", "code", "footnote", "cell"}
	bodyOriginal = []string{"old", "highlight", "deleted", "copy-old"}
	bodyCorrect  = []string{"old", "new", "note", "note-link", "highlight", "clarification", "deleted", "deletion-note", "added", "addition-note", "copy-old", "copy-new"}
)

// The URL fields must be absolute http(s) URLs, so their payloads ride in
// the query string.
func sourceURL(p string) string  { return "https://example.com/source?q=" + value(p, "source-url") }
func archiveURL(p string) string { return "https://archive.example/web?q=" + value(p, "archive") }
func canonical(p string) string  { return "https://example.com/canonical?q=" + value(p, "canonical") }
func linkURL(p string) string    { return "https://example.com/link?q=" + value(p, "link-url") }
func editorURL() string {
	return "https://example.com/editor?q=" + strings.Join(xssPayloads, "|")
}

// yamlString quotes s for YAML: a JSON string is a YAML double-quoted
// scalar, and its \u escapes carry U+2028 without breaking the line.
func yamlString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return strings.TrimSpace(b.String())
}

// mdText writes s as Markdown that shows exactly s: every ASCII
// punctuation character backslash-escaped, so that none of it is markup,
// raw HTML, an entity or an editorial mark.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode writes s as a code span, verbatim: the fence is one backtick
// longer than any run of backticks in s.
func mdCode(s string) string {
	longest := 0
	for _, run := range regexp.MustCompile("`+").FindAllString(s, -1) {
		longest = max(longest, len(run))
	}
	fence := strings.Repeat("`", longest+1)
	return fence + " " + s + " " + fence
}

func postSlug(i int) string { return fmt.Sprintf("post-%02d", i+1) }

// xssPost is post i, with payload p in every free-text field and in every
// kind of text the body has: an image's alt and title, a figure caption, a
// heading, both sides of a correction and its note (with a link), a
// clarification, a deletion, an addition, a copy edit, a link's text,
// title and URL, emphasis, a code span, a footnote and a table cell.
func xssPost(i int, p string) string {
	t := func(label string) string { return mdText(value(p, label)) }
	return fmt.Sprintf(`---
title: %s
date: 2014-06-%02d
author: %s
publication: %s
description: %s
canonical: %s
source:
  url: %s
  site: %s
  published: 2014-06-28
  archive: %s
aliases:
  - /old/%s.html
corrected: 2026-11-26
---

> [!figure]
> ![%s](/favicon.svg "%s")
>
> %s

## %s

Text {~~%s~>%s~~}{>>%s [%s](https://example.com/note)<<}, {==%s==}{>>%s<<}, {--%s--}{>>%s<<}, {++%s++}{>>%s<<} and {~~%s~>%s~~}.

A [%s](<%s> "%s"), *%s*, %s and a footnote.[^1]

| %s |
| --- |
| %s |

[^1]: %s
`,
		yamlString(value(p, title)), i+1, yamlString(value(p, author)), yamlString(value(p, publication)),
		yamlString(value(p, description)), yamlString(canonical(p)), yamlString(sourceURL(p)),
		yamlString(value(p, sourceSite)), yamlString(archiveURL(p)), postSlug(i),
		t("alt"), t("image-title"), t("caption"), t("heading"),
		t("old"), t("new"), t("note"), t("note-link"), t("highlight"), t("clarification"),
		t("deleted"), t("deletion-note"), t("added"), t("addition-note"), t("copy-old"), t("copy-new"),
		t("link"), mdText(linkURL(p)), t("link-title"), t("emphasis"), mdCode(value(p, "code")),
		t("cell"), t("cell"), t("footnote"))
}

// joined is one site.yaml field carrying every payload.
func joined(label string) string {
	var vs []string
	for _, p := range xssPayloads {
		vs = append(vs, value(p, label))
	}
	return strings.Join(vs, " | ")
}

func xssSiteYAML() string {
	return fmt.Sprintf("title: %s\nlanguage: en\nbaseURL: https://xss.example/\ndescription: %s\neditor:\n  name: %s\n  url: %s\n",
		yamlString(joined(siteTitle)), yamlString(joined(siteDesc)), yamlString(joined(editorName)), yamlString(editorURL()))
}

// newProject makes a project folder with the repository's real templates/
// and static/, the given content/site.yaml and posts (file name → text).
func newProject(t *testing.T, siteYAML string, posts map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"templates", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(root, d))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "site.yaml"), []byte(siteYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, text := range posts {
		if err := os.WriteFile(filepath.Join(dir, "content", "posts", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestXSS puts every payload through every free-text field a project has
// (front matter, site.yaml, and each kind of text in a body), builds the
// site as `generator build` does, and proves that nothing runs:
//
//   - statically: no executable <script>, no on* attribute, no javascript:
//     URL on any page; the JSON-LD parses and the feed is well-formed, and
//     each payload arrives in every context it reaches as text, intact
//     (escaped, not dropped: a test that lost a field would prove nothing);
//   - in Chromium: every page loaded as built, and again with its
//     Content-Security-Policy stripped, so that the escaping is proven on
//     its own rather than hidden by the policy: no dialog, no sentinel, no
//     changed title, nothing executable in the browser's DOM.
//
// Raw HTML and script links in a body are build errors, not text; the
// test checks that the build refuses them. A last part feeds hand-written
// unescaped pages to the same check, to show it can fail.
func TestXSS(t *testing.T) {
	t.Parallel()
	if len(xssPayloads) > min(site.FeedEntries, site.PostsPerPage) {
		t.Fatalf("%d payloads: keep at most %d, so that each goes through the feed and the first home page", len(xssPayloads), min(site.FeedEntries, site.PostsPerPage))
	}
	posts := map[string]string{}
	for i, p := range xssPayloads {
		posts[postSlug(i)+".md"] = xssPost(i, p)
	}
	proj := newProject(t, xssSiteYAML(), posts)
	public := filepath.Join(t.TempDir(), "public")
	stage, err := output.Stage(public)
	if err != nil {
		t.Fatal(err)
	}
	res, err := site.Build(site.Options{Root: proj}, stage)
	if err != nil {
		stage.Abort()
		t.Fatalf("the payload project does not build:\n%v", err)
	}
	if err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	s, err := OpenSite(public)
	if err != nil {
		t.Fatal(err)
	}
	// Per post: title, author, publication, description, source.site,
	// source.url, source.archive, canonical; the body's kinds of text and
	// its link URL. Every payload also goes through four site.yaml fields.
	t.Logf("%d payloads, each through 8 front-matter fields, %d kinds of body text and 4 site.yaml fields; built %d pages, %d files",
		len(xssPayloads), len(bodyCorrect)+len(bodyCommon)+1, res.Pages, res.Files)

	t.Run("static", func(t *testing.T) {
		for _, page := range s.Pages {
			src, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(page)))
			if err != nil {
				t.Fatal(err)
			}
			found, _, err := staticXSS(src)
			if err != nil {
				t.Errorf("%s: %v", page, err)
			}
			for _, f := range found {
				t.Errorf("%s: %s", page, f)
			}
			if n, ld := bytes.Count(bytes.ToLower(src), []byte("<script")), bytes.Count(src, []byte(`<script type="application/ld+json">`)); n != ld {
				t.Errorf("%s: %d <script in the bytes, %d of them JSON-LD", page, n, ld)
			}
			checkReach(t, page, src)
		}
		checkFeed(t, filepath.Join(public, "feed.xml"))
		for _, name := range []string{"sitemap.xml", "feed.xml"} {
			data, err := os.ReadFile(filepath.Join(public, name))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := wellFormed(data); err != nil {
				t.Errorf("%s: not well-formed XML: %v", name, err)
			}
		}
		r, err := CheckFeeds(s)
		if err != nil {
			t.Fatal(err)
		}
		reportProblems(t, "feeds", r.Problems())
	})

	t.Run("build refuses markup in the body", func(t *testing.T) {
		refused(t)
	})

	t.Run("browser", func(t *testing.T) {
		b := browser(t)
		bare := filepath.Join(t.TempDir(), "public")
		if err := WithoutCSP(public, bare); err != nil {
			t.Fatal(err)
		}
		bareSite, err := OpenSite(bare)
		if err != nil {
			t.Fatal(err)
		}
		// The two loads of each page run in two tabs at once: most of a
		// visit is waiting for the page to settle.
		variants := []struct {
			label string
			site  *Site
			r     *XSSReport
			err   error
			took  time.Duration
		}{{label: "as built", site: s}, {label: "CSP stripped", site: bareSite}}
		var wg sync.WaitGroup
		for i := range variants {
			v := &variants[i]
			wg.Go(func() {
				start := time.Now()
				v.r, v.err = b.XSS(ctx(t), v.site)
				v.took = time.Since(start).Round(time.Millisecond)
			})
		}
		wg.Wait()
		rows := [][]string{{"site", "pages", "dialogs", "sentinel", "problems", "time"}}
		for _, v := range variants {
			if v.err != nil {
				t.Fatalf("%s: %v", v.label, v.err)
			}
			if len(v.r.Pages) != len(s.Pages) {
				t.Errorf("%s: checked %d pages of %d", v.label, len(v.r.Pages), len(s.Pages))
			}
			sentinels := 0
			for _, p := range v.r.Pages {
				if p.Sentinel {
					sentinels++
				}
			}
			problems := v.r.Problems()
			rows = append(rows, []string{v.label, fmt.Sprint(len(v.r.Pages)), fmt.Sprint(v.r.Dialogs()), fmt.Sprint(sentinels), fmt.Sprint(len(problems)), v.took.String()})
			reportProblems(t, v.label, problems)
		}
		t.Logf("Chromium, every page loaded twice:\n%s", table(rows))
	})

	t.Run("the check can fail", func(t *testing.T) {
		control(t, public)
	})
}

// checkReach asserts that each payload arrived, intact, as text or an
// attribute value in every context of page that its field reaches, and
// that the page's JSON-LD is JSON carrying the payloads as data.
func checkReach(t *testing.T, page string, src []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		t.Errorf("%s: %v", page, err)
		return
	}
	var data []string
	var jsonLD []string
	for n := range doc.Descendants() {
		switch n.Type {
		case html.TextNode:
			if n.Parent != nil && n.Parent.DataAtom == atom.Script {
				jsonLD = append(jsonLD, n.Data)
				continue
			}
			data = append(data, n.Data)
		case html.ElementNode:
			for _, a := range n.Attr {
				data = append(data, a.Val)
				if u, err := url.PathUnescape(a.Val); err == nil && u != a.Val {
					data = append(data, u)
				}
			}
		}
	}
	text := untypo(strings.Join(data, "\x00"))
	want := func(vs ...string) {
		for _, v := range vs {
			if !strings.Contains(text, v) {
				t.Errorf("%s: %q is not on the page as text", page, v)
			}
		}
	}
	for _, p := range xssPayloads {
		want(value(p, siteTitle), value(p, editorName))
	}
	post := regexp.MustCompile(`^2014/06/(post-\d\d)/(original/)?index\.html$`).FindStringSubmatch(page)
	alias := regexp.MustCompile(`^old/(post-\d\d)\.html$`).FindStringSubmatch(page)
	switch {
	case page == "index.html":
		for _, p := range xssPayloads {
			want(value(p, siteDesc), value(p, title), value(p, description), value(p, publication))
		}
	case post != nil:
		p := payloadOf(t, post[1])
		want(value(p, title), value(p, author), value(p, publication), value(p, description), value(p, sourceSite), sourceURL(p), archiveURL(p))
		labels := append(slices.Clone(bodyCommon), bodyCorrect...)
		if post[2] != "" {
			labels = append(slices.Clone(bodyCommon), bodyOriginal...)
		} else {
			want(canonical(p))
		}
		// goldmark resolves entity references in a link's URL when it
		// writes it, even where the Markdown escaped the "&" (\&lt;), so a
		// payload with entities arrives decoded: a fidelity flaw of
		// goldmark's, harmless here since the URL is percent-encoded.
		if u := linkURL(p); !strings.Contains(text, u) {
			want(html.UnescapeString(u))
		}
		for _, l := range labels {
			want(value(p, l))
		}
	case alias != nil:
		want(value(payloadOf(t, alias[1]), title))
	case page == "404.html":
	default:
		t.Errorf("%s: a page the test does not expect", page)
	}
	if post != nil && post[2] == "" || page == "index.html" {
		if len(jsonLD) != 1 {
			t.Errorf("%s: %d JSON-LD blocks, want 1", page, len(jsonLD))
			return
		}
		checkJSONLD(t, page, jsonLD[0], post)
	} else if len(jsonLD) != 0 {
		t.Errorf("%s: %d JSON-LD blocks, want none", page, len(jsonLD))
	}
}

func checkJSONLD(t *testing.T, page, block string, post []string) {
	t.Helper()
	var ld struct {
		Headline    string `json:"headline"`
		Name        string `json:"name"`
		Description string `json:"description"`
		Author      struct {
			Name string `json:"name"`
		} `json:"author"`
		Publisher struct {
			Name string `json:"name"`
		} `json:"publisher"`
		IsBasedOn  string `json:"isBasedOn"`
		URL        string `json:"url"`
		Correction []struct {
			Text string `json:"text"`
		} `json:"correction"`
	}
	if err := json.Unmarshal([]byte(block), &ld); err != nil {
		t.Errorf("%s: the JSON-LD is not JSON: %v", page, err)
		return
	}
	eq := func(field, got, want string) {
		if got != want {
			t.Errorf("%s: JSON-LD %s = %q, want %q", page, field, got, want)
		}
	}
	if post == nil {
		eq("name", ld.Name, joined(siteTitle))
		eq("description", ld.Description, joined(siteDesc))
		return
	}
	p := payloadOf(t, post[1])
	eq("headline", untypo(ld.Headline), value(p, title))
	eq("author.name", ld.Author.Name, value(p, author))
	eq("publisher.name", ld.Publisher.Name, value(p, publication))
	eq("isBasedOn", ld.IsBasedOn, sourceURL(p))
	eq("url", ld.URL, canonical(p))
	var notes []string
	for _, c := range ld.Correction {
		notes = append(notes, untypo(c.Text))
	}
	for _, l := range []string{"note", "clarification", "deletion-note", "addition-note"} {
		if !slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, value(p, l)) }) {
			t.Errorf("%s: no JSON-LD correction holds %q; they are %q", page, value(p, l), notes)
		}
	}
}

// checkFeed reads the Atom feed and finds each payload in it as text.
func checkFeed(t *testing.T, name string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	type person struct {
		Name string `xml:"name"`
		URI  string `xml:"uri"`
	}
	var feed struct {
		Title    string `xml:"title"`
		Subtitle string `xml:"subtitle"`
		Author   person `xml:"author"`
		Entries  []struct {
			Title   string `xml:"title"`
			Author  person `xml:"author"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	eq := func(field, got, want string) {
		if got != want {
			t.Errorf("feed.xml: %s = %q, want %q", field, got, want)
		}
	}
	eq("title", feed.Title, joined(siteTitle))
	eq("subtitle", feed.Subtitle, joined(siteDesc))
	eq("author name", feed.Author.Name, joined(editorName))
	eq("author uri", feed.Author.URI, editorURL())
	if len(feed.Entries) != len(xssPayloads) {
		t.Fatalf("feed.xml: %d entries, want %d", len(feed.Entries), len(xssPayloads))
	}
	for i, e := range feed.Entries {
		p := xssPayloads[len(xssPayloads)-1-i] // newest first
		eq(fmt.Sprintf("entry %d title", i+1), untypo(e.Title), value(p, title))
		eq(fmt.Sprintf("entry %d author", i+1), e.Author.Name, value(p, author))
		eq(fmt.Sprintf("entry %d summary", i+1), untypo(e.Summary), value(p, description))
	}
}

func payloadOf(t *testing.T, slug string) string {
	t.Helper()
	for i, p := range xssPayloads {
		if postSlug(i) == slug {
			return p
		}
	}
	t.Fatalf("no payload for %s", slug)
	return ""
}

// untypo undoes the typographic punctuation that titles, descriptions and
// bodies get
// (curly quotes, dashes, ellipses); no payload has any of its own.
var untypo = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "—", "---", "–", "--", "…", "...").Replace

// refused builds one-post projects whose bodies hold raw HTML or a link
// that runs script, in the forms the Markdown allows: each must be a
// build error naming the post's line, not a page. (The bad-input
// catalogue checks the messages; this checks the forms.)
func refused(t *testing.T) {
	front := "---\ntitle: Refused\ndate: 2014-06-02\ncorrected: 2026-11-26\n---\n\n"
	rows := []struct {
		body     string
		harmless bool // may build, if nothing in the output can run
	}{
		{body: "<script>alert(1)</script>\n"},
		{body: "Text <img src=x onerror=alert(1)> more.\n"},
		{body: "<svg onload=alert(1)>\n"},
		{body: "Text <a href=\"javascript:alert(1)\">x</a>.\n"},
		{body: "<!-- <script>alert(1)</script> -->\n"},
		{body: "[x](javascript:alert(1))\n"},
		{body: "[x](JaVaScRiPt:alert(1))\n"},
		{body: "[x](<javascript:alert(1)>)\n"},
		{body: "[x](java&#115;cript:alert(1))\n"},
		{body: "[x](javascript&colon;alert(1))\n"},
		// The renderer writes the tab as %09, which no browser strips.
		{body: "[x](&#x09;javascript:alert(1))\n", harmless: true},
		{body: "<javascript:alert(1)>\n"},
		{body: "![x](javascript:alert(1))\n"},
		{body: "[x][r]\n\n[r]: javascript:alert(1)\n"},
		{body: "[x](vbscript:msgbox(1))\n"},
		{body: "[x](data:text/html,<script>alert(1)</script>)\n"},
		{body: "Text {==x==}{>>a note <img src=x onerror=alert(1)><<}.\n"},
		{body: "Text {~~a~>[b](javascript:alert(1))~~}.\n"},
	}
	for _, row := range rows {
		t.Run(strings.TrimSpace(row.body), func(t *testing.T) {
			dir := newProject(t, "title: Refused\n", map[string]string{"refused.md": front + row.body})
			mem := output.NewMemory()
			_, err := site.Build(site.Options{Root: dir}, mem)
			if err != nil {
				if !strings.Contains(err.Error(), "content/posts/refused.md:7:") {
					t.Errorf("error %q does not name content/posts/refused.md:7", err)
				}
				return
			}
			var found []string
			for _, name := range mem.Names() {
				if strings.HasSuffix(name, ".html") {
					data, _ := mem.Get(name)
					f, _, _ := staticXSS(data)
					found = append(found, f...)
				}
			}
			switch {
			case len(found) > 0:
				t.Errorf("built, and the output can run script: %q", found)
			case row.harmless:
			default:
				t.Errorf("built (output safe) instead of refused with a positioned error")
			}
		})
	}
}

// control proves that the browser check catches what it is for: pages
// written by hand with the escaping left out, and a page of the payload
// site (public) with its policy stripped and one payload unescaped, as a
// template that forgot to escape would write it.
func control(t *testing.T, public string) {
	b := browser(t)
	dir := t.TempDir()
	post, err := os.ReadFile(filepath.Join(public, "2014", "06", postSlug(1), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	// Unescape the payload in the headline (in <title> it would be text
	// even unescaped).
	escaped, raw := []byte("&lt;img src=x onerror=alert(1)&gt;"), []byte("<img src=x onerror=alert(1)>")
	h1 := bytes.Index(post, []byte("<h1>"))
	if h1 < 0 || !bytes.Contains(post[h1:], escaped) {
		t.Fatalf("%s holds no %s after <h1> to unescape", postSlug(1), escaped)
	}
	post = append(post[:h1:h1], bytes.Replace(post[h1:], escaped, raw, 1)...)
	post = cspMeta.ReplaceAll(post, nil)
	pages := map[string]string{
		"unescaped-post.html": string(post),
		"dialog.html":         `<!DOCTYPE html><html lang="en"><title>Dialog</title><p>Hello <img src=x onerror=alert(1)></p>`,
		"sentinel.html":       `<!DOCTYPE html><html lang="en"><title>Sentinel</title><p>Hello <svg onload="window.__xss=1"></svg></p>`,
		"title.html":          `<!DOCTYPE html><html lang="en"><title>Before</title><p>Hello</p><script type="application/ld+json">{}</script><script>document.title = "After"</script>`,
		"csp.html": `<!DOCTYPE html><html lang="en"><meta http-equiv="Content-Security-Policy" content="default-src 'none'">` +
			`<title>CSP</title><p>Hello <img src=x onerror=alert(1)></p>`,
	}
	for name, text := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := OpenSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := b.XSS(ctx(t), s)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, r.Problems(), []finding{
		{page: "unescaped-post.html", text: "opened a JavaScript dialog (alert: 1)"},
		{page: "unescaped-post.html", text: "in the browser's DOM: <img onerror>"},
		{page: "dialog.html", text: "opened a JavaScript dialog (alert: 1)"},
		{page: "dialog.html", text: "in the HTML: <img onerror>"},
		{page: "dialog.html", text: "in the browser's DOM: <img onerror>"},
		{page: "dialog.html", text: "failed to load: "},
		{page: "sentinel.html", text: "a script set window.__xss"},
		{page: "sentinel.html", text: "opened a JavaScript dialog", absent: true},
		{page: "title.html", text: `document.title is "After", but <title> says "Before"`},
		{page: "title.html", text: `in the HTML: <script type="">`},
		{page: "title.html", text: "application/ld+json", absent: true},
		// The policy stops the handler, so only the escaping's own check
		// (the HTML, and the console's report of the refusal) sees it.
		{page: "csp.html", text: "opened a JavaScript dialog", absent: true},
		{page: "csp.html", text: "in the HTML: <img onerror>"},
		{page: "csp.html", text: "console: "},
	})
	if r.Dialogs() != 2 {
		t.Errorf("%d dialogs on the control pages, want 2 (dialog.html, unescaped-post.html)", r.Dialogs())
	}
	if err := WithoutCSP(dir, t.TempDir()); err == nil || !strings.Contains(err.Error(), "0 Content-Security-Policy") {
		t.Errorf("WithoutCSP on pages without the policy: err = %v, want a refusal", err)
	}
}
