package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// GitHub caps a job's step summary at 1 MiB
// (https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions#step-isolation-and-limits).
// With these caps a summary stays under about 150 KiB.
const (
	markdownMaxRows     = 200
	markdownMaxProblems = 50
	markdownCellWidth   = 120
)

// markdownWriter writes a summary for $GITHUB_STEP_SUMMARY or a pull
// request comment.
type markdownWriter struct{ opts Options }

var _ Writer = markdownWriter{}

// Write implements Writer.
func (m markdownWriter) Write(w io.Writer, r *result.Result) error {
	bw := bufio.NewWriter(w)
	fs := sortedFindings(r)
	icon := "✅"
	if r.Verdict.ExitCode != 0 {
		icon = "❌"
	}
	fmt.Fprintf(bw, "## %s secaudit: exit code %d (%s)\n\n", icon, r.Verdict.ExitCode, mdText(exitTitle(r.Verdict)))
	fmt.Fprintf(bw, "%s", mdText(plural(len(fs), "finding", "findings")))
	if c := severityCounts(fs); c != "" {
		fmt.Fprintf(bw, " (%s)", c)
	}
	fmt.Fprintf(bw, " in %s", plural(r.Stats.FilesScanned, "file", "files"))
	if n := sumCounts(r.Stats.Skipped); n > 0 {
		fmt.Fprintf(bw, ", %d skipped", n)
	}
	if n := sumCounts(r.Suppressed); n > 0 {
		fmt.Fprintf(bw, ", %d suppressed", n)
	}
	fmt.Fprint(bw, ".\n\n")
	if len(r.Errors) > 0 {
		fmt.Fprint(bw, "> [!WARNING]\n> The run is incomplete: see the errors below.\n\n")
	}
	m.writeClasses(bw, r, fs)
	m.writeFindings(bw, fs)
	writeMarkdownProblems(bw, "Errors", r.Errors)
	writeMarkdownProblems(bw, "Warnings", r.Warnings)
	return bw.Flush()
}

func (m markdownWriter) writeClasses(w io.Writer, r *result.Result, fs []finding.Finding) {
	if len(r.Verdict.Classes) == 0 {
		return
	}
	count := map[int]int{}
	for _, f := range fs {
		count[f.ExitClass]++
	}
	fmt.Fprint(w, "| Exit code | Class | Findings | Team |\n|---:|---|---:|---|\n")
	for _, c := range r.Verdict.Classes {
		team := m.opts.Teams[c.Code]
		if team == "" {
			team = "-"
		}
		title := c.Title
		if title == "" {
			title = c.Name
		}
		if c.Code == r.Verdict.ExitCode {
			title = "**" + mdText(title) + "**"
		} else {
			title = mdText(title)
		}
		fmt.Fprintf(w, "| %d | %s | %d | %s |\n", c.Code, title, count[c.Code], mdText(team))
	}
	fmt.Fprintln(w)
}

func (m markdownWriter) writeFindings(w io.Writer, fs []finding.Finding) {
	if len(fs) == 0 {
		return
	}
	fmt.Fprint(w, "### Findings\n\n| Severity | Class | Rule | Location | Evidence |\n|---|---:|---|---|---|\n")
	for i, f := range fs {
		if i == markdownMaxRows {
			fmt.Fprintf(w, "\n… and %d more (see the JSON or SARIF report).\n", len(fs)-markdownMaxRows)
			break
		}
		ev := f.Evidence
		if f.Package != nil && f.Package.Name != "" {
			ev = f.Package.Name + " " + f.Package.Version
			if fix := fixFor(f.Package); fix != "" {
				ev += " → " + fix
			}
		}
		class := "-"
		if f.ExitClass != 0 {
			class = fmt.Sprint(f.ExitClass)
		}
		cell := mdCode(truncate(clean(ev), markdownCellWidth))
		if f.History != nil {
			cell += "<br>" + mdText(HistoryText(f.History))
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", f.Severity, class,
			mdCode(truncate(clean(f.RuleID), markdownCellWidth)),
			mdCode(truncate(clean(f.Location.String()), markdownCellWidth)),
			cell)
	}
	fmt.Fprintln(w)
}

func writeMarkdownProblems(w io.Writer, title string, ps []result.Problem) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(w, "### %s\n\n", title)
	for i, p := range ps {
		if i == markdownMaxProblems {
			fmt.Fprintf(w, "- … and %d more\n", len(ps)-markdownMaxProblems)
			break
		}
		fmt.Fprintf(w, "- %s\n", mdText(truncate(clean(problemText(p)), 500)))
	}
	fmt.Fprintln(w)
}

// mdText escapes text for a Markdown table cell or list item: every ASCII
// punctuation character that Markdown or HTML could interpret is escaped
// with a backslash, so an imported rule name cannot inject links, HTML or
// break the table.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		if strings.ContainsRune("\\`*_{}[]<>()#+-!|~&@", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode renders s as an inline code span inside a table cell. The fence is
// one backtick longer than the longest run of backticks in s, and pipes are
// escaped because GitHub splits table cells on them even inside code spans.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	s = strings.ReplaceAll(s, "|", `\|`)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || longest > 0 {
		s = " " + s + " "
	}
	return fence + s + fence
}
