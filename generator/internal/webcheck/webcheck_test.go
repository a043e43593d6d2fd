package webcheck

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"
)

// The tests in this file run every check on the repository's public/ (the
// committed site), on testdata/good (a small site that must pass, so a check
// that cries wolf is caught) and on testdata/broken (pages that each break
// one check on purpose, so a check that cannot fail is caught).
//
// They share one browser and one run of the Nu Html Checker, because
// starting either costs more than checking a page.

var (
	root  string
	tools Tools

	browserOnce sync.Once
	theBrowser  *Browser
	browserErr  error
)

func TestMain(m *testing.M) {
	var err error
	if root, err = FindRoot("."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tools = FindTools(root)
	code := m.Run()
	if theBrowser != nil {
		theBrowser.Close()
	}
	os.Exit(code)
}

// onCI is true under .ci/run, which installs every tool and builds public/
// first: there a missing tool is a failure, not a reason to skip.
var onCI = os.Getenv("CI") == "true"

// need skips the test when a tool is missing, or fails it on CI.
func need(t *testing.T, names ...string) {
	t.Helper()
	if err := tools.Need(names...); err != nil {
		if onCI {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

// browser is the test binary's one Chromium, started on first use.
func browser(t *testing.T) *Browser {
	t.Helper()
	need(t, "chromium")
	browserOnce.Do(func() { theBrowser, browserErr = StartBrowser(tools.Chromium) })
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return theBrowser
}

var (
	sitesMu sync.Mutex
	sites   = map[string]*Site{}
)

// openSite opens a site folder once per test binary.
func openSite(t *testing.T, dir string) *Site {
	t.Helper()
	sitesMu.Lock()
	defer sitesMu.Unlock()
	if s := sites[dir]; s != nil {
		return s
	}
	s, err := OpenSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	sites[dir] = s
	return s
}

// publicDir is the repository's built site, or the site in
// $REPRINT_PUBLIC (to check a build made with -out elsewhere). Without it
// the test skips (run `go run ./generator` to build it), except on CI.
func publicDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(root, "public")
	if d := os.Getenv("REPRINT_PUBLIC"); d != "" {
		dir = d
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		msg := "public/ is not built (no public/index.html): run `go run ./generator` first"
		if onCI {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dir
}

const (
	goodDir   = "testdata/good"
	brokenDir = "testdata/broken"
)

var (
	validityOnce    sync.Once
	validityReports map[string]*ValidityReport
	validityErr     error
)

// validity runs the Nu Html Checker once, over public/ (when built),
// testdata/good and testdata/broken together, and returns dir's report.
func validity(t *testing.T, dir string) *ValidityReport {
	t.Helper()
	need(t, "java", "vnu.jar")
	validityOnce.Do(func() {
		dirs := []string{goodDir, brokenDir}
		public := filepath.Join(root, "public")
		if d := os.Getenv("REPRINT_PUBLIC"); d != "" {
			public = d
		}
		if _, err := os.Stat(filepath.Join(public, "index.html")); err == nil {
			dirs = append(dirs, public)
		}
		var ss []*Site
		for _, d := range dirs {
			s, err := OpenSite(d)
			if err != nil {
				validityErr = err
				return
			}
			ss = append(ss, s)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		start := time.Now()
		reports, err := Validate(ctx, tools.Java, tools.VnuJar, ss...)
		if err != nil {
			validityErr = err
			return
		}
		t.Logf("Nu Html Checker: %d sites in %v", len(dirs), time.Since(start).Round(time.Millisecond))
		validityReports = map[string]*ValidityReport{}
		for i, d := range dirs {
			validityReports[d] = reports[i]
		}
	})
	if validityErr != nil {
		t.Fatal(validityErr)
	}
	return validityReports[dir]
}

// ctx bounds one check: generous, because CI's two cores may be busy, but
// short of go test's own 10-minute timeout, which would print no report.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return c
}

// reportProblems fails t with each problem, one per line.
func reportProblems(t *testing.T, what string, problems []string) {
	t.Helper()
	for _, p := range problems {
		t.Errorf("%s: %s", what, p)
	}
}

// table formats rows as aligned columns, for the logs.
func table(rows [][]string) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintln(w, strings.Join(r, "\t"))
	}
	w.Flush()
	return b.String()
}

// The checks on the committed site: what .ci/run proves, and the figures
// the closing note needs.

func TestValidity(t *testing.T) {
	t.Parallel()
	dir := publicDir(t)
	r := validity(t, dir)
	rows := [][]string{{"file", "errors", "warnings", "info"}}
	for _, f := range r.Files {
		rows = append(rows, []string{f.File, fmt.Sprint(len(f.Errors)), fmt.Sprint(len(f.Warnings)), fmt.Sprint(len(f.Infos))})
		for _, m := range f.Infos {
			t.Logf("%s:%s (info)", f.File, m)
		}
	}
	t.Logf("Nu Html Checker on public/:\n%s", table(rows))
	reportProblems(t, "Nu Html Checker", r.Problems())
}

func TestFeeds(t *testing.T) {
	t.Parallel()
	s := openSite(t, publicDir(t))
	r, err := CheckFeeds(s)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("checked %s (base URL %q)", strings.Join(r.Checked, ", "), s.BaseURL)
	reportProblems(t, "feeds", r.Problems())
}

func TestAccessibility(t *testing.T) {
	t.Parallel()
	need(t, "axe.min.js")
	s := openSite(t, publicDir(t))
	r, err := browser(t).Accessibility(ctx(t), s, tools.AxeJS)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("axe-core violations on public/:\n%s", a11yTable(s, r))
	reportProblems(t, "axe-core", r.Problems())
}

func a11yTable(s *Site, r *AccessibilityReport) string {
	head := []string{"page"}
	for _, v := range Views {
		head = append(head, v.String())
	}
	rows := [][]string{head}
	for _, p := range s.Pages {
		row := []string{p}
		for _, v := range Views {
			for _, res := range r.Results {
				if res.Page == p && res.View == v {
					cell := fmt.Sprint(len(res.Violations))
					if len(res.Incomplete) > 0 {
						cell += fmt.Sprintf(" (review: %s)", strings.Join(res.Incomplete, " "))
					}
					row = append(row, cell)
				}
			}
		}
		rows = append(rows, row)
	}
	return table(rows)
}

func TestLinks(t *testing.T) {
	t.Parallel()
	s := openSite(t, publicDir(t))
	r, err := browser(t).Links(ctx(t), s)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("broken links on public/ (%d internal links and references, each checked at every location):\n%s", r.Links, linksTable(r))
	for _, p := range r.Problems {
		t.Errorf("links: %s", p)
	}
}

func linksTable(r *LinksReport) string {
	rows := [][]string{append([]string{"page"}, Locations...)}
	files := slices.Clone(r.Pages)
	for _, p := range r.Problems {
		if !slices.Contains(files, p.Page) {
			files = append(files, p.Page) // a stylesheet's url()
		}
	}
	for _, p := range files {
		row := []string{p}
		for _, loc := range Locations {
			row = append(row, fmt.Sprint(r.Count(p, loc)))
		}
		rows = append(rows, row)
	}
	return table(rows)
}

// TestWeight prints the per-page byte table and holds each post page to
// Budget, with no JavaScript and nothing from another host:
//
//	go test ./generator/internal/webcheck -run TestWeight -v
func TestWeight(t *testing.T) {
	t.Parallel()
	s := openSite(t, publicDir(t))
	r, err := browser(t).Weight(ctx(t), s)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("bytes per page of public/, uncompressed, with everything each loads (budget %d for a post):\n%s", Budget, r.Table())
	if !slices.ContainsFunc(s.Pages, IsPost) {
		t.Errorf("no post page (YYYY/MM/slug/index.html) in public/, so no page was held to the budget")
	}
	reportProblems(t, "weight", r.Problems())
}

// TestScreenshots writes the post pages at phone and desktop width, light
// and dark, to $REPRINT_SCREENSHOTS, or to a new temporary folder whose
// path it logs. It fails only if a screenshot cannot be taken: judging
// them is for a person.
func TestScreenshots(t *testing.T) {
	t.Parallel()
	s := openSite(t, publicDir(t))
	b := browser(t)
	out := os.Getenv("REPRINT_SCREENSHOTS")
	if out == "" {
		var err error
		if out, err = os.MkdirTemp("", "reprint-screenshots-"); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range s.Pages {
		if !IsPost(p) {
			continue
		}
		files, err := b.Screenshots(ctx(t), s, p, out)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshots of %s:\n  %s", p, strings.Join(files, "\n  "))
	}
}

// TestGoodSite runs every check on a small correct site: each must find
// nothing, or it would fail sites that are fine.
func TestGoodSite(t *testing.T) {
	t.Parallel()
	s := openSite(t, goodDir)
	if s.BaseURL != "https://reprint.example/" {
		t.Errorf("BaseURL = %q, want the home page's canonical https://reprint.example/", s.BaseURL)
	}
	t.Run("validity", func(t *testing.T) {
		t.Parallel()
		reportProblems(t, "Nu Html Checker", validity(t, goodDir).Problems())
	})
	t.Run("feeds", func(t *testing.T) {
		r, err := CheckFeeds(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Checked) != 2 {
			t.Errorf("checked %q, want feed.xml and sitemap.xml", r.Checked)
		}
		reportProblems(t, "feeds", r.Problems())
	})
	t.Run("accessibility", func(t *testing.T) {
		t.Parallel()
		need(t, "axe.min.js")
		r, err := browser(t).Accessibility(ctx(t), s, tools.AxeJS)
		if err != nil {
			t.Fatal(err)
		}
		if want := len(s.Pages) * len(Views); len(r.Results) != want {
			t.Errorf("%d results, want one per page and view (%d)", len(r.Results), want)
		}
		reportProblems(t, "axe-core", r.Problems())
	})
	t.Run("links", func(t *testing.T) {
		t.Parallel()
		r, err := browser(t).Links(ctx(t), s)
		if err != nil {
			t.Fatal(err)
		}
		if r.Links < 10 {
			t.Errorf("checked %d links, want every internal link of the site (at least 10)", r.Links)
		}
		for _, p := range r.Problems {
			t.Errorf("links: %s", p)
		}
	})
	t.Run("weight", func(t *testing.T) {
		t.Parallel()
		r, err := browser(t).Weight(ctx(t), s)
		if err != nil {
			t.Fatal(err)
		}
		reportProblems(t, "weight", r.Problems())
		for _, p := range r.Pages {
			if p.Page == "2014/06/sample-post/index.html" {
				// The post loads its stylesheet and its icon; the JSON-LD
				// script is data, not JavaScript.
				want := []string{"favicon.svg", "style.css"}
				var got []string
				var sum int64
				for _, res := range p.Resources {
					got = append(got, res.File)
					sum += res.Bytes
				}
				if !slices.Equal(got, want) || p.Total != p.HTML+sum || p.HTML == 0 {
					t.Errorf("post weighs %+v, want HTML plus %v", p, want)
				}
			}
		}
	})
}

// A finding a broken page must produce (or, with absent, must not).
type finding struct {
	page   string // the file at fault
	where  string // a location or a view, "" for any
	text   string // part of the problem's text
	absent bool   // the check must not report this (it is right elsewhere)
}

// expect checks that problems hold each finding.
func expect(t *testing.T, problems []string, findings []finding) {
	t.Helper()
	for _, f := range findings {
		found := slices.ContainsFunc(problems, func(p string) bool {
			if !strings.HasPrefix(p, f.page+":") && !strings.HasPrefix(p, f.page+" [") {
				return false
			}
			if f.where != "" && !strings.Contains(p, "["+f.where+"]") {
				return false
			}
			return strings.Contains(p, f.text)
		})
		switch {
		case !found && !f.absent:
			t.Errorf("%s [%s]: no problem containing %q; the check reported:\n  %s", f.page, f.where, f.text, strings.Join(problems, "\n  "))
		case found && f.absent:
			t.Errorf("%s [%s]: reported %q, which is fine there", f.page, f.where, f.text)
		}
	}
}

// only is s with its checks limited to pages: each browser check runs on
// the broken pages made for it, which halves the time of this test.
func only(s *Site, pages ...string) *Site {
	c := *s
	c.Pages = pages
	return &c
}

// TestBrokenPages proves each check can fail: every page of
// testdata/broken breaks something, and the check for it must say so.
func TestBrokenPages(t *testing.T) {
	t.Parallel()
	s := openSite(t, brokenDir)
	t.Run("validity", func(t *testing.T) {
		t.Parallel()
		expect(t, validity(t, brokenDir).Problems(), []finding{
			{page: "invalid-element.html", text: "“blink”"},
			{page: "invalid.css", text: "“colr”"},
			{page: "missing-alt.html", text: "“alt” attribute"},
		})
	})
	t.Run("feeds", func(t *testing.T) {
		r, err := CheckFeeds(s)
		if err != nil {
			t.Fatal(err)
		}
		expect(t, r.Problems(), []finding{
			{page: "feed.xml", text: "feed: <updated>2 June 2014</updated> is not an RFC 3339 date-time"},
			{page: "feed.xml", text: `feed: no <link rel="self">`},
			{page: "feed.xml", text: `entry 1 ("An entry without an ID"): no <id>`},
			{page: "feed.xml", text: `entry 1 ("An entry without an ID"): no <author>, and the feed has none`},
			{page: "feed.xml", text: `href="2014/06/oversized/"> is not absolute`},
			{page: "sitemap.xml", text: "not well-formed XML"},
		})
	})
	t.Run("accessibility", func(t *testing.T) {
		t.Parallel()
		need(t, "axe.min.js")
		s := only(s, "index.html", "missing-alt.html", "dark-contrast.html", "narrow-contrast.html", "remote.html")
		r, err := browser(t).Accessibility(ctx(t), s, tools.AxeJS)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("axe-core violations on testdata/broken:\n%s", a11yTable(s, r))
		var findings []finding
		for _, v := range Views {
			findings = append(findings,
				finding{page: "missing-alt.html", where: v.String(), text: "image-alt"},
				finding{page: "dark-contrast.html", where: v.String(), text: "color-contrast", absent: !v.Dark},
				finding{page: "narrow-contrast.html", where: v.String(), text: "color-contrast", absent: v.Width > 600},
			)
		}
		findings = append(findings, finding{page: "remote.html", text: "https://example.com/photo.jpg: request to another host, refused"})
		expect(t, r.Problems(), findings)
	})
	t.Run("links", func(t *testing.T) {
		t.Parallel()
		s := only(s, "broken-link.html", "csp.html", "folder-link.html", "missing-alt.html", "remote.html", "root-relative.html", "script.html")
		r, err := browser(t).Links(ctx(t), s)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("broken links on testdata/broken:\n%s", linksTable(r))
		var problems []string
		for _, p := range r.Problems {
			problems = append(problems, p.String())
		}
		var findings []finding
		for _, loc := range Locations {
			findings = append(findings,
				finding{page: "broken-link.html", where: loc, text: ": missing/index.html: "},
				finding{page: "broken-link.html", where: loc, text: `#nowhere: no element with id "nowhere"`},
				finding{page: "broken-link.html", where: loc, text: ": missing.png: "},
				finding{page: "root-relative.html", where: loc, text: ": /index.html: ", absent: loc == AtRoot},
				finding{page: "root-relative.html", where: loc, text: ": /style.css: ", absent: loc == AtRoot},
				finding{page: "folder-link.html", where: loc, text: ": folder/: ", absent: loc != AtFile},
				finding{page: "script.html", where: loc, text: "boom from app.js"},
				finding{page: "script.html", where: loc, text: "console.error: inline script ran"},
				finding{page: "remote.html", where: loc, text: "https://example.com/photo.jpg: request to another host, refused"},
				finding{page: "remote.html", where: loc, text: "https://fonts.example/family.css: request to another host, refused"},
				finding{page: "csp.html", where: loc, text: "style.css: browser: blocked (csp)"},
				finding{page: "missing-alt.html", where: loc, text: "", absent: true},
			)
		}
		expect(t, problems, findings)
	})
	t.Run("weight", func(t *testing.T) {
		t.Parallel()
		s := only(s, "2014/06/oversized/index.html", "index.html", "remote.html", "script.html")
		r, err := browser(t).Weight(ctx(t), s)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("weight of testdata/broken:\n%s", r.Table())
		expect(t, r.Problems(), []finding{
			{page: "2014/06/oversized/index.html", text: "over the 14336-byte budget"},
			{page: "2014/06/oversized/index.html", text: "runs JavaScript", absent: true}, // JSON-LD is data
			{page: "script.html", text: "runs JavaScript: <script src=app.js>"},
			{page: "script.html", text: "runs JavaScript: inline <script>"},
			{page: "script.html", text: "runs JavaScript: browser loaded script"},
			{page: "remote.html", text: "loads from another host: https://example.com/photo.jpg"},
			{page: "remote.html", text: "loads from another host: https://fonts.example/family.css"},
		})
	})
	t.Run("screenshots stay out of the site", func(t *testing.T) {
		t.Parallel()
		_, err := browser(t).Screenshots(ctx(t), s, "index.html", filepath.Join(brokenDir, "shots"))
		if err == nil || !strings.Contains(err.Error(), "inside the site") {
			t.Errorf("Screenshots into the site: err = %v, want a refusal", err)
		}
		if _, err := os.Stat(filepath.Join(brokenDir, "shots")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Screenshots made %s/shots", brokenDir)
		}
	})
}
