package github

import (
	"fmt"
	"slices"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/route"
)

// runRef describes the run for comments: "run URL on `branch` @ `sha`".
func runRef(plan *route.Plan) string {
	var parts []string
	if plan.RunURL != "" {
		parts = append(parts, "[CI run]("+plan.RunURL+")")
	} else {
		parts = append(parts, "a secaudit run")
	}
	if plan.Branch != "" {
		parts = append(parts, "on `"+strings.TrimPrefix(plan.Branch, "refs/heads/")+"`")
	}
	if plan.Commit != "" {
		parts = append(parts, "at `"+notify.ShortSHA(plan.Commit)+"`")
	}
	return strings.Join(parts, " ")
}

func changedComment(plan *route.Plan, inc route.Incident, oldBody string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "The findings changed: %s reports %d finding(s) for %s (exit code %d)", runRef(plan), len(inc.Findings), escape(className(inc)), inc.ExitCode)
	old, ok := markerValue(oldBody, markerFindings)
	if !ok || fingerprints(inc.Findings) == "" {
		b.WriteString(". The description above is updated.")
		return b.String()
	}
	was := map[string]bool{}
	for _, fp := range strings.Split(old, ",") {
		was[fp] = true
	}
	var added []string
	now := map[string]bool{}
	for _, f := range notify.Sorted(inc.Findings) {
		fp := shortFingerprint(f)
		now[fp] = true
		if !was[fp] {
			added = append(added, fmt.Sprintf("- %s `%s` %s: %s", escapeCell(f.Severity.String()), escapeCell(f.RuleID), escapeCell(f.Location.String()), escapeCell(notify.Truncate(notify.Describe(f), cellLimit))))
		}
	}
	fixed := 0
	for fp := range was {
		if fp != "" && !now[fp] {
			fixed++
		}
	}
	fmt.Fprintf(&b, ": **%d new**, **%d fixed**. The description above is updated.\n", len(added), fixed)
	for i, a := range added {
		if i == maxCommentLines {
			fmt.Fprintf(&b, "\n…and %d more new findings", len(added)-i)
			break
		}
		b.WriteString("\n" + a)
	}
	return b.String()
}

func reopenComment(plan *route.Plan, inc route.Incident, resolvedByUs bool) string {
	why := "new findings appeared after this issue was closed"
	if resolvedByUs {
		why = "the problem is back after it was resolved"
	}
	return fmt.Sprintf("Reopening: %s. %s reports %d finding(s) for %s (exit code %d). %s",
		why, runRef(plan), len(inc.Findings), escape(className(inc)), inc.ExitCode, owners(inc))
}

func resolvedComment(plan *route.Plan, ref route.IncidentRef) string {
	return fmt.Sprintf("Resolved: %s on the default branch no longer finds exit code %d problems for this team. Closing; secaudit reopens this issue if they come back.",
		runRef(plan), ref.ExitCode)
}

// maxCommentLines caps the new findings listed in a comment.
const maxCommentLines = 20

// maxFingerprints is the most findings whose fingerprints the body keeps
// (13 characters each) to tell new from fixed ones in comments.
const maxFingerprints = 500

// shortFingerprint is the part of a fingerprint kept in the body.
func shortFingerprint(f finding.Finding) string {
	fp := f.Fingerprint
	if len(fp) > 12 {
		fp = fp[:12]
	}
	return fp
}

// fingerprints lists the short fingerprints of fs, or "" when there are
// too many to keep or some finding has none.
func fingerprints(fs []finding.Finding) string {
	if len(fs) == 0 || len(fs) > maxFingerprints {
		return ""
	}
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		fp := shortFingerprint(f)
		if fp == "" {
			return ""
		}
		out = append(out, fp)
	}
	slices.Sort(out)
	return strings.Join(slices.Compact(out), ",")
}
