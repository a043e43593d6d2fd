package webcheck

import (
	"context"
	"fmt"
	"net/url"
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
// starting it costs a second, a tab costs milliseconds, so a test binary
// starts one and opens a tab per page.
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

// open loads u in a new tab, looked at in view, waits until the page and
// everything it loads have settled, then calls during (if not nil) with the
// tab's context, and reports what the page did. The tab closes on return.
func (b *Browser) open(ctx context.Context, u string, view View, during func(tab context.Context) error) (*visit, error) {
	tab, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()

	v := &visit{URL: u}
	var (
		mu        sync.Mutex
		byID      = map[network.RequestID]*request{}
		failedIDs = map[network.RequestID]bool{}
		lastEvent = time.Now()
		docChain  = map[fetch.RequestID]bool{} // the page's own document, and its redirects
		mainFrame string
	)
	respond := func(id fetch.RequestID, reason network.ErrorReason) {
		if reason == "" {
			chromedp.Call(tab, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
		} else {
			chromedp.Call(tab, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: reason})
		}
	}
	err := chromedp.Listen(tab, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		lastEvent = time.Now()
		switch ev := ev.(type) {
		case *fetch.EventRequestPaused:
			var reason network.ErrorReason
			isDoc := ev.ResourceType == network.ResourceTypeDocument
			switch {
			case isDoc && mainFrame == "":
				mainFrame = string(ev.FrameID)
				docChain[ev.RequestID] = true
			case isDoc && docChain[ev.RedirectedRequestID]:
				docChain[ev.RequestID] = true
			case isDoc && string(ev.FrameID) == mainFrame:
				v.Away = append(v.Away, ev.Request.URL)
				reason = network.ErrorReasonAborted
			}
			if reason == "" && !local(ev.Request.URL) {
				v.Blocked = append(v.Blocked, ev.Request.URL)
				reason = network.ErrorReasonBlockedByClient
			}
			if reason != "" && ev.NetworkID != "" {
				if r := byID[ev.NetworkID]; r != nil {
					r.ours = true
				}
				failedIDs[ev.NetworkID] = true
			}
			go respond(ev.RequestID, reason)
		case *network.EventRequestWillBeSent:
			if r := byID[ev.RequestID]; r != nil && ev.RedirectResponse != nil {
				r.Status, r.done = ev.RedirectResponse.Status, true
			}
			r := &request{URL: ev.Request.URL, Type: ev.Type, ours: failedIDs[ev.RequestID]}
			byID[ev.RequestID] = r
			v.Requests = append(v.Requests, r)
		case *network.EventResponseReceived:
			if r := byID[ev.RequestID]; r != nil {
				r.Status = ev.Response.Status
			}
		case *network.EventLoadingFinished:
			if r := byID[ev.RequestID]; r != nil {
				r.done = true
			}
		case *network.EventLoadingFailed:
			if r := byID[ev.RequestID]; r != nil {
				r.done = true
				r.Failure = ev.ErrorText
				if ev.BlockedReason != "" {
					r.Failure += " (" + string(ev.BlockedReason) + ")"
				}
			}
		case *log.EventEntryAdded:
			e := ev.Entry
			if e.Level != log.EntryLevelError {
				break
			}
			if e.NetworkRequestID != "" && byID[e.NetworkRequestID] != nil {
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
	})
	if err != nil {
		return nil, fmt.Errorf("open a tab: %w", err)
	}
	if _, err := chromedp.Call(tab, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*"}},
	}); err != nil {
		return nil, fmt.Errorf("intercept requests: %w", err)
	}
	if err := setView(tab, view); err != nil {
		return nil, err
	}
	if err := chromedp.Do(tab, chromedp.Navigate(u)); err != nil {
		return nil, fmt.Errorf("open %s: %w", u, err)
	}
	// Wait until every request has ended and nothing happened for a moment
	// (an icon or a font can start after the load event), at most 3s.
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); {
		mu.Lock()
		busy := time.Since(lastEvent) < 60*time.Millisecond
		for _, r := range v.Requests {
			busy = busy || !r.done && !r.ours && r.Failure == ""
		}
		mu.Unlock()
		if !busy {
			break
		}
		time.Sleep(15 * time.Millisecond)
	}
	if during != nil {
		if err := during(tab); err != nil {
			return nil, err
		}
	}
	mu.Lock()
	defer mu.Unlock()
	out := *v // a copy: late events must not race with the caller
	out.Requests = nil
	for _, r := range v.Requests {
		c := *r
		out.Requests = append(out.Requests, &c)
	}
	out.Console = append([]string(nil), v.Console...)
	out.Blocked = append([]string(nil), v.Blocked...)
	out.Away = append([]string(nil), v.Away...)
	return &out, nil
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
