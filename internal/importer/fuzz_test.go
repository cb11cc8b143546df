package importer

import (
	"encoding/json"
	"testing"

	"github.com/secaudit/secaudit/internal/finding"
)

// fuzzImport feeds arbitrary bytes to one format's parser: it must return
// findings or an error, never panic, and every finding must be well formed.
func fuzzImport(f *testing.F, format string, seeds ...string) {
	for _, s := range seeds {
		f.Add(readSample(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := ImportWithRoot("fuzz.json", data, format, testRoot)
		if err != nil {
			return
		}
		for _, x := range fs {
			if x.Severity < finding.Info || x.Severity > finding.Critical {
				t.Fatalf("finding with severity %d", x.Severity)
			}
			if _, err := finding.ParseCategory(string(x.Category)); err != nil {
				t.Fatal(err)
			}
			if x.Fingerprint == "" {
				t.Fatal("finding without fingerprint")
			}
			_ = DedupKey(x)
		}
		if _, err := json.Marshal(fs); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzSARIF(f *testing.F) {
	fuzzImport(f, FormatSARIF, "gosec.sarif", "codeql.sarif", "trivy.sarif")
}

func FuzzGitleaks(f *testing.F) { fuzzImport(f, FormatGitleaks, "gitleaks-git.json") }

func FuzzOSVScanner(f *testing.F) { fuzzImport(f, FormatOSVScanner, "osv-scanner.json") }

func FuzzBandit(f *testing.F) { fuzzImport(f, FormatBandit, "bandit-1.7.json") }

func FuzzTrivy(f *testing.F) { fuzzImport(f, FormatTrivy, "trivy-fs.json") }

// FuzzSniff checks that sniffing never panics and that ParseSpec always
// returns a path.
func FuzzSniff(f *testing.F) {
	f.Add([]byte(`{"runs": [], "version": "2.1.0"}`), "sarif:a:b")
	f.Add([]byte(`[]`), "x.json")
	f.Fuzz(func(t *testing.T, data []byte, spec string) {
		_, _ = Sniff(data)
		if format, path := ParseSpec(spec); path == "" && spec != "" || format != "" && path == spec {
			t.Fatalf("ParseSpec(%q) = %q, %q", spec, format, path)
		}
	})
}
