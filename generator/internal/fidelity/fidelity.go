// Package fidelity proves that a republished post says what its source
// said, except where an editor marked a change.
//
// The check imports the verbatim source afresh (package importer), renders
// both it and the post with every editorial mark reverted to its original
// side (package markdown), and compares the two texts word by word, with
// whitespace and quote style normalised (markdown.Words). Any difference
// is a change nobody marked, reported at the post's line:
//
//	content/posts/x.md:14: unmarked change: "cyper espionage" → "cyber espionage"
//
// The word diff is github.com/sergi/go-diff's, run on words mapped to runes
// (the same trick as its DiffLinesToRunes), so an edit anywhere costs one
// diff of two short sequences rather than of every character.
package fidelity

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"

	"reprint/generator/internal/importer"
	"reprint/generator/internal/markdown"
)

// Change is one unmarked difference between the source and the post.
type Change struct {
	Source string // the source's words ("" for an insertion)
	Post   string // the post's words ("" for a deletion)
	// PostWord is the index in the post's words where the change is, used
	// to find its line in the Markdown.
	PostWord int
}

func (c Change) String() string {
	return fmt.Sprintf("unmarked change: %q → %q", c.Source, c.Post)
}

// Sources imports each source file once, however many posts name it, and
// is safe for concurrent use by the build's workers.
type Sources struct {
	conv *markdown.Converter
	mu   sync.Mutex
	docs map[string]*sourceWords
}

type sourceWords struct {
	once  sync.Once
	words []string
	err   error
}

// NewSources returns an empty cache that renders with conv.
func NewSources(conv *markdown.Converter) *Sources {
	return &Sources{conv: conv, docs: map[string]*sourceWords{}}
}

// Words returns the article text of a source page as words. key identifies
// the file (its path); read is called at most once per key.
func (s *Sources) Words(key string, read func() ([]byte, error)) ([]string, error) {
	s.mu.Lock()
	d, ok := s.docs[key]
	if !ok {
		d = &sourceWords{}
		s.docs[key] = d
	}
	s.mu.Unlock()
	d.once.Do(func() {
		src, err := read()
		if err != nil {
			d.err = err
			return
		}
		d.words, d.err = ArticleWords(s.conv, src)
	})
	return d.words, d.err
}

// ArticleWords imports a source page and returns its article's visible
// text as words: the same path a post's text takes, so that only real
// differences remain.
func ArticleWords(conv *markdown.Converter, src []byte) ([]string, error) {
	post, err := importer.Import(src, importer.Options{})
	if err != nil {
		return nil, fmt.Errorf("cannot import the source: %v", err)
	}
	doc, err := conv.Convert([]byte(post.Body), markdown.Options{})
	if err != nil {
		return nil, err
	}
	return markdown.Words(markdown.VisibleText(doc.OriginalHTML)), nil
}

// Compare lists the differences between the source's words and the
// post's original words.
func Compare(source, post []string) []Change {
	ids := map[string]rune{}
	toRunes := func(words []string) []rune {
		out := make([]rune, len(words))
		for i, w := range words {
			r, ok := ids[w]
			if !ok {
				r = wordRune(len(ids))
				ids[w] = r
			}
			out[i] = r
		}
		return out
	}
	a, b := toRunes(source), toRunes(post)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // exact, however long: a missed change is worse than a slow check
	diffs := dmp.DiffMainRunes(a, b, false)

	var changes []Change
	ai, bi := 0, 0
	var cur *Change
	flush := func() {
		if cur != nil {
			changes = append(changes, *cur)
			cur = nil
		}
	}
	for _, d := range diffs {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			ai, bi = ai+n, bi+n
		case diffmatchpatch.DiffDelete:
			if cur == nil {
				cur = &Change{PostWord: bi}
			}
			cur.Source = strings.TrimSpace(cur.Source + " " + strings.Join(source[ai:ai+n], " "))
			ai += n
		case diffmatchpatch.DiffInsert:
			if cur == nil {
				cur = &Change{PostWord: bi}
			}
			cur.Post = strings.TrimSpace(cur.Post + " " + strings.Join(post[bi:bi+n], " "))
			bi += n
		}
	}
	flush()
	return changes
}

// wordRune maps the k-th distinct word to a rune, skipping the surrogate
// range, which is not a valid rune.
func wordRune(k int) rune {
	r := rune(k + 1)
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

// Lines finds, for each word index of the post's visible text, the line of
// the Markdown body it comes from, by finding the words in order in the
// body. Markup between words is skipped over; a word that cannot be found
// (written with escapes, say) takes the line of the word before it.
func Lines(body []byte, words []string) []int {
	var norm strings.Builder
	var lineAt []int // line of each byte of norm
	emit := func(field string, line int) {
		if norm.Len() > 0 {
			norm.WriteByte(' ')
			lineAt = append(lineAt, line)
		}
		for _, w := range markdown.Words(field) {
			norm.WriteString(w)
			for range len(w) {
				lineAt = append(lineAt, line)
			}
		}
	}
	s := string(body)
	line, fieldLine, start := 1, 1, -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				emit(s[start:i], fieldLine)
				start = -1
			}
			if r == '\n' {
				line++
			}
		} else if start < 0 {
			start, fieldLine = i, line
		}
	}
	if start >= 0 {
		emit(s[start:], fieldLine)
	}
	text := norm.String()
	out := make([]int, len(words))
	pos, cur := 0, 1
	for i, w := range words {
		if k := strings.Index(text[pos:], w); k >= 0 && w != "" {
			pos += k
			cur = lineAt[pos]
			pos += len(w)
		}
		out[i] = cur
	}
	return out
}
