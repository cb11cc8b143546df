package config

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Team is one owning team of the contact matrix. A team defined in
// .secaudit.yaml over a default team of the same key changes only the fields
// it sets (an empty string clears one); a new key adds a team.
type Team struct {
	// Name is the display name ("Security Team").
	Name string `yaml:"name" json:"name,omitempty"`
	// GitHubTeam is the team's handle ("@org/security-team"); CODEOWNERS
	// entries naming it map files to this team.
	GitHubTeam string `yaml:"github_team" json:"github_team,omitempty"`
	// Codeowners lists further CODEOWNERS owners ("@org/appsec", "@alice",
	// "sec@company.com") that stand for this team.
	Codeowners []string `yaml:"codeowners,omitempty" json:"codeowners,omitempty"`
	// SlackChannel is the team's channel ("#security-critical").
	SlackChannel string `yaml:"slack_channel" json:"slack_channel,omitempty"`
	// SlackMention is put in front of Slack messages ("<!channel>").
	SlackMention string `yaml:"slack_mention" json:"slack_mention,omitempty"`
	// SlackID is the team's Slack user-group ID (the contact matrix's
	// "S_SECURITY").
	SlackID string `yaml:"slack_id,omitempty" json:"slack_id,omitempty"`
	// SlackWebhookEnv names the environment variable holding the team's Slack
	// incoming-webhook URL; empty means SLACK_WEBHOOK_<TEAM>, falling back to
	// SLACK_WEBHOOK.
	SlackWebhookEnv string `yaml:"slack_webhook_env,omitempty" json:"slack_webhook_env,omitempty"`
	// PagerDutyService is the team's PagerDuty service ID ("P_SEC_001"); empty
	// when the team has none.
	PagerDutyService string `yaml:"pagerduty_service,omitempty" json:"pagerduty_service,omitempty"`
	// PagerDutyKeyEnv names the environment variable holding the team's
	// PagerDuty Events API v2 routing key; empty means
	// PAGERDUTY_ROUTING_KEY_<TEAM>.
	PagerDutyKeyEnv string `yaml:"pagerduty_routing_key_env,omitempty" json:"pagerduty_routing_key_env,omitempty"`
	// Email is the team's address.
	Email string `yaml:"email" json:"email,omitempty"`
	// Set lists the keys a configuration file gave while it is decoded, so
	// that unset fields can keep their defaults; it is empty once loaded.
	Set []string `yaml:"-" json:"-"`
}

// The owner policies of a route.
const (
	// OwnerClass routes a class to its route's team only.
	OwnerClass = "class"
	// OwnerCodeowners routes each finding to the configured team owning its
	// file in CODEOWNERS, falling back to the route's team.
	OwnerCodeowners = "codeowners"
	// OwnerBoth keeps the route's team as owner and mentions the file owners.
	OwnerBoth = "both"
)

// Route says who owns an exit-code class and how urgently.
type Route struct {
	ExitCode int `yaml:"exit_code"`
	// Team is a key of Config.Teams.
	Team string `yaml:"team"`
	// Severity is the label used on issues ("critical", "high").
	Severity string `yaml:"severity"`
	// Priority is P0, P1 or P2.
	Priority string `yaml:"priority"`
	// Response is the response time in words ("Immediate", "Same day").
	Response string `yaml:"response"`
	// SLA is the time to resolve as a Go duration ("1h"); empty means the
	// duration of Response (see ResponseSLA).
	SLA string `yaml:"sla,omitempty"`
	// AckSLA is the time to acknowledge as a Go duration ("5m"); empty means
	// the spec's MTTA target of Priority (see PriorityAckSLA).
	AckSLA string `yaml:"ack_sla,omitempty"`
	// Page says whether the class pages on-call.
	Page bool `yaml:"page"`
	// Owner is the owner policy: "class", "codeowners" or "both" (see the
	// Owner constants); empty means "codeowners".
	Owner string `yaml:"owner,omitempty"`
	// Playbook is a Markdown file, relative to the configuration file, that
	// replaces the built-in response playbook of the exit code.
	Playbook string `yaml:"playbook,omitempty"`
	// Labels are extra labels for the class's GitHub issues.
	Labels []string `yaml:"labels,omitempty"`
}

// Routing holds routing settings that are not per class.
type Routing struct {
	// AutoResolve resolves, on a complete default-branch run, the incidents
	// whose class is gone (true by default).
	AutoResolve bool `yaml:"auto_resolve"`
	// Codeowners is the CODEOWNERS file, relative to the repository root;
	// empty means GitHub's lookup order (.github/, root, docs/).
	Codeowners string `yaml:"codeowners,omitempty"`
	// MaxMentions caps the file owners mentioned per incident (10 by
	// default; 0 means no mentions).
	MaxMentions int `yaml:"max_mentions"`
	// StateFile is the file in which notifiers remember what they sent,
	// relative to the configuration file; empty means the default
	// (notify.DefaultStatePath). $SECAUDIT_STATE_FILE overrides it.
	StateFile string `yaml:"state_file,omitempty"`
}

// responseSLAs maps the spec's response times to durations: Immediate is the
// P0 MTTR target (< 1 hour), Same day the P1 target (< 1 day); a week is 7
// days, a sprint two weeks and "next sprint" the end of the following one.
var responseSLAs = map[string]time.Duration{
	"immediate":   time.Hour,
	"same day":    24 * time.Hour,
	"this week":   7 * 24 * time.Hour,
	"this sprint": 14 * 24 * time.Hour,
	"next sprint": 28 * 24 * time.Hour,
}

// ResponseSLA returns the time to resolve that a response time in words
// stands for, case-insensitively: Immediate 1h, Same day 24h, This week
// 168h, This sprint 336h, Next sprint 672h.
func ResponseSLA(response string) (time.Duration, bool) {
	d, ok := responseSLAs[strings.ToLower(strings.TrimSpace(response))]
	return d, ok
}

// PriorityAckSLA returns the spec's time-to-acknowledge target of a
// priority: P0 5m, P1 1h, P2 24h.
func PriorityAckSLA(priority string) time.Duration {
	switch priority {
	case "P0":
		return 5 * time.Minute
	case "P1":
		return time.Hour
	}
	return 24 * time.Hour
}

// ResolveSLA returns the route's time to resolve: SLA when set, else the
// duration of Response, else the ack target of its priority.
func (r Route) ResolveSLA() time.Duration {
	if d, err := time.ParseDuration(r.SLA); err == nil && r.SLA != "" {
		return d
	}
	if d, ok := ResponseSLA(r.Response); ok {
		return d
	}
	return PriorityAckSLA(r.Priority)
}

// AckDuration returns the route's time to acknowledge: AckSLA when set,
// else the target of its priority.
func (r Route) AckDuration() time.Duration {
	if d, err := time.ParseDuration(r.AckSLA); err == nil && r.AckSLA != "" {
		return d
	}
	return PriorityAckSLA(r.Priority)
}

// OwnerPolicy returns the route's owner policy, "codeowners" when unset.
func (r Route) OwnerPolicy() string {
	if r.Owner == "" {
		return OwnerCodeowners
	}
	return r.Owner
}

// TeamFor returns the key and the display name of the team that owns exit
// code code, or empty strings when no route names one.
func (c *Config) TeamFor(code int) (key, name string) {
	for _, r := range c.Routes {
		if r.ExitCode == code {
			return r.Team, c.Teams[r.Team].Name
		}
	}
	return "", ""
}

// RouteFor returns the route of exit code code.
func (c *Config) RouteFor(code int) (Route, bool) {
	for _, r := range c.Routes {
		if r.ExitCode == code {
			return r, true
		}
	}
	return Route{}, false
}

// EnvName turns a team key into the suffix of its environment variables:
// upper case, every non-alphanumeric character as '_' ("sec-ops" becomes
// "SEC_OPS").
func EnvName(team string) string {
	b := []byte(strings.ToUpper(team))
	for i, ch := range b {
		if !(ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
			b[i] = '_'
		}
	}
	return string(b)
}

// SlackWebhookVar returns the environment variable holding the Slack webhook
// of the team with key key. Callers fall back to SLACK_WEBHOOK when it is
// unset and the team does not name its own variable.
func (t Team) SlackWebhookVar(key string) string {
	if t.SlackWebhookEnv != "" {
		return t.SlackWebhookEnv
	}
	return "SLACK_WEBHOOK_" + EnvName(key)
}

// PagerDutyKeyVar returns the environment variable holding the PagerDuty
// routing key of the team with key key.
func (t Team) PagerDutyKeyVar(key string) string {
	if t.PagerDutyKeyEnv != "" {
		return t.PagerDutyKeyEnv
	}
	return "PAGERDUTY_ROUTING_KEY_" + EnvName(key)
}

// TeamKeys returns the team keys in sorted order.
func (c *Config) TeamKeys() []string {
	keys := make([]string, 0, len(c.Teams))
	for k := range c.Teams {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var (
	teamKeyRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
	envVarRe  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	// ownerRe accepts the owner forms of CODEOWNERS: @user, @org/team, email.
	ownerRe = regexp.MustCompile(`^(@[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\s]+@[^@\s]+\.[^@\s]+)$`)
	// priorityRe is the spec's priority scale.
	priorityRe = regexp.MustCompile(`^P[0-2]$`)
)

func (c *Config) validateRouting() []error {
	// Validate runs right after decoding: complete redefined teams first.
	c.mergeTeamDefaults()
	errs := c.validateTeams()
	seen := map[int]int{}
	for i, r := range c.Routes {
		errs = append(errs, c.validateRoute(i, r)...)
		if j, dup := seen[r.ExitCode]; dup {
			errs = append(errs, fmt.Errorf("routes[%d].exit_code: %d is already routed by routes[%d]", i, r.ExitCode, j))
		} else {
			seen[r.ExitCode] = i
		}
	}
	for i, ec := range c.ExitCodes {
		if _, ok := seen[ec.Code]; !ok && len(c.Routes) > 0 {
			errs = append(errs, fmt.Errorf("exit_codes[%d].code: %d has no route (add a routes entry with exit_code: %d)", i, ec.Code, ec.Code))
		}
	}
	if c.Routing.MaxMentions < 0 {
		errs = append(errs, fmt.Errorf("routing.max_mentions: must not be negative, got %d", c.Routing.MaxMentions))
	}
	return errs
}

func (c *Config) validateTeams() []error {
	var errs []error
	for _, key := range c.TeamKeys() {
		t := c.Teams[key]
		where := "teams." + key
		if !teamKeyRe.MatchString(key) {
			errs = append(errs, fmt.Errorf("%s: invalid team key %q (letters, digits, '-' and '_')", where, key))
		}
		if t.GitHubTeam != "" && !ownerRe.MatchString(t.GitHubTeam) {
			errs = append(errs, fmt.Errorf("%s.github_team: %q is not @user, @org/team or an email", where, t.GitHubTeam))
		}
		for j, o := range t.Codeowners {
			if !ownerRe.MatchString(o) {
				errs = append(errs, fmt.Errorf("%s.codeowners[%d]: %q is not @user, @org/team or an email", where, j, o))
			}
		}
		if t.SlackChannel != "" && strings.ContainsAny(t.SlackChannel, " \t\n") {
			errs = append(errs, fmt.Errorf("%s.slack_channel: %q contains white space", where, t.SlackChannel))
		}
		if t.Email != "" && !strings.Contains(t.Email, "@") {
			errs = append(errs, fmt.Errorf("%s.email: %q is not an email address", where, t.Email))
		}
		for _, f := range [][2]string{{"slack_webhook_env", t.SlackWebhookEnv}, {"pagerduty_routing_key_env", t.PagerDutyKeyEnv}} {
			if f[1] != "" && !envVarRe.MatchString(f[1]) {
				errs = append(errs, fmt.Errorf("%s.%s: %q is not an environment variable name", where, f[0], f[1]))
			}
		}
	}
	return errs
}

func (c *Config) validateRoute(i int, r Route) []error {
	var errs []error
	where := fmt.Sprintf("routes[%d]", i)
	if _, ok := c.Class(r.ExitCode); !ok {
		errs = append(errs, fmt.Errorf("%s.exit_code: %d is not defined in exit_codes", where, r.ExitCode))
	}
	switch _, ok := c.Teams[r.Team]; {
	case r.Team == "":
		errs = append(errs, fmt.Errorf("%s.team: required", where))
	case !ok:
		errs = append(errs, fmt.Errorf("%s.team: unknown team %q (known: %s)", where, r.Team, strings.Join(c.TeamKeys(), ", ")))
	}
	if !priorityRe.MatchString(r.Priority) {
		errs = append(errs, fmt.Errorf("%s.priority: %q is not P0, P1 or P2", where, r.Priority))
	}
	switch r.Owner {
	case "", OwnerClass, OwnerCodeowners, OwnerBoth:
	default:
		errs = append(errs, fmt.Errorf("%s.owner: %q is not class, codeowners or both", where, r.Owner))
	}
	for _, f := range [][2]string{{"sla", r.SLA}, {"ack_sla", r.AckSLA}} {
		if f[1] == "" {
			continue
		}
		if d, err := time.ParseDuration(f[1]); err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s.%s: %q is not a positive duration (like 15m, 1h, 168h)", where, f[0], f[1]))
		}
	}
	if r.SLA == "" {
		if _, ok := ResponseSLA(r.Response); !ok && r.Response != "" {
			errs = append(errs, fmt.Errorf("%s.response: %q is not a known response time (Immediate, Same day, This week, This sprint, Next sprint); set sla too", where, r.Response))
		}
	}
	return errs
}
