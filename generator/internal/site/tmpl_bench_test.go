package site

import (
	"testing"

	"reprint/generator/internal/content"
	"reprint/generator/internal/markdown"
	"reprint/generator/internal/output"
	"reprint/generator/internal/synthetic"
)

// BenchmarkPostTemplate is one execution of templates/post.html for the
// real post (its body left out), the largest per-post cost after Markdown.
func BenchmarkPostTemplate(b *testing.B) {
	bl := NewBuilder(Options{Root: "../../.."})
	if _, err := bl.Build(output.Discard); err != nil {
		b.Fatal(err)
	}
	// The view as the post's own pages see it, notes included (the build
	// keeps only what the lists need).
	path, src := synthetic.RealPost(b, "../../..")
	post, err := content.ParsePost(path, src)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := markdown.New().Convert(post.Body, markdown.Options{Corrected: post.Corrected.String()})
	if err != nil {
		b.Fatal(err)
	}
	v := newPostView(post, doc.Marks)
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
