package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// progress shows how far a long build has come, on a terminal only: after
// a second without finishing, it rewrites one line on standard error a few
// times a second. Piped or redirected output stays quiet, so logs and
// scripts see only the summary line.
type progress struct {
	w           io.Writer
	done, total atomic.Int64
	quit        chan struct{}
	wg          sync.WaitGroup
	shown       bool
}

func startProgress(w io.Writer) *progress {
	p := &progress{w: w, quit: make(chan struct{})}
	if !isTerminal(w) {
		return p
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		select {
		case <-p.quit:
			return
		case <-time.After(time.Second):
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			if total := p.total.Load(); total > 0 {
				fmt.Fprintf(p.w, "\rrendering posts: %d of %d", p.done.Load(), total)
				p.shown = true
			}
			select {
			case <-p.quit:
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

// update records progress; site.Build calls it from its workers.
func (p *progress) update(done, total int) {
	p.total.Store(int64(total))
	if int64(done) > p.done.Load() {
		p.done.Store(int64(done))
	}
}

// stop ends the display and clears its line for the summary.
func (p *progress) stop() {
	close(p.quit)
	p.wg.Wait()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
