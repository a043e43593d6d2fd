package devserver

import (
	"bytes"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"reprint/generator/internal/output"
)

// ServeHTTP answers like a static host serving the built site, plus the
// preview's own two files under /_reprint/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !hostAllowed(r) {
		http.Error(w, "this preview answers only to localhost; open the URL that generator serve printed", http.StatusForbidden)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.serveEvents(w, r)
		return
	case reloadPath:
		if !getOrHead(w, r) {
			return
		}
		send(w, r, http.StatusOK, "text/javascript; charset=utf-8", reloadJS)
		return
	}
	if !getOrHead(w, r) {
		return
	}
	name, ok := siteName(r.URL)
	if !ok {
		http.Error(w, "bad request: the path must name a file inside the site", http.StatusBadRequest)
		return
	}
	if strings.HasPrefix(name, "_reprint/") {
		http.NotFound(w, r)
		return
	}

	s.mu.RLock()
	defer s.mu.RUnlock()
	data, found := s.mem.Get(name)
	if !found && !strings.HasSuffix(r.URL.Path, "/") {
		if _, isDir := s.mem.Get(name + "/index.html"); isDir {
			// A folder asked for without its slash: send the browser to
			// the slash, so that the page's relative links resolve. The
			// location is relative, so it cannot point off the site.
			loc := path.Base(name) + "/"
			if r.URL.RawQuery != "" {
				loc += "?" + r.URL.RawQuery
			}
			w.Header().Set("Location", loc)
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !found {
		// As a static host does: the site's own 404 page, status 404.
		status, name = http.StatusNotFound, "404.html"
		data, found = s.mem.Get(name)
	}
	switch {
	case isHTML(name) && s.err != nil:
		s.serveError(w, r)
		return
	case !found:
		http.Error(w, "404 page not found (and the site has no 404.html)", http.StatusNotFound)
		return
	}
	ctype := contentType(name, data)
	if isHTML(name) {
		data = inject(data, s.idLocked())
	}
	send(w, r, status, ctype, data)
}

// serveError answers with the error page; s.mu is held for reading.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	err := errorPage.Execute(&buf, errorData{
		Script:   reloadPath,
		Build:    s.idLocked(),
		Root:     s.root,
		Problems: problems(s.root, s.err),
	})
	if err != nil {
		http.Error(w, s.err.Error(), http.StatusInternalServerError)
		return
	}
	send(w, r, http.StatusInternalServerError, "text/html; charset=utf-8", buf.Bytes())
}

func send(w http.ResponseWriter, r *http.Request, status int, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	// Always fresh: the point of the preview is the latest save.
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

func getOrHead(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "the preview serves files: GET and HEAD only", http.StatusMethodNotAllowed)
	return false
}

// siteName maps a request's path to the name of a file of the built site,
// or refuses it. Nothing is read from disk whatever the answer, so no
// request could escape the site anyway; refusing early keeps it obvious.
// Refused: a path that does not start with one slash (//etc/passwd),
// empty, "." or ".." segments, decoded or encoded (%2e%2e), encoded
// slashes (%2f) and backslashes (%5c, which some hosts treat as
// separators), NUL and other control characters.
func siteName(u *url.URL) (string, bool) {
	p := u.Path
	raw := strings.ToLower(u.RawPath)
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	if !strings.HasPrefix(p, "/") || strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "", false
	}
	rest := p[1:]
	if rest == "" {
		return "index.html", true
	}
	segs := strings.Split(rest, "/")
	for i, seg := range segs {
		if seg == "" && i == len(segs)-1 {
			continue // a trailing slash
		}
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	name := rest
	if strings.HasSuffix(rest, "/") {
		name += "index.html"
	}
	if output.CheckName(name) != nil {
		return "", false
	}
	return name, true
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// contentTypes are fixed rather than read from the machine's MIME tables,
// which differ between systems: the preview should answer the same
// everywhere, as a static host does.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".pdf":         "application/pdf",
}

// contentType picks the type by extension; files without a known one
// (_redirects) are sniffed, as most static hosts do.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); ext != "" && t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// hostAllowed refuses, on a loopback listener, requests whose Host is not
// a loopback name. A web page elsewhere could otherwise point a name it
// controls at 127.0.0.1 (DNS rebinding) and read the preview. A listener
// on another address was chosen with -addr; any Host goes there.
func hostAllowed(r *http.Request) bool {
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return true
	}
	tcp, ok := local.(*net.TCPAddr)
	if !ok || !tcp.IP.IsLoopback() {
		return true
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
