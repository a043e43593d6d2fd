package markdown

import (
	"strings"

	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// buffer is a strings.Builder that goldmark accepts as its own writer.
//
// goldmark's renderer.Render wraps any writer that is not a util.BufWriter
// in a new 4 KiB bufio.Writer, so every render (and every note's render)
// used to allocate one. A builder is already in memory: there is nothing
// to buffer or flush, and writes go straight to it. And its String is the
// HTML without a copy: a post's two renderings are some 16 KB.
type buffer struct {
	strings.Builder
}

// Available implements util.BufWriter: the room left before it grows.
func (b *buffer) Available() int { return b.Cap() - b.Len() }

// Buffered implements util.BufWriter: nothing waits to be written.
func (*buffer) Buffered() int { return 0 }

// Flush implements util.BufWriter: there is nothing to flush.
func (*buffer) Flush() error { return nil }

// textWriter is goldmark's html.DefaultWriter with a shortcut for plain
// text. The default writer looks at every byte of every text segment, for
// backslash escapes, entity references, NUL and the characters HTML
// escapes, and writes the bytes between in small pieces: a tenth of a
// conversion. Most segments (words and sentences of prose) have none of
// those bytes, and for them its output is the segment itself, written
// here in one piece.
type textWriter struct {
	html.Writer
}

// Write implements html.Writer.
func (t textWriter) Write(w util.BufWriter, source []byte) {
	if isPlain(source) {
		_, _ = w.Write(source)
		return
	}
	t.Writer.Write(w, source)
}

// RawWrite implements html.Writer.
func (t textWriter) RawWrite(w util.BufWriter, source []byte) {
	if isPlain(source) {
		_, _ = w.Write(source)
		return
	}
	t.Writer.RawWrite(w, source)
}

// notPlain marks the bytes html.DefaultWriter does something with:
// backslash escapes, entity references, NUL (replaced) and the bytes it
// escapes for HTML.
var notPlain = [256]bool{'\\': true, '&': true, 0: true, '<': true, '>': true, '"': true}

func isPlain(b []byte) bool {
	for _, c := range b {
		if notPlain[c] {
			return false
		}
	}
	return true
}
