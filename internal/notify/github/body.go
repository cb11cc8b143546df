package github

import (
	"fmt"
	"html"
	"net/url"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/route"
)

// bodyLimit keeps issue bodies under GitHub's 65,536-character limit
// (https://github.com/orgs/community/discussions/27190) with room to spare;
// it counts bytes, which are never fewer than characters.
const bodyLimit = 60000

// cellLimit caps one table cell.
const cellLimit = 300

// maxErrors caps the run problems listed.
const maxErrors = 20

// titleLimit is GitHub's issue title limit.
const titleLimit = 256

// title returns the issue title of inc.
func title(plan *route.Plan, inc route.Incident) string {
	t := inc.Title
	if t == "" {
		t = fmt.Sprintf("Security Issue Detected (Exit Code: %d): %s in %s", inc.ExitCode, className(inc), plan.Repository)
	}
	return notify.Truncate(notify.OneLine(t), titleLimit)
}

func className(inc route.Incident) string {
	switch {
	case inc.ClassTitle != "":
		return inc.ClassTitle
	case inc.ClassName != "":
		return inc.ClassName
	}
	return fmt.Sprintf("exit code %d", inc.ExitCode)
}

// body renders the issue body of inc: hidden markers, summary, findings
// table (capped to fit GitHub's limit), playbook, links and owners.
func (n *Notifier) body(plan *route.Plan, inc route.Incident, resolved bool) string {
	var head strings.Builder
	head.WriteString(marker(markerIncident, inc.Key) + "\n")
	head.WriteString(marker(markerDigest, inc.Digest) + "\n")
	if fps := fingerprints(inc.Findings); fps != "" {
		head.WriteString(marker(markerFindings, fps) + "\n")
	}
	if resolved {
		head.WriteString(marker(markerState, stateResolved) + "\n")
	}
	fmt.Fprintf(&head, "## %s (Exit Code: %d)\n\n", escape(className(inc)), inc.ExitCode)
	fmt.Fprintf(&head, "Security audit failed with exit code **%d** in `%s`.\n\n", inc.ExitCode, plan.Repository)
	head.WriteString("| | |\n|---|---|\n")
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&head, "| **%s** | %s |\n", k, v)
		}
	}
	row("Exit code", fmt.Sprintf("%d (%s)", inc.ExitCode, escape(className(inc))))
	row("Team", teamText(inc))
	row("Severity", escape(inc.Severity))
	row("Priority", escape(inc.Priority))
	row("Response time", escape(inc.Response))
	row("Page", notify.YesNo(inc.Page))
	row("Findings", fmt.Sprint(len(inc.Findings)))
	if owners := owners(inc); owners != "" {
		fmt.Fprintf(&head, "\n**Owners:** %s\n", owners)
	}

	var tail strings.Builder
	if len(inc.Errors) > 0 {
		tail.WriteString("\n### Why the run was incomplete\n\n")
		for i, e := range inc.Errors {
			if i == maxErrors {
				fmt.Fprintf(&tail, "- …and %d more\n", len(inc.Errors)-i)
				break
			}
			where := e.Source
			if e.Path != "" {
				where += " " + e.Path
			}
			fmt.Fprintf(&tail, "- **%s**: %s\n", escapeCell(where), escapeCell(notify.Truncate(e.Message, cellLimit)))
		}
	}
	if inc.Playbook != "" {
		fmt.Fprintf(&tail, "\n### Playbook\n\n%s\n", strings.TrimSpace(inc.Playbook))
	}
	tail.WriteString("\n### Links\n\n")
	tail.WriteString(n.links(plan))
	tail.WriteString("\n<sub>Maintained by secaudit: the description is rewritten when the findings change; keep the hidden markers.</sub>\n")

	var b strings.Builder
	b.WriteString(head.String())
	b.WriteString(findingsTable(inc.Findings, bodyLimit-head.Len()-tail.Len()))
	b.WriteString(tail.String())
	return b.String()
}

func teamText(inc route.Incident) string {
	t := inc.TeamInfo.Name
	if t == "" {
		t = inc.Team
	}
	if inc.TeamInfo.GitHubTeam != "" {
		t += " (" + inc.TeamInfo.GitHubTeam + ")"
	}
	return escapeCell(t)
}

// owners lists the team handle and the CODEOWNERS mentions, once each.
func owners(inc route.Incident) string {
	var out []string
	seen := map[string]bool{}
	for _, m := range append([]string{inc.TeamInfo.GitHubTeam}, inc.Mentions...) {
		m = strings.TrimSpace(m)
		if m == "" || seen[m] {
			continue
		}
		seen[m] = true
		out = append(out, m)
	}
	return strings.Join(out, " ")
}

// findingsTable renders the findings as a Markdown table of at most budget
// bytes, ending with "and N more" when rows had to be left out.
func findingsTable(fs []finding.Finding, budget int) string {
	if len(fs) == 0 {
		return "\n### Findings\n\nNo individual findings were reported (see the CI run).\n"
	}
	var b strings.Builder
	b.WriteString("\n### Findings\n\n| Severity | Rule | Location | Details | Evidence |\n|---|---|---|---|---|\n")
	sorted := notify.Sorted(fs)
	const moreReserve = 120
	for i, f := range sorted {
		r := findingRow(f)
		if b.Len()+len(r)+moreReserve > budget {
			fmt.Fprintf(&b, "\n_…and %d more findings, not shown here to stay within GitHub's size limit; see the CI run for the full report._\n", len(sorted)-i)
			return b.String()
		}
		b.WriteString(r)
	}
	return b.String()
}

func findingRow(f finding.Finding) string {
	loc := f.Location.String()
	ev := ""
	if f.Evidence != "" {
		ev = "<code>" + escapeCell(notify.Truncate(notify.OneLine(f.Evidence), cellLimit)) + "</code>"
	}
	return fmt.Sprintf("| %s | %s | %s | %s | %s |\n",
		escapeCell(f.Severity.String()), escapeCell(f.RuleID), escapeCell(notify.Truncate(loc, cellLimit)),
		escapeCell(notify.Truncate(notify.Describe(f), cellLimit)), ev)
}

// escapeCell makes untrusted text safe in a table cell: HTML-escaped (no
// markup injection), pipes escaped, and @mentions broken so findings never
// ping anyone.
func escapeCell(s string) string {
	return strings.ReplaceAll(escape(notify.OneLine(s)), "|", "&#124;")
}

func escape(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "@", "@&#8203;")
}

// links lists the CI run, repository, branch and commit.
func (n *Notifier) links(plan *route.Plan) string {
	var b strings.Builder
	web := n.webURL()
	repo := web.JoinPath(plan.Repository).String()
	if plan.RunURL != "" {
		fmt.Fprintf(&b, "- CI run: %s\n", plan.RunURL)
	}
	fmt.Fprintf(&b, "- Repository: [%s](%s)\n", plan.Repository, repo)
	if plan.Branch != "" {
		br := strings.TrimPrefix(plan.Branch, "refs/heads/")
		fmt.Fprintf(&b, "- Branch: [`%s`](%s/tree/%s)\n", br, repo, url.PathEscape(br))
	}
	if plan.Commit != "" {
		fmt.Fprintf(&b, "- Commit: [`%s`](%s/commit/%s)\n", notify.ShortSHA(plan.Commit), repo, url.PathEscape(plan.Commit))
	}
	return b.String()
}

// webURL derives the web host from the API base: api.github.com is
// github.com, and GitHub Enterprise's https://host/api/v3/ is https://host/.
func (n *Notifier) webURL() *url.URL {
	u := *n.base
	u.RawQuery, u.Fragment = "", ""
	switch {
	case u.Host == "api.github.com":
		u.Host, u.Path = "github.com", "/"
	case strings.HasSuffix(strings.TrimSuffix(u.Path, "/"), "/api/v3"):
		u.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "api/v3")
	}
	u.RawPath = ""
	return &u
}
