package cli

import (
	"fmt"

	"reprint/generator/internal/output"
	"reprint/generator/internal/site"
)

// runCheck validates all content exactly as a build does (front matter,
// editorial markup, unsafe input, fidelity to the sources, templates) but
// writes nothing.
func runCheck(e *env, args []string) error {
	fs := newFlags(e, "check", "check [-root DIR] [-drafts]")
	root := fs.String("root", ".", "the project `folder` holding content/, templates/ and static/")
	drafts := fs.Bool("drafts", false, "check posts marked draft: true too")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("check takes no arguments, got %q", rest[0])
	}
	res, err := site.Build(site.Options{Root: *root, Drafts: *drafts}, output.Discard)
	if err != nil {
		return underRoot(*root, err)
	}
	fmt.Fprintf(e.stdout, "content is clean: %d %s checked, every change marked\n", res.PostsRendered, plural(res.PostsRendered, "post", "posts"))
	return nil
}
