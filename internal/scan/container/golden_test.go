package container

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden scans each fixture in testdata/golden and compares the
// findings, as JSON, with <fixture>.json. Fixtures end in .txt so that a
// scan of this repository does not report them; compose fixtures are named
// *.compose.yml.txt and Kubernetes ones *.k8s.yaml.txt.
func TestGolden(t *testing.T) {
	fixtures, err := filepath.Glob("testdata/golden/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, fx := range fixtures {
		if strings.HasSuffix(fx, ".json") {
			continue
		}
		t.Run(filepath.Base(fx), func(t *testing.T) {
			data, err := os.ReadFile(fx)
			if err != nil {
				t.Fatal(err)
			}
			p := "Dockerfile"
			switch {
			case strings.HasSuffix(fx, ".compose.yml.txt"):
				p = "docker-compose.yml"
			case strings.HasSuffix(fx, ".k8s.yaml.txt"):
				p = "k8s/manifest.yaml"
			}
			got, err := scanOne(t, newTestScanner(t, nil), p, string(data))
			if err != nil {
				t.Fatalf("Scan: %v", err)
			}
			b, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := fx + ".json"
			if *update {
				if err := os.WriteFile(golden, append(b, '\n'), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(string(b))); diff != "" {
				t.Errorf("findings differ from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}
