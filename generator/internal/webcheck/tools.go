package webcheck

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Tools says where the programs the checks run are. A field is "" when its
// tool is not on this machine; .ci/install-tools installs all of them.
type Tools struct {
	Chromium string // Debian's chromium: axe-core, links, weight, screenshots
	Java     string // runs the Nu Html Checker
	VnuJar   string // .ci/node_modules/vnu-jar/build/dist/vnu.jar
	AxeJS    string // .ci/node_modules/axe-core/axe.min.js
}

// FindTools looks for the tools on PATH and under root/.ci/node_modules,
// where `npm ci --prefix .ci` puts the pinned Node packages.
func FindTools(root string) Tools {
	var t Tools
	t.Chromium, _ = exec.LookPath("chromium")
	t.Java, _ = exec.LookPath("java")
	if p := filepath.Join(root, ".ci", "node_modules", "vnu-jar", "build", "dist", "vnu.jar"); isFile(p) {
		t.VnuJar = p
	}
	if p := filepath.Join(root, ".ci", "node_modules", "axe-core", "axe.min.js"); isFile(p) {
		t.AxeJS = p
	}
	return t
}

// Need returns an error naming each tool in names ("chromium", "java",
// "vnu.jar", "axe.min.js") that is missing, and how to install it.
func (t Tools) Need(names ...string) error {
	var missing []string
	for _, n := range names {
		var have string
		switch n {
		case "chromium":
			have = t.Chromium
		case "java":
			have = t.Java
		case "vnu.jar":
			have = t.VnuJar
		case "axe.min.js":
			have = t.AxeJS
		default:
			panic("webcheck: unknown tool " + n)
		}
		if have == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("%s not found: run .ci/install-tools (as root) to install the web check tools", strings.Join(missing, ", "))
}

// FindRoot walks up from dir to the folder holding go.mod: the repository
// root, where public/ and .ci/ are.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if isFile(filepath.Join(d, "go.mod")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("no go.mod in " + dir + " or any folder above it")
		}
	}
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
