// Package report writes an audit result for people and machines: a terminal
// table, the JSON report (the result.Result itself), SARIF 2.1.0 for code
// scanning, Markdown for a GitHub step summary, and GitHub Actions outputs
// and annotations.
//
// Writers only render: the findings they get are already redacted by the
// scanners and importers, and the verdict is already decided by the policy.
// Writers never mutate the result they are given.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// DefaultMaxAnnotations is the number of GitHub annotations written when
// Options.MaxAnnotations is zero.
const DefaultMaxAnnotations = 50

// Options are the presentation choices of the human-readable formats.
type Options struct {
	// Color turns on ANSI colour in the table; the CLI sets it only when
	// stdout is a terminal.
	Color bool
	// Teams maps an exit code to the display name of the team that owns it.
	Teams map[int]string
	// MaxAnnotations caps the GitHub ::error annotations; zero means
	// DefaultMaxAnnotations.
	MaxAnnotations int
}

// Writer renders a result in one format.
type Writer interface {
	// Write renders r to w. It does not modify r. The error is the first
	// write error of w, or a description of a result it cannot render.
	Write(w io.Writer, r *result.Result) error
}

var formats = []string{"table", "json", "sarif", "markdown"}

// Formats returns the names New accepts, in the order help text lists them.
func Formats() []string { return append([]string(nil), formats...) }

// New returns the writer of the named format.
func New(format string, opts Options) (Writer, error) {
	if opts.MaxAnnotations <= 0 {
		opts.MaxAnnotations = DefaultMaxAnnotations
	}
	switch strings.ToLower(strings.TrimSpace(format)) {
	case "table", "text":
		return tableWriter{opts: opts}, nil
	case "json":
		return jsonWriter{}, nil
	case "sarif":
		return sarifWriter{}, nil
	case "markdown", "md":
		return markdownWriter{opts: opts}, nil
	}
	return nil, fmt.Errorf("unknown report format %q (want %s)", format, strings.Join(formats, ", "))
}

// sortedFindings returns a sorted copy of r's findings: exit class in the
// verdict's precedence order (findings of no listed class last), then
// severity descending, path, line, column, rule and fingerprint.
func sortedFindings(r *result.Result) []finding.Finding {
	fs := append([]finding.Finding(nil), r.Findings...)
	rank := classRanks(r.Verdict)
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if ra, rb := rankOf(rank, a.ExitClass), rankOf(rank, b.ExitClass); ra != rb {
			return ra < rb
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Location.Path != b.Location.Path {
			return a.Location.Path < b.Location.Path
		}
		if a.Location.StartLine != b.Location.StartLine {
			return a.Location.StartLine < b.Location.StartLine
		}
		if a.Location.StartColumn != b.Location.StartColumn {
			return a.Location.StartColumn < b.Location.StartColumn
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Fingerprint < b.Fingerprint
	})
	return fs
}

func classRanks(v result.Verdict) map[int]int {
	rank := make(map[int]int, len(v.Classes))
	for i, c := range v.Classes {
		if _, ok := rank[c.Code]; !ok {
			rank[c.Code] = i
		}
	}
	return rank
}

// rankOf places a class present in the verdict by its position, any other
// non-zero class after those, and unclassified findings (0) last.
func rankOf(rank map[int]int, code int) int {
	if r, ok := rank[code]; ok {
		return r
	}
	if code != 0 {
		return len(rank) + code
	}
	return 1 << 30
}

// group is the findings of one exit class, in sorted order.
type group struct {
	Code     int
	Title    string
	Findings []finding.Finding
}

// groupByClass splits sorted findings into exit-class groups, keeping the
// sort order. Classes of the verdict with no findings are left out.
func groupByClass(r *result.Result, fs []finding.Finding) []group {
	var gs []group
	for _, f := range fs {
		if n := len(gs); n > 0 && gs[n-1].Code == f.ExitClass {
			gs[n-1].Findings = append(gs[n-1].Findings, f)
			continue
		}
		gs = append(gs, group{Code: f.ExitClass, Title: classTitle(r.Verdict, f.ExitClass), Findings: []finding.Finding{f}})
	}
	return gs
}

func classTitle(v result.Verdict, code int) string {
	if c, ok := v.ClassOf(code); ok {
		if c.Title != "" {
			return c.Title
		}
		if c.Name != "" {
			return c.Name
		}
	}
	if code == 0 {
		return "Below threshold"
	}
	return fmt.Sprintf("Exit class %d", code)
}

// exitTitle names the exit code of the run.
func exitTitle(v result.Verdict) string {
	if v.ExitCode == 0 {
		return "clean"
	}
	return classTitle(v, v.ExitCode)
}

// severityCounts returns "3 critical, 5 high" for the findings, highest
// severity first, leaving out severities with no finding.
func severityCounts(fs []finding.Finding) string {
	var n [finding.Critical + 1]int
	for _, f := range fs {
		if f.Severity >= finding.Info && f.Severity <= finding.Critical {
			n[f.Severity]++
		}
	}
	var parts []string
	for s := finding.Critical; s >= finding.Info; s-- {
		if n[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[s], s))
		}
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
