package corrections_test

import (
	"bytes"
	"fmt"
	"os"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"reprint/generator/internal/corrections"
)

// Parse once, then render the corrected page, the page as originally
// published, and the notes for the corrections section.
func Example() {
	src := []byte("A {~~cyper~>cyber~~} attack, {~~earlier this month~>on May 19~~}{>>The charges were announced on [May 19, 2014](https://www.justice.gov/).<<}.\n")

	md := goldmark.New(goldmark.WithExtensions(extension.GFM, corrections.Extension))

	// The corrections date goes into the parser context.
	pc := parser.NewContext()
	pc.Set(corrections.DateKey, "2026-11-26")
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	if problems := corrections.Check(doc, src); len(problems) > 0 {
		fmt.Println(problems)
		return
	}

	fmt.Println("corrected:")
	if err := md.Renderer().Render(os.Stdout, src, doc); err != nil {
		panic(err)
	}

	// A second renderer: goldmark's HTML renderer, the GFM node renderers,
	// and the original renderer. (Equally, the Renderer() of
	//	goldmark.New(goldmark.WithExtensions(extension.GFM, corrections.Extension),
	//		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
	//			util.Prioritized(corrections.NewOriginalRenderer(), 100))))
	// where the priority, below the corrected renderer's 500, makes the
	// original renderer's functions win.)
	original := renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(html.NewRenderer(), 1000),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(extension.NewTableHTMLRenderer(), 500),
		util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
		util.Prioritized(corrections.NewOriginalRenderer(), 100),
	))
	fmt.Println("original:")
	if err := original.Render(os.Stdout, src, doc); err != nil {
		panic(err)
	}

	fmt.Println("notes:")
	for _, m := range corrections.Collect(doc) {
		switch {
		case m.IsCorrection() || m.IsClarification():
			var note bytes.Buffer
			if err := corrections.RenderNote(&note, md.Renderer(), src, m); err != nil {
				panic(err)
			}
			fmt.Printf("<li id=%q>%s <a href=\"#%s\">back to text</a></li>\n", m.NoteID(), note.String(), m.MarkID())
		case m.IsCopyEdit():
			fmt.Printf("copy edit: %s → %s\n", m.OldText(src), m.NewText(src))
		}
	}
	// Output:
	// corrected:
	// <p>A <ins class="copy-edit" datetime="2026-11-26">cyber</ins> attack, <span id="cm-1"><del datetime="2026-11-26" cite="#cn-1"><span class="sr-only">originally: </span>earlier this month</del> <ins datetime="2026-11-26" cite="#cn-1"><span class="sr-only">corrected to: </span>on May 19</ins><sup><a href="#cn-1"><span class="sr-only">note </span>1</a></sup></span>.</p>
	// original:
	// <p>A cyper attack, earlier this month.</p>
	// notes:
	// copy edit: cyper → cyber
	// <li id="cn-1">The charges were announced on <a href="https://www.justice.gov/">May 19, 2014</a>. <a href="#cm-1">back to text</a></li>
}
