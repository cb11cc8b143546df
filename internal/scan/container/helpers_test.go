package container

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

// newTestScanner builds a scanner over an in-memory tree holding files.
func newTestScanner(t testing.TB, files map[string]string, disable ...string) *Scanner {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, c := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(c)}
	}
	cfg := &config.Config{}
	cfg.Container.Disable = disable
	s, err := New(scan.Env{FS: fsys, Config: cfg})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s.(*Scanner)
}

// scanOne scans src as the file at path p.
func scanOne(t testing.TB, s *Scanner, p, src string) ([]finding.Finding, error) {
	t.Helper()
	return s.Scan(context.Background(), scan.File{Path: p, Data: []byte(src)})
}

func ruleIDs(fs []finding.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.RuleID)
	}
	return out
}
