package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page furniture that has no markup of its own (a text scrape has none at
// all) is recognised by its words and its position: navigation words and
// a date header before the article, the title line, a byline; a comment
// widget, pager and empty "Related" stub after it. Only whole blocks are
// ever matched, and only at the edges of the article, so a sentence in
// the body that mentions "Post a Comment" is never touched.

// furniture is what the scan found and took out of the body.
type furniture struct {
	title    string // the title line, when the title was not known
	pageDate string // a date header: the page's own date
	byline   byline
}

// byline is the article's own credit line, e.g. "Want China Times, Staff
// Reporter 2014-06-02" or "By Jane Doe, Reuters".
type byline struct {
	Author, Publication, Date string
}

func (b byline) found() bool { return b != byline{} }

// leadLimit bounds how far into the article the lead scan looks: a page's
// furniture comes before the first few blocks of text, never after.
const leadLimit = 8

// scanFurniture removes furniture blocks from the edges of the container
// and reports what they said. title is the title known from the page's
// markup ("" when there is none); weak says it came from <title>, which
// often carries the site name too.
func scanFurniture(container *html.Node, title string, weak bool) furniture {
	var f furniture
	blocks := leafBlocks(container)

	// The lead: everything before the first block of article text.
	for i, b := range blocks {
		if i == leadLimit || !f.lead(b, title, weak, i < len(blocks)-1) {
			break
		}
		removeNode(b)
	}

	// The tail: a comment section and everything after it, then, from
	// the end, pager links, blog footers and an empty "Related" stub.
	blocks = leafBlocks(container)
	for i := range blocks {
		if commentHeader.MatchString(textOf(blocks[i])) {
			for _, b := range blocks[i:] {
				removeNode(b)
			}
			blocks = blocks[:i]
			break
		}
	}
	for len(blocks) > 0 {
		b := blocks[len(blocks)-1]
		if hasVisible(b) && !trailingFurniture.MatchString(textOf(b)) {
			break
		}
		removeNode(b)
		blocks = blocks[:len(blocks)-1]
	}
	return f
}

// lead reads one block at the top of the article and reports whether it
// is furniture (and so is to be removed).
func (f *furniture) lead(b *html.Node, title string, weak, more bool) bool {
	t := textOf(b)
	switch {
	case !hasVisible(b):
		return true
	case navWords[strings.ToLower(strings.TrimSuffix(t, ":"))]:
		return true
	case isDate(t):
		if f.pageDate == "" {
			f.pageDate, _ = dateLine(t)
		}
		return true
	case title != "" && sameTitle(t, title, weak):
		if weak {
			f.title = t // the headline without the site name
		}
		return true
	}
	if !f.byline.found() && isBylineCandidate(b) {
		if bl, ok := parseByline(t); ok {
			f.byline = bl
			return true
		}
	}
	if title == "" && f.title == "" && !f.byline.found() && isTitleLine(b, t, more) {
		f.title = t
		return true
	}
	return false
}

// leafBlocks lists the blocks of the container in reading order, looking
// through the wrappers (<div>, <section>, a span around divs) that only
// group them.
func leafBlocks(container *html.Node) []*html.Node {
	info := newBlockInfo(container)
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case !info.isBlock(c):
				// loose inline content: paragraphize has wrapped it
			case isWrapper(c):
				walk(c)
			default:
				out = append(out, c)
			}
		}
	}
	walk(container)
	return out
}

func isWrapper(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Article, atom.Main, atom.Center, atom.Body, atom.Html,
		atom.Header, atom.Address, atom.Details, atom.Hgroup:
		return true
	}
	return !blockTags[n.DataAtom] // an inline element wrapping blocks
}

// navWords are menu headings a page puts before the article.
var navWords = map[string]bool{
	"pages": true, "menu": true, "navigation": true, "home": true, "skip to content": true,
	"skip to main content": true, "main menu": true,
}

// datePrefix is the word before a date in a line that only dates the
// page: "Posted on June 3, 2014" (Blogger's date header has none).
var datePrefix = regexp.MustCompile(`(?i)^(?:(?:first |last )?(?:posted|published|updated|veröffentlicht|aktualisiert)(?: on| am)?:?\s+|(?:发布|發佈|发表|發表)(?:时间|時間|日期)?[:：]?\s*)`)

func isDate(t string) bool {
	_, ok := dateLine(t)
	return ok
}

func dateLine(t string) (string, bool) {
	return parseDate(datePrefix.ReplaceAllString(t, ""))
}

// sameTitle reports whether a block repeats the title. A weak title (from
// <title>) may carry the site name before or after the headline.
func sameTitle(block, title string, weak bool) bool {
	b, t := foldTitle(block), foldTitle(title)
	if b == "" {
		return false
	}
	if b == t {
		return true
	}
	return weak && len(b) >= 8 && (strings.HasPrefix(t, b) || strings.HasSuffix(t, b))
}

func foldTitle(s string) string {
	s = strings.ToLower(quoteFolder.Replace(s))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '\'' && r != '"'
	}), " ")
}

var quoteFolder = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`)

// isTitleLine reports whether a block at the top of an untitled article
// reads as its headline: a heading, or one short line that is not a
// sentence, with more to come after it.
func isTitleLine(b *html.Node, t string, more bool) bool {
	if !more || t == "" {
		return false
	}
	switch b.DataAtom {
	case atom.H1, atom.H2, atom.H3:
		return true
	case atom.P:
	default:
		return false
	}
	if utf8.RuneCountInString(t) > 200 || len(strings.Fields(t)) > 30 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".:;,。：；，", last) && !sentenceBreak.MatchString(t)
}

var sentenceBreak = regexp.MustCompile(`[.!?]["”’']?\s+\p{Lu}`)

// isBylineCandidate limits bylines to short lines of text.
func isBylineCandidate(b *html.Node) bool {
	switch b.DataAtom {
	case atom.P, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

var (
	byPrefix = regexp.MustCompile(`^(?i:by|von|par|por|door)\s+(\S)`)
	// person words say a byline part is a writer, not a publication
	personWords = regexp.MustCompile(`(?i)\b(reporter|correspondent|staff|writer|editor|journalist|columnist|contributor|desk|redaktion|korrespondent)s?\b|记者|記者|编辑|編輯`)
	bylineSplit = regexp.MustCompile(`\s*(?:[,|·•/]|\s[-–—]\s)\s*`)
	// a time of day after a date
	clockTime = regexp.MustCompile(`^(?i:\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)`)
	// the label of a dateline's source
	sourceLabel = regexp.MustCompile(`^(?i:来源|來源|source|quelle)\s*[:：]\s*(.+)$`)
	// words between a credit and its date ("By Jane Doe, published June 2")
	dateLead = regexp.MustCompile(`(?i)[\s,|·•–—-]*(?:\b(?:published|updated|posted|on|am|vom)\b[\s:]*)*$`)
)

// parseByline reads an article's credit line: "By NAME[, PUBLICATION]
// [DATE]" or "PUBLICATION[, AUTHOR] DATE". Without "By" a date must end
// the line, or any short line would pass for a byline. Each part must
// look like a name: a few words, capitalised, not a sentence.
func parseByline(t string) (byline, bool) {
	if utf8.RuneCountInString(t) > 160 || sentenceBreak.MatchString(t) {
		return byline{}, false
	}
	var b byline
	hasBy := false
	if m := byPrefix.FindStringSubmatchIndex(t); m != nil {
		hasBy = true
		t = t[m[2]:]
	}
	rest, date, ok := trailingDate(t)
	if ok {
		rest = dateLead.ReplaceAllString(rest, "")
	} else if !hasBy {
		// a dateline: "2014年6月2日 09:15 来源：商业新闻网", "June 2, 2014 | Source: AP"
		rest, date, ok = leadingDate(t)
		if !ok {
			return byline{}, false
		}
		rest = strings.Trim(clockTime.ReplaceAllString(rest, ""), " ,|·•-–—")
		if rest == "" {
			return byline{}, false // a date alone is a date header, not a byline
		}
		src := sourceLabel.FindStringSubmatch(rest)
		if src == nil || !looksLikeName(src[1]) {
			return byline{}, false
		}
		return byline{Publication: src[1], Date: date}, true
	}
	b.Date = date
	var parts []string
	for _, p := range bylineSplit.Split(strings.TrimSpace(rest), -1) {
		if p = strings.Trim(p, " ,;:|·•-–—"); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 || len(parts) > 3 {
		return byline{}, false
	}
	for _, p := range parts {
		if !looksLikeName(p) {
			return byline{}, false
		}
	}
	switch {
	case hasBy:
		b.Author = parts[0]
		b.Publication = strings.Join(parts[1:], ", ")
	case len(parts) == 1 && personWords.MatchString(parts[0]):
		b.Author = parts[0]
	case len(parts) == 1:
		b.Publication = parts[0]
	default:
		b.Publication = parts[0]
		b.Author = strings.Join(parts[1:], ", ")
	}
	return b, true
}

// looksLikeName accepts "Staff Reporter", "Want China Times", "Jane Doe
// and John Roe", "Deutsche Presse-Agentur", "新华社", "dpa": up to eight
// words whose significant words start with a capital (or are not Latin).
func looksLikeName(p string) bool {
	words := strings.Fields(p)
	if len(words) > 8 {
		return false
	}
	capital := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r), unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r):
			capital++
		case unicode.IsDigit(r):
			return false
		case len(w) > 3 && !smallWords[strings.ToLower(w)]:
			return false // a lowercase content word: a sentence, not a name
		}
	}
	// Agencies write their short names in lowercase: "dpa", "afp".
	return capital > 0 || len(words) == 1 && len(words[0]) <= 4
}

var smallWords = map[string]bool{"from": true, "with": true, "und": true, "von": true, "der": true, "die": true, "das": true, "des": true}

var (
	// commentHeader starts a comment section: Blogger's "No comments:" /
	// "3 comments:" / "Post a Comment", WordPress's "Leave a Reply" and
	// "5 thoughts on “…”". A bare "Comments" is not one: an article may
	// have a section of that name.
	commentHeader = regexp.MustCompile(`(?i)^(?:(?:no|\d+) comments?:?|post a comment:?|leave a (?:reply|comment)|\d+ (?:responses?|thoughts?|replies) (?:to|on) .*)$`)
	// trailingFurniture is what blogs print under a post. A "Related"
	// heading is matched only when it is the last block: a stub whose
	// list of links is gone.
	trailingFurniture = regexp.MustCompile(`(?i)^(?:note: only a member of this blog may post a comment\.?|newer post|older post|home|(?:newer post )?(?:older post )?home|subscribe to: post comments \(atom\)|powered by blogger\.?|view web version|share(?: this)?:?|like this:?|email this|blogthis!|share to (?:twitter|facebook|pinterest)|(?:email this ?)?(?:blogthis! ?)?(?:share to (?:twitter|facebook|pinterest) ?)+|labels?:.*|tags?:.*|posted by .*|posted (?:on|at|in) .*|filed under:? .*|categories:.*|(?:related|more) (?:articles?|posts?|stories|news|reading)?:?|related:?|read (?:more|also):?|see also:?)$`)
)

// credit ends a photo caption: "(Photo/CFP)", "(Photo: Reuters)", "(File
// photo/Xinhua)", "（图/CFP）", "Photo: AP".
var credit = regexp.MustCompile(`(?:[(（][^()（）]{0,60}?(?:\b(?i:photos?|images?|pictures?|pics?|illustrations?|graphics?|screenshots?|fotos?|bild)\b|[图圖摄攝])[^()（）]{0,60}[)）]|(?:^|[.!?]\s+)(?i:photo|picture|image|foto|bild)(?:\s+(?i:credit))?\s*[:/]\s*\p{Lu}[^.()]{0,59})\.?$`)

// markCaptions turns a paragraph that ends in a photo credit into a
// figure; an image-only paragraph right before it is the photo.
func markCaptions(container *html.Node) {
	var prev *html.Node
	for _, b := range leafBlocks(container) {
		if isElement(b, atom.P) && utf8.RuneCountInString(textOf(b)) <= 600 && credit.MatchString(textOf(b)) {
			fig := newElement(atom.Figure)
			b.Parent.InsertBefore(fig, b)
			if prev != nil && isImageParagraph(prev) {
				moveChildren(fig, prev)
				removeNode(prev)
			}
			fc := newElement(atom.Figcaption)
			moveChildren(fc, b)
			fig.AppendChild(fc)
			removeNode(b)
			prev = nil
			continue
		}
		prev = b
	}
}

// isImageParagraph reports whether p shows images and nothing else.
func isImageParagraph(p *html.Node) bool {
	if !isElement(p, atom.P) {
		return false
	}
	images := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode && strings.TrimSpace(cleanText(c.Data)) != "":
				return false
			case isElement(c, atom.Img):
				images++
			case c.Type == html.ElementNode && !walk(c):
				return false
			}
		}
		return true
	}
	return walk(p) && images > 0
}
