package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Inline content is written in two passes. The first walks the DOM and
// makes tokens: text, white space, finished pieces of Markdown (links,
// images, code spans, CriticMarkup), emphasis delimiters and line breaks.
// The second settles what HTML leaves open and Markdown does not: white
// space is collapsed and moved out of emphasis ("<em>word </em>" would
// give "*word *", which is not emphasis), emphasis that Markdown cannot
// express at that spot (an opening "*" between a letter and a quote mark)
// is dropped rather than left as stray asterisks, and only then is text
// escaped, because whether "1." or "-" needs a backslash depends on
// where the line starts.

type tokKind uint8

const (
	tokText  tokKind = iota // literal text, escaped when written
	tokSpace                // collapsible white space
	tokRaw                  // finished Markdown
	tokOpen                 // opening emphasis delimiter
	tokClose                // closing emphasis delimiter
	tokBreak                // hard line break
	tokCode                 // the text of a code span
)

type token struct {
	kind tokKind
	s    string // the text, the Markdown or the delimiter
	pair int    // delimiters: the same number on an opener and its closer
}

// inline collects the tokens of one paragraph, heading, cell or link text.
type inline struct {
	w       *writer
	toks    []token
	flat    bool            // one line: <br> is a space (headings, cells, link text)
	inLink  bool            // links do not nest
	inMark  bool            // neither do CriticMarkup marks
	open    map[string]bool // delimiters open around us: <b><b>x</b></b> is bold once
	pairs   int             // numbers the emphasis pairs
	bracket bool            // text sits inside [...]: "]" must be escaped too
}

func (w *writer) newInline(flat bool) *inline {
	return &inline{w: w, flat: flat, open: map[string]bool{}}
}

// sub starts the content of a link, image or mark: written on its own,
// on one line, with what is open around it.
func (in *inline) sub() *inline {
	s := in.w.newInline(true)
	s.inLink, s.inMark, s.bracket = in.inLink, in.inMark, in.bracket
	for k, v := range in.open {
		s.open[k] = v
	}
	return s
}

func (in *inline) add(kind tokKind, s string) {
	in.toks = append(in.toks, token{kind: kind, s: s})
}

func (in *inline) space() { in.add(tokSpace, " ") }

// text splits s into words and white space. Any Unicode space counts,
// the no-break space included: on the pages we import, &nbsp; is layout
// (indents, spacer paragraphs), and an invisible U+00A0 in a file an
// editor maintains by hand is a trap.
func (in *inline) text(s string) {
	s = cleanText(s)
	for s != "" {
		i := strings.IndexFunc(s, unicode.IsSpace)
		switch {
		case i < 0:
			in.add(tokText, s)
			return
		case i > 0:
			in.add(tokText, s[:i])
			s = s[i:]
		}
		j := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
		in.space()
		if j < 0 {
			return
		}
		s = s[j:]
	}
}

func (in *inline) children(n *html.Node) { in.nodes(childNodes(n)) }

// nodes renders a run of sibling nodes. A <del> followed by an <ins>
// (white space between them apart) is one substitution.
func (in *inline) nodes(list []*html.Node) {
	for i := 0; i < len(list); i++ {
		c := list[i]
		if isElement(c, atom.Del) && !in.inMark {
			j := i + 1
			for j < len(list) && list[j].Type == html.TextNode && strings.TrimSpace(list[j].Data) == "" {
				j++
			}
			if j < len(list) && isElement(list[j], atom.Ins) {
				in.mark(c, list[j])
				i = j
				continue
			}
		}
		in.node(c)
	}
}

func (in *inline) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		in.text(n.Data)
	case html.ElementNode:
		in.element(n)
	case html.DocumentNode:
		in.children(n)
	}
}

func (in *inline) element(n *html.Node) {
	if droppedTags[n.DataAtom] {
		return
	}
	switch n.DataAtom {
	case atom.Br:
		if in.flat {
			in.space()
		} else {
			in.add(tokBreak, "")
		}
	case atom.Img:
		in.image(n)
	case atom.A:
		in.link(n)
	case atom.Em, atom.I, atom.Cite, atom.Var, atom.Dfn:
		in.emphasis("*", n)
	case atom.Strong, atom.B:
		in.emphasis("**", n)
	case atom.S, atom.Strike:
		if in.inMark { // "~~" would end a {~~…~~} mark
			in.children(n)
			return
		}
		in.emphasis("~~", n)
	case atom.Del:
		in.mark(n, nil)
	case atom.Ins:
		in.mark(nil, n)
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		in.code(n)
	case atom.Q:
		in.add(tokText, `"`)
		in.children(n)
		in.add(tokText, `"`)
	case atom.Hr:
		in.space()
	default:
		if blockTags[n.DataAtom] {
			// A block inside a line (a <div> in a link, a <p> in a cell)
			// is a word boundary.
			in.space()
			in.children(n)
			in.space()
			return
		}
		in.children(n)
	}
}

func (in *inline) emphasis(delim string, n *html.Node) {
	if in.open[delim] {
		in.children(n) // <b><b>x</b></b> is just bold
		return
	}
	in.pairs++
	p := in.pairs
	in.open[delim] = true
	in.toks = append(in.toks, token{kind: tokOpen, s: delim, pair: p})
	in.children(n)
	in.toks = append(in.toks, token{kind: tokClose, s: delim, pair: p})
	in.open[delim] = false
}

func (in *inline) image(n *html.Node) {
	src := in.w.resolve(imageSource(n))
	if src == "" {
		return
	}
	alt := in.sub()
	alt.bracket = true
	alt.text(attr(n, "alt"))
	in.add(tokRaw, "!["+alt.render(false)+"]("+destination(src)+")")
}

func (in *inline) link(n *html.Node) {
	href := strings.TrimSpace(attr(n, "href"))
	dest := ""
	if !in.inLink && !strings.HasPrefix(href, "#") {
		dest = in.w.resolve(href)
	}
	if dest == "" {
		in.children(n) // an anchor, a script link or a nested link: its text
		return
	}
	text := in.sub()
	text.inLink, text.bracket = true, true
	text.children(n)
	lead, trail := text.edgeSpace()
	md := text.render(false)
	if md == "" {
		return
	}
	if lead {
		in.space()
	}
	in.add(tokRaw, "["+md+"]("+destination(dest)+")")
	if trail {
		in.space()
	}
}

// mark writes <del>/<ins> as CriticMarkup: {--old--}, {++new++}, and a
// <del> directly followed by an <ins> as {~~old~>new~~}. The marks are
// what an editor uses for corrections; a page that already marks its
// edits keeps them instead of having them flattened into plain text.
func (in *inline) mark(del, ins *html.Node) {
	if in.inMark {
		if del != nil {
			in.children(del)
		}
		if ins != nil {
			in.children(ins)
		}
		return
	}
	render := func(n *html.Node) (md string, lead, trail bool) {
		if n == nil {
			return "", false, false
		}
		s := in.sub()
		s.inMark = true
		s.children(n)
		lead, trail = s.edgeSpace()
		return s.render(false), lead, trail
	}
	old, lead, oldTrail := render(del)
	repl, insLead, trail := render(ins)
	if del == nil {
		lead = insLead
	}
	if ins == nil {
		trail = oldTrail
	}
	var md string
	switch {
	case old != "" && repl != "":
		md = "{~~" + closeSafe(old, "~>") + "~>" + closeSafe(repl, "~~}") + "~~}"
	case old != "":
		md = "{--" + closeSafe(old, "--}") + "--}"
	case repl != "":
		md = "{++" + closeSafe(repl, "++}") + "++}"
	default:
		return
	}
	if lead {
		in.space()
	}
	in.add(tokRaw, md)
	if trail {
		in.space()
	}
}

// closeSafe escapes the brace or arrow that would end a mark early.
func closeSafe(s, closer string) string {
	if closer == "~>" {
		return strings.ReplaceAll(s, "~>", `~\>`)
	}
	s = strings.ReplaceAll(s, closer, closer[:2]+`\}`)
	if strings.HasSuffix(s, closer[:1]) { // "a-" + "--}" reads as "a---}"
		s = s[:len(s)-1] + `\` + closer[:1]
	}
	return s
}

func (in *inline) code(n *html.Node) {
	raw := rawText(n, " ")
	text := strings.Join(strings.FieldsFunc(cleanText(raw), isLineSpace), " ")
	lead := strings.IndexFunc(raw, unicode.IsSpace) == 0
	if lead {
		in.space()
	}
	if text != "" {
		in.add(tokCode, text)
	}
	if r, _ := utf8.DecodeLastRuneInString(raw); unicode.IsSpace(r) && text != "" {
		in.space()
	}
}

func isLineSpace(r rune) bool { return r == '\n' || r == '\r' || r == '\t' || r == ' ' || r == '\f' }

// codeSpan fences text with more backticks than any run inside it, padded
// with spaces when it starts or ends with a backtick.
func codeSpan(text string) string {
	longest, run := 0, 0
	for _, r := range text {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(text, "`") || strings.HasSuffix(text, "`") ||
		strings.HasPrefix(text, " ") && strings.HasSuffix(text, " ") && strings.TrimSpace(text) != "" {
		return fence + " " + text + " " + fence
	}
	return fence + text + fence
}

// edgeSpace reports whether the content starts or ends with white space,
// which a link or mark leaves outside its brackets.
func (in *inline) edgeSpace() (lead, trail bool) {
	first, last := -1, -1
	for i, t := range in.toks {
		if t.kind == tokOpen || t.kind == tokClose {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	if first < 0 {
		return false, false
	}
	return in.toks[first].kind == tokSpace, in.toks[last].kind == tokSpace
}

// render settles the tokens and writes them as Markdown. lineStart says
// the content begins a line of a paragraph, where "1." or "#" would start
// a list or a heading.
func (in *inline) render(lineStart bool) string {
	toks := settle(in.toks)
	var b strings.Builder
	atLineStart := lineStart
	for i := 0; i < len(toks); {
		t := toks[i]
		switch t.kind {
		case tokText, tokSpace:
			j := i
			var chunk strings.Builder
			for ; j < len(toks) && (toks[j].kind == tokText || toks[j].kind == tokSpace); j++ {
				chunk.WriteString(toks[j].s)
			}
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			if b.Len() == 0 || atLineStart {
				prev = ' '
			}
			next := rune(-1)
			if j == len(toks) || toks[j].kind == tokBreak {
				next = '\n'
			}
			b.WriteString(escapeText(chunk.String(), escaper{lineStart: atLineStart, brackets: in.bracket, prev: prev, next: next}))
			i = j
			atLineStart = false
			continue
		case tokBreak:
			b.WriteString("\\\n")
			atLineStart = true
		case tokCode:
			b.WriteString(codeSpan(t.s))
			atLineStart = false
		default:
			b.WriteString(t.s)
			atLineStart = false
		}
		i++
	}
	return b.String()
}

// settle collapses white space, moves it and line breaks out of emphasis,
// and drops emphasis that is empty or that Markdown would not see.
func settle(toks []token) []token {
	toks = append([]token(nil), toks...)
	// Move white space and breaks out of emphasis: "<em> x</em>" is " *x*".
	for changed := true; changed; {
		changed = false
		for i := 0; i+1 < len(toks); i++ {
			a, b := toks[i], toks[i+1]
			if a.kind == tokOpen && (b.kind == tokSpace || b.kind == tokBreak) ||
				(a.kind == tokSpace || a.kind == tokBreak) && b.kind == tokClose {
				toks[i], toks[i+1] = b, a
				changed = true
			}
		}
	}
	// Code spans written back to back would run into one another
	// ("`a``b`" is one span); they are one span.
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].kind == tokCode && toks[i+1].kind == tokCode {
			toks[i].s += toks[i+1].s
			toks = append(toks[:i+1], toks[i+2:]...)
			i--
		}
	}
	nestStrongInside(toks)
	for {
		toks = collapse(toks)
		n := len(toks)
		toks = dropEmptyEmphasis(toks)
		toks = dropInvisibleEmphasis(toks)
		if len(toks) == n {
			return toks
		}
	}
}

// nestStrongInside orders "<b><i>x</i></b>" as "*" outside "**"
// ("***x***"), which is how a Markdown parser reads three stars: it
// takes two first. The two are the same when they span the same text.
func nestStrongInside(toks []token) {
	for i := 0; i+1 < len(toks); i++ {
		a, b := toks[i], toks[i+1]
		if a.kind != tokOpen || b.kind != tokOpen || a.s[0] != b.s[0] || len(a.s) <= len(b.s) {
			continue
		}
		for k := i + 2; k+1 < len(toks); k++ {
			if toks[k].kind == tokClose && toks[k].pair == b.pair {
				if c := toks[k+1]; c.kind == tokClose && c.pair == a.pair {
					toks[i], toks[i+1] = b, a
					toks[k], toks[k+1] = toks[k+1], toks[k]
				}
				break
			}
		}
	}
}

// collapse keeps one space between words, none at the edges of the
// line or around a line break, and one break in a row, none at the edges.
func collapse(toks []token) []token {
	lastContent := -1 // index of the last text or Markdown token
	for i, t := range toks {
		if t.kind == tokText || t.kind == tokRaw || t.kind == tokCode {
			lastContent = i
		}
	}
	out := toks[:0:0]
	seenContent := false
	pending := tokKind(0) // tokSpace or tokBreak waiting for content; 0: none
	for i, t := range toks {
		switch t.kind {
		case tokSpace, tokBreak:
			if seenContent && i < lastContent && pending != tokBreak {
				pending = t.kind
			}
			continue
		case tokText, tokRaw, tokCode, tokOpen:
			// A space before a closer stays pending: it goes after it.
			if pending != 0 {
				out = append(out, token{kind: pending, s: map[tokKind]string{tokSpace: " "}[pending]})
				pending = 0
			}
			seenContent = seenContent || t.kind != tokOpen
		}
		out = append(out, t)
	}
	return out
}

// dropEmptyEmphasis removes "**" "**" with nothing between, and joins
// "*a*" "*b*" written back to back, which Markdown would misread.
func dropEmptyEmphasis(toks []token) []token {
	for i := 0; i+1 < len(toks); i++ {
		a, b := toks[i], toks[i+1]
		switch {
		case a.kind == tokOpen && b.kind == tokClose && a.pair == b.pair:
		case a.kind == tokClose && b.kind == tokOpen && a.s == b.s:
			// the closer of b's pair now closes a's opener
			for j := i + 2; j < len(toks); j++ {
				if toks[j].kind == tokClose && toks[j].pair == b.pair {
					toks[j].pair = a.pair
				}
			}
		default:
			continue
		}
		return append(toks[:i:i], toks[i+2:]...)
	}
	return toks
}

// dropInvisibleEmphasis checks the emphasis the way goldmark will read
// it and removes the first pair it would read otherwise: an opener that
// cannot open where it stands (CommonMark's flanking rules), or delimiter
// runs that pair up differently ("000***0*0*00***" is not what it was
// meant to be). The pair's text stays, without the emphasis.
func dropInvisibleEmphasis(toks []token) []token {
	bad, ok := misreadPair(toks)
	if ok {
		return toks
	}
	out := make([]token, 0, len(toks)-2)
	for _, u := range toks {
		if !isDelim(u) || u.pair != bad {
			out = append(out, u)
		}
	}
	return out
}

// delimRun is a run of delimiter tokens with the same character, which a
// Markdown parser sees as one run ("**" and "*" side by side are "***").
type delimRun struct {
	char              byte
	toks              []int // token indexes, left to right, not yet matched
	length, orig      int
	canOpen, canClose bool
	removed           bool
}

// misreadPair replays goldmark's delimiter processing
// (parser.ProcessDelimiters and Delimiter.CalcComsumption, with the
// strikethrough parser's own limits) on the tokens and reports the first
// pair that would not come out as written.
func misreadPair(toks []token) (pair int, ok bool) {
	var runs []*delimRun
	for i := 0; i < len(toks); i++ {
		if !isDelim(toks[i]) {
			continue
		}
		r := &delimRun{char: toks[i].s[0]}
		j := i
		for ; j < len(toks) && isDelim(toks[j]) && toks[j].s[0] == r.char; j++ {
			r.toks = append(r.toks, j)
			r.length += len(toks[j].s)
		}
		r.orig = r.length
		before, after := runNeighbours(toks, i)
		r.canOpen, r.canClose = flanking(before, after)
		if r.char == '~' && (r.length > 2 || before == '~') {
			r.canOpen, r.canClose = false, false // literal tildes
		}
		runs = append(runs, r)
		i = j - 1
	}
	for ci := 0; ci < len(runs); {
		closer := runs[ci]
		if closer.removed || !closer.canClose {
			ci++
			continue
		}
		var opener *delimRun
		consume, maybe := 0, false
		for oi := ci - 1; oi >= 0; oi-- {
			o := runs[oi]
			if o.removed || !o.canOpen || o.char != closer.char {
				continue
			}
			maybe = true
			if consume = consumption(o, closer); consume > 0 {
				opener = o
				break
			}
		}
		if opener == nil {
			if !maybe && !closer.canOpen {
				closer.removed = true
			}
			ci++
			continue
		}
		// The parser takes the opener's innermost delimiter (its last)
		// and the closer's innermost (its first): they must be one pair
		// of the length it takes.
		if len(opener.toks) == 0 || len(closer.toks) == 0 {
			return firstPending(runs, toks)
		}
		o, c := toks[opener.toks[len(opener.toks)-1]], toks[closer.toks[0]]
		if o.kind != tokOpen || c.kind != tokClose || o.pair != c.pair || len(o.s) != consume || len(c.s) != consume {
			if o.kind == tokOpen {
				return o.pair, false
			}
			return c.pair, false
		}
		opener.toks = opener.toks[:len(opener.toks)-1]
		closer.toks = closer.toks[1:]
		opener.length -= consume
		closer.length -= consume
		for _, r := range runs[runIndex(runs, opener)+1 : ci] {
			r.removed = true
		}
		if opener.length == 0 {
			opener.removed = true
		}
		if closer.length == 0 {
			closer.removed = true
			ci++
		}
	}
	return firstPending(runs, toks)
}

// firstPending reports a pair left unmatched, if any.
func firstPending(runs []*delimRun, toks []token) (int, bool) {
	for _, r := range runs {
		if len(r.toks) > 0 {
			return toks[r.toks[0]].pair, false
		}
	}
	return 0, true
}

func runIndex(runs []*delimRun, r *delimRun) int {
	for i, x := range runs {
		if x == r {
			return i
		}
	}
	return -1
}

// consumption is goldmark's Delimiter.CalcComsumption: CommonMark's
// "rule of 3", then two characters if both runs have them.
func consumption(opener, closer *delimRun) int {
	if (opener.canClose || closer.canOpen) && (opener.orig+closer.orig)%3 == 0 && closer.orig%3 != 0 {
		return 0
	}
	if opener.length >= 2 && closer.length >= 2 {
		return 2
	}
	return 1
}

// runNeighbours finds the characters just outside the run of delimiter
// characters that toks[i] belongs to ("***" from "**" and "*" next to
// each other is one run to a Markdown parser).
func runNeighbours(toks []token, i int) (before, after rune) {
	c := toks[i].s[0]
	j := i
	for j > 0 && isDelim(toks[j-1]) && toks[j-1].s[0] == c {
		j--
	}
	k := i
	for k+1 < len(toks) && isDelim(toks[k+1]) && toks[k+1].s[0] == c {
		k++
	}
	before, after = ' ', ' ' // the line's edges count as white space
	if j > 0 {
		before = lastRune(toks[j-1])
	}
	if k+1 < len(toks) {
		after = firstRune(toks[k+1])
	}
	return before, after
}

func isDelim(t token) bool { return t.kind == tokOpen || t.kind == tokClose }

func lastRune(t token) rune {
	switch t.kind {
	case tokSpace, tokBreak:
		return ' '
	case tokOpen, tokClose:
		return rune(t.s[0])
	case tokCode:
		return '`'
	}
	r, _ := utf8.DecodeLastRuneInString(t.s)
	return r
}

// firstRune of a text token is the first of its escaped form too: an
// escape puts "\" only before punctuation, so the class is the same.
func firstRune(t token) rune {
	switch t.kind {
	case tokSpace, tokBreak:
		return ' '
	case tokOpen, tokClose:
		return rune(t.s[0])
	case tokCode:
		return '`'
	}
	r, _ := utf8.DecodeRuneInString(t.s)
	return r
}

// flanking applies CommonMark's definition of left- and right-flanking
// delimiter runs, with goldmark's idea of punctuation (Unicode P and S).
func flanking(before, after rune) (left, right bool) {
	punct := func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }
	bs, as := unicode.IsSpace(before), unicode.IsSpace(after)
	bp, ap := punct(before), punct(after)
	left = !as && (!ap || bs || bp)
	right = !bs && (!bp || as || ap)
	return left, right
}
