package importer

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/report"
	"github.com/secaudit/secaudit/internal/result"
)

// TestSecauditSARIFRoundTrip imports secaudit's own SARIF: every category
// and severity must come back as it went out.
func TestSecauditSARIFRoundTrip(t *testing.T) {
	in := []finding.Finding{
		{Category: finding.Secret, RuleID: "aws-access-key-id", Severity: finding.Critical, Title: "AWS key", Location: finding.Location{Path: "a.env", StartLine: 2}, Fingerprint: "1"},
		{Category: finding.Vulnerability, RuleID: "GHSA-35jh-r3h4-6jhm", Severity: finding.High, Title: "lodash", Location: finding.Location{Path: "package-lock.json"}, Fingerprint: "2"},
		{Category: finding.Container, RuleID: "DOCKER-USER-ROOT", Severity: finding.Medium, Title: "root", Location: finding.Location{Path: "Dockerfile", StartLine: 1}, Fingerprint: "3"},
		{Category: finding.Code, RuleID: "python-eval", Severity: finding.Low, Title: "eval", Location: finding.Location{Path: "dir with space/app.py", StartLine: 9, StartColumn: 3}, Fingerprint: "4"},
		{Category: finding.Code, RuleID: "python-eval", Severity: finding.Info, Title: "eval", Location: finding.Location{Path: "b.py", StartLine: 1}, Fingerprint: "5"},
	}
	w, err := report.New("sarif", report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Write(&buf, &result.Result{Findings: in}); err != nil {
		t.Fatal(err)
	}
	out, err := Import("secaudit.sarif", buf.Bytes(), "")
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		Cat  finding.Category
		Rule string
		Sev  finding.Severity
		Loc  finding.Location
	}
	var want, got []key
	for _, f := range in {
		if f.Location.StartLine == 0 {
			f.Location.StartLine = 1 // SARIF anchors a line-less result at line 1
		}
		want = append(want, key{f.Category, f.RuleID, f.Severity, f.Location})
	}
	for _, f := range out {
		got = append(got, key{f.Category, f.RuleID, f.Severity, f.Location})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
