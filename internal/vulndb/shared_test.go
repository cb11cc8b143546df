package vulndb

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir returns ../shared/<sub> relative to the module root, skipping
// the test when the shared data is absent.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	if raceEnabled || testing.Short() {
		t.Skip("loads the whole shared database: skipped under -race and -short")
	}
	dir, err := os.Getwd()
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
	p := filepath.Join(dir, "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s absent: %v", p, err)
	}
	return p
}
