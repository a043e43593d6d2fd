// Package site builds a Reprint site: it reads the project (content/,
// templates/, static/), renders every page through the markdown Converter
// and html/template, and hands each output file to an output.Writer.
//
// # Pages
//
// Each post is written to YYYY/MM/<slug>/index.html. A post with editorial
// marks also gets YYYY/MM/<slug>/original/index.html, the text as first
// published, so readers can compare and editors can prove fidelity. The
// home page lists posts newest first, paginated as page/N/index.html. Each
// alias gets a small redirect page (meta refresh, rel=canonical and a
// visible link). 404.html, feed.xml (Atom), sitemap.xml, robots.txt and
// _redirects complete the site; the last four can be switched off in
// content/site.yaml. Everything in static/ is copied byte for byte.
//
// # Templates
//
// templates/base.html defines "base", the frame every page shares; each
// page template (post.html, home.html, alias.html, 404.html) defines
// "main" and may define "head". Templates run with missingkey=error, and
// a field that does not exist is an error too, reported as
// templates/NAME:LINE:COL.
//
// # URLs
//
// Every link from one page to another is relative and names index.html
// explicitly, so the same public/ works at a host's root, under any
// subpath, and opened from disk. Absolute URLs (canonical, og:url, the
// feed, the sitemap) exist only when the site has a base URL.
//
// # Determinism
//
// Output depends only on the input files: no clock, no map order, no
// machine paths. Posts render in parallel, each into its own files.
package site
