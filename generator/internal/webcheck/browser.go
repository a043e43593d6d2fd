package webcheck

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Browser is one headless Debian Chromium that the browser checks share:
// starting it costs a second, so a test binary starts one, and each check
// opens a tab of its own and visits its pages in it, one after another.
// Checks may run in parallel.
//
// It reaches nothing but loopback and files. Chromium is started with a
// host resolver that fails every name, and each tab intercepts every request
// (the Fetch domain) and refuses any that is not file://, data: or to a
// loopback address; the check that opened the tab reports the refusal, so a
// page that wants another host fails its check rather than quietly loading.
type Browser struct {
	ctx    context.Context // the browser's chromedp context; tabs derive from it
	cancel context.CancelFunc
}

// StartBrowser starts chromium headless, with a new empty profile in a
// temporary folder that is removed when the browser closes.
func StartBrowser(chromium string) (*Browser, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox, // we run as root on CI, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-proxy-server", true), // loopback is all there is to reach
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	b := &Browser{ctx: ctx, cancel: func() { cancelCtx(); cancelAlloc() }}
	if err := chromedp.Do(ctx); err != nil {
		b.cancel()
		return nil, fmt.Errorf("start %s: %w", chromium, err)
	}
	return b, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() { b.cancel() }

// View is how a page is looked at: a window width and a colour scheme.
type View struct {
	Width int  // CSS pixels; below 600 the browser emulates a phone
	Dark  bool // prefers-color-scheme: dark
}

func (v View) String() string {
	if v.Dark {
		return fmt.Sprintf("dark %dpx", v.Width)
	}
	return fmt.Sprintf("light %dpx", v.Width)
}

// Views are the four the accessibility check and the screenshots use: a
// phone and a desktop, each in light and dark.
var Views = []View{{375, false}, {375, true}, {1280, false}, {1280, true}}

// request is one request a page made, and how it ended.
type request struct {
	URL     string
	Type    network.ResourceType
	Status  int64  // HTTP status, 0 for file:// and failures
	Failure string // the network error, "" when it loaded
	done    bool
	ours    bool // refused by the tab itself (another host, or a navigation away)
}

// visit is what opening one page did.
type visit struct {
	URL      string
	Requests []*request
	// Console holds console errors and uncaught exceptions, other than the
	// "failed to load" lines of requests already in Requests.
	Console []string
	// Blocked lists requests to anything but loopback or files, refused.
	Blocked []string
	// Away lists documents the page tried to navigate to by itself (an alias
	// page's meta refresh). They are not followed, so each visit judges one
	// page; the link check checks their targets as links.
	Away []string
}

// failed lists the page's requests that did not load, as "URL: why".
func (v *visit) failed() []string {
	var out []string
	for _, r := range v.Requests {
		switch {
		case r.ours:
		case r.Failure != "":
			out = append(out, r.URL+": "+r.Failure)
		case r.Status >= 400:
			out = append(out, fmt.Sprintf("%s: HTTP %d", r.URL, r.Status))
		}
	}
	return out
}

// tab is one browser tab that a check opens its pages in, one after
// another: a new tab costs a sixth of a second, a navigation a tenth.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu  sync.Mutex
	cur *visitState // the page being opened; events go to it
}

// visitState is what the event listener keeps while a page loads.
type visitState struct {
	v         *visit
	byID      map[network.RequestID]*request
	refused   map[network.RequestID]bool
	docChain  map[fetch.RequestID]bool // the page's own document, and its redirects
	mainFrame string
	lastEvent time.Time
}

// newTab opens a tab with the HTTP cache off (so every visit shows every
// request) and every request intercepted. Close it with cancel.
func (b *Browser) newTab(ctx context.Context) (*tab, error) {
	t := &tab{}
	t.ctx, t.cancel = chromedp.NewContext(b.ctx)
	stop := context.AfterFunc(ctx, t.cancel)
	prev := t.cancel
	t.cancel = func() { stop(); prev() }
	if err := chromedp.Listen(t.ctx, t.event); err != nil {
		t.cancel()
		return nil, fmt.Errorf("open a tab: %w", err)
	}
	if _, err := chromedp.Call(t.ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.cancel()
		return nil, fmt.Errorf("turn the cache off: %w", err)
	}
	if _, err := chromedp.Call(t.ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*"}},
	}); err != nil {
		t.cancel()
		return nil, fmt.Errorf("intercept requests: %w", err)
	}
	return t, nil
}

// event records one event of the tab into the current visit. It runs on
// the tab's reading loop, so it must not send a command itself: answers
// to paused requests go from their own goroutines.
func (t *tab) event(ev any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	st := t.cur
	if st == nil {
		if ev, ok := ev.(*fetch.EventRequestPaused); ok {
			go t.respond(ev.RequestID, network.ErrorReasonAborted) // between visits: nothing may load
		}
		return
	}
	v := st.v
	st.lastEvent = time.Now()
	switch ev := ev.(type) {
	case *fetch.EventRequestPaused:
		var reason network.ErrorReason
		isDoc := ev.ResourceType == network.ResourceTypeDocument
		switch {
		case isDoc && st.mainFrame == "":
			st.mainFrame = string(ev.FrameID)
			st.docChain[ev.RequestID] = true
		case isDoc && st.docChain[ev.RedirectedRequestID]:
			st.docChain[ev.RequestID] = true
		case isDoc && string(ev.FrameID) == st.mainFrame:
			v.Away = append(v.Away, ev.Request.URL)
			reason = network.ErrorReasonAborted
		}
		if reason == "" && !local(ev.Request.URL) {
			v.Blocked = append(v.Blocked, ev.Request.URL)
			reason = network.ErrorReasonBlockedByClient
		}
		if reason != "" && ev.NetworkID != "" {
			if r := st.byID[ev.NetworkID]; r != nil {
				r.ours = true
			}
			st.refused[ev.NetworkID] = true
		}
		go t.respond(ev.RequestID, reason)
	case *network.EventRequestWillBeSent:
		if r := st.byID[ev.RequestID]; r != nil && ev.RedirectResponse != nil {
			r.Status, r.done = ev.RedirectResponse.Status, true
		}
		r := &request{URL: ev.Request.URL, Type: ev.Type, ours: st.refused[ev.RequestID]}
		st.byID[ev.RequestID] = r
		v.Requests = append(v.Requests, r)
	case *network.EventResponseReceived:
		if r := st.byID[ev.RequestID]; r != nil {
			r.Status = ev.Response.Status
		}
	case *network.EventLoadingFinished:
		if r := st.byID[ev.RequestID]; r != nil {
			r.done = true
		}
	case *network.EventLoadingFailed:
		if r := st.byID[ev.RequestID]; r != nil {
			r.done = true
			r.Failure = ev.ErrorText
			if ev.BlockedReason != "" {
				r.Failure = strings.TrimSpace(r.Failure + " blocked (" + string(ev.BlockedReason) + ")")
			}
		}
	case *log.EventEntryAdded:
		e := ev.Entry
		if e.Level != log.EntryLevelError {
			break
		}
		if e.NetworkRequestID != "" && st.byID[e.NetworkRequestID] != nil {
			break // the request itself is reported, with its URL
		}
		v.Console = append(v.Console, strings.TrimSpace(e.Text+" "+e.URL))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		v.Console = append(v.Console, "uncaught: "+msg)
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, strings.Trim(string(a.Value), `"`)+a.Description)
			}
			v.Console = append(v.Console, "console."+string(ev.Type)+": "+strings.Join(args, " "))
		}
	}
}

func (t *tab) respond(id fetch.RequestID, reason network.ErrorReason) {
	if reason == "" {
		chromedp.Call(t.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
	} else {
		chromedp.Call(t.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: reason})
	}
}

// visit loads u, looked at in view, waits until the page and everything it
// loads have settled, then calls during (if not nil) with the tab's context,
// and reports what the page did.
func (t *tab) visit(u string, view View, during func(tab context.Context) error) (*visit, error) {
	// Leave the last page first: its pending meta refresh must not fire
	// into this visit. Between visits the tab refuses every request (see
	// event), but a refresh that starts as we leave can still cancel our
	// navigation to about:blank; then the next try goes through.
	for try := 1; ; try++ {
		err := chromedp.Do(t.ctx, chromedp.Navigate("about:blank"))
		if err == nil {
			break
		}
		var le *chromedp.LoadError
		if try == 3 || !errors.As(err, &le) {
			return nil, fmt.Errorf("open about:blank: %w", err)
		}
	}
	st := &visitState{
		v:         &visit{URL: u},
		byID:      map[network.RequestID]*request{},
		refused:   map[network.RequestID]bool{},
		docChain:  map[fetch.RequestID]bool{},
		lastEvent: time.Now(),
	}
	t.mu.Lock()
	t.cur = st
	t.mu.Unlock()
	defer func() {
		t.mu.Lock()
		t.cur = nil
		t.mu.Unlock()
	}()
	if err := setView(t.ctx, view); err != nil {
		return nil, err
	}
	if err := chromedp.Do(t.ctx, chromedp.Navigate(u)); err != nil && !t.leftBeforeLoad(st, err) {
		return nil, fmt.Errorf("open %s: %w", u, err)
	}
	// Wait until every request has ended and nothing happened for a moment
	// (an icon can start after the load event), at most 3s.
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); {
		t.mu.Lock()
		busy := time.Since(st.lastEvent) < 50*time.Millisecond
		for _, r := range st.v.Requests {
			busy = busy || !r.done && !r.ours && r.Failure == ""
		}
		t.mu.Unlock()
		if !busy {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if during != nil {
		if err := during(t.ctx); err != nil {
			return nil, err
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	v := st.v
	out := *v // a copy: late events must not race with the caller
	out.Requests = nil
	for _, r := range v.Requests {
		c := *r
		out.Requests = append(out.Requests, &c)
	}
	out.Console = slices.Clone(v.Console)
	out.Blocked = slices.Clone(v.Blocked)
	out.Away = slices.Clone(v.Away)
	return &out, nil
}

// leftBeforeLoad reports whether err, from opening a page, only says that
// the page navigated away by itself before its load event: an alias
// page's meta refresh can fire that early on a busy machine. The tab
// refused that navigation (see event), so the page is still there to
// check, and the attempt is in the visit's Away list.
func (t *tab) leftBeforeLoad(st *visitState, err error) bool {
	var le *chromedp.LoadError
	if !errors.As(err, &le) || le.ErrorText != "net::ERR_ABORTED" {
		return false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(st.v.Away) > 0
}

// setView sizes the window and sets the colour scheme the page sees.
func setView(tab context.Context, view View) error {
	var opts []chromedp.EmulateViewportOption
	if view.Width < 600 {
		opts = append(opts, chromedp.EmulateMobile)
	}
	if err := chromedp.Do(tab, chromedp.EmulateViewport(int64(view.Width), 800, opts...)); err != nil {
		return fmt.Errorf("set the window to %dpx: %w", view.Width, err)
	}
	scheme := "light"
	if view.Dark {
		scheme = "dark"
	}
	_, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		return fmt.Errorf("set the colour scheme to %s: %w", scheme, err)
	}
	return nil
}

// local reports whether a URL stays on this machine: a file, inline data,
// or a loopback address.
func local(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "file", "data", "blob", "about":
		return true
	case "http", "https", "ws", "wss":
		switch h := u.Hostname(); {
		case h == "localhost", h == "::1", strings.HasPrefix(h, "127."):
			return true
		}
	}
	return false
}
