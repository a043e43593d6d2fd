package markdown

import (
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// FuzzTextWriter holds textWriter to what it stands for: the output of
// html.DefaultWriter, byte for byte, for any text.
func FuzzTextWriter(f *testing.F) {
	for _, s := range []string{
		"plain words", "", "a < b & c > d", `say "hi"`, `\*not emphasis\*`, "&amp; &copy; &#65; &#x41; &bogus;",
		"nul\x00byte", "trailing \\", "é ü — “quotes”", "\\\\ double",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		for _, raw := range []bool{false, true} {
			var want, got buffer
			if raw {
				html.DefaultWriter.RawWrite(&want, text)
				textWriter{html.DefaultWriter}.RawWrite(&got, text)
			} else {
				html.DefaultWriter.Write(&want, text)
				textWriter{html.DefaultWriter}.Write(&got, text)
			}
			if got.String() != want.String() {
				t.Errorf("raw=%v %q: got %q, want %q", raw, text, got.String(), want.String())
			}
		}
	})
}

func TestIsPlain(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{"Plain prose, with commas; and — dashes.", true},
		{"a\\b", false}, {"a&b", false}, {"a<b", false}, {"a>b", false}, {`a"b`, false}, {"a\x00b", false},
		{"it’s “curly”", true},
	}
	for _, tt := range tests {
		if got := isPlain([]byte(tt.in)); got != tt.want {
			t.Errorf("isPlain(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
