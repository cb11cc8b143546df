// Package finding holds the leaf types every scanner, importer, policy, report
// and router shares: a Finding with its Severity, Category, Location and
// Package, plus the contracts for fingerprints and secret redaction.
//
// It imports only the standard library so that every other package may depend
// on it.
package finding

import (
	"fmt"
	"strings"
)

// Severity ranks how bad a finding is. The zero value is invalid; Info is the
// lowest real level and Critical the highest, so severities compare with < and >.
type Severity int

// The severity levels, lowest first.
const (
	Info Severity = iota + 1
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"", "info", "low", "medium", "high", "critical"}

// String returns the lower-case name of s ("critical", "high", ...).
func (s Severity) String() string {
	if s < Info || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity parses a severity name, case-insensitively. It accepts the
// synonyms "moderate" (GHSA) for medium, "warning" for medium, "error" for high
// and "note"/"informational"/"none" for info.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "critical":
		return Critical, nil
	case "high", "error":
		return High, nil
	case "medium", "moderate", "warning":
		return Medium, nil
	case "low":
		return Low, nil
	case "info", "informational", "note", "none":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want critical, high, medium, low or info)", s)
}

// MarshalText encodes s as its name.
func (s Severity) MarshalText() ([]byte, error) {
	if s < Info || s > Critical {
		return nil, fmt.Errorf("invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Category is the kind of problem a finding reports.
type Category string

// The categories of DESIGN.md.
const (
	Secret        Category = "secret"
	Vulnerability Category = "vulnerability"
	Container     Category = "container"
	Code          Category = "code"
)

// ParseCategory validates a category name.
func ParseCategory(s string) (Category, error) {
	switch c := Category(strings.ToLower(strings.TrimSpace(s))); c {
	case Secret, Vulnerability, Container, Code:
		return c, nil
	}
	return "", fmt.Errorf("unknown category %q (want secret, vulnerability, container or code)", s)
}

// Location is where a finding is. Path is slash-separated and relative to the
// scanned root. Lines and columns are 1-based; zero means unknown.
type Location struct {
	Path        string `json:"path"`
	StartLine   int    `json:"start_line,omitempty"`
	StartColumn int    `json:"start_column,omitempty"`
	EndLine     int    `json:"end_line,omitempty"`
	EndColumn   int    `json:"end_column,omitempty"`
}

// String formats l as path:line:col, leaving out unknown parts.
func (l Location) String() string {
	switch {
	case l.StartLine > 0 && l.StartColumn > 0:
		return fmt.Sprintf("%s:%d:%d", l.Path, l.StartLine, l.StartColumn)
	case l.StartLine > 0:
		return fmt.Sprintf("%s:%d", l.Path, l.StartLine)
	}
	return l.Path
}

// Package describes the dependency a vulnerability finding is about.
type Package struct {
	// Ecosystem is spelled as OSV spells it ("npm", "PyPI", "Go", "crates.io").
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	Version   string `json:"version"`
	// Direct is true when the manifest declares the package itself; false when
	// it is transitive or the format does not say.
	Direct bool `json:"direct,omitempty"`
	// FixedVersions lists versions that fix the advisory, smallest first; the
	// first one above Version is the suggested upgrade.
	FixedVersions []string `json:"fixed_versions,omitempty"`
	// AdvisoryID is the advisory's OSV ID (GHSA-..., GO-..., PYSEC-...).
	AdvisoryID string `json:"advisory_id,omitempty"`
	// Aliases are the advisory's other IDs (CVE-..., other GHSA IDs).
	Aliases []string `json:"aliases,omitempty"`
}

// Finding is one problem found in a repository. Evidence is always redacted
// for secrets: no Finding ever holds a secret value in clear.
type Finding struct {
	Category Category `json:"category"`
	// RuleID names the rule that fired ("aws-access-key-id", "DOCKER-USER-ROOT").
	RuleID   string   `json:"rule_id"`
	Severity Severity `json:"severity"`
	// Confidence is "high", "medium" or "low"; empty when the rule does not say.
	Confidence string   `json:"confidence,omitempty"`
	Title      string   `json:"title"`
	Message    string   `json:"message,omitempty"`
	Location   Location `json:"location"`
	// Evidence is the flagged text, with any secret redacted (see Redact).
	Evidence string `json:"evidence,omitempty"`
	// Fix is a short hint on how to fix the problem.
	Fix string `json:"fix,omitempty"`
	// CWE lists CWE IDs such as "CWE-798".
	CWE []string `json:"cwe,omitempty"`
	// Tags are free-form labels (provider names, ecosystems).
	Tags    []string `json:"tags,omitempty"`
	Package *Package `json:"package,omitempty"`
	// Source is the scanner that produced the finding: "secaudit/secrets" for a
	// built-in scanner, the tool name ("gosec", "trivy") for an imported result.
	Source string `json:"source"`
	// Fingerprint identifies the finding across runs; see Fingerprint.
	Fingerprint string `json:"fingerprint"`
	// History is set by history scans: where a secret first appeared.
	History *History `json:"history,omitempty"`
	// ExitClass is the exit-code class the policy put the finding in (3 for a
	// secret under the default table); zero before the policy ran.
	ExitClass int `json:"exit_class,omitempty"`
}

// History says when a secret was first committed and whether it is still there.
type History struct {
	Commit string `json:"commit"`
	Author string `json:"author,omitempty"`
	Date   string `json:"date"`
	InHead bool   `json:"in_head"`
}

// SeverityFromScore maps a CVSS base score (or a SARIF security-severity,
// which uses the same scale) to a severity with CVSS v3's qualitative
// rating: 9.0+ critical, 7.0+ high, 4.0+ medium, above 0 low, 0 info.
func SeverityFromScore(score float64) Severity {
	switch {
	case score >= 9.0:
		return Critical
	case score >= 7.0:
		return High
	case score >= 4.0:
		return Medium
	case score > 0:
		return Low
	}
	return Info
}
