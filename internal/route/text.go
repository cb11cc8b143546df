package route

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// WritePlan prints a plan as a readable table: one row per incident (team,
// channel, mention, page, priority, findings) and the incidents a run would
// resolve. It is the output of `secaudit route --dry-run`.
func WritePlan(w io.Writer, p *Plan) error {
	repo := firstNonEmpty(p.Repository, "(unknown repository)")
	fmt.Fprintf(w, "Routing plan for %s", repo)
	if p.Branch != "" {
		fmt.Fprintf(w, " on %s", p.Branch)
		if p.DefaultBranch {
			fmt.Fprint(w, " (default branch)")
		}
	}
	fmt.Fprintf(w, ": exit code %d, %s", p.ExitCode, plural(len(p.Incidents), "incident"))
	if p.Incomplete {
		fmt.Fprint(w, " (run incomplete: nothing is auto-resolved)")
	}
	fmt.Fprintln(w)
	if len(p.Incidents) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CODE\tCLASS\tTEAM\tPRIORITY\tRESPONSE\tPAGE\tSLACK\tMENTION\tFINDINGS\tKEY")
		for _, inc := range p.Incidents {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n",
				inc.ExitCode, inc.ClassTitle, firstNonEmpty(inc.TeamInfo.GitHubTeam, inc.Team), inc.Priority,
				inc.Response, yesNo(inc.Page), dash(inc.TeamInfo.SlackChannel), dash(mentionText(inc)),
				len(inc.Findings), inc.Key)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, inc := range p.Incidents {
			fmt.Fprintf(w, "\n%s\n", inc.Title)
			for _, line := range strings.Split(inc.Summary, "\n") {
				fmt.Fprintf(w, "  %s\n", line)
			}
			for _, s := range sends(p, inc) {
				fmt.Fprintf(w, "  -> %s\n", s)
			}
		}
	}
	if len(p.Resolve) > 0 {
		fmt.Fprintf(w, "\nWould resolve if open (%s):\n", plural(len(p.Resolve), "incident"))
		for _, r := range p.Resolve {
			fmt.Fprintf(w, "  exit code %d, team %s (%s)\n", r.ExitCode, r.Team, r.Key)
		}
	}
	return nil
}

// sends says what each integration would do with an incident, naming the
// environment variables it reads (never their values).
func sends(p *Plan, inc Incident) []string {
	t := inc.TeamInfo
	out := []string{fmt.Sprintf("GitHub issue in %s labelled %s, for %s",
		firstNonEmpty(p.Repository, "(repository)"), strings.Join(inc.Labels, ", "), dash(t.GitHubTeam))}
	if t.SlackChannel != "" {
		out = append(out, fmt.Sprintf("Slack %s via $%s (else $SLACK_WEBHOOK)", t.SlackChannel, t.SlackWebhookVar(inc.Team)))
	}
	if inc.Page {
		out = append(out, fmt.Sprintf("PagerDuty page via $%s (service %s)", t.PagerDutyKeyVar(inc.Team), dash(t.PagerDutyService)))
	}
	return out
}

func mentionText(inc Incident) string {
	parts := []string{}
	if inc.TeamInfo.SlackMention != "" {
		parts = append(parts, inc.TeamInfo.SlackMention)
	}
	parts = append(parts, inc.Mentions...)
	return strings.Join(parts, " ")
}

// WriteDestination prints where an exit code goes, the spec's "Testing the
// Routing" output.
func WriteDestination(w io.Writer, d Destination) error {
	if !d.Routed {
		_, err := fmt.Fprintf(w, "Exit code %d: %s - no routing\n", d.ExitCode, d.ClassTitle)
		return err
	}
	page := "no page"
	if d.Page {
		page = "PAGE"
	}
	fmt.Fprintf(w, "Exit code %d: %s routes to %s (%s) - %s\n\n", d.ExitCode, d.ClassTitle, firstNonEmpty(d.TeamInfo.Name, d.Team), d.Team, page)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	rows := [][2]string{
		{"GitHub team", d.TeamInfo.GitHubTeam},
		{"Slack channel", d.TeamInfo.SlackChannel},
		{"Slack mention", d.TeamInfo.SlackMention},
		{"Slack ID", d.TeamInfo.SlackID},
		{"Slack webhook from", "$" + d.SlackWebhookVar + " (else $SLACK_WEBHOOK)"},
		{"PagerDuty service", d.TeamInfo.PagerDutyService},
		{"PagerDuty key from", "$" + d.PagerDutyKeyVar},
		{"Email", d.TeamInfo.Email},
		{"Severity label", d.Severity},
		{"Priority", d.Priority},
		{"Response", fmt.Sprintf("%s (acknowledge within %s, resolve within %s)", d.Response, human(d.AckSLA), human(d.SLA))},
		{"Page", yesNo(d.Page)},
		{"Owner policy", d.OwnerPolicy},
		{"Issue labels", strings.Join(d.Labels, ", ")},
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "  %s:\t%s\n", r[0], dash(r[1]))
	}
	return tw.Flush()
}

// human prints a duration in the largest whole unit: 5m, 1h, 7d.
func human(d time.Duration) string {
	switch {
	case d >= 24*time.Hour && d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d >= time.Hour && d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d >= time.Minute && d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
