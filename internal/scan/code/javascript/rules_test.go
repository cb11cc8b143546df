package javascript

import (
	"context"
	"fmt"
	"testing"

	"github.com/secaudit/secaudit/internal/scan/code/query"
)

func TestRuleSamples(t *testing.T) {
	e, err := query.Compile(Language(), Rules())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			if len(r.Positive) == 0 || len(r.Negative) == 0 {
				t.Fatal("rule needs at least one positive and one negative sample")
			}
			for i, src := range r.Positive {
				hits, err := e.Analyze(context.Background(), fmt.Sprintf("src/pos%d.jsx", i), []byte(src))
				if err != nil {
					t.Fatal(err)
				}
				if query.Count(hits, r.ID) == 0 {
					t.Errorf("positive %d not flagged:\n%s", i, src)
				}
			}
			for i, src := range r.Negative {
				hits, err := e.Analyze(context.Background(), fmt.Sprintf("src/neg%d.jsx", i), []byte(src))
				if err != nil {
					t.Fatal(err)
				}
				if n := query.Count(hits, r.ID); n != 0 {
					t.Errorf("negative %d flagged %d times:\n%s", i, n, src)
				}
			}
		})
	}
}
