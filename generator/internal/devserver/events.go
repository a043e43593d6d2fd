package devserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// event tells open pages that the site changed.
type event struct {
	ID   string   // the build it announces, sent as the SSE id
	Kind string   // "reload", or "css" when only stylesheets changed
	Data []string // the changed files; for "css", the stylesheets' site paths
}

// merge combines an event a slow page has not taken yet with a newer one:
// the newer build wins, and anything beyond a stylesheet swap needs a
// full reload.
func merge(old, next event) event {
	if old.Kind != "css" || next.Kind != "css" {
		next.Kind = "reload"
	}
	return next
}

// broker fans events out to the pages listening on the event stream.
type broker struct {
	mu     sync.Mutex
	subs   map[chan event]bool
	closed chan struct{}
}

func newBroker() *broker {
	return &broker{subs: map[chan event]bool{}, closed: make(chan struct{})}
}

// subscribe returns a channel of events and a function to stop them. The
// channel holds one event: a page that is slow to read gets the merged
// latest news, and never holds up a rebuild.
func (b *broker) subscribe() (<-chan event, func()) {
	ch := make(chan event, 1)
	b.mu.Lock()
	b.subs[ch] = true
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		delete(b.subs, ch)
		b.mu.Unlock()
	}
}

func (b *broker) publish(e event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- e:
		case old := <-ch:
			ch <- merge(old, e)
		}
	}
}

// close ends every event stream, so that http.Server.Shutdown, which waits
// for handlers to return, does not wait on streams that never would.
func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case <-b.closed:
	default:
		close(b.closed)
	}
}

// keepAlive is how often an idle stream sends a comment, so that a page
// that went away is noticed and its handler ends.
const keepAlive = 30 * time.Second

// serveEvents is the Server-Sent Events stream that reload.js listens to.
// A page says which build it shows (?since=, or Last-Event-ID when the
// browser reconnects); if the site has moved on since (a rebuild between
// page load and connect, or a restarted server) it is told to reload at
// once, so no change is missed.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "the event stream answers GET only", http.StatusMethodNotAllowed)
		return
	}
	ch, stop := s.events.subscribe()
	defer stop()
	since := r.Header.Get("Last-Event-ID")
	if since == "" {
		since = r.URL.Query().Get("since")
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	// retry: reconnect quickly when the server restarts.
	fmt.Fprint(w, "retry: 500\n\n")
	if cur := s.buildID(); since != cur {
		writeEvent(w, event{ID: cur, Kind: "reload", Data: []string{}})
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case e := <-ch:
			writeEvent(w, e)
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case <-r.Context().Done():
			return
		case <-s.events.closed:
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, e event) {
	// data must not be empty, or the browser drops the event.
	data, _ := json.Marshal(e.Data)
	fmt.Fprintf(w, "id: %s\nevent: %s\ndata: %s\n\n", e.ID, e.Kind, data)
}
