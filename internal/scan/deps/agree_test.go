package deps

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/secaudit/secaudit/internal/finding"
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

// scannerExtras are the (package, advisory) pairs the scanner reports
// beyond osv-scanner v2 on the shared corpus when it reads the repository
// (local parent poms), with the reason. Extraction alone (Extract) agrees
// with osv-scanner exactly.
var scannerExtras = map[string]string{
	"org.springframework:spring-web@3.2.6.RELEASE": "version ${spring.version} comes from the local parent pom, which osv-scanner does not resolve",
	"org.apache.struts:struts2-core@2.3.20":        "version ${struts2.version} comes from the local parent pom, which osv-scanner does not resolve",
}

// TestAgreementWithOSVScanner compares, lockfile by lockfile, the
// (package, version, advisory group) triples osv-scanner v2 reported in
// ../shared/osv-scanner-raw with ours on the same database: first with
// Extract and the matcher alone (must be identical), then with the whole
// scanner reading the repository (differences must be in scannerExtras).
func TestAgreementWithOSVScanner(t *testing.T) {
	shared := sharedDir(t)
	raw, err := os.ReadFile(filepath.Join(shared, "osv-scanner-raw", "_all_together.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out osvScannerOutput
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	theirs := map[string]vulnSet{}
	for _, r := range out.Results {
		rel := strings.TrimPrefix(r.Source.Path, "shared/lockfiles/")
		set := vulnSet{}
		for _, p := range r.Packages {
			k := p.Package.Ecosystem + "/" + p.Package.Name + "@" + p.Package.Version
			for _, grp := range p.Groups {
				g := map[string]bool{}
				for _, id := range append(grp.IDs, grp.Aliases...) {
					g[id] = true
				}
				set[k] = append(set[k], g)
			}
		}
		theirs[rel] = set
	}
	db, err := vulndb.Open(filepath.Join(shared, "osv"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("extract", func(t *testing.T) {
		var pkgs []Package
		for rel := range theirs {
			data, err := os.ReadFile(filepath.Join(shared, "lockfiles", rel))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Extract(rel, data)
			if err != nil {
				t.Errorf("%s: %v", rel, err)
			}
			pkgs = append(pkgs, got...)
		}
		findings, errs := match(context.Background(), db, pkgs)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		compareWithOSVScanner(t, theirs, findings, nil)
	})
	t.Run("scanner", func(t *testing.T) {
		fsys := os.DirFS(filepath.Join(shared, "lockfiles"))
		s := testScanner(t, fsys, db, nil)
		findings, problems, errs := scanAll(t, s, fsys)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		for _, p := range problems {
			t.Logf("problem: %+v", p)
		}
		compareWithOSVScanner(t, theirs, findings, scannerExtras)
	})
}

// compareWithOSVScanner reports every difference not explained in extras
// (keyed by package name@version).
func compareWithOSVScanner(t *testing.T, theirs map[string]vulnSet, findings []finding.Finding, extras map[string]string) {
	t.Helper()
	ours := map[string]vulnSet{}
	for _, f := range findings {
		if ours[f.Location.Path] == nil {
			ours[f.Location.Path] = vulnSet{}
		}
		k := f.Package.Ecosystem + "/" + f.Package.Name + "@" + f.Package.Version
		g := map[string]bool{f.RuleID: true}
		for _, a := range f.Package.Aliases {
			g[a] = true
		}
		ours[f.Location.Path][k] = append(ours[f.Location.Path][k], g)
	}
	paths := map[string]bool{}
	for p := range ours {
		paths[p] = true
	}
	for p := range theirs {
		paths[p] = true
	}
	var agreed, total, explained int
	for rel := range paths {
		a, mine, their := compareVulnSets(ours[rel], theirs[rel])
		agreed += a
		total += a + len(mine) + len(their)
		for _, d := range mine {
			pkg := strings.Fields(d)[0]
			if reason, ok := extras[pkg[strings.Index(pkg, "/")+1:]]; ok {
				explained++
				t.Logf("%s: only secaudit reports %s: %s", rel, d, reason)
				continue
			}
			t.Errorf("%s: only secaudit reports %s", rel, d)
		}
		for _, d := range their {
			t.Errorf("%s: only osv-scanner reports %s", rel, d)
		}
	}
	t.Logf("agreement: %d of %d (package, advisory group) pairs; %d more found by secaudit, explained", agreed, total, explained)
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
