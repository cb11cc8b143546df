// Package github opens, updates, reopens and closes one GitHub issue per
// incident through the REST API (https://docs.github.com/rest/issues). An
// incident's issue is found by a hidden marker in its body, never by title,
// among the issues labelled "security" (open and closed), so runs are
// idempotent.
package github

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/route"
)

// DefaultBaseURL is github.com's API.
const DefaultBaseURL = "https://api.github.com/"

// searchLabel is the label every secaudit issue carries and the listing
// filters on.
const searchLabel = "security"

// Config configures the notifier.
type Config struct {
	// BaseURL is the API root: https://api.github.com/ by default, or
	// https://HOST/api/v3/ for GitHub Enterprise Server.
	BaseURL string
	// Token authenticates as "Authorization: Bearer <Token>"; required.
	Token string
	// HTTPClient makes the calls; nil means http.DefaultClient.
	HTTPClient *http.Client
	// Retrier retries failed calls; nil means the defaults.
	Retrier *notify.Retrier
	// Logger receives one line per action; nil discards.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Notifier keeps one GitHub issue per incident.
type Notifier struct {
	cfg  Config
	base *url.URL
}

var _ notify.Notifier = (*Notifier)(nil)

// New validates cfg and returns a Notifier.
func New(cfg Config) (*Notifier, error) {
	if cfg.Token == "" {
		return nil, errors.New("github: no token (hint: set GITHUB_TOKEN)")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return nil, fmt.Errorf("github: invalid API URL %q (want https://api.github.com/ or https://HOST/api/v3/)", cfg.BaseURL)
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Notifier{cfg: cfg, base: base}, nil
}

// Name implements notify.Notifier.
func (n *Notifier) Name() string { return "github" }

// Notify implements notify.Notifier. For each incident it creates the issue
// when there is none; when the findings changed (the digest marker differs)
// it rewrites the body and adds one comment; it reopens an issue secaudit had
// closed as resolved, and one closed by hand only when its findings changed.
// For each Plan.Resolve entry it comments and closes the open issue.
func (n *Notifier) Notify(ctx context.Context, plan *route.Plan) ([]notify.Delivery, error) {
	if len(plan.Incidents) == 0 && len(plan.Resolve) == 0 {
		return nil, nil
	}
	owner, repo, ok := strings.Cut(plan.Repository, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return nil, fmt.Errorf("github: repository %q is not owner/name", plan.Repository)
	}
	c := &client{n: n, base: n.base, owner: owner, repo: repo}
	issues, err := c.listIssues(ctx, searchLabel)
	if err != nil {
		return n.failAll(plan, fmt.Errorf("find existing issues: %w", err)), nil
	}
	labels := map[string]error{}
	var out []notify.Delivery
	for _, inc := range plan.Incidents {
		d := n.incident(ctx, c, plan, inc, issues, labels)
		n.log(d)
		out = append(out, d)
	}
	for _, ref := range plan.Resolve {
		if d, ok := n.resolve(ctx, c, plan, ref, issues); ok {
			n.log(d)
			out = append(out, d)
		}
	}
	return out, nil
}

func (n *Notifier) failAll(plan *route.Plan, err error) []notify.Delivery {
	var out []notify.Delivery
	for _, inc := range plan.Incidents {
		d := notify.For(n.Name(), inc, notify.ActionSkipped, "")
		d.Error = err.Error()
		out = append(out, d)
	}
	for _, ref := range plan.Resolve {
		d := notify.ForRef(n.Name(), ref, notify.ActionSkipped, "")
		d.Error = err.Error()
		out = append(out, d)
	}
	return out
}

func (n *Notifier) log(d notify.Delivery) {
	if d.Error != "" {
		n.cfg.Logger.Warn("github delivery failed", "incident", d.IncidentKey, "action", d.Action, "error", d.Error)
		return
	}
	n.cfg.Logger.Info("github delivery", "incident", d.IncidentKey, "action", d.Action, "target", d.Target)
}

// find returns the issue of incident key: the open one if any, else the
// most recently created closed one.
func find(issues []issue, key string) (issue, bool) {
	var closed *issue
	for i := range issues { // GitHub lists newest first
		is := issues[i]
		if !hasIncident(is.Body, key) {
			continue
		}
		if is.State == "open" {
			return is, true
		}
		if closed == nil {
			closed = &issues[i]
		}
	}
	if closed != nil {
		return *closed, true
	}
	return issue{}, false
}

func (n *Notifier) incident(ctx context.Context, c *client, plan *route.Plan, inc route.Incident, issues []issue, labels map[string]error) notify.Delivery {
	want := issueLabels(inc)
	// Labels are created best-effort: GitHub itself creates missing labels
	// named on an issue when the token may push, so a failure here (a token
	// without label rights) is only logged; the issue call reports real
	// problems.
	ensure := func(ls []string) {
		for _, l := range ls {
			if _, done := labels[l]; done {
				continue
			}
			labels[l] = c.ensureLabel(ctx, l)
			if err := labels[l]; err != nil {
				n.cfg.Logger.Warn("github label not ensured", "label", l, "error", err)
			}
		}
	}
	existing, found := find(issues, inc.Key)
	if !found {
		d := notify.For(n.Name(), inc, notify.ActionCreated, "")
		ensure(want)
		is, err := c.createIssue(ctx, title(plan, inc), n.body(plan, inc, false), want)
		d.Target = is.HTMLURL
		return fail(d, err)
	}
	d := notify.For(n.Name(), inc, notify.ActionUnchanged, existing.HTMLURL)
	digest, _ := markerValue(existing.Body, markerDigest)
	changed := digest != escapeMarker(inc.Digest)
	_, resolvedByUs := markerValue(existing.Body, markerState)
	if (existing.State == "open" || !resolvedByUs) && !changed {
		// Open and current, or closed by a person with the same findings
		// (their decision is respected).
		return d
	}
	update := map[string]any{"body": n.body(plan, inc, false)}
	if missing := missingLabels(existing, want); len(missing) > 0 {
		ensure(missing)
		update["labels"] = append(existing.labelNames(), missing...)
	}
	if existing.State == "open" {
		d.Action = notify.ActionUpdated
		return fail(d, n.updateAndComment(ctx, c, existing.Number, update, changedComment(plan, inc, existing.Body)))
	}
	// Closed as resolved by secaudit and now back, or closed by a person
	// and new findings appeared since: reopen.
	d.Action = notify.ActionReopened
	update["state"] = "open"
	return fail(d, n.updateAndComment(ctx, c, existing.Number, update, reopenComment(plan, inc, resolvedByUs)))
}

func (n *Notifier) updateAndComment(ctx context.Context, c *client, number int, update map[string]any, comment string) error {
	if _, err := c.updateIssue(ctx, number, update); err != nil {
		return err
	}
	return c.comment(ctx, number, comment)
}

func missingLabels(is issue, want []string) []string {
	var out []string
	have := is.labelNames()
	for _, l := range want {
		if !slices.Contains(have, l) {
			out = append(out, l)
		}
	}
	return out
}

func (n *Notifier) resolve(ctx context.Context, c *client, plan *route.Plan, ref route.IncidentRef, issues []issue) (notify.Delivery, bool) {
	existing, found := find(issues, ref.Key)
	if !found || existing.State != "open" {
		return notify.Delivery{}, false
	}
	d := notify.ForRef(n.Name(), ref, notify.ActionClosed, existing.HTMLURL)
	if err := c.comment(ctx, existing.Number, resolvedComment(plan, ref)); err != nil {
		return fail(d, err), true
	}
	body := existing.Body
	if _, ok := markerValue(body, markerState); !ok {
		body = marker(markerState, stateResolved) + "\n" + body
	}
	_, err := c.updateIssue(ctx, existing.Number, map[string]any{"state": "closed", "state_reason": "completed", "body": body})
	return fail(d, err), true
}

func fail(d notify.Delivery, err error) notify.Delivery {
	if err != nil {
		d.Error = err.Error()
	}
	return d
}

// issueLabels returns the labels of inc's issue: the plan's labels (or the
// severity label when it has none), always with "security" first since the
// issue is found again by that label.
func issueLabels(inc route.Incident) []string {
	src := inc.Labels
	if len(src) == 0 {
		src = []string{inc.Severity}
	}
	out := []string{searchLabel}
	for _, l := range src {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}
