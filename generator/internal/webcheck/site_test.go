package webcheck

import (
	"path"
	"strings"
	"testing"
)

// These tests need no browser and no Java: they pin how the checks read
// pages, which every check's verdict rests on.

func TestClassify(t *testing.T) {
	const base = "https://reprint.example/"
	for _, tc := range []struct {
		ref  string
		want refKind
	}{
		{"style.css", internal},
		{"../../../index.html", internal},
		{"/style.css", internal}, // resolves, but only at the root of a host
		{"2014/06/post/index.html#fn:1", internal},
		{"#fn:1", fragment},
		{"https://reprint.example/2014/06/post/", self},
		{"https://cempaka-putih.blogspot.com/2014/06/x.html", external},
		{"//cdn.example/x.js", external},
		{"mailto:editor@reprint.example", external},
		{"data:image/png;base64,AAAA", inline},
	} {
		if got := classify(tc.ref, base); got != tc.want {
			t.Errorf("classify(%q) = %d, want %d", tc.ref, got, tc.want)
		}
	}
	if got := classify("https://reprint.example/", ""); got != external {
		t.Errorf("without a base URL, an absolute link is external; got %d", got)
	}
}

func TestResolveFile(t *testing.T) {
	for _, tc := range []struct {
		from, ref, want string
		ok              bool
	}{
		{"index.html", "style.css", "style.css", true},
		{"2014/06/post/index.html", "../../../style.css", "style.css", true},
		{"2014/06/post/index.html", "../../../index.html", "index.html", true},
		{"2014/06/post/index.html", "./", "2014/06/post/index.html", true},
		{"2014/06/post.html", "post/", "2014/06/post/index.html", true},
		{"2014/06/post/index.html", "#fn:1", "2014/06/post/index.html", true},
		{"2014/06/post/index.html", "/style.css", "style.css", true},
		{"a.css", "img/x.png?v=1", "img/x.png", true},
		{"index.html", "../outside.html", "", false},
	} {
		got, ok := resolveFile(tc.from, tc.ref)
		if got != tc.want || ok != tc.ok {
			t.Errorf("resolveFile(%q, %q) = %q, %v; want %q, %v", tc.from, tc.ref, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseDocument(t *testing.T) {
	d, err := parseDocumentBytes("p.html", []byte(`<!DOCTYPE html><html><head>
<link rel="stylesheet" href="s.css"><link rel="icon" href="i.svg"><link rel="canonical" href="https://x.example/p/">
<meta http-equiv="refresh" content="0; url='p/index.html'">
<script type="application/ld+json">{}</script><script src="a.js"></script><script>1</script>
<style>p{background:url("bg.png")}</style></head>
<body onload="x()"><a id="top" href="q.html">q</a><img src="i.png" srcset="i2.png 2x, i3.png 3x" alt="">
<p style="background: url(dot.gif)"><a href="javascript:void(0)">js</a></p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range d.Refs {
		load := ""
		if r.Load {
			load = " (load)"
		}
		got = append(got, r.Attr+" "+r.URL+load)
	}
	want := []string{
		"link stylesheet s.css (load)", "link icon i.svg (load)", "link canonical https://x.example/p/",
		"meta refresh p/index.html", "script src a.js (load)", "style url() bg.png (load)",
		"a href q.html", "img src i.png (load)", "img srcset i2.png (load)", "img srcset i3.png (load)",
		"style url() dot.gif (load)", "a href javascript:void(0)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("refs:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	wantScripts := []string{"<script src=a.js>", "inline <script>", "<body onload> event handler", "<a href=javascript:…>"}
	if strings.Join(d.Scripts, "|") != strings.Join(wantScripts, "|") {
		t.Errorf("scripts = %q, want %q (JSON-LD is data, not a script)", d.Scripts, wantScripts)
	}
	if !d.IDs["top"] || !d.Refresh || d.Canonical != "https://x.example/p/" {
		t.Errorf("ids %v, refresh %v, canonical %q", d.IDs, d.Refresh, d.Canonical)
	}
}

func TestCSSRefs(t *testing.T) {
	css := `/* url(comment.png) */ @import "base.css"; a { background: url( 'a b.png' ) } b { src: url(font.woff2) format("woff2") } c { x: url("") }`
	var got []string
	for _, r := range cssRefs("s.css", css, "css url()") {
		got = append(got, r.URL)
	}
	if want := "base.css|a b.png|font.woff2"; strings.Join(got, "|") != want {
		t.Errorf("cssRefs = %q, want %s", got, want)
	}
}

func TestLocal(t *testing.T) {
	for raw, want := range map[string]bool{
		"http://127.0.0.1:8080/x":   true,
		"http://localhost/x":        true,
		"http://[::1]:1/x":          true,
		"file:///work/public/a.css": true,
		"data:text/css,a{}":         true,
		"https://example.com/x.png": false,
		"http://10.0.0.1/x":         false,
		"ws://203.0.113.1/":         false,
	} {
		if got := local(raw); got != want {
			t.Errorf("local(%q) = %v, want %v", raw, got, want)
		}
	}
}

// FuzzResolveFile checks that a resolved reference never leaves the site:
// the link check reads the file it names.
func FuzzResolveFile(f *testing.F) {
	f.Add("2014/06/post/index.html", "../../../style.css")
	f.Add("index.html", "../../etc/passwd")
	f.Add("a/b.html", "/x/../../y")
	f.Fuzz(func(t *testing.T, from, ref string) {
		if path.Clean(from) != from || strings.HasPrefix(from, "/") || from == ".." || strings.HasPrefix(from, "../") {
			t.Skip("from is always a clean path inside the site")
		}
		got, ok := resolveFile(from, ref)
		if !ok {
			return
		}
		if strings.HasPrefix(got, "/") || got == ".." || strings.HasPrefix(got, "../") || strings.Contains(got, "/../") {
			t.Errorf("resolveFile(%q, %q) = %q, outside the site", from, ref, got)
		}
	})
}
