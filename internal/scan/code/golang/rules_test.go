package golang

import (
	"context"
	"fmt"
	"testing"

	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

func count(hits []rule.Hit, id string) int {
	n := 0
	for _, h := range hits {
		if h.Rule.ID == id {
			n++
		}
	}
	return n
}

// TestRuleSamples checks every rule against its own positive and negative
// snippets, and that every rule has at least one of each.
func TestRuleSamples(t *testing.T) {
	a := New(nil)
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			if len(r.Positive) == 0 || len(r.Negative) == 0 {
				t.Fatalf("rule needs at least one positive and one negative sample")
			}
			for i, src := range r.Positive {
				hits, err := a.Analyze(context.Background(), fmt.Sprintf("pos%d.go", i), []byte(src))
				if err != nil {
					t.Errorf("positive %d: %v", i, err)
				}
				if count(hits, r.ID) == 0 {
					t.Errorf("positive %d not flagged:\n%s", i, src)
				}
			}
			for i, src := range r.Negative {
				hits, err := a.Analyze(context.Background(), fmt.Sprintf("neg%d.go", i), []byte(src))
				if err != nil {
					t.Errorf("negative %d: %v", i, err)
				}
				if n := count(hits, r.ID); n != 0 {
					t.Errorf("negative %d flagged %d times:\n%s", i, n, src)
				}
			}
		})
	}
}
