// Package webhook POSTs incidents as JSON to a generic HTTP endpoint, signed
// like GitHub's webhooks: X-Secaudit-Signature-256: sha256=<hex HMAC-SHA256
// of the body keyed with the shared secret>. Like Slack, a webhook cannot
// take back what it sent, so the notifier sends an incident only when it is
// new or its findings changed (a notify.State remembers the digest), and a
// "resolve" event only for incidents it had sent.
package webhook

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/route"
)

// SignatureHeader carries the body's HMAC-SHA256.
const SignatureHeader = "X-Secaudit-Signature-256"

// EventHeader names the event ("trigger" or "resolve").
const EventHeader = "X-Secaudit-Event"

// Version is the payload format version.
const Version = "1"

// Config configures the notifier.
type Config struct {
	// URL returns the endpoint of a team's incidents, or "" to send none.
	// Required.
	URL func(team string) string
	// Secret keys the signature; empty sends unsigned requests.
	Secret string
	// State remembers what was sent; nil sends on every run.
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

// Payload is the JSON body of every request.
type Payload struct {
	Version string `json:"version"`
	// Event is "trigger" for an incident (new or changed) and "resolve"
	// for an incident the run shows fixed.
	Event         string `json:"event"`
	Repository    string `json:"repository"`
	Branch        string `json:"branch,omitempty"`
	Commit        string `json:"commit,omitempty"`
	RunURL        string `json:"run_url,omitempty"`
	DefaultBranch bool   `json:"default_branch"`
	// ExitCode is the run's exit code.
	ExitCode  int                `json:"exit_code"`
	Timestamp time.Time          `json:"timestamp"`
	Incident  *route.Incident    `json:"incident,omitempty"`
	Resolved  *route.IncidentRef `json:"resolved,omitempty"`
}

// Notifier sends incidents to webhooks.
type Notifier struct{ cfg Config }

var _ notify.Notifier = (*Notifier)(nil)

// New validates cfg and returns a Notifier.
func New(cfg Config) (*Notifier, error) {
	if cfg.URL == nil {
		return nil, errors.New("webhook: no URL lookup configured")
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
func (n *Notifier) Name() string { return "webhook" }

// Sign returns the signature header value of body: "sha256=" and the hex
// HMAC-SHA256 of body keyed with secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether header is the signature of body under secret, in
// constant time. Receivers of secaudit's webhooks call it.
func Verify(secret string, body []byte, header string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(strings.TrimSpace(header)))
}

// Target is what deliveries show of an endpoint: its scheme and host, since
// the path or query may hold a token.
func Target(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "webhook"
	}
	return u.Scheme + "://" + u.Host
}

// Notify implements notify.Notifier.
func (n *Notifier) Notify(ctx context.Context, plan *route.Plan) ([]notify.Delivery, error) {
	var out []notify.Delivery
	for _, inc := range plan.Incidents {
		if d, ok := n.incident(ctx, plan, inc); ok {
			out = append(out, n.logged(d))
		}
	}
	for _, ref := range plan.Resolve {
		if d, ok := n.resolve(ctx, plan, ref); ok {
			out = append(out, n.logged(d))
		}
	}
	return out, nil
}

func (n *Notifier) logged(d notify.Delivery) notify.Delivery {
	if d.Error != "" {
		n.cfg.Logger.Warn("webhook delivery failed", "incident", d.IncidentKey, "action", d.Action, "target", d.Target, "error", d.Error)
	} else {
		n.cfg.Logger.Info("webhook delivery", "incident", d.IncidentKey, "action", d.Action, "target", d.Target)
	}
	return d
}

func (n *Notifier) payload(plan *route.Plan, event string) Payload {
	return Payload{Version: Version, Event: event, Repository: plan.Repository, Branch: plan.Branch, Commit: plan.Commit,
		RunURL: plan.RunURL, DefaultBranch: plan.DefaultBranch, ExitCode: plan.ExitCode, Timestamp: n.cfg.Now().UTC()}
}

func (n *Notifier) incident(ctx context.Context, plan *route.Plan, inc route.Incident) (notify.Delivery, bool) {
	endpoint := n.cfg.URL(inc.Team)
	if endpoint == "" {
		return notify.Delivery{}, false
	}
	d := notify.For(n.Name(), inc, notify.ActionPosted, Target(endpoint))
	key := notify.StateKey(plan.Repository, inc.Key, endpoint)
	p := n.payload(plan, "trigger")
	p.Incident = &inc
	return n.once().Send(ctx, key, inc.Digest, "sent", d, func() error { return n.send(ctx, endpoint, p) }), true
}

func (n *Notifier) once() notify.Once { return notify.Once{State: n.cfg.State, Notifier: n.Name()} }

func (n *Notifier) resolve(ctx context.Context, plan *route.Plan, ref route.IncidentRef) (notify.Delivery, bool) {
	endpoint := n.cfg.URL(ref.Team)
	if endpoint == "" || n.cfg.State == nil {
		return notify.Delivery{}, false
	}
	d := notify.ForRef(n.Name(), ref, notify.ActionResolved, Target(endpoint))
	key := notify.StateKey(plan.Repository, ref.Key, endpoint)
	p := n.payload(plan, "resolve")
	p.Resolved = &ref
	return n.once().Resolve(ctx, key, "sent", d, func() error { return n.send(ctx, endpoint, p) })
}

func (n *Notifier) send(ctx context.Context, endpoint string, p Payload) error {
	body, err := marshal(p)
	if err != nil {
		return fmt.Errorf("webhook: encode payload: %w", err)
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(EventHeader, p.Event)
	if n.cfg.Secret != "" {
		h.Set(SignatureHeader, Sign(n.cfg.Secret, body))
	}
	op := "webhook " + p.Event + " to " + Target(endpoint)
	return n.cfg.Retrier.Do(ctx, func(ctx context.Context) error {
		_, err := notify.Send(ctx, n.cfg.HTTPClient, n.cfg.Now, notify.Call{Op: op, Method: http.MethodPost, URL: endpoint, Header: h, Body: body})
		return err
	})
}
