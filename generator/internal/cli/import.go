package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"reprint/generator/internal/importer"
	"reprint/generator/internal/output"
)

// runImport turns a source page into a Markdown post. It never overwrites
// a post without -force, because a post is hand-edited from then on; with
// -force the previous file is kept as a numbered backup beside it.
func runImport(e *env, args []string) error {
	fs := newFlags(e, "import", "import [-root DIR] [-o PATH] [-url URL] [-force] SOURCE")
	root := fs.String("root", ".", "the project `folder`; posts go to ROOT/content/posts, sources to ROOT/content/sources")
	outPath := fs.String("o", "", "write the post to `PATH` (- for standard output; default ROOT/content/posts/SLUG.md)")
	pageURL := fs.String("url", "", "the page's original `address`, when the file does not say it")
	force := fs.Bool("force", false, "replace an existing post, keeping the old one as a backup")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return fmt.Errorf("import takes one SOURCE: a saved .html page, a text file of a page's visible text, or - for standard input")
	}
	source := rest[0]
	src, err := readSource(e, source)
	if err != nil {
		return err
	}
	url := *pageURL
	if url == "" && source != "-" {
		url = provenanceURL(source)
	}
	name := filepath.Base(source)
	if source == "-" {
		name = ""
	}
	opts := importer.Options{URL: url}
	if name != "" {
		opts.SourceFile = "sources/" + name
	}
	post, err := importer.Import(src, opts)
	if err != nil {
		return fmt.Errorf("%s: %v", source, err)
	}
	if name == "" {
		// From standard input: name the kept copy after the post.
		name = post.Slug + sourceExt(src)
		post.SourceFile = "sources/" + name
	}
	md := post.Markdown()
	if *outPath == "-" {
		_, err := e.stdout.Write(md)
		return err
	}
	target := *outPath
	if target == "" {
		target = filepath.Join(*root, "content", "posts", post.Slug+".md")
	}
	if err := keepSource(*root, name, src); err != nil {
		return err
	}
	backup, err := writePost(target, md, *force)
	if err != nil {
		return err
	}
	if backup != "" {
		fmt.Fprintf(e.stderr, "kept the previous %s as %s\n", target, backup)
	}
	fmt.Fprintln(e.stdout, target)
	return nil
}

func readSource(e *env, source string) ([]byte, error) {
	if source == "-" {
		return io.ReadAll(e.stdin)
	}
	src, err := os.ReadFile(source)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("%s: file not found", source)
		case errors.Is(err, fs.ErrPermission):
			return nil, fmt.Errorf("%s: permission denied", source)
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: %v", source, pe.Err)
		}
		return nil, err
	}
	return src, nil
}

func sourceExt(src []byte) string {
	head := bytes.ToLower(src[:min(len(src), 1024)])
	if bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype")) || bytes.Contains(head, []byte("<body")) {
		return ".html"
	}
	return ".txt"
}

var urlPattern = regexp.MustCompile(`https?://[^\s<>()"'` + "`" + `]+`)

// provenanceURL finds a text scrape's address in the provenance note kept
// beside it: a README.md in the same folder that names the file and gives
// the page's URL. Archivists keep such notes, and a page's visible text
// rarely includes its own address.
func provenanceURL(source string) string {
	note, err := os.ReadFile(filepath.Join(filepath.Dir(source), "README.md"))
	if err != nil || !bytes.Contains(note, []byte(filepath.Base(source))) {
		return ""
	}
	u := urlPattern.Find(note)
	return strings.TrimRight(string(u), ".,;:")
}

// keepSource copies the source into content/sources/ byte for byte, the
// record every later change is checked against. An identical copy is left
// alone; a different file of the same name is never replaced.
func keepSource(root, name string, src []byte) error {
	dir := filepath.Join(root, "content", "sources")
	dst := filepath.Join(dir, name)
	old, err := os.ReadFile(dst)
	switch {
	case err == nil && bytes.Equal(old, src):
		return nil
	case err == nil:
		return fmt.Errorf("%s: a different source of the same name is already kept there; sources are never replaced: rename the new one", dst)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: %v", dst, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return output.WriteFileAtomic(dst, src, 0o644)
}

// writePost writes the post atomically. An existing file is an error
// without force; with force it is first kept as a backup, whose name is
// returned.
func writePost(target string, md []byte, force bool) (backup string, err error) {
	old, err := os.ReadFile(target)
	switch {
	case err == nil && !force:
		return "", fmt.Errorf("%s: already exists and may hold hand edits; not replaced (use -force to replace it, keeping a backup)", target)
	case err == nil:
		backup = target + ".bak"
		for i := 1; fileExists(backup); i++ {
			backup = fmt.Sprintf("%s.bak.%d", target, i)
		}
		if err := output.WriteFileAtomic(backup, old, 0o644); err != nil {
			return "", err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("%s: %v", target, err)
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return "", err
	}
	return backup, output.WriteFileAtomic(target, md, 0o644)
}

func fileExists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}
