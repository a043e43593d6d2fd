package importer

import (
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSlug bounds the file name a title can produce; a headline that runs
// on is cut at a word boundary rather than mid-word.
const maxSlug = 80

// slugify makes the file and URL name of a post from its title: lowercase
// ASCII words joined by "-". Apostrophes vanish inside words
// ("Alibaba's" → "alibabas") because "alibaba-s" reads as two words;
// accented Latin letters lose their accents; other scripts give no words,
// and then the caller falls back to the source URL.
func slugify(title string) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range title {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
			// part of the word: drop it
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			w.WriteRune(unicode.ToLower(r))
		case foldLatin[r] != "":
			w.WriteString(foldLatin[r])
		default:
			flush()
		}
	}
	flush()
	s := ""
	for _, word := range words {
		if s != "" && len(s)+1+len(word) > maxSlug {
			break
		}
		if s != "" {
			s += "-"
		}
		s += word
	}
	if len(s) > maxSlug {
		s = strings.Trim(s[:maxSlug], "-")
	}
	return s
}

// urlSlug names a post whose title has no ASCII words after the last
// element of its source URL ("/news/2014/0602-123.html" → "0602-123").
func urlSlug(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	base := path.Base(strings.TrimSuffix(u.Path, "/"))
	if base == "." || base == "/" {
		return ""
	}
	if ext := path.Ext(base); ext != "" {
		base = strings.TrimSuffix(base, ext)
	}
	return slugify(base)
}

// foldLatin maps accented Latin letters to ASCII, the way they are
// written when the accent is not available.
var foldLatin = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d"}
	groups := map[string]string{
		"a": "àáâãäåāăąÀÁÂÃÄÅĀĂĄ", "c": "çćĉċčÇĆĈĊČ", "e": "èéêëēĕėęěÈÉÊËĒĔĖĘĚ",
		"g": "ĝğġģĜĞĠĢ", "i": "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ", "n": "ñńņňÑŃŅŇ", "o": "òóôõöōŏőÒÓÔÕÖŌŎŐ",
		"s": "śŝşšŚŜŞŠș", "t": "ţťŢŤț", "u": "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ", "y": "ýÿŷÝŸŶ", "z": "źżžŹŻŽ",
	}
	for ascii, letters := range groups {
		for _, r := range letters {
			m[r] = ascii
		}
	}
	return m
}()
