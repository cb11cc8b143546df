package container

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secaudit/secaudit/internal/scan"
)

func TestDumpCorpus(t *testing.T) {
	rules := strings.Split(os.Getenv("RULES"), ",")
	files, _ := filepath.Glob("/tmp/ctree/*/Dockerfile")
	s := newTestScanner(t, nil)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		got, _ := s.Scan(context.Background(), scan.File{Path: f, Data: b})
		for _, x := range got {
			if contains(rules, x.RuleID) {
				fmt.Printf("%s %s:%d %q\n", x.RuleID, filepath.Base(filepath.Dir(f)), x.Location.StartLine, truncate(x.Evidence, 150))
			}
		}
	}
}
