package container

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTrivyExamples runs trivy-checks' own labelled examples
// (bench/dockerfiles/trivy-examples: DSnnn-bad-* fail check DSnnn,
// DSnnn-good-* pass it) through the equivalent secaudit rules. Known,
// deliberate differences are listed with the reason.
func TestTrivyExamples(t *testing.T) {
	paths, _ := filepath.Glob("../../../bench/dockerfiles/trivy-examples/DS*.txt")
	if len(paths) == 0 {
		t.Skip("bench/dockerfiles/trivy-examples not present")
	}
	differ := map[string]string{}
	checks := TrivyChecks()
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		id, rest, _ := strings.Cut(name, "-")
		bad := strings.HasPrefix(rest, "bad")
		t.Run(name, func(t *testing.T) {
			if why, ok := differ[name]; ok {
				t.Skip(why)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := scanOne(t, newTestScanner(t, map[string]string{".dockerignore": "*"}), "Dockerfile", string(data))
			fired := false
			for _, f := range got {
				if contains(checks[id], f.RuleID) {
					fired = true
				}
			}
			if fired != bad {
				t.Errorf("%s: rules %v fired=%v, want %v; findings %v\n%s", name, checks[id], fired, bad, ruleIDs(got), data)
			}
		})
	}
}
