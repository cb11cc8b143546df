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
	// Rules are user-defined tree-sitter query rules added to the built-in
	// ones; the code scanner compiles them and rejects a bad query.
	Rules []CodeRule `yaml:"rules"`
}

// CodeRule is a user-defined code rule: a tree-sitter query whose @match
// capture is the node to report.
type CodeRule struct {
	ID string `yaml:"id"`
	// Language is "python" or "javascript" ("typescript" is an alias).
	Language string `yaml:"language"`
	// Query is a tree-sitter query (S-expression) with a @match capture.
	Query      string   `yaml:"query"`
	Title      string   `yaml:"title"`
	Message    string   `yaml:"message"`
	Fix        string   `yaml:"fix"`
	Severity   string   `yaml:"severity"`
	Confidence string   `yaml:"confidence"`
	CWE        []string `yaml:"cwe"`
}

func parseSev(s string) (finding.Severity, error) { return finding.ParseSeverity(s) }
