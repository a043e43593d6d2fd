package site

import "strings"

// relURL is the relative URL from a page to a site path. Both are paths
// from the site root without a leading slash; a path ending in "/" (or
// empty, the home page) is a folder and the link names its index.html, so
// that the same site works from any subpath and opened from disk, where
// no server turns a folder into its index page.
func relURL(fromPage, to string) string {
	fromDir := fromPage[:strings.LastIndex(fromPage, "/")+1]
	if to == "" || strings.HasSuffix(to, "/") {
		to += "index.html"
	}
	// The folders both paths start with, whole: up to the last "/" of
	// their common prefix (to's last part is a file, never a folder).
	common := 0
	for i := 0; i < len(fromDir) && i < len(to) && fromDir[i] == to[i]; i++ {
		if to[i] == '/' {
			common = i + 1
		}
	}
	return strings.Repeat("../", strings.Count(fromDir[common:], "/")) + to[common:]
}

// rootURL is the relative URL from a page to the site's root folder: ""
// from a page at the root, "../" for each folder the page is in.
func rootURL(fromPage string) string {
	return strings.Repeat("../", strings.Count(fromPage, "/"))
}
