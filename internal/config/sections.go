package config

import "github.com/secaudit/secaudit/internal/finding"

// Deps configures the dependency scanner and its vulnerability database.
type Deps struct {
	// DB is the offline OSV database directory; empty means SECAUDIT_DB or the
	// user cache directory.
	DB string `yaml:"db"`
	// MaxAge is how old the database may be before scans warn that it is
	// stale, as a Go duration ("168h").
	MaxAge string `yaml:"max_age"`
}

// Container configures the Dockerfile and compose checks.
type Container struct {
	// Disable lists rule IDs not to run.
	Disable []string `yaml:"disable"`
}

// Code configures the code-security rules.
type Code struct {
	// Disable lists rule IDs not to run.
	Disable []string `yaml:"disable"`
}

func parseSev(s string) (finding.Severity, error) { return finding.ParseSeverity(s) }
