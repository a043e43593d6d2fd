// Package cli is Reprint's command line: it parses subcommands and flags,
// runs the packages behind them, and turns every error into lines of the
// form path:line:col: message on standard error with exit status 1.
// Nothing here renders or parses content itself.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"reprint/generator/internal/content"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(env *env, args []string) error
}

// env is what a command may touch: its arguments come separately.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"build", "build the site into public/ (the default)", runBuild},
		{"import", "turn a source page (HTML or text) into a Markdown post", runImport},
		{"check", "check all content, fidelity to sources included, without building", runCheck},
		{"serve", "preview the site while editing, with live reload", runServe},
	}
}

// errUsage marks an error whose message the flag package already printed.
var errUsage = errors.New("usage")

// Main runs the command line and returns the process exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	defer func() {
		// A bug must still end in one readable line and status 1, never
		// a Go stack trace in an editor's terminal.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "generator: internal error (please report it): %v\n", r)
			status = 1
		}
	}()
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	name := "build"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" || len(args) > 0 && name == "build" && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") && len(args) == 1 {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == name {
			err := c.run(e, args)
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				return 2
			}
			printError(stderr, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "generator: unknown command %q\n\n", name)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Reprint republishes articles as a static site, with every editorial
correction marked in the open.

Usage:
  go run ./generator [build] [flags]     build the site into public/
  go run ./generator COMMAND [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nFlags of build:\n")
	fs, _, _, _, _ := buildFlags(&env{stdout: w, stderr: w})
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprint(w, "\nRun 'go run ./generator COMMAND -h' for the flags of the other commands.\n")
}

// newFlags makes a FlagSet whose -h prints to stdout and whose mistakes
// print to stderr, as a command-line user expects.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: go run ./generator %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses flags wherever they stand among the arguments, as in
// "import page.txt -o -", and returns the other arguments in order.
func parseFlags(e *env, fs *flag.FlagSet, args []string) ([]string, error) {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return nil, flag.ErrHelp
		}
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, errUsage
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
		if fs.Arg(0) == "-" && len(args) == 0 {
			return rest, nil
		}
	}
}

// printError writes one line per problem. A list of positioned errors
// prints whole, so an editor can fix everything in one pass.
func printError(w io.Writer, err error) {
	if list := content.AsList(err); list != nil {
		for _, e := range list {
			fmt.Fprintln(w, e.Error())
		}
		if len(list) > 1 {
			fmt.Fprintf(w, "%d problems\n", len(list))
		}
		return
	}
	fmt.Fprintln(w, err.Error())
}

// underRoot prefixes the file names of positioned errors with the project
// folder, so that paths in messages work from where the command was run.
func underRoot(root string, err error) error {
	if root == "." || root == "" {
		return err
	}
	list := content.AsList(err)
	if list == nil {
		return err
	}
	out := make(content.ErrorList, len(list))
	for i, e := range list {
		c := *e
		if c.Pos.Filename != "" {
			c.Pos.Filename = filepath.Join(root, c.Pos.Filename)
		}
		out[i] = &c
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
