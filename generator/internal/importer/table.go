package importer

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxSpan bounds the empty cells a colspan adds: colspan="1000" is a
// typo, not data.
const maxSpan = 16

// table writes a data table as a GFM table. A table used for layout (one
// cell, or cells holding lists, quotes, headings or several paragraphs,
// which a GFM cell cannot hold) is read as the blocks it contains.
func (w *writer) table(n *html.Node) []string {
	rows := tableRows(n)
	if len(rows) == 0 || isLayoutTable(rows) {
		return w.blocks(n)
	}
	var out []string
	if c := firstChild(n, atom.Caption); c != nil {
		out = append(out, nonEmpty(w.paragraph(childNodes(c)))...)
	}
	cols := 0
	grid := make([][]string, len(rows))
	var align []string
	for i, row := range rows {
		for _, cell := range row {
			span, err := strconv.Atoi(strings.TrimSpace(attr(cell, "colspan")))
			if err != nil || span < 1 {
				span = 1
			}
			in := w.newInline(true)
			in.children(cell)
			grid[i] = append(grid[i], pipeSafe(in.render(false)))
			if i == 0 {
				align = append(align, cellAlign(cell))
			}
			// A span is written as empty cells after the text.
			for k := 1; k < min(span, maxSpan); k++ {
				grid[i] = append(grid[i], "")
				if i == 0 {
					align = append(align, "")
				}
			}
		}
		cols = max(cols, len(grid[i]))
	}
	var b strings.Builder
	writeRow := func(cells []string) {
		b.WriteString("|")
		for c := 0; c < cols; c++ {
			cell := ""
			if c < len(cells) {
				cell = cells[c]
			}
			b.WriteString(" " + cell + " |")
		}
	}
	writeRow(grid[0])
	b.WriteString("\n|")
	for c := 0; c < cols; c++ {
		a := ""
		if c < len(align) {
			a = align[c]
		}
		b.WriteString(" " + map[string]string{"left": ":---", "center": ":---:", "right": "---:"}[a])
		if a == "" {
			b.WriteString("---")
		}
		b.WriteString(" |")
	}
	for _, row := range grid[1:] {
		b.WriteString("\n")
		writeRow(row)
	}
	return append(out, b.String())
}

// tableRows lists the cells of each row of t, not of tables inside it.
func tableRows(t *html.Node) [][]*html.Node {
	var rows [][]*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case isElement(c, atom.Tr):
				var cells []*html.Node
				for d := c.FirstChild; d != nil; d = d.NextSibling {
					if isElement(d, atom.Td) || isElement(d, atom.Th) {
						cells = append(cells, d)
					}
				}
				if len(cells) > 0 {
					rows = append(rows, cells)
				}
			case isElement(c, atom.Thead), isElement(c, atom.Tbody), isElement(c, atom.Tfoot):
				walk(c)
			}
		}
	}
	walk(t)
	return rows
}

func isLayoutTable(rows [][]*html.Node) bool {
	if len(rows) == 1 && len(rows[0]) == 1 {
		return true
	}
	for _, row := range rows {
		for _, cell := range row {
			if holdsBlocks(cell) {
				return true
			}
		}
	}
	return false
}

// holdsBlocks reports whether a cell holds more than a line of text.
func holdsBlocks(cell *html.Node) bool {
	paras := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Table, atom.Ul, atom.Ol, atom.Dl, atom.Blockquote, atom.Pre, atom.Figure,
				atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Hr:
				return true
			case atom.P:
				paras++
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(cell) || paras > 1
}

func cellAlign(cell *html.Node) string {
	a := strings.ToLower(strings.TrimSpace(attr(cell, "align")))
	style := strings.ReplaceAll(strings.ToLower(attr(cell, "style")), " ", "")
	for _, v := range []string{"left", "center", "right"} {
		if a == v || strings.Contains(style, "text-align:"+v) {
			return v
		}
	}
	return ""
}

// pipeSafe escapes every "|" in a cell that is not escaped yet: GFM splits
// a row at pipes before it reads code spans and links.
func pipeSafe(md string) string {
	if !strings.Contains(md, "|") {
		return md
	}
	var b strings.Builder
	backslashes := 0
	for _, r := range md {
		if r == '|' && backslashes%2 == 0 {
			b.WriteByte('\\')
		}
		if r == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
		b.WriteRune(r)
	}
	return b.String()
}

func firstChild(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isElement(c, a) {
			return c
		}
	}
	return nil
}
