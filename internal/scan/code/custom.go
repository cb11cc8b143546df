package code

import (
	"fmt"
	"strings"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan/code/query"
	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// customRules turns the user's rules into query rules by language,
// checking each field; the queries themselves are compiled by query.Compile,
// which names the rule on error. known holds the built-in IDs; user IDs are
// added to it.
func customRules(rules []config.CodeRule, known map[string]bool) (map[string][]query.Rule, error) {
	out := map[string][]query.Rule{}
	for i, c := range rules {
		where := fmt.Sprintf("code.rules[%d]", i)
		if c.ID != "" {
			where += fmt.Sprintf(" (%s)", c.ID)
		}
		r, err := customRule(c, known)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		known[c.ID] = true
		out[r.Language] = append(out[r.Language], query.Rule{Rule: r, Query: c.Query})
	}
	return out, nil
}

func customRule(c config.CodeRule, known map[string]bool) (rule.Rule, error) {
	r := rule.Rule{ID: c.ID, Title: c.Title, Message: c.Message, Fix: c.Fix, CWE: c.CWE, Severity: finding.Medium, Confidence: c.Confidence}
	switch {
	case c.ID == "":
		return r, fmt.Errorf("id: required")
	case known[c.ID]:
		return r, fmt.Errorf("id: %q is already a rule", c.ID)
	case strings.TrimSpace(c.Query) == "":
		return r, fmt.Errorf("query: required")
	}
	switch strings.ToLower(c.Language) {
	case "python", "py":
		r.Language = "python"
	case "javascript", "js", "typescript", "ts":
		r.Language = "javascript"
	default:
		return r, fmt.Errorf("language: %q is not python or javascript", c.Language)
	}
	if c.Severity != "" {
		sev, err := finding.ParseSeverity(c.Severity)
		if err != nil {
			return r, fmt.Errorf("severity: %w", err)
		}
		r.Severity = sev
	}
	if r.Confidence == "" {
		r.Confidence = "medium"
	}
	if r.Title == "" {
		r.Title = c.ID
	}
	if r.Message == "" {
		r.Message = r.Title
	}
	return r, r.Validate()
}
