package slack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/notify/fake"
	"github.com/secaudit/secaudit/internal/notify/notifytest"
	"github.com/secaudit/secaudit/internal/notify/slack"
	"github.com/secaudit/secaudit/internal/route"
)

var update = flag.Bool("update", false, "rewrite golden files")

type setup struct {
	fake  *fake.Slack
	hooks map[string]string
	n     *slack.Notifier
	state notify.State
	sleep *notifytest.Sleeps
}

func newSetup(t *testing.T, teams ...string) *setup {
	s := &setup{fake: fake.NewSlack(t), hooks: map[string]string{}, state: notify.NewMemoryState(), sleep: &notifytest.Sleeps{}}
	for _, team := range teams {
		s.hooks[team] = s.fake.Webhook("#" + team)
	}
	n, err := slack.New(slack.Config{
		Webhook: func(team string) string { return s.hooks[team] },
		Channel: func(team string) string { return "#" + team },
		State:   s.state, HTTPClient: s.fake.Client(), Retrier: notifytest.Retrier(s.sleep), Now: notifytest.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	s.n = n
	return s
}

func (s *setup) run(t *testing.T, plan *route.Plan) []string {
	t.Helper()
	ds, err := s.n.Notify(context.Background(), plan)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range ds {
		line := fmt.Sprintf("%d %s %s", d.ExitCode, d.Action, d.Target)
		if d.Error != "" {
			line += " error: " + d.Error
		}
		out = append(out, line)
	}
	return out
}

func TestLifecycle(t *testing.T) {
	s := newSetup(t, "security", "infrastructure")
	secrets := notifytest.Incident(3, notifytest.SecretFinding("a.env", 1))
	docker := notifytest.Incident(5, notifytest.SecretFinding("Dockerfile", 2))
	steps := []struct {
		name     string
		plan     *route.Plan
		want     []string
		messages int
	}{
		{"first run posts", notifytest.Plan(secrets, docker), []string{"3 posted #security-critical", "5 posted #infra-alerts"}, 2},
		{"identical run posts nothing", notifytest.Plan(secrets, docker), []string{"3 unchanged #security-critical", "5 unchanged #infra-alerts"}, 2},
		{"changed findings post again", notifytest.Plan(notifytest.Incident(3, notifytest.SecretFinding("a.env", 1), notifytest.SecretFinding("b.env", 1)), docker), []string{"3 posted #security-critical", "5 unchanged #infra-alerts"}, 3},
		{"clean run announces resolution once", notifytest.CleanPlan(3, 5, 6), []string{"3 resolved #security", "5 resolved #infrastructure"}, 5},
		{"second clean run is silent", notifytest.CleanPlan(3, 5, 6), nil, 5},
	}
	for _, st := range steps {
		got := s.run(t, st.plan)
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", st.name, diff)
		}
		if n := len(s.fake.Messages()); n != st.messages {
			t.Errorf("%s: %d messages, want %d", st.name, n, st.messages)
		}
	}
	msgs := s.fake.Messages()
	if msgs[0].Channel != "#security" || msgs[1].Channel != "#infrastructure" {
		t.Errorf("channels = %s, %s", msgs[0].Channel, msgs[1].Channel)
	}
	if leaks := s.fake.Leaks(notifytest.PlantedSecret); len(leaks) > 0 {
		t.Errorf("leaks: %v", leaks)
	}
}

func TestMissingWebhook(t *testing.T) {
	s := newSetup(t)
	got := s.run(t, notifytest.Plan(notifytest.Incident(6)))
	want := []string{`6 skipped #code-quality error: no Slack webhook for team "development" (hint: set SLACK_WEBHOOK_DEVELOPMENT or SLACK_WEBHOOK)`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestRetries(t *testing.T) {
	s := newSetup(t, "security")
	s.fake.RateLimitNext(1, "7")
	s.fake.FailNext(1, 500)
	got := s.run(t, notifytest.Plan(notifytest.Incident(3)))
	if diff := cmp.Diff([]string{"3 posted #security-critical"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff("[7s 1s]", fmt.Sprint(s.sleep.All())); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	if n := len(s.fake.Messages()); n != 1 {
		t.Errorf("%d messages, want 1", n)
	}

	// A 4xx is final and reported with Slack's message, never the URL.
	s.hooks["security"] = s.fake.URL() + "/services/T/B/SECRETHOOK"
	got = s.run(t, notifytest.Plan(notifytest.Incident(3, notifytest.SecretFinding("x", 1))))
	if len(got) != 1 || !strings.Contains(got[0], "404 Not Found: no_service") || strings.Contains(got[0], "SECRETHOOK") {
		t.Errorf("unknown hook: %v", got)
	}
}

func TestLimits(t *testing.T) {
	s := newSetup(t, "security")
	var fs []finding.Finding
	for i := range 500 {
		f := notifytest.SecretFinding(fmt.Sprintf("f%03d.env", i), 1)
		f.Title = strings.Repeat("<!channel> ", 100)
		fs = append(fs, f)
	}
	got := s.run(t, notifytest.Plan(notifytest.Incident(3, fs...)))
	if len(got) != 1 || strings.Contains(got[0], "error") {
		t.Fatalf("large incident: %v", got)
	}
	text := s.fake.Messages()[0].Payload.Attachments[0].Text
	if top := s.fake.Messages()[0].Payload.Text; !strings.HasPrefix(top, "<!channel> Security Audit Failed (Exit Code: 3)") {
		t.Errorf("notification text %q does not start with the mention", top)
	}
	if !strings.Contains(text, "…and 485 more") || strings.Count(text, "<!channel>") != 1 {
		t.Errorf("text does not truncate or lets findings inject mentions:\n%s", text)
	}
}

func TestColor(t *testing.T) {
	for _, tc := range []struct {
		code     int
		priority string
		want     string
	}{{2, "P0", "danger"}, {3, "P0", "danger"}, {4, "P1", "warning"}, {5, "P2", "warning"}, {6, "P2", "#daa038"}, {1, "P2", "#daa038"}, {7, "P0", "danger"}, {8, "P1", "warning"}, {9, "", "#daa038"}} {
		if got := slack.Color(tc.code, tc.priority); got != tc.want {
			t.Errorf("Color(%d, %s) = %s, want %s", tc.code, tc.priority, got, tc.want)
		}
	}
}

func TestPayloadGolden(t *testing.T) {
	s := newSetup(t, "security")
	s.run(t, notifytest.Plan(notifytest.Incident(3, notifytest.SecretFinding("config/app.env", 3))))
	var v any
	if err := json.Unmarshal(s.fake.Messages()[0].Raw, &v); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	got := bytes.TrimSpace(buf.Bytes())
	golden := filepath.Join("testdata", "message.json")
	if *update {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if diff := cmp.Diff(strings.TrimSpace(string(want)), string(got)); diff != "" {
		t.Errorf("payload (-want +got):\n%s", diff)
	}
}

func TestNewWebhookHearsOnce(t *testing.T) {
	s := newSetup(t, "security")
	plan := notifytest.Plan(notifytest.Incident(3, notifytest.SecretFinding("a.env", 1)))
	s.run(t, plan)
	s.hooks["security"] = s.fake.Webhook("#security-new")
	if diff := cmp.Diff([]string{"3 posted #security-critical"}, s.run(t, plan)); diff != "" {
		t.Errorf("after a webhook change (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"3 unchanged #security-critical"}, s.run(t, plan)); diff != "" {
		t.Errorf("third run (-want +got):\n%s", diff)
	}
}
