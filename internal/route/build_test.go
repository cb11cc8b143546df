package route

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
	"github.com/secaudit/secaudit/internal/route/codeowners"
)

const testCodeowners = `
*                 @org/devops
/src/             @org/dev-team @alice
Dockerfile        @org/infra-team
package.json      @org/platform-team @bob
/vendor/          @org/deps-bots
/legacy/          @org/unknown-team
/src/generated/
`

func mustOwners(t testing.TB) *codeowners.File {
	t.Helper()
	f, err := codeowners.Parse([]byte(testCodeowners), "CODEOWNERS")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustConfig(t testing.TB, yaml string) *config.Config {
	t.Helper()
	c, err := config.Parse([]byte(yaml), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fnd builds a classified finding; the fingerprint derives from rule and path.
func fnd(cat finding.Category, sev finding.Severity, class int, path, rule string) finding.Finding {
	f := finding.Finding{Category: cat, Severity: sev, ExitClass: class, RuleID: rule, Title: rule + " found",
		Location: finding.Location{Path: path, StartLine: 3}}
	f.SetFingerprint(rule)
	return f
}

// res builds a result on acme/api's default branch from classified findings.
func res(fs ...finding.Finding) *result.Result {
	r := &result.Result{Run: result.Run{Repository: "acme/api", Branch: "main", Commit: "c0ffee", DefaultBranch: true,
		Scanners: []string{"secrets", "deps", "container", "code"}}, Findings: fs}
	counts := map[int]int{}
	var order []int
	for _, f := range fs {
		if counts[f.ExitClass] == 0 {
			order = append(order, f.ExitClass)
		}
		counts[f.ExitClass]++
	}
	rank := map[int]int{3: 0, 2: 1, 4: 2, 5: 3, 6: 4, 1: 5}
	for i := range order {
		for j := i + 1; j < len(order); j++ {
			if rank[order[j]] < rank[order[i]] {
				order[i], order[j] = order[j], order[i]
			}
		}
	}
	for _, c := range order {
		r.Verdict.Classes = append(r.Verdict.Classes, result.Class{Code: c, Findings: counts[c]})
	}
	if len(order) > 0 {
		r.Verdict.ExitCode = order[0]
	}
	return r
}

// row is the part of an incident the table tests compare.
type row struct {
	Code     int
	Team     string
	Page     bool
	Priority string
	Mentions []string
	Paths    []string
	Errors   int
}

func rows(p *Plan) []row {
	var out []row
	for _, inc := range p.Incidents {
		r := row{Code: inc.ExitCode, Team: inc.Team, Page: inc.Page, Priority: inc.Priority, Mentions: inc.Mentions, Errors: len(inc.Errors)}
		for _, f := range inc.Findings {
			r.Paths = append(r.Paths, f.Location.Path)
		}
		out = append(out, r)
	}
	return out
}

func TestBuild(t *testing.T) {
	owners := mustOwners(t)
	tests := []struct {
		name   string
		config string
		owners *codeowners.File
		result *result.Result
		want   []row
	}{
		{
			name:   "every class present is routed, in precedence order",
			owners: nil,
			result: res(
				fnd(finding.Code, finding.Medium, 6, "src/app.py", "py-eval"),
				fnd(finding.Secret, finding.High, 3, "config/prod.env", "aws-key"),
				fnd(finding.Container, finding.Medium, 5, "Dockerfile", "root-user"),
				fnd(finding.Vulnerability, finding.Critical, 2, "go.sum", "GHSA-1"),
				fnd(finding.Vulnerability, finding.High, 4, "package-lock.json", "GHSA-2"),
				fnd(finding.Vulnerability, finding.Low, 1, "go.sum", "GHSA-3"),
			),
			want: []row{
				{Code: 3, Team: "security", Page: true, Priority: "P0", Paths: []string{"config/prod.env"}},
				{Code: 2, Team: "security", Page: true, Priority: "P0", Paths: []string{"go.sum"}},
				{Code: 4, Team: "platform", Priority: "P1", Paths: []string{"package-lock.json"}},
				{Code: 5, Team: "infrastructure", Priority: "P2", Paths: []string{"Dockerfile"}},
				{Code: 6, Team: "development", Priority: "P2", Paths: []string{"src/app.py"}},
				{Code: 1, Team: "devops", Priority: "P2", Paths: []string{"go.sum"}},
			},
		},
		{
			name:   "both: class team owns, file owners are mentioned but not the team itself",
			owners: owners,
			result: res(
				fnd(finding.Secret, finding.High, 3, "src/a.py", "k1"),
				fnd(finding.Secret, finding.High, 3, "package.json", "k2"),
				fnd(finding.Secret, finding.High, 3, "src/b.py", "k3"),
			),
			want: []row{{Code: 3, Team: "security", Page: true, Priority: "P0",
				Mentions: []string{"@org/platform-team", "@bob", "@org/dev-team", "@alice"},
				Paths:    []string{"package.json", "src/a.py", "src/b.py"}}},
		},
		{
			name:   "codeowners: split by owning team, fallback to class team, unconfigured owners mentioned",
			owners: owners,
			result: res(
				fnd(finding.Code, finding.High, 6, "src/a.py", "r1"),
				fnd(finding.Code, finding.Medium, 6, "Dockerfile", "r2"),
				fnd(finding.Code, finding.Low, 6, "legacy/old.py", "r3"),
				fnd(finding.Code, finding.Low, 6, "src/generated/x.py", "r4"),
				fnd(finding.Code, finding.Low, 6, "README.md", "r5"),
			),
			want: []row{
				{Code: 6, Team: "development", Priority: "P2", Mentions: []string{"@alice", "@org/unknown-team"},
					Paths: []string{"src/a.py", "legacy/old.py", "src/generated/x.py"}},
				{Code: 6, Team: "devops", Priority: "P2", Paths: []string{"README.md"}},
				{Code: 6, Team: "infrastructure", Priority: "P2", Paths: []string{"Dockerfile"}},
			},
		},
		{
			name:   "codeowners alias list maps an owner to a team",
			config: "teams:\n  platform: {name: Platform Team, github_team: '@org/platform-team', codeowners: ['@org/deps-bots'], slack_channel: '#platform-alerts'}\n",
			owners: owners,
			result: res(fnd(finding.Container, finding.High, 5, "vendor/Dockerfile", "r")),
			want:   []row{{Code: 5, Team: "platform", Priority: "P2", Paths: []string{"vendor/Dockerfile"}}},
		},
		{
			name: "class policy ignores CODEOWNERS",
			config: "routes:\n" +
				"  - {exit_code: 1, team: devops, priority: P2}\n  - {exit_code: 2, team: security, priority: P0, page: true}\n" +
				"  - {exit_code: 3, team: security, priority: P0, page: true}\n  - {exit_code: 4, team: platform, priority: P1}\n" +
				"  - {exit_code: 5, team: infrastructure, priority: P2}\n  - {exit_code: 6, team: development, priority: P2, owner: class}\n",
			owners: owners,
			result: res(fnd(finding.Code, finding.High, 6, "Dockerfile", "r"), fnd(finding.Code, finding.High, 6, "src/x.py", "r")),
			want:   []row{{Code: 6, Team: "development", Priority: "P2", Paths: []string{"Dockerfile", "src/x.py"}}},
		},
		{
			name:   "mentions are capped by routing.max_mentions",
			config: "routing: {max_mentions: 1, auto_resolve: true}\n",
			owners: owners,
			result: res(fnd(finding.Secret, finding.High, 3, "package.json", "k")),
			want:   []row{{Code: 3, Team: "security", Page: true, Priority: "P0", Mentions: []string{"@org/platform-team"}, Paths: []string{"package.json"}}},
		},
		{
			name:   "unclassified findings go to the first present class that covers them",
			owners: nil,
			result: func() *result.Result {
				r := res(fnd(finding.Secret, finding.High, 3, "a.env", "k"))
				r.Findings = append(r.Findings, fnd(finding.Secret, finding.High, 0, "b.env", "k2"), fnd(finding.Code, finding.Low, 0, "c.py", "x"))
				return r
			}(),
			want: []row{{Code: 3, Team: "security", Page: true, Priority: "P0", Paths: []string{"a.env", "b.env"}}},
		},
		{
			name:   "a class the configuration does not know falls back to the exit code 1 route",
			owners: nil,
			result: res(fnd(finding.Code, finding.High, 9, "x.py", "r")),
			want:   []row{{Code: 9, Team: "devops", Priority: "P2", Paths: []string{"x.py"}}},
		},
		{
			name:   "incomplete run without findings yields a DevOps incident listing the errors",
			owners: owners,
			result: func() *result.Result {
				r := res()
				r.Verdict = result.Verdict{ExitCode: 1, Incomplete: true, Classes: []result.Class{{Code: 1}}}
				r.Errors = []result.Problem{{Source: "deps", Path: "go.sum", Message: "malformed line 3"}, {Source: "walk", Message: "permission denied"}}
				return r
			}(),
			want: []row{{Code: 1, Team: "devops", Priority: "P2", Errors: 2}},
		},
		{
			name:   "clean run plans nothing",
			owners: owners,
			result: res(),
			want:   nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mustConfig(t, tt.config)
			p, err := Build(tt.result, cfg, Options{Owners: tt.owners})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, rows(p)); diff != "" {
				t.Errorf("incidents (-want +got):\n%s", diff)
			}
			keys := map[string]bool{}
			for _, inc := range p.Incidents {
				if keys[inc.Key] {
					t.Errorf("duplicate incident key %s", inc.Key)
				}
				keys[inc.Key] = true
				if want := IncidentKey("acme/api", inc.ExitCode, inc.Team); inc.Key != want {
					t.Errorf("key = %s, want %s", inc.Key, want)
				}
				if inc.Playbook == "" && inc.ExitCode <= 6 {
					t.Errorf("exit code %d has no playbook", inc.ExitCode)
				}
			}
		})
	}
}

func TestIncidentDetails(t *testing.T) {
	cfg := config.Default()
	r := res(fnd(finding.Secret, finding.High, 3, "config/prod.env", "aws-key"))
	r.Verdict.Incomplete = false
	p, err := Build(r, cfg, Options{Playbooks: map[int]string{3: "# custom"}})
	if err != nil {
		t.Fatal(err)
	}
	inc := p.Incidents[0]
	got := []string{inc.Title, inc.Severity, inc.Response, inc.SLA.String(), inc.AckSLA.String(), inc.OwnerPolicy, strings.Join(inc.Labels, ","),
		inc.TeamInfo.SlackChannel, inc.TeamInfo.PagerDutyService, inc.Playbook, inc.Summary}
	want := []string{"[P0] Exposed secrets in acme/api (exit code 3, Security Team)", "critical", "Immediate", "1h0m0s", "5m0s", "both",
		"security,critical,P0,exit-code-3", "#security-critical", "P_SEC_001", "# custom",
		"Exposed secrets: 1 finding (1 high) in 1 file on main.\n- [high] aws-key found at config/prod.env:3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("incident (-want +got):\n%s", diff)
	}
	if p.Incidents[0].Playbook == BuiltinPlaybook(3) || !strings.Contains(BuiltinPlaybook(3), "Rotate exposed credentials") {
		t.Errorf("playbook override or built-in playbook wrong")
	}
}

func TestKeysAndDigests(t *testing.T) {
	cfg := config.Default()
	a := fnd(finding.Code, finding.High, 6, "src/a.py", "r1")
	b := fnd(finding.Code, finding.High, 6, "src/b.py", "r2")
	c := fnd(finding.Code, finding.High, 6, "src/c.py", "r3")
	moved := a
	moved.Location.StartLine = 40 // an unrelated edit moves the finding
	plan := func(r *result.Result) Incident {
		t.Helper()
		p, err := Build(r, cfg, Options{})
		if err != nil || len(p.Incidents) != 1 {
			t.Fatalf("Build = %v, %v", p, err)
		}
		return p.Incidents[0]
	}
	base := plan(res(a, b))
	feature := res(a, b)
	feature.Run.Branch, feature.Run.Commit = "feature", "beef"
	tests := []struct {
		name       string
		r          *result.Result
		sameDigest bool
	}{
		{"same run", res(a, b), true},
		{"other order", res(b, a), true},
		{"moved line", res(moved, b), true},
		{"other branch and commit", feature, true},
		{"finding added", res(a, b, c), false},
		{"finding removed", res(a), false},
		{"finding replaced", res(a, c), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := plan(tt.r)
			if got.Key != base.Key {
				t.Errorf("key changed: %s -> %s", base.Key, got.Key)
			}
			if (got.Digest == base.Digest) != tt.sameDigest {
				t.Errorf("digest same = %v, want %v", got.Digest == base.Digest, tt.sameDigest)
			}
		})
	}
	if IncidentKey("acme/api", 6, "development") == IncidentKey("acme/web", 6, "development") ||
		IncidentKey("acme/api", 6, "development") == IncidentKey("acme/api", 5, "development") ||
		IncidentKey("acme/api", 6, "development") == IncidentKey("acme/api", 6, "devops") {
		t.Error("keys collide across repository, code or team")
	}
	if IncidentKey("Acme/API", 3, "security") != IncidentKey("acme/api", 3, "security") {
		t.Error("key depends on the case of the repository")
	}
	if k := IncidentKey("acme/api", 3, "security"); !strings.HasPrefix(k, "secaudit:") || len(k) != len("secaudit:")+16 {
		t.Errorf("key format %q", k)
	}
}

func TestResolve(t *testing.T) {
	owners := mustOwners(t)
	all := func(except ...string) []IncidentRef {
		skip := map[string]bool{}
		for _, e := range except {
			skip[e] = true
		}
		// default routes; codeowners classes add every team CODEOWNERS names.
		teams := map[int][]string{
			1: {"development", "devops", "infrastructure", "platform"},
			2: {"security"},
			3: {"security"},
			4: {"development", "devops", "infrastructure", "platform"},
			5: {"development", "devops", "infrastructure", "platform"},
			6: {"development", "devops", "infrastructure", "platform"},
		}
		var out []IncidentRef
		for code := 1; code <= 6; code++ {
			for _, tm := range teams[code] {
				id := string(rune('0'+code)) + "/" + tm
				if !skip[id] {
					out = append(out, IncidentRef{Key: IncidentKey("acme/api", code, tm), ExitCode: code, Team: tm})
				}
			}
		}
		return out
	}
	tests := []struct {
		name   string
		config string
		result func() *result.Result
		want   []IncidentRef
	}{
		{"clean default-branch run resolves every possible incident", "", func() *result.Result { return res() }, all()},
		{"present incidents are not resolved", "", func() *result.Result {
			return res(fnd(finding.Secret, finding.High, 3, "a", "k"), fnd(finding.Code, finding.Low, 6, "Dockerfile", "x"))
		}, all("3/security", "6/infrastructure")},
		{"not on another branch", "", func() *result.Result { r := res(); r.Run.DefaultBranch = false; r.Run.Branch = "feature"; return r }, nil},
		{"not on an incomplete run", "", func() *result.Result {
			r := res()
			r.Verdict = result.Verdict{ExitCode: 1, Incomplete: true, Classes: []result.Class{{Code: 1}}}
			r.Errors = []result.Problem{{Source: "deps", Message: "boom"}}
			return r
		}, nil},
		{"not without a repository", "", func() *result.Result { r := res(); r.Run.Repository = ""; return r }, nil},
		{"not when auto_resolve is off", "routing: {auto_resolve: false, max_mentions: 10}\n", func() *result.Result { return res() }, nil},
		{"only what the scanners that ran can see", "", func() *result.Result { r := res(); r.Run.Scanners = []string{"secrets"}; return r },
			[]IncidentRef{
				{Key: IncidentKey("acme/api", 1, "development"), ExitCode: 1, Team: "development"},
				{Key: IncidentKey("acme/api", 1, "devops"), ExitCode: 1, Team: "devops"},
				{Key: IncidentKey("acme/api", 1, "infrastructure"), ExitCode: 1, Team: "infrastructure"},
				{Key: IncidentKey("acme/api", 1, "platform"), ExitCode: 1, Team: "platform"},
				{Key: IncidentKey("acme/api", 3, "security"), ExitCode: 3, Team: "security"},
			}},
		{"high dependencies still present without --fail-on-high keep class 4 open", "", func() *result.Result {
			return res(fnd(finding.Vulnerability, finding.High, 1, "go.sum", "GHSA-x"))
		}, func() []IncidentRef {
			var out []IncidentRef
			for _, r := range all("1/devops") {
				if r.ExitCode != 4 {
					out = append(out, r)
				}
			}
			return out
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(tt.result(), mustConfig(t, tt.config), Options{Owners: owners})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, p.Resolve); diff != "" {
				t.Errorf("Resolve (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExplain(t *testing.T) {
	cfg := config.Default()
	tests := []struct {
		code              int
		team, channel     string
		mention, priority string
		page              bool
	}{
		{0, "", "", "", "", false},
		{1, "devops", "#ci-failures", "", "P2", false},
		{2, "security", "#security-critical", "<!channel>", "P0", true},
		{3, "security", "#security-critical", "<!channel>", "P0", true},
		{4, "platform", "#platform-alerts", "<!subteam^S12345678>", "P1", false},
		{5, "infrastructure", "#infra-alerts", "@infra-oncall", "P2", false},
		{6, "development", "#code-quality", "", "P2", false},
	}
	for _, tt := range tests {
		d, err := Explain(cfg, tt.code)
		if err != nil {
			t.Fatalf("Explain(%d): %v", tt.code, err)
		}
		got := []any{d.Team, d.TeamInfo.SlackChannel, d.TeamInfo.SlackMention, d.Priority, d.Page, d.Routed}
		want := []any{tt.team, tt.channel, tt.mention, tt.priority, tt.page, tt.code != 0}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Explain(%d) (-want +got):\n%s", tt.code, diff)
		}
		var b strings.Builder
		if err := WriteDestination(&b, d); err != nil || b.Len() == 0 {
			t.Errorf("WriteDestination(%d) = %v", tt.code, err)
		}
	}
	if _, err := Explain(cfg, 7); err == nil || !strings.Contains(err.Error(), "not defined") {
		t.Errorf("Explain(7) err = %v", err)
	}
}
