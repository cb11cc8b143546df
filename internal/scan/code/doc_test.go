package code

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/scan"
)

// TestRulesDoc keeps RULES.md in step with the rule table.
func TestRulesDoc(t *testing.T) {
	got := RulesMarkdown()
	if *update {
		if err := os.WriteFile("RULES.md", []byte(got), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile("RULES.md")
	if err != nil {
		t.Fatalf("%v (run go test -run TestRulesDoc -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("RULES.md is stale (-file +table), run go test -run TestRulesDoc -update:\n%s", diff)
	}
}

// TestRulesDocExample loads the configuration example of RULES.md through
// the real (strict) config loader and builds a scanner from it.
func TestRulesDocExample(t *testing.T) {
	doc, err := os.ReadFile("RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("RULES.md has no yaml example")
	}
	cfg, err := config.Parse([]byte(example), "RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	s := newTestScanner(t, cfg.Code)
	fs, err := s.Scan(context.Background(), scan.File{Path: "a.py", Data: []byte("import pickle\nb = pickle.dumps(x)\nassert b\n")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]hit{{"py-no-pickle-dumps", 2}}, hitsOf(fs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
