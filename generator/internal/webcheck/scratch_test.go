package webcheck

import (
	"context"
	"encoding/json"
	"testing"
)

func TestScratch(t *testing.T) {
	b, err := StartBrowser("/usr/bin/chromium")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	s, _ := serve("testdata/good", "/")
	defer s.Close()
	for _, p := range []string{"2014/06/sample-post/index.html", "2014/06/sample-post.html"} {
		fu, _ := fileURL("testdata/good", p)
		for _, u := range []string{s.pageURL(p), fu, "https://example.com/"} {
			v, err := b.open(context.Background(), u, View{375, false}, nil)
			if err != nil {
				t.Log(err)
				continue
			}
			j, _ := json.MarshalIndent(v, "", " ")
			t.Logf("%s", j)
			t.Log(v.failed())
		}
	}
}
