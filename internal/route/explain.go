package route

import (
	"fmt"
	"time"

	"github.com/secaudit/secaudit/internal/config"
)

// Destination is where one exit code goes: the spec's "Testing the Routing"
// built in (`secaudit route test --exit-code N`).
type Destination struct {
	ExitCode   int    `json:"exit_code"`
	ClassName  string `json:"class_name,omitempty"`
	ClassTitle string `json:"class_title"`
	// Routed is false for exit code 0: a clean run goes nowhere.
	Routed      bool          `json:"routed"`
	Team        string        `json:"team,omitempty"`
	TeamInfo    config.Team   `json:"team_info"`
	Severity    string        `json:"severity,omitempty"`
	Priority    string        `json:"priority,omitempty"`
	Response    string        `json:"response,omitempty"`
	SLA         time.Duration `json:"sla,omitempty"`
	AckSLA      time.Duration `json:"ack_sla,omitempty"`
	Page        bool          `json:"page"`
	OwnerPolicy string        `json:"owner_policy,omitempty"`
	// SlackWebhookVar and PagerDutyKeyVar name the environment variables
	// the notifiers read for this team (never their values).
	SlackWebhookVar string   `json:"slack_webhook_var,omitempty"`
	PagerDutyKeyVar string   `json:"pagerduty_key_var,omitempty"`
	Labels          []string `json:"labels,omitempty"`
}

// Explain says where exit code code goes under cfg. Code 0 is clean and not
// routed; an unknown code is an error naming the codes that exist.
func Explain(cfg *config.Config, code int) (Destination, error) {
	if code == 0 {
		return Destination{ExitCode: 0, ClassTitle: "No issues found"}, nil
	}
	ec, ok := cfg.Class(code)
	if !ok {
		codes := []int{0}
		for _, c := range cfg.ExitCodes {
			codes = append(codes, c.Code)
		}
		return Destination{}, fmt.Errorf("exit code %d is not defined (known: %v)", code, codes)
	}
	rt, ok := routeOf(cfg, code)
	if !ok {
		return Destination{}, fmt.Errorf("exit code %d has no route", code)
	}
	t := cfg.Teams[rt.Team]
	return Destination{
		ExitCode:        code,
		ClassName:       ec.Name,
		ClassTitle:      ec.Title,
		Routed:          true,
		Team:            rt.Team,
		TeamInfo:        t,
		Severity:        rt.Severity,
		Priority:        rt.Priority,
		Response:        rt.Response,
		SLA:             rt.ResolveSLA(),
		AckSLA:          rt.AckDuration(),
		Page:            rt.Page,
		OwnerPolicy:     rt.OwnerPolicy(),
		SlackWebhookVar: t.SlackWebhookVar(rt.Team),
		PagerDutyKeyVar: t.PagerDutyKeyVar(rt.Team),
		Labels:          labels(rt),
	}, nil
}
