package scan

import (
	"testing"

	"github.com/secaudit/secaudit/internal/finding"
)

func TestInlineIgnored(t *testing.T) {
	f := func(cat finding.Category, rule string, line int) finding.Finding {
		return finding.Finding{Category: cat, RuleID: rule, Location: finding.Location{StartLine: line}}
	}
	tests := []struct {
		name string
		data string
		f    finding.Finding
		want bool
	}{
		{"none", "a\nkey = x\n", f(finding.Secret, "aws-access-token", 2), false},
		{"same line", "a\nkey = x # secaudit:ignore\n", f(finding.Secret, "aws-access-token", 2), true},
		{"rule matches", "key = x // secaudit:ignore:aws-access-token\n", f(finding.Secret, "aws-access-token", 1), true},
		{"rule list", "key = x # secaudit:ignore:generic-api-key,aws-access-token\n", f(finding.Secret, "aws-access-token", 1), true},
		{"bracket", "key = x # secaudit:ignore[aws-access-token] test fixture\n", f(finding.Secret, "aws-access-token", 1), true},
		{"other rule", "key = x # secaudit:ignore:github-pat\n", f(finding.Secret, "aws-access-token", 1), false},
		{"html comment", "<a k=x> <!-- secaudit:ignore:aws-access-token -->\n", f(finding.Secret, "aws-access-token", 1), true},
		{"comment above", "# secaudit:ignore\nkey = x\n", f(finding.Code, "py-eval", 2), true},
		{"code above is not a comment", "y = 1 # secaudit:ignore\nkey = x\n", f(finding.Code, "py-eval", 2), false},
		{"two above", "# secaudit:ignore\n\nkey = x\n", f(finding.Code, "py-eval", 3), false},
		{"gitleaks allow for secrets", "key = x # gitleaks:allow\n", f(finding.Secret, "aws-access-token", 1), true},
		{"gitleaks allow not for code", "eval(x) # gitleaks:allow\n", f(finding.Code, "py-eval", 1), false},
		{"multi-line finding", "-----BEGIN\nabc # secaudit:ignore\n-----END\n", finding.Finding{Category: finding.Secret, RuleID: "private-key", Location: finding.Location{StartLine: 1, EndLine: 3}}, true},
		{"no line", "secaudit:ignore\n", f(finding.Container, "x", 0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := InlineIgnored([]byte(tt.data), tt.f); got != tt.want {
				t.Errorf("InlineIgnored = %v, want %v", got, tt.want)
			}
		})
	}
}
