package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/secaudit/secaudit/internal/ci"
	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/notify/builtin"
	"github.com/secaudit/secaudit/internal/result"
	"github.com/secaudit/secaudit/internal/route"
	"github.com/secaudit/secaudit/internal/route/codeowners"
)

// RouteOptions are the inputs of routing besides the result and the
// configuration.
type RouteOptions struct {
	// Root is the repository checkout whose CODEOWNERS decides file owners;
	// empty means the current directory. RootFS, when set, replaces it.
	Root   string
	RootFS fs.FS
	// Overrides replace what the report says about the run (flags
	// --repo, --branch, --commit, --run-url, --default-branch).
	Overrides ci.Overrides
	// DryRun builds the plan and sends nothing.
	DryRun bool
	// FailOnDeliveryError makes any failed delivery exit 1, not only an
	// undelivered page.
	FailOnDeliveryError bool
	// Getenv reads credentials and endpoints; nil means os.Getenv.
	Getenv     func(string) string
	HTTPClient *http.Client
	Logger     *slog.Logger
	Now        func() time.Time
	// Notifiers, when non-nil, replace the built-in integrations (tests).
	Notifiers []notify.Notifier
}

// RouteOutcome is what routing did.
type RouteOutcome struct {
	Plan       *route.Plan
	Deliveries []notify.Delivery
	// Skipped says which integrations were left out and why (credentials
	// absent).
	Skipped []string
	// Warnings are problems that did not stop routing (invalid CODEOWNERS
	// lines, pages that went out through other channels only).
	Warnings []string
	// Failures explain ExitCode 1.
	Failures []string
	// ExitCode is the exit code of `secaudit route`: 0 when delivered; 1 when
	// a paging incident reached nobody or its PagerDuty delivery failed, or,
	// with FailOnDeliveryError, when any delivery failed. It never changes
	// the exit code of an audit.
	ExitCode int
}

// Route builds the routing plan of an audit result and carries it out with
// the configured notifiers. Errors are bad input (unreadable CODEOWNERS or
// playbook, a result the router cannot plan); a delivery failure is not an
// error but shows in the outcome.
func Route(ctx context.Context, res *result.Result, cfg *config.Config, opts RouteOptions) (*RouteOutcome, error) {
	if res == nil || cfg == nil {
		return nil, errors.New("route: no result or configuration")
	}
	r := *res
	r.Run = routeRun(r.Run, opts.Overrides, routeGetenv(opts.Getenv))
	out := &RouteOutcome{}
	owners, err := routeOwners(opts, cfg)
	if err != nil && owners == nil {
		return nil, err
	}
	if err != nil {
		out.Warnings = append(out.Warnings, err.Error())
	}
	playbooks, err := route.LoadPlaybooks(cfg)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", cfg.Path, err)
	}
	out.Plan, err = route.Build(&r, cfg, route.Options{Owners: owners, Playbooks: playbooks})
	if err != nil {
		return nil, err
	}
	if opts.DryRun {
		return out, nil
	}
	notifiers := opts.Notifiers
	if notifiers == nil {
		notifiers, out.Skipped, err = builtin.Notifiers(builtin.Env{
			Config: cfg, Getenv: routeGetenv(opts.Getenv), HTTPClient: opts.HTTPClient, Logger: routeLogger(opts.Logger), Now: routeNow(opts.Now),
		})
		if err != nil {
			return nil, fmt.Errorf("notifiers: %w", err)
		}
	}
	out.Deliveries = notify.Run(ctx, out.Plan, notifiers)
	routeJudge(out, opts.FailOnDeliveryError)
	return out, nil
}

// routeRun lets flags replace the run's CI facts. A --branch without
// --default-branch is compared with SECAUDIT_DEFAULT_BRANCH, else main/master.
func routeRun(run result.Run, o ci.Overrides, getenv func(string) string) result.Run {
	info := ci.Info{Repository: run.Repository, Branch: run.Branch, Commit: run.Commit, RunURL: run.URL,
		DefaultBranch: run.DefaultBranch, DefaultBranchName: getenv("SECAUDIT_DEFAULT_BRANCH")}
	info = info.Override(o)
	run.Repository, run.Branch, run.Commit, run.URL, run.DefaultBranch = info.Repository, info.Branch, info.Commit, info.RunURL, info.DefaultBranch
	return run
}

// routeOwners reads the CODEOWNERS of the checkout. It returns the valid
// rules together with an error describing invalid lines, and nil, nil when
// the repository has no CODEOWNERS.
func routeOwners(opts RouteOptions, cfg *config.Config) (*codeowners.File, error) {
	fsys := opts.RootFS
	if fsys == nil {
		root := opts.Root
		if root == "" {
			root = "."
		}
		fsys = os.DirFS(root)
	}
	return codeowners.Load(fsys, cfg.Routing.Codeowners)
}

// routeJudge sets the exit code: a paging incident must reach PagerDuty or at
// least some channel; with failAny, every delivery must succeed.
func routeJudge(out *RouteOutcome, failAny bool) {
	type state struct{ paged, pageFailed, reached bool }
	byKey := map[string]*state{}
	for _, d := range out.Deliveries {
		s := byKey[d.IncidentKey]
		if s == nil {
			s = &state{}
			byKey[d.IncidentKey] = s
		}
		switch {
		case d.Failed() && d.Notifier == "pagerduty":
			s.pageFailed = true
		case d.Failed():
		case d.Action == notify.ActionSkipped:
		case d.Notifier == "pagerduty":
			s.paged, s.reached = true, true
		default:
			s.reached = true
		}
		if failAny && d.Failed() {
			out.Failures = append(out.Failures, fmt.Sprintf("%s: incident %s: %s", d.Notifier, d.IncidentKey, d.Error))
		}
	}
	for _, inc := range out.Plan.Incidents {
		if !inc.Page {
			continue
		}
		s := byKey[inc.Key]
		switch {
		case s == nil || !s.reached:
			out.Failures = append(out.Failures, fmt.Sprintf("page for %s (exit code %d, %s) reached no one", inc.Key, inc.ExitCode, inc.Team))
		case s.pageFailed:
			out.Failures = append(out.Failures, fmt.Sprintf("page for %s (exit code %d, %s) could not be delivered to PagerDuty", inc.Key, inc.ExitCode, inc.Team))
		case !s.paged:
			out.Warnings = append(out.Warnings, fmt.Sprintf("incident %s (exit code %d) should page %s but PagerDuty is not configured; it went out through other channels", inc.Key, inc.ExitCode, inc.Team))
		}
	}
	if len(out.Failures) > 0 {
		out.ExitCode = 1
	}
}

func routeGetenv(f func(string) string) func(string) string {
	if f == nil {
		return os.Getenv
	}
	return f
}

func routeLogger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}

func routeNow(f func() time.Time) func() time.Time {
	if f == nil {
		return time.Now
	}
	return f
}
