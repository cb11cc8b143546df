package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/secaudit/secaudit/internal/result"
)

// plantedDemoSecrets are the fake secret values planted in examples/demo.
// Every one must be found, and none may appear in any report.
var plantedDemoSecrets = []string{
	"sk_live_StZsxnTSWsbCBpWUedoB6SJ95Ypuie2c",
	"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",
	"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",
	"sk-proj-5IRuX1gbn99BQV1llwGzHnNJdTVOKPnzAr6DD4WUT3BlbkFJoWr_bM8GTz9ZRQ28YqvV75MalGBkHvgH42yjd429",
	"z8deH99v_l5GhjAy9r3#",
	"AKIA454ML6LG4TJFCZ4K",
	"1874OU3xfuPTb/0AwZqAWeTa38DpDbn820RQ6ymo",
	"Q4aeCnhHL5JL0zQmx78Fj6",
	"tpbJu1DBPscfa629DSG0ndLr",
	"AIzavxvONyNCvcIB5ovK1874OU3xfuPTb-0AwZq",
	"28a79023c39c200661fccd268a29a0d3",
	"vxv^ON^yNCvcIB=5ovK1+874OU3xfuP*Tb#0AwZq-AWeT^a38D",
	"pDbn820RQ6ymor9PYh",
	"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
}

// TestDemoNeverLeaksSecrets scans the bundled demo and checks that no planted
// secret value reaches the table, JSON, SARIF or Markdown report, the
// GitHub step summary or the annotations, while every one is reported.
func TestDemoNeverLeaksSecrets(t *testing.T) {
	demo := filepath.Join("..", "..", "examples", "demo")
	for _, s := range plantedDemoSecrets {
		if !demoContains(t, demo, s) {
			t.Fatalf("planted value %.6s... is no longer in the demo: update plantedDemoSecrets", s)
		}
	}
	dir := t.TempDir()
	t.Setenv("GITHUB_ACTIONS", "true")
	t.Setenv("GITHUB_OUTPUT", filepath.Join(dir, "output"))
	t.Setenv("GITHUB_STEP_SUMMARY", filepath.Join(dir, "summary.md"))
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), []string{"scan", "-q", demo,
		"--output", "json=" + filepath.Join(dir, "r.json"),
		"--output", "sarif=" + filepath.Join(dir, "r.sarif"),
		"--output", "markdown=" + filepath.Join(dir, "r.md"),
	}, nil, &stdout, &stderr)
	if code != 3 {
		t.Fatalf("exit code %d, want 3; stderr:\n%s", code, stderr.String())
	}
	outputs := map[string]string{"table+annotations": stdout.String(), "stderr": stderr.String()}
	for _, name := range []string{"r.json", "r.sarif", "r.md", "summary.md", "output"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		outputs[name] = string(data)
	}
	for name, out := range outputs {
		for _, s := range plantedDemoSecrets {
			if strings.Contains(out, s) {
				t.Errorf("%s holds the planted secret %.6s... in clear", name, s)
			}
		}
	}
	validateSARIF(t, outputs["r.sarif"])
	var res result.Result
	if err := json.Unmarshal([]byte(outputs["r.json"]), &res); err != nil {
		t.Fatal(err)
	}
	secrets := 0
	for _, f := range res.Findings {
		if f.Category == "secret" {
			secrets++
		}
	}
	if secrets < len(plantedDemoSecrets) {
		t.Errorf("%d secret findings, want at least %d (one per planted value)", secrets, len(plantedDemoSecrets))
	}
}

func demoContains(t *testing.T, dir, value string) bool {
	t.Helper()
	found := false
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || found {
			return nil
		}
		data, _ := os.ReadFile(p)
		found = bytes.Contains(data, []byte(value))
		return nil
	})
	return found
}

// validateSARIF checks a SARIF log against the official 2.1.0 schema in
// ../shared/specs, when it is there.
func validateSARIF(t *testing.T, log string) {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "specs", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Logf("SARIF schema not validated: %v", err)
		return
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(log))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("the demo's SARIF does not validate against SARIF 2.1.0: %v", err)
	}
}
