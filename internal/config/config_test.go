package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultsMatchSpec(t *testing.T) {
	c := Default()
	var order []int
	for _, ec := range c.ExitCodes {
		order = append(order, ec.Code)
	}
	if diff := cmp.Diff([]int{3, 2, 4, 5, 6, 1}, order); diff != "" {
		t.Errorf("precedence (-want +got):\n%s", diff)
	}
	if c.Scan.Severity != "low" || c.Scan.MaxFileSize != 10<<20 {
		t.Errorf("scan defaults = %+v", c.Scan)
	}
}

func TestParseOverrides(t *testing.T) {
	c, err := Parse([]byte(`
scan:
  severity: high
exit_codes:
  - {code: 3, name: secrets, title: Secrets, match: {categories: [secret]}}
  - {code: 7, name: licence, title: Licence, match: {categories: [code], min_severity: high}}
  - {code: 1, name: general, title: General, match: {incomplete: true, unclaimed: true}}
routes:
  - {exit_code: 1, team: devops, severity: unknown, priority: P2, response: Next sprint}
  - {exit_code: 3, team: security, severity: critical, priority: P0, response: Immediate, page: true}
  - {exit_code: 7, team: development, severity: high, priority: P2, response: This sprint}
`), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.ExitCodes) != 3 || c.ExitCodes[1].Code != 7 {
		t.Errorf("exit codes not replaced: %+v", c.ExitCodes)
	}
	if c.Scan.Severity != "high" || c.Scan.MaxFileSize != 10<<20 {
		t.Errorf("scan section not merged over defaults: %+v", c.Scan)
	}
	if len(c.Teams) != 5 {
		t.Errorf("teams lost: %d", len(c.Teams))
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"unknown key", "scan:\n  severty: high\n", "line 2: field severty not found"},
		{"bad severity", "scan:\n  severity: huge\n", "scan.severity"},
		{"bad category", "exit_codes:\n  - {code: 3, name: s, match: {categories: [secrets]}}\n  - {code: 1, name: g, match: {incomplete: true}}\n", "exit_codes[0].match.categories[0]"},
		{"duplicate code", "exit_codes:\n  - {code: 1, name: a}\n  - {code: 1, name: b}\n", "defined twice"},
		{"no class 1", "exit_codes:\n  - {code: 3, name: a}\n", "code 1"},
		{"bad regex", "secrets:\n  rules:\n    - {id: x, regex: '('}\n", "secrets.rules[0].regex"},
		{"not yaml", "scan: [", "test.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data), "test.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("scan:\n  severity: high\n"))
	f.Add([]byte("exit_codes:\n  - {code: 1, name: g, match: {incomplete: true}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) { Parse(data, "fuzz") })
}
