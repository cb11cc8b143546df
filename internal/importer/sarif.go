package importer

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// The parts of SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/)
// that say what was found, where, and how bad it is.
type sarifLog struct {
	Version string      `json:"version"`
	Runs    *[]sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool struct {
		Driver     sarifComponent   `json:"driver"`
		Extensions []sarifComponent `json:"extensions"`
	} `json:"tool"`
	Results            []sarifResult                      `json:"results"`
	Artifacts          []struct{ Location sarifArtifact } `json:"artifacts"`
	OriginalURIBaseIDs map[string]sarifArtifact           `json:"originalUriBaseIds"`
}

type sarifComponent struct {
	Name  string      `json:"name"`
	Rules []sarifRule `json:"rules"`
}

type sarifMessage struct {
	Text      string   `json:"text"`
	Markdown  string   `json:"markdown"`
	ID        string   `json:"id"`
	Arguments []string `json:"arguments"`
}

type sarifRule struct {
	ID                   string                  `json:"id"`
	Name                 string                  `json:"name"`
	ShortDescription     sarifMessage            `json:"shortDescription"`
	FullDescription      sarifMessage            `json:"fullDescription"`
	Help                 sarifMessage            `json:"help"`
	HelpURI              string                  `json:"helpUri"`
	MessageStrings       map[string]sarifMessage `json:"messageStrings"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties    map[string]any `json:"properties"`
	Relationships []struct {
		Target struct {
			ID            string `json:"id"`
			ToolComponent struct {
				Name string `json:"name"`
			} `json:"toolComponent"`
		} `json:"target"`
	} `json:"relationships"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
	Index     *int   `json:"index"`
}

type sarifResult struct {
	RuleID    string `json:"ruleId"`
	RuleIndex *int   `json:"ruleIndex"`
	Rule      *struct {
		ID            string `json:"id"`
		Index         *int   `json:"index"`
		ToolComponent *struct {
			Index *int `json:"index"`
		} `json:"toolComponent"`
	} `json:"rule"`
	Kind      string       `json:"kind"`
	Level     string       `json:"level"`
	Message   sarifMessage `json:"message"`
	Locations []struct {
		PhysicalLocation *struct {
			ArtifactLocation sarifArtifact `json:"artifactLocation"`
			Region           *struct {
				StartLine   int `json:"startLine"`
				StartColumn int `json:"startColumn"`
				EndLine     int `json:"endLine"`
				EndColumn   int `json:"endColumn"`
				Snippet     *struct {
					Text string `json:"text"`
				} `json:"snippet"`
			} `json:"region"`
		} `json:"physicalLocation"`
	} `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties"`
	Suppressions        []struct {
		Status string `json:"status"`
	} `json:"suppressions"`
	BaselineState string `json:"baselineState"`
}

func (p parser) sarif() ([]finding.Finding, error) {
	var log sarifLog
	if err := p.decode(&log); err != nil {
		return nil, err
	}
	if log.Runs == nil {
		return nil, errors.New("no runs: not a SARIF log")
	}
	if log.Version != "" && !strings.HasPrefix(log.Version, "2.") {
		return nil, fmt.Errorf("SARIF version %q is not supported (want 2.1.0)", log.Version)
	}
	var fs []finding.Finding
	for ri := range *log.Runs {
		run := &(*log.Runs)[ri]
		tool := toolName(run.Tool.Driver.Name)
		for i := range run.Results {
			res := &run.Results[i]
			if skipResult(res) {
				continue
			}
			rule := findRule(run, res)
			fs = append(fs, p.sarifFinding(run, tool, rule, res))
		}
	}
	return fs, nil
}

// skipResult drops results that are not open problems: passes, results
// suppressed in the source or by the tool, and ones a baseline says are
// fixed.
func skipResult(r *sarifResult) bool {
	switch strings.ToLower(r.Kind) {
	case "pass", "notapplicable":
		return true
	}
	if strings.EqualFold(r.BaselineState, "absent") {
		return true
	}
	for _, s := range r.Suppressions {
		if s.Status == "" || strings.EqualFold(s.Status, "accepted") {
			return true
		}
	}
	return false
}

// findRule returns the rule a result refers to, by index (in the driver or
// the extension named by rule.toolComponent) or else by ID; nil when the
// log does not describe it.
func findRule(run *sarifRun, r *sarifResult) *sarifRule {
	comp := &run.Tool.Driver
	idx := r.RuleIndex
	id := r.RuleID
	if r.Rule != nil {
		if r.Rule.Index != nil {
			idx = r.Rule.Index
		}
		if id == "" {
			id = r.Rule.ID
		}
		if tc := r.Rule.ToolComponent; tc != nil && tc.Index != nil {
			if i := *tc.Index; i >= 0 && i < len(run.Tool.Extensions) {
				comp = &run.Tool.Extensions[i]
			}
		}
	}
	if idx != nil && *idx >= 0 && *idx < len(comp.Rules) {
		if rule := &comp.Rules[*idx]; id == "" || rule.ID == id {
			return rule
		}
	}
	for _, c := range append([]*sarifComponent{&run.Tool.Driver}, extensionPtrs(run)...) {
		for i := range c.Rules {
			if c.Rules[i].ID == id && id != "" {
				return &c.Rules[i]
			}
		}
	}
	return nil
}

func extensionPtrs(run *sarifRun) []*sarifComponent {
	out := make([]*sarifComponent, len(run.Tool.Extensions))
	for i := range run.Tool.Extensions {
		out[i] = &run.Tool.Extensions[i]
	}
	return out
}

// toolName turns a SARIF driver name into the finding source.
func toolName(driver string) string {
	n := strings.ToLower(strings.TrimSpace(driver))
	for _, known := range []string{"gitleaks", "osv-scanner", "trivy", "semgrep", "codeql", "gosec", "bandit",
		"hadolint", "checkov", "grype", "snyk", "trufflehog", "kics", "tfsec", "eslint", "brakeman"} {
		if strings.Contains(strings.ReplaceAll(n, " ", "-"), known) {
			return known
		}
	}
	if n == "" {
		return "sarif"
	}
	return strings.Join(strings.Fields(n), "-")
}

func (p parser) sarifFinding(run *sarifRun, tool string, rule *sarifRule, r *sarifResult) finding.Finding {
	if rule == nil {
		rule = &sarifRule{ID: r.RuleID}
	}
	ruleID := firstNonEmpty(r.RuleID, rule.ID)
	if ruleID == "" && r.Rule != nil {
		ruleID = r.Rule.ID
	}
	if ruleID == "" {
		ruleID = tool
	}
	tags := append(stringsProp(rule.Properties, "tags"), stringsProp(r.Properties, "tags")...)
	loc, snippet := p.sarifLocation(run, r)
	f := finding.Finding{
		Category: sarifCategory(tool, ruleID, tags, loc.Path),
		RuleID:   ruleID,
		Title:    ruleTitle(rule, ruleID),
		Message:  messageText(r.Message, rule),
		Location: loc,
		CWE:      sarifCWEs(rule, tags),
		Tags:     uniqueSorted(append([]string{tool}, tags...)),
		Source:   tool,
	}
	sev, explicit := sarifSeverity(rule, r, tags)
	if !explicit && f.Category == finding.Secret {
		// A leaked credential the tool did not rate (gitleaks rates none) is
		// high, as in the gitleaks JSON import.
		sev = finding.High
	}
	f.Severity = sev
	if rule.HelpURI != "" {
		f.Fix = "See " + rule.HelpURI
	}
	if c := strings.ToLower(stringProp(rule.Properties, "precision")); c == "high" || c == "medium" || c == "low" {
		f.Confidence = c
	} else if c == "very-high" {
		f.Confidence = "high"
	}
	switch f.Category {
	case finding.Secret:
		sarifSecret(&f, tool, snippet)
	case finding.Vulnerability:
		sarifVuln(&f, rule, r, snippet)
	default:
		f.Evidence = truncateRunes(strings.TrimSpace(snippet), 300)
		if isCredentialRule(f.CWE, ruleID, f.Title, f.Message) {
			f.Evidence, f.Message = maskValues(f.Evidence), maskValues(f.Message)
		}
		f.SetFingerprint(sarifKey(r, f.Evidence, f.Message, loc))
	}
	return f
}

// sarifSecret redacts a secret result. gitleaks puts the secret itself in
// the region snippet; other tools put the (usually masked) line.
func sarifSecret(f *finding.Finding, tool, snippet string) {
	snippet = strings.TrimSpace(snippet)
	switch {
	case snippet != "" && (tool == "gitleaks" || !strings.ContainsAny(snippet, " \t=:\"'")):
		f.Evidence = finding.Redact(snippet)
		f.Fingerprint = finding.Fingerprint(finding.Secret, f.RuleID, f.Location.Path, finding.SecretKey(snippet))
	default:
		f.Evidence = maskValues(snippet)
		f.Fingerprint = finding.Fingerprint(finding.Secret, f.RuleID, f.Location.Path,
			finding.LineKey(firstNonEmpty(f.Evidence, fmt.Sprint(f.Location.StartLine))))
	}
	if tool != "gitleaks" {
		f.Message = maskValues(f.Message)
	}
	f.Fix = "Revoke and rotate the secret, then remove it from the code (and from git history if it was pushed)."
	if len(f.CWE) == 0 {
		f.CWE = []string{"CWE-798"}
	}
}

// sarifKey is the fingerprint key of a code or container result: the
// flagged line when the log has it, else the tool's own partial
// fingerprints, else the message and position.
func sarifKey(r *sarifResult, evidence, message string, loc finding.Location) string {
	if evidence != "" {
		return finding.LineKey(evidence)
	}
	if len(r.PartialFingerprints) > 0 {
		keys := make([]string, 0, len(r.PartialFingerprints))
		for k, v := range r.PartialFingerprints {
			keys = append(keys, k+"="+v)
		}
		sort.Strings(keys)
		return strings.Join(keys, ";")
	}
	// Nothing stable is left: the position keeps distinct results apart.
	return finding.LineKey(message) + "@" + strconv.Itoa(loc.StartLine) + ":" + strconv.Itoa(loc.StartColumn)
}

func (p parser) sarifLocation(run *sarifRun, r *sarifResult) (finding.Location, string) {
	for _, l := range r.Locations {
		pl := l.PhysicalLocation
		if pl == nil {
			continue
		}
		a := pl.ArtifactLocation
		if a.URI == "" && a.Index != nil && *a.Index >= 0 && *a.Index < len(run.Artifacts) {
			a = run.Artifacts[*a.Index].Location
		}
		base := ""
		if b, ok := run.OriginalURIBaseIDs[a.URIBaseID]; ok {
			base = b.URI
		}
		loc := finding.Location{Path: p.paths.uri(a.URI, base)}
		snippet := ""
		if reg := pl.Region; reg != nil {
			loc.StartLine, loc.StartColumn = max(reg.StartLine, 0), max(reg.StartColumn, 0)
			loc.EndLine, loc.EndColumn = max(reg.EndLine, 0), max(reg.EndColumn, 0)
			if reg.Snippet != nil {
				snippet = reg.Snippet.Text
			}
		}
		return loc, snippet
	}
	return finding.Location{}, ""
}

// messageText returns a result's message, expanding a message string
// reference and its {0}-style arguments.
func messageText(m sarifMessage, rule *sarifRule) string {
	text := firstNonEmpty(m.Text, m.Markdown)
	if text == "" && m.ID != "" {
		if ms, ok := rule.MessageStrings[m.ID]; ok {
			text = firstNonEmpty(ms.Text, ms.Markdown)
		}
	}
	for i, a := range m.Arguments {
		text = strings.ReplaceAll(text, "{"+strconv.Itoa(i)+"}", a)
	}
	if text == "" {
		text = firstNonEmpty(rule.FullDescription.Text, rule.ShortDescription.Text)
	}
	return truncateRunes(strings.TrimSpace(text), 2000)
}

// ruleTitle is the rule's short description, unless that only repeats the
// rule ID (osv-scanner, semgrep), in which case the first sentence of the
// full description serves.
func ruleTitle(rule *sarifRule, ruleID string) string {
	short := strings.TrimSpace(rule.ShortDescription.Text)
	if short == "" || strings.Contains(short, ruleID) {
		if full := firstSentence(rule.FullDescription.Text); full != "" {
			return full
		}
	}
	return firstLine(firstNonEmpty(short, rule.Name, ruleID))
}

// firstSentence returns the first line of s up to its first ". ", at most
// 120 characters.
func firstSentence(s string) string {
	s = firstLine(s)
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i+1]
	}
	return truncateRunes(s, 120)
}

func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func stringProp(props map[string]any, key string) string {
	switch v := props[key].(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

func stringsProp(props map[string]any, key string) []string {
	var out []string
	switch v := props[key].(type) {
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok && s != "" {
				out = append(out, s)
			}
		}
	case string:
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
