package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"reprint/generator/internal/cli"
	"reprint/generator/internal/synthetic"
)

var update = flag.Bool("update", false, "rewrite the cmp targets inside testdata/script/*.txtar")

// TestMain makes the test binary double as the generator command, so
// scripts run the real CLI in a separate process, exit status included.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"generator": func() { os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the end-to-end CLI scripts in testdata/script. Each
// script starts in a fresh $WORK holding a copy of the project's
// templates/ and static/ (so scripts only write the content they test),
// and may use two extra commands:
//
//	snapshot DIR           remember a hash of every file and folder under DIR
//	unchanged DIR          fail unless DIR is exactly as at its snapshot
//	replace FILE OLD NEW   replace the one occurrence of OLD in FILE by NEW
//	bigfile FILE MB        write a post of MB megabytes (front matter, then text)
//
// and the condition [root], true when the tests run as root (who can read
// any file, so a chmod 000 file is readable).
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			for _, dir := range []string{"templates", "static"} {
				if err := os.CopyFS(filepath.Join(env.WorkDir, dir), os.DirFS(filepath.Join("..", dir))); err != nil {
					return err
				}
			}
			env.Setenv("REPO", mustAbs(".."))
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"snapshot":  snapshotCmd,
			"unchanged": unchangedCmd,
			"replace":   replaceCmd,
			"bigfile":   bigfileCmd,
		},
	})
}

func mustAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		panic(err)
	}
	return abs
}

func snapshotCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: snapshot DIR")
	}
	ts.Setenv("SNAPSHOT_"+envKey(args[0]), treeHash(ts, ts.MkAbs(args[0])))
}

func unchangedCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: unchanged DIR")
	}
	want := ts.Getenv("SNAPSHOT_" + envKey(args[0]))
	if want == "" {
		ts.Fatalf("no snapshot of %s", args[0])
	}
	same := treeHash(ts, ts.MkAbs(args[0])) == want
	if same == neg {
		ts.Fatalf("%s changed: %v", args[0], !same)
	}
}

func envKey(dir string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, dir)
}

func replaceCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	name := ts.MkAbs(args[0])
	data, err := os.ReadFile(name)
	ts.Check(err)
	if n := strings.Count(string(data), args[1]); n != 1 {
		ts.Fatalf("%s holds %q %d times, want once", args[0], args[1], n)
	}
	ts.Check(os.WriteFile(name, []byte(strings.Replace(string(data), args[1], args[2], 1)), 0o644))
}

func bigfileCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bigfile FILE MB")
	}
	var mb int
	if _, err := fmt.Sscan(args[1], &mb); err != nil {
		ts.Fatalf("bigfile: %v", err)
	}
	line := strings.Repeat("All work and no play makes a long article. ", 20) + "\n\n"
	var b strings.Builder
	b.WriteString("---\ntitle: Big\ndate: 2014-06-02\n---\n")
	for b.Len() < mb<<20 {
		b.WriteString(line)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b.String()), 0o644))
}

// treeHash is synthetic.TreeHash, failing the script on an error.
func treeHash(ts *testscript.TestScript, dir string) string {
	h, err := synthetic.TreeHash(dir)
	if err != nil {
		ts.Fatalf("hash %s: %v", dir, err)
	}
	return h
}
