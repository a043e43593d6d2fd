package site

import (
	"encoding/json"
	"html/template"
	"strings"
)

// articleJSONLD describes a post for machines as a schema.org NewsArticle,
// corrections included. encoding/json escapes <, > and &, so the result is
// safe inside <script type="application/ld+json">.
func (b *Builder) articleJSONLD(v *PostView) template.JS {
	type thing struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	type correction struct {
		Type          string `json:"@type"`
		Text          string `json:"text"`
		DatePublished string `json:"datePublished,omitempty"`
	}
	doc := struct {
		Context       string       `json:"@context"`
		Type          string       `json:"@type"`
		Headline      string       `json:"headline"`
		DatePublished string       `json:"datePublished"`
		DateModified  string       `json:"dateModified,omitempty"`
		Author        *thing       `json:"author,omitempty"`
		Publisher     *thing       `json:"publisher,omitempty"`
		IsBasedOn     string       `json:"isBasedOn,omitempty"`
		URL           string       `json:"url,omitempty"`
		Correction    []correction `json:"correction,omitempty"`
	}{
		Context:       "https://schema.org",
		Type:          "NewsArticle",
		Headline:      v.Title,
		DatePublished: v.Date.String(),
		DateModified:  v.Corrected.String(),
		IsBasedOn:     v.Source.URL,
		URL:           b.canonical(v),
	}
	if v.Author != "" {
		doc.Author = &thing{Type: "Person", Name: v.Author}
	}
	if v.Publication != "" {
		doc.Publisher = &thing{Type: "Organization", Name: v.Publication}
	}
	size := 512 // the fields other than the notes, and the notes' keys
	for _, n := range v.notes {
		doc.Correction = append(doc.Correction, correction{Type: "CorrectionComment", Text: n.Text, DatePublished: v.Corrected.String()})
		size += 80 + len(n.Text)
	}
	return marshalJSONLD(doc, size)
}

func (b *Builder) websiteJSONLD() template.JS {
	return marshalJSONLD(struct {
		Context     string `json:"@context"`
		Type        string `json:"@type"`
		Name        string `json:"name"`
		Description string `json:"description,omitempty"`
		URL         string `json:"url,omitempty"`
		InLanguage  string `json:"inLanguage,omitempty"`
	}{"https://schema.org", "WebSite", b.site.Title, b.site.Description, b.site.Abs(""), b.site.Language}, 512)
}

// marshalJSONLD encodes v into a builder of about size bytes, made that
// big at once rather than grown step by step, and whose text needs no
// copy to become the page's.
func marshalJSONLD(v any, size int) template.JS {
	var b strings.Builder
	b.Grow(size)
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		// Only plain strings go in; encoding cannot fail.
		panic(err)
	}
	return template.JS(strings.TrimSuffix(b.String(), "\n"))
}
