package builtin

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/notify/email"
	"github.com/secaudit/secaudit/internal/notify/github"
	"github.com/secaudit/secaudit/internal/notify/pagerduty"
	"github.com/secaudit/secaudit/internal/notify/slack"
	"github.com/secaudit/secaudit/internal/notify/webhook"
)

func (b *builder) github() (notify.Notifier, string, error) {
	token := b.get("GITHUB_TOKEN")
	if token == "" {
		return nil, "GITHUB_TOKEN is not set", nil
	}
	// GitHub Actions sets GITHUB_API_URL (also on GitHub Enterprise Server).
	base, _ := notify.Lookup(b.env.Getenv, "SECAUDIT_GITHUB_API_URL", "GITHUB_API_URL")
	n, err := github.New(github.Config{BaseURL: base, Token: token, HTTPClient: b.env.HTTPClient, Retrier: b.retrier, Logger: b.env.Logger, Now: b.env.Now})
	if err != nil {
		return nil, "", fmt.Errorf("SECAUDIT_GITHUB_API_URL: %w", err)
	}
	return n, "", nil
}

// slackWebhook returns a team's webhook URL: the team's slack_webhook_env,
// else SLACK_WEBHOOK_<TEAM>, else SLACK_WEBHOOK.
func (b *builder) slackWebhook(team string) string {
	v, _ := notify.Lookup(b.env.Getenv, b.team(team).SlackWebhookEnv, notify.TeamVar("SLACK_WEBHOOK", team), "SLACK_WEBHOOK")
	return v
}

func (b *builder) slack() (notify.Notifier, string, error) {
	if !b.anyTeam(b.slackWebhook) && b.slackWebhook("") == "" {
		return nil, "no Slack webhook (set SLACK_WEBHOOK_<TEAM> or SLACK_WEBHOOK)", nil
	}
	for _, t := range b.teams {
		if u := b.slackWebhook(t); u != "" {
			if err := checkURL(u); err != nil {
				return nil, "", fmt.Errorf("slack webhook of team %s: %w", t, err)
			}
		}
	}
	st, err := b.stateStore()
	if err != nil {
		return nil, "", err
	}
	n, err := slack.New(slack.Config{
		Webhook: b.slackWebhook, Channel: func(t string) string { return b.team(t).SlackChannel }, State: st,
		HTTPClient: b.env.HTTPClient, Retrier: b.retrier, Logger: b.env.Logger, Now: b.env.Now,
	})
	return n, "", err
}

// routingKey returns a team's PagerDuty routing key: the team's
// pagerduty_routing_key_env, else PAGERDUTY_ROUTING_KEY_<TEAM>, else
// PAGERDUTY_ROUTING_KEY.
func (b *builder) routingKey(team string) string {
	v, _ := notify.Lookup(b.env.Getenv, b.team(team).PagerDutyKeyEnv, notify.TeamVar("PAGERDUTY_ROUTING_KEY", team), "PAGERDUTY_ROUTING_KEY")
	return v
}

func (b *builder) pagerduty() (notify.Notifier, string, error) {
	if !b.anyTeam(b.routingKey) && b.routingKey("") == "" {
		return nil, "no routing key (set PAGERDUTY_ROUTING_KEY_<TEAM> or PAGERDUTY_ROUTING_KEY)", nil
	}
	st, err := b.stateStore()
	if err != nil {
		return nil, "", err
	}
	n, err := pagerduty.New(pagerduty.Config{
		URL: b.get("SECAUDIT_PAGERDUTY_EVENTS_URL"), RoutingKey: b.routingKey, State: st,
		Pages: func(code int) bool {
			r, ok := b.route(code)
			return ok && r.Page
		},
		HTTPClient: b.env.HTTPClient, Retrier: b.retrier, Logger: b.env.Logger, Now: b.env.Now,
	})
	if err != nil {
		return nil, "", fmt.Errorf("SECAUDIT_PAGERDUTY_EVENTS_URL: %w", err)
	}
	return n, "", nil
}

// webhookURL returns a team's endpoint: SECAUDIT_WEBHOOK_URL_<TEAM>, else
// SECAUDIT_WEBHOOK_URL.
func (b *builder) webhookURL(team string) string {
	v, _ := notify.Lookup(b.env.Getenv, notify.TeamVar("SECAUDIT_WEBHOOK_URL", team), "SECAUDIT_WEBHOOK_URL")
	return v
}

func (b *builder) webhook() (notify.Notifier, string, error) {
	if !b.anyTeam(b.webhookURL) && b.get("SECAUDIT_WEBHOOK_URL") == "" {
		return nil, "SECAUDIT_WEBHOOK_URL is not set", nil
	}
	for _, t := range append([]string{""}, b.teams...) {
		if u := b.webhookURL(t); u != "" {
			if err := checkURL(u); err != nil {
				return nil, "", fmt.Errorf("webhook URL: %w", err)
			}
		}
	}
	st, err := b.stateStore()
	if err != nil {
		return nil, "", err
	}
	n, err := webhook.New(webhook.Config{
		URL: b.webhookURL, Secret: b.get("SECAUDIT_WEBHOOK_SECRET"), State: st,
		HTTPClient: b.env.HTTPClient, Retrier: b.retrier, Logger: b.env.Logger, Now: b.env.Now,
	})
	if err == nil && b.get("SECAUDIT_WEBHOOK_SECRET") == "" {
		b.env.Logger.Warn("webhook requests are unsigned: SECAUDIT_WEBHOOK_SECRET is not set")
	}
	return n, "", err
}

func (b *builder) email() (notify.Notifier, string, error) {
	host := b.get("SECAUDIT_SMTP_HOST")
	if host == "" {
		return nil, "SECAUDIT_SMTP_HOST is not set", nil
	}
	port := 0
	if v := b.get("SECAUDIT_SMTP_PORT"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 || p > 65535 {
			return nil, "", fmt.Errorf("SECAUDIT_SMTP_PORT: %q is not a port number", v)
		}
		port = p
	}
	override := splitList(b.get("SECAUDIT_EMAIL_TO"))
	st, err := b.stateStore()
	if err != nil {
		return nil, "", err
	}
	n, err := email.New(email.Config{
		Host: host, Port: port, From: b.get("SECAUDIT_SMTP_FROM"),
		Username: b.get("SECAUDIT_SMTP_USERNAME"), Password: b.env.Getenv("SECAUDIT_SMTP_PASSWORD"),
		To: func(team string) []string {
			if len(override) > 0 {
				return override
			}
			return splitList(b.team(team).Email)
		},
		State: st, Retrier: b.retrier, Logger: b.env.Logger, Now: b.env.Now,
	})
	return n, "", err
}

func (b *builder) anyTeam(lookup func(string) string) bool {
	for _, t := range b.teams {
		if lookup(t) != "" {
			return true
		}
	}
	return false
}

// checkURL validates an endpoint without ever echoing it (it may be a
// secret).
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("not an http(s) URL")
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
