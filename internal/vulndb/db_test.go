package vulndb

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/secaudit/secaudit/internal/finding"
)

// exampleDB opens examples/osvdb, which ships with the repository.
func exampleDB(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join("..", "..", "examples", "osvdb"))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestQueryExamples(t *testing.T) {
	db := exampleDB(t)
	lodash1 := Advisory{
		ID: "GHSA-35jh-r3h4-6jhm", Aliases: []string{"CVE-2021-23337"}, Summary: "Command Injection in lodash",
		Severity: finding.High, SeverityKnown: true, CVSS: "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", Score: 7.2,
		Fixed: []string{"4.17.21"}, FixedAbove: "4.17.21", URL: "https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm",
		CWE: []string{"CWE-77", "CWE-94"},
	}
	lodash2 := Advisory{
		ID: "GHSA-p6mc-m468-83gw", Aliases: []string{"CVE-2020-8203"}, Summary: "Prototype Pollution in lodash",
		Severity: finding.High, SeverityKnown: true, CVSS: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H", Score: 7.4,
		Fixed: []string{"4.17.19"}, FixedAbove: "4.17.19", URL: "https://osv.dev/vulnerability/GHSA-p6mc-m468-83gw",
		CWE: []string{"CWE-1321", "CWE-770"},
	}
	minimist := Advisory{
		ID: "GHSA-xvch-5gv4-984h", Aliases: []string{"CVE-2021-44906"}, Summary: "Prototype Pollution in minimist",
		Severity: finding.Critical, SeverityKnown: true, CVSS: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", Score: 9.8,
		Fixed: []string{"0.2.4", "1.2.6"}, FixedAbove: "1.2.6", URL: "https://osv.dev/vulnerability/GHSA-xvch-5gv4-984h",
		CWE: []string{"CWE-1321"},
	}
	minimist0 := minimist
	minimist0.FixedAbove = "0.2.4"
	pyyaml := Advisory{
		ID: "GHSA-8q59-q68h-6hv4", Aliases: []string{"CVE-2020-14343"}, Summary: "Improper Input Validation in PyYAML",
		Severity: finding.Critical, SeverityKnown: true, CVSS: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", Score: 9.8,
		Fixed: []string{"5.4"}, FixedAbove: "5.4", URL: "https://osv.dev/vulnerability/GHSA-8q59-q68h-6hv4",
		CWE: []string{"CWE-20"},
	}
	requests := Advisory{
		ID: "GHSA-x84v-xcm2-53pg", Aliases: []string{"CVE-2018-18074"}, Summary: "Insufficiently Protected Credentials in Requests",
		Severity: finding.High, SeverityKnown: true, CVSS: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", Score: 7.5,
		Fixed: []string{"2.20.0"}, FixedAbove: "2.20.0", URL: "https://osv.dev/vulnerability/GHSA-x84v-xcm2-53pg",
		CWE: []string{"CWE-522"},
	}
	terrapin := Advisory{
		ID: "GHSA-45x7-px36-x8w8", Aliases: []string{"CVE-2023-48795", "GO-2023-2402"},
		Summary:  "Prefix Truncation Attack against ChaCha20-Poly1305 and Encrypt-then-MAC aka Terrapin",
		Severity: finding.Medium, SeverityKnown: true, CVSS: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N", Score: 5.9,
		Fixed: []string{"0.17.0"}, FixedAbove: "0.17.0", URL: "https://osv.dev/vulnerability/GHSA-45x7-px36-x8w8",
		CWE: []string{"CWE-222", "CWE-354"},
	}
	tests := []struct {
		eco, name, version string
		want               []Advisory
	}{
		{"npm", "lodash", "4.17.15", []Advisory{lodash1, lodash2}},
		{"npm", "lodash", "4.17.20", []Advisory{lodash1}},
		{"npm", "lodash", "4.17.21", nil},
		{"npm", "lodash", "3.6.0", []Advisory{lodash1}},
		{"npm", "minimist", "1.2.5", []Advisory{minimist}},
		{"npm", "minimist", "0.0.8", []Advisory{minimist0}},
		{"npm", "minimist", "0.2.4", nil},
		{"npm", "minimist", "1.2.6", nil},
		{"npm", "Minimist", "1.2.5", nil}, // npm names are case-sensitive
		{"PyPI", "PyYAML", "5.3", []Advisory{pyyaml}},
		{"PyPI", "pyyaml", "5.3.1", []Advisory{pyyaml}},
		{"pypi", "py_yaml", "5.3", nil},
		{"PyPI", "PyYAML", "5.4", nil},
		{"PyPI", "requests", "2.19.0", []Advisory{requests}},
		{"PyPI", "Requests", "2.19.1", []Advisory{requests}},
		{"Go", "golang.org/x/crypto", "v0.16.0", []Advisory{terrapin}},
		{"Go", "golang.org/x/crypto", "v0.14.0", []Advisory{terrapin}},
		{"Go", "golang.org/x/crypto", "0.0.0-20200622213623-75b288015ac9", []Advisory{terrapin}},
		{"Go", "golang.org/x/crypto", "v0.17.0", nil},
		{"crates.io", "serde", "1.0.0", nil},
		{"npm", "lodash", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.eco+"/"+tc.name+"@"+tc.version, func(t *testing.T) {
			got, err := db.Query(tc.eco, tc.name, tc.version)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Query (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{"missing": filepath.Join(dir, "nope"), "file": file, "empty": empty} {
		t.Run(name, func(t *testing.T) {
			_, err := Open(path)
			if err == nil {
				t.Fatalf("Open(%s) succeeded, want an error", path)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name %s", err, path)
			}
			if name == "missing" && !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("error %q does not wrap fs.ErrNotExist", err)
			}
		})
	}
}

// writeRecord writes an OSV record as JSON to path.
func writeRecord(t testing.TB, path string, v Vulnerability) {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeZip writes records as an osv.dev style all.zip.
func writeZip(t testing.TB, path string, vulns ...Vulnerability) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, v := range vulns {
		w, err := zw.Create(v.ID + ".json")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.NewEncoder(w).Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func simple(id, eco, name string, events ...Event) Vulnerability {
	return Vulnerability{ID: id, Affected: []Affected{{
		Package: Package{Ecosystem: eco, Name: name},
		Ranges:  []Range{{Type: RangeEcosystem, Events: events}},
	}}}
}

func ids(advs []Advisory) []string {
	var out []string
	for _, a := range advs {
		out = append(out, a.ID)
	}
	return out
}

func TestQueryLayoutAndRules(t *testing.T) {
	dir := t.TempDir()
	withdrawn := simple("OSV-W", "npm", "pkg", Event{Introduced: "0"})
	withdrawn.Withdrawn = "2024-01-01T00:00:00Z"
	multi := simple("OSV-MULTI", "npm", "pkg", Event{Introduced: "0"}, Event{Fixed: "1.0.0"})
	multi.Affected = append(multi.Affected, Affected{Package: Package{Ecosystem: "npm", Name: "pkg"},
		Ranges: []Range{{Type: RangeSemVer, Events: []Event{{Introduced: "2.0.0"}, {Fixed: "2.1.0"}}}}})
	multi.Affected = append(multi.Affected, Affected{Package: Package{Ecosystem: "PyPI", Name: "pkg"},
		Ranges: []Range{{Type: RangeEcosystem, Events: []Event{{Introduced: "0"}}}}})
	self := simple("OSV-SELF", "npm", "pkg", Event{Introduced: "0"})
	self.Aliases = []string{"OSV-SELF", "CVE-1", "CVE-1"}
	writeZip(t, filepath.Join(dir, "npm", "all.zip"), withdrawn, multi, self, simple("OSV-OLD", "npm", "pkg", Event{Introduced: "0"}))
	// A loose record beside the zip replaces the zip's record of the same ID.
	writeRecord(t, filepath.Join(dir, "npm", "OSV-OLD.json"), simple("OSV-OLD", "npm", "pkg", Event{Introduced: "5.0.0"}))
	writeRecord(t, filepath.Join(dir, "Debian", "DSA-1.json"), simple("DSA-1", "Debian:12", "openssl", Event{Introduced: "0"}, Event{Fixed: "3.0.11-1"}))
	writeRecord(t, filepath.Join(dir, "ROOT-1.json"), simple("ROOT-1", "crates.io", "smallvec", Event{Introduced: "0"}, Event{Fixed: "1.6.1"}))
	if err := os.WriteFile(filepath.Join(dir, "sources.json"), []byte(`{"sources":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		eco, name, version string
		want               []string
	}{
		{"npm", "pkg", "0.5.0", []string{"OSV-MULTI", "OSV-SELF"}},
		{"npm", "pkg", "2.0.5", []string{"OSV-MULTI", "OSV-SELF"}},
		{"npm", "pkg", "1.5.0", []string{"OSV-SELF"}},
		{"npm", "pkg", "5.0.0", []string{"OSV-OLD", "OSV-SELF"}},
		{"Debian:12", "openssl", "3.0.9-1", []string{"DSA-1"}},
		{"Debian", "openssl", "3.0.11-1", nil},
		{"crates.io", "smallvec", "1.6.0", []string{"ROOT-1"}},
		{"PyPI", "pkg", "1.0", nil}, // the npm directory serves npm only
	}
	for _, tc := range tests {
		t.Run(tc.eco+"/"+tc.name+"@"+tc.version, func(t *testing.T) {
			got, err := db.Query(tc.eco, tc.name, tc.version)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, ids(got)); diff != "" {
				t.Errorf("Query IDs (-want +got):\n%s", diff)
			}
		})
	}
	got, _ := db.Query("npm", "pkg", "2.0.0")
	for _, a := range got {
		if a.ID == "OSV-MULTI" {
			if diff := cmp.Diff([]string{"1.0.0", "2.1.0"}, a.Fixed); diff != "" {
				t.Errorf("Fixed (-want +got):\n%s", diff)
			}
			if a.FixedAbove != "2.1.0" {
				t.Errorf("FixedAbove = %q, want 2.1.0", a.FixedAbove)
			}
			if a.SeverityKnown || a.Severity != finding.Medium {
				t.Errorf("severity = %v known=%v, want medium, unknown", a.Severity, a.SeverityKnown)
			}
		}
		if a.ID == "OSV-SELF" {
			if diff := cmp.Diff([]string{"CVE-1"}, a.Aliases); diff != "" {
				t.Errorf("Aliases (-want +got):\n%s", diff)
			}
		}
	}
	st, err := db.Status()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range st.Ecosystems {
		names = append(names, e.Name+":"+strings.Repeat("x", e.Records))
	}
	if diff := cmp.Diff([]string{"*:x", "Debian:x", "npm:xxxxx"}, names); diff != "" {
		t.Errorf("Status ecosystems (-want +got):\n%s", diff)
	}
	if st.Records != 7 {
		t.Errorf("Status.Records = %d, want 7", st.Records)
	}
}

func TestLazyAndConcurrent(t *testing.T) {
	db := exampleDB(t)
	if got := db.Loaded(); len(got) != 0 {
		t.Fatalf("Loaded before any query = %v", got)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := db.Query("npm", "lodash", "4.17.15")
			if err != nil || len(got) != 2 {
				t.Errorf("Query = %v, %v", ids(got), err)
			}
		}()
	}
	wg.Wait()
	if diff := cmp.Diff([]string{"npm"}, db.Loaded()); diff != "" {
		t.Errorf("Loaded (-want +got):\n%s", diff)
	}
	if !db.Has("PyPI") || db.Has("NuGet") {
		t.Errorf("Has(PyPI)=%v Has(NuGet)=%v, want true, false", db.Has("PyPI"), db.Has("NuGet"))
	}
}

func TestAge(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "npm", "X-1.json")
	writeRecord(t, path, simple("X-1", "npm", "x", Event{Introduced: "0"}))
	mod := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(path, mod, mod); err != nil {
		t.Fatal(err)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	db.now = func() time.Time { return mod.Add(72 * time.Hour) }
	if got := db.Age(); got != 72*time.Hour {
		t.Errorf("Age = %v, want 72h", got)
	}
	st, err := db.Status()
	if err != nil {
		t.Fatal(err)
	}
	if st.Age != 72*time.Hour || !st.Modified.Equal(mod) {
		t.Errorf("Status age %v modified %v, want 72h and %v", st.Age, st.Modified, mod)
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("SECAUDIT_DB", "/srv/osv")
	if got := DefaultDir(); got != "/srv/osv" {
		t.Errorf("DefaultDir with SECAUDIT_DB = %q", got)
	}
	t.Setenv("SECAUDIT_DB", "")
	if got := DefaultDir(); !strings.HasSuffix(got, filepath.Join("secaudit", "osv")) {
		t.Errorf("DefaultDir = %q, want .../secaudit/osv", got)
	}
}

func TestSharedDatabase(t *testing.T) {
	db, err := Open(sharedDir(t, "osv"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Query("PyPI", "PyYAML", "5.3")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ids(got), "PYSEC-2021-142") {
		t.Errorf("PyYAML 5.3: %v, want PYSEC-2021-142 (CVE-2020-14343)", ids(got))
	}
	if diff := cmp.Diff([]string{"PyPI"}, db.Loaded()); diff != "" {
		t.Errorf("after one PyPI query, Loaded (-want +got):\n%s", diff)
	}
	got, err = db.Query("Go", "golang.org/x/crypto", "v0.16.0")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ids(got), "GO-2023-2402") {
		t.Errorf("x/crypto v0.16.0: %v, want GO-2023-2402", ids(got))
	}
	got, err = db.Query("npm", "lodash", "4.17.15")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ids(got), "RETIREJS-lodash-4") {
		t.Errorf("lodash 4.17.15: %v, want RETIREJS-lodash-4 (GHSA-p6mc-m468-83gw)", ids(got))
	}
	if diff := cmp.Diff([]string{"Go", "PyPI", "npm"}, db.Loaded()); diff != "" {
		t.Errorf("Loaded (-want +got):\n%s", diff)
	}
	st, err := db.Status()
	if err != nil {
		t.Fatal(err)
	}
	if st.Records < 10000 {
		t.Errorf("Status.Records = %d, want the shared database's ~12,000", st.Records)
	}
}
