package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTeamOverrideKeepsDefaults(t *testing.T) {
	c, err := Parse([]byte(`teams:
  security:
    slack_channel: "#sec-alerts"
    slack_mention: ""
  appsec:
    name: AppSec
    github_team: "@acme/appsec"
`), "cfg.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := Team{Name: "Security Team", GitHubTeam: "@org/security-team", SlackChannel: "#sec-alerts", SlackMention: "",
		SlackID: "S_SECURITY", PagerDutyService: "P_SEC_001", Email: "security@company.com"}
	if diff := cmp.Diff(want, c.Teams["security"]); diff != "" {
		t.Errorf("security (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Team{Name: "AppSec", GitHubTeam: "@acme/appsec"}, c.Teams["appsec"]); diff != "" {
		t.Errorf("appsec (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Default().Teams["platform"], c.Teams["platform"]); diff != "" {
		t.Errorf("untouched team changed (-want +got):\n%s", diff)
	}
	for k, tm := range Default().Teams {
		if tm.Set != nil {
			t.Errorf("default team %s keeps Set %v", k, tm.Set)
		}
	}
}

func TestTeamUnknownKey(t *testing.T) {
	_, err := Parse([]byte("teams:\n  security:\n    slack_chanel: x\n    pagerduty: y\n"), "cfg.yaml")
	if err == nil || !strings.Contains(err.Error(), "line 3: field slack_chanel not found") || !strings.Contains(err.Error(), "line 4: field pagerduty not found") {
		t.Errorf("err = %v", err)
	}
	_, err = Parse([]byte("teams:\n  security: [a, b]\n"), "cfg.yaml")
	if err == nil {
		t.Error("a team given as a list was accepted")
	}
}
