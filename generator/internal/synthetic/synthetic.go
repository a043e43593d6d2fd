// Package synthetic writes large generated Reprint projects for the
// benchmarks and scale tests: N posts made from one real post's body, with
// distinct titles, dates, slugs and first paragraphs, so that no cache
// keyed on content can make a big site look cheaper than it is; and
// TreeHash, which tells whether a built tree changed. It is test support,
// never used by the generator itself.
package synthetic

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Project writes a project with n posts into dir: content/site.yaml,
// content/posts/post-NNNNN.md, and templates/ and static/ copied from the
// repository at repo. The posts take their body from model, a post file
// (front matter and Markdown); its front matter is replaced.
func Project(dir, repo string, model []byte, n int) error {
	body := Body(model)
	for _, d := range []string{"templates", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(repo, d))); err != nil {
			return err
		}
	}
	posts := filepath.Join(dir, "content", "posts")
	if err := os.MkdirAll(posts, 0o755); err != nil {
		return err
	}
	site := "title: Synthetic\nlanguage: en\nbaseURL: https://example.org/\ndescription: A generated site.\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "site.yaml"), []byte(site), 0o644); err != nil {
		return err
	}
	first := time.Date(2014, 6, 2, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		if err := os.WriteFile(filepath.Join(posts, Name(i)), Post(body, i, first), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Body is the Markdown of a post file: what follows its front matter, or
// the whole file when it has none.
func Body(post []byte) []byte {
	if rest, ok := bytes.CutPrefix(post, []byte("---\n")); ok {
		if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
			return rest[i+5:]
		}
	}
	return post
}

// Name is the file name of post i.
func Name(i int) string { return fmt.Sprintf("post-%05d.md", i) }

// Post is post i: dated i-1 days before first, with " (copy i)" added to
// its title and to the end of its first paragraph.
func Post(body []byte, i int, first time.Time) []byte {
	var b bytes.Buffer
	date := first.AddDate(0, 0, -(i - 1)).Format(time.DateOnly)
	fmt.Fprintf(&b, "---\ntitle: \"Post number %d\"\ndate: %s\nauthor: Staff Reporter\npublication: Synthetic Times\ndescription: \"Generated post %d.\"\ncorrected: 2026-11-26\n---\n", i, date, i)
	paras := bytes.SplitN(body, []byte("\n\n"), -1)
	done := false
	for k, p := range paras {
		if k > 0 {
			b.WriteString("\n\n")
		}
		b.Write(p)
		if !done && len(bytes.TrimSpace(p)) > 0 && !bytes.HasPrefix(bytes.TrimSpace(p), []byte(">")) {
			fmt.Fprintf(&b, " (copy %d)", i)
			done = true
		}
	}
	return b.Bytes()
}
