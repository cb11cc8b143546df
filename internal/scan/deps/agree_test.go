package deps

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/secaudit/secaudit/internal/vulndb"
)

// sharedDir returns ../shared next to the module root, skipping the test
// when it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
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
	shared := filepath.Join(filepath.Dir(dir), "shared")
	for _, sub := range []string{"osv", "lockfiles", "osv-scanner-raw"} {
		if _, err := os.Stat(filepath.Join(shared, sub)); err != nil {
			t.Skipf("%s not present: %v", filepath.Join(shared, sub), err)
		}
	}
	return shared
}

// osvScannerOutput is the part of osv-scanner v2's JSON output we compare.
type osvScannerOutput struct {
	Results []struct {
		Source struct {
			Path string `json:"path"`
		} `json:"source"`
		Packages []struct {
			Package struct {
				Name, Version, Ecosystem string
			} `json:"package"`
			Groups []struct {
				IDs     []string `json:"ids"`
				Aliases []string `json:"aliases"`
			} `json:"groups"`
		} `json:"packages"`
	} `json:"results"`
}

// vulnSet maps "ecosystem/name@version" to its advisory groups, each the
// set of IDs and aliases it is known by.
type vulnSet map[string][]map[string]bool

// knownDifferences are the (package, advisory) pairs where secaudit and
// osv-scanner v2 disagree on the shared corpus, each with the reason;
// the test fails on any other difference.
var knownDifferences = map[string]string{}

// TestAgreementWithOSVScanner runs extraction and matching on every lockfile
// osv-scanner scanned in ../shared/osv-scanner-raw, with the same database,
// and compares the (package, version, advisory group) sets.
func TestAgreementWithOSVScanner(t *testing.T) {
	shared := sharedDir(t)
	db, err := vulndb.Open(filepath.Join(shared, "osv"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(shared, "osv-scanner-raw", "_all_together.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out osvScannerOutput
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	var agreed, onlyOurs, onlyTheirs, total int
	for _, r := range out.Results {
		rel := strings.TrimPrefix(r.Source.Path, "shared/lockfiles/")
		data, err := os.ReadFile(filepath.Join(shared, "lockfiles", rel))
		if err != nil {
			t.Fatal(err)
		}
		pkgs, err := Extract(rel, data)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
		}
		findings, errs := match(context.Background(), db, pkgs)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", rel, errs)
		}
		ours := vulnSet{}
		for _, f := range findings {
			k := f.Package.Ecosystem + "/" + f.Package.Name + "@" + f.Package.Version
			g := map[string]bool{f.RuleID: true}
			for _, a := range f.Package.Aliases {
				g[a] = true
			}
			ours[k] = append(ours[k], g)
		}
		theirs := vulnSet{}
		for _, p := range r.Packages {
			k := p.Package.Ecosystem + "/" + p.Package.Name + "@" + p.Package.Version
			for _, grp := range p.Groups {
				g := map[string]bool{}
				for _, id := range append(grp.IDs, grp.Aliases...) {
					g[id] = true
				}
				theirs[k] = append(theirs[k], g)
			}
		}
		a, mine, their := compareVulnSets(ours, theirs)
		agreed += a
		total += a + len(mine) + len(their)
		for _, d := range mine {
			if reason, ok := knownDifferences[rel+" "+d]; ok {
				t.Logf("%s: only secaudit reports %s (%s)", rel, d, reason)
				continue
			}
			onlyOurs++
			t.Errorf("%s: only secaudit reports %s", rel, d)
		}
		for _, d := range their {
			if reason, ok := knownDifferences[rel+" "+d]; ok {
				t.Logf("%s: only osv-scanner reports %s (%s)", rel, d, reason)
				continue
			}
			onlyTheirs++
			t.Errorf("%s: only osv-scanner reports %s", rel, d)
		}
	}
	t.Logf("agreement: %d of %d (package, advisory group) pairs; %d unexplained only in secaudit, %d unexplained only in osv-scanner",
		agreed, total, onlyOurs, onlyTheirs)
}

// compareVulnSets pairs groups of the same package that share an ID.
func compareVulnSets(ours, theirs vulnSet) (agreed int, onlyOurs, onlyTheirs []string) {
	keys := map[string]bool{}
	for k := range ours {
		keys[k] = true
	}
	for k := range theirs {
		keys[k] = true
	}
	for k := range keys {
		used := make([]bool, len(theirs[k]))
		for _, g := range ours[k] {
			found := false
			for j, h := range theirs[k] {
				if !used[j] && overlaps(g, h) {
					used[j], found = true, true
					break
				}
			}
			if found {
				agreed++
			} else {
				onlyOurs = append(onlyOurs, k+" "+groupName(g))
			}
		}
		for j, h := range theirs[k] {
			if !used[j] {
				onlyTheirs = append(onlyTheirs, k+" "+groupName(h))
			}
		}
	}
	sort.Strings(onlyOurs)
	sort.Strings(onlyTheirs)
	return agreed, onlyOurs, onlyTheirs
}

func overlaps(a, b map[string]bool) bool {
	for id := range a {
		if b[id] {
			return true
		}
	}
	return false
}

func groupName(g map[string]bool) string {
	ids := make([]string, 0, len(g))
	for id := range g {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}
