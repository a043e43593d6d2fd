package devserver

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// serveFixture serves the fixture project without a watcher.
func serveFixture(t *testing.T) (*Server, *httptest.Server, string) {
	t.Helper()
	root := project(t)
	s, err := New(Config{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts, root
}

// raw sends target exactly as written, which an http.Client would not
// (it cleans and escapes), and returns the status and body.
func raw(t *testing.T, addr, method, target, host string) (int, http.Header, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, method+" "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

func TestServeLikeStaticHost(t *testing.T) {
	_, ts, _ := serveFixture(t)
	addr := ts.Listener.Addr().String()
	tests := []struct {
		method, target string
		status         int
		ctype          string
		contains       string
		location       string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "<title>Preview fixture</title>", ""},
		{"GET", "/index.html", 200, "text/html; charset=utf-8", "Alpha: the post being edited", ""},
		{"GET", "/2014/06/alpha/", 200, "text/html; charset=utf-8", "The original sentence", ""},
		{"GET", "/2014/06/alpha/index.html", 200, "text/html; charset=utf-8", "The original sentence", ""},
		{"GET", "/2014/06/alpha/?utm=x", 200, "text/html; charset=utf-8", "The original sentence", ""},
		{"GET", "/2014/06/alpha", 301, "", "", "alpha/"},
		{"GET", "/2014/06/alpha?x=1", 301, "", "", "alpha/?x=1"},
		// An alias is served as written: its meta refresh moves on.
		{"GET", "/2014/06/alpha.html", 200, "text/html; charset=utf-8", `http-equiv="refresh" content="0; url=alpha/index.html"`, ""},
		{"GET", "/style.css", 200, "text/css; charset=utf-8", "", ""},
		{"GET", "/favicon.svg", 200, "image/svg+xml", "<svg", ""},
		{"GET", "/feed.xml", 200, "application/xml", "<feed", ""},
		{"GET", "/sitemap.xml", 200, "application/xml", "<urlset", ""},
		{"GET", "/robots.txt", 200, "text/plain; charset=utf-8", "Sitemap:", ""},
		{"GET", "/_redirects", 200, "text/plain; charset=utf-8", "/2014/06/alpha.html /2014/06/alpha/ 301", ""},
		{"GET", "/_reprint/reload.js", 200, "text/javascript; charset=utf-8", "EventSource", ""},
		{"GET", "/_reprint/other", 404, "", "", ""},
		{"HEAD", "/2014/06/alpha/", 200, "text/html; charset=utf-8", "", ""},
		{"POST", "/", 405, "", "", ""},
		{"GET", "/no/such/page/", 404, "text/html; charset=utf-8", "Page not found", ""},
		{"GET", "/missing.css", 404, "text/html; charset=utf-8", "Page not found", ""},
	}
	for _, tt := range tests {
		status, hdr, body := raw(t, addr, tt.method, tt.target, "127.0.0.1")
		if status != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.target, status, tt.status)
			continue
		}
		if tt.ctype != "" && hdr.Get("Content-Type") != tt.ctype {
			t.Errorf("%s %s: Content-Type %q, want %q", tt.method, tt.target, hdr.Get("Content-Type"), tt.ctype)
		}
		if !strings.Contains(body, tt.contains) {
			t.Errorf("%s %s: body lacks %q", tt.method, tt.target, tt.contains)
		}
		if hdr.Get("Location") != tt.location {
			t.Errorf("%s %s: Location %q, want %q", tt.method, tt.target, hdr.Get("Location"), tt.location)
		}
		if tt.method == "HEAD" && (body != "" || hdr.Get("Content-Length") == "0") {
			t.Errorf("HEAD %s: body %q, Content-Length %s", tt.target, body, hdr.Get("Content-Length"))
		}
		if status < 300 && hdr.Get("Cache-Control") != "no-store" {
			t.Errorf("%s %s: Cache-Control %q, want no-store", tt.method, tt.target, hdr.Get("Cache-Control"))
		}
		isHTML := strings.HasPrefix(hdr.Get("Content-Type"), "text/html")
		if has := strings.Contains(body, reloadPath); tt.method == "GET" && has != isHTML {
			t.Errorf("%s %s: reload script present = %v, want it in HTML only", tt.method, tt.target, has)
		}
		if tt.method == "GET" && isHTML && !previewCSP.MatchString(body) {
			t.Errorf("%s %s: the page's policy does not let the reload script run:\n%s", tt.method, tt.target, body)
		}
	}
}

// previewCSP matches a policy that allows the reload script and its stream.
var previewCSP = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="[^"]*script-src [^";]*'self'[^"]*; connect-src 'self'">`)

// TestMissingPage: the site's own 404 page, status 404, reload included.
func TestMissingPage(t *testing.T) {
	s, ts, _ := serveFixture(t)
	resp, err := http.Get(ts.URL + "/2099/01/nothing-here/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("status %d, want 404", resp.StatusCode)
	}
	page, _ := s.mem.Get("404.html")
	if want := string(inject(page, s.buildID())); string(body) != want {
		t.Errorf("body is not the site's 404.html (with the reload script):\n%s", body)
	}
}

// TestTraversal tries to leave the site in every way a path can say it.
// The project folder around the site holds files a request must never
// reach (go.mod, the post's Markdown); so does the machine (/etc/passwd).
func TestTraversal(t *testing.T) {
	_, ts, root := serveFixture(t)
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module secret-marker\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := ts.Listener.Addr().String()
	targets := []string{
		"/../etc/passwd",
		"/../../../../../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/%2E%2E/go.mod",
		"/.%2e/go.mod",
		"/..%2fgo.mod",
		"/2014/..%2F..%2Fgo.mod",
		`/a\..\..\go.mod`,
		`/..\go.mod`,
		"/%5c..%5cgo.mod",
		"/..%5Cgo.mod",
		"//etc/passwd",
		"///etc/passwd",
		"/%2fetc/passwd",
		"/%00",
		"/index.html%00.css",
		"/2014/06/../../go.mod",
		"/./go.mod",
		"/2014/06/alpha/..",
		"/go.mod",
		"/content/posts/alpha.md",
		"/templates/base.html",
		"/static/style.css",
		"/public/index.html",
		"/%c0%ae%c0%ae/go.mod",
		"/C:/Windows/win.ini",
		"../go.mod",
		"http://127.0.0.1/../go.mod",
	}
	for _, target := range targets {
		status, _, body := raw(t, addr, "GET", target, "127.0.0.1")
		if status != 400 && status != 404 {
			t.Errorf("GET %s: status %d, want 400 or 404", target, status)
		}
		if strings.Contains(body, "secret-marker") || strings.Contains(body, "root:") || strings.Contains(body, "The original sentence") {
			t.Errorf("GET %s: served a file from outside the site:\n%s", target, body)
		}
	}
}

// TestHostHeader: on loopback, only loopback names may ask (DNS rebinding).
func TestHostHeader(t *testing.T) {
	_, ts, _ := serveFixture(t)
	addr := ts.Listener.Addr().String()
	for host, want := range map[string]int{
		"127.0.0.1":           200,
		"localhost:1313":      200,
		"[::1]:1313":          200,
		"preview.localhost":   200,
		"evil.example":        403,
		"evil.example:1313":   403,
		"127.0.0.1.nip.io":    403,
		"localhost.evil.test": 403,
	} {
		if status, _, _ := raw(t, addr, "GET", "/", host); status != want {
			t.Errorf("Host %s: status %d, want %d", host, status, want)
		}
	}
}

func TestSiteName(t *testing.T) {
	tests := []struct {
		target string
		want   string // "" means refused
	}{
		{"/", "index.html"},
		{"/a/", "a/index.html"},
		{"/a/b.css", "a/b.css"},
		{"/a%20b.txt", "a b.txt"},
		{"/a..b/c", "a..b/c"},
		{"/..", ""},
		{"/a/../b", ""},
		{"/a//b", ""},
		{"/a/./b", ""},
		{"/%2e%2e/x", ""},
		{"/a%2fb", ""},
		{"/a%5cb", ""},
		{"/a\\b", ""},
		{"/a%00", ""},
		{"/a%0a", ""},
	}
	for _, tt := range tests {
		u, err := url.ParseRequestURI(tt.target)
		if err != nil {
			t.Fatalf("%s: %v", tt.target, err)
		}
		got, ok := siteName(u)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("siteName(%q) = %q, want %q", tt.target, got, tt.want)
		}
	}
}

// FuzzSiteName: whatever the request, a name is a clean path inside the site.
func FuzzSiteName(f *testing.F) {
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		name, ok := siteName(u)
		if !ok {
			return
		}
		if strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") {
			t.Fatalf("siteName(%q) = %q", target, name)
		}
		for _, seg := range strings.Split(name, "/") {
			if seg == "" || seg == "." || seg == ".." {
				t.Fatalf("siteName(%q) = %q, which has a %q segment", target, name, seg)
			}
		}
	})
}

func TestListen(t *testing.T) {
	ln, err := Listen(":0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	tcp := ln.Addr().(*net.TCPAddr)
	if !tcp.IP.IsLoopback() || tcp.Port == 0 {
		t.Errorf(`Listen(":0") listens on %s, want loopback and a real port`, tcp)
	}
	if got, want := URL(tcp), "http://127.0.0.1:"+strconv.Itoa(tcp.Port)+"/"; got != want {
		t.Errorf("URL = %s, want %s", got, want)
	}
	if got := URL(&net.TCPAddr{IP: net.IPv4zero, Port: 8080}); got != "http://localhost:8080/" {
		t.Errorf("URL(0.0.0.0:8080) = %s", got)
	}
	if got := URL(&net.TCPAddr{IP: net.IPv6loopback, Port: 8080}); got != "http://[::1]:8080/" {
		t.Errorf("URL([::1]:8080) = %s", got)
	}
	if _, err := Listen("1313"); err == nil || !strings.Contains(err.Error(), "not host:port") {
		t.Errorf(`Listen("1313") error = %v`, err)
	}
	if _, err := Listen(ln.Addr().String()); err == nil || !strings.Contains(err.Error(), "is taken") {
		t.Errorf("Listen on a taken port: error = %v", err)
	}
}
