// Package scan defines the Scanner extension point and the Runner that drives
// every scanner over one walk of a repository, reading each file once.
//
// Scanners know nothing of exit codes, teams or notifications: they turn
// bytes into findings.
package scan

import (
	"context"
	"io/fs"
	"log/slog"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
)

// File is one regular file of the scanned repository, read once by the
// Runner and handed to every scanner that wants it.
type File struct {
	// Path is slash-separated and relative to the scanned root.
	Path string
	// Data is the whole content. Scanners must not modify it or keep it after
	// Scan returns.
	Data []byte
	// Lines, when non-nil, limits the findings kept to these line ranges: a
	// staged scan reports only the lines a commit adds. Scanners ignore it;
	// the Runner filters.
	Lines []LineRange
	// Origin, when non-nil, is where this content first appeared in git
	// history (history scans); the Runner copies it to each finding.
	Origin *finding.History
}

// LineRange is an inclusive range of 1-based line numbers.
type LineRange struct{ Start, End int }

// Scanner finds problems in files.
//
// Scan is called from many goroutines at once and must be safe for that. It
// returns the findings of one file and, when it could not examine all of it,
// an error saying why (a malformed lockfile, a Dockerfile the parser
// rejects); findings returned together with an error are still reported.
// An error marks the run incomplete (exit class 1). A secret found in a file
// is redacted before Scan returns: see finding.Redact.
type Scanner interface {
	// Name is the scanner's short name ("secrets", "deps", "container",
	// "code"), used in --scanners, in reports and as the finding source.
	Name() string
	// Wants reports, from the path alone and cheaply, whether Scan should see
	// the file. The Runner does not read a file no scanner wants.
	Wants(path string) bool
	// Scan examines one file.
	Scan(ctx context.Context, f File) ([]finding.Finding, error)
}

// Finisher is implemented by scanners that produce findings only once every
// file has been seen, such as the dependency scanner, which matches all the
// packages it collected against the vulnerability database at the end.
// Finish is called once, after the last Scan call returned.
type Finisher interface {
	Finish(ctx context.Context) ([]finding.Finding, []Problem, error)
}

// Problem is a non-fatal problem a Finisher reports: a stale database is a
// warning, a missing one an error.
type Problem struct {
	Path    string
	Message string
	// Warning is true for problems that do not make the run incomplete.
	Warning bool
}

// Env is what a scanner is built from.
type Env struct {
	// Root is the scanned directory on disk.
	Root string
	// FS is Root as a file system, for scanners that must read a file other
	// than the one handed to them (a requirements file's -r include).
	FS fs.FS
	// Config is the loaded configuration (defaults merged with .secaudit.yaml).
	Config *config.Config
	// Logger receives debug and progress messages; never secret values.
	Logger *slog.Logger
}

// Factory builds one scanner.
type Factory struct {
	// Name is the scanner's name, as Scanner.Name returns it.
	Name string
	// Default is true when the scanner runs unless --scanners leaves it out.
	Default bool
	New     func(Env) (Scanner, error)
}
