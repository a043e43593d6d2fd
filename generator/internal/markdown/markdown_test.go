package markdown

import (
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"figure without image", "> [!figure]\n> Caption, wrapped\n> over lines. (Photo/CFP)\n",
			"<figure class=\"no-image\">\n<figcaption>Caption, wrapped\nover lines. (Photo/CFP)</figcaption>\n</figure>\n"},
		{"figure with image", "> [!figure]\n> ![A bank](bank.jpg)\n>\n> The caption.\n",
			"<figure>\n<img src=\"bank.jpg\" alt=\"A bank\">\n<figcaption>The caption.</figcaption>\n</figure>\n"},
		{"figure with two caption paragraphs", "> [!figure]\n> One.\n>\n> Two.\n",
			"<figure class=\"no-image\">\n<figcaption><p>One.</p>\n<p>Two.</p>\n</figcaption>\n</figure>\n"},
		{"plain quote stays a quote", "> Just a quote.\n", "<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n"},
		{"marker not first", "> Text\n> [!figure]\n", "<blockquote>\n<p>Text\n[!figure]</p>\n</blockquote>\n"},
		{"typography as characters", "It's \"so\" -- and --- yes...\n", "<p>It’s “so” – and — yes…</p>\n"},
		{"raw HTML dropped", "a <b>b</b>\n", "<p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --></p>\n"},
		{"table", "| a |\n|---|\n| b |\n", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n"},
		{"heading id", "## Hello world\n", "<h2 id=\"hello-world\">Hello world</h2>\n"},
		{"external link", "[a](https://e.org/) and [b](other.html)\n", "<p><a href=\"https://e.org/\" rel=\"noopener noreferrer\">a</a> and <a href=\"other.html\">b</a></p>\n"},
	}
	c := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := c.Convert([]byte(tt.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if string(doc.HTML) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", doc.HTML, tt.want)
			}
		})
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		src  string
		want []Problem
	}{
		{"fine [link](https://e.org/) and <https://e.org/>\n", nil},
		{"<div>\nblock\n</div>\n", []Problem{{0, `raw HTML is not published: write it in Markdown (a figure is a "> [!figure]" block)`}}},
		{"a <span>x</span>\n", []Problem{{2, `raw HTML "<span>" is not published: write it in Markdown`}, {9, `raw HTML "</span>" is not published: write it in Markdown`}}},
		{"x [click](javascript:alert(1))\n", []Problem{{2, `link to "javascript:alert(1)" is not published: javascript links can run code or hide content; link to an http(s) page instead`}}},
		{"[a](VBScript:x)\n", []Problem{{0, `link to "VBScript:x" is not published: vbscript links can run code or hide content; link to an http(s) page instead`}}},
		{"![i](data:text/html;base64,xx)\n", []Problem{{0, `link to "data:text/html;base64,xx" is not published: data links can run code or hide content; link to an http(s) page instead`}}},
		{"`<b>` in code is fine\n", nil},
		{"[x](java&#115;cript:alert(1))\n", []Problem{{0, `link to "java&#115;cript:alert(1)" is not published: javascript links can run code or hide content; link to an http(s) page instead`}}},
		{"[x](javascript&colon;alert(1))\n", []Problem{{0, `link to "javascript&colon;alert(1)" is not published: javascript links can run code or hide content; link to an http(s) page instead`}}},
		{"[x](&#106;avascript:alert(1))\n", []Problem{{0, `link to "&#106;avascript:alert(1)" is not published: javascript links can run code or hide content; link to an http(s) page instead`}}},
		{"[x](<\tJAVASCRIPT:alert(1)>)\n", []Problem{{0, `link to "\tJAVASCRIPT:alert(1)" is not published: javascript links can run code or hide content; link to an http(s) page instead`}}},
		{"[x](File:///etc/passwd)\n", []Problem{{0, `link to "File:///etc/passwd" is not published: file links can run code or hide content; link to an http(s) page instead`}}},
		{"[x](https://e.org/javascript:x) [y](#data:z) [z](/vbscript:)\n", nil},
	}
	c := New()
	for _, tt := range tests {
		doc, err := c.Convert([]byte(tt.src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Problems) != len(tt.want) {
			t.Errorf("%q: problems %v, want %v", tt.src, doc.Problems, tt.want)
			continue
		}
		for i := range tt.want {
			if doc.Problems[i] != tt.want[i] {
				t.Errorf("%q: problem %d = %v, want %v", tt.src, i, doc.Problems[i], tt.want[i])
			}
		}
	}
}

func TestVisibleText(t *testing.T) {
	html := `<p>One <span class="sr-only">hidden</span>two</p><figure><figcaption>Cap</figcaption></figure><p>Three<br>four</p>`
	got := strings.Join(strings.Fields(VisibleText(html)), " ")
	if got != "One two Cap Three four" {
		t.Errorf("got %q", got)
	}
	if w := Words("It’s “so” – yes…"); strings.Join(w, "|") != `It's|"so"|-|yes...` {
		t.Errorf("Words = %q", w)
	}
}

func FuzzConvert(f *testing.F) {
	for _, s := range []string{"> [!figure]\n> cap\n", "> [!figure]\n", "> [!figure]\n> ![a](b)\n", "[x](javascript:y)", "<b>x</b>", "a\n\n> [!figure]\n> > nested\n"} {
		f.Add(s)
	}
	c := New()
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := c.Convert([]byte(src), Options{})
		if err != nil {
			return
		}
		for _, p := range doc.Problems {
			if p.Offset < 0 || p.Offset > len(src) {
				t.Fatalf("problem offset %d outside the source", p.Offset)
			}
		}
		if strings.Contains(string(doc.HTML), "<script") {
			t.Fatalf("script in output: %s", doc.HTML)
		}
	})
}
