package pagerduty_test

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
	"github.com/secaudit/secaudit/internal/notify/pagerduty"
	"github.com/secaudit/secaudit/internal/route"
)

var update = flag.Bool("update", false, "rewrite golden files")

func newNotifier(t *testing.T, pd *fake.PagerDuty, sleeps *notifytest.Sleeps) *pagerduty.Notifier {
	t.Helper()
	return newStateNotifier(t, pd, sleeps, nil)
}

// newStateNotifier pages the team "security" through pd, remembering what it
// triggered in state (nil: no state).
func newStateNotifier(t *testing.T, pd *fake.PagerDuty, sleeps *notifytest.Sleeps, state notify.State) *pagerduty.Notifier {
	t.Helper()
	n, err := pagerduty.New(pagerduty.Config{
		State: state,
		URL:   pd.EventsURL(),
		RoutingKey: func(team string) string {
			if team == "security" {
				return pd.RoutingKey
			}
			return ""
		},
		Pages:      func(code int) bool { return code == 2 || code == 3 },
		HTTPClient: pd.Client(), Retrier: notifytest.Retrier(sleeps), Now: notifytest.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func run(t *testing.T, n *pagerduty.Notifier, plan *route.Plan) []string {
	t.Helper()
	ds, err := n.Notify(context.Background(), plan)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range ds {
		line := fmt.Sprintf("%d %s %s page=%v", d.ExitCode, d.Action, d.Target, d.Page)
		if d.Error != "" {
			line += " error: " + d.Error
		}
		out = append(out, line)
	}
	return out
}

func TestLifecycle(t *testing.T) {
	pd := fake.NewPagerDuty(t)
	statePath := filepath.Join(t.TempDir(), "state.json")
	// Each step builds the notifier afresh over the same state file, as a
	// new CI job would.
	newRun := func() *pagerduty.Notifier {
		return newStateNotifier(t, pd, nil, notify.NewFileState(statePath, notifytest.Now))
	}
	secrets := notifytest.Incident(3, notifytest.SecretFinding("a.env", 1))
	vulns := notifytest.Incident(2, notifytest.VulnFinding("lodash", "4.17.4", "GHSA-1", finding.Critical))
	docker := notifytest.Incident(5)
	changed := notifytest.Incident(3, notifytest.SecretFinding("a.env", 1), notifytest.SecretFinding("b.env", 2))
	steps := []struct {
		name string
		plan *route.Plan
		want []string
		// events are the events PagerDuty receives in this step.
		events []string
	}{
		{"first run triggers the paging incidents", notifytest.Plan(secrets, vulns, docker),
			[]string{"3 triggered " + secrets.Key + " page=true", "2 triggered " + vulns.Key + " page=true"},
			[]string{"trigger " + secrets.Key, "trigger " + vulns.Key}},
		{"identical run sends nothing", notifytest.Plan(secrets, vulns, docker),
			[]string{"3 unchanged " + secrets.Key + " page=true", "2 unchanged " + vulns.Key + " page=true"}, nil},
		{"changed findings trigger once", notifytest.Plan(changed, vulns, docker),
			[]string{"3 triggered " + secrets.Key + " page=true", "2 unchanged " + vulns.Key + " page=true"},
			[]string{"trigger " + secrets.Key}},
		{"changed run again sends nothing", notifytest.Plan(changed, vulns, docker),
			[]string{"3 unchanged " + secrets.Key + " page=true", "2 unchanged " + vulns.Key + " page=true"}, nil},
		{"clean run resolves what was triggered", notifytest.CleanPlan(3, 2, 5),
			[]string{"3 resolved " + secrets.Key + " page=false", "2 resolved " + vulns.Key + " page=false"},
			[]string{"resolve " + secrets.Key, "resolve " + vulns.Key}},
		{"second clean run sends nothing", notifytest.CleanPlan(3, 2, 5), nil, nil},
		{"class back after resolve triggers again", notifytest.Plan(secrets),
			[]string{"3 triggered " + secrets.Key + " page=true"},
			[]string{"trigger " + secrets.Key}},
	}
	for _, st := range steps {
		before := len(pd.Events())
		got := run(t, newRun(), st.plan)
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("%s: deliveries (-want +got):\n%s", st.name, diff)
		}
		var events []string
		for _, ev := range pd.Events()[before:] {
			events = append(events, ev.EventAction+" "+ev.DedupKey)
		}
		if diff := cmp.Diff(st.events, events); diff != "" {
			t.Errorf("%s: events (-want +got):\n%s", st.name, diff)
		}
	}
	var status []string
	for _, in := range pd.Incidents() {
		status = append(status, fmt.Sprintf("%s %s triggers=%d", in.DedupKey, in.Status, in.Triggers))
	}
	want := []string{secrets.Key + " resolved triggers=2", vulns.Key + " resolved triggers=1", secrets.Key + " triggered triggers=1"}
	if diff := cmp.Diff(want, status); diff != "" {
		t.Errorf("PagerDuty incidents (-want +got):\n%s", diff)
	}
	b, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), pd.RoutingKey) {
		t.Errorf("state file holds the routing key:\n%s", b)
	}
	if leaks := pd.Leaks(notifytest.PlantedSecret); len(leaks) > 0 {
		t.Errorf("leaks: %v", leaks)
	}
}

func TestResolveWithState(t *testing.T) {
	t.Run("nothing triggered: no resolve sent", func(t *testing.T) {
		pd := fake.NewPagerDuty(t)
		got := run(t, newStateNotifier(t, pd, nil, notify.NewMemoryState()), notifytest.CleanPlan(1, 2, 3, 4, 5, 6))
		if len(got) != 0 || len(pd.Requests()) != 0 {
			t.Errorf("deliveries %v, %d requests; want none", got, len(pd.Requests()))
		}
	})
	t.Run("a new routing key hears about the open incident once", func(t *testing.T) {
		pd := fake.NewPagerDuty(t)
		state := notify.NewMemoryState()
		inc := notifytest.Incident(3)
		run(t, newStateNotifier(t, pd, nil, state), notifytest.Plan(inc))
		pd.RoutingKey = pd.AddRoutingKey()
		got := run(t, newStateNotifier(t, pd, nil, state), notifytest.Plan(inc))
		got = append(got, run(t, newStateNotifier(t, pd, nil, state), notifytest.Plan(inc))...)
		want := []string{"3 triggered " + inc.Key + " page=true", "3 unchanged " + inc.Key + " page=true"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("failed trigger is not remembered", func(t *testing.T) {
		pd := fake.NewPagerDuty(t)
		state := notify.NewMemoryState()
		inc := notifytest.Incident(3)
		n, err := pagerduty.New(pagerduty.Config{URL: pd.EventsURL(), RoutingKey: func(string) string { return "invalid-key" }, State: state,
			HTTPClient: pd.Client(), Retrier: notifytest.Retrier(nil)})
		if err != nil {
			t.Fatal(err)
		}
		run(t, n, notifytest.Plan(inc))
		got := run(t, newStateNotifier(t, pd, nil, state), notifytest.Plan(inc))
		if diff := cmp.Diff([]string{"3 triggered " + inc.Key + " page=true"}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		got = run(t, newStateNotifier(t, pd, nil, state), notifytest.CleanPlan(3))
		if diff := cmp.Diff([]string{"3 resolved " + inc.Key + " page=false"}, got); diff != "" {
			t.Errorf("resolve (-want +got):\n%s", diff)
		}
	})
	t.Run("unreadable state: skipped, nothing sent", func(t *testing.T) {
		pd := fake.NewPagerDuty(t)
		path := filepath.Join(t.TempDir(), "state.json")
		if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
			t.Fatal(err)
		}
		got := run(t, newStateNotifier(t, pd, nil, notify.NewFileState(path, nil)), notifytest.Plan(notifytest.Incident(3)))
		if len(got) != 1 || !strings.Contains(got[0], "3 skipped") || !strings.Contains(got[0], "parse state") || len(pd.Requests()) != 0 {
			t.Errorf("deliveries %v, %d requests", got, len(pd.Requests()))
		}
	})
}

// TestLifecycleWithoutState: without a State every run triggers (PagerDuty
// folds the repeats by dedup_key) and every resolve is sent.
func TestLifecycleWithoutState(t *testing.T) {
	pd := fake.NewPagerDuty(t)
	n := newNotifier(t, pd, nil)
	secrets := notifytest.Incident(3, notifytest.SecretFinding("a.env", 1))
	vulns := notifytest.Incident(2, notifytest.VulnFinding("lodash", "4.17.4", "GHSA-1", finding.Critical))
	docker := notifytest.Incident(5)

	got := run(t, n, notifytest.Plan(secrets, vulns, docker))
	want := []string{"3 triggered " + secrets.Key + " page=true", "2 triggered " + vulns.Key + " page=true"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("first run (-want +got):\n%s", diff)
	}
	run(t, n, notifytest.Plan(secrets, vulns, docker))
	inc := pd.Incidents()
	if len(inc) != 2 || inc[0].Status != "triggered" || inc[0].Severity != "critical" || inc[1].Severity != "error" {
		t.Errorf("after two identical runs: %+v, want 2 open incidents (critical, error)", inc)
	}

	got = run(t, n, notifytest.CleanPlan(3, 2, 5))
	want = []string{"3 resolved " + secrets.Key + " page=false", "2 resolved " + vulns.Key + " page=false"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("clean run (-want +got):\n%s", diff)
	}
	for _, in := range pd.Incidents() {
		if in.Status != "resolved" {
			t.Errorf("incident %s is %s, want resolved", in.DedupKey, in.Status)
		}
	}
	for _, ev := range pd.Events() {
		if ev.EventAction == "resolve" && (ev.Payload != nil || ev.Links != nil || ev.Client != "") {
			t.Errorf("resolve event carries more than routing_key, event_action, dedup_key: %+v", ev)
		}
	}
	if leaks := pd.Leaks(notifytest.PlantedSecret); len(leaks) > 0 {
		t.Errorf("leaks: %v", leaks)
	}
}

func TestRetries(t *testing.T) {
	t.Run("500 twice then 202: exactly one event", func(t *testing.T) {
		pd := fake.NewPagerDuty(t)
		sleeps := &notifytest.Sleeps{}
		pd.FailNext(2, 500)
		got := run(t, newNotifier(t, pd, sleeps), notifytest.Plan(notifytest.Incident(3)))
		if len(got) != 1 || strings.Contains(got[0], "error") {
			t.Errorf("deliveries = %v", got)
		}
		if n := len(pd.Events()); n != 1 {
			t.Errorf("%d events accepted, want 1", n)
		}
		if n := len(pd.Requests()); n != 3 {
			t.Errorf("%d requests, want 3", n)
		}
		if diff := cmp.Diff("[500ms 1s]", fmt.Sprint(sleeps.All())); diff != "" {
			t.Errorf("waits (-want +got):\n%s", diff)
		}
	})
	t.Run("429 Retry-After honoured", func(t *testing.T) {
		pd := fake.NewPagerDuty(t)
		sleeps := &notifytest.Sleeps{}
		pd.RateLimitNext(1, "12")
		run(t, newNotifier(t, pd, sleeps), notifytest.Plan(notifytest.Incident(3)))
		if diff := cmp.Diff("[12s]", fmt.Sprint(sleeps.All())); diff != "" {
			t.Errorf("waits (-want +got):\n%s", diff)
		}
		if n := len(pd.Events()); n != 1 {
			t.Errorf("%d events, want 1", n)
		}
	})
	t.Run("400 is final with PagerDuty's message", func(t *testing.T) {
		pd := fake.NewPagerDuty(t)
		n, _ := pagerduty.New(pagerduty.Config{URL: pd.EventsURL(), RoutingKey: func(string) string { return "invalid-key" }, HTTPClient: pd.Client(), Retrier: notifytest.Retrier(nil)})
		got := run(t, n, notifytest.Plan(notifytest.Incident(3)))
		if len(got) != 1 || !strings.Contains(got[0], "400 Bad Request: Event object is invalid") || strings.Contains(got[0], "invalid-key") {
			t.Errorf("deliveries = %v", got)
		}
		if n := len(pd.Requests()); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	})
	t.Run("no routing key for the team", func(t *testing.T) {
		pd := fake.NewPagerDuty(t)
		inc := notifytest.Incident(3)
		inc.Team = "platform"
		got := run(t, newNotifier(t, pd, nil), notifytest.Plan(inc))
		if len(got) != 1 || !strings.Contains(got[0], "skipped") || !strings.Contains(got[0], "PAGERDUTY_ROUTING_KEY_PLATFORM") {
			t.Errorf("deliveries = %v", got)
		}
	})
}

func TestLimits(t *testing.T) {
	pd := fake.NewPagerDuty(t)
	inc := notifytest.Incident(3)
	inc.Key = strings.Repeat("k", 400)
	inc.Title = strings.Repeat("t", 3000)
	p := notifytest.Plan(inc)
	p.Repository = strings.Repeat("r", 2000)
	got := run(t, newNotifier(t, pd, nil), p)
	if len(got) != 1 || strings.Contains(got[0], "error") {
		t.Errorf("long fields: %v", got)
	}
	if k := pd.Events()[0].DedupKey; len(k) > 255 || k != pagerduty.DedupKey(inc.Key) {
		t.Errorf("dedup_key %q", k)
	}
}

func TestSeverity(t *testing.T) {
	for _, tc := range []struct {
		code int
		sev  string
		want string
	}{{3, "critical", "critical"}, {2, "critical", "error"}, {7, "critical", "critical"}, {7, "high", "error"}, {7, "medium", "warning"}, {7, "low", "info"}} {
		if got := pagerduty.DefaultSeverity(route.Incident{ExitCode: tc.code, Severity: tc.sev}); got != tc.want {
			t.Errorf("DefaultSeverity(%d, %s) = %s, want %s", tc.code, tc.sev, got, tc.want)
		}
	}
}

func TestEventGolden(t *testing.T) {
	pd := fake.NewPagerDuty(t)
	run(t, newNotifier(t, pd, nil), notifytest.Plan(notifytest.Incident(3, notifytest.SecretFinding("config/app.env", 3))))
	var v map[string]any
	if err := json.Unmarshal(pd.Requests()[0].Body, &v); err != nil {
		t.Fatal(err)
	}
	v["routing_key"] = "ROUTING_KEY"
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	got := bytes.TrimSpace(buf.Bytes())
	golden := filepath.Join("testdata", "trigger.json")
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
		t.Errorf("event (-want +got):\n%s", diff)
	}
}
