package config

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultRoutingMatchesSpec(t *testing.T) {
	c := Default()
	type row struct {
		Team, Severity, Priority, Response, Owner string
		Page                                      bool
		SLA, Ack                                  time.Duration
	}
	want := map[int]row{
		1: {"devops", "unknown", "P2", "Next sprint", "codeowners", false, 672 * time.Hour, 24 * time.Hour},
		2: {"security", "critical", "P0", "Immediate", "both", true, time.Hour, 5 * time.Minute},
		3: {"security", "critical", "P0", "Immediate", "both", true, time.Hour, 5 * time.Minute},
		4: {"platform", "high", "P1", "Same day", "codeowners", false, 24 * time.Hour, time.Hour},
		5: {"infrastructure", "medium", "P2", "This week", "codeowners", false, 168 * time.Hour, 24 * time.Hour},
		6: {"development", "low", "P2", "This sprint", "codeowners", false, 336 * time.Hour, 24 * time.Hour},
	}
	got := map[int]row{}
	for _, r := range c.Routes {
		got[r.ExitCode] = row{r.Team, r.Severity, r.Priority, r.Response, r.OwnerPolicy(), r.Page, r.ResolveSLA(), r.AckDuration()}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("default routes (-want +got):\n%s", diff)
	}
	matrix := map[string][5]string{ // github, channel, slack id, pagerduty, email
		"security":       {"@org/security-team", "#security-critical", "S_SECURITY", "P_SEC_001", "security@company.com"},
		"platform":       {"@org/platform-team", "#platform-alerts", "S_PLATFORM", "P_PLAT_001", "platform@company.com"},
		"infrastructure": {"@org/infra-team", "#infra-alerts", "S_INFRA", "P_INFRA_001", "infra@company.com"},
		"development":    {"@org/dev-team", "#code-quality", "S_DEV", "", "dev@company.com"},
		"devops":         {"@org/devops", "#ci-failures", "S_DEVOPS", "P_OPS_001", "devops@company.com"},
	}
	gotM := map[string][5]string{}
	for k, tm := range c.Teams {
		gotM[k] = [5]string{tm.GitHubTeam, tm.SlackChannel, tm.SlackID, tm.PagerDutyService, tm.Email}
	}
	if diff := cmp.Diff(matrix, gotM); diff != "" {
		t.Errorf("contact matrix (-want +got):\n%s", diff)
	}
	if !c.Routing.AutoResolve || c.Routing.MaxMentions != 10 {
		t.Errorf("routing defaults = %+v", c.Routing)
	}
}

func TestEnvVars(t *testing.T) {
	tests := []struct {
		key       string
		team      Team
		slack, pd string
	}{
		{"security", Team{}, "SLACK_WEBHOOK_SECURITY", "PAGERDUTY_ROUTING_KEY_SECURITY"},
		{"sec-ops.eu", Team{}, "SLACK_WEBHOOK_SEC_OPS_EU", "PAGERDUTY_ROUTING_KEY_SEC_OPS_EU"},
		{"x", Team{SlackWebhookEnv: "MY_HOOK", PagerDutyKeyEnv: "MY_KEY"}, "MY_HOOK", "MY_KEY"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if got := tt.team.SlackWebhookVar(tt.key); got != tt.slack {
				t.Errorf("SlackWebhookVar = %q, want %q", got, tt.slack)
			}
			if got := tt.team.PagerDutyKeyVar(tt.key); got != tt.pd {
				t.Errorf("PagerDutyKeyVar = %q, want %q", got, tt.pd)
			}
		})
	}
}

func TestValidateRouting(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // substrings, one per expected error
	}{
		{"valid override", "routes:\n  - {exit_code: 1, team: devops, priority: P2, response: Next sprint}\n  - {exit_code: 2, team: security, priority: P0, response: Immediate, page: true, owner: class}\n  - {exit_code: 3, team: security, priority: P0, response: Immediate}\n  - {exit_code: 4, team: platform, priority: P1, response: Same day}\n  - {exit_code: 5, team: infrastructure, priority: P2, sla: 48h}\n  - {exit_code: 6, team: development, priority: P2, response: This sprint}\n", nil},
		{"unknown team", "routes:\n  - {exit_code: 1, team: devops, priority: P2}\n  - {exit_code: 2, team: infra, priority: P0}\n  - {exit_code: 3, team: security, priority: P0}\n  - {exit_code: 4, team: platform, priority: P1}\n  - {exit_code: 5, team: infrastructure, priority: P2}\n  - {exit_code: 6, team: development, priority: P2}\n",
			[]string{`routes[1].team: unknown team "infra"`}},
		{"bad fields", "routes:\n  - {exit_code: 1, team: devops, priority: P7, owner: whoever, sla: soon, ack_sla: -5m, response: Whenever}\n  - {exit_code: 9, team: '', priority: P0}\n",
			[]string{`routes[0].priority: "P7"`, `routes[0].owner: "whoever"`, `routes[0].sla: "soon"`, `routes[0].ack_sla: "-5m"`,
				`routes[1].exit_code: 9 is not defined`, `routes[1].team: required`,
				`exit_codes[0].code: 3 has no route`, `exit_codes[1].code: 2 has no route`, `exit_codes[2].code: 4 has no route`, `exit_codes[3].code: 5 has no route`, `exit_codes[4].code: 6 has no route`}},
		{"unknown response without sla", "routes:\n  - {exit_code: 1, team: devops, priority: P2, response: Whenever}\n  - {exit_code: 2, team: security, priority: P0}\n  - {exit_code: 3, team: security, priority: P0}\n  - {exit_code: 4, team: platform, priority: P1}\n  - {exit_code: 5, team: infrastructure, priority: P2}\n  - {exit_code: 6, team: development, priority: P2}\n",
			[]string{`routes[0].response: "Whenever"`}},
		{"duplicate route", "routes:\n  - {exit_code: 1, team: devops, priority: P2}\n  - {exit_code: 1, team: devops, priority: P2}\n  - {exit_code: 2, team: security, priority: P0}\n  - {exit_code: 3, team: security, priority: P0}\n  - {exit_code: 4, team: platform, priority: P1}\n  - {exit_code: 5, team: infrastructure, priority: P2}\n  - {exit_code: 6, team: development, priority: P2}\n",
			[]string{`routes[1].exit_code: 1 is already routed by routes[0]`}},
		{"bad team fields", "teams:\n  ops:\n    github_team: not a handle\n    codeowners: ['@ok/team', 'bad owner']\n    email: nope\n    slack_webhook_env: 'A-B'\n  'bad key!': {}\n",
			[]string{`teams.bad key!: invalid team key`, `teams.ops.github_team: "not a handle"`, `teams.ops.codeowners[1]: "bad owner"`, `teams.ops.email: "nope"`, `teams.ops.slack_webhook_env: "A-B"`}},
		{"negative mentions", "routing: {max_mentions: -1}\n", []string{"routing.max_mentions: must not be negative"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml), "cfg.yaml")
			var got []string
			if err != nil {
				got = strings.Split(strings.TrimPrefix(err.Error(), "cfg.yaml: "), "\n")
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i := range got {
				if !strings.Contains(got[i], tt.want[i]) {
					t.Errorf("error %d = %q, want it to contain %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}
