package pagerduty

import (
	"fmt"
	"strings"
	"time"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/route"
)

// Event is an Events API v2 event. A resolve carries only RoutingKey,
// EventAction and DedupKey.
type Event struct {
	RoutingKey  string   `json:"routing_key"`
	EventAction string   `json:"event_action"`
	DedupKey    string   `json:"dedup_key"`
	Payload     *Payload `json:"payload,omitempty"`
	Links       []Link   `json:"links,omitempty"`
	Client      string   `json:"client,omitempty"`
	ClientURL   string   `json:"client_url,omitempty"`
}

// Payload describes a trigger.
type Payload struct {
	Summary       string         `json:"summary"`
	Source        string         `json:"source"`
	Severity      string         `json:"severity"`
	Timestamp     string         `json:"timestamp,omitempty"`
	Component     string         `json:"component,omitempty"`
	Group         string         `json:"group,omitempty"`
	Class         string         `json:"class,omitempty"`
	CustomDetails map[string]any `json:"custom_details,omitempty"`
}

// Link is a link shown on the incident.
type Link struct {
	Href string `json:"href"`
	Text string `json:"text,omitempty"`
}

// maxDetailFindings caps the findings listed in custom_details.
const maxDetailFindings = 20

func (n *Notifier) trigger(plan *route.Plan, inc route.Incident, key string) Event {
	class := inc.ClassTitle
	if class == "" {
		class = inc.ClassName
	}
	details := map[string]any{
		"exit_code":      inc.ExitCode,
		"class":          class,
		"team":           inc.Team,
		"priority":       inc.Priority,
		"response":       inc.Response,
		"repository":     plan.Repository,
		"branch":         plan.Branch,
		"commit":         plan.Commit,
		"findings_count": len(inc.Findings),
	}
	if plan.RunURL != "" {
		details["run_url"] = plan.RunURL
	}
	if inc.Summary != "" {
		details["summary"] = notify.Truncate(inc.Summary, 2000)
	}
	if len(inc.Mentions) > 0 {
		details["owners"] = inc.Mentions
	}
	var lines []string
	for i, f := range notify.Sorted(inc.Findings) {
		if i == maxDetailFindings {
			lines = append(lines, fmt.Sprintf("...and %d more", len(inc.Findings)-i))
			break
		}
		lines = append(lines, notify.Truncate(notify.OneLine(fmt.Sprintf("[%s] %s %s: %s", f.Severity, f.RuleID, f.Location, notify.Describe(f))), 300))
	}
	if len(lines) > 0 {
		details["findings"] = lines
	}
	ev := Event{
		RoutingKey:  key,
		EventAction: "trigger",
		DedupKey:    DedupKey(inc.Key),
		Payload: &Payload{
			Summary:       notify.Truncate(summary(plan, inc), summaryLimit),
			Source:        plan.Repository,
			Severity:      n.cfg.Severity(inc),
			Timestamp:     n.cfg.Now().UTC().Format(time.RFC3339),
			Component:     "security-audit",
			Group:         inc.Team,
			Class:         inc.ClassName,
			CustomDetails: details,
		},
		Client:    "secaudit",
		ClientURL: plan.RunURL,
	}
	if plan.RunURL != "" {
		ev.Links = []Link{{Href: plan.RunURL, Text: "CI run"}}
	}
	return ev
}

// summary follows the guide's titles for the paging classes.
func summary(plan *route.Plan, inc route.Incident) string {
	var s string
	switch {
	case inc.ExitCode == 3:
		s = "EXPOSED SECRETS DETECTED in " + plan.Repository
	case inc.ExitCode == 2:
		s = "CRITICAL VULNERABILITIES FOUND in " + plan.Repository
	case inc.Title != "":
		s = inc.Title
	default:
		s = fmt.Sprintf("Security audit exit code %d (%s) in %s", inc.ExitCode, inc.ClassTitle, plan.Repository)
	}
	s = fmt.Sprintf("%s: %d finding(s), exit code %d", s, len(inc.Findings), inc.ExitCode)
	return strings.Join(strings.Fields(s), " ")
}
