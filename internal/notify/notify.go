// Package notify carries a routing plan out against the services teams
// watch: GitHub issues, Slack, PagerDuty, generic webhooks and email. It owns
// the Notifier interface, the Delivery record and the stages every
// integration shares (retry with backoff, the HTTP call with error
// classification, the state that makes webhook-style channels idempotent).
// Integrations live in sub-packages; package builtin lists them.
package notify

import (
	"context"
	"fmt"

	"github.com/secaudit/secaudit/internal/route"
)

// The actions a Delivery reports.
const (
	ActionCreated   = "created"
	ActionUpdated   = "updated"
	ActionCommented = "commented"
	ActionReopened  = "reopened"
	ActionClosed    = "closed"
	ActionTriggered = "triggered"
	ActionResolved  = "resolved"
	ActionPosted    = "posted"
	ActionUnchanged = "unchanged"
	ActionSkipped   = "skipped"
)

// Notifier carries a routing plan out against one service. Notify must be
// idempotent: running it twice with the same plan changes nothing the second
// time (it finds existing issues/incidents by incident key). It returns one
// Delivery per action taken or skipped; an error return is reserved for
// misconfiguration that prevented any attempt. Safe to call from one
// goroutine at a time.
type Notifier interface {
	// Name is the integration's name: "github", "slack", "pagerduty",
	// "webhook" or "email".
	Name() string
	Notify(ctx context.Context, plan *route.Plan) ([]Delivery, error)
}

// Delivery is what one notifier did about one incident.
type Delivery struct {
	Notifier    string `json:"notifier"`
	IncidentKey string `json:"incident_key"`
	ExitCode    int    `json:"exit_code"`
	// Action is one of the Action constants.
	Action string `json:"action"`
	// Target is the issue URL, channel or dedup key; never a token or a
	// webhook's secret URL.
	Target string `json:"target,omitempty"`
	// Page is true for a PagerDuty trigger of a paging route.
	Page bool `json:"page,omitempty"`
	// Error is set when the delivery failed after retries.
	Error string `json:"error,omitempty"`
}

// Failed reports whether the delivery failed.
func (d Delivery) Failed() bool { return d.Error != "" }

// Run calls every notifier, collecting deliveries (a failing notifier never
// stops the others). A notifier that returns an error, or panics, yields one
// skipped Delivery carrying the error.
func Run(ctx context.Context, plan *route.Plan, notifiers []Notifier) []Delivery {
	var out []Delivery
	for _, n := range notifiers {
		ds, err := runOne(ctx, plan, n)
		out = append(out, ds...)
		if err != nil {
			out = append(out, Delivery{Notifier: n.Name(), Action: ActionSkipped, Error: err.Error()})
		}
	}
	return out
}

func runOne(ctx context.Context, plan *route.Plan, n Notifier) (ds []Delivery, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error: %v", n.Name(), r)
		}
	}()
	if plan == nil {
		return nil, fmt.Errorf("%s: no plan", n.Name())
	}
	return n.Notify(ctx, plan)
}

// For returns a Delivery of notifier name about incident inc.
func For(name string, inc route.Incident, action, target string) Delivery {
	return Delivery{Notifier: name, IncidentKey: inc.Key, ExitCode: inc.ExitCode, Action: action, Target: target}
}

// ForRef returns a Delivery of notifier name about a resolved incident.
func ForRef(name string, ref route.IncidentRef, action, target string) Delivery {
	return Delivery{Notifier: name, IncidentKey: ref.Key, ExitCode: ref.ExitCode, Action: action, Target: target}
}
