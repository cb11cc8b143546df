package deps

import (
	"errors"
	"os"
	"path/filepath"
)

// openVulnDB opens the offline OSV database. Placeholder until
// internal/vulndb lands.
func openVulnDB(dir string) (Database, error) {
	return nil, errors.New("vulndb not available")
}

func vulnDBDefaultDir() string {
	if d := os.Getenv("SECAUDIT_DB"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "secaudit-db"
	}
	return filepath.Join(d, "secaudit", "db")
}
