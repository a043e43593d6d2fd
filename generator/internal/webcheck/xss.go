package webcheck

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Sentinel is the global that a payload sets (window.__xss = 1) to show
// that it ran without opening a dialog, as a payload written for a filter
// that blocks alert() would. [Browser.XSS] reports a page where it is set.
const Sentinel = "__xss"

// PageRun is what one page did in the browser, and what its source holds
// that could run.
type PageRun struct {
	Page string
	// Static lists what the page's HTML holds that could run: <script>
	// elements other than JSON-LD, on* attributes, javascript: URLs,
	// elements that load or run other documents (iframe, object, embed,
	// base), and a meta refresh to anything but a relative path.
	Static []string
	// Dialogs lists the JavaScript dialogs the page opened, as "type: message".
	Dialogs []string
	// Sentinel is true when the page set window.__xss.
	Sentinel bool
	// Title is document.title in the browser; WantTitle is the <title>
	// text as written. They differ when a payload broke out of <title> or
	// a script changed it.
	Title, WantTitle string
	// Live is Static as the browser's own parser built the page: a parser
	// differential (a payload that x/net/html reads as text and Chromium
	// as markup) shows here and not there.
	Live []string
	// Console, Failed, Blocked and Away are what the page did besides:
	// console errors (a Content-Security-Policy refusing an injected
	// handler says so there), failed requests (an injected <img src=x>),
	// requests to other hosts, and navigations it started by itself.
	Console, Failed, Blocked, Away []string
}

// XSSReport is the verdict of [Browser.XSS] on a site.
type XSSReport struct {
	Pages []PageRun
}

// Dialogs counts the dialogs every page opened together.
func (r *XSSReport) Dialogs() int {
	n := 0
	for _, p := range r.Pages {
		n += len(p.Dialogs)
	}
	return n
}

// Problems lists, as "page: what", everything that ran or could run, and
// anything else the page did that a correct page does not.
func (r *XSSReport) Problems() []string {
	var out []string
	add := func(page, format string, args ...any) {
		out = append(out, page+": "+fmt.Sprintf(format, args...))
	}
	for _, p := range r.Pages {
		for _, s := range p.Static {
			add(p.Page, "in the HTML: %s", s)
		}
		for _, d := range p.Dialogs {
			add(p.Page, "opened a JavaScript dialog (%s)", d)
		}
		if p.Sentinel {
			add(p.Page, "a script set window.%s", Sentinel)
		}
		if p.Title != p.WantTitle {
			add(p.Page, "document.title is %q, but <title> says %q", p.Title, p.WantTitle)
		}
		for _, s := range p.Live {
			add(p.Page, "in the browser's DOM: %s", s)
		}
		for _, c := range p.Console {
			add(p.Page, "console: %s", c)
		}
		for _, f := range p.Failed {
			add(p.Page, "failed to load: %s", f)
		}
		for _, b := range p.Blocked {
			add(p.Page, "request to another host, refused: %s", b)
		}
		for _, a := range p.Away {
			add(p.Page, "navigated away by itself to %s", a)
		}
	}
	return out
}

// probeJS reads, after the page has settled, what the browser made of it:
// the sentinel, document.title, and the same things Static looks for, in
// the live DOM. Only application/ld+json scripts are data: any other type
// is flagged, since browsers run more types than any list says.
const probeJS = `(() => {
	const live = [];
	const jsURL = v => /^javascript:/i.test(v.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+/, ''));
	for (const e of document.getElementsByTagName('*')) {
		const tag = e.localName;
		if (tag === 'script' && (e.getAttribute('type') || '').trim().toLowerCase() !== 'application/ld+json') {
			live.push('<script' + (e.getAttribute('src') ? ' src=' + e.getAttribute('src') : '') + '>');
		}
		if (['iframe', 'frame', 'object', 'embed', 'base'].includes(tag)) {
			live.push('<' + tag + '>');
		}
		for (const a of e.attributes) {
			const n = a.name.toLowerCase();
			if (n.startsWith('on')) live.push('<' + tag + ' ' + n + '>');
			if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(n) && jsURL(a.value)) {
				live.push('<' + tag + ' ' + n + '=javascript:...>');
			}
		}
	}
	return {
		sentinel: Object.prototype.hasOwnProperty.call(window, '` + Sentinel + `'),
		title: document.title,
		live: live,
	};
})()`

// probed is what probeJS returns.
type probed struct {
	Sentinel bool     `json:"sentinel"`
	Title    string   `json:"title"`
	Live     []string `json:"live"`
}

// XSS opens every page of s, served at the root of a loopback server, and
// reports what ran or could run there (see [PageRun]). A page of a
// Reprint site must report nothing: the site has no JavaScript at all.
//
// A page's Content-Security-Policy forbids inline script, so on a page
// that carries it an injected handler is refused (and reported as a
// console error) rather than run. To prove that the escaping holds by
// itself, check a copy made by [WithoutCSP] as well.
func (b *Browser) XSS(ctx context.Context, s *Site) (*XSSReport, error) {
	srv, err := serve(s.Dir, AtRoot)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	t, err := b.newTab(ctx)
	if err != nil {
		return nil, err
	}
	defer t.cancel()
	// A dialog stops the page until it is answered, so each one is
	// recorded and dismissed; the answer must go from another goroutine,
	// since the listener runs on the tab's reading loop.
	var mu sync.Mutex
	var dialogs []string
	if err := chromedp.Listen(t.ctx, func(ev any) {
		if ev, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			mu.Lock()
			dialogs = append(dialogs, fmt.Sprintf("%s: %s", ev.Type, ev.Message))
			mu.Unlock()
			go chromedp.Call(t.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}); err != nil {
		return nil, fmt.Errorf("listen for dialogs: %w", err)
	}
	r := &XSSReport{}
	for _, p := range s.Pages {
		src, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(p)))
		if err != nil {
			return nil, err
		}
		run := PageRun{Page: p}
		run.Static, run.WantTitle, err = staticXSS(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		mu.Lock()
		dialogs = nil
		mu.Unlock()
		var got probed
		v, err := t.visit(srv.pageURL(p), View{1280, false}, func(tab context.Context) error {
			var err error
			got, err = chromedp.Run(tab, chromedp.Evaluate[probed](probeJS))
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		mu.Lock()
		run.Dialogs = dialogs
		dialogs = nil
		mu.Unlock()
		run.Sentinel, run.Title, run.Live = got.Sentinel, got.Title, got.Live
		run.Console, run.Failed, run.Blocked = v.Console, v.failed(), v.Blocked
		if doc := s.docs[p]; doc == nil || !doc.Refresh {
			run.Away = v.Away // an alias page's meta refresh is its job
		}
		r.Pages = append(r.Pages, run)
	}
	return r, nil
}

// staticXSS parses one page as a browser would and lists what in it could
// run, and returns the text of its <title> as document.title gives it.
func staticXSS(src []byte) (found []string, title string, err error) {
	root, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, "", err
	}
	titled := false
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attr := func(key string) string {
			for _, a := range n.Attr {
				if a.Namespace == "" && a.Key == key {
					return a.Val
				}
			}
			return ""
		}
		switch n.DataAtom {
		case atom.Title:
			if !titled && n.Namespace == "" {
				titled = true
				var sb strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.TextNode {
						sb.WriteString(c.Data)
					}
				}
				title = strings.Join(strings.FieldsFunc(sb.String(), isASCIISpace), " ")
			}
		case atom.Script:
			if t := strings.ToLower(strings.TrimSpace(attr("type"))); t != "application/ld+json" {
				found = append(found, fmt.Sprintf("<script type=%q>", t))
			}
		case atom.Iframe, atom.Frame, atom.Object, atom.Embed, atom.Base:
			found = append(found, "<"+n.Data+">")
		case atom.Meta:
			if strings.EqualFold(attr("http-equiv"), "refresh") && !relativeRefresh.MatchString(attr("content")) {
				found = append(found, fmt.Sprintf("<meta http-equiv=refresh content=%q>", attr("content")))
			}
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = a.Namespace + ":" + key
			}
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				found = append(found, fmt.Sprintf("<%s %s>", n.Data, key))
			}
			switch strings.ToLower(a.Key) {
			case "href", "src", "action", "formaction", "data", "srcdoc":
				if isJavaScriptURL(a.Val) {
					found = append(found, fmt.Sprintf("<%s %s=javascript:…>", n.Data, key))
				}
			}
		}
	}
	return found, title, nil
}

// relativeRefresh is the only meta refresh a Reprint page has: an alias
// page's, to a relative path in the site.
var relativeRefresh = regexp.MustCompile(`^0; url=(?:\.\./)*[a-z0-9/_.-]*$`)

func isASCIISpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// isJavaScriptURL reports whether a browser would take v as a javascript:
// URL: the URL parser drops leading control characters and spaces, and
// tabs and newlines anywhere.
func isJavaScriptURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	v = strings.TrimLeft(v, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	return len(v) >= 11 && strings.EqualFold(v[:11], "javascript:")
}

// cspMeta is the element Page.CSP writes.
var cspMeta = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?`)

// WithoutCSP copies the site in dir to out with the Content-Security-Policy
// <meta> removed from every page, so that a check of the copy shows what
// the escaping alone does: with the policy in place an injected handler
// would be refused, hiding the escaping's failure. A page without the
// element is an error, so the copy is never silently the same site.
func WithoutCSP(dir, out string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		target := filepath.Join(out, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".html") {
			if n := len(cspMeta.FindAllIndex(data, -1)); n != 1 {
				return fmt.Errorf("%s: %d Content-Security-Policy <meta> elements, want 1", filepath.ToSlash(rel), n)
			}
			data = cspMeta.ReplaceAll(data, nil)
		}
		return os.WriteFile(target, data, 0o644)
	})
}
