package report

import (
	"time"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// sampleResult is a fixed run that touches every part of every format:
// several exit classes, a package with two advisories, evidence with
// characters that Markdown, terminals and workflow commands treat
// specially, and an error that makes the run incomplete.
func sampleResult() *result.Result {
	secret := finding.Redact("AKIA2OGYBAH6TQ7XMPL3")
	fs := []finding.Finding{
		{
			Category: finding.Code, RuleID: "python-eval", Severity: finding.Medium, Confidence: "medium",
			Title: "Use of eval", Message: "eval() on user input allows code execution",
			Location: finding.Location{Path: "app/views.py", StartLine: 42, StartColumn: 12, EndLine: 42, EndColumn: 30},
			Evidence: "return eval(request.args['q'] | `x`)", Fix: "Use ast.literal_eval", CWE: []string{"CWE-95"},
			Source: "secaudit/code", Fingerprint: "c0de0000000000000000000000000001", ExitClass: 6,
		},
		{
			Category: finding.Secret, RuleID: "aws-access-key-id", Severity: finding.Critical, Confidence: "high",
			Title: "AWS access key ID", Message: "An AWS access key ID is committed",
			Location: finding.Location{Path: "config/app.env", StartLine: 2, StartColumn: 19, EndLine: 2, EndColumn: 38},
			Evidence: "AWS_ACCESS_KEY_ID=" + secret, Fix: "Revoke the key in IAM and load it from the environment",
			CWE: []string{"CWE-798"}, Source: "secaudit/secrets", Fingerprint: "5ec0000000000000000000000000001", ExitClass: 3,
		},
		vuln("GHSA-p6mc-m468-83gw", finding.High, "4.17.19", 2),
		vuln("GHSA-35jh-r3h4-6jhm", finding.Critical, "4.17.21", 2),
		{
			Category: finding.Vulnerability, RuleID: "GHSA-9c47-m6qq-7p4h", Severity: finding.Critical,
			Title:    "Prototype Pollution in json5",
			Location: finding.Location{Path: "web/package-lock.json"},
			Package:  &finding.Package{Ecosystem: "npm", Name: "json5", Version: "1.0.1", AdvisoryID: "GHSA-9c47-m6qq-7p4h"},
			Source:   "secaudit/deps", Fingerprint: "7000000000000000000000000000003", ExitClass: 2,
		},
		{
			Category: finding.Container, RuleID: "DOCKER-USER-ROOT", Severity: finding.High,
			Title: "Container runs as root", Message: "No USER instruction: the container runs as root",
			Location: finding.Location{Path: "Dockerfile", StartLine: 1},
			Evidence: "FROM python:3.11\x1b[31m\nRUN pip install -r requirements.txt",
			Fix:      "Add a USER instruction with a non-root user", CWE: []string{"CWE-250"},
			Source: "secaudit/container", Fingerprint: "d0c0000000000000000000000000001", ExitClass: 5,
		},
		{
			Category: finding.Code, RuleID: "B101", Severity: finding.Low, Confidence: "high",
			Title: "Use of assert detected", Location: finding.Location{Path: "app/util.py", StartLine: 7},
			Evidence: "assert user", Source: "bandit", Fingerprint: "c0de0000000000000000000000000002",
		},
	}
	return &result.Result{
		SchemaVersion: result.SchemaVersion,
		Tool:          result.Tool{Name: "secaudit", Version: "0.1.0"},
		Run: result.Run{
			Target: ".", Started: time.Date(2026, 12, 3, 17, 0, 0, 0, time.UTC), DurationMS: 1234,
			Scanners: []string{"secrets", "deps", "container", "code"}, Repository: "acme/shop",
			Branch: "main", Commit: "9a5379a6acdf315399986b0bcfd5dc1b30f1b20b", DefaultBranch: true,
		},
		Verdict: result.Verdict{ExitCode: 3, Incomplete: true, Classes: []result.Class{
			{Code: 3, Name: "secrets", Title: "Exposed secrets", Findings: 1, Reasons: []string{"1 secret finding"}},
			{Code: 2, Name: "critical", Title: "Critical vulnerabilities", Findings: 3},
			{Code: 5, Name: "container", Title: "Docker/container issues", Findings: 1},
			{Code: 6, Name: "code", Title: "Code security issues", Findings: 1},
			{Code: 1, Name: "general", Title: "General failure", Reasons: []string{"scanner deps failed"}},
		}},
		Findings:   fs,
		Suppressed: map[string]int{"severity": 3, "baseline": 1},
		Errors: []result.Problem{
			{Source: "deps", Path: "api/go.sum", Message: "parse go.sum line 3: malformed hash"},
		},
		Warnings: []result.Problem{{Source: "vulndb", Message: "database is 9 days old"}},
		Stats:    result.Stats{FilesScanned: 240, BytesScanned: 1 << 20, Skipped: map[string]int{"binary": 2}},
	}
}

func vuln(id string, sev finding.Severity, fixed string, class int) finding.Finding {
	return finding.Finding{
		Category: finding.Vulnerability, RuleID: id, Severity: sev,
		Title: "lodash: " + id, Message: "lodash 4.17.15 is affected by " + id,
		Location: finding.Location{Path: "web/package-lock.json"},
		Fix:      "Upgrade lodash to " + fixed,
		Package: &finding.Package{Ecosystem: "npm", Name: "lodash", Version: "4.17.15", Direct: true,
			FixedVersions: []string{fixed}, AdvisoryID: id, Aliases: []string{"CVE-2020-8203"}},
		Source: "secaudit/deps", Fingerprint: finding.Fingerprint(finding.Vulnerability, id, "web/package-lock.json", id),
		ExitClass: class,
	}
}

// sampleTeams are the default owning teams of the spec.
var sampleTeams = map[int]string{1: "DevOps", 2: "Security", 3: "Security", 4: "Platform", 5: "Infrastructure", 6: "Development"}
