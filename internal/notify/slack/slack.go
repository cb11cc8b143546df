// Package slack posts incidents to Slack through incoming webhooks
// (https://api.slack.com/messaging/webhooks), one webhook per team. Incoming
// webhooks cannot edit or delete what they posted, so the notifier keeps the
// digest it last posted per incident in a notify.State and posts only when an
// incident is new or its findings changed, plus one "resolved" message for an
// incident it had announced.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/route"
)

// Config configures the notifier.
type Config struct {
	// Webhook returns the incoming-webhook URL of a team (a key of the
	// configuration's teams), or "" when the team has none. Required.
	Webhook func(team string) string
	// Channel returns the channel of a team, shown as the delivery target
	// of resolution messages; nil shows the team.
	Channel func(team string) string
	// State remembers what was posted; nil posts on every run.
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

// Notifier posts incidents to their teams' Slack channels.
type Notifier struct{ cfg Config }

var _ notify.Notifier = (*Notifier)(nil)

// New validates cfg and returns a Notifier.
func New(cfg Config) (*Notifier, error) {
	if cfg.Webhook == nil {
		return nil, errors.New("slack: no webhook lookup configured")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Notifier{cfg: cfg}, nil
}

// Name implements notify.Notifier.
func (n *Notifier) Name() string { return "slack" }

// Notify implements notify.Notifier.
func (n *Notifier) Notify(ctx context.Context, plan *route.Plan) ([]notify.Delivery, error) {
	var out []notify.Delivery
	for _, inc := range plan.Incidents {
		d := n.incident(ctx, plan, inc)
		n.log(d)
		out = append(out, d)
	}
	for _, ref := range plan.Resolve {
		if d, ok := n.resolve(ctx, plan, ref); ok {
			n.log(d)
			out = append(out, d)
		}
	}
	return out, nil
}

func (n *Notifier) log(d notify.Delivery) {
	if d.Error != "" {
		n.cfg.Logger.Warn("slack delivery failed", "incident", d.IncidentKey, "action", d.Action, "target", d.Target, "error", d.Error)
		return
	}
	n.cfg.Logger.Info("slack delivery", "incident", d.IncidentKey, "action", d.Action, "target", d.Target)
}

// channelName is what deliveries and errors show instead of the secret
// webhook URL.
func channelName(channel, team string) string {
	if channel != "" {
		return channel
	}
	return "team " + team
}

func (n *Notifier) incident(ctx context.Context, plan *route.Plan, inc route.Incident) notify.Delivery {
	target := channelName(inc.TeamInfo.SlackChannel, inc.Team)
	d := notify.For(n.Name(), inc, notify.ActionPosted, target)
	hook := n.cfg.Webhook(inc.Team)
	if hook == "" {
		d.Action = notify.ActionSkipped
		d.Error = fmt.Sprintf("no Slack webhook for team %q (hint: set %s or SLACK_WEBHOOK)", inc.Team, notify.TeamVar("SLACK_WEBHOOK", inc.Team))
		return d
	}
	key := notify.StateKey(plan.Repository, inc.Key, hook)
	return n.once().Send(ctx, key, inc.Digest, "posted", d, func() error {
		return n.post(ctx, hook, target, incidentMessage(plan, inc))
	})
}

func (n *Notifier) once() notify.Once { return notify.Once{State: n.cfg.State, Notifier: n.Name()} }

func (n *Notifier) resolve(ctx context.Context, plan *route.Plan, ref route.IncidentRef) (notify.Delivery, bool) {
	if n.cfg.State == nil {
		return notify.Delivery{}, false // never know what was announced
	}
	hook := n.cfg.Webhook(ref.Team)
	if hook == "" {
		return notify.Delivery{}, false
	}
	key := notify.StateKey(plan.Repository, ref.Key, hook)
	channel := ""
	if n.cfg.Channel != nil {
		channel = n.cfg.Channel(ref.Team)
	}
	target := channelName(channel, ref.Team)
	d := notify.ForRef(n.Name(), ref, notify.ActionResolved, target)
	return n.once().Resolve(ctx, key, "posted", d, func() error {
		return n.post(ctx, hook, target, resolvedMessage(plan, ref, channel))
	})
}

// post sends msg to the webhook. Errors name the channel, never the URL.
func (n *Notifier) post(ctx context.Context, hook, target string, msg Message) error {
	return n.cfg.Retrier.Do(ctx, func(ctx context.Context) error {
		_, err := notify.Send(ctx, n.cfg.HTTPClient, n.cfg.Now, notify.Call{Op: "slack post to " + target, Method: http.MethodPost, URL: hook, Body: msg})
		return err
	})
}
