package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

func render(t *testing.T, format string, opts Options, r *result.Result) []byte {
	t.Helper()
	w, err := New(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Write(&buf, r); err != nil {
		t.Fatalf("write %s: %v", format, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name, format string
		opts         Options
		result       func() *result.Result
	}{
		{"table.golden", "table", Options{Teams: sampleTeams}, sampleResult},
		{"table-color.golden", "table", Options{Teams: sampleTeams, Color: true}, sampleResult},
		{"table-clean.golden", "table", Options{}, emptyResult},
		{"json.golden", "json", Options{}, sampleResult},
		{"json-clean.golden", "json", Options{}, emptyResult},
		{"sarif.golden", "sarif", Options{}, sampleResult},
		{"markdown.golden", "markdown", Options{Teams: sampleTeams}, sampleResult},
		{"markdown-clean.golden", "markdown", Options{}, emptyResult},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name, render(t, tt.format, tt.opts, tt.result()))
		})
	}
}

func emptyResult() *result.Result {
	return &result.Result{Tool: result.Tool{Name: "secaudit", Version: "0.1.0"}, Stats: result.Stats{FilesScanned: 3}}
}

func TestGitHubActionsGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "github_output")
	if err := os.WriteFile(out, []byte("previous=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var ann bytes.Buffer
	if err := GitHubActions(sampleResult(), out, &ann, 0); err != nil {
		t.Fatal(err)
	}
	golden(t, "github-annotations.golden", ann.Bytes())
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want := "previous=1\nexit_code=3\nfindings=7\nincomplete=true\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("GITHUB_OUTPUT (-want +got):\n%s", diff)
	}
}

func TestGitHubActionsLimit(t *testing.T) {
	var ann bytes.Buffer
	if err := GitHubActions(sampleResult(), "", &ann, 3); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(ann.String()), "\n")
	errs := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "::error ") {
			errs++
		}
	}
	if errs != 3 {
		t.Errorf("got %d ::error lines, want 3:\n%s", errs, ann.String())
	}
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "::notice ") || !strings.Contains(last, "5 more findings") {
		t.Errorf("last line %q, want a notice about 5 more findings", last)
	}
}

func TestGitHubActionsBadOutputPath(t *testing.T) {
	err := GitHubActions(sampleResult(), filepath.Join(t.TempDir(), "missing", "out"), nil, 0)
	if err == nil || !strings.Contains(err.Error(), "github output") {
		t.Errorf("got %v, want an error naming the github output file", err)
	}
}

func TestWorkflowCommandEscaping(t *testing.T) {
	tests := []struct{ name, in, data, prop string }{
		{"plain", "a.go", "a.go", "a.go"},
		{"percent", "100%", "100%25", "100%25"},
		{"newlines", "a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"separators", "C:\\x,y", "C:\\x,y", "C%3A\\x%2Cy"},
		{"injection", "x\n::error::owned", "x%0A::error::owned", "x%0A%3A%3Aerror%3A%3Aowned"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := escapeData(tt.in); got != tt.data {
				t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
			}
			if got := escapeProperty(tt.in); got != tt.prop {
				t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.prop)
			}
		})
	}
}

func TestNewUnknownFormat(t *testing.T) {
	_, err := New("xml", Options{})
	if err == nil {
		t.Fatal("New(xml) succeeded, want an error")
	}
	for _, f := range Formats() {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not list format %q", err, f)
		}
	}
	for _, f := range Formats() {
		if _, err := New(f, Options{}); err != nil {
			t.Errorf("New(%q): %v", f, err)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	want := sampleResult()
	got, err := ReadJSON(bytes.NewReader(render(t, "json", Options{}, want)))
	if err != nil {
		t.Fatal(err)
	}
	want.Findings = sortedFindings(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestReadJSONErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"syntax", "{\n  \"schema_version\": \"1.0\",\n  \"findings\": [,]\n}", "line 3, column 16"},
		{"type", "{\"schema_version\": \"1.0\", \"stats\": {\"files_scanned\": \"many\"}}", "stats.files_scanned"},
		{"bad severity", `{"schema_version": "1.0", "findings": [{"severity": "apocalyptic"}]}`, "unknown severity"},
		{"no version", `{"findings": []}`, "no schema_version"},
		{"future major", `{"schema_version": "2.0"}`, `schema_version "2.0" is not supported`},
		{"empty", ``, "json report"},
		{"finding without severity", `{"schema_version": "1.0", "findings": [{"category": "code"}]}`, "findings[0] (rule \"\"): severity missing"},
		{"finding with bad category", `{"schema_version": "1.0", "findings": [{"category": "misc", "severity": "low"}]}`, `unknown category "misc"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadJSON error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if r, err := ReadJSON(strings.NewReader(`{"schema_version": "1.7"}`)); err != nil || r.Findings == nil {
		t.Errorf("minor version: got %v, %v; want a result with empty findings", r, err)
	}
}

func TestEmptyArraysNotNull(t *testing.T) {
	out := string(render(t, "json", Options{}, emptyResult()))
	for _, want := range []string{`"findings": []`, `"classes": []`, `"scanners": []`, `"schema_version": "1.0"`} {
		if !strings.Contains(out, want) {
			t.Errorf("json report lacks %s:\n%s", want, out)
		}
	}
}

func TestNoSecretInAnyFormat(t *testing.T) {
	const clear = "AKIA2OGYBAH6TQ7XMPL3"
	r := sampleResult()
	var all bytes.Buffer
	for _, f := range Formats() {
		all.Write(render(t, f, Options{Teams: sampleTeams}, r))
	}
	if err := GitHubActions(r, "", &all, 0); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(all.Bytes(), []byte(clear)) {
		t.Error("a report contains the secret in clear")
	}
	if !bytes.Contains(all.Bytes(), []byte("sha256:"+finding.ShortHash(clear))) {
		t.Error("reports lost the redacted evidence's correlation hash")
	}
}

func TestSortDefensively(t *testing.T) {
	r := sampleResult()
	got := sortedFindings(r)
	var order []string
	for _, f := range got {
		order = append(order, fmt.Sprintf("%d/%s/%s", f.ExitClass, f.Severity, f.RuleID))
	}
	want := []string{
		"3/critical/aws-access-key-id",
		"2/critical/GHSA-35jh-r3h4-6jhm",
		"2/critical/GHSA-9c47-m6qq-7p4h",
		"2/high/GHSA-p6mc-m468-83gw",
		"5/high/DOCKER-USER-ROOT",
		"6/medium/python-eval",
		"0/low/B101",
	}
	if diff := cmp.Diff(want, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if r.Findings[0].RuleID != "python-eval" {
		t.Error("sortedFindings modified the result")
	}
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schema := sharedFile(t, "specs/sarif-schema-2.1.0.json")
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	f, err := os.Open(schema)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*result.Result{"sample": sampleResult(), "empty": emptyResult(), "capped": manyFindings(30)} {
		t.Run(name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, "sarif", Options{}, r)))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("SARIF does not validate: %v", err)
			}
		})
	}
}

// sharedFile returns the path of a file of ../shared beside the module root,
// skipping the test when it is absent.
func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not available: %v", rel, err)
	}
	return p
}

func manyFindings(n int) *result.Result {
	r := emptyResult()
	for i := range n {
		r.Findings = append(r.Findings, finding.Finding{
			Category: finding.Code, RuleID: fmt.Sprintf("rule-%d", i%7), Severity: finding.Severity(i%5 + 1),
			Title: "t", Location: finding.Location{Path: fmt.Sprintf("dir %d/f|%d.go", i%3, i), StartLine: i%50 + 1},
			Evidence: strings.Repeat("x", 300), Source: "test", Fingerprint: fmt.Sprint(i), ExitClass: 6,
		})
	}
	r.Verdict = result.Verdict{ExitCode: 6, Classes: []result.Class{{Code: 6, Title: "Code security issues", Findings: n}}}
	return r
}

func TestSARIFCapsResults(t *testing.T) {
	log := buildSARIF(manyFindings(sarifMaxResults + 5))
	run := log.Runs[0]
	if len(run.Results) != sarifMaxResults {
		t.Errorf("got %d results, want %d", len(run.Results), sarifMaxResults)
	}
	if run.Properties["truncated"] != true || run.Properties["total_results"] != sarifMaxResults+5 {
		t.Errorf("run properties %v do not record the truncation", run.Properties)
	}
	if len(run.Tool.Driver.Rules) != 7 {
		t.Errorf("got %d rules, want 7", len(run.Tool.Driver.Rules))
	}
}

func TestSARIFRegions(t *testing.T) {
	tests := []struct {
		name string
		in   finding.Location
		want *sarifRegion
	}{
		{"no line", finding.Location{Path: "a"}, &sarifRegion{StartLine: 1}},
		{"line only", finding.Location{Path: "a", StartLine: 4}, &sarifRegion{StartLine: 4}},
		{"full", finding.Location{Path: "a", StartLine: 4, StartColumn: 2, EndLine: 5, EndColumn: 1}, &sarifRegion{StartLine: 4, StartColumn: 2, EndLine: 5, EndColumn: 1}},
		{"end before start", finding.Location{Path: "a", StartLine: 4, StartColumn: 9, EndLine: 4, EndColumn: 3}, &sarifRegion{StartLine: 4, StartColumn: 9, EndLine: 4}},
		{"end line before start", finding.Location{Path: "a", StartLine: 4, EndLine: 2}, &sarifRegion{StartLine: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, regionOf(tt.in)); diff != "" {
				t.Errorf("regionOf (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMarkdownCapsRowsAndSize(t *testing.T) {
	out := render(t, "markdown", Options{}, manyFindings(5000))
	if n := bytes.Count(out, []byte("\n| ")); n > markdownMaxRows+10 {
		t.Errorf("markdown has %d table rows, want at most about %d", n, markdownMaxRows)
	}
	if !bytes.Contains(out, []byte("and 4800 more")) {
		t.Error("markdown does not say how many rows were left out")
	}
	if len(out) > 256<<10 {
		t.Errorf("markdown is %d bytes, want well under GitHub's 1 MiB step summary limit", len(out))
	}
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "abc", "`abc`"},
		{"pipe", "a|b", "`a\\|b`"},
		{"backtick", "a`b", "`` a`b ``"},
		{"backticks", "``x", "``` ``x ```"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mdCode(tt.in); got != tt.want {
				t.Errorf("mdCode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got, want := mdText("<img src=x>|[a](b)"), `\<img src=x\>\|\[a\]\(b\)`; got != want {
		t.Errorf("mdText = %q, want %q", got, want)
	}
}

func TestCleanStripsControls(t *testing.T) {
	if got, want := clean("a\x1b[31m\nb\t c\u2028"), "a [31m b c"; got != want {
		t.Errorf("clean = %q, want %q", got, want)
	}
}

func FuzzReadJSON(f *testing.F) {
	var buf bytes.Buffer
	if err := (jsonWriter{}).Write(&buf, sampleResult()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"schema_version":"1.0","findings":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadJSON(bytes.NewReader(data))
		if err != nil {
			return
		}
		// Whatever was read must render in every format without failing.
		for _, format := range Formats() {
			w, _ := New(format, Options{})
			if err := w.Write(&bytes.Buffer{}, r); err != nil {
				t.Errorf("%s: %v", format, err)
			}
		}
	})
}

func TestJSONIsValidJSON(t *testing.T) {
	for _, f := range []string{"json", "sarif"} {
		if !json.Valid(render(t, f, Options{}, sampleResult())) {
			t.Errorf("%s output is not valid JSON", f)
		}
	}
}

func TestSARIFRuleLimits(t *testing.T) {
	r := emptyResult()
	r.Findings = []finding.Finding{{
		Category: finding.Code, Severity: finding.High, Title: "t", Location: finding.Location{Path: "a.go"},
		CWE: []string{"CWE-1", "CWE-2", "CWE-3", "CWE-4", "CWE-5", "CWE-6", "CWE-7", "CWE-8"},
	}}
	run := buildSARIF(r).Runs[0]
	rule := run.Tool.Driver.Rules[0]
	if rule.ID != "secaudit/code" || run.Results[0].RuleID != "secaudit/code" {
		t.Errorf("empty rule ID became %q / %q, want secaudit/code", rule.ID, run.Results[0].RuleID)
	}
	if tags := rule.Properties["tags"].([]string); len(tags) != sarifMaxTags {
		t.Errorf("rule has %d tags, want %d", len(tags), sarifMaxTags)
	}
}

func TestPackageLabel(t *testing.T) {
	mk := func(id string, fixed ...string) finding.Finding {
		return finding.Finding{Category: finding.Vulnerability, RuleID: id, Severity: finding.High, Location: finding.Location{Path: "go.mod"},
			Package: &finding.Package{Ecosystem: "Go", Name: "golang.org/x/net", Version: "0.7.0", FixedVersions: fixed, AdvisoryID: id}}
	}
	tests := []struct {
		name string
		in   []finding.Finding
		want string
	}{
		{"highest of the smallest fixes", []finding.Finding{mk("GO-1", "0.8.0", "0.9.0"), mk("GO-2", "0.17.0")}, "golang.org/x/net 0.7.0 → 0.17.0"},
		{"some unfixed", []finding.Finding{mk("GO-1", "0.8.0"), mk("GO-2")}, "golang.org/x/net 0.7.0 → 0.8.0 (1 without fix)"},
		{"none fixed", []finding.Finding{mk("GO-1"), mk("GO-2", "0.6.0")}, "golang.org/x/net 0.7.0 (no fix)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups, others := splitVulns(tt.in)
			if len(groups) != 1 || len(others) != 0 {
				t.Fatalf("got %d groups and %d others, want 1 and 0", len(groups), len(others))
			}
			if got := groups[0].Label(); got != tt.want {
				t.Errorf("Label() = %q, want %q", got, tt.want)
			}
		})
	}
}
