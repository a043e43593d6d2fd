package markdown

import (
	"testing"

	"reprint/generator/internal/synthetic"
)

func BenchmarkConvert(b *testing.B) {
	_, post := synthetic.RealPost(b, "../../..")
	src := synthetic.Body(post)
	c := New()
	opts := Options{Corrected: "2026-11-26"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Convert(src, opts); err != nil {
			b.Fatal(err)
		}
	}
}
