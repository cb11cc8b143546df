package notify

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
)

// Sorted returns the findings most severe first, then by path and line, so
// that truncated lists keep the worst ones.
func Sorted(fs []finding.Finding) []finding.Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b finding.Finding) int {
		return cmp.Or(
			cmp.Compare(b.Severity, a.Severity),
			cmp.Compare(a.Location.Path, b.Location.Path),
			cmp.Compare(a.Location.StartLine, b.Location.StartLine),
			cmp.Compare(a.RuleID, b.RuleID),
		)
	})
	return out
}

// Describe returns a one-line description of a finding: its title, or for a
// vulnerability the package, version, advisory and fix.
func Describe(f finding.Finding) string {
	if p := f.Package; p != nil {
		s := fmt.Sprintf("%s@%s", p.Name, p.Version)
		if p.AdvisoryID != "" {
			s += " " + p.AdvisoryID
		}
		if len(p.FixedVersions) > 0 {
			s += " (fixed in " + p.FixedVersions[0] + ")"
		}
		if f.Title != "" {
			s += ": " + f.Title
		}
		return OneLine(s)
	}
	if f.Title != "" {
		return OneLine(f.Title)
	}
	return OneLine(f.Message)
}

// OneLine collapses white space, newlines included, to single spaces.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Truncate shortens s to at most n characters, ending with "…" when cut.
func Truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	return truncateRunes(s, n)
}

// YesNo spells a boolean for people.
func YesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// ShortSHA returns the first 7 characters of a commit hash.
func ShortSHA(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
