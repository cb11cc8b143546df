package route

import (
	"fmt"
	"sort"
	"strings"

	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// maxSummary bounds Incident.Summary. PagerDuty truncates a summary at 1024
// characters
// (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/), Slack
// attachments' text is best kept short too.
const maxSummary = 1000

// summaryFindings is how many findings a summary names.
const summaryFindings = 5

func newIncident(p *Plan, cfg *config.Config, opts Options, cl result.Class, rt config.Route, g group) Incident {
	team := cfg.Teams[g.team]
	playbook, ok := opts.Playbooks[cl.Code]
	if !ok {
		playbook = BuiltinPlaybook(cl.Code)
	}
	inc := Incident{
		Key:         IncidentKey(p.Repository, cl.Code, g.team),
		ExitCode:    cl.Code,
		ClassName:   cl.Name,
		ClassTitle:  cl.Title,
		Team:        g.team,
		TeamInfo:    team,
		Severity:    rt.Severity,
		Priority:    rt.Priority,
		Response:    rt.Response,
		SLA:         rt.ResolveSLA(),
		AckSLA:      rt.AckDuration(),
		Page:        rt.Page,
		Mentions:    g.mentions,
		Findings:    g.findings,
		Errors:      g.errors,
		Digest:      Digest(g.findings, g.errors),
		Playbook:    playbook,
		OwnerPolicy: rt.OwnerPolicy(),
		Labels:      labels(rt),
	}
	if inc.Findings == nil {
		inc.Findings = []finding.Finding{}
	}
	inc.Title = title(p.Repository, inc)
	inc.Summary = summary(p, inc)
	return inc
}

// labels returns the issue labels of a route: the spec's "security" and
// severity label, the priority, the exit code and the route's own labels.
func labels(rt config.Route) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range append([]string{"security", rt.Severity, rt.Priority, fmt.Sprintf("exit-code-%d", rt.ExitCode)}, rt.Labels...) {
		if l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// title is stable across runs of the same incident (no counts), so that an
// unchanged incident never needs its issue title edited.
func title(repo string, inc Incident) string {
	if repo == "" {
		repo = "repository"
	}
	team := inc.TeamInfo.Name
	if team == "" {
		team = inc.Team
	}
	return fmt.Sprintf("[%s] %s in %s (exit code %d, %s)", inc.Priority, inc.ClassTitle, repo, inc.ExitCode, team)
}

// summary says what the incident holds in a few lines of plain text: counts
// per severity, the first findings (title and place, never evidence) and the
// errors of an incomplete run.
func summary(p *Plan, inc Incident) string {
	var b strings.Builder
	if n := len(inc.Findings); n > 0 {
		fmt.Fprintf(&b, "%s: %s in %s", inc.ClassTitle, countBySeverity(inc.Findings), plural(fileCount(inc.Findings), "file"))
		if p.Branch != "" {
			fmt.Fprintf(&b, " on %s", p.Branch)
		}
		b.WriteString(".")
		for i, f := range inc.Findings {
			if i == summaryFindings {
				fmt.Fprintf(&b, "\n- and %d more", n-i)
				break
			}
			fmt.Fprintf(&b, "\n- [%s] %s at %s", f.Severity, firstNonEmpty(f.Title, f.RuleID), f.Location)
		}
	}
	if len(inc.Errors) > 0 {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "Run incomplete: %s.", plural(len(inc.Errors), "error"))
		for i, e := range inc.Errors {
			if i == summaryFindings {
				fmt.Fprintf(&b, "\n- and %d more", len(inc.Errors)-i)
				break
			}
			where := e.Source
			if e.Path != "" {
				where += " " + e.Path
			}
			fmt.Fprintf(&b, "\n- %s: %s", where, e.Message)
		}
	}
	if b.Len() == 0 {
		fmt.Fprintf(&b, "%s (exit code %d).", inc.ClassTitle, inc.ExitCode)
	}
	s := b.String()
	if len(s) > maxSummary {
		s = truncate(s, maxSummary-3) + "..."
	}
	return s
}

func countBySeverity(fs []finding.Finding) string {
	counts := map[finding.Severity]int{}
	for _, f := range fs {
		counts[f.Severity]++
	}
	sevs := make([]finding.Severity, 0, len(counts))
	for s := range counts {
		sevs = append(sevs, s)
	}
	sort.Slice(sevs, func(i, j int) bool { return sevs[i] > sevs[j] })
	parts := make([]string, len(sevs))
	for i, s := range sevs {
		parts[i] = fmt.Sprintf("%d %s", counts[s], s)
	}
	return fmt.Sprintf("%s (%s)", plural(len(fs), "finding"), strings.Join(parts, ", "))
}

func fileCount(fs []finding.Finding) int {
	files := map[string]bool{}
	for _, f := range fs {
		files[f.Location.Path] = true
	}
	return len(files)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// truncate cuts s to at most n bytes without splitting a UTF-8 character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
