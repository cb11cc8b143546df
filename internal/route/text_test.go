package route

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

func TestWritePlanGolden(t *testing.T) {
	r := res(
		fnd(finding.Secret, finding.High, 3, "config/prod.env", "aws-key"),
		fnd(finding.Container, finding.Medium, 5, "Dockerfile", "root-user"),
		fnd(finding.Code, finding.High, 6, "src/app.py", "py-eval"),
		fnd(finding.Code, finding.Low, 6, "README.md", "md-link"),
	)
	p, err := Build(r, config.Default(), Options{Owners: mustOwners(t)})
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if err := WritePlan(&text, p); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.txt", text.Bytes())
	js, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.json", append(js, '\n'))

	incomplete := res()
	incomplete.Run.DefaultBranch = false
	incomplete.Run.Branch = "feature"
	incomplete.Verdict = result.Verdict{ExitCode: 1, Incomplete: true, Classes: []result.Class{{Code: 1}}}
	incomplete.Errors = []result.Problem{{Source: "deps", Path: "go.sum", Message: "malformed line 3"}}
	p, err = Build(incomplete, config.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	text.Reset()
	if err := WritePlan(&text, p); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan-incomplete.txt", text.Bytes())
}
