package code

import (
	"context"
	"strings"
	"testing"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/scan"
)

// TestPathologicalInput checks that hostile files finish quickly: deep
// nesting is refused with an error instead of running the quadratic query
// cursor, and a minified line with thousands of findings is cheap.
func TestPathologicalInput(t *testing.T) {
	s, err := New(scan.Env{Config: config.Default()})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, src string
		wantErr         bool
		minFindings     int
	}{
		{"deep python", "e.py", strings.Repeat("eval(", 100000) + strings.Repeat(")", 100000), true, 0},
		{"deep javascript", "e.js", strings.Repeat("eval(\n", 100000) + strings.Repeat(")", 100000), true, 0},
		{"moderate nesting is analysed", "m.py", strings.Repeat("eval(", 200) + "x" + strings.Repeat(")", 200), false, 1},
		{"long line, many findings", "long.py", strings.Repeat("eval(x); ", 20000), false, 20000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := s.Scan(context.Background(), scan.File{Path: tt.path, Data: []byte(tt.src)})
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if tt.wantErr && !strings.Contains(err.Error(), "nested deeper") {
				t.Errorf("err = %v, want it to say the tree is too deep", err)
			}
			if len(fs) < tt.minFindings {
				t.Errorf("%d findings, want at least %d", len(fs), tt.minFindings)
			}
		})
	}
}
