package policy

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

func fnd(cat finding.Category, sev finding.Severity) finding.Finding {
	return finding.Finding{Category: cat, Severity: sev, RuleID: string(cat) + "-" + sev.String(),
		Fingerprint: string(cat) + sev.String(), Location: finding.Location{Path: "f"}}
}

var (
	secretHigh  = fnd(finding.Secret, finding.High)
	secretLow   = fnd(finding.Secret, finding.Low)
	vulnCrit    = fnd(finding.Vulnerability, finding.Critical)
	vulnHigh    = fnd(finding.Vulnerability, finding.High)
	vulnMed     = fnd(finding.Vulnerability, finding.Medium)
	contMed     = fnd(finding.Container, finding.Medium)
	contCrit    = fnd(finding.Container, finding.Critical)
	codeHigh    = fnd(finding.Code, finding.High)
	codeInfo    = fnd(finding.Code, finding.Info)
	scanFailure = []result.Problem{{Source: "deps", Path: "package-lock.json", Message: "unexpected EOF"}}
)

// TestDecide covers every row of the exit-code table and every tie between
// rows: the first class in precedence order sets the code, every class
// present is listed.
func TestDecide(t *testing.T) {
	classes := config.Default().ExitCodes
	tests := []struct {
		name        string
		findings    []finding.Finding
		errs        []result.Problem
		failOnHigh  bool
		wantCode    int
		wantPresent []int
	}{
		{"clean", nil, nil, false, 0, nil},
		{"secret", []finding.Finding{secretHigh}, nil, false, 3, []int{3}},
		{"low secret is still a secret", []finding.Finding{secretLow}, nil, false, 3, []int{3}},
		{"critical vuln", []finding.Finding{vulnCrit}, nil, false, 2, []int{2}},
		{"high vuln without flag is general", []finding.Finding{vulnHigh}, nil, false, 1, []int{1}},
		{"high vuln with flag", []finding.Finding{vulnHigh}, nil, true, 4, []int{4}},
		{"medium vuln is general", []finding.Finding{vulnMed}, nil, true, 1, []int{1}},
		{"container", []finding.Finding{contMed}, nil, false, 5, []int{5}},
		{"code", []finding.Finding{codeHigh}, nil, false, 6, []int{6}},
		{"incomplete", nil, scanFailure, false, 1, []int{1}},
		// Ties, in precedence order.
		{"secret beats critical", []finding.Finding{vulnCrit, secretHigh}, nil, false, 3, []int{3, 2}},
		{"secret beats everything", []finding.Finding{codeHigh, contMed, vulnHigh, vulnCrit, secretHigh}, scanFailure, true, 3, []int{3, 2, 4, 5, 6, 1}},
		{"critical beats high", []finding.Finding{vulnHigh, vulnCrit}, nil, true, 2, []int{2, 4}},
		{"critical container is critical", []finding.Finding{contCrit}, nil, false, 2, []int{2}},
		{"high beats container", []finding.Finding{contMed, vulnHigh}, nil, true, 4, []int{4, 5}},
		{"container beats code", []finding.Finding{codeHigh, contMed}, nil, false, 5, []int{5, 6}},
		{"code beats general", []finding.Finding{vulnMed, codeHigh}, nil, false, 6, []int{6, 1}},
		{"container beats incomplete, which stays present", []finding.Finding{contMed}, scanFailure, false, 5, []int{5, 1}},
		{"code and incomplete", []finding.Finding{codeInfo}, scanFailure, false, 6, []int{6, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := append([]finding.Finding(nil), tt.findings...)
			v := Decide(fs, tt.errs, classes, tt.failOnHigh)
			if v.ExitCode != tt.wantCode {
				t.Errorf("exit code = %d, want %d", v.ExitCode, tt.wantCode)
			}
			var present []int
			for _, c := range v.Classes {
				present = append(present, c.Code)
			}
			if diff := cmp.Diff(tt.wantPresent, present); diff != "" {
				t.Errorf("classes present (-want +got):\n%s", diff)
			}
			if v.Incomplete != (len(tt.errs) > 0) {
				t.Errorf("Incomplete = %v", v.Incomplete)
			}
			for _, f := range fs {
				if f.ExitClass == 0 {
					t.Errorf("finding %s has no class", f.RuleID)
				}
			}
		})
	}
}

func TestDecideReasonsNameFailedScanners(t *testing.T) {
	v := Decide([]finding.Finding{contMed}, scanFailure, config.Default().ExitCodes, false)
	c, ok := v.ClassOf(1)
	if !ok || !strings.Contains(strings.Join(c.Reasons, ";"), "deps") {
		t.Errorf("class 1 = %+v, want it present naming the deps scanner", c)
	}
}

func TestApply(t *testing.T) {
	now := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	dup := secretHigh
	ignoredFP := codeHigh
	ignoredFP.Fingerprint = "ignored"
	expiredFP := codeHigh
	expiredFP.Fingerprint = "expired"
	byRule := contMed
	byRule.RuleID, byRule.Location.Path, byRule.Fingerprint = "dockerfile-user-root", "testdata/Dockerfile", "byrule"
	base := vulnCrit
	in := []finding.Finding{secretHigh, dup, codeInfo, ignoredFP, expiredFP, byRule, base, vulnMed}
	out := Apply(in, nil, Options{
		MinSeverity: finding.Low,
		Classes:     config.Default().ExitCodes,
		Ignores: []Ignore{
			{Fingerprint: "ignored", Reason: "accepted"},
			{Fingerprint: "expired", Reason: "was accepted", Expires: now.AddDate(0, 0, -1), ExpiresText: "x"},
			{Rule: "dockerfile-user-root", Path: "testdata/**", Reason: "fixtures"},
		},
		Baseline: map[string]bool{base.Fingerprint: true},
		Now:      now,
	})
	wantSup := map[string]int{"duplicate": 1, "severity": 1, "ignore-file": 2, "baseline": 1}
	if diff := cmp.Diff(wantSup, out.Suppressed); diff != "" {
		t.Errorf("suppressed (-want +got):\n%s", diff)
	}
	var got []string
	for _, f := range out.Findings {
		got = append(got, f.Fingerprint)
	}
	// Sorted by class precedence: secret (3), code (6), general (1).
	if diff := cmp.Diff([]string{secretHigh.Fingerprint, "expired", vulnMed.Fingerprint}, got); diff != "" {
		t.Errorf("kept (-want +got):\n%s", diff)
	}
	if len(out.Warnings) != 1 || !strings.Contains(out.Warnings[0].Message, "expired") {
		t.Errorf("warnings = %+v, want one about the expired entry", out.Warnings)
	}
	if out.Verdict.ExitCode != 3 {
		t.Errorf("exit code = %d, want 3", out.Verdict.ExitCode)
	}
}

func TestParseIgnores(t *testing.T) {
	good := "ignores:\n  - fingerprint: abc\n    reason: fixture\n    expires: 2027-01-31\n  - rule: r\n    path: 'testdata/**'\n    reason: gen\n"
	got, err := ParseIgnores([]byte(good), "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Expires.Year() != 2027 {
		t.Errorf("got %+v", got)
	}
	bad := []struct{ name, data, want string }{
		{"unknown key", "ignores:\n  - fingerprnt: abc\n    reason: x\n", "line 2"},
		{"no reason", "ignores:\n  - fingerprint: abc\n", "reason: required"},
		{"empty entry", "ignores:\n  - reason: x\n", "needs a fingerprint"},
		{"bad date", "ignores:\n  - fingerprint: a\n    reason: x\n    expires: tomorrow\n", "expires"},
		{"bad glob", "ignores:\n  - path: 'a/[b'\n    reason: x\n", "invalid glob"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseIgnores([]byte(tt.data), "x.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "x.yaml") {
				t.Errorf("err = %v, want mention of %q and the file", err, tt.want)
			}
		})
	}
}

func TestParseBaseline(t *testing.T) {
	fps, err := ParseBaseline([]byte(`{"schema_version":"1.0","findings":[{"fingerprint":"a"},{"fingerprint":"b"}]}`), "b.json")
	if err != nil || !fps["a"] || !fps["b"] || len(fps) != 2 {
		t.Errorf("fps = %v, err = %v", fps, err)
	}
	for _, bad := range []string{`{`, `{"findings":[]}`, `[1,2]`} {
		if _, err := ParseBaseline([]byte(bad), "b.json"); err == nil {
			t.Errorf("ParseBaseline(%q) = nil error", bad)
		}
	}
}

func FuzzParseIgnores(f *testing.F) {
	f.Add([]byte("ignores:\n  - fingerprint: abc\n    reason: fixture\n    expires: 2027-01-31\n"))
	f.Fuzz(func(t *testing.T, data []byte) { ParseIgnores(data, "fuzz") })
}

func FuzzParseBaseline(f *testing.F) {
	f.Add([]byte(`{"schema_version":"1.0","findings":[{"fingerprint":"a"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { ParseBaseline(data, "fuzz") })
}
