// Package route turns an audit result into a routing plan: which incidents
// exist, which team owns each, how urgent each is and where its notices go.
// Planning is pure; package notify carries a plan out.
package route

import (
	"time"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// Plan is everything one run should cause.
type Plan struct {
	Repository string `json:"repository"`
	Branch     string `json:"branch,omitempty"`
	Commit     string `json:"commit,omitempty"`
	RunURL     string `json:"run_url,omitempty"`
	// DefaultBranch is true on the default branch, where incidents whose
	// class is gone are resolved.
	DefaultBranch bool `json:"default_branch"`
	// ExitCode is the run's exit code.
	ExitCode  int        `json:"exit_code"`
	Incidents []Incident `json:"incidents"`
	// Resolve lists incidents that this run shows are fixed: on a complete
	// default-branch run, every (class, team) the configuration can produce
	// that is absent from Incidents. Notifiers close or resolve them if open.
	Resolve []IncidentRef `json:"resolve,omitempty"`
	// Incomplete is true when the run was incomplete; such a run resolves
	// nothing.
	Incomplete bool `json:"incomplete,omitempty"`
}

// IncidentRef names an incident by its stable key.
type IncidentRef struct {
	Key      string `json:"key"`
	ExitCode int    `json:"exit_code"`
	Team     string `json:"team"`
}

// Incident is one (repository, exit class, owner team) with the findings it
// covers. Its Key is stable across runs, so repeated runs update the same
// GitHub issue and PagerDuty incident instead of opening new ones.
type Incident struct {
	Key        string `json:"key"`
	ExitCode   int    `json:"exit_code"`
	ClassName  string `json:"class_name"`
	ClassTitle string `json:"class_title"`
	// Team is the key of the owning team in the configuration; TeamInfo its
	// contact details.
	Team     string      `json:"team"`
	TeamInfo config.Team `json:"team_info"`
	// Severity is the label of the route ("critical", "high", ...).
	Severity string `json:"severity"`
	Priority string `json:"priority"`
	// Response is the response time in words; SLA the same as a duration.
	Response string        `json:"response"`
	SLA      time.Duration `json:"sla"`
	Page     bool          `json:"page"`
	// Mentions are CODEOWNERS owners of the findings' files to mention
	// besides the team ("@alice", "@org/payments").
	Mentions []string `json:"mentions,omitempty"`
	// Findings are the (already redacted) findings of this incident.
	Findings []finding.Finding `json:"findings"`
	// Digest is a hash of the sorted finding fingerprints: it changes exactly
	// when the set of findings changes.
	Digest string `json:"digest"`
	// Title is a one-line summary for issue titles and pages.
	Title string `json:"title"`
	// Playbook is the Markdown response playbook of the exit code.
	Playbook string `json:"playbook,omitempty"`
	// AckSLA is the time to acknowledge (the spec's MTTA target).
	AckSLA time.Duration `json:"ack_sla"`
	// OwnerPolicy is the route's owner policy that chose Team ("class",
	// "codeowners" or "both").
	OwnerPolicy string `json:"owner_policy"`
	// Labels are the GitHub issue labels: "security", the severity label, the
	// priority, "exit-code-N" and the route's extra labels.
	Labels []string `json:"labels,omitempty"`
	// Errors are the problems that made the run incomplete; set on the
	// incident of the incomplete-run class (exit code 1).
	Errors []result.Problem `json:"errors,omitempty"`
	// Summary is a short plain-text account of the incident (counts per
	// severity, the first findings, errors) for pages and messages.
	Summary string `json:"summary"`
}
