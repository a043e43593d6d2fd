package devserver

import (
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserLiveReload runs reload.js where it has to work: in a real
// browser that applies the page's Content-Security-Policy. The other tests
// check the bytes; this one checks that the widened policy lets the script
// run and connect, that an edit reloads the page, that a stylesheet edit
// is swapped in without a reload, and that the error page comes and goes.
func TestBrowserLiveReload(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("no chromium on PATH (.ci/install-tools installs it)")
	}
	root := project(t)
	srv := start(t, root)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox, // CI runs as root, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	// waitFor polls a JavaScript condition until it holds.
	waitFor := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %s still false after 5 s", what, js)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	subscribers := func() int {
		srv.srv.events.mu.Lock()
		defer srv.srv.events.mu.Unlock()
		return len(srv.srv.events.subs)
	}
	waitConnected := func(what string) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); subscribers() == 0; time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: the page's script never opened the event stream (blocked by the policy?)", what)
			}
		}
	}
	mark := func() {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`)); err != nil {
			t.Fatal(err)
		}
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.url+"2014/06/alpha/")); err != nil {
		t.Fatal(err)
	}
	waitFor("page", `document.body.innerText.includes("The original sentence")`)
	waitConnected("first load")

	// An edit reloads the page.
	mark()
	edit(t, root, "content/posts/alpha.md", "The original sentence", "The edited sentence")
	waitFor("edit", `!window.notReloaded && document.body.innerText.includes("The edited sentence")`)

	// A stylesheet edit is swapped in; the page is not reloaded.
	waitConnected("after the reload")
	mark()
	edit(t, root, "static/style.css", "{", "{ outline-color: rgb(1, 2, 3);")
	waitFor("stylesheet", `window.notReloaded && getComputedStyle(document.documentElement).outlineColor == "rgb(1, 2, 3)"`)

	// A broken post shows the error page; the fix brings the post back.
	edit(t, root, "content/posts/alpha.md", "date: 2014-06-02", "date: nope")
	waitFor("error page", `document.title == "Build error · Reprint preview" && document.body.innerText.includes("content/posts/alpha.md:3:7")`)
	edit(t, root, "content/posts/alpha.md", "date: nope", "date: 2014-06-02")
	waitFor("fixed", `document.body.innerText.includes("The edited sentence")`)
}
