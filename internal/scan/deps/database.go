package deps

import (
	"time"

	"github.com/secaudit/secaudit/internal/finding"
)

// Advisory is one OSV record that affects a queried package version, as
// the vulnerability database returns it.
type Advisory struct {
	ID            string
	Aliases       []string
	Summary       string
	Severity      finding.Severity
	SeverityKnown bool
	CVSS          string
	Score         float64
	// Fixed lists the versions that fix the advisory, smallest first.
	Fixed []string
	// FixedAbove is the smallest fixed version above the queried one; empty
	// when no fix is known.
	FixedAbove string
	URL        string
}

// Database is what the scanner needs from the offline vulnerability
// database. Query must be safe for concurrent use.
type Database interface {
	// Query returns the advisories affecting name at version in ecosystem.
	Query(ecosystem, name, version string) ([]Advisory, error)
	// Updated returns when the data of the given ecosystems was last
	// updated (the oldest of them); zero when unknown.
	Updated(ecosystems []string) (time.Time, error)
}

// Opener opens the database in a directory. It returns an error wrapping
// fs.ErrNotExist when there is no database there.
type Opener func(dir string) (Database, error)
