package importer

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden/")

// testRoot is where the sample reports were (or would have been) produced.
const testRoot = "/home/runner/work/shop/shop"

// samples are real tool outputs (gitleaks 8, osv-scanner 2.6, bandit 1.6
// generated on a small fixture) and outputs written after each tool's
// documented format (trivy, gosec, semgrep, CodeQL, bandit 1.7).
var samples = []struct {
	file, format string
	count        int
}{
	{"gitleaks-dir.json", FormatGitleaks, 2},
	{"gitleaks-git.json", FormatGitleaks, 4},
	{"gitleaks.sarif", FormatSARIF, 4},
	{"osv-scanner.json", FormatOSVScanner, 5},
	{"osv-scanner.sarif", FormatSARIF, 5},
	{"bandit-1.6.json", FormatBandit, 8},
	{"bandit-1.7.json", FormatBandit, 3},
	{"trivy-fs.json", FormatTrivy, 8},
	{"trivy.sarif", FormatSARIF, 3},
	{"gosec.sarif", FormatSARIF, 2},
	{"semgrep.sarif", FormatSARIF, 2},
	{"codeql.sarif", FormatSARIF, 1},
}

// clearSecrets are the secret values in the samples: none may survive import.
var clearSecrets = []string{
	"AKIA2OGYBAH6TQ7XMPL3", "ghp_R2d2C3poL0ke5kywalkerHanSolo12345678", "sk_live_51HqLyjWDarjtT1zdp7dcXYZabc123",
	"Zx9vQ2pLm8Rt4Wy6Ub3Nc7Hd5Jf1Kg0S", "s3cr3tP4ss", "Sup3rS3cretPassw0rd!", "django-insecure-8f3k2j5h7g9d1s4a6q8w0e2r4t6y8u0i",
}

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestGolden(t *testing.T) {
	for _, s := range samples {
		t.Run(s.file, func(t *testing.T) {
			data := readSample(t, s.file)
			fs, err := ImportWithRoot(s.file, data, "", testRoot)
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != s.count {
				t.Errorf("got %d findings, want %d", len(fs), s.count)
			}
			got, err := json.MarshalIndent(fs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			for _, secret := range clearSecrets {
				if strings.Contains(string(got), secret) {
					t.Errorf("findings contain the secret %.4s… in clear", secret)
				}
			}
			for _, f := range fs {
				if f.Fingerprint == "" || f.Source == "" || f.RuleID == "" || f.Severity == 0 {
					t.Errorf("incomplete finding %+v", f)
				}
				if strings.HasPrefix(f.Location.Path, "/") || strings.HasPrefix(f.Location.Path, "./") {
					t.Errorf("path %q is not relative", f.Location.Path)
				}
			}
			path := filepath.Join("testdata", "golden", s.file+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run with -update): %v", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	for _, s := range samples {
		t.Run(s.file, func(t *testing.T) {
			got, err := Sniff(readSample(t, s.file))
			if err != nil || got != s.format {
				t.Errorf("Sniff = %q, %v; want %q", got, err, s.format)
			}
		})
	}
	for _, tt := range []struct{ name, in, want string }{
		{"empty gitleaks", "[]", FormatGitleaks},
		{"empty osv-scanner", `{"results": []}`, FormatOSVScanner},
		{"empty sarif", `{"version": "2.1.0", "runs": []}`, FormatSARIF},
		{"empty trivy", `{"SchemaVersion": 2, "ArtifactName": "."}`, FormatTrivy},
		{"bom", "\xef\xbb\xbf[]", FormatGitleaks},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := Sniff([]byte(tt.in)); err != nil || got != tt.want {
				t.Errorf("Sniff = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := Sniff([]byte(`{"foo": 1}`)); err == nil || !strings.Contains(err.Error(), "FORMAT:FILE") {
		t.Errorf("Sniff of an unknown object: %v, want a hint to name the format", err)
	}
}

func TestParseSpec(t *testing.T) {
	tests := []struct{ spec, format, path string }{
		{"sarif:out/gosec.sarif", "sarif", "out/gosec.sarif"},
		{"SARIF:x.sarif", "sarif", "x.sarif"},
		{"osv-scanner:results.json", "osv-scanner", "results.json"},
		{"trivy.json", "", "trivy.json"},
		{"reports/a:b.json", "", "reports/a:b.json"},
		{"gitleaks:", "", "gitleaks:"},
		{"unknown:file.json", "", "unknown:file.json"},
		{"bandit:dir/with:colon.json", "bandit", "dir/with:colon.json"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			f, p := ParseSpec(tt.spec)
			if f != tt.format || p != tt.path {
				t.Errorf("ParseSpec(%q) = %q, %q; want %q, %q", tt.spec, f, p, tt.format, tt.path)
			}
		})
	}
}

func TestImportErrors(t *testing.T) {
	tests := []struct{ name, format, in, want string }{
		{"empty", "", "  \n", "import r.json: file is empty"},
		{"syntax", FormatGitleaks, "[\n {\"RuleID\": \"x\",\n  \"File\": }\n]", "r.json: line 3, column 11"},
		{"type", FormatGitleaks, `[{"RuleID": "x", "StartLine": "two"}]`, "field StartLine"},
		{"not gitleaks", FormatGitleaks, `[{"foo": 1}]`, "leak 0: no RuleID"},
		{"unknown format", "xml", `{}`, `unknown format "xml"`},
		{"sarif without runs", FormatSARIF, `{"version": "2.1.0"}`, "no runs"},
		{"sarif 1.0", FormatSARIF, `{"version": "1.0.0", "runs": []}`, `SARIF version "1.0.0"`},
		{"osv type", FormatOSVScanner, `{"results": [{"packages": [{"package": {"name": 3}}]}]}`, "results.packages.package.name"},
		{"bandit", FormatBandit, `{"results": [{"filename": "a.py"}]}`, "results[0]: no test_id"},
		{"trivy", FormatTrivy, `{"Results": [{"Vulnerabilities": [{"PkgName": "x"}]}]}`, "Results[0].Vulnerabilities[0]"},
		{"sniff garbage", "", `<html>`, "line 1, column 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Import("r.json", []byte(tt.in), tt.format)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Import error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestPaths(t *testing.T) {
	m := pathMapper{root: "/home/runner/work/shop/shop/"}
	tests := []struct{ in, base, want string }{
		{"./app/a.py", "", "app/a.py"},
		{"app\\win\\a.py", "", "app/win/a.py"},
		{"/home/runner/work/shop/shop/go.mod", "", "go.mod"},
		{"/elsewhere/go.mod", "", "/elsewhere/go.mod"},
		{"file:///home/runner/work/shop/shop/dir%20x/a.go", "", "dir x/a.go"},
		{"src/a.js", "file:///home/runner/work/shop/shop/", "src/a.js"},
		{"src/a.js", "file:///home/runner/work/shop/shop/web/", "web/src/a.js"},
		{"web/package-lock.json", "file:///", "web/package-lock.json"},
		{"file:///C:/work/a.go", "", "C:/work/a.go"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := m.uri(tt.in, tt.base); got != tt.want {
				t.Errorf("uri(%q, %q) = %q, want %q", tt.in, tt.base, got, tt.want)
			}
		})
	}
	if got := (pathMapper{}).path("/abs/x"); got != "/abs/x" {
		t.Errorf("without a root an absolute path must stay: got %q", got)
	}
}

func TestMaskValues(t *testing.T) {
	tests := []struct{ name, in, mustNot, must string }{
		{"quoted", `password = "hunter2hunter2"`, "hunter2hunter2", "sha256:"},
		{"assigned", "AWS_SECRET=wJalrXUtnFEMI/K7MDENG", "wJalrXUtnFEMI/K7MDENG", "sha256:"},
		{"bare token", "ghp_R2d2C3poL0ke5kywalkerHanSolo12345678", "R2d2C3poL0ke5kywalker", "sha256:"},
		{"already masked", "AWS_ACCESS_KEY_ID=********************", "sha256:", "********************"},
		{"prose", "subprocess call with shell=True identified", "sha256:", "shell=True"},
		{"word", "Severity: CRITICAL", "sha256:", "CRITICAL"},
		{"path", "Artifact: config/app.env", "sha256:", "config/app.env"},
		{"version", "Installed Version: 4.17.15", "sha256:", "4.17.15"},
		{"credential key", "password: correcthorse", "correcthorse", "sha256:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := maskValues(tt.in)
			if strings.Contains(got, tt.mustNot) || !strings.Contains(got, tt.must) {
				t.Errorf("maskValues(%q) = %q", tt.in, got)
			}
		})
	}
}

func TestDedupKey(t *testing.T) {
	const secret = "AKIA2OGYBAH6TQ7XMPL3"
	builtin := finding.Finding{
		Category: finding.Secret, RuleID: "aws-access-key-id", Location: finding.Location{Path: "config.env", StartLine: 2},
		Evidence: "AWS_ACCESS_KEY_ID=" + finding.Redact(secret),
	}
	leaks, err := Import("gl.json", readSample(t, "gitleaks-dir.json"), FormatGitleaks)
	if err != nil {
		t.Fatal(err)
	}
	if DedupKey(leaks[0]) != DedupKey(builtin) {
		t.Errorf("gitleaks and built-in findings of the same secret have different keys")
	}
	if DedupKey(leaks[0]) == DedupKey(leaks[1]) {
		t.Errorf("two different secrets share a key")
	}

	osv := finding.Finding{Category: finding.Vulnerability, RuleID: "GHSA-35jh-r3h4-6jhm", Location: finding.Location{Path: "web/package-lock.json"},
		Package: &finding.Package{Ecosystem: "npm", Name: "lodash", Version: "4.17.15", AdvisoryID: "GHSA-35jh-r3h4-6jhm", Aliases: []string{"CVE-2021-23337"}}}
	trivy, err := ImportWithRoot("t.json", readSample(t, "trivy-fs.json"), FormatTrivy, testRoot)
	if err != nil {
		t.Fatal(err)
	}
	if DedupKey(trivy[0]) != DedupKey(osv) {
		t.Errorf("trivy CVE and osv-scanner GHSA of one advisory have different keys:\n%q\n%q", DedupKey(trivy[0]), DedupKey(osv))
	}
	if DedupKey(trivy[0]) == DedupKey(trivy[1]) {
		t.Errorf("two advisories of one package share a key")
	}
	code := finding.Finding{Category: finding.Code, Fingerprint: "abc"}
	if DedupKey(code) != "code\x00abc" {
		t.Errorf("code key = %q", DedupKey(code))
	}
}

// TestOSVScannerRaw imports osv-scanner's real results on the shared
// lockfiles: one finding per (package, group), every one with a package.
func TestOSVScannerRaw(t *testing.T) {
	dir := sharedDir(t, "osv-scanner-raw")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skip("no osv-scanner results in " + dir)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fs, err := Import(file, data, "")
			if err != nil {
				t.Fatal(err)
			}
			var rep osvReport
			if err := json.Unmarshal(data, &rep); err != nil {
				t.Fatal(err)
			}
			want := 0
			for _, r := range rep.Results {
				for _, p := range r.Packages {
					want += len(p.Groups)
				}
			}
			if len(fs) != want {
				t.Errorf("got %d findings, want %d (one per group)", len(fs), want)
			}
			for _, f := range fs {
				if f.Package == nil || f.Package.Name == "" || f.Category != finding.Vulnerability {
					t.Fatalf("bad finding %+v", f)
				}
			}
		})
	}
}

func sharedDir(t *testing.T, rel string) string {
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
	p := filepath.Join(dir, "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not available", rel)
	}
	return p
}

func TestRepeatedResultsKeptOnce(t *testing.T) {
	const res = `{"ruleId": "CVE-2018-3721", "level": "warning",
	  "message": {"text": "Package 'lodash@4.13.1' is vulnerable to 'CVE-2018-3721' (also known as 'GHSA-fvqr-27wr-82fm')."},
	  "locations": [{"physicalLocation": {"artifactLocation": {"uri": "package-lock.json"}}}]}`
	log := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "osv-scanner"}}, "results": [` + res + `,` + res + `]}]}`
	fs, err := Import("osv.sarif", []byte(log), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	want := &finding.Package{Ecosystem: "npm", Name: "lodash", Version: "4.13.1", AdvisoryID: "CVE-2018-3721", Aliases: []string{"GHSA-fvqr-27wr-82fm"}}
	if diff := cmp.Diff(want, fs[0].Package); diff != "" {
		t.Errorf("package (-want +got):\n%s", diff)
	}
}
