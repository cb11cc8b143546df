package deps

import (
	"time"

	"github.com/secaudit/secaudit/internal/vulndb"
)

// Advisory is one OSV record that affects a queried package version.
type Advisory = vulndb.Advisory

// Database is what the scanner needs from the offline vulnerability
// database; *vulndb.DB satisfies it. Query must be safe for concurrent use.
type Database interface {
	// Query returns the advisories affecting name at version in ecosystem.
	Query(ecosystem, name, version string) ([]Advisory, error)
	// Age is how long ago the database was last updated; zero when unknown.
	Age() time.Duration
}

var _ Database = (*vulndb.DB)(nil)

// opener opens the database in a directory. Its error wraps fs.ErrNotExist
// when the directory does not exist.
type opener func(dir string) (Database, error)

// openVulnDB opens the offline OSV database with vulndb.Open.
func openVulnDB(dir string) (Database, error) {
	db, err := vulndb.Open(dir)
	if err != nil {
		return nil, err
	}
	return db, nil
}
