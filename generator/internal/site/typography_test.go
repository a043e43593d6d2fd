package site

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

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

// TestTypographicSameAsRuneByRune compares typographic with the plain
// version it replaced, which looked at the runes around every rune.
func TestTypographicSameAsRuneByRune(t *testing.T) {
	pieces := []string{"'", `"`, "-", "--", "---", ".", "...", " ", "(", "[", "{", "“", "‘", "—", "–", "9", "a", "é", "\t", "\xff", "\xe2\x80"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if got, want := typographic(b.String()), runeByRune(b.String()); got != want {
			t.Fatalf("typographic(%q) = %q, want %q", b.String(), got, want)
		}
	}
}

func runeByRune(s string) string {
	if !strings.ContainsAny(s, `'"-.`) {
		return s
	}
	s = dashesAndEllipses.Replace(s)
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		prev := ' '
		if i > 0 {
			prev = rs[i-1]
		}
		opening := unicode.IsSpace(prev) || strings.ContainsRune("([{“‘—–", prev)
		elision := i+1 < len(rs) && unicode.IsDigit(rs[i+1])
		switch {
		case r == '\'' && elision:
			b.WriteRune('’')
		case r == '\'' && opening:
			b.WriteRune('‘')
		case r == '\'':
			b.WriteRune('’')
		case r == '"' && opening:
			b.WriteRune('“')
		case r == '"':
			b.WriteRune('”')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
