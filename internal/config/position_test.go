package config

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []Diagnostic
	}{
		{"valid", "scan:\n  severity: high\n", nil},
		{"syntax error", "scan:\n  severity: [high\n", []Diagnostic{{File: "f.yaml", Line: 1, Message: "did not find expected ',' or ']'"}}},
		{"unknown key has line and column", "teams:\n  security:\n    name: Sec\n    slack_chanel: '#x'\n",
			[]Diagnostic{{File: "f.yaml", Line: 4, Column: 5, Message: `unknown key "slack_chanel"`}}},
		{"wrong type", "routing:\n  max_mentions: many\n",
			[]Diagnostic{{File: "f.yaml", Line: 2, Message: "cannot unmarshal !!str `many` into int"}}},
		{"cross reference located", "routes:\n  - {exit_code: 1, team: devops, priority: P2}\n  - {exit_code: 2, team: security, priority: P0}\n  - {exit_code: 3, team: security, priority: P0}\n  - exit_code: 4\n    team: infra\n    priority: P1\n  - {exit_code: 5, team: infrastructure, priority: P2}\n  - {exit_code: 6, team: development, priority: P2}\n",
			[]Diagnostic{{File: "f.yaml", Line: 6, Column: 5, Path: "routes[3].team",
				Message: `routes[3].team: unknown team "infra" (known: development, devops, infrastructure, platform, security)`}}},
		{"error in defaults has no position", "exit_codes:\n  - {code: 1, name: general}\n",
			[]Diagnostic{
				{File: "f.yaml", Path: "routes[1].exit_code", Message: "routes[1].exit_code: 2 is not defined in exit_codes"},
				{File: "f.yaml", Path: "routes[2].exit_code", Message: "routes[2].exit_code: 3 is not defined in exit_codes"},
				{File: "f.yaml", Path: "routes[3].exit_code", Message: "routes[3].exit_code: 4 is not defined in exit_codes"},
				{File: "f.yaml", Path: "routes[4].exit_code", Message: "routes[4].exit_code: 5 is not defined in exit_codes"},
				{File: "f.yaml", Path: "routes[5].exit_code", Message: "routes[5].exit_code: 6 is not defined in exit_codes"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check([]byte(tt.yaml), "f.yaml")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLocate(t *testing.T) {
	doc := "a:\n  b:\n    - x\n    - c: 1\n      d: [5, 6]\n"
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(doc), &root); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path      string
		line, col int
	}{
		{"a", 1, 1},
		{"a.b", 2, 3},
		{"a.b[0]", 3, 7},
		{"a.b[1].d", 5, 7},
		{"a.b[1].d[1]", 5, 14},
		{"a.b[1].zzz", 4, 7},
		{"a.b[9]", 2, 3},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			n := Locate(&root, tt.path)
			if n == nil {
				t.Fatal("nil node")
			}
			if n.Line != tt.line || n.Column != tt.col {
				t.Errorf("Locate = %d:%d, want %d:%d", n.Line, n.Column, tt.line, tt.col)
			}
		})
	}
	if n := Locate(&root, "nope.x"); n != nil {
		t.Errorf("Locate(nope.x) = %v, want nil", n)
	}
}

// FuzzCheck checks that no input makes Parse or Check panic or hang, and that
// Check reports a problem exactly when Parse fails.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"", "scan: {severity: high}\n", "teams:\n  x: {github_team: '@o/t'}\n",
		"routes:\n  - {exit_code: 2, team: nobody}\n", "a: &x [*x]\n", "routing: {max_mentions: 3}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse(data, "fuzz.yaml")
		diags := Check(data, "fuzz.yaml")
		if (err == nil) != (len(diags) == 0) {
			t.Fatalf("Parse err = %v but Check = %v", err, diags)
		}
	})
}
