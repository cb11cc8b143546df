package importer

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/report"
	"github.com/secaudit/secaudit/internal/result"
)

// BenchmarkImport measures each format on its sample, osv-scanner on the
// largest real result of ../shared, and SARIF on a 10,000-result log.
func BenchmarkImport(b *testing.B) {
	cases := map[string][]byte{}
	for _, s := range samples {
		cases[s.file] = readSample(b, s.file)
	}
	if dir := os.Getenv("SECAUDIT_SHARED"); dir != "" {
		if data, err := os.ReadFile(filepath.Join(dir, "osv-scanner-raw", "_all_together.json")); err == nil {
			cases["osv-scanner-all-together"] = data
		}
	}
	cases["sarif-10k"] = bigSARIF(b, 10000)
	for name, data := range cases {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			reportCPU(b, func() {
				if _, err := ImportWithRoot(name, data, "", testRoot); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func bigSARIF(b *testing.B, n int) []byte {
	r := &result.Result{}
	for i := range n {
		r.Findings = append(r.Findings, finding.Finding{
			Category: finding.Code, RuleID: fmt.Sprintf("rule-%d", i%50), Severity: finding.Severity(i%5 + 1),
			Title: "title", Message: "message", Location: finding.Location{Path: fmt.Sprintf("pkg%d/file%d.go", i%20, i), StartLine: i%300 + 1},
			Fingerprint: fmt.Sprint(i),
		})
	}
	w, err := report.New("sarif", report.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Write(&buf, r); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
