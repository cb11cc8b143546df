// Package builtin is the list of notification integrations: one line per
// integration in Notifiers. Each is built from the environment (credentials
// and endpoints never come from flags or the repository's configuration
// file); one whose credentials are absent is left out with the reason, never
// an error.
package builtin

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/notify"
)

// Env is what notifiers are built from. Getenv reads credentials and
// endpoints (GITHUB_TOKEN, SECAUDIT_GITHUB_API_URL, SLACK_WEBHOOK_<TEAM> /
// SLACK_WEBHOOK, SECAUDIT_PAGERDUTY_EVENTS_URL, PAGERDUTY_ROUTING_KEY_<TEAM>,
// webhook and SMTP settings, SECAUDIT_STATE_FILE; docs/notifiers.md lists
// them all). Config.Routing.StateFile names the state file when
// SECAUDIT_STATE_FILE is unset. A notifier
// whose credentials are absent is left out (and Skipped says why), never an
// error.
type Env struct {
	Config     *config.Config
	Getenv     func(string) string
	HTTPClient *http.Client
	Logger     *slog.Logger
	Now        func() time.Time
}

// integration builds one notifier, or says why it is left out.
type integration struct {
	name  string
	build func(b *builder) (n notify.Notifier, skipped string, err error)
}

// integrations is THE list, in delivery order: GitHub first so that its
// issue exists when the chat message is read.
func integrations() []integration {
	return []integration{
		{"github", (*builder).github},
		{"slack", (*builder).slack},
		{"pagerduty", (*builder).pagerduty},
		{"webhook", (*builder).webhook},
		{"email", (*builder).email},
	}
}

// Notifiers builds every integration whose credentials are present. skipped
// has one "name: reason" line per integration left out; err reports
// misconfiguration (an invalid URL, port or duration), every problem at once.
func Notifiers(env Env) (notifiers []notify.Notifier, skipped []string, err error) {
	b, err := newBuilder(env)
	if err != nil {
		return nil, nil, err
	}
	var errs []error
	for _, in := range integrations() {
		n, why, err := in.build(b)
		switch {
		case err != nil:
			errs = append(errs, err)
		case n == nil:
			skipped = append(skipped, in.name+": "+why)
		default:
			notifiers = append(notifiers, n)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return notifiers, skipped, nil
}

// builder holds what the integrations share: the environment, one retry
// stage and one state store.
type builder struct {
	env     Env
	retrier *notify.Retrier
	state   notify.State
	teams   []string
}

func newBuilder(env Env) (*builder, error) {
	if env.Config == nil {
		env.Config = config.Default()
	}
	if env.Getenv == nil {
		return nil, errors.New("notifiers: no environment")
	}
	if env.HTTPClient == nil {
		env.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	if env.Logger == nil {
		env.Logger = slog.New(slog.DiscardHandler)
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	b := &builder{env: env, retrier: &notify.Retrier{}}
	if v := b.get("SECAUDIT_NOTIFY_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("SECAUDIT_NOTIFY_TIMEOUT: %q is not a positive duration (for example 30s)", v)
		}
		b.retrier.MaxElapsed = d
	}
	for k := range env.Config.Teams {
		b.teams = append(b.teams, k)
	}
	slices.Sort(b.teams)
	return b, nil
}

func (b *builder) get(name string) string { return strings.TrimSpace(b.env.Getenv(name)) }

// stateStore returns the shared state, opening the file store on first use.
func (b *builder) stateStore() (notify.State, error) {
	if b.state != nil {
		return b.state, nil
	}
	path, err := b.statePath()
	if err != nil {
		return nil, err
	}
	b.state = notify.NewFileState(path, b.env.Now)
	return b.state, nil
}

// statePath returns the state file: $SECAUDIT_STATE_FILE (a CI override),
// else the configuration's routing.state_file, relative to the
// configuration file, else notify.DefaultStatePath.
func (b *builder) statePath() (string, error) {
	if p := b.get("SECAUDIT_STATE_FILE"); p != "" {
		return p, nil
	}
	if p := b.env.Config.Routing.StateFile; p != "" {
		if !filepath.IsAbs(p) && b.env.Config.Path != "" {
			p = filepath.Join(filepath.Dir(b.env.Config.Path), p)
		}
		return p, nil
	}
	return notify.DefaultStatePath(b.env.Getenv)
}

// team returns the configuration of a team key.
func (b *builder) team(key string) config.Team { return b.env.Config.Teams[key] }

// route returns the route of an exit code.
func (b *builder) route(code int) (config.Route, bool) {
	for _, r := range b.env.Config.Routes {
		if r.ExitCode == code {
			return r, true
		}
	}
	return config.Route{}, false
}
