package site

import (
	"bytes"
	"encoding/json"
	"html/template"
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
	for _, n := range v.notes {
		doc.Correction = append(doc.Correction, correction{Type: "CorrectionComment", Text: n.Text, DatePublished: v.Corrected.String()})
	}
	return marshalJSONLD(doc)
}

func (b *Builder) websiteJSONLD() template.JS {
	return marshalJSONLD(struct {
		Context     string `json:"@context"`
		Type        string `json:"@type"`
		Name        string `json:"name"`
		Description string `json:"description,omitempty"`
		URL         string `json:"url,omitempty"`
		InLanguage  string `json:"inLanguage,omitempty"`
	}{"https://schema.org", "WebSite", b.site.Title, b.site.Description, b.site.Abs(""), b.site.Language})
}

func marshalJSONLD(v any) template.JS {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		// Only plain strings go in; encoding cannot fail.
		panic(err)
	}
	return template.JS(bytes.TrimSpace(buf.Bytes()))
}
