package importer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// banditReport is bandit's JSON output (`bandit -f json`). issue_cwe and
// col_offset exist since bandit 1.7.
type banditReport struct {
	Results []banditResult `json:"results"`
}

type banditResult struct {
	TestID          string `json:"test_id"`
	TestName        string `json:"test_name"`
	IssueSeverity   string `json:"issue_severity"`
	IssueConfidence string `json:"issue_confidence"`
	IssueText       string `json:"issue_text"`
	Filename        string `json:"filename"`
	LineNumber      int    `json:"line_number"`
	LineRange       []int  `json:"line_range"`
	ColOffset       int    `json:"col_offset"`
	EndColOffset    int    `json:"end_col_offset"`
	Code            string `json:"code"`
	MoreInfo        string `json:"more_info"`
	IssueCWE        *struct {
		ID int `json:"id"`
	} `json:"issue_cwe"`
}

func (p parser) bandit() ([]finding.Finding, error) {
	var rep banditReport
	if err := p.decode(&rep); err != nil {
		return nil, err
	}
	fs := make([]finding.Finding, 0, len(rep.Results))
	for i, r := range rep.Results {
		if r.TestID == "" {
			return nil, fmt.Errorf("results[%d]: no test_id: not a bandit report", i)
		}
		fs = append(fs, p.banditFinding(r))
	}
	return fs, nil
}

func (p parser) banditFinding(r banditResult) finding.Finding {
	sev, ok := severityName(r.IssueSeverity)
	if !ok {
		sev = finding.Medium
	}
	var cwes []string
	if r.IssueCWE != nil && r.IssueCWE.ID > 0 {
		cwes = []string{"CWE-" + strconv.Itoa(r.IssueCWE.ID)}
	}
	line := banditLine(r.Code, r.LineNumber)
	msg := r.IssueText
	// B105-B107 quote the password they found in issue_text.
	if isCredentialRule(cwes, r.TestID+" "+r.TestName, r.IssueText) {
		msg, line = maskValues(msg), maskValues(line)
	}
	loc := finding.Location{Path: p.paths.path(r.Filename), StartLine: r.LineNumber}
	if n := len(r.LineRange); n > 0 && r.LineRange[n-1] > r.LineNumber {
		loc.EndLine = r.LineRange[n-1]
	}
	if r.ColOffset > 0 || r.EndColOffset > 0 {
		// bandit's offsets are 0-based; ours are 1-based.
		loc.StartColumn = r.ColOffset + 1
	}
	if r.EndColOffset > 0 && loc.EndLine == 0 {
		loc.EndColumn = r.EndColOffset
	}
	f := finding.Finding{
		Category:   finding.Code,
		RuleID:     r.TestID,
		Severity:   sev,
		Confidence: strings.ToLower(r.IssueConfidence),
		Title:      firstNonEmpty(strings.ReplaceAll(r.TestName, "_", " "), r.TestID),
		Message:    msg,
		Location:   loc,
		Evidence:   line,
		CWE:        cwes,
		Tags:       []string{"python", "bandit"},
		Source:     "bandit",
	}
	if r.MoreInfo != "" {
		f.Fix = "See " + r.MoreInfo
	}
	f.SetFingerprint(finding.LineKey(firstNonEmpty(line, msg)))
	return f
}

// banditLine picks the flagged line out of bandit's code excerpt, whose
// lines start with their number ("12 x = eval(s)").
func banditLine(code string, line int) string {
	prefix := strconv.Itoa(line) + " "
	for _, l := range strings.Split(code, "\n") {
		if rest, ok := strings.CutPrefix(l, prefix); ok {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}
