package importer

import (
	"strings"
	"testing"
)

// TestTextScrape checks the furniture rules on text scrapes of other
// pages than ours: other blogs, other bylines, other comment widgets.
func TestTextScrape(t *testing.T) {
	tests := []struct {
		name string
		give string
		url  string
		want Post   // metadata; Body, Slug and Site are checked apart
		body string // the expected Markdown body
	}{
		{
			name: "the shape of our source",
			give: "Pages\n\nTuesday, June 3, 2014\n\nA headline\n\nWant China Times, Staff Reporter 2014-06-02\n\nA caption,\nwrapped. (Photo/CFP)\n\nFirst paragraph. Second sentence.\n\nSecond paragraph.\n\nRelated Article:\n\n\nNo comments:\n\nPost a Comment\n\nNote: Only a member of this blog may post a comment.",
			want: Post{Title: "A headline", Author: "Staff Reporter", Publication: "Want China Times", Date: "2014-06-02", Republished: "2014-06-03", Description: "First paragraph."},
			body: "> [!figure]\n> A caption, wrapped. (Photo/CFP)\n\nFirst paragraph. Second sentence.\n\nSecond paragraph.\n",
		},
		{
			name: "By byline, no menu, comments with replies",
			give: "June 3, 2014\n\nBanks move to the cloud\n\nBy Jane Doe\n\nBanks are moving.\n\n2 comments:\n\nAnonymous said...\n\nGreat post!\n\nPost a Comment",
			want: Post{Title: "Banks move to the cloud", Author: "Jane Doe", Date: "2014-06-03", Description: "Banks are moving."},
			body: "Banks are moving.\n",
		},
		{
			name: "agency and date",
			give: "Cloud deal signed\n\nReuters, 2014-06-02\n\nThe deal was signed on Monday.",
			want: Post{Title: "Cloud deal signed", Publication: "Reuters", Date: "2014-06-02", Description: "The deal was signed on Monday."},
			body: "The deal was signed on Monday.\n",
		},
		{
			name: "by name, publication and long date",
			give: "Headline here\n\nBy Jane Doe, The Standard | Monday, June 2, 2014\n\nText.",
			want: Post{Title: "Headline here", Author: "Jane Doe", Publication: "The Standard", Date: "2014-06-02", Description: "Text."},
			body: "Text.\n",
		},
		{
			name: "a related list with links stays; blog footer goes",
			give: "Headline\n\nXinhua 2014-06-02\n\nBody text (Xinhua) here.\n\nRelated Articles:\n\nChina bans Windows 8\n\nNewer Post Older Post Home\n\nSubscribe to: Post Comments (Atom)\n\nLabels: China, Tech\n\nPowered by Blogger.",
			want: Post{Title: "Headline", Publication: "Xinhua", Date: "2014-06-02", Description: "Body text (Xinhua) here."},
			body: "Body text (Xinhua) here.\n\nRelated Articles:\n\nChina bans Windows 8\n",
		},
		{
			name: "no byline: the first line is not taken for one",
			give: "Pages\n\nHeadline\n\nThe meeting was held on June 2, 2014\n\nMore text.",
			want: Post{Title: "Headline", Description: "The meeting was held on June 2, 2014"},
			body: "The meeting was held on June 2, 2014\n\nMore text.\n",
		},
		{
			name: "caption credit forms",
			give: "Headline\n\nBy Jane Doe\n\nA man walks. (Photo: Reuters)\n\nText one.\n\nA crowd in Beijing, June 4. Photo: AP\n\nText two.",
			want: Post{Title: "Headline", Author: "Jane Doe", Description: "Text one."},
			body: "> [!figure]\n> A man walks. (Photo: Reuters)\n\nText one.\n\n> [!figure]\n> A crowd in Beijing, June 4. Photo: AP\n\nText two.\n",
		},
		{
			name: "Chinese scrape: lines joined without spaces",
			give: "阿里云获青睐\n\n新华社 2014年6月2日\n\n近百家金融机构\n已转用阿里云。第二句。\n\n马云出席会议。（图／CFP）",
			want: Post{Title: "阿里云获青睐", Publication: "新华社", Date: "2014-06-02", Description: "近百家金融机构已转用阿里云。"},
			body: "近百家金融机构已转用阿里云。第二句。\n\n> [!figure]\n> 马云出席会议。（图／CFP）\n",
		},
		{
			name: "CRLF line endings and a byte order mark",
			give: "\uFEFFHeadline\r\n\r\nBy Jane Doe\r\n\r\nOne line\r\nwrapped.\r\n",
			want: Post{Title: "Headline", Author: "Jane Doe", Description: "One line wrapped."},
			body: "One line wrapped.\n",
		},
		{
			name: "text that looks like Markdown or HTML stays literal",
			give: "Headline\n\nBy Jane Doe\n\n# not a heading <b>not bold</b>\n\n1. not a list",
			want: Post{Title: "Headline", Author: "Jane Doe", Description: "# not a heading <b>not bold</b>"},
			body: "\\# not a heading \\<b>not bold\\</b>\n\n1\\. not a list\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Import([]byte(tt.give), Options{URL: tt.url})
			if err != nil {
				t.Fatal(err)
			}
			got := Post{Title: p.Title, Author: p.Author, Publication: p.Publication, Date: p.Date, Republished: p.Republished, Description: p.Description}
			if got.Title != tt.want.Title || got.Author != tt.want.Author || got.Publication != tt.want.Publication ||
				got.Date != tt.want.Date || got.Republished != tt.want.Republished || got.Description != tt.want.Description {
				t.Errorf("metadata:\n got %+v\nwant %+v", got, tt.want)
			}
			if p.Body != tt.body {
				t.Errorf("body:\n%s\nwant:\n%s", p.Body, tt.body)
			}
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		give string
		want bool
	}{
		{"<!DOCTYPE html><html>", true},
		{"\uFEFF\n  <html lang=en>", true},
		{"<?xml version=\"1.0\"?><html>", true},
		{"<!-- saved from url -->", true},
		{"<p>hello", true},
		{"Pages\n\nTuesday", false},
		{"< 3 is less than 4", false},
		{"<3 love", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := looksLikeHTML([]byte(tt.give)); got != tt.want {
			t.Errorf("looksLikeHTML(%q) = %v, want %v", tt.give, got, tt.want)
		}
	}
}

func TestTextToHTML(t *testing.T) {
	got := string(textToHTML([]byte("a\nb\n\n \n<c> & d\n\n\n日本\n語\n\nend")))
	for _, want := range []string{"<p>a b</p>", "<p>&lt;c&gt; &amp; d</p>", "<p>日本語</p>", "<p>end</p>"} {
		if !strings.Contains(got, want) {
			t.Errorf("textToHTML lacks %s:\n%s", want, got)
		}
	}
}

func TestParseByline(t *testing.T) {
	tests := []struct {
		give string
		want byline
		ok   bool
	}{
		{"Want China Times, Staff Reporter 2014-06-02", byline{Author: "Staff Reporter", Publication: "Want China Times", Date: "2014-06-02"}, true},
		{"Reuters, 2014-06-02", byline{Publication: "Reuters", Date: "2014-06-02"}, true},
		{"Staff Reporter 2014-06-02", byline{Author: "Staff Reporter", Date: "2014-06-02"}, true},
		{"By Jane Doe", byline{Author: "Jane Doe"}, true},
		{"by Jane Doe and John Roe", byline{Author: "Jane Doe and John Roe"}, true},
		{"By Jane Doe, Reuters", byline{Author: "Jane Doe", Publication: "Reuters"}, true},
		{"By Jane Doe | June 2, 2014", byline{Author: "Jane Doe", Date: "2014-06-02"}, true},
		{"By Jane Doe, published on June 2, 2014", byline{Author: "Jane Doe", Date: "2014-06-02"}, true},
		{"Von Jana Müller, dpa", byline{Author: "Jana Müller", Publication: "dpa"}, true},
		{"2014年6月2日 09:15 来源：商业新闻网", byline{Publication: "商业新闻网", Date: "2014-06-02"}, true},
		{"June 2, 2014 | Source: AP", byline{Publication: "AP", Date: "2014-06-02"}, true},
		// not bylines
		{"Tuesday, June 3, 2014", byline{}, false},
		{"The meeting was held on June 2, 2014", byline{}, false},
		{"Chinese banks ditch US providers for Alibaba's Aliyun", byline{}, false},
		{"By the time the ferry arrived, everyone had left.", byline{}, false},
		{"Nearly a hundred banks. They switched on 2014-06-02", byline{}, false},
		{"June 2, 2014 09:15", byline{}, false},
	}
	for _, tt := range tests {
		got, ok := parseByline(tt.give)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseByline(%q) = %+v, %v; want %+v, %v", tt.give, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFurnitureWords(t *testing.T) {
	for _, s := range []string{"No comments:", "1 comment:", "12 comments:", "Post a Comment", "Leave a Reply", "3 thoughts on “The last ferry”"} {
		if !commentHeader.MatchString(s) {
			t.Errorf("commentHeader does not match %q", s)
		}
	}
	for _, s := range []string{"Note: Only a member of this blog may post a comment.", "Related Article:", "Related Articles:", "Related", "Read more:", "Newer Post Older Post Home", "Home", "Labels: China, Tech", "Posted by Cempaka at 8:12 AM", "Subscribe to: Post Comments (Atom)", "Powered by Blogger.", "Email ThisBlogThis!Share to TwitterShare to FacebookShare to Pinterest"} {
		if !trailingFurniture.MatchString(s) {
			t.Errorf("trailingFurniture does not match %q", s)
		}
	}
	for _, s := range []string{"Related articles were not found in the archive.", "Home prices rose again.", "Comments are closed for this story, the editor said.", "Comments"} {
		if commentHeader.MatchString(s) || trailingFurniture.MatchString(s) {
			t.Errorf("%q is taken for furniture", s)
		}
	}
	for _, s := range []string{"Alibaba founder Jack Ma attends a strategy session in Hangzhou, Zhejiang province, May 27. (Photo/CFP)", "A man. (Photo: Reuters)", "A man. (File photo/Xinhua)", "马云出席会议。（图／CFP）", "A crowd. Photo: AP", "Idle cranes. (Getty Images)"} {
		if !credit.MatchString(s) {
			t.Errorf("credit does not match %q", s)
		}
	}
	for _, s := range []string{"The company said so (Xinhua).", "He took a photo (see below) of it.", "Photo: the caption is above."} {
		if credit.MatchString(s) {
			t.Errorf("credit matches %q", s)
		}
	}
}
