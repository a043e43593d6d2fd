package site

import "testing"

func TestRelURL(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.html", "style.css", "style.css"},
		{"index.html", "2014/06/post/", "2014/06/post/index.html"},
		{"index.html", "", "index.html"},
		{"2014/06/post/index.html", "style.css", "../../../style.css"},
		{"2014/06/post/index.html", "", "../../../index.html"},
		{"2014/06/post/index.html", "2014/06/post/original/", "original/index.html"},
		{"2014/06/post/original/index.html", "2014/06/post/", "../index.html"},
		{"2014/06/old.html", "2014/06/post/", "post/index.html"},
		{"2014/06/old.html", "favicon.svg", "../../favicon.svg"},
		{"page/2/index.html", "page/3/", "../3/index.html"},
		{"page/2/index.html", "", "../../index.html"},
		{"404.html", "style.css", "style.css"},
		// Paths that share the start of a folder's name, not the folder.
		{"2014/06/post/index.html", "2014/06/postal/", "../postal/index.html"},
		{"2014/06/post/index.html", "2014/07/post/", "../../07/post/index.html"},
		{"2014/06/index.html", "2014/06.html", "../06.html"},
		{"page/2/index.html", "page/2/index.html", "index.html"},
	}
	for _, tt := range tests {
		if got := relURL(tt.from, tt.to); got != tt.want {
			t.Errorf("relURL(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestRootURL checks rootURL against relURL, which it must agree with for
// every file at the root.
func TestRootURL(t *testing.T) {
	for _, from := range []string{"index.html", "404.html", "page/2/index.html", "2014/06/old.html", "2014/06/post/index.html", "2014/06/post/original/index.html"} {
		for _, to := range []string{"style.css", "feed.xml"} {
			if got, want := rootURL(from)+to, relURL(from, to); got != want {
				t.Errorf("rootURL(%q)+%q = %q, want %q (relURL)", from, to, got, want)
			}
		}
	}
}
