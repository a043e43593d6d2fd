package devserver

import (
	_ "embed"
	"html"
	"regexp"
	"slices"
	"strings"
)

// reloadPath is where the reload script is served. The /_reprint/ prefix
// belongs to the preview: a site file under it would be hidden.
const (
	reloadPath = "/_reprint/reload.js"
	eventsPath = "/_reprint/events"
)

// reloadJS listens to the event stream and reloads the page.
//
//go:embed reload.js
var reloadJS []byte

var (
	metaTag    = regexp.MustCompile(`(?is)<meta\b[^>]*>`)
	cspEquiv   = regexp.MustCompile(`(?i)\bhttp-equiv\s*=\s*["']?content-security-policy\b`)
	contentVal = regexp.MustCompile(`(?is)\bcontent\s*=\s*("[^"]*"|'[^']*')`)
	headEnd    = regexp.MustCompile(`(?i)</head\s*>`)
	bodyEnd    = regexp.MustCompile(`(?i)</body\s*>`)
)

// inject returns a served page with the reload script added, and its
// Content-Security-Policy widened just enough for that script to run:
// the pages' policy (default-src 'none') blocks every script, which is
// right for the published site and would silence the preview. Both edits
// are made to the response only; the page in memory, and any build, stay
// as the site wrote them.
func inject(page []byte, build string) []byte {
	page = metaTag.ReplaceAllFunc(page, func(tag []byte) []byte {
		if !cspEquiv.Match(tag) {
			return tag
		}
		return contentVal.ReplaceAllFunc(tag, func(attr []byte) []byte {
			m := contentVal.FindSubmatch(attr)
			quoted := m[1]
			policy := html.UnescapeString(string(quoted[1 : len(quoted)-1]))
			return []byte(`content="` + attrEscaper.Replace(previewPolicy(policy)) + `"`)
		})
	})
	script := []byte(`<script src="` + reloadPath + `" data-build="` + attrEscaper.Replace(build) + `" defer></script>` + "\n")
	at := len(page)
	if loc := headEnd.FindIndex(page); loc != nil {
		at = loc[0]
	} else if loc := bodyEnd.FindIndex(page); loc != nil {
		at = loc[0]
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:at]...)
	out = append(out, script...)
	return append(out, page[at:]...)
}

var attrEscaper = strings.NewReplacer(`&`, "&amp;", `"`, "&#34;", `<`, "&lt;", `>`, "&gt;")

// previewPolicy lets a policy load scripts from the preview itself and
// open its event stream: script-src and connect-src get 'self' (in place
// of 'none' if that is what they said), and are added if missing.
// script-src-elem, which would override script-src for <script src>, is
// opened too when present. Everything else is kept.
func previewPolicy(policy string) string {
	var out []string
	seen := map[string]bool{}
	for _, d := range strings.Split(policy, ";") {
		fields := strings.Fields(d)
		if len(fields) == 0 {
			continue
		}
		name := strings.ToLower(fields[0])
		if (name == "script-src" || name == "connect-src" || name == "script-src-elem") && !seen[name] {
			seen[name] = true
			fields = slices.DeleteFunc(fields, func(f string) bool { return strings.EqualFold(f, "'none'") })
			if !slices.ContainsFunc(fields[1:], func(f string) bool { return strings.EqualFold(f, "'self'") }) {
				fields = append(fields, "'self'")
			}
		}
		out = append(out, strings.Join(fields, " "))
	}
	for _, name := range []string{"script-src", "connect-src"} {
		if !seen[name] {
			out = append(out, name+" 'self'")
		}
	}
	return strings.Join(out, "; ")
}
