package builtin_test

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/notify/builtin"
	"github.com/secaudit/secaudit/internal/notify/fake"
	"github.com/secaudit/secaudit/internal/notify/notifytest"
	"github.com/secaudit/secaudit/internal/route"
)

func names(ns []notify.Notifier) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Name())
	}
	return out
}

func TestNotifiersFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    []string
		skipped int
		wantErr string
	}{
		{"nothing set", nil, nil, 5, ""},
		{"all set", map[string]string{
			"GITHUB_TOKEN": "t", "SLACK_WEBHOOK": "https://hooks.slack.com/services/T/B/X", "PAGERDUTY_ROUTING_KEY_SECURITY": "k",
			"SECAUDIT_WEBHOOK_URL": "https://example.com/h", "SECAUDIT_SMTP_HOST": "smtp.example.com", "SECAUDIT_SMTP_FROM": "a@b",
		}, []string{"github", "slack", "pagerduty", "webhook", "email"}, 0, ""},
		{"per-team slack only", map[string]string{"SLACK_WEBHOOK_INFRASTRUCTURE": "https://hooks.slack.com/services/T/B/Y"}, []string{"slack"}, 4, ""},
		{"bad values", map[string]string{
			"GITHUB_TOKEN": "t", "SECAUDIT_GITHUB_API_URL": "ftp://x", "SLACK_WEBHOOK": "SECRET-not-a-url",
			"SECAUDIT_SMTP_HOST": "h", "SECAUDIT_SMTP_PORT": "99999",
		}, nil, 0, "SECAUDIT_GITHUB_API_URL"},
		{"bad timeout", map[string]string{"SECAUDIT_NOTIFY_TIMEOUT": "soon"}, nil, 0, "SECAUDIT_NOTIFY_TIMEOUT"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"SECAUDIT_STATE_FILE": filepath.Join(t.TempDir(), "s.json")}
			for k, v := range tc.env {
				env[k] = v
			}
			ns, skipped, err := builtin.Notifiers(builtin.Env{Config: config.Default(), Getenv: func(k string) string { return env[k] }})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "SECRET") {
					t.Errorf("err = %v, want one naming %s and no secret", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, names(ns)); diff != "" {
				t.Errorf("notifiers (-want +got):\n%s", diff)
			}
			if len(skipped) != tc.skipped {
				t.Errorf("skipped = %q, want %d entries", skipped, tc.skipped)
			}
		})
	}
}

// world is GitHub, Slack and PagerDuty fakes wired through the environment.
type world struct {
	gh    *fake.GitHub
	slack *fake.Slack
	pd    *fake.PagerDuty
	env   map[string]string
}

func newWorld(t *testing.T) *world {
	w := &world{gh: fake.NewGitHub(t), slack: fake.NewSlack(t), pd: fake.NewPagerDuty(t)}
	w.env = map[string]string{
		"GITHUB_TOKEN": w.gh.Token, "SECAUDIT_GITHUB_API_URL": w.gh.APIURL(),
		"SLACK_WEBHOOK_SECURITY":         w.slack.Webhook("#security-critical"),
		"SLACK_WEBHOOK":                  w.slack.Webhook("#ci-failures"),
		"PAGERDUTY_ROUTING_KEY_SECURITY": w.pd.RoutingKey,
		"SECAUDIT_PAGERDUTY_EVENTS_URL":  w.pd.EventsURL(),
		"SECAUDIT_STATE_FILE":            filepath.Join(t.TempDir(), "state.json"),
		"SECAUDIT_NOTIFY_TIMEOUT":        "1s",
	}
	return w
}

// run builds the notifiers afresh, as a new CI job would, and runs the plan.
func (w *world) run(t *testing.T, plan *route.Plan) map[string]int {
	t.Helper()
	ns, _, err := builtin.Notifiers(builtin.Env{Config: config.Default(), Getenv: func(k string) string { return w.env[k] }, HTTPClient: http.DefaultClient, Now: notifytest.Now})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, d := range notify.Run(context.Background(), plan, ns) {
		if d.Error != "" {
			t.Errorf("%s %s: %s", d.Notifier, d.IncidentKey, d.Error)
		}
		actions[d.Notifier+" "+d.Action]++
		for _, secret := range []string{w.gh.Token, w.pd.RoutingKey, w.env["SLACK_WEBHOOK_SECURITY"], "/services/"} {
			if strings.Contains(d.Target, secret) {
				t.Errorf("delivery target %q shows a credential", d.Target)
			}
		}
	}
	return actions
}

func TestEndToEnd(t *testing.T) {
	w := newWorld(t)
	secrets := notifytest.Incident(3, notifytest.SecretFinding("config/app.env", 3))
	vulns := notifytest.Incident(2, notifytest.VulnFinding("lodash", "4.17.4", "GHSA-jf85-cpcp-j695", finding.Critical))
	code := notifytest.Incident(6, notifytest.SecretFinding("app.py", 10))

	got := w.run(t, notifytest.Plan(secrets, vulns, code))
	want := map[string]int{"github created": 3, "slack posted": 3, "pagerduty triggered": 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("first run (-want +got):\n%s", diff)
	}
	if n, m, p := len(w.gh.Issues(notifytest.Repo)), len(w.slack.Messages()), len(w.pd.Incidents()); n != 3 || m != 3 || p != 2 {
		t.Errorf("first run: %d issues, %d messages, %d pages; want 3, 3, 2", n, m, p)
	}

	ghReqs, slackReqs, pdReqs := len(w.gh.Requests()), len(w.slack.Requests()), len(w.pd.Requests())
	got = w.run(t, notifytest.Plan(secrets, vulns, code))
	want = map[string]int{"github unchanged": 3, "slack unchanged": 3, "pagerduty unchanged": 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("identical run (-want +got):\n%s", diff)
	}
	if n, m, p := len(w.gh.Issues(notifytest.Repo)), len(w.slack.Messages()), len(w.pd.Incidents()); n != 3 || m != 3 || p != 2 {
		t.Errorf("identical run created something: %d issues, %d messages, %d pages", n, m, p)
	}
	for _, r := range append(append(w.gh.Requests()[ghReqs:], w.slack.Requests()[slackReqs:]...), w.pd.Requests()[pdReqs:]...) {
		if r.Method != "GET" {
			t.Errorf("identical run sent %s %s", r.Method, r.Path)
		}
	}

	changed := notifytest.Incident(3, notifytest.SecretFinding("config/app.env", 3), notifytest.SecretFinding("deploy/prod.env", 1))
	got = w.run(t, notifytest.Plan(changed, vulns, code))
	want = map[string]int{"github updated": 1, "github unchanged": 2, "slack posted": 1, "slack unchanged": 2, "pagerduty triggered": 1, "pagerduty unchanged": 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changed run (-want +got):\n%s", diff)
	}
	if evs := w.pd.Events(); len(evs) != 3 || evs[2].EventAction != "trigger" || evs[2].DedupKey != changed.Key {
		t.Errorf("after the changed run PagerDuty has %d events, want 3, the last a trigger of %s", len(evs), changed.Key)
	}
	if is := w.gh.Issues(notifytest.Repo)[0]; len(is.Comments) != 1 {
		t.Errorf("updated issue has %d comments, want 1", len(is.Comments))
	}

	got = w.run(t, notifytest.CleanPlan(1, 2, 3, 4, 5, 6))
	want = map[string]int{"github closed": 3, "slack resolved": 3, "pagerduty resolved": 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("clean run (-want +got):\n%s", diff)
	}
	for _, in := range w.pd.Incidents() {
		if in.Status != "resolved" {
			t.Errorf("page %s still %s", in.DedupKey, in.Status)
		}
	}
	pdReqs = len(w.pd.Requests())
	got = w.run(t, notifytest.CleanPlan(1, 2, 3, 4, 5, 6))
	if diff := cmp.Diff(map[string]int{}, got); diff != "" {
		t.Errorf("second clean run (-want +got):\n%s", diff)
	}
	if n := len(w.pd.Requests()) - pdReqs; n != 0 {
		t.Errorf("second clean run sent %d PagerDuty events", n)
	}
	for _, is := range w.gh.Issues(notifytest.Repo) {
		if is.State != "closed" {
			t.Errorf("issue %d still %s", is.Number, is.State)
		}
	}

	planted := []string{notifytest.PlantedSecret}
	for name, leaks := range map[string][]string{"github": w.gh.Leaks(planted...), "slack": w.slack.Leaks(planted...), "pagerduty": w.pd.Leaks(planted...)} {
		if len(leaks) > 0 {
			t.Errorf("%s: %v", name, leaks)
		}
	}
	// Credentials travel only where they belong: the GitHub token in the
	// Authorization header, the routing key in PagerDuty's body.
	for _, r := range append(w.slack.Requests(), w.pd.Requests()...) {
		if strings.Contains(string(r.Body), w.gh.Token) || strings.Contains(fmt.Sprint(r.Header), w.gh.Token) {
			t.Errorf("GitHub token sent to %s", r.Path)
		}
	}
}

func TestOutageDoesNotStopOthers(t *testing.T) {
	w := newWorld(t)
	w.gh.FailNext(100, http.StatusServiceUnavailable)
	w.env["SECAUDIT_NOTIFY_TIMEOUT"] = "10ms" // give up at once
	got := map[string]int{}
	ns, _, err := builtin.Notifiers(builtin.Env{Config: config.Default(), Getenv: func(k string) string { return w.env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range notify.Run(context.Background(), notifytest.Plan(notifytest.Incident(3)), ns) {
		key := d.Notifier + " " + d.Action
		if d.Error != "" {
			key += " failed"
		}
		got[key]++
	}
	want := map[string]int{"github skipped failed": 1, "slack posted": 1, "pagerduty triggered": 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestStateFile: $SECAUDIT_STATE_FILE wins over routing.state_file, which is
// relative to the configuration file and wins over the default.
func TestStateFile(t *testing.T) {
	for _, tc := range []struct {
		name, env, configured, want string
	}{
		{"config relative to the config file", "", "cache/state.json", "repo/cache/state.json"},
		{"config absolute", "", "ABS/abs.json", "abs.json"},
		{"environment wins", "env.json", "cache/state.json", "env.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			w := newWorld(t)
			delete(w.env, "SECAUDIT_STATE_FILE")
			w.env["HOME"], w.env["XDG_CACHE_HOME"] = dir, dir
			if tc.env != "" {
				w.env["SECAUDIT_STATE_FILE"] = filepath.Join(dir, tc.env)
			}
			cfg := config.Default()
			cfg.Path = filepath.Join(dir, "repo", ".secaudit.yaml")
			cfg.Routing.StateFile = strings.Replace(tc.configured, "ABS", dir, 1)
			ns, _, err := builtin.Notifiers(builtin.Env{Config: cfg, Getenv: func(k string) string { return w.env[k] }, HTTPClient: http.DefaultClient, Now: notifytest.Now})
			if err != nil {
				t.Fatal(err)
			}
			notify.Run(context.Background(), notifytest.Plan(notifytest.Incident(3)), ns)
			var files []string
			err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
					rel, _ := filepath.Rel(dir, path)
					files = append(files, filepath.ToSlash(rel))
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{tc.want}, files); diff != "" {
				t.Errorf("state files (-want +got):\n%s", diff)
			}
		})
	}
}
