package webcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// NuMessage is one message of the Nu Html Checker about a file.
type NuMessage struct {
	Type    string `json:"type"`    // "error", "info" or "non-document-error"
	SubType string `json:"subType"` // "warning" for an info that is a warning; "fatal"...
	Line    int    `json:"lastLine"`
	Column  int    `json:"firstColumn"`
	Message string `json:"message"`
	Extract string `json:"extract"`
	URL     string `json:"url"`
}

func (m NuMessage) String() string {
	return fmt.Sprintf("%d:%d: %s", m.Line, m.Column, m.Message)
}

// FileValidity is what the checker said about one HTML or CSS file.
type FileValidity struct {
	File     string // path in the site
	Errors   []NuMessage
	Warnings []NuMessage
	Infos    []NuMessage // neither error nor warning, e.g. "trailing slash on void elements"
}

// ValidityReport is the Nu Html Checker's verdict on every HTML and CSS file
// of a site.
type ValidityReport struct {
	Files []FileValidity
}

// Problems lists every error and warning as "file:line:col: message".
func (r *ValidityReport) Problems() []string {
	var out []string
	for _, f := range r.Files {
		for _, m := range slices.Concat(f.Errors, f.Warnings) {
			kind := "error"
			if m.Type == "info" {
				kind = "warning"
			}
			out = append(out, fmt.Sprintf("%s:%d:%d: %s: %s", f.File, m.Line, m.Column, kind, m.Message))
		}
	}
	return out
}

// Validate runs the Nu Html Checker (java -jar vnu.jar) once over every HTML
// and CSS file of all the sites, because starting the JVM costs seconds and
// checking a page costs milliseconds. Reports come back in the sites' order.
//
// Pages are checked over HTTP from a loopback server, as a static host
// serves them, not as files: the checker applies each page's
// Content-Security-Policy, and for a file (or standard input) it has no
// origin for 'self' to match, so it would flag the site's own stylesheet.
// It refuses loopback addresses unless told otherwise.
func Validate(ctx context.Context, java, vnuJar string, sites ...*Site) ([]*ValidityReport, error) {
	// A short run gains nothing from the JVM's optimising compiler or its
	// parallel collector, and halves its CPU time without them (measured:
	// 7.7 s to 3.3 s user for ~30 files). The quick compiler's deeper stack
	// frames need more than vnu's documented 512k minimum.
	args := []string{"-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
		"-Dnu.validator.servlet.allow-forbidden-hosts=true",
		"-jar", vnuJar, "--format", "json", "--stdout", "--also-check-css"}
	type owner struct {
		report *ValidityReport
		index  map[string]int // absolute path -> index in report.Files
	}
	owners := make([]owner, len(sites))
	byPath := map[string]*owner{}
	for i, s := range sites {
		dir, err := filepath.Abs(s.Dir)
		if err != nil {
			return nil, err
		}
		owners[i] = owner{report: &ValidityReport{}, index: map[string]int{}}
		srv, err := serve(dir, "/")
		if err != nil {
			return nil, err
		}
		defer srv.Close()
		err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".css")) {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			u := srv.pageURL(filepath.ToSlash(rel))
			owners[i].index[u] = len(owners[i].report.Files)
			owners[i].report.Files = append(owners[i].report.Files, FileValidity{File: filepath.ToSlash(rel)})
			byPath[u] = &owners[i]
			args = append(args, u)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	cmd := exec.CommandContext(ctx, java, args...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err := cmd.Run()
	var res struct {
		Messages []NuMessage `json:"messages"`
	}
	if jerr := json.Unmarshal(out.Bytes(), &res); jerr != nil {
		// The checker exits 1 when it finds errors; only output we cannot
		// read means it did not run.
		return nil, fmt.Errorf("run the Nu Html Checker: %v: %v\n%s", err, jerr, stderr.Bytes())
	}
	for _, m := range res.Messages {
		p := m.URL
		o := byPath[p]
		if o == nil {
			return nil, fmt.Errorf("the Nu Html Checker: %s: %s", m.URL, m.Message)
		}
		f := &o.report.Files[o.index[p]]
		switch {
		case m.Type == "info" && m.SubType == "warning":
			f.Warnings = append(f.Warnings, m)
		case m.Type == "info":
			f.Infos = append(f.Infos, m)
		default: // "error", and "non-document-error": the file could not be checked
			f.Errors = append(f.Errors, m)
		}
	}
	reports := make([]*ValidityReport, len(sites))
	for i := range owners {
		reports[i] = owners[i].report
	}
	return reports, nil
}
