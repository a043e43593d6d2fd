package site

import "testing"

func TestTypographic(t *testing.T) {
	for in, want := range map[string]string{
		"Chinese banks ditch US providers for Alibaba's Aliyun": "Chinese banks ditch US providers for Alibaba’s Aliyun",
		`The "get rid of IOE" wave`:                             "The “get rid of IOE” wave",
		"'Quoted' -- and --- more...":                           "‘Quoted’ – and — more…",
		"Plain":                                                 "Plain",
		"Rock 'n' roll in the '90s":                             "Rock ‘n’ roll in the ’90s",
	} {
		if got := typographic(in); got != want {
			t.Errorf("typographic(%q) = %q, want %q", in, got, want)
		}
	}
}
