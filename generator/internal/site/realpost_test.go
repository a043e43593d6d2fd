package site

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"reprint/generator/internal/fidelity"
	"reprint/generator/internal/markdown"
	"reprint/generator/internal/output"
)

const realPostPath = "2014/06/chinese-banks-ditch-us-providers-for-alibabas-aliyun/"

// buildRepo builds the repository's own project into memory.
func buildRepo(t *testing.T) *output.Memory {
	t.Helper()
	mem := output.NewMemory()
	if _, err := Build(Options{Root: "../../.."}, mem); err != nil {
		t.Fatal(err)
	}
	return mem
}

func page(t *testing.T, mem *output.Memory, name string) string {
	t.Helper()
	data, ok := mem.Get(name)
	if !ok {
		t.Fatalf("%s not built", name)
	}
	return string(data)
}

// TestRealPostCorrections checks the editorial brief on the built page:
// every correction struck and inserted with its numbered note, the
// clarifications marked, the copy edits listed, and the section complete.
func TestRealPostCorrections(t *testing.T) {
	html := page(t, buildRepo(t), realPostPath+"index.html")
	corrections := []struct{ old, new string }{
		{"strategy session", "strategic cooperation meeting with the Hangzhou city government"},
		{"banned the Windows 8 operating system from all government computers", "barred Windows 8 from new computers bought by central government agencies"},
		{"earlier this month", "on May 19"},
		{"US$1.6 billion-US$160 million", "US$160 million–US$1.6 billion"},
	}
	for _, c := range corrections {
		re := regexp.MustCompile(`<span id="cm-(\d)"><del datetime="2026-11-26" cite="#cn-(\d)"><span class="sr-only">originally: </span>` +
			regexp.QuoteMeta(c.old) + `</del> <ins datetime="2026-11-26" cite="#cn-\d"><span class="sr-only">corrected to: </span>` +
			regexp.QuoteMeta(c.new) + `</ins><sup><a href="#cn-(\d)"><span class="sr-only">note </span>(\d)</a></sup></span>`)
		m := re.FindStringSubmatch(html)
		if m == nil {
			t.Errorf("correction %q → %q not shown struck and inserted with a note marker", c.old, c.new)
			continue
		}
		if m[1] != m[2] || m[2] != m[3] || m[3] != m[4] {
			t.Errorf("correction %q: numbers disagree: %v", c.old, m[1:])
		}
		if !strings.Contains(html, `<li id="cn-`+m[1]+`"><b>Correction:</b> “`+c.old+`” → “`+c.new+`”.`) {
			t.Errorf("correction %q is not listed as note %s", c.old, m[1])
		}
	}
	for _, span := range []string{"a large number of Chinese banks have abandoned IBM’s high-end servers", "several million users"} {
		re := regexp.MustCompile(`<span id="cm-(\d)"><mark>` + regexp.QuoteMeta(span) + `</mark><sup><a href="#cn-(\d)">`)
		m := re.FindStringSubmatch(html)
		if m == nil || m[1] != m[2] {
			t.Errorf("clarification %q not marked with its note", span)
			continue
		}
		if !strings.Contains(html, `<li id="cn-`+m[1]+`"><b>Clarification:</b> “`+span+`”.`) {
			t.Errorf("clarification %q is not listed as note %s", span, m[1])
		}
	}
	for _, w := range []string{"cyber", "beneficiaries", "Bank of"} {
		if !strings.Contains(html, `<ins class="copy-edit" datetime="2026-11-26">`+w+`</ins>`) {
			t.Errorf("copy edit %q not in the text", w)
		}
	}
	if !strings.Contains(html, "<b>Spelling and spacing corrected:</b> cyper → cyber, beneficaries → beneficiaries, Bankof → Bank of.") {
		t.Error("copy edits are not listed at the end")
	}
	if n := strings.Count(html, `<li id="cn-`); n != 6 {
		t.Errorf("the corrections section lists %d notes, want 6", n)
	}
	if !strings.Contains(html, `Corrected on <time datetime="2026-11-26">November 26, 2026</time>: <a href="#corrections">`) {
		t.Error("no line near the top saying the post was corrected, with the date, linking to the section")
	}
}

// TestRealPostJSONLD parses the post's JSON-LD: a NewsArticle with one
// CorrectionComment per correction and clarification.
func TestRealPostJSONLD(t *testing.T) {
	html := page(t, buildRepo(t), realPostPath+"index.html")
	m := regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(html)
	if m == nil {
		t.Fatal("no JSON-LD block")
	}
	var ld struct {
		Type          string `json:"@type"`
		Headline      string `json:"headline"`
		DatePublished string `json:"datePublished"`
		DateModified  string `json:"dateModified"`
		IsBasedOn     string `json:"isBasedOn"`
		Author        struct{ Name string }
		Publisher     struct{ Name string }
		Correction    []struct {
			Type          string `json:"@type"`
			Text          string `json:"text"`
			DatePublished string `json:"datePublished"`
		} `json:"correction"`
	}
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v", err)
	}
	if ld.Type != "NewsArticle" || ld.DatePublished != "2014-06-02" || ld.DateModified != "2026-11-26" ||
		ld.Author.Name != "Staff Reporter" || ld.Publisher.Name != "Want China Times" || !strings.HasPrefix(ld.IsBasedOn, "https://cempaka-putih.blogspot.com/") {
		t.Errorf("article fields: %+v", ld)
	}
	if len(ld.Correction) != 6 {
		t.Fatalf("%d corrections, want 6 (4 corrections, 2 clarifications)", len(ld.Correction))
	}
	for _, c := range ld.Correction {
		if c.Type != "CorrectionComment" || c.Text == "" || c.DatePublished != "2026-11-26" {
			t.Errorf("correction entry %+v", c)
		}
	}
}

// TestOriginalPageFidelity: the original/ page's article text is the
// source's article text, word for word.
func TestOriginalPageFidelity(t *testing.T) {
	html := page(t, buildRepo(t), realPostPath+"original/index.html")
	article := strings.Index(html, "<article>")
	start := article + strings.Index(html[article:], "</header>")
	end := strings.Index(html, `<footer class="provenance">`)
	if article < 0 || start < article || end < start {
		t.Fatal("cannot find the article body on the original page")
	}
	got := markdown.Words(markdown.VisibleText(string(html[start:end])))
	src, err := os.ReadFile("../../../content/sources/chinese-banks-ditch-us-providers-for.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, err := fidelity.ArticleWords(markdown.New(), src)
	if err != nil {
		t.Fatal(err)
	}
	if changes := fidelity.Compare(want, got); len(changes) > 0 {
		t.Errorf("the original page differs from the source: %v", changes)
	}
	if len(got) < 350 {
		t.Errorf("only %d words on the original page", len(got))
	}
	if bytes.Contains([]byte(html), []byte("<del")) || bytes.Contains([]byte(html), []byte("<ins")) {
		t.Error("the original page shows marks")
	}
}

// TestRealPostGolden pins the real post's page, corrected and original,
// byte for byte (go test -update rewrites the golden files after a
// reviewed change).
func TestRealPostGolden(t *testing.T) {
	mem := buildRepo(t)
	for _, name := range []string{"index.html", "original/index.html"} {
		got := []byte(page(t, mem, realPostPath+name))
		golden := "testdata/golden-real/" + strings.ReplaceAll(name, "/", "-")
		if *update {
			if err := os.MkdirAll("testdata/golden-real", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff)", name, golden)
		}
	}
}
