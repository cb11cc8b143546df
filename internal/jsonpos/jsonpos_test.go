package jsonpos

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"syntax", "{\n  \"a\": 1,\n  \"b\": ]\n}", "line 3, column 8"},
		{"type", "{\n\"n\": \"x\"}", "line 2, column 8: field N"},
		{"eof", "{\"a\": ", "line 1, column 6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v struct{ N int }
			err := Wrap([]byte(tt.data), json.Unmarshal([]byte(tt.data), &v))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Wrap = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if line, col := LineCol([]byte("ab\ncd"), 99); line != 2 || col != 2 {
		t.Errorf("LineCol clamps to %d:%d, want 2:2", line, col)
	}
}
