// Package content reads a Reprint project's content/ folder: the site
// settings in content/site.yaml and the posts in content/posts/*.md.
//
// A post is a Markdown file that starts with YAML front matter between two
// "---" lines. The front matter is decoded by hand from the YAML node tree,
// not by reflection, so that every problem can be reported at its own
// line and column and in words an editor understands ("date "yes" is not a
// date: write it as YYYY-MM-DD") rather than as a Go type error. Unknown and
// duplicate keys are errors: a misspelt key that is silently ignored is an
// editorial change nobody made on purpose.
//
// Every error found in one run is collected in a go/scanner.ErrorList, so an
// editor sees all of them at once, each as path:line:col: message.
//
// Files may start with a UTF-8 byte order mark and may use CRLF line endings;
// both are normalised away before parsing (the columns of an LF file and of
// its CRLF twin are the same). Invalid UTF-8 is an error at the first bad byte.
package content
