package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// The coalescing tests use real time with wide margins: a quiet period of
// 30 ms against pauses of 0 and 300 ms.
const testQuiet = 30 * time.Millisecond

func startCoalesce(quiet, maxWait time.Duration) (chan change, chan []change) {
	in, out := make(chan change), make(chan []change)
	go coalesce(in, out, quiet, maxWait)
	return in, out
}

func receive(t *testing.T, out <-chan []change, within time.Duration) []change {
	t.Helper()
	select {
	case b := <-out:
		return b
	case <-time.After(within):
		t.Fatalf("no batch within %s", within)
	}
	return nil
}

func noBatch(t *testing.T, out <-chan []change, during time.Duration) {
	t.Helper()
	select {
	case b := <-out:
		t.Fatalf("unexpected batch %v", b)
	case <-time.After(during):
	}
}

func TestCoalesceBurst(t *testing.T) {
	in, out := startCoalesce(testQuiet, time.Hour)
	// One save: a temporary file, a rename, the post written twice.
	for _, c := range []change{
		{"content/posts/b.md", true},
		{"content/posts/a.md", false},
		{"content/posts/b.md", false},
		{"content/posts/a.md", true},
		{"content/posts/a.md", false},
	} {
		in <- c
	}
	got := receive(t, out, time.Second)
	want := []change{{"content/posts/a.md", false}, {"content/posts/b.md", true}}
	if !slices.Equal(got, want) {
		t.Errorf("burst = %v, want %v (sorted, once each, New from the first event)", got, want)
	}
	noBatch(t, out, 10*testQuiet)

	// A later change is a batch of its own.
	in <- change{"templates/base.html", false}
	if got := receive(t, out, time.Second); fmt.Sprint(got) != "[{templates/base.html false}]" {
		t.Errorf("second batch = %v", got)
	}
	close(in)
	if _, ok := <-out; ok {
		t.Error("out not closed after in")
	}
}

// TestCoalesceWhileBusy: changes made during a rebuild (nobody reading
// out) wait, merged into one batch.
func TestCoalesceWhileBusy(t *testing.T) {
	in, out := startCoalesce(testQuiet, time.Hour)
	in <- change{"a", false}
	time.Sleep(10 * testQuiet) // ready, but the rebuild loop is busy
	in <- change{"b", false}
	time.Sleep(10 * testQuiet)
	in <- change{"a", true}
	if got := receive(t, out, time.Second); fmt.Sprint(got) != "[{a false} {b false}]" {
		t.Errorf("batch = %v, want a and b together", got)
	}
	close(in)
}

// TestCoalesceMaxWait: changes that never go quiet still get a rebuild.
func TestCoalesceMaxWait(t *testing.T) {
	in, out := startCoalesce(testQuiet, 5*testQuiet)
	stop := make(chan bool)
	go func() {
		for i := 0; ; i++ {
			select {
			case in <- change{fmt.Sprint("f", i), false}:
			case <-stop:
				close(in)
				return
			}
			time.Sleep(testQuiet / 3)
		}
	}()
	begin := time.Now()
	b := receive(t, out, 40*testQuiet)
	close(stop)
	for range out {
	}
	if len(b) == 0 || time.Since(begin) > 30*testQuiet {
		t.Errorf("first batch of %d changes after %s", len(b), time.Since(begin))
	}
}

func TestCoalesceCloseFlushes(t *testing.T) {
	in, out := startCoalesce(time.Hour, time.Hour)
	in <- change{"x", false}
	close(in)
	if got := receive(t, out, time.Second); fmt.Sprint(got) != "[{x false}]" {
		t.Errorf("last batch = %v", got)
	}
	if _, ok := <-out; ok {
		t.Error("out not closed")
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"content/posts/alpha.md":                 false,
		"content/site.yaml":                      false,
		"templates/base.html":                    false,
		"static/style.css":                       false,
		"static/.well-known/security.txt":        false,
		"static/movie.swf":                       false,
		"static/#hash":                           false,
		"content/posts/4913":                     true,
		"content/posts/alpha.md~":                true,
		"content/posts/.alpha.md.swp":            true,
		"content/posts/.alpha.md.swo":            true,
		"content/posts/.alpha.md.swx":            true,
		"templates/.base.html.swp":               true,
		"content/posts/.#alpha.md":               true,
		"content/posts/#alpha.md#":               true,
		"static/style.css___jb_tmp___":           true,
		"static/.goutputstream-ABC123":           true,
		"content/posts/alpha.md.kate-swp":        true,
		"content/posts/.alpha.md.tmp-1234":       true,
		"content/posts/.hidden.md":               true,
		"content/sources/.x.txt.tmp-99":          true,
		"static/.style.css.tmp-5":                true,
		"content/posts/sub/.alpha.md.swp":        true,
		"content/posts/sub/alpha.md":             false,
		"content/sources/chinese-banks-ditch.md": false,
	} {
		if got := ignored(name); got != want {
			t.Errorf("ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestSettle(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content", "posts"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "posts", "kept.md"), nil, 0o644)
	got := settle(root, []change{
		{"content/posts/deleted.md", false}, // existed before: its removal matters
		{"content/posts/kept.md", true},     // new and still there
		{"content/posts/sedX1y2Z3", true},   // came and went within the batch
	})
	if want := []string{"content/posts/deleted.md", "content/posts/kept.md"}; !slices.Equal(got, want) {
		t.Errorf("settle = %v, want %v", got, want)
	}
}
