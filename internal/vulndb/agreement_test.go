package vulndb

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// osvScannerResult is the part of osv-scanner's JSON output the agreement
// test reads.
type osvScannerResult struct {
	Results []struct {
		Packages []struct {
			Package struct {
				Name, Version, Ecosystem string
			} `json:"package"`
			Vulnerabilities []struct {
				ID string `json:"id"`
			} `json:"vulnerabilities"`
		} `json:"packages"`
	} `json:"results"`
}

// TestAgreesWithOSVScanner replays osv-scanner v2's offline results on the
// shared lockfiles: every (package, version) it reports must get exactly
// the same advisory IDs from this database.
func TestAgreesWithOSVScanner(t *testing.T) {
	raw := sharedDir(t, "osv-scanner-raw")
	db, err := Open(sharedDir(t, "osv"))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(raw, "*.json"))
	var pkgs, mismatches int
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "_") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var res osvScannerResult
		if err := json.Unmarshal(data, &res); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, r := range res.Results {
			for _, p := range r.Packages {
				pkgs++
				var want []string
				for _, v := range p.Vulnerabilities {
					want = append(want, v.ID)
				}
				sort.Strings(want)
				advs, err := db.Query(p.Package.Ecosystem, p.Package.Name, p.Package.Version)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, a := range advs {
					got = append(got, a.ID)
				}
				if strings.Join(got, " ") != strings.Join(want, " ") {
					mismatches++
					t.Errorf("%s: %s %s@%s: got %v, osv-scanner %v", filepath.Base(f), p.Package.Ecosystem, p.Package.Name, p.Package.Version, got, want)
				}
			}
		}
	}
	t.Logf("%d vulnerable packages compared, %d mismatches", pkgs, mismatches)
}
