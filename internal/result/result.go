// Package result defines the outcome of one audit run: its findings, the
// problems that kept it from being complete, its statistics and the policy's
// verdict. The JSON report is this type, so `secaudit route report.json`
// reads back exactly what `secaudit scan --format json` wrote.
package result

import (
	"time"

	"github.com/secaudit/secaudit/internal/finding"
)

// SchemaVersion is the version of the JSON report schema. It changes when a
// field is renamed or removed; adding a field does not change it.
const SchemaVersion = "1.0"

// Result is one audit run. Field order is the JSON report's field order.
type Result struct {
	SchemaVersion string            `json:"schema_version"`
	Tool          Tool              `json:"tool"`
	Run           Run               `json:"run"`
	Verdict       Verdict           `json:"verdict"`
	Findings      []finding.Finding `json:"findings"`
	// Suppressed counts findings hidden by policy, per reason
	// ("severity", "inline-ignore", "ignore-file", "baseline", "allowlist").
	Suppressed map[string]int `json:"suppressed,omitempty"`
	// Errors are problems that made the run incomplete (exit class 1).
	Errors []Problem `json:"errors,omitempty"`
	// Warnings are problems that did not (a file skipped on purpose, a stale
	// database).
	Warnings []Problem `json:"warnings,omitempty"`
	Stats    Stats     `json:"stats"`
}

// Tool names the program that wrote the result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Run describes where and when the audit ran. Repository, Branch, Commit and
// URL come from the CI environment (or flags) and feed routing.
type Run struct {
	Target     string    `json:"target"`
	Started    time.Time `json:"started"`
	DurationMS int64     `json:"duration_ms"`
	Scanners   []string  `json:"scanners"`
	Repository string    `json:"repository,omitempty"`
	Branch     string    `json:"branch,omitempty"`
	Commit     string    `json:"commit,omitempty"`
	URL        string    `json:"url,omitempty"`
	// DefaultBranch is true when the run is on the repository's default
	// branch, where routing may auto-resolve incidents.
	DefaultBranch bool `json:"default_branch,omitempty"`
}

// Problem is something the run could not do.
type Problem struct {
	// Source is the scanner, importer or stage ("walk", "secrets", "deps",
	// "import", "config") that hit the problem.
	Source  string `json:"source"`
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// Stats counts the work done.
type Stats struct {
	FilesScanned int   `json:"files_scanned"`
	BytesScanned int64 `json:"bytes_scanned"`
	// Skipped counts files not scanned, per reason ("binary", "too-large",
	// "symlink", "ignored").
	Skipped map[string]int `json:"skipped,omitempty"`
}

// Verdict is what the policy decided: the process exit code and every class
// present in the run, in precedence order.
type Verdict struct {
	ExitCode int     `json:"exit_code"`
	Classes  []Class `json:"classes"`
	// Incomplete is true when a scanner, importer or the configuration failed.
	Incomplete bool `json:"incomplete"`
}

// Class is one exit-code class present in a run.
type Class struct {
	Code  int    `json:"code"`
	Name  string `json:"name"`
	Title string `json:"title"`
	// Findings counts the findings this class took; zero for a class present
	// only because the run was incomplete.
	Findings int `json:"findings"`
	// Reasons says why the class is present, in words.
	Reasons []string `json:"reasons,omitempty"`
}

// ClassOf returns the class with the given code and whether it is present.
func (v Verdict) ClassOf(code int) (Class, bool) {
	for _, c := range v.Classes {
		if c.Code == code {
			return c, true
		}
	}
	return Class{}, false
}
