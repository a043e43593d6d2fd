package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"reprint/generator/internal/devserver"
)

func runServe(e *env, args []string) error {
	fs := newFlags(e, "serve", "serve [-root DIR] [-addr HOST:PORT] [-drafts]")
	root := fs.String("root", ".", "the project `folder` holding content/, templates/ and static/")
	addr := fs.String("addr", devserver.DefaultAddr, "where to listen, as `host:port`; an empty host means 127.0.0.1, port 0 any free port")
	drafts := fs.Bool("drafts", false, "include posts marked draft: true")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("serve takes no arguments, got %q", rest[0])
	}
	ln, err := devserver.Listen(*addr)
	if err != nil {
		return fmt.Errorf("-addr: %v", err)
	}
	s, err := devserver.New(devserver.Config{Root: *root, Drafts: *drafts, Stdout: e.stdout, Stderr: e.stderr})
	if err != nil {
		ln.Close()
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// After the first Ctrl-C, a second one stops the process at once,
		// should shutting down ever hang.
		<-ctx.Done()
		stop()
	}()
	return s.Serve(ctx, ln)
}
