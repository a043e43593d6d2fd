package devserver

import (
	"strings"
	"testing"
)

func TestInject(t *testing.T) {
	const script = `<script src="/_reprint/reload.js" data-build="b-1" defer></script>` + "\n"
	tests := []struct {
		name, page, want string
	}{
		{
			"the site's policy",
			`<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"></head><body></body>`,
			`<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; script-src 'self'; connect-src 'self'">` + script + `</head><body></body>`,
		},
		{
			"script-src 'none' becomes 'self'; other sources stay",
			`<HEAD><META HTTP-EQUIV='content-security-policy' CONTENT='script-src &#39;none&#39;; connect-src https://api.example'></HEAD>`,
			`<HEAD><META HTTP-EQUIV='content-security-policy' content="script-src 'self'; connect-src https://api.example 'self'">` + script + `</HEAD>`,
		},
		{
			"a hash for the page's JSON-LD: 'self' joins it",
			`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-AbC+/='"></head>`,
			`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-AbC+/=' 'self'; connect-src 'self'">` + script + `</head>`,
		},
		{
			"'self' already there",
			`<meta content="script-src 'self'; connect-src 'self'" http-equiv="Content-Security-Policy"></head>`,
			`<meta content="script-src 'self'; connect-src 'self'" http-equiv="Content-Security-Policy">` + script + `</head>`,
		},
		{
			"script-src-elem is opened too",
			`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src-elem 'none'"></head>`,
			`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src-elem 'self'; script-src 'self'; connect-src 'self'">` + script + `</head>`,
		},
		{
			"other meta tags are left alone",
			`<meta name="description" content="default-src 'none'"><meta http-equiv="refresh" content="0; url=x/"></head>`,
			`<meta name="description" content="default-src 'none'"><meta http-equiv="refresh" content="0; url=x/">` + script + `</head>`,
		},
		{"no head: before </body>", `<p>x</p></body></html>`, `<p>x</p>` + script + `</body></html>`},
		{"neither: at the end", `<p>x</p>`, `<p>x</p>` + script},
	}
	for _, tt := range tests {
		page := []byte(tt.page)
		got := string(inject(page, "b-1"))
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
		if string(page) != tt.page {
			t.Errorf("%s: inject changed its input, which is the page in memory", tt.name)
		}
	}
}

// TestInjectServedOnly: the page in memory, which a build would write,
// has neither the script nor the widened policy.
func TestInjectServedOnly(t *testing.T) {
	s, _, _ := serveFixture(t)
	for _, name := range s.mem.Names() {
		data, _ := s.mem.Get(name)
		if strings.Contains(string(data), "/_reprint/") {
			t.Errorf("%s in memory has the preview's reload script", name)
		}
	}
}
