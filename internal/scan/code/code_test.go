package code

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// shared is the scanner with the default configuration, compiled once for
// all tests: compiling the queries is the slow part of New.
var shared = sync.OnceValues(func() (*Scanner, error) { return newScanner(config.Code{}) })

func defaultScanner(t testing.TB) *Scanner {
	t.Helper()
	s, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newTestScanner(t testing.TB, cfg config.Code) *Scanner {
	t.Helper()
	s, err := newScanner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// samplePath names a sample file of a rule's language.
func samplePath(lang string, i int, kind string) string {
	ext := map[string]string{"go": "go", "python": "py", "javascript": "jsx"}[lang]
	return fmt.Sprintf("src/%s%d.%s", kind, i, ext)
}

func ruleIDs(fs []finding.Finding, id string) int {
	n := 0
	for _, f := range fs {
		if f.RuleID == id {
			n++
		}
	}
	return n
}

// TestRules is the generic rule test: every built-in rule has complete
// metadata, a unique ID and at least one positive and one negative sample,
// and the scanner flags every positive and none of the negatives.
func TestRules(t *testing.T) {
	s := defaultScanner(t)
	seen := map[string]bool{}
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			if seen[r.ID] {
				t.Fatalf("duplicate rule ID")
			}
			seen[r.ID] = true
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(r.ID, map[string]string{"go": "go-", "python": "py-", "javascript": "js-"}[r.Language]) {
				t.Errorf("ID %q does not start with its language %q", r.ID, r.Language)
			}
			if len(r.CWE) == 0 || !strings.HasPrefix(r.CWE[0], "CWE-") || r.Fix == "" {
				t.Errorf("rule needs a CWE and a fix hint")
			}
			if len(r.Positive) == 0 || len(r.Negative) == 0 {
				t.Fatalf("rule needs at least one positive and one negative sample")
			}
			for i, src := range r.Positive {
				fs, err := s.Scan(context.Background(), scan.File{Path: samplePath(r.Language, i, "pos"), Data: []byte(src)})
				if err != nil {
					t.Errorf("positive %d: %v", i, err)
				}
				if ruleIDs(fs, r.ID) == 0 {
					t.Errorf("positive %d not flagged:\n%s", i, src)
				}
			}
			for i, src := range r.Negative {
				fs, err := s.Scan(context.Background(), scan.File{Path: samplePath(r.Language, i, "neg"), Data: []byte(src)})
				if err != nil {
					t.Errorf("negative %d: %v", i, err)
				}
				if n := ruleIDs(fs, r.ID); n != 0 {
					t.Errorf("negative %d flagged %d times:\n%s", i, n, src)
				}
			}
		})
	}
}

func TestWants(t *testing.T) {
	s := defaultScanner(t)
	tests := []struct {
		path string
		want bool
	}{
		{"main.go", true},
		{"cmd/x/main_test.go", true},
		{"app/views.py", true},
		{"web/app.js", true},
		{"web/app.jsx", true},
		{"web/app.mjs", true},
		{"web/app.cjs", true},
		{"web/app.ts", true},
		{"web/app.tsx", true},
		{"web/app.min.js", false},
		{"web/types.d.ts", false},
		{"node_modules/x/index.js", false},
		{"web/node_modules/x/index.js", false},
		{"vendor/github.com/x/y.go", false},
		{"pkg/testdata/bad.go", false},
		{"pkg/testdata/fixture.py", true},
		{"README.md", false},
		{"Dockerfile", false},
		{"main.go.orig", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := s.Wants(tt.path); got != tt.want {
				t.Errorf("Wants(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

// TestScanGolden scans each file of testdata/src and compares the findings
// with testdata/golden/<file>.json; -update rewrites them.
func TestScanGolden(t *testing.T) {
	s := defaultScanner(t)
	files, err := filepath.Glob(filepath.Join("testdata", "src", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test sources: %v", err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fs, err := s.Scan(context.Background(), scan.File{Path: "src/" + name, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(fs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o750); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(got, '\n'), 0o600); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(strings.TrimSpace(string(want)), string(got)); diff != "" {
				t.Errorf("findings differ (-want +got):\n%s", diff)
			}
		})
	}
}
