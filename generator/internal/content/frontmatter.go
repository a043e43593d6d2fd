package content

import (
	"bytes"
	"fmt"
	"go/token"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// normalize strips a UTF-8 byte order mark and turns CRLF and lone CR line
// endings into LF, so that editors on any platform can save files their
// own way, and so that line numbers count lines as YAML and CommonMark
// (for which a lone CR also ends a line) count them.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src
}

// checkUTF8 reports the position of the first byte that is not valid UTF-8.
func checkUTF8(file string, src []byte) *Error {
	if utf8.Valid(src) {
		return nil
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return &Error{Pos: token.Position{Filename: file, Line: line, Column: col},
				Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x): save the file as UTF-8", src[i])}
		}
		if r == '\n' || r == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			line, col = line+1, 1
		} else {
			col += size
		}
		i += size
	}
	return nil
}

// splitFrontMatter separates "---\nYAML\n---\n" from the Markdown body. It
// returns the YAML text, the body, and the 1-based line on which the body
// starts, which is what positions inside the body are offset by.
func splitFrontMatter(file string, src []byte) (yamlText, body []byte, bodyLine int, err *Error) {
	if string(bytes.TrimRight(src, " \t")) == "---" {
		src = []byte("---\n")
	}
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, nil, 0, &Error{Pos: token.Position{Filename: file, Line: 1, Column: 1},
			Msg: `missing front matter: a post starts with a line "---", YAML fields (title, date, …), and another line "---"`}
	}
	rest := src[4:]
	lines := 1
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var line []byte
		if end < 0 {
			line = rest[off:]
		} else {
			line = rest[off : off+end]
		}
		lines++
		if string(bytes.TrimRight(line, " \t")) == "---" {
			yamlText = rest[:off]
			if end < 0 {
				return yamlText, nil, lines + 1, nil
			}
			return yamlText, rest[off+end+1:], lines + 1, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, nil, 0, &Error{Pos: token.Position{Filename: file, Line: 1, Column: 1},
		Msg: `front matter is not closed: add a line "---" after the last field`}
}

// mapping parses YAML text into its top-level mapping node. A document that
// is empty gives an empty mapping; anything but a mapping is an error.
func mapping(file string, text []byte, firstLine int) (*yaml.Node, *Error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		e := yamlError(file, text, err)
		e.Pos.Line += firstLine - 1
		return nil, e
	}
	shiftLines(&doc, firstLine-1)
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		// Only a "---" or a comment: no fields at all.
		return &yaml.Node{Kind: yaml.MappingNode, Line: firstLine, Column: 1}, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, nodeError(file, root, "expected key: value fields, one per line, like title: \"The headline\"")
	}
	return root, nil
}

// shiftLines moves node positions from the YAML text's own numbering to
// the file's: front matter starts on the line after the opening "---".
func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

// yamlError turns the YAML library's "yaml: line N: message" into a
// positioned error. The library gives no column, so the column is 1.
func yamlError(file string, text []byte, err error) *Error {
	msg := err.Error()
	line := 1
	msg = strings.TrimPrefix(msg, "yaml: ")
	var n int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &n); scanErr == nil {
		line = n
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		// The library reports parser errors that carry a context (an
		// unclosed [ or {, a missing key) with a 0-based line.
		for _, m := range parserContextErrors {
			if strings.HasPrefix(msg, m) {
				line++
				break
			}
		}
	}
	// Never point past the end of the text, whatever the library says.
	line = min(line, bytes.Count(text, []byte("\n"))+1)
	return &Error{Pos: token.Position{Filename: file, Line: line, Column: 1}, Msg: "YAML syntax error: " + msg}
}

// parserContextErrors are the YAML parser's messages (not the scanner's)
// that it numbers from 0.
var parserContextErrors = []string{
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected node content",
}

func nodeError(file string, n *yaml.Node, format string, args ...any) *Error {
	return &Error{Pos: token.Position{Filename: file, Line: n.Line, Column: n.Column}, Msg: fmt.Sprintf(format, args...)}
}

// field is one known key of a mapping: either a value that decode stores
// into the *T being filled, or a group of indented fields of its own.
// The tables of fields are built once, so decoding a file makes no
// decoders.
type field[T any] struct {
	name   string
	decode func(dst *T, value *yaml.Node) error
	group  []field[T]
}

// decodeFields walks a mapping node and hands each value to the decoder of
// its key. Unknown and duplicate keys are reported at the key.
func decodeFields[T any](file string, m *yaml.Node, dst *T, fields []field[T], errs *ErrorList) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if prev := firstKey(m, i, k.Value); prev != nil {
			*errs = append(*errs, nodeError(file, k, "duplicate key %q (first set on line %d): keep one", k.Value, prev.Line))
			continue
		}
		f := findField(fields, k.Value)
		if f == nil {
			*errs = append(*errs, nodeError(file, k, "unknown key %q (known keys: %s)", k.Value, knownKeys(fields)))
			continue
		}
		var err error
		switch {
		case f.group == nil:
			err = f.decode(dst, v)
		case v.Kind != yaml.MappingNode:
			err = fmt.Errorf("must be a group of indented key: value fields (%s), got %s", knownKeys(f.group), describe(v))
		default:
			decodeFields(file, v, dst, f.group, errs)
		}
		if err != nil {
			*errs = append(*errs, nodeError(file, v, "%s: %v", k.Value, err))
		}
	}
}

// firstKey returns the key named name among the first n entries of the
// mapping m (keys and values, so n is even), or nil.
func firstKey(m *yaml.Node, n int, name string) *yaml.Node {
	for j := 0; j < n; j += 2 {
		if m.Content[j].Value == name {
			return m.Content[j]
		}
	}
	return nil
}

func findField[T any](fields []field[T], name string) *field[T] {
	for i := range fields {
		if fields[i].name == name {
			return &fields[i]
		}
	}
	return nil
}

func knownKeys[T any](fields []field[T]) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

// The decoders below accept exactly one YAML shape each and say what is
// expected when the value has another. at gives where in the *T to store.

func stringInto[T any](at func(*T) *string) func(*T, *yaml.Node) error {
	return func(dst *T, n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" && n.Value != "" {
			return fmt.Errorf("must be text, got %s", describe(n))
		}
		*at(dst) = n.Value
		return nil
	}
}

func boolInto[T any](at func(*T) *bool) func(*T, *yaml.Node) error {
	return func(dst *T, n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return fmt.Errorf("must be true or false, got %s", describe(n))
		}
		*at(dst) = n.Value == "true"
		return nil
	}
}

func dateInto[T any](at func(*T) *Date) func(*T, *yaml.Node) error {
	return func(dst *T, n *yaml.Node) error {
		if n.Kind != yaml.ScalarNode {
			return fmt.Errorf("must be a date written YYYY-MM-DD, got %s", describe(n))
		}
		d, err := ParseDate(n.Value)
		if err != nil {
			return err
		}
		*at(dst) = d
		return nil
	}
}

func stringsInto[T any](at func(*T) *[]string) func(*T, *yaml.Node) error {
	return func(dst *T, n *yaml.Node) error {
		if n.Kind != yaml.SequenceNode {
			return fmt.Errorf("must be a list (one \"- item\" per line), got %s", describe(n))
		}
		out := make([]string, 0, len(n.Content))
		for _, item := range n.Content {
			if item.Kind != yaml.ScalarNode {
				return fmt.Errorf("list items must be text, got %s on line %d", describe(item), item.Line)
			}
			out = append(out, item.Value)
		}
		*at(dst) = out
		return nil
	}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a group of fields"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!null":
		return "nothing"
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return "the boolean " + n.Value
	}
	return fmt.Sprintf("%q", n.Value)
}
