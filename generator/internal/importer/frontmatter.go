package importer

import (
	"bytes"

	"go.yaml.in/yaml/v3"
)

// Markdown returns the post as a file: "---", the front matter, "---", a
// blank line and the body.
//
// The front matter is built as a yaml.v3 node tree and encoded by the
// library, so every value is quoted exactly when YAML needs it ("true",
// "12", "a: b", "#1" come back as the same strings). Fields are in the
// order of the post format (title, date, author, publication,
// description, source, aliases); empty ones are left out. Title and
// description are always double-quoted, as in the format's example;
// dates are plain YYYY-MM-DD so that they read as dates.
func (p *Post) Markdown() []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(p.frontMatter())
	b.WriteString("---\n\n")
	b.WriteString(p.Body)
	return b.Bytes()
}

func (p *Post) frontMatter() []byte {
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(m *yaml.Node, key string, v *yaml.Node) {
		if v != nil {
			m.Content = append(m.Content, str(key, 0), v)
		}
	}
	add(root, "title", quoted(p.Title))
	add(root, "date", date(p.Date))
	add(root, "author", plain(p.Author))
	add(root, "publication", plain(p.Publication))
	add(root, "description", quoted(p.Description))
	source := &yaml.Node{Kind: yaml.MappingNode}
	add(source, "url", plain(p.URL))
	add(source, "file", plain(p.SourceFile))
	add(source, "site", plain(p.Site))
	add(source, "published", date(p.Republished))
	if len(source.Content) > 0 {
		add(root, "source", source)
	}
	if len(p.Aliases) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, a := range p.Aliases {
			seq.Content = append(seq.Content, str(a, 0))
		}
		add(root, "aliases", seq)
	}
	if len(root.Content) == 0 {
		return nil
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		// Strings in a node tree always encode; this is a bug.
		panic("importer: encoding front matter: " + err.Error())
	}
	return b.Bytes()
}

func str(s string, style yaml.Style) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: style}
}

func plain(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	return str(s, 0)
}

func quoted(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	return str(s, yaml.DoubleQuotedStyle)
}

// date writes a valid YYYY-MM-DD as a plain YAML date; anything else is
// written as a string for the content checks to report.
func date(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	if d, ok := parseDate(s); ok && d == s {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: s}
	}
	return str(s, 0)
}
