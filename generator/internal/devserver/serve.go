package devserver

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"
)

// DefaultAddr is where the preview listens unless told otherwise.
const DefaultAddr = "127.0.0.1:1313"

// Listen opens addr (host:port) for the preview. An empty host means
// 127.0.0.1, not every interface as in net.Listen: "-addr :8080" is
// almost always a change of port, and the preview should not be readable
// from the network unless someone asks by name (0.0.0.0:8080). Port 0
// picks a free port; Serve prints the one chosen.
func Listen(addr string) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("%q is not host:port (for example %s, or 127.0.0.1:0 for any free port)", addr, DefaultAddr)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("%s is taken (is another preview running?): choose another port, or 127.0.0.1:0 for any free one", net.JoinHostPort(host, port))
	}
	return ln, err
}

// URL is the address to open in a browser for a listener's address.
func URL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/"
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(tcp.Port)) + "/"
}

// Serve serves the preview on ln, watching the project and rebuilding on
// every change, until ctx is done (Ctrl-C in the command). It then stops
// taking requests, ends the event streams, waits for a rebuild in progress,
// closes the watcher and returns nil. The watcher starts before the URL is
// printed, so that no edit made after the URL appears is missed.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := newWatcher(s.root, func(format string, args ...any) {
		s.logf(s.stderr, "watch: "+format, args...)
	})
	if err != nil {
		ln.Close()
		return fmt.Errorf("cannot watch %s for changes: %v", s.root, err)
	}
	defer w.fsw.Close()

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(s.stderr, "serve: ", 0),
	}
	srv.RegisterOnShutdown(s.events.close)

	changes := make(chan change, 64)
	batches := make(chan []change)
	var wg sync.WaitGroup
	wg.Go(func() { w.run(ctx, changes) })
	wg.Go(func() { coalesce(changes, batches, quiet, maxWait) })
	wg.Go(func() {
		for b := range batches {
			if names := settle(s.root, b); len(names) > 0 && ctx.Err() == nil {
				s.Rebuild(names)
			}
		}
	})

	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		s.logf(s.stderr, "note: listening on %s: other machines on the network can read the preview", ln.Addr())
	}
	s.logf(s.stdout, "serving %s (press Ctrl-C to stop)", URL(ln.Addr()))

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err = <-served:
	}
	cancel()
	stop, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	if shutErr := srv.Shutdown(stop); shutErr != nil {
		srv.Close()
	}
	wg.Wait()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
