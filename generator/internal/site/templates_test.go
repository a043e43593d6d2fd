package site

import (
	"html/template"
	"testing"
)

// TestCachedRendersOncePerData checks that cached runs a fragment once for
// each distinct data value and gives the same HTML after.
func TestCachedRendersOncePerData(t *testing.T) {
	runs := 0
	set := template.Must(template.New("t").Funcs(template.FuncMap{"count": func() int { runs++; return runs }}).
		Parse(`{{define "f"}}<a href="{{.Root}}index.html">run {{count}}</a>{{end}}`))
	f := &fragments{set: set, done: map[fragmentKey]template.HTML{}}
	tests := []struct {
		frame Frame
		want  template.HTML
	}{
		{Frame{Root: "../"}, `<a href="../index.html">run 1</a>`},
		{Frame{Root: "../"}, `<a href="../index.html">run 1</a>`}, // cached
		{Frame{Root: ""}, `<a href="index.html">run 2</a>`},
		{Frame{Root: "../"}, `<a href="../index.html">run 1</a>`}, // still cached
	}
	for i, tt := range tests {
		got, err := f.render("f", tt.frame)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("call %d: got %s, want %s", i+1, got, tt.want)
		}
	}
	if runs != 2 {
		t.Errorf("the fragment ran %d times, want 2", runs)
	}
	// The cache is bounded: past fragmentsKept it starts over.
	for i := range fragmentsKept + 1 {
		if _, err := f.render("f", Frame{Root: string(rune('a' + i%26)), Home: string(rune(i))}); err != nil {
			t.Fatal(err)
		}
	}
	if len(f.done) > fragmentsKept {
		t.Errorf("the cache holds %d fragments, more than %d", len(f.done), fragmentsKept)
	}
}
