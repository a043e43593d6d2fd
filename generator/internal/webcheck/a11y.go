package webcheck

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/chromedp/chromedp"
)

// Violation is one axe-core rule that a page breaks.
type Violation struct {
	ID      string   `json:"id"`     // the axe rule, e.g. "color-contrast"
	Impact  string   `json:"impact"` // minor, moderate, serious or critical
	Help    string   `json:"help"`
	Targets []string `json:"targets"` // CSS selectors of the elements at fault
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s: %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, ", "))
}

// AccessibilityResult is axe-core's verdict on one page in one view.
type AccessibilityResult struct {
	Page       string
	View       View
	Violations []Violation
	// Incomplete lists the rules axe could not decide by itself ("needs
	// review"); they are reported to look at, not failed.
	Incomplete []string
}

// AccessibilityReport holds a result per page and view.
type AccessibilityReport struct {
	Results []AccessibilityResult
	Blocked []string // "page: URL" of requests to other hosts, refused
}

// Problems lists every violation as "page [view]: rule (impact): help: targets",
// and every request to another host.
func (r *AccessibilityReport) Problems() []string {
	var out []string
	for _, res := range r.Results {
		for _, v := range res.Violations {
			out = append(out, fmt.Sprintf("%s [%s]: %s", res.Page, res.View, v))
		}
	}
	for _, b := range r.Blocked {
		out = append(out, b+": request to another host, refused")
	}
	return out
}

// AxeTags are the rule sets run: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// Accessibility runs axe-core (axeJS is axe.min.js) on every page of the
// site, served at the root of a loopback server, in each of Views: the page
// is loaded once, then the window width and the colour scheme change under
// it and axe runs again, which is what a reader turning the phone or the
// system's dark mode gets.
func (b *Browser) Accessibility(ctx context.Context, s *Site, axeJS string) (*AccessibilityReport, error) {
	src, err := os.ReadFile(axeJS)
	if err != nil {
		return nil, err
	}
	srv, err := serve(s.Dir, AtRoot)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	tags, _ := json.Marshal(AxeTags)
	run := `axe.run(document, {runOnly: {type: "tag", values: ` + string(tags) + `}, resultTypes: ["violations"]})
		.then(r => JSON.stringify({
			violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
				targets: v.nodes.map(n => n.target.join(" "))})),
			incomplete: r.incomplete.map(v => v.id)}))`
	t, err := b.newTab(ctx)
	if err != nil {
		return nil, err
	}
	defer t.cancel()
	r := &AccessibilityReport{}
	for _, page := range s.Pages {
		v, err := t.visit(srv.pageURL(page), Views[0], func(tab context.Context) error {
			if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
				return fmt.Errorf("%s: load axe-core: %w", page, err)
			}
			for _, view := range Views {
				if err := setView(tab, view); err != nil {
					return err
				}
				out, err := chromedp.Run(tab, chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
				if err != nil {
					return fmt.Errorf("%s [%s]: run axe-core: %w", page, view, err)
				}
				res := AccessibilityResult{Page: page, View: view}
				var got struct {
					Violations []Violation `json:"violations"`
					Incomplete []string    `json:"incomplete"`
				}
				if err := json.Unmarshal([]byte(out), &got); err != nil {
					return fmt.Errorf("%s [%s]: read axe-core's result: %w", page, view, err)
				}
				res.Violations, res.Incomplete = got.Violations, got.Incomplete
				r.Results = append(r.Results, res)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for _, u := range v.Blocked {
			if b := page + ": " + u; !slices.Contains(r.Blocked, b) {
				r.Blocked = append(r.Blocked, b)
			}
		}
	}
	return r, nil
}
