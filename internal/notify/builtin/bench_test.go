package builtin_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/notify/builtin"
	"github.com/secaudit/secaudit/internal/notify/fake"
	"github.com/secaudit/secaudit/internal/notify/notifytest"
)

// BenchmarkRunUnchanged is a repeated CI run against GitHub, Slack and
// PagerDuty fakes: five incidents, all already notified.
func BenchmarkRunUnchanged(b *testing.B) {
	gh, sl, pd := fake.NewGitHub(b), fake.NewSlack(b), fake.NewPagerDuty(b)
	env := map[string]string{
		"GITHUB_TOKEN": gh.Token, "SECAUDIT_GITHUB_API_URL": gh.APIURL(), "SLACK_WEBHOOK": sl.Webhook("#all"),
		"PAGERDUTY_ROUTING_KEY": pd.RoutingKey, "SECAUDIT_PAGERDUTY_EVENTS_URL": pd.EventsURL(),
		"SECAUDIT_STATE_FILE": filepath.Join(b.TempDir(), "state.json"),
	}
	ns, _, err := builtin.Notifiers(builtin.Env{Config: config.Default(), Getenv: func(k string) string { return env[k] }})
	if err != nil {
		b.Fatal(err)
	}
	var plan = notifytest.Plan()
	for _, code := range []int{2, 3, 4, 5, 6} {
		plan.Incidents = append(plan.Incidents, notifytest.Incident(code, notifytest.SecretFinding("f", code)))
	}
	notify.Run(context.Background(), plan, ns)
	b.ResetTimer()
	for b.Loop() {
		for _, d := range notify.Run(context.Background(), plan, ns) {
			if d.Error != "" {
				b.Fatal(d.Error)
			}
		}
	}
}
