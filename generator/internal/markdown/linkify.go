package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is extension.GFM with its linkify parser behind quickLinkify: the
// same tables, strikethrough, task lists and bare links, parsed faster.
var gfm = []goldmark.Extender{
	linkifyExtension{},
	extension.Table,
	extension.Strikethrough,
	extension.TaskList,
}

// linkifyExtension registers quickLinkify where extension.Linkify
// registers goldmark's linkify parser, at the same priority.
type linkifyExtension struct{}

func (linkifyExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999),
	))
}

// quickLinkify is goldmark's linkify parser with a quick test in front.
//
// Linkify is asked at every space of the text (and at "*", "_", "~" and
// "("), and at each it tries three URL prefixes and scans the next word
// for an e-mail address: a tenth of Convert's time. It only ever makes a
// link of text that starts with "http:", "https:", "ftp:" or "www." (all
// lowercase), or of an e-mail address, which has an "@" before the next
// space. Where the text after the trigger byte starts with none of those
// and has no "@" before the next space, its answer is no, and quickLinkify
// gives it without asking.
type quickLinkify struct {
	parser.InlineParser
}

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !mayLinkify(line) {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// startsLink reports whether s starts as the links linkify finds begin,
// other than e-mail addresses. The first byte decides which prefix to try:
// most words start with none of them.
func startsLink(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	switch s[0] {
	case 'h':
		return bytes.HasPrefix(s, []byte("http:")) || bytes.HasPrefix(s, []byte("https:"))
	case 'f':
		return bytes.HasPrefix(s, []byte("ftp:"))
	case 'w':
		return bytes.HasPrefix(s, []byte("www."))
	}
	return false
}

// mayLinkify reports whether linkify could make a link at the start of
// line. It skips the first byte as linkify does when it is a trigger.
func mayLinkify(line []byte) bool {
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(':
			line = line[1:]
		}
	}
	if startsLink(line) {
		return true
	}
	for _, c := range line {
		switch c {
		case '@':
			return true
		case ' ':
			return false
		}
	}
	return false
}
