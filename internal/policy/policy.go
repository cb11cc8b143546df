// Package policy decides what a run reports and how it exits. It applies the
// severity threshold, the ignore file, a baseline and de-duplication, puts
// each finding in its exit-code class and collapses the classes into one
// exit code. Everything here is a pure function of its inputs.
package policy

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// Options is the policy in force for one run.
type Options struct {
	// MinSeverity hides findings below it (reason "severity").
	MinSeverity finding.Severity
	// FailOnHigh enables classes that require --fail-on-high.
	FailOnHigh bool
	// Classes is the exit-code table in precedence order.
	Classes []config.ExitClass
	// Ignores are the entries of the ignore file.
	Ignores []Ignore
	// Baseline holds fingerprints of a previous report; findings in it are
	// hidden (reason "baseline").
	Baseline map[string]bool
	// Now is the time expiry dates are compared with.
	Now time.Time
}

// Outcome is the policy's decision on one run.
type Outcome struct {
	// Findings are the reported findings with ExitClass set, sorted by class
	// precedence, then severity (highest first), path, line and rule.
	Findings []finding.Finding
	// Suppressed counts hidden findings per reason.
	Suppressed map[string]int
	// Warnings are policy problems that did not stop the run (an expired
	// ignore entry).
	Warnings []result.Problem
	Verdict  result.Verdict
}

// Apply filters findings and decides the verdict. errs are the problems that
// made the run incomplete; they make the incomplete class present.
func Apply(findings []finding.Finding, errs []result.Problem, opts Options) Outcome {
	out := Outcome{Suppressed: map[string]int{}}
	seen := map[string]bool{}
	expired := map[int]bool{}
	for _, f := range findings {
		switch {
		case f.Fingerprint != "" && seen[f.Fingerprint]:
			out.Suppressed["duplicate"]++
			continue
		case opts.MinSeverity > 0 && f.Severity < opts.MinSeverity:
			out.Suppressed["severity"]++
			continue
		case opts.Baseline[f.Fingerprint]:
			out.Suppressed["baseline"]++
			continue
		}
		if i, ok := matchIgnore(opts.Ignores, f); ok {
			if e := opts.Ignores[i]; e.Expires.IsZero() || opts.Now.Before(e.Expires.AddDate(0, 0, 1)) {
				out.Suppressed["ignore-file"]++
				continue
			}
			expired[i] = true
		}
		seen[f.Fingerprint] = true
		out.Findings = append(out.Findings, f)
	}
	for i := range opts.Ignores {
		if expired[i] {
			e := opts.Ignores[i]
			out.Warnings = append(out.Warnings, result.Problem{Source: "policy",
				Message: fmt.Sprintf("ignore entry %s expired on %s and no longer hides its finding (reason was: %s)", e.describe(), e.Expires.Format("2006-01-02"), e.Reason)})
		}
	}
	if len(out.Suppressed) == 0 {
		out.Suppressed = nil
	}
	out.Verdict = Decide(out.Findings, errs, opts.Classes, opts.FailOnHigh)
	sortFindings(out.Findings, opts.Classes)
	return out
}

// Decide puts every finding in the first class (in precedence order) that
// takes it, setting finding.ExitClass, and returns the verdict: every class
// present, and the exit code of the first. It is the one place the
// precedence of the exit-code table is implemented.
func Decide(findings []finding.Finding, errs []result.Problem, classes []config.ExitClass, failOnHigh bool) result.Verdict {
	counts := make([]int, len(classes))
	for i := range findings {
		findings[i].ExitClass = 0
		for j, c := range classes {
			if takes(c.Match, findings[i], failOnHigh) {
				findings[i].ExitClass = c.Code
				counts[j]++
				break
			}
		}
	}
	v := result.Verdict{Incomplete: len(errs) > 0, Classes: []result.Class{}}
	for j, c := range classes {
		var reasons []string
		if counts[j] > 0 {
			reasons = append(reasons, countReason(counts[j], c))
		}
		if c.Match.Incomplete && len(errs) > 0 {
			reasons = append(reasons, incompleteReason(errs))
		}
		if len(reasons) == 0 {
			continue
		}
		v.Classes = append(v.Classes, result.Class{Code: c.Code, Name: c.Name, Title: c.Title, Findings: counts[j], Reasons: reasons})
	}
	if len(v.Classes) > 0 {
		v.ExitCode = v.Classes[0].Code
	}
	return v
}

// takes reports whether a class's match covers finding f.
func takes(m config.Match, f finding.Finding, failOnHigh bool) bool {
	if m.RequiresFailOnHigh && !failOnHigh {
		return false
	}
	if m.Unclaimed {
		return true
	}
	if len(m.Categories) == 0 && m.MinSeverity == "" {
		// A class with no finding criteria (incomplete-only) takes nothing.
		return false
	}
	if len(m.Categories) > 0 && !hasCategory(m.Categories, f.Category) {
		return false
	}
	return m.MinSeverity == "" || f.Severity >= m.MinSev()
}

func hasCategory(cats []finding.Category, c finding.Category) bool {
	for _, x := range cats {
		if x == c {
			return true
		}
	}
	return false
}

func countReason(n int, c config.ExitClass) string {
	s := "s"
	if n == 1 {
		s = ""
	}
	return fmt.Sprintf("%d finding%s: %s", n, s, strings.ToLower(c.Title))
}

func incompleteReason(errs []result.Problem) string {
	bySource := map[string]int{}
	var order []string
	for _, e := range errs {
		if bySource[e.Source] == 0 {
			order = append(order, e.Source)
		}
		bySource[e.Source]++
	}
	parts := make([]string, len(order))
	for i, s := range order {
		parts[i] = fmt.Sprintf("%s (%d)", s, bySource[s])
	}
	return "run incomplete: errors in " + strings.Join(parts, ", ")
}

// sortFindings orders findings for stable reports.
func sortFindings(fs []finding.Finding, classes []config.ExitClass) {
	rank := map[int]int{}
	for i, c := range classes {
		rank[c.Code] = i
	}
	r := func(f finding.Finding) int {
		if i, ok := rank[f.ExitClass]; ok {
			return i
		}
		return len(classes)
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if r(a) != r(b) {
			return r(a) < r(b)
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Location.Path != b.Location.Path {
			return a.Location.Path < b.Location.Path
		}
		if a.Location.StartLine != b.Location.StartLine {
			return a.Location.StartLine < b.Location.StartLine
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Fingerprint < b.Fingerprint
	})
}
