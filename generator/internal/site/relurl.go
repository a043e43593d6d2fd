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
	from := strings.Split(strings.TrimSuffix(fromDir, "/"), "/")
	if fromDir == "" {
		from = nil
	}
	target := strings.Split(to, "/")
	i := 0
	for i < len(from) && i < len(target)-1 && from[i] == target[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(target[i:], "/")
}

// rootURL is the relative URL from a page to the site's root folder: ""
// from a page at the root, "../" for each folder the page is in.
func rootURL(fromPage string) string {
	return strings.Repeat("../", strings.Count(fromPage, "/"))
}
