package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// Limits of GitHub code scanning's SARIF upload, documented at
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#validating-your-sarif-file
// (25,000 results per run, 25,000 rules per run, 1,000 locations per result,
// 10 MB gzip-compressed file). Messages are cut well short of the file limit.
const (
	sarifMaxResults  = 25000
	sarifMaxMessage  = 4000
	sarifMaxTags     = 10 // GitHub rejects more than 20 per rule and shows 10
	sarifSchema      = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion     = "2.1.0"
	sarifInfoURI     = "https://github.com/secaudit/secaudit"
	sarifFingerprint = "secaudit/v1"
	sarifSrcRoot     = "%SRCROOT%"
)

// securitySeverity is the score GitHub code scanning reads from a rule's
// "security-severity" property to label an alert critical (>9.0), high
// (7.0-8.9), medium (4.0-6.9) or low (0.1-3.9).
var securitySeverity = map[finding.Severity]string{
	finding.Critical: "9.5",
	finding.High:     "8.0",
	finding.Medium:   "5.5",
	finding.Low:      "3.0",
	finding.Info:     "0.0",
}

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	}
	return "note"
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
	Properties  map[string]any    `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name,omitempty"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	StartTimeUTC               string              `json:"startTimeUtc,omitempty"`
	EndTimeUTC                 string              `json:"endTimeUtc,omitempty"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string           `json:"level"`
	Message    sarifText        `json:"message"`
	Locations  []sarifLocation  `json:"locations,omitempty"`
	Descriptor *sarifDescriptor `json:"descriptor,omitempty"`
}

type sarifDescriptor struct {
	ID string `json:"id"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          map[string]any    `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// sarifWriter writes one SARIF 2.1.0 run as GitHub code scanning reads it.
type sarifWriter struct{}

var _ Writer = sarifWriter{}

// Write implements Writer.
func (sarifWriter) Write(w io.Writer, r *result.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(buildSARIF(r)); err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}

func buildSARIF(r *result.Result) sarifLog {
	fs := sortedFindings(r)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "secaudit", Version: r.Tool.Version, InformationURI: sarifInfoURI, Rules: []sarifRule{},
		}},
		Invocations: []sarifInvocation{sarifInvocationOf(r)},
		ColumnKind:  "unicodeCodePoints",
		Results:     []sarifResult{},
		Properties: map[string]any{
			"exit_code":  r.Verdict.ExitCode,
			"incomplete": r.Verdict.Incomplete || len(r.Errors) > 0,
		},
	}
	if len(fs) > sarifMaxResults {
		run.Properties["truncated"] = true
		run.Properties["total_results"] = len(fs)
		run.Properties["note"] = fmt.Sprintf("only the first %d of %d results are included (GitHub code scanning's per-run limit); see the JSON report for all", sarifMaxResults, len(fs))
		fs = fs[:sarifMaxResults]
	}
	ruleIndex := map[string]int{}
	var ruleSev []finding.Severity
	for _, f := range fs {
		if f.RuleID == "" {
			// GitHub matches alerts across runs by rule ID: never leave it empty.
			f.RuleID = "secaudit/" + string(f.Category)
		}
		i, ok := ruleIndex[f.RuleID]
		if !ok {
			i = len(run.Tool.Driver.Rules)
			ruleIndex[f.RuleID] = i
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(f))
			ruleSev = append(ruleSev, 0)
		}
		if f.Severity > ruleSev[i] {
			ruleSev[i] = f.Severity
			raiseRuleSeverity(&run.Tool.Driver.Rules[i], f.Severity)
		}
		run.Results = append(run.Results, sarifResultOf(f, i))
	}
	return sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
}

func sarifInvocationOf(r *result.Result) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: !r.Verdict.Incomplete && len(r.Errors) == 0}
	if !r.Run.Started.IsZero() {
		inv.StartTimeUTC = r.Run.Started.UTC().Format(time.RFC3339Nano)
		end := r.Run.Started.Add(time.Duration(r.Run.DurationMS) * time.Millisecond)
		inv.EndTimeUTC = end.UTC().Format(time.RFC3339Nano)
	}
	add := func(level string, ps []result.Problem) {
		for _, p := range ps {
			n := sarifNotification{Level: level, Message: sarifText{Text: truncate(problemText(p), sarifMaxMessage)}}
			if p.Source != "" {
				n.Descriptor = &sarifDescriptor{ID: p.Source}
			}
			if p.Path != "" {
				n.Locations = []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: artifactOf(p.Path)}}}
			}
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
		}
	}
	add("error", r.Errors)
	add("warning", r.Warnings)
	return inv
}

func sarifRuleOf(f finding.Finding) sarifRule {
	title := f.Title
	if title == "" {
		title = f.RuleID
	}
	full := f.Message
	if full == "" {
		full = title
	}
	help := title + "."
	helpMD := "**" + title + "**"
	if f.Fix != "" {
		help += "\n\nFix: " + f.Fix
		helpMD += "\n\n**Fix:** " + f.Fix
	}
	if len(f.CWE) > 0 {
		help += "\n\nCWE: " + strings.Join(f.CWE, ", ")
		helpMD += "\n\nCWE: " + strings.Join(f.CWE, ", ")
	}
	tags := []string{"security", string(f.Category)}
	for _, c := range f.CWE {
		num := strings.TrimPrefix(strings.ToUpper(c), "CWE-")
		tags = append(tags, "CWE-"+num, "external/cwe/cwe-"+num)
	}
	if len(tags) > sarifMaxTags {
		tags = tags[:sarifMaxTags]
	}
	props := map[string]any{"tags": tags, "security-severity": securitySeverity[f.Severity]}
	if p := precision(f.Confidence); p != "" {
		props["precision"] = p
	}
	rule := sarifRule{
		ID:                   f.RuleID,
		Name:                 ruleName(f.RuleID),
		ShortDescription:     sarifText{Text: truncate(clean(title), 1000)},
		FullDescription:      sarifText{Text: truncate(full, sarifMaxMessage)},
		Help:                 sarifText{Text: truncate(help, sarifMaxMessage), Markdown: truncate(helpMD, sarifMaxMessage)},
		DefaultConfiguration: sarifConfig{Level: sarifLevel(f.Severity)},
		Properties:           props,
	}
	if f.Category == finding.Vulnerability && advisoryLike(f.RuleID) {
		rule.HelpURI = "https://osv.dev/vulnerability/" + url.PathEscape(f.RuleID)
	}
	return rule
}

// advisoryLike reports whether id looks like an OSV-indexed advisory ID
// ("GHSA-...", "CVE-...", "GO-...", "PYSEC-...").
func advisoryLike(id string) bool {
	prefix, rest, ok := strings.Cut(id, "-")
	if !ok || rest == "" || len(prefix) < 2 {
		return false
	}
	for _, r := range prefix {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// raiseRuleSeverity gives the rule the level and security-severity of a
// more severe result: GitHub reads severity from the rule.
func raiseRuleSeverity(rule *sarifRule, s finding.Severity) {
	rule.Properties["severity"] = s.String()
	rule.Properties["security-severity"] = securitySeverity[s]
	rule.DefaultConfiguration.Level = sarifLevel(s)
}

// precision maps a finding confidence to the SARIF rule precision GitHub
// understands.
func precision(confidence string) string {
	switch strings.ToLower(confidence) {
	case "high":
		return "high"
	case "medium":
		return "medium"
	case "low":
		return "low"
	}
	return ""
}

// ruleName turns "aws-access-key-id" into "AwsAccessKeyId", the
// identifier-like name SARIF suggests.
func ruleName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			if up && r >= 'a' && r <= 'z' {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	return b.String()
}

func sarifResultOf(f finding.Finding, ruleIndex int) sarifResult {
	msg := f.Message
	if msg == "" {
		msg = f.Title
	}
	if msg == "" {
		msg = f.RuleID
	}
	props := map[string]any{
		"severity": f.Severity.String(),
		// Repeated per result so that readers other than GitHub (which
		// reads the rule's) keep each result's own severity.
		"security-severity": securitySeverity[f.Severity],
		"category":          string(f.Category),
		"exit_class":        f.ExitClass,
		"source":            f.Source,
	}
	if f.Package != nil {
		props["package"] = f.Package
	}
	res := sarifResult{
		RuleID:     f.RuleID,
		RuleIndex:  ruleIndex,
		Level:      sarifLevel(f.Severity),
		Message:    sarifText{Text: truncate(msg, sarifMaxMessage)},
		Properties: props,
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]string{sarifFingerprint: f.Fingerprint}
	}
	if f.Location.Path != "" {
		res.Locations = []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: artifactOf(f.Location.Path),
			Region:           regionOf(f.Location),
		}}}
	}
	return res
}

// artifactOf returns the location of a path relative to the source root,
// escaped as a URI reference.
func artifactOf(path string) sarifArtifact {
	u := (&url.URL{Path: strings.TrimPrefix(path, "./")}).String()
	return sarifArtifact{URI: u, URIBaseID: sarifSrcRoot}
}

// regionOf returns the region of l: lines and columns only when known, and
// line 1 when the finding has no line (GitHub requires a region to anchor
// an alert).
func regionOf(l finding.Location) *sarifRegion {
	reg := &sarifRegion{StartLine: l.StartLine, StartColumn: l.StartColumn}
	if reg.StartLine <= 0 {
		return &sarifRegion{StartLine: 1}
	}
	if reg.StartColumn < 0 {
		reg.StartColumn = 0
	}
	if l.EndLine >= l.StartLine {
		reg.EndLine = l.EndLine
	}
	if l.EndColumn > 0 && (reg.EndLine > l.StartLine || l.EndColumn >= max(l.StartColumn, 1)) {
		reg.EndColumn = l.EndColumn
	}
	return reg
}
