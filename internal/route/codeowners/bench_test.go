package codeowners

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkOwners500Files looks up 500 paths in a 2,000-line CODEOWNERS, the
// size of a large monorepo's.
func BenchmarkOwners500Files(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("* @org/default\n*.md @org/docs\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&sb, "/services/svc%d/ @org/team%d\n", i, i%50)
	}
	f, err := Parse([]byte(sb.String()), "CODEOWNERS")
	if err != nil {
		b.Fatal(err)
	}
	paths := make([]string, 500)
	for i := range paths {
		paths[i] = fmt.Sprintf("services/svc%d/internal/pkg/file%d.go", i*7, i)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, p := range paths {
			f.Owners(p)
		}
	}
}
