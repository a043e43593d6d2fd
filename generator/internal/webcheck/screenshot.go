package webcheck

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/chromedp/chromedp"
)

// Screenshots writes full-page PNGs of one page of the site in each of
// Views to outDir, named like 2014-06-slug.dark-375.png, and returns their
// paths. They are for people to look at: line length, contrast, how
// corrections and a caption read. outDir must not be inside the site.
func (b *Browser) Screenshots(ctx context.Context, s *Site, page, outDir string) ([]string, error) {
	site, err := filepath.Abs(s.Dir)
	if err != nil {
		return nil, err
	}
	out, err := filepath.Abs(outDir)
	if err != nil {
		return nil, err
	}
	if rel, err := filepath.Rel(site, out); err == nil && !strings.HasPrefix(rel, "..") {
		return nil, fmt.Errorf("screenshots: %s is inside the site %s; write them elsewhere", outDir, s.Dir)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	srv, err := serve(s.Dir, AtRoot)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	name := strings.TrimSuffix(strings.TrimSuffix(page, "index.html"), "/")
	name = strings.TrimSuffix(strings.ReplaceAll(name, "/", "-"), ".html")
	if name == "" {
		name = "home"
	}
	t, err := b.newTab(ctx)
	if err != nil {
		return nil, err
	}
	defer t.cancel()
	var files []string
	_, err = t.visit(srv.pageURL(page), Views[0], func(tab context.Context) error {
		for _, view := range Views {
			if err := setView(tab, view); err != nil {
				return err
			}
			png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
			if err != nil {
				return fmt.Errorf("screenshot %s [%s]: %w", page, view, err)
			}
			scheme := "light"
			if view.Dark {
				scheme = "dark"
			}
			f := filepath.Join(out, fmt.Sprintf("%s.%s-%d.png", name, scheme, view.Width))
			if err := os.WriteFile(f, png, 0o644); err != nil {
				return err
			}
			files = append(files, f)
		}
		return nil
	})
	return files, err
}
