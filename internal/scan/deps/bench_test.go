package deps

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/secaudit/secaudit/internal/vulndb"
)

// sharedLockfiles reads every supported file under ../shared/lockfiles.
func sharedLockfiles(tb testing.TB, shared string) map[string][]byte {
	tb.Helper()
	files := map[string][]byte{}
	root := filepath.Join(shared, "lockfiles")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !Supported(p) {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// warmDB opens the shared database and loads the ecosystems of pkgs.
func warmDB(tb testing.TB, shared string, pkgs []Package) *vulndb.DB {
	tb.Helper()
	db, err := vulndb.Open(filepath.Join(shared, "osv"))
	if err != nil {
		tb.Fatal(err)
	}
	if _, errs := match(context.Background(), db, pkgs); len(errs) > 0 {
		tb.Fatal(errs)
	}
	return db
}

// BenchmarkScanSharedLockfiles extracts and matches every lockfile of
// ../shared/lockfiles against a warm database: the in-process cost of
// `secaudit scan --scanners deps` on that corpus.
func BenchmarkScanSharedLockfiles(b *testing.B) {
	shared := sharedDir(b)
	files := sharedLockfiles(b, shared)
	var all []Package
	for p, data := range files {
		pkgs, _ := Extract(p, data)
		all = append(all, pkgs...)
	}
	db := warmDB(b, shared, all)
	b.ResetTimer()
	for b.Loop() {
		var pkgs []Package
		for p, data := range files {
			got, _ := Extract(p, data)
			pkgs = append(pkgs, got...)
		}
		match(context.Background(), db, pkgs)
	}
	b.ReportMetric(float64(len(all)), "packages")
}

// npmBig is the largest npm lockfile of the shared corpus (1,399 packages).
const npmBig = "globocom__secDevLabs/owasp-top10-2021-apps/a3/comment-killer/app/package-lock.json"

// BenchmarkNPMLockfile scans one ~1,400-package package-lock.json against a
// warm database.
func BenchmarkNPMLockfile(b *testing.B) {
	shared := sharedDir(b)
	data, err := os.ReadFile(filepath.Join(shared, "lockfiles", npmBig))
	if err != nil {
		b.Skip(err)
	}
	pkgs, _ := Extract(npmBig, data)
	db := warmDB(b, shared, pkgs)
	b.ResetTimer()
	for b.Loop() {
		pkgs, _ := Extract(npmBig, data)
		match(context.Background(), db, pkgs)
	}
	b.ReportMetric(float64(len(pkgs)), "packages")
}

// TestNPMLockfileSpeed checks the 300 ms budget for a ~1,400-package npm
// lockfile on a warm database, and that matching loads only npm. The budget
// is checked on the fastest of a few runs, so that a loaded machine does not
// make the test flaky.
func TestNPMLockfileSpeed(t *testing.T) {
	shared := sharedDir(t)
	data, err := os.ReadFile(filepath.Join(shared, "lockfiles", npmBig))
	if err != nil {
		t.Skip(err)
	}
	pkgs, err := Extract(npmBig, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 1000 {
		t.Fatalf("extracted %d packages, want over 1,000", len(pkgs))
	}
	db := warmDB(t, shared, pkgs)
	if diff := cmp.Diff([]string{"npm"}, db.Loaded()); diff != "" {
		t.Errorf("loaded ecosystems (-want +got):\n%s", diff)
	}
	best := time.Hour
	for range 5 {
		start := time.Now()
		pkgs, _ := Extract(npmBig, data)
		match(context.Background(), db, pkgs)
		best = min(best, time.Since(start))
	}
	t.Logf("%d packages in %v (best of 5, warm database)", len(pkgs), best)
	if best > 300*time.Millisecond {
		t.Errorf("scan took %v, budget 300ms", best)
	}
}
