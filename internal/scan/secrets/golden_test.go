package secrets

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
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden scans each file of testdata/files and compares the findings,
// as JSON, with testdata/golden/<file>.json. Run with -update to accept new
// output after checking it.
func TestGolden(t *testing.T) {
	s := newTestScanner(t, config.Secrets{})
	entries, err := os.ReadDir("testdata/files")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/files", e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			got := scanString(t, s, e.Name(), string(data))
			if got == nil {
				got = []finding.Finding{}
			}
			gotJSON, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			gotJSON = append(gotJSON, '\n')
			golden := filepath.Join("testdata/golden", e.Name()+".json")
			if *update {
				if err := os.WriteFile(golden, gotJSON, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(gotJSON)); diff != "" {
				t.Errorf("findings of %s (-want +got):\n%s", e.Name(), diff)
			}
			if bytes.Contains(gotJSON, []byte("sk_live_StZs")) {
				t.Errorf("clear secret in the output of %s", e.Name())
			}
		})
	}
}
