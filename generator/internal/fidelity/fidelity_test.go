package fidelity

import (
	"reflect"
	"strings"
	"testing"

	"reprint/generator/internal/markdown"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		name, source, post string
		want               []Change
	}{
		{"same", "a b c", "a b c", nil},
		{"one word changed", "the cyper attack", "the cyber attack", []Change{{Source: "cyper", Post: "cyber", PostWord: 1}}},
		{"words added", "a b", "a x y b", []Change{{Source: "", Post: "x y", PostWord: 1}}},
		{"words dropped", "a x y b", "a b", []Change{{Source: "x y", Post: "", PostWord: 1}}},
		{"two places", "one two three four", "one 2 three 4", []Change{{Source: "two", Post: "2", PostWord: 1}, {Source: "four", Post: "4", PostWord: 3}}},
		{"at the end", "a b", "a b c", []Change{{Source: "", Post: "c", PostWord: 2}}},
		{"empty post", "a b", "", []Change{{Source: "a b", Post: "", PostWord: 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(strings.Fields(tt.source), strings.Fields(tt.post))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Compare:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestCompareManyWords maps more distinct words than fit below the
// surrogate range of runes, which wordRune must skip.
func TestCompareManyWords(t *testing.T) {
	var words []string
	for i := range 60000 {
		words = append(words, "w"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+strings.Repeat("y", i/26%50)+string(rune('A'+i/1300%26)))
	}
	post := append([]string{}, words...)
	post[59999] = "changed"
	got := Compare(words, post)
	if len(got) != 1 || got[0].Post != "changed" || got[0].PostWord != 59999 {
		t.Errorf("got %+v", got)
	}
}

func TestLines(t *testing.T) {
	body := []byte("> [!figure]\n> A *caption*.\n\nFirst {~~old~>new~~} paragraph,\nwrapped.\n\nIt's \"quoted\".\n")
	doc, err := markdown.New().Convert(body, markdown.Options{})
	if err != nil {
		t.Fatal(err)
	}
	words := markdown.Words(markdown.VisibleText(doc.OriginalHTML))
	got := Lines(body, words)
	want := map[string]int{"A": 2, "caption.": 2, "First": 4, "old": 4, "wrapped.": 5, "It's": 7, `"quoted".`: 7}
	for i, w := range words {
		if line, ok := want[w]; ok && got[i] != line {
			t.Errorf("%q: line %d, want %d", w, got[i], line)
		}
	}
}
