// Package pagerduty pages on-call through PagerDuty's Events API v2
// (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/): a
// trigger per incident of a paging route and a resolve per Plan.Resolve entry
// of a paging route. The incident key is the dedup_key, so PagerDuty itself
// folds repeated triggers into one incident. With a notify.State the notifier
// also sends no event at all for an incident it already triggered with the
// same findings, and resolves only incidents it triggered: a repeated CI run
// sends nothing.
package pagerduty

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/route"
)

// DefaultURL is the Events API v2 endpoint.
const DefaultURL = "https://events.pagerduty.com/v2/enqueue"

// Documented limits: summary 1024 characters, dedup_key 255.
const (
	summaryLimit  = 1024
	dedupKeyLimit = 255
)

// Config configures the notifier.
type Config struct {
	// URL is the Events API endpoint; DefaultURL when empty.
	URL string
	// RoutingKey returns the integration key of a team's service, or ""
	// when the team has none. Required.
	RoutingKey func(team string) string
	// Pages reports whether the route of an exit code pages; it decides
	// which Plan.Resolve entries are sent. nil resolves every entry whose
	// team has a routing key.
	Pages func(exitCode int) bool
	// Severity maps an incident to a PagerDuty severity; nil uses
	// DefaultSeverity.
	Severity func(inc route.Incident) string
	// State remembers the digest last triggered per incident and routing
	// key (only a short hash of the key is stored). With a State, an
	// incident is triggered only when new or changed, and a resolve is sent
	// only for an incident the State says was triggered. nil triggers every
	// incident on every run and resolves every Plan.Resolve entry.
	State notify.State
	// HTTPClient makes the calls; nil means http.DefaultClient.
	HTTPClient *http.Client
	// Retrier retries failed calls; nil means the defaults.
	Retrier *notify.Retrier
	// Logger receives one line per action; nil discards.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Notifier triggers and resolves PagerDuty incidents.
type Notifier struct{ cfg Config }

var _ notify.Notifier = (*Notifier)(nil)

// New validates cfg and returns a Notifier.
func New(cfg Config) (*Notifier, error) {
	if cfg.RoutingKey == nil {
		return nil, errors.New("pagerduty: no routing key lookup configured")
	}
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	if u, err := url.Parse(cfg.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("pagerduty: invalid events URL %q", cfg.URL)
	}
	if cfg.Severity == nil {
		cfg.Severity = DefaultSeverity
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Notifier{cfg: cfg}, nil
}

// DefaultSeverity is the guide's mapping: critical for exposed secrets (3),
// error for critical vulnerabilities (2); other paging classes follow the
// route's severity label (critical, error for high, warning for medium,
// info for low).
func DefaultSeverity(inc route.Incident) string {
	switch inc.ExitCode {
	case 3:
		return "critical"
	case 2:
		return "error"
	}
	switch inc.Severity {
	case "critical":
		return "critical"
	case "high", "error":
		return "error"
	case "low", "info":
		return "info"
	}
	return "warning"
}

// Name implements notify.Notifier.
func (n *Notifier) Name() string { return "pagerduty" }

// Notify implements notify.Notifier. Incidents of routes that do not page
// are not PagerDuty's business and yield no delivery.
func (n *Notifier) Notify(ctx context.Context, plan *route.Plan) ([]notify.Delivery, error) {
	var out []notify.Delivery
	for _, inc := range plan.Incidents {
		if !inc.Page {
			continue
		}
		d := n.incident(ctx, plan, inc)
		n.log(d)
		out = append(out, d)
	}
	for _, ref := range plan.Resolve {
		if n.cfg.Pages != nil && !n.cfg.Pages(ref.ExitCode) {
			continue
		}
		if d, ok := n.resolve(ctx, plan, ref); ok {
			n.log(d)
			out = append(out, d)
		}
	}
	return out, nil
}

// incident triggers inc unless the State says PagerDuty already has it
// with the same findings.
func (n *Notifier) incident(ctx context.Context, plan *route.Plan, inc route.Incident) notify.Delivery {
	d := notify.For(n.Name(), inc, notify.ActionTriggered, DedupKey(inc.Key))
	d.Page = true
	rk := n.cfg.RoutingKey(inc.Team)
	if rk == "" {
		d.Action = notify.ActionSkipped
		d.Error = fmt.Sprintf("no PagerDuty routing key for team %q (hint: set %s)", inc.Team, notify.TeamVar("PAGERDUTY_ROUTING_KEY", inc.Team))
		return d
	}
	key := n.stateKey(plan.Repository, inc.Key, rk)
	return n.once().Send(ctx, key, inc.Digest, "triggered", d, func() error {
		return n.send(ctx, n.trigger(plan, inc, rk))
	})
}

func (n *Notifier) once() notify.Once { return notify.Once{State: n.cfg.State, Notifier: n.Name()} }

// stateKey names what was paged where: the endpoint and the routing key take
// part, so a page sent to another PagerDuty (a new service, a test fake) is
// not mistaken for this one. StateKey keeps only a short hash of them, so
// the routing key (a credential) never reaches the state file.
func (n *Notifier) stateKey(repository, incidentKey, routingKey string) string {
	return notify.StateKey(repository, incidentKey, n.cfg.URL+" "+routingKey)
}

// resolve sends a resolve for ref. With a State, only an incident the State
// says was triggered is resolved: resolving an unknown dedup_key is a no-op
// for PagerDuty but still an event, and every clean default-branch run lists
// every class in Plan.Resolve.
func (n *Notifier) resolve(ctx context.Context, plan *route.Plan, ref route.IncidentRef) (notify.Delivery, bool) {
	rk := n.cfg.RoutingKey(ref.Team)
	if rk == "" {
		return notify.Delivery{}, false
	}
	d := notify.ForRef(n.Name(), ref, notify.ActionResolved, DedupKey(ref.Key))
	key := n.stateKey(plan.Repository, ref.Key, rk)
	ev := Event{RoutingKey: rk, EventAction: "resolve", DedupKey: DedupKey(ref.Key)}
	return n.once().Resolve(ctx, key, "resolved", d, func() error { return n.send(ctx, ev) })
}

func (n *Notifier) log(d notify.Delivery) {
	if d.Error != "" {
		n.cfg.Logger.Warn("pagerduty delivery failed", "incident", d.IncidentKey, "action", d.Action, "error", d.Error)
		return
	}
	n.cfg.Logger.Info("pagerduty delivery", "incident", d.IncidentKey, "action", d.Action, "dedup_key", d.Target)
}

// DedupKey returns the dedup_key of an incident key: the key itself, or a
// hash of it when it exceeds PagerDuty's 255 characters.
func DedupKey(key string) string {
	if len(key) <= dedupKeyLimit {
		return key
	}
	sum := sha256.Sum256([]byte(key))
	return "secaudit:" + hex.EncodeToString(sum[:])
}

// send posts one event and checks PagerDuty's 202 answer.
func (n *Notifier) send(ctx context.Context, ev Event) error {
	op := fmt.Sprintf("pagerduty %s %s", ev.EventAction, ev.DedupKey)
	return n.cfg.Retrier.Do(ctx, func(ctx context.Context) error {
		resp, err := notify.Send(ctx, n.cfg.HTTPClient, n.cfg.Now, notify.Call{Op: op, Method: http.MethodPost, URL: n.cfg.URL, Body: ev})
		if err != nil {
			return err
		}
		var r struct {
			Status  string `json:"status"`
			Message string `json:"message"`
		}
		if err := json.Unmarshal(resp.Body, &r); err != nil {
			return &notify.Error{Op: op, Status: resp.Status, Err: fmt.Errorf("decode response: %w", err)}
		}
		if r.Status != "success" {
			return &notify.Error{Op: op, Status: resp.Status, Message: r.Status + ": " + r.Message}
		}
		return nil
	})
}
