package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/ci"
	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/notify/fake"
	"github.com/secaudit/secaudit/internal/notify/github"
	"github.com/secaudit/secaudit/internal/notify/pagerduty"
	"github.com/secaudit/secaudit/internal/notify/slack"
	"github.com/secaudit/secaudit/internal/result"
)

// plantedSecret exists only in this test: scanners redact secrets before a
// finding exists, so no request may ever carry it.
const plantedSecret = "AKIAZ7PLANTEDSECRET0W"

// services are the fakes one routing run talks to.
type services struct {
	gh    *fake.GitHub
	slack *fake.Slack
	pd    *fake.PagerDuty
	// webhooks are the secret Slack URLs, which must not leak either.
	webhooks  map[string]string
	notifiers []notify.Notifier
}

func newServices(t *testing.T, cfg *config.Config) *services {
	t.Helper()
	s := &services{gh: fake.NewGitHub(t), slack: fake.NewSlack(t), pd: fake.NewPagerDuty(t), webhooks: map[string]string{}}
	keys := map[string]string{}
	for _, key := range cfg.TeamKeys() {
		s.webhooks[key] = s.slack.Webhook(cfg.Teams[key].SlackChannel)
		keys[key] = s.pd.RoutingKey
	}
	fast := &notify.Retrier{Sleep: func(context.Context, time.Duration) error { return nil }}
	gh, err := github.New(github.Config{BaseURL: s.gh.APIURL(), Token: s.gh.Token, HTTPClient: s.gh.Client(), Retrier: fast})
	if err != nil {
		t.Fatal(err)
	}
	sl, err := slack.New(slack.Config{Webhook: func(team string) string { return s.webhooks[team] }, State: notify.NewMemoryState(),
		HTTPClient: s.slack.Client(), Retrier: fast})
	if err != nil {
		t.Fatal(err)
	}
	pd, err := pagerduty.New(pagerduty.Config{URL: s.pd.EventsURL(), RoutingKey: func(team string) string { return keys[team] },
		Pages: func(code int) bool { r, _ := cfg.RouteFor(code); return r.Page }, HTTPClient: s.pd.Client(), Retrier: fast})
	if err != nil {
		t.Fatal(err)
	}
	s.notifiers = []notify.Notifier{gh, sl, pd}
	return s
}

func (s *services) openIssues(repo string) int {
	n := 0
	for _, is := range s.gh.Issues(repo) {
		if is.State == "open" {
			n++
		}
	}
	return n
}

func (s *services) triggeredIncidents() int {
	n := 0
	for _, in := range s.pd.Incidents() {
		if in.Status == "triggered" {
			n++
		}
	}
	return n
}

func secretFinding(path string) finding.Finding {
	f := finding.Finding{Category: finding.Secret, RuleID: "aws-access-key-id", Severity: finding.High, Title: "AWS access key ID",
		Location: finding.Location{Path: path, StartLine: 4}, Evidence: finding.RedactIn("aws_key = "+plantedSecret, plantedSecret),
		Source: "secaudit/secrets", ExitClass: 3}
	f.SetFingerprint(finding.SecretKey(plantedSecret))
	return f
}

func otherFinding(cat finding.Category, sev finding.Severity, class int, path, rule string) finding.Finding {
	f := finding.Finding{Category: cat, RuleID: rule, Severity: sev, Title: rule, Location: finding.Location{Path: path, StartLine: 1},
		Source: "secaudit/" + string(cat), ExitClass: class}
	f.SetFingerprint(rule)
	return f
}

// runResult builds a verdict the way the policy does: classes in precedence
// order with their counts.
func runResult(branch string, fs ...finding.Finding) *result.Result {
	r := &result.Result{SchemaVersion: result.SchemaVersion, Findings: fs, Run: result.Run{Repository: "acme/api", Branch: branch,
		Commit: "c0ffee", URL: "https://ci.example/runs/1", DefaultBranch: branch == "main"}}
	for _, code := range []int{3, 2, 4, 5, 6, 1} {
		n := 0
		for _, f := range fs {
			if f.ExitClass == code {
				n++
			}
		}
		if n > 0 {
			r.Verdict.Classes = append(r.Verdict.Classes, result.Class{Code: code, Findings: n})
		}
	}
	if len(r.Verdict.Classes) > 0 {
		r.Verdict.ExitCode = r.Verdict.Classes[0].Code
	}
	return r
}

func actions(ds []notify.Delivery) map[string]int {
	out := map[string]int{}
	for _, d := range ds {
		out[d.Notifier+":"+d.Action]++
		if d.Error != "" {
			out[d.Notifier+":error"]++
		}
	}
	return out
}

func TestRouteLifecycle(t *testing.T) {
	cfg := config.Default()
	s := newServices(t, cfg)
	ctx := context.Background()
	fsys := fstest.MapFS{".github/CODEOWNERS": {Data: []byte("* @org/devops\n/docker/ @org/infra-team @carol\n")}}
	route := func(t *testing.T, r *result.Result) *RouteOutcome {
		t.Helper()
		out, err := Route(ctx, r, cfg, RouteOptions{RootFS: fsys, Notifiers: s.notifiers})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	vuln := otherFinding(finding.Vulnerability, finding.Critical, 2, "go.sum", "GHSA-crit")
	docker := otherFinding(finding.Container, finding.Medium, 5, "docker/Dockerfile", "DOCKER-USER-ROOT")

	t.Run("first run opens one issue and one message per incident and one page per P0 class", func(t *testing.T) {
		out := route(t, runResult("main", secretFinding("config/prod.env"), vuln, docker))
		if out.ExitCode != 0 || len(out.Failures) > 0 {
			t.Fatalf("exit %d, failures %v, deliveries %+v", out.ExitCode, out.Failures, out.Deliveries)
		}
		if got := len(out.Plan.Incidents); got != 3 {
			t.Fatalf("%d incidents, want 3", got)
		}
		want := map[string]int{"github:created": 3, "slack:posted": 3, "pagerduty:triggered": 2}
		if diff := cmp.Diff(want, actions(out.Deliveries)); diff != "" {
			t.Errorf("actions (-want +got):\n%s", diff)
		}
		if n := s.openIssues("acme/api"); n != 3 {
			t.Errorf("%d open issues, want 3", n)
		}
		if n := len(s.slack.Messages()); n != 3 {
			t.Errorf("%d slack messages, want 3", n)
		}
		if n := s.triggeredIncidents(); n != 2 {
			t.Errorf("%d PagerDuty incidents, want 2", n)
		}
	})
	t.Run("identical second run creates nothing", func(t *testing.T) {
		issues, msgs, incidents := len(s.gh.Issues("acme/api")), len(s.slack.Messages()), len(s.pd.Incidents())
		out := route(t, runResult("main", docker, vuln, secretFinding("config/prod.env")))
		for _, d := range out.Deliveries {
			// PagerDuty deduplicates a repeated trigger by its dedup key
			// (the incident key): it opens nothing new.
			if d.Error != "" || d.Action != notify.ActionUnchanged && d.Notifier != "pagerduty" {
				t.Errorf("delivery %+v, want unchanged", d)
			}
		}
		if len(s.gh.Issues("acme/api")) != issues || len(s.slack.Messages()) != msgs || len(s.pd.Incidents()) != incidents {
			t.Errorf("second run changed state: issues %d->%d, messages %d->%d, PagerDuty incidents %d->%d", issues, len(s.gh.Issues("acme/api")),
				msgs, len(s.slack.Messages()), incidents, len(s.pd.Incidents()))
		}
	})
	t.Run("a changed run updates the incident in place", func(t *testing.T) {
		issues := len(s.gh.Issues("acme/api"))
		out := route(t, runResult("main", secretFinding("config/prod.env"), secretFinding("config/dev.env"), vuln, docker))
		got := actions(out.Deliveries)
		if got["github:created"] != 0 || got["github:updated"]+got["github:commented"] != 1 || got["slack:posted"] != 1 {
			t.Errorf("actions = %v, want one GitHub update and one Slack post", got)
		}
		if len(s.gh.Issues("acme/api")) != issues {
			t.Errorf("changed run opened a new issue")
		}
		if n := s.triggeredIncidents(); n != 2 {
			t.Errorf("%d PagerDuty incidents after update, want still 2", n)
		}
	})
	t.Run("a feature-branch run resolves nothing", func(t *testing.T) {
		out := route(t, runResult("feature"))
		if len(out.Plan.Resolve) != 0 || s.openIssues("acme/api") != 3 || s.triggeredIncidents() != 2 {
			t.Errorf("feature branch resolved: plan %v, open issues %d, pages %d", out.Plan.Resolve, s.openIssues("acme/api"), s.triggeredIncidents())
		}
	})
	t.Run("an incomplete default-branch run resolves nothing", func(t *testing.T) {
		r := runResult("main")
		r.Verdict = result.Verdict{ExitCode: 1, Incomplete: true, Classes: []result.Class{{Code: 1}}}
		r.Errors = []result.Problem{{Source: "deps", Path: "go.sum", Message: "malformed line 7"}}
		out := route(t, r)
		if len(out.Plan.Resolve) != 0 || s.triggeredIncidents() != 2 {
			t.Errorf("incomplete run resolved: %v", out.Plan.Resolve)
		}
		if len(out.Plan.Incidents) != 1 || out.Plan.Incidents[0].Team != "devops" || !strings.Contains(out.Plan.Incidents[0].Summary, "malformed line 7") {
			t.Errorf("incomplete run incident = %+v", out.Plan.Incidents)
		}
	})
	t.Run("a clean default-branch run resolves the pages and closes the issues", func(t *testing.T) {
		out := route(t, runResult("main"))
		if out.ExitCode != 0 {
			t.Errorf("exit %d: %v", out.ExitCode, out.Failures)
		}
		if n := s.triggeredIncidents(); n != 0 {
			t.Errorf("%d PagerDuty incidents still triggered", n)
		}
		if n := s.openIssues("acme/api"); n != 0 {
			t.Errorf("%d issues still open", n)
		}
	})
	t.Run("no secret value in any request", func(t *testing.T) {
		values := []string{plantedSecret}
		for _, u := range s.webhooks {
			values = append(values, u)
		}
		for _, leak := range append(append(s.gh.Leaks(values...), s.slack.Leaks(plantedSecret)...), s.pd.Leaks(values...)...) {
			t.Error(leak)
		}
	})
}

func TestRouteUndeliveredPage(t *testing.T) {
	cfg := config.Default()
	s := newServices(t, cfg)
	s.pd.FailNext(100, 400) // PagerDuty rejects every event: not retryable
	r := runResult("main", secretFinding("a.env"))
	out, err := Route(context.Background(), r, cfg, RouteOptions{RootFS: fstest.MapFS{}, Notifiers: s.notifiers})
	if err != nil {
		t.Fatal(err)
	}
	if out.ExitCode != 1 || len(out.Failures) != 1 || !strings.Contains(out.Failures[0], "could not be delivered to PagerDuty") {
		t.Errorf("exit %d failures %v, want 1 undelivered page", out.ExitCode, out.Failures)
	}
	// Only PagerDuty configured away: the page reaches people through
	// GitHub and Slack, a warning but not a failure.
	out, err = Route(context.Background(), r, cfg, RouteOptions{RootFS: fstest.MapFS{}, Notifiers: s.notifiers[:2]})
	if err != nil {
		t.Fatal(err)
	}
	if out.ExitCode != 0 || len(out.Warnings) != 1 {
		t.Errorf("exit %d warnings %v, want 0 and one warning", out.ExitCode, out.Warnings)
	}
	// Nothing configured at all: the page reached no one.
	out, err = Route(context.Background(), r, cfg, RouteOptions{RootFS: fstest.MapFS{}, Notifiers: []notify.Notifier{}})
	if err != nil {
		t.Fatal(err)
	}
	if out.ExitCode != 1 {
		t.Errorf("exit %d with no notifier, want 1", out.ExitCode)
	}
}

func TestRouteFailOnDeliveryError(t *testing.T) {
	cfg := config.Default()
	s := newServices(t, cfg)
	s.slack.FailNext(100, 404) // a deleted webhook: not retryable
	r := runResult("main", otherFinding(finding.Code, finding.High, 6, "src/x.py", "py-exec"))
	for _, failAny := range []bool{false, true} {
		out, err := Route(context.Background(), r, cfg, RouteOptions{RootFS: fstest.MapFS{}, Notifiers: s.notifiers[1:2], FailOnDeliveryError: failAny})
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if failAny {
			want = 1
		}
		if out.ExitCode != want {
			t.Errorf("FailOnDeliveryError=%v: exit %d, want %d (%+v)", failAny, out.ExitCode, want, out.Deliveries)
		}
	}
}

func TestRouteDryRunAndOverrides(t *testing.T) {
	cfg := config.Default()
	r := runResult("feature", secretFinding("a.env"))
	yes := true
	out, err := Route(context.Background(), r, cfg, RouteOptions{RootFS: fstest.MapFS{}, DryRun: true, Notifiers: []notify.Notifier{},
		Overrides: ciOverrides("acme/web", "main", &yes)})
	if err != nil {
		t.Fatal(err)
	}
	if out.Deliveries != nil || out.Plan.Repository != "acme/web" || out.Plan.Branch != "main" || !out.Plan.DefaultBranch {
		t.Errorf("dry run outcome = %+v", out.Plan)
	}
	if r.Run.Repository != "acme/api" {
		t.Errorf("Route modified its input")
	}
}

// TestRoute50Incidents is the delivery figure: 50 incidents routed against
// the local fakes in under 2 s, and a second run duplicates nothing.
func TestRoute50Incidents(t *testing.T) {
	var yaml, owners strings.Builder
	yaml.WriteString("teams:\n")
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&yaml, "  t%d: {name: Team %d, github_team: '@org/t%d', slack_channel: '#t%d'}\n", i, i, i, i)
		fmt.Fprintf(&owners, "/d%d/ @org/t%d\n", i, i)
	}
	cfg, err := config.Parse([]byte(yaml.String()), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var fs []finding.Finding
	fs = append(fs, secretFinding("d0/a.env"), otherFinding(finding.Vulnerability, finding.Critical, 2, "d0/go.sum", "crit"))
	for i := 0; i < 12; i++ {
		for _, c := range []struct {
			cat   finding.Category
			sev   finding.Severity
			class int
		}{{finding.Vulnerability, finding.High, 4}, {finding.Container, finding.Medium, 5}, {finding.Code, finding.Medium, 6}, {finding.Vulnerability, finding.Low, 1}} {
			fs = append(fs, otherFinding(c.cat, c.sev, c.class, fmt.Sprintf("d%d/f%d", i, c.class), fmt.Sprintf("r%d-%d", i, c.class)))
		}
	}
	r := runResult("main", fs...)
	s := newServices(t, cfg)
	fsys := fstest.MapFS{"CODEOWNERS": {Data: []byte(owners.String())}}
	start := time.Now()
	out, err := Route(context.Background(), r, cfg, RouteOptions{RootFS: fsys, Notifiers: s.notifiers})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(out.Plan.Incidents); n != 50 {
		t.Fatalf("%d incidents, want 50", n)
	}
	if n := s.openIssues("acme/api"); n != 50 {
		t.Errorf("%d issues, want 50", n)
	}
	if elapsed > 2*time.Second && !routeRaceEnabled {
		t.Errorf("routing 50 incidents took %v, want < 2s", elapsed)
	}
	t.Logf("50 incidents routed in %v (%d deliveries)", elapsed, len(out.Deliveries))
	if _, err := Route(context.Background(), r, cfg, RouteOptions{RootFS: fsys, Notifiers: s.notifiers}); err != nil {
		t.Fatal(err)
	}
	if n := len(s.gh.Issues("acme/api")); n != 50 {
		t.Errorf("second run: %d issues, want still 50", n)
	}
	if n := len(s.pd.Incidents()); n != 2 {
		t.Errorf("%d PagerDuty incidents, want 2", n)
	}
}

func ciOverrides(repo, branch string, def *bool) ci.Overrides {
	return ci.Overrides{Repository: repo, Branch: branch, DefaultBranch: def}
}

// TestRouteThroughBuiltin routes with the integrations built from the
// environment, as `secaudit route` does in CI.
func TestRouteThroughBuiltin(t *testing.T) {
	cfg := config.Default()
	gh, sl, pd := fake.NewGitHub(t), fake.NewSlack(t), fake.NewPagerDuty(t)
	env := map[string]string{
		"GITHUB_TOKEN":                   gh.Token,
		"SECAUDIT_GITHUB_API_URL":        gh.APIURL(),
		"SLACK_WEBHOOK_SECURITY":         sl.Webhook("#security-critical"),
		"SLACK_WEBHOOK":                  sl.Webhook("#ci-failures"),
		"SECAUDIT_PAGERDUTY_EVENTS_URL":  pd.EventsURL(),
		"PAGERDUTY_ROUTING_KEY_SECURITY": pd.RoutingKey,
		"SECAUDIT_STATE_FILE":            t.TempDir() + "/state.json",
	}
	opts := RouteOptions{RootFS: fstest.MapFS{}, Getenv: func(k string) string { return env[k] }}
	r := runResult("main", secretFinding("config/prod.env"), otherFinding(finding.Code, finding.High, 6, "src/x.py", "py-exec"))
	for run := 1; run <= 2; run++ {
		out, err := Route(context.Background(), r, cfg, opts)
		if err != nil {
			t.Fatal(err)
		}
		if out.ExitCode != 0 {
			t.Fatalf("run %d: exit %d: %v (skipped %v)", run, out.ExitCode, out.Failures, out.Skipped)
		}
	}
	if n := len(gh.Issues("acme/api")); n != 2 {
		t.Errorf("%d issues, want 2", n)
	}
	var channels []string
	for _, m := range sl.Messages() {
		channels = append(channels, m.Channel)
	}
	if diff := cmp.Diff([]string{"#security-critical", "#ci-failures"}, channels); diff != "" {
		t.Errorf("slack channels (-want +got):\n%s", diff)
	}
	if n := len(pd.Incidents()); n != 1 {
		t.Errorf("%d PagerDuty incidents, want 1 (the P0 secret)", n)
	}
	for _, leak := range append(append(gh.Leaks(plantedSecret), sl.Leaks(plantedSecret)...), pd.Leaks(plantedSecret)...) {
		t.Error(leak)
	}
}
