package site

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"reprint/generator/internal/output"
	"reprint/generator/internal/synthetic"
)

// BenchmarkBuild is a full build, to disk, of 1, 1,000 and 10,000 posts
// generated from the real post. Run it with
//
//	go test ./generator/internal/site -bench . -run '^$'
//
// It reports time per build (ns/op), time per post page (ns/page), the
// bytes written per build and allocations.
func BenchmarkBuild(b *testing.B) {
	_, model := synthetic.RealPost(b, "../../..")
	for _, n := range []int{1, 1000, 10000} {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			dir := synthetic.Scratch(b)
			if err := synthetic.Project(dir, "../../..", model, n); err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(dir, "public")
			var written int64
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				stage, err := output.Stage(out)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Build(Options{Root: dir}, stage); err != nil {
					b.Fatal(err)
				}
				if err := stage.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			filepath.WalkDir(out, func(_ string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					if info, err := d.Info(); err == nil {
						written += info.Size()
					}
				}
				return nil
			})
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/page")
			b.ReportMetric(float64(written), "bytes/build")
		})
	}
}

// BenchmarkRebuildOnePost is the preview's job after an editor saves one
// post of a 10,000-post site: re-render that post and the pages that list
// it. ns/op is the rebuild time the preview reports.
func BenchmarkRebuildOnePost(b *testing.B) {
	_, model := synthetic.RealPost(b, "../../..")
	dir := synthetic.Scratch(b)
	if err := synthetic.Project(dir, "../../..", model, 10000); err != nil {
		b.Fatal(err)
	}
	builder := NewBuilder(Options{Root: dir})
	mem := output.NewMemory()
	if _, err := builder.Build(mem); err != nil {
		b.Fatal(err)
	}
	name := "content/posts/" + synthetic.Name(5000)
	file := filepath.Join(dir, filepath.FromSlash(name))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		edited := append(append([]byte{}, orig...), fmt.Sprintf("\nEdit number %d.\n", i)...)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := builder.Rebuild(mem, []string{name})
		if err != nil {
			b.Fatal(err)
		}
		if res.PostsRendered != 1 {
			b.Fatalf("rebuilt %d posts, want 1", res.PostsRendered)
		}
	}
}
