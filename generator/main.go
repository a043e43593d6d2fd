// Command generator is Reprint: it builds the site in public/ from
// content/, templates/ and static/ (go run ./generator), imports source
// pages as Markdown posts (import), checks the content (check), and serves
// a live preview while editing (serve). Run it with -h for the details.
package main

import (
	"os"

	"reprint/generator/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
