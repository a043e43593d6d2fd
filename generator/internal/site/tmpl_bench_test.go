package site

import (
	"testing"

	"reprint/generator/internal/output"
)

// BenchmarkPostTemplate is one execution of templates/post.html for the
// real post (its body left out), the largest per-post cost after Markdown.
func BenchmarkPostTemplate(b *testing.B) {
	bl := NewBuilder(Options{Root: "../../.."})
	if _, err := bl.Build(output.Discard); err != nil {
		b.Fatal(err)
	}
	var v *PostView
	for _, x := range bl.views {
		v = x
	}
	page := bl.postPage(v)
	page.JSONLD = bl.articleJSONLD(v)
	tmpl := bl.tmpl.clone()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tmpl.execute("post", page); err != nil {
			b.Fatal(err)
		}
	}
}
