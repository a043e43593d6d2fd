package site

import (
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"

	"reprint/generator/internal/output"
	"reprint/generator/internal/synthetic"
)

func TestProf(t *testing.T) {
	dir := "/dev/shm/prof1k"
	if _, err := os.Stat(dir); err != nil {
		if err := synthetic.Project(dir, "../../..", realPost(t), 1000); err != nil {
			t.Fatal(err)
		}
	}
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	for range 5 {
		stage, _ := output.Stage(filepath.Join(dir, "public"))
		if _, err := Build(Options{Root: dir}, stage); err != nil {
			t.Fatal(err)
		}
		stage.Commit()
	}
	pprof.StopCPUProfile()
}
