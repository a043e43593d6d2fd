// Package devserver is the preview behind `generator serve`: it builds the
// site into memory, serves it over HTTP, and rebuilds when a file under
// content/, templates/ or static/ changes, telling open pages to reload.
// It renders nothing itself: every page comes from package site exactly as
// `generator build` would write it, with two edits made on the way out
// (see Live reload). It never reads or writes public/, which stays the
// committed, deployable build.
//
// # Serving
//
// Requests are answered as a static host would answer for the built site:
// GET and HEAD only; a path ending in / serves that folder's index.html; a
// folder asked for without its slash is redirected (301) to the slash, so
// the page's relative links resolve; a missing file gets the site's
// 404.html with status 404; alias pages are served as written, and their
// meta refresh moves the browser on, as it will on the host. Content-Type
// comes from a fixed table of extensions (the feed is application/xml), so
// the answer does not depend on the machine's MIME database. Every
// response says Cache-Control: no-store, so a reload shows the latest save.
// Responses come from an output.Memory only: nothing is read from disk to
// answer a request.
//
// # Safety
//
// The server listens on 127.0.0.1 unless -addr names another host (an
// empty host, as in ":8080", still means 127.0.0.1). A path that could
// mean something outside the site gets 400 and is never looked up: ".."
// or "." segments, also encoded (%2e%2e), encoded slashes (%2f) and
// backslashes (\ or %5c), empty segments (//etc/passwd), NUL and other
// control characters. On a loopback address, a request whose Host header
// is not a loopback name gets 403, which stops a web page from reading the
// preview through DNS rebinding. Serve stops on context cancellation
// (SIGINT or SIGTERM in the command): it ends the event streams, shuts the
// HTTP server down, waits for a rebuild in progress and closes the watcher.
//
// # Rebuilds
//
// fsnotify watches the three input folders recursively, folders created
// later included (their files count as changed, for a folder moved in
// whole). Events are coalesced: a rebuild starts once the files have been
// still for 50 ms (at most one second after the first event), so an
// editor's save through a temporary file and a rename is one rebuild.
// Editors' scratch files (.x.swp, x~, .#x, #x#, 4913, …) are ignored, and
// so is any file that appeared and vanished within one burst (sed -i's
// temporary file): neither was ever part of the site, and naming them would
// turn an incremental rebuild into a full one.
// Rebuilds run one at a time through site.Builder.Rebuild, which renders
// only the edited posts and the pages that list them, and falls back to a
// full build for anything else. Each prints one line: what changed, the
// pages written, the posts rendered and the build time.
//
// # Live reload
//
// Every HTML response gets <script src="/_reprint/reload.js">, and the
// page's Content-Security-Policy meta is widened with script-src 'self' and
// connect-src 'self' so that the script may run and open its event stream;
// the site's own policy blocks all scripts, which is right for the
// published pages. Both edits are made to the response only. The script
// listens on /_reprint/events (Server-Sent Events) and reloads the page
// after each rebuild; when only stylesheets in static/ changed it swaps
// them in place instead. Each event carries the build's id; a page that
// connects (or reconnects) showing an older build, or one from a previous
// run of the server, is told to reload at once.
//
// # Build errors
//
// A failed build does not stop the server. Until the site builds again,
// every request that would be answered with a page (HTML, the 404 page
// included) gets an error page with status 500, listing each problem as
// path:line:col: message with the offending source line and a caret at
// the column. We chose 500 over 200 so that nothing reading the preview
// (curl, a link checker, a test) can mistake the error for the page; a
// browser shows the body either way. The error page carries the reload
// script, so saving the fix brings the page back by itself. Stylesheets,
// images and the feed are served from the last good build meanwhile; a
// rebuild that fails halfway is undone in memory, so the preview never
// serves a half-built site.
package devserver
