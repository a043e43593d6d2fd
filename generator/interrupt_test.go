package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"reprint/generator/internal/synthetic"
)

// TestInterruptedBuild kills a 10,000-post build with SIGKILL at random
// moments, 20 times, and checks each time that public/ is the complete old
// site or the complete new one, never a mix and never missing.
func TestInterruptedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10,000-post site 20 times; skipped with -short")
	}
	work := synthetic.Scratch(t)
	bin := filepath.Join(work, "generator")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	project := filepath.Join(work, "site")
	body := []byte("> [!figure]\n> A caption. (Photo/CFP)\n\nA paragraph of the post, long enough to be an article paragraph and to take some time to render.\n\nAnother paragraph with \"quotes\" -- and dashes.\n")
	if err := synthetic.Project(project, "..", body, 10000); err != nil {
		t.Fatal(err)
	}
	siteYAML := filepath.Join(project, "content", "site.yaml")
	original, err := os.ReadFile(siteYAML)
	if err != nil {
		t.Fatal(err)
	}
	variant := func(v int) {
		t.Helper()
		data := strings.Replace(string(original), "title: Synthetic", fmt.Sprintf("title: Synthetic %c", 'A'+v), 1)
		if err := os.WriteFile(siteYAML, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func() time.Duration {
		t.Helper()
		start := time.Now()
		if out, err := exec.Command(bin, "-root", project).CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
		return time.Since(start)
	}
	public := filepath.Join(project, "public")
	// The two complete sites, A and B, and how long a build takes.
	var hashes [2]string
	var took time.Duration
	for v := range 2 {
		variant(v)
		took = build()
		hashes[v] = dirHash(t, public)
	}
	t.Logf("a full build of 10,000 posts takes %v", took)
	current := 1 // public/ now holds site B
	rng := rand.New(rand.NewPCG(1, 2))
	outcomes := map[string]int{}
	for i := range 20 {
		next := 1 - current
		variant(next)
		cmd := exec.Command(bin, "-root", project)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Anywhere from the start to well past the usual end, so that both
		// outcomes occur.
		time.Sleep(time.Duration(rng.Int64N(int64(took) * 3 / 2)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		switch dirHash(t, public) {
		case hashes[current]:
			outcomes["old site"]++
		case hashes[next]:
			outcomes["new site"]++
			current = next
		default:
			t.Fatalf("run %d: public/ is neither the old site nor the new one", i+1)
		}
	}
	t.Logf("20 interrupted builds: %v", outcomes)
	// The next build cleans up what the killed ones left.
	variant(current)
	build()
	entries, _ := os.ReadDir(project)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".reprint-staging-") {
			t.Errorf("staging folder %s left after a successful build", e.Name())
		}
	}
}

// dirHash is synthetic.TreeHash of dir, or a description of why there is
// none (a missing public/ must not match any complete site).
func dirHash(t *testing.T, dir string) string {
	t.Helper()
	h, err := synthetic.TreeHash(dir)
	if err != nil {
		return "missing: " + err.Error()
	}
	return h
}
