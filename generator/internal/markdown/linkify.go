package markdown

import (
	"bytes"
	"iter"

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

// gfmSpaceless is gfm with linkify's guard in place of linkify: the
// parser of the posts where linkify can make no link at a space or at the
// start of a line (see spacelessDiffers). goldmark stops its inline loop
// at every byte some parser is triggered by; linkify alone is triggered
// by spaces, and those stops are a fifth of a post's parsing.
var gfmSpaceless = []goldmark.Extender{
	linkifyGuardExtension{},
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

// linkifyGuardExtension registers linkifyGuard at linkify's priority, so
// that at each of its triggers it is asked exactly where linkify would be.
type linkifyGuardExtension struct{}

func (linkifyGuardExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(linkifyGuard{}, 999),
	))
}

// linkifyGuard stands in for linkify in the spaceless parser. It is
// triggered by linkify's bytes other than the space ("*", "_", "~", "("),
// makes nothing, and notes in the context where linkify might have made a
// link, so that the post is parsed again with linkify.
type linkifyGuard struct{}

// linkifyMissed is set in a parser context when linkifyGuard saw a place
// where linkify might have made a link.
var linkifyMissed = parser.NewContextKey()

func (linkifyGuard) Trigger() []byte { return []byte{'*', '_', '~', '('} }

func (linkifyGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if line, _ := block.PeekLine(); mayLinkify(line) {
		pc.Set(linkifyMissed, true)
	}
	return nil
}

// spacelessDiffers reports whether the spaceless parser might parse src
// otherwise than md's parser: when linkify might make a link at a space
// or at the start of a line, where the spaceless parser does not ask
// linkifyGuard, or when a line of text ends in spaces that goldmark trims
// otherwise when it stops at each of them.
//
// Linkify makes no link there when src has no "@" (every e-mail address
// has one) and each "http://", "https://", "ftp://" and "www." in it
// comes after a letter, a digit or "/" (where no line of text starts, and
// linkify is not asked) or after "(" (where linkifyGuard is asked). So a
// post whose only URLs are Markdown links, such as
// "[text](https://www.example.org/)", is parsed without linkify at its
// spaces.
func spacelessDiffers(src []byte) bool {
	return linkifyAtSpaces(src) || trailingSpaces(src)
}

// trailingSpaces reports whether a line of text in src may end in two or
// more spaces or tabs that are not a hard line break's two. goldmark
// trims a line's trailing spaces from the text after its last stop, so
// with a stop at every space it keeps all but the last one ("a   <br>"),
// and without, none ("a<br>"). Lines of text end at a newline, at the end
// of src, and at the "#" that closes a heading or the "|" that closes a
// table cell.
func trailingSpaces(src []byte) bool {
	for _, end := range []byte{'\n', '#', '|'} {
		for i := range indexes(src, []byte{end}) {
			spaces := spacesAtEnd(src[:i])
			if len(spaces) >= 2 && !(end == '\n' && hardBreak(spaces)) {
				return true
			}
		}
	}
	return len(spacesAtEnd(src)) >= 2
}

// indexes yields the offset of every sep in src, in order.
func indexes(src, sep []byte) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; ; i++ {
			j := bytes.Index(src[i:], sep)
			if j < 0 || !yield(i+j) {
				return
			}
			i += j
		}
	}
}

// spacesAtEnd returns the spaces that b ends with: " ", tabs, and the
// rarer "\v", "\f" and "\r" that goldmark counts as spaces too.
func spacesAtEnd(b []byte) []byte {
	i := len(b)
	for i > 0 && (b[i-1] == ' ' || b[i-1] == '\t' || b[i-1] == '\v' || b[i-1] == '\f' || b[i-1] == '\r') {
		i--
	}
	return b[i:]
}

// hardBreak reports whether spaces, all that come before a newline, are
// exactly a hard line break's.
func hardBreak(spaces []byte) bool {
	return string(spaces) == "  " || string(spaces) == "  \r"
}

// linkifyAtSpaces reports whether linkify might make a link in src at a
// space or at the start of a line (see spacelessDiffers).
func linkifyAtSpaces(src []byte) bool {
	if bytes.IndexByte(src, '@') >= 0 {
		return true
	}
	// Linkify's URLs start with "http://", "https://", "ftp://" or
	// "www.". Looking for "://" is quicker than for "http": ":" is rare
	// in text, "h" is not.
	for i := range indexes(src, []byte("://")) {
		for _, scheme := range []string{"https", "http", "ftp"} {
			if start := i - len(scheme); bytes.HasSuffix(src[:i], []byte(scheme)) && (start == 0 || !spacelessAfter(src[start-1])) {
				return true
			}
		}
	}
	for i := range indexes(src, []byte("www.")) {
		if i == 0 || !spacelessAfter(src[i-1]) {
			return true
		}
	}
	return false
}

// spacelessAfter reports whether the spaceless parser handles a URL that
// comes after c as md's parser does. goldmark asks linkify at its trigger
// bytes, at the start of each line of text and right after each inline
// node; none of those is ever just after a letter, a digit or "/": they
// trigger nothing, and no block marker and no inline node of this dialect
// ends in one. After "(", linkifyGuard is asked where linkify would be.
// An extension that broke this would show in TestSpacelessSameAsLinkify
// and FuzzSpaceless.
func spacelessAfter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '('
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
