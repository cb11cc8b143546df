package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

func TestHistoryShown(t *testing.T) {
	r := &result.Result{SchemaVersion: result.SchemaVersion, Findings: []finding.Finding{{
		Category: finding.Secret, RuleID: "aws-access-token", Severity: finding.Critical, ExitClass: 3,
		Location: finding.Location{Path: "creds.env", StartLine: 1}, Evidence: "k = AKIA************DR6W (sha256:ca3bbfc9)",
		History: &finding.History{Commit: "91e8ec7aab1c344249c83745d2fd7bb1c144a6c7", Author: "t <a@b>", Date: "2026-12-03T17:50:44Z"},
	}}, Verdict: result.Verdict{ExitCode: 3, Classes: []result.Class{{Code: 3, Title: "Exposed secrets", Findings: 1}}}}
	for _, format := range []string{"table", "markdown"} {
		w, err := New(format, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := w.Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"91e8ec7aab1c", "no longer in HEAD"} {
			if !strings.Contains(buf.String(), want) {
				t.Errorf("%s report lacks %q:\n%s", format, want, buf.String())
			}
		}
	}
}
