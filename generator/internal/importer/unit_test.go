package importer

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ give, want string }{
		{"Chinese banks ditch US providers for Alibaba's Aliyun", "chinese-banks-ditch-us-providers-for-alibabas-aliyun"},
		{"Alibaba’s “Aliyun” — the cloud!", "alibabas-aliyun-the-cloud"},
		{"Überwachung: Chinas Banken kehren IBM den Rücken", "uberwachung-chinas-banken-kehren-ibm-den-rucken"},
		{"Straße & Café", "strasse-cafe"},
		{"US$1.6 billion", "us-1-6-billion"},
		{"  --Top 10 banks--  ", "top-10-banks"},
		{"阿里云获近百家金融机构青睐", ""},
		{"阿里云 IOE 2014", "ioe-2014"},
		{"", ""},
		{strings.Repeat("word ", 40), strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
		{strings.Repeat("x", 100), strings.Repeat("x", 80)},
	}
	for _, tt := range tests {
		if got := slugify(tt.give); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.give, got, tt.want)
		}
	}
	if got := urlSlug("https://news.example.cn/finance/20140602/123456.html?x=1"); got != "123456" {
		t.Errorf("urlSlug = %q, want 123456", got)
	}
}

func TestFirstSentence(t *testing.T) {
	tests := []struct{ give, want string }{
		{"One sentence only", "One sentence only"},
		{"First one. Second one.", "First one."},
		{"Mr. Lau met Dr. Chan in the U.S. on Monday. Then he left.", "Mr. Lau met Dr. Chan in the U.S. on Monday."},
		{"J. R. Smith said so. Then more.", "J. R. Smith said so."},
		{`He said "stop." Then he went.`, `He said "stop."`},
		{"It costs US$1.6 billion. Really.", "It costs US$1.6 billion."},
		{"Is it? Yes.", "Is it?"},
		{"1. This starts like a list. Then text.", "1. This starts like a list."},
		{"Signal No. 8 is up. Ferries stop.", "Signal No. 8 is up."},
		{"近百家金融机构已转用阿里云。第二句。", "近百家金融机构已转用阿里云。"},
		{"lower case after. period stays", "lower case after. period stays"},
	}
	for _, tt := range tests {
		if got := firstSentence(tt.give); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.give, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ give, want string }{
		{"2014-06-02", "2014-06-02"},
		{"2014/6/2", "2014-06-02"},
		{"Tuesday, June 3, 2014", "2014-06-03"},
		{"June 3, 2014", "2014-06-03"},
		{"Jun. 3 2014", "2014-06-03"},
		{"3 June 2014", "2014-06-03"},
		{"3rd June, 2014", "2014-06-03"},
		{"Dienstag, 3. Juni 2014", "2014-06-03"},
		{"3. März 2014", "2014-03-03"},
		{"2014年6月2日", "2014-06-02"},
		{"2014年6月2日（星期一）", "2014-06-02"},
		{"  June   3,\n2014 ", "2014-06-03"},
		// not dates
		{"2014-02-30", ""},
		{"2014-13-01", ""},
		{"Juneteenth 3, 2014", ""},
		{"June 3", ""},
		{"Posted June 3, 2014 by me", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.give)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("parseDate(%q) = %q, %v; want %q", tt.give, got, ok, tt.want)
		}
	}
	for give, want := range map[string]string{
		"2014-06-02T23:30:00-07:00": "2014-06-02",
		"2014-06-02T01:00:00Z":      "2014-06-02",
		"2014-06-02 08:00":          "2014-06-02",
		"June 2, 2014":              "2014-06-02",
		"yesterday":                 "",
	} {
		if got, _ := parseDateTime(give); got != want {
			t.Errorf("parseDateTime(%q) = %q, want %q", give, got, want)
		}
	}
	for give, want := range map[string]string{
		"Posted on June 3, 2014":         "2014-06-03",
		"Published: 2014-06-03":          "2014-06-03",
		"发布时间：2014年6月3日":                 "2014-06-03",
		"Veröffentlicht am 3. Juni 2014": "2014-06-03",
	} {
		if got, _ := dateLine(give); got != want {
			t.Errorf("dateLine(%q) = %q, want %q", give, got, want)
		}
	}
}

// TestEscape renders one paragraph of text and checks both the Markdown
// and that goldmark shows the text unchanged.
func TestEscape(t *testing.T) {
	tests := []struct{ give, want string }{
		{"plain text", "plain text"},
		{"1. one", `1\. one`},
		{"1) one", `1\) one`},
		{"1.5 million", "1.5 million"},
		{"2014.", `2014\.`},
		{"# hash", `\# hash`},
		{"####### seven", "####### seven"},
		{"#tag", "#tag"},
		{"- dash", `\- dash`},
		{"-dash", "-dash"},
		{"--", `\--`},
		{"+ plus", `\+ plus`},
		{"* star", `\* star`},
		{"> quote", `\> quote`},
		{"a > b", "a > b"},
		{"===", `\===`},
		{"_under_", `\_under\_`},
		{"snake_case_name", "snake_case_name"},
		{"a *b* c", `a \*b\* c`},
		{"[x](y)", `\[x](y)`},
		{"![x](y)", `!\[x](y)`},
		{`a \ b`, `a \ b`},
		{`a\*b`, `a\\\*b`},
		{`end\`, `end\\`},
		{"<b>", `\<b>`},
		{"</p>", `\</p>`},
		{"<!-- c -->", `\<!-- c -->`},
		{"a < b", "a < b"},
		{"<0@x.org>", `\<0@x.org>`},
		{"1<2", `1\<2`},
		{"&amp; &copy; &#169; &#xA9;", `\&amp; \&copy; \&#169; \&#xA9;`},
		{"AT&T & co", "AT&T & co"},
		{"{--x--} {++y++} {~~a~>b~~} {==h==} {>>n<<}", `\{--x--} \{++y++} \{\~\~a\~>b\~\~} \{==h==} \{>>n\<\<}`},
		{"{braces}", "{braces}"},
		{"a | b", `a \| b`},
		{"`code`", "\\`code\\`"},
		{"~x~", `\~x\~`},
		{"[!figure]", `\[!figure]`},
		{"a\u00a0b", "a b"},
		{"  spaced   out  ", "spaced out"},
	}
	for _, tt := range tests {
		w := &writer{}
		in := w.newInline(false)
		in.text(tt.give)
		got := in.render(true)
		if got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.give, got, tt.want)
			continue
		}
		want := normText(tt.give)
		if shown := plainText(t, []byte(got)); shown != want {
			t.Errorf("goldmark shows %q as %q, want %q", got, shown, want)
		}
	}
}

func TestCodeSpan(t *testing.T) {
	for give, want := range map[string]string{
		"x":        "`x`",
		"a`b":      "``a`b``",
		"`":        "`` ` ``",
		"``a":      "``` ``a ```",
		" padded ": "`  padded  `",
	} {
		if got := codeSpan(give); got != want {
			t.Errorf("codeSpan(%q) = %q, want %q", give, got, want)
		}
	}
}

func TestDestination(t *testing.T) {
	for give, want := range map[string]string{
		"https://x.example/a b":       "https://x.example/a%20b",
		"https://x.example/Foo_(bar)": "https://x.example/Foo_(bar)",
		"https://x.example/a)b":       "https://x.example/a%29b",
		"https://x.example/<a>":       "https://x.example/%3Ca%3E",
		`https://x.example/a\b`:       "https://x.example/a%5Cb",
	} {
		if got := destination(give); got != want {
			t.Errorf("destination(%q) = %q, want %q", give, got, want)
		}
	}
}

// TestFrontMatterRoundTrip: values YAML would misread come back as the
// same strings, and empty fields are left out.
func TestFrontMatterRoundTrip(t *testing.T) {
	nasty := []string{"true", "no", "null", "~", "123", "1e3", "0x1F", "2014-06-02", "a: b", "#1 hit", "- dash", "'quoted'", `"double"`, "back\\slash", "tab\there", "{flow}", "[list]", "&anchor", "*alias", "!tag", "%percent", "@at", "`tick", "|pipe", ">fold", "trailing space ", " leading", "multi\nline", "unicode ✓ 中文", "\u2028sep"}
	for _, v := range nasty {
		p := &Post{Title: v, Author: v, Publication: v, Description: v, URL: v, SourceFile: v, Site: v, Date: "2014-06-02", Republished: v, Aliases: []string{v}, Body: "x\n"}
		md := p.Markdown()
		fm := checkFrontMatter(t, md)
		src, _ := fm["source"].(map[string]any)
		for key, got := range map[string]any{"title": fm["title"], "author": fm["author"], "publication": fm["publication"], "description": fm["description"], "url": src["url"], "file": src["file"], "site": src["site"], "published": src["published"]} {
			if got != v && !(key == "published" && v == "2014-06-02") { // a valid date is a date
				t.Errorf("%s %q came back as %#v:\n%s", key, v, got, md)
			}
		}
		if aliases, _ := fm["aliases"].([]any); len(aliases) != 1 || aliases[0] != v {
			t.Errorf("alias %q came back as %#v", v, fm["aliases"])
		}
	}

	p := &Post{Title: "T", Date: "2014-06-02", Body: "x\n"}
	want := "---\ntitle: \"T\"\ndate: 2014-06-02\n---\n\nx\n"
	if got := string(p.Markdown()); got != want {
		t.Errorf("minimal post:\n%s\nwant:\n%s", got, want)
	}
	var node yaml.Node
	if err := yaml.Unmarshal([]byte("date: 2014-06-02"), &node); err != nil || node.Content[0].Content[1].Tag != "!!timestamp" {
		t.Errorf("a plain date does not read as a YAML date")
	}
}

func TestBaseHref(t *testing.T) {
	src := `<html><head><base href="/blog/"><link rel=canonical href="https://ex.example/2014/x.html"></head>` +
		`<body><article><p>See <a href="y.html">y</a>.</p></article></body></html>`
	p, err := Import([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "See [y](https://ex.example/blog/y.html).\n"; p.Body != want {
		t.Errorf("body = %q, want %q", p.Body, want)
	}
	if p.URL != "https://ex.example/2014/x.html" || len(p.Aliases) != 1 || p.Aliases[0] != "/2014/x.html" {
		t.Errorf("URL %q, aliases %q: want the canonical address and its path", p.URL, p.Aliases)
	}
}

// TestInline pins how HTML inline markup is written.
func TestInline(t *testing.T) {
	tests := []struct{ give, want string }{
		{"<em>a</em> <strong>b</strong> <b><i>c</i></b>", "*a* **b** ***c***"},
		{"<em> spaced </em>x", "*spaced* x"},
		{"a<em>b</em>c", "a*b*c"},
		{`a<em>"q"</em>b`, `a"q"b`},
		{"<em>a</em><em>b</em>", "*ab*"},
		{"<em></em>x<strong> </strong>", "x"},
		{"<b><b>x</b></b>", "**x**"},
		{"<s>old</s>", "~~old~~"},
		{"line<br>break", "line\\\nbreak"},
		{"trailing<br>", "trailing"},
		{"<code>a</code><code>b</code>", "`ab`"},
		{"<code>a `b`</code>", "`` a `b` ``"},
		{"<a href='https://x.example/'>link <em>text</em></a>", "[link *text*](https://x.example/)"},
		{"<a href='https://x.example/'><img src='https://x.example/i.png' alt='i'></a>", "[![i](https://x.example/i.png)](https://x.example/)"},
		{"<a href='javascript:void(0)'>js</a>", "js"},
		{"<a href='#top'>top</a>", "top"},
		{"<q>quoted</q>", `"quoted"`},
		{"<del>a</del><ins>b</ins>", "{~~a~>b~~}"},
		{"<del>a</del> <ins>b</ins>", "{~~a~>b~~}"},
		{"<ins>b</ins><del>a</del>", "{++b++}{--a--}"},
		{"<del> a </del>", "{--a--}"},
		{"<del><del>a</del></del>", "{--a--}"},
		{"<del><s>a</s></del><ins>b</ins>", "{~~a~>b~~}"},
		{"<u>under</u> <font color=red>red</font> <sup>2</sup>", "under red 2"},
		{"<span>a</span><span>b</span>", "ab"},
	}
	for _, tt := range tests {
		p, err := Import([]byte("<html><body><article><p>"+tt.give+"</p></article></body></html>"), Options{})
		if err != nil {
			t.Errorf("%s: %v", tt.give, err)
			continue
		}
		if got := strings.TrimSuffix(p.Body, "\n"); got != tt.want {
			t.Errorf("%s\n got %q\nwant %q", tt.give, got, tt.want)
		}
	}
}
