package vulndb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOtherLayouts(t *testing.T) {
	dir := t.TempDir()
	// A single export archive, as osv.dev serves it.
	zipPath := filepath.Join(dir, "exports", "all.zip")
	writeZip(t, zipPath, simple("GHSA-Z", "npm", "left-pad", Event{Introduced: "0"}), simple("PYSEC-Z", "PyPI", "Left_Pad", Event{Introduced: "0"}))
	// osv-scanner's cache: $OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY/osv-scalibr/<ecosystem>/all.zip.
	cache := filepath.Join(dir, "cache")
	writeZip(t, filepath.Join(cache, "osv-scalibr", "npm", "all.zip"), simple("GHSA-C", "npm", "left-pad", Event{Introduced: "0"}))
	tests := []struct {
		path, eco, name string
		want            []string
	}{
		{zipPath, "npm", "left-pad", []string{"GHSA-Z"}},
		{zipPath, "PyPI", "left-pad", []string{"PYSEC-Z"}},
		{cache, "npm", "left-pad", []string{"GHSA-C"}},
	}
	for _, tc := range tests {
		t.Run(tc.path+"/"+tc.eco, func(t *testing.T) {
			db, err := Open(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.Query(tc.eco, tc.name, "1.0.0")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, ids(got)); diff != "" {
				t.Errorf("Query (-want +got):\n%s", diff)
			}
			if _, err := db.Status(); err != nil {
				t.Errorf("Status: %v", err)
			}
		})
	}
}

func TestCorruptEcosystem(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "npm"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "npm", "all.zip"), []byte("PK\x03\x04 truncated"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeRecord(t, filepath.Join(dir, "PyPI", "PYSEC-1.json"), simple("PYSEC-1", "PyPI", "x", Event{Introduced: "0"}))
	if err := os.WriteFile(filepath.Join(dir, "PyPI", "BAD.json"), []byte(`{"id": "BAD", "affected": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	writeRecord(t, filepath.Join(dir, "Go", "GO-1.json"), simple("GO-1", "Go", "x", Event{Introduced: "0"}))
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, eco := range []string{"npm", "PyPI"} {
		_, err := db.Query(eco, "x", "1.0.0")
		if err == nil {
			t.Fatalf("Query(%s) on a corrupt ecosystem succeeded", eco)
		}
		if !strings.Contains(err.Error(), filepath.Join(dir, eco)) {
			t.Errorf("error %q does not name the file", err)
		}
		// The error is sticky, not retried on every query.
		if _, err2 := db.Query(eco, "y", "1.0.0"); err2 == nil {
			t.Errorf("second Query(%s) succeeded", eco)
		}
	}
	if got, err := db.Query("Go", "x", "v1.0.0"); err != nil || len(got) != 1 {
		t.Errorf("Query(Go) = %v, %v; want one advisory despite other corrupt ecosystems", ids(got), err)
	}
	if _, err := db.Status(); err == nil {
		t.Error("Status succeeded with a corrupt all.zip")
	}
}
