package importer

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates are written by people in many shapes; the post needs one,
// YYYY-MM-DD. The parsers here accept the shapes found on news pages and
// blogs in the languages of our corpus (English, German, Chinese) and
// refuse impossible days. A time of day or a zone is dropped, not
// converted: "2014-06-02T23:30:00-07:00" was written on June 2 where it
// was written, and that is the day the article carries.

var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "januar": 1, "jänner": 1,
	"february": 2, "feb": 2, "februar": 2,
	"march": 3, "mar": 3, "märz": 3, "maerz": 3, "mär": 3,
	"april": 4, "apr": 4,
	"may": 5, "mai": 5,
	"june": 6, "jun": 6, "juni": 6,
	"july": 7, "jul": 7, "juli": 7,
	"august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "oktober": 10, "okt": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12, "dezember": 12, "dez": 12,
}

// weekday matches an optional leading day name ("Tuesday, ", "Di., ",
// "星期二 ") so that Blogger's date headers parse.
const weekday = `(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so)\.?,?\s+)?`

var (
	// 2014-06-02, 2014/6/2, 2014.06.02
	numericDate = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	// June 2, 2014 / Jun. 2 2014 / Tuesday, June 3, 2014
	monthFirst = regexp.MustCompile(`(?i)^` + weekday + `(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	// 2 June 2014 / 2. Juni 2014 / Dienstag, 3. Juni 2014
	dayFirst = regexp.MustCompile(`(?i)^` + weekday + `(\d{1,2})(?:st|nd|rd|th|\.)?\s+(\p{L}+)\.?,?\s+(\d{4})$`)
	// 2014年6月2日 (星期一)
	cjkDate = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*[（(]?(?:星期|周|週)[一二三四五六日天][）)]?)?$`)
	// the date part of an ISO 8601 date-time, as in article:published_time
	isoPrefix = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$`)
)

// parseDate reads s, all of it, as a calendar day and returns it as
// YYYY-MM-DD.
func parseDate(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if m := numericDate.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := cjkDate.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := monthFirst.FindStringSubmatch(s); m != nil {
		if mon, ok := monthNames[strings.ToLower(m[1])]; ok {
			return ymd(m[3], strconv.Itoa(int(mon)), m[2])
		}
	}
	if m := dayFirst.FindStringSubmatch(s); m != nil {
		if mon, ok := monthNames[strings.ToLower(m[2])]; ok {
			return ymd(m[3], strconv.Itoa(int(mon)), m[1])
		}
	}
	return "", false
}

// parseDateTime reads a machine-readable date or date-time (meta tags,
// JSON-LD, <time datetime>, Blogger's abbr title) and keeps its day.
func parseDateTime(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if m := isoPrefix.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	return parseDate(s)
}

// trailingDate finds a date at the end of s ("Staff Reporter 2014-06-02",
// "By Jane Doe | June 2, 2014") and returns s without it.
func trailingDate(s string) (rest, date string, ok bool) {
	words := strings.Fields(s)
	// Dates are one to five words long ("Tuesday, June 3, 2014" is four).
	for n := min(5, len(words)); n >= 1; n-- {
		if d, ok := parseDate(strings.Join(words[len(words)-n:], " ")); ok {
			return strings.Join(words[:len(words)-n], " "), d, true
		}
	}
	return s, "", false
}

// leadingDate finds a date at the start of s ("2014年6月2日 09:15 来源：X")
// and returns s without it.
func leadingDate(s string) (rest, date string, ok bool) {
	words := strings.Fields(s)
	for n := min(5, len(words)); n >= 1; n-- {
		if d, ok := parseDate(strings.Join(words[:n], " ")); ok {
			return strings.Join(words[n:], " "), d, true
		}
	}
	return s, "", false
}

func ymd(y, m, d string) (string, bool) {
	year, err1 := strconv.Atoi(y)
	month, err2 := strconv.Atoi(m)
	day, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil || year < 1000 || month < 1 || month > 12 || day < 1 {
		return "", false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day { // February 30 rolls over; refuse it
		return "", false
	}
	return t.Format(time.DateOnly), true
}
