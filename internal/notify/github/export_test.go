package github

import "github.com/secaudit/secaudit/internal/route"

// RenderBody exposes the issue body to tests.
func RenderBody(n *Notifier, plan *route.Plan, inc route.Incident) string {
	return n.body(plan, inc, false)
}
