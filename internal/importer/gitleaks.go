package importer

import (
	"fmt"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// gitleaksLeak is one element of gitleaks' JSON report (`gitleaks dir|git
// --report-format json`). Secret and Match hold the secret in clear unless
// gitleaks ran with --redact.
type gitleaksLeak struct {
	RuleID      string   `json:"RuleID"`
	Description string   `json:"Description"`
	StartLine   int      `json:"StartLine"`
	EndLine     int      `json:"EndLine"`
	StartColumn int      `json:"StartColumn"`
	EndColumn   int      `json:"EndColumn"`
	Match       string   `json:"Match"`
	Secret      string   `json:"Secret"`
	File        string   `json:"File"`
	SymlinkFile string   `json:"SymlinkFile"`
	Commit      string   `json:"Commit"`
	Entropy     float64  `json:"Entropy"`
	Author      string   `json:"Author"`
	Email       string   `json:"Email"`
	Date        string   `json:"Date"`
	Message     string   `json:"Message"`
	Tags        []string `json:"Tags"`
	Fingerprint string   `json:"Fingerprint"`
}

// gitleaksRedacted is what gitleaks writes for Secret with --redact.
const gitleaksRedacted = "REDACTED"

func (p parser) gitleaks() ([]finding.Finding, error) {
	var leaks []gitleaksLeak
	if err := p.decode(&leaks); err != nil {
		return nil, err
	}
	fs := make([]finding.Finding, 0, len(leaks))
	for i, l := range leaks {
		if l.RuleID == "" {
			return nil, fmt.Errorf("leak %d: no RuleID: not a gitleaks report", i)
		}
		fs = append(fs, p.gitleaksFinding(l))
	}
	return fs, nil
}

func (p parser) gitleaksFinding(l gitleaksLeak) finding.Finding {
	path := p.paths.path(l.File)
	f := finding.Finding{
		Category:   finding.Secret,
		RuleID:     l.RuleID,
		Severity:   finding.High,
		Confidence: "medium",
		Title:      secretTitle(l.RuleID),
		Message:    l.Description,
		Location: finding.Location{
			Path: path, StartLine: l.StartLine, EndLine: l.EndLine,
			StartColumn: l.StartColumn, EndColumn: l.EndColumn,
		},
		Evidence: redactSecret(l.Match, l.Secret),
		Fix:      "Revoke and rotate the secret, then remove it from the code (and from git history if it was pushed).",
		CWE:      []string{"CWE-798"},
		Tags:     append([]string{"gitleaks"}, l.Tags...),
		Source:   "gitleaks",
	}
	key := finding.SecretKey(l.Secret)
	if l.Secret == "" || l.Secret == gitleaksRedacted {
		// Without the value, gitleaks' own fingerprint (commit:file:rule:line)
		// is the only identity left.
		key = "gitleaks:" + l.Fingerprint
		f.Evidence = maskValues(l.Match)
	}
	f.Fingerprint = finding.Fingerprint(finding.Secret, l.RuleID, path, key)
	if l.Commit != "" {
		f.History = &finding.History{Commit: l.Commit, Author: l.Author, Date: l.Date}
	}
	return f
}

// secretTitle turns a rule ID such as "aws-access-token" into a title
// ("Secret: aws access token").
func secretTitle(ruleID string) string {
	return "Secret: " + strings.ReplaceAll(ruleID, "-", " ")
}
