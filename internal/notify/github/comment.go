package github

import (
	"fmt"
	"strings"

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

func changedComment(plan *route.Plan, inc route.Incident) string {
	return fmt.Sprintf("The findings changed: %s reports %d finding(s) for %s (exit code %d). The description above is updated.",
		runRef(plan), len(inc.Findings), escape(className(inc)), inc.ExitCode)
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
