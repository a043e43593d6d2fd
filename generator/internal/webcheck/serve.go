package webcheck

import (
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// The three places a reader can open the same public/ from. Every internal
// link must work at all three: that is what relative links promise.
const (
	AtRoot    = "/"            // a host serving the site at its root
	AtSubpath = "/a/sub/path/" // a host serving it under a folder
	AtFile    = "file://"      // opened from disk, where no server maps a folder to index.html
)

// Locations lists them in the order the reports use.
var Locations = []string{AtRoot, AtSubpath, AtFile}

// server serves a site folder on a random loopback port, under a prefix.
type server struct {
	// URL is where the site's root is: "http://127.0.0.1:PORT" + prefix.
	URL string
	srv *http.Server
}

// serve starts a static server for dir at prefix ("/" or "/a/sub/path/").
// It behaves like a plain static host: a folder serves its index.html, a
// folder without one is 404 (no listings, which would hide a broken link),
// and anything outside the prefix is 404.
func serve(dir, prefix string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	files := http.FileServer(http.Dir(dir))
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if fi, err := os.Stat(p); err == nil && fi.IsDir() && !isFile(filepath.Join(p, "index.html")) {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
	mux := http.NewServeMux()
	if prefix == "/" {
		mux.Handle("/", site)
	} else {
		mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), site))
	}
	s := &server{URL: "http://" + ln.Addr().String() + prefix, srv: &http.Server{Handler: mux}}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *server) Close() { s.srv.Close() }

// pageURL is the address to open a page of the site at: a folder's
// index.html is opened as the folder, as a reader following a shared link
// would, because http.FileServer redirects …/index.html to …/ anyway.
func (s *server) pageURL(page string) string {
	return s.URL + strings.TrimSuffix(page, "index.html")
}

// fileURL is the file:// address of a page of the site in dir.
func fileURL(dir, page string) (string, error) {
	abs, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(page)))
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}
