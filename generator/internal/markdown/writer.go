package markdown

import "bytes"

// buffer is a bytes.Buffer that goldmark accepts as its own writer.
//
// goldmark's renderer.Render wraps any writer that is not a util.BufWriter
// in a new 4 KiB bufio.Writer, so every render (and every note's render)
// used to allocate one. A bytes.Buffer is already in memory: there is
// nothing to buffer or flush, and writes go straight to it.
type buffer struct {
	bytes.Buffer
}

// Buffered implements util.BufWriter: nothing waits to be written.
func (*buffer) Buffered() int { return 0 }

// Flush implements util.BufWriter: there is nothing to flush.
func (*buffer) Flush() error { return nil }
