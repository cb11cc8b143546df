package secrets

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

var kebab = regexp.MustCompile(`^[a-z0-9]+(?:[-.][a-z0-9]+)*$`)

// TestRuleCatalogue checks the catalogue's shape: enough rules, unique
// kebab-case IDs, and every field a finding needs.
func TestRuleCatalogue(t *testing.T) {
	rules := Rules()
	if len(rules) < 120 {
		t.Errorf("got %d rules, want at least 120", len(rules))
	}
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r.ID] {
			t.Errorf("duplicate rule ID %q", r.ID)
		}
		seen[r.ID] = true
		switch {
		case !kebab.MatchString(r.ID):
			t.Errorf("%s: ID is not kebab-case", r.ID)
		case r.Title == "" || r.Provider == "" || r.Fix == "":
			t.Errorf("%s: missing title, provider or fix", r.ID)
		case r.Severity < finding.Medium:
			t.Errorf("%s: severity %v below medium", r.ID, r.Severity)
		case len(r.Keywords) == 0:
			t.Errorf("%s: no keywords", r.ID)
		case len(r.TP) == 0 || len(r.FP) == 0:
			t.Errorf("%s: needs true and false samples", r.ID)
		}
	}
}

// TestRuleSamples runs the whole scanner on every rule's samples: each true
// sample must be reported by that rule, no false sample by any rule.
func TestRuleSamples(t *testing.T) {
	s := newTestScanner(t, config.Secrets{})
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			for i, tp := range r.TP {
				got := scanString(t, s, "config/app.env", tp)
				if !hasRule(got, r.ID) {
					t.Errorf("TP[%d] %q: want %s, got %v", i, tp, r.ID, ruleIDs(got))
				}
			}
			for i, fp := range r.FP {
				if got := scanString(t, s, "config/app.env", fp); len(got) > 0 {
					t.Errorf("FP[%d] %q: want nothing, got %v", i, fp, ruleIDs(got))
				}
			}
		})
	}
}

func newTestScanner(t testing.TB, sc config.Secrets) *Scanner {
	t.Helper()
	s, err := newScanner(sc)
	if err != nil {
		t.Fatalf("newScanner: %v", err)
	}
	return s
}

func scanString(t testing.TB, s scan.Scanner, path, text string) []finding.Finding {
	t.Helper()
	got, err := s.Scan(context.Background(), scan.File{Path: path, Data: []byte(text)})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return got
}

func hasRule(fs []finding.Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

func ruleIDs(fs []finding.Finding) string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.RuleID)
	}
	return strings.Join(ids, ",")
}

func configSecrets() config.Secrets { return config.Secrets{} }

// scannerKeywords lists the keywords of every rule of s.
func scannerKeywords(s *Scanner) []string {
	var kws []string
	for _, r := range s.rules {
		kws = append(kws, r.Keywords...)
	}
	return kws
}
