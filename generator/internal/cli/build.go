package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"reprint/generator/internal/output"
	"reprint/generator/internal/site"
)

// buildFlags defines the build command's flags; the top-level usage shows
// them too, since build is the default command.
func buildFlags(e *env) (fs *flag.FlagSet, root, out, baseURL *string, drafts *bool) {
	fs = newFlags(e, "build", "[build] [-root DIR] [-out DIR] [-base-url URL] [-drafts]")
	root = fs.String("root", ".", "the project `folder` holding content/, templates/ and static/")
	out = fs.String("out", "", "where to write the site (default ROOT/public)")
	baseURL = fs.String("base-url", "", "the site's address, for absolute URLs (default: baseURL in content/site.yaml)")
	drafts = fs.Bool("drafts", false, "include posts marked draft: true")
	return fs, root, out, baseURL, drafts
}

func runBuild(e *env, args []string) error {
	fs, root, out, baseURL, drafts := buildFlags(e)
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("build takes no arguments, got %q", rest[0])
	}
	if *out == "" {
		*out = filepath.Join(*root, "public")
	}
	if err := checkOut(*root, *out); err != nil {
		return err
	}
	// A build is short and allocates mostly garbage (parse trees, rendered
	// pages already written out): collecting a quarter as often costs
	// some memory (about 100 MB at 1,000 posts) and saves about a sixth
	// of the CPU. A GOGC setting in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	start := time.Now()
	stage, err := output.Stage(*out)
	if err != nil {
		return fmt.Errorf("%s: cannot prepare the output folder: %v", *out, err)
	}
	progress := startProgress(e.stderr)
	res, err := site.Build(site.Options{Root: *root, BaseURL: *baseURL, Drafts: *drafts, Progress: progress.update}, stage)
	progress.stop()
	if err != nil {
		stage.Abort()
		return underRoot(*root, err)
	}
	if err := stage.Commit(); err != nil {
		stage.Abort()
		return fmt.Errorf("%s: %v", *out, err)
	}
	for _, n := range res.Notices {
		fmt.Fprintln(e.stderr, "note:", n)
	}
	fmt.Fprintf(e.stdout, "wrote %d pages (%d files) to %s in %s\n", res.Pages, res.Files, *out, time.Since(start).Round(time.Millisecond))
	return nil
}

// checkOut refuses output folders whose replacement would destroy the
// project: the project itself, a folder holding it, or one of its inputs.
func checkOut(root, out string) error {
	absRoot, err1 := filepath.Abs(root)
	absOut, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return fmt.Errorf("%s: cannot resolve the output folder", out)
	}
	if absOut == absRoot || strings.HasPrefix(absRoot+string(filepath.Separator), absOut+string(filepath.Separator)) {
		return fmt.Errorf("-out %s: the output folder would replace the project folder itself; use a folder of its own such as %s", out, filepath.Join(root, "public"))
	}
	for _, in := range []string{"content", "templates", "static", "generator", ".git"} {
		dir := filepath.Join(absRoot, in)
		if absOut == dir || strings.HasPrefix(absOut, dir+string(filepath.Separator)) {
			return fmt.Errorf("-out %s: the output folder is inside %s/, which the build reads; use a folder of its own such as %s", out, in, filepath.Join(root, "public"))
		}
	}
	if info, err := os.Lstat(out); err == nil && !info.IsDir() {
		return fmt.Errorf("-out %s: exists and is not a folder", out)
	}
	return nil
}
