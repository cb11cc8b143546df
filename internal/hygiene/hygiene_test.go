package hygiene

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/secaudit/secaudit"

type pkg struct {
	ImportPath string
	Imports    []string
	Dir        string
	GoFiles    []string
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// TestDependencyDirection keeps the layering of DESIGN.md: finding and result
// are leaves; scanners, importers, policy, report and route never import
// each other's layers above them; only app and cli see everything.
func TestDependencyDirection(t *testing.T) {
	forbidden := []struct {
		from string   // package path prefix (under internal/)
		deny []string // internal packages it must not import (prefixes)
	}{
		{"finding", []string{""}},
		{"result", []string{"config", "scan", "policy", "report", "route", "notify", "app", "cli", "vulndb"}},
		{"scan", []string{"policy", "report", "route", "notify", "app", "cli", "importer"}},
		{"importer", []string{"scan", "policy", "report", "route", "notify", "app", "cli"}},
		{"vulndb", []string{"scan", "policy", "report", "route", "notify", "app", "cli"}},
		{"policy", []string{"scan", "report", "route", "notify", "app", "cli", "walk"}},
		{"report", []string{"scan", "policy", "route", "notify", "app", "cli"}},
		{"route", []string{"scan", "policy", "notify", "app", "cli"}},
		{"notify", []string{"scan", "policy", "app", "cli"}},
		{"walk", []string{"scan", "policy", "report", "route", "notify", "app", "cli"}},
		{"config", []string{"scan", "policy", "report", "route", "notify", "app", "cli"}},
	}
	for _, p := range listPackages(t) {
		rel, ok := strings.CutPrefix(p.ImportPath, module+"/internal/")
		if !ok {
			continue
		}
		for _, rule := range forbidden {
			if rel != rule.from && !strings.HasPrefix(rel, rule.from+"/") {
				continue
			}
			for _, imp := range p.Imports {
				irel, ok := strings.CutPrefix(imp, module+"/internal/")
				if !ok {
					continue
				}
				if rule.from == "finding" {
					t.Errorf("%s imports %s: finding must import only the standard library", p.ImportPath, imp)
					continue
				}
				for _, d := range rule.deny {
					if irel == d || strings.HasPrefix(irel, d+"/") {
						t.Errorf("%s imports %s: %s must not depend on %s (DESIGN.md)", p.ImportPath, imp, rule.from, d)
					}
				}
			}
		}
		if strings.HasPrefix(rel, "scan/") && !strings.HasPrefix(rel, "scan/builtin") {
			// Plugin packages import their framework, finding and config, never each other.
			for _, imp := range p.Imports {
				irel, ok := strings.CutPrefix(imp, module+"/internal/scan/")
				own := strings.SplitN(strings.TrimPrefix(rel, "scan/"), "/", 2)[0]
				if ok && strings.SplitN(irel, "/", 2)[0] != own {
					t.Errorf("%s imports %s: scanners must not import each other", p.ImportPath, imp)
				}
			}
		}
	}
}

func TestGofmt(t *testing.T) {
	out, err := exec.Command("gofmt", "-l", "../..").CombinedOutput()
	if err != nil {
		t.Skipf("gofmt unavailable: %v", err)
	}
	if s := strings.TrimSpace(string(out)); s != "" {
		t.Errorf("files not gofmt'ed:\n%s", s)
	}
}

// TestModTidy fails when go.mod or go.sum drift from what the code imports.
// It runs offline; when the module cache lacks something it needs, it skips.
func TestModTidy(t *testing.T) {
	cmd := exec.Command("go", "mod", "tidy", "-diff")
	cmd.Dir = "../.."
	cmd.Env = append(cmd.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err == nil {
		return
	}
	if strings.Contains(string(out), "GOPROXY=off") || strings.Contains(string(out), "module lookup disabled") {
		t.Skipf("module cache incomplete, cannot check offline: %s", firstLine(string(out)))
	}
	t.Errorf("go mod tidy would change go.mod/go.sum:\n%s", out)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
