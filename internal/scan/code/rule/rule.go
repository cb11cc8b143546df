// Package rule holds what every code-security analyzer shares: the metadata
// of a rule (ID, CWE, severity, message, fix, samples) and the Hit an
// analyzer reports when a rule fires.
package rule

import (
	"fmt"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// Rule describes one code-security check. Each built-in rule carries its own
// evidence: Positive snippets it must flag and Negative snippets it must not,
// checked by a generic test over every rule.
type Rule struct {
	// ID is stable and prefixed by language ("go-sql-injection").
	ID string
	// Language is "go", "python" or "javascript" (TypeScript files run the
	// JavaScript rules).
	Language string
	Title    string
	Message  string
	Fix      string
	CWE      []string
	Severity finding.Severity
	// Confidence is "high", "medium" or "low".
	Confidence string
	// Peer names the equivalent rule of the reference tool (gosec "G201",
	// bandit "B608"); empty when there is none.
	Peer string
	// Positive are source snippets the rule must flag; Negative ones it must
	// not. Each is a whole file in the rule's language.
	Positive []string
	Negative []string
}

// Validate reports what is missing from r.
func (r Rule) Validate() error {
	var missing []string
	if r.ID == "" {
		missing = append(missing, "id")
	}
	if r.Title == "" {
		missing = append(missing, "title")
	}
	if r.Message == "" {
		missing = append(missing, "message")
	}
	if r.Severity < finding.Info || r.Severity > finding.Critical {
		missing = append(missing, "severity")
	}
	switch r.Confidence {
	case "high", "medium", "low":
	default:
		missing = append(missing, "confidence")
	}
	if len(missing) > 0 {
		return fmt.Errorf("rule %q: missing or invalid %s", r.ID, strings.Join(missing, ", "))
	}
	return nil
}

// Hit is one place where a rule fired. Lines and columns are 1-based;
// columns count bytes.
type Hit struct {
	Rule      *Rule
	Line      int
	Column    int
	EndLine   int
	EndColumn int
	// Detail names what fired, when it helps ("pickle.loads", "mode
	// 0644"); it prefixes the finding's message.
	Detail string
}
