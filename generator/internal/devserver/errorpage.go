package devserver

import (
	"bytes"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"

	"reprint/generator/internal/content"
)

// problem is one build error as the error page shows it.
type problem struct {
	Pos    string // path:line:col, relative to the project
	Msg    string
	Source []sourceLine // the offending line with one line around it
}

type sourceLine struct {
	N     int
	Text  string
	Here  bool   // the line the error is on
	Caret string // under Here: spaces (tabs kept) up to the column, then ^
}

// problems lists err's positioned errors, each with its source line.
func problems(root string, err error) []problem {
	list := content.AsList(err)
	if list == nil {
		return []problem{{Msg: err.Error()}}
	}
	var out []problem
	for _, e := range list {
		p := problem{Msg: e.Msg}
		if e.Pos.Filename != "" || e.Pos.IsValid() {
			p.Pos = e.Pos.String()
		}
		if e.Pos.Filename != "" && e.Pos.Line > 0 {
			p.Source = sourceAround(root, e.Pos.Filename, e.Pos.Line, e.Pos.Column)
		}
		out = append(out, p)
	}
	return out
}

// maxSource bounds what is read to show a line: posts and templates are
// small, and an error page must not stall on a huge file.
const maxSource = 8 << 20

// sourceAround reads the named project file (through os.Root: the name
// comes from the build, but the preview still reads nothing outside the
// project) and returns line n, marked, with its neighbours.
func sourceAround(root, name string, n, col int) []sourceLine {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil
	}
	defer r.Close()
	f, err := r.Open(filepath.FromSlash(name))
	if err != nil {
		return nil
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxSource))
	if err != nil {
		return nil
	}
	lines := strings.Split(string(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))), "\n")
	if n > len(lines) {
		return nil
	}
	var out []sourceLine
	for i := max(n-1, 1); i <= min(n+1, len(lines)); i++ {
		l := sourceLine{N: i, Text: lines[i-1]}
		if i == n {
			l.Here = true
			l.Caret = caret(l.Text, col)
		}
		out = append(out, l)
	}
	// A last line that is only the file's final newline says nothing.
	if last := out[len(out)-1]; !last.Here && last.Text == "" && last.N == len(lines) {
		out = out[:len(out)-1]
	}
	return out
}

// caret points at byte column col (1-based, as in go/token) of line.
func caret(line string, col int) string {
	if col < 1 {
		return ""
	}
	var b strings.Builder
	for i, r := range line {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ') // one per character, however many bytes it takes
		}
	}
	b.WriteByte('^')
	return b.String()
}

// errorPage is served with status 500 in place of every page while the
// site does not build. It has its own small policy: inline styles (it
// cannot rely on the site's stylesheet, which may be what is broken) and
// the reload script, so that saving the fix brings the page back.
var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'">
<title>Build error · Reprint preview</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
h1 { color: #a00; font-size: 1.4rem; }
.pos { font-family: ui-monospace, monospace; font-weight: bold; overflow-wrap: anywhere; }
pre { background: #f6f6f6; border-left: 4px solid #a00; padding: .5rem 1rem; overflow-x: auto; tab-size: 4; }
.here { background: #fde8e8; display: inline-block; min-width: 100%; }
.n { color: #777; user-select: none; }
.caret { color: #a00; font-weight: bold; }
</style>
<script src="{{.Script}}" data-build="{{.Build}}" defer></script>
</head>
<body>
<main>
<h1>The site does not build</h1>
<p>Fix what is listed here and save: this page comes back on its own.</p>
{{range .Problems}}
<section>
<p class="pos">{{with .Pos}}{{.}}: {{end}}{{.Msg}}</p>
{{- with .Source}}
<pre>{{range .}}{{if .Here}}<span class="here"><span class="n">{{printf "%4d" .N}} | </span>{{.Text}}</span>
<span class="n">     | </span><span class="caret">{{.Caret}}</span>
{{else}}<span class="n">{{printf "%4d" .N}} | </span>{{.Text}}
{{end}}{{end}}</pre>
{{- end}}
</section>
{{end}}
<p>Project: <code>{{.Root}}</code>. The preview answers every page with this error (status 500) until the site builds again; the last good stylesheet, images and feed are still served.</p>
</main>
</body>
</html>
`))

type errorData struct {
	Script, Build, Root string
	Problems            []problem
}
