package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// Column widths that keep a row readable in an 120-column terminal.
const (
	tableEvidenceWidth = 60
	tableRuleWidth     = 40
	tableLocationWidth = 60
	tableProblemWidth  = 200
	tablePackageWidth  = 110
)

// tableWriter renders the human report: findings grouped by exit class,
// vulnerabilities grouped by package, then errors, warnings and a summary.
type tableWriter struct{ opts Options }

var _ Writer = tableWriter{}

// ANSI SGR sequences, used only with Options.Color.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
	ansiRed   = "\x1b[31m"
	ansiYel   = "\x1b[33m"
	ansiCyan  = "\x1b[36m"
)

var severityColor = map[finding.Severity]string{
	finding.Critical: ansiBold + ansiRed,
	finding.High:     ansiRed,
	finding.Medium:   ansiYel,
	finding.Low:      ansiCyan,
	finding.Info:     ansiDim,
}

func (t tableWriter) paint(code, s string) string {
	if !t.opts.Color || code == "" {
		return s
	}
	return code + s + ansiReset
}

// Write implements Writer.
func (t tableWriter) Write(w io.Writer, r *result.Result) error {
	bw := bufio.NewWriter(w)
	fs := sortedFindings(r)
	if len(fs) == 0 {
		fmt.Fprintln(bw, "No findings.")
	}
	for _, g := range groupByClass(r, fs) {
		t.writeGroup(bw, g)
	}
	t.writeProblems(bw, "Errors (the run is incomplete)", ansiRed, r.Errors)
	t.writeProblems(bw, "Warnings", ansiYel, r.Warnings)
	fmt.Fprintln(bw, t.summary(r, fs))
	return bw.Flush()
}

func (t tableWriter) writeGroup(w io.Writer, g group) {
	head := fmt.Sprintf("%s · exit code %d", clean(g.Title), g.Code)
	if g.Code == 0 {
		head = clean(g.Title)
	}
	if team := t.opts.Teams[g.Code]; team != "" {
		head += " · owner: " + clean(team)
	}
	fmt.Fprintf(w, "%s (%s)\n", t.paint(ansiBold, head), plural(len(g.Findings), "finding", "findings"))
	pkgs, others := splitVulns(g.Findings)
	if len(pkgs) > 0 {
		rows := [][]string{{"SEVERITY", "LOCATION", "PACKAGE → FIX: ADVISORIES"}}
		sevs := []finding.Severity{0}
		for _, p := range pkgs {
			line := p.Label() + ": " + strings.Join(p.Advisories, ", ")
			rows = append(rows, []string{p.Severity.String(), truncate(clean(p.Path), tableLocationWidth),
				truncate(clean(line), tablePackageWidth)})
			sevs = append(sevs, p.Severity)
		}
		t.writeRows(w, rows, sevs)
	}
	if len(others) > 0 {
		if len(pkgs) > 0 {
			fmt.Fprintln(w)
		}
		rows := [][]string{{"SEVERITY", "RULE", "LOCATION", "EVIDENCE"}}
		sevs := []finding.Severity{0}
		for _, f := range others {
			ev := f.Evidence
			if ev == "" {
				ev = f.Title
			}
			rows = append(rows, []string{f.Severity.String(), truncate(clean(f.RuleID), tableRuleWidth),
				truncate(clean(f.Location.String()), tableLocationWidth), truncate(clean(ev), tableEvidenceWidth)})
			sevs = append(sevs, f.Severity)
		}
		t.writeRows(w, rows, sevs)
		writeHistory(w, others)
	}
	fmt.Fprintln(w)
}

// writeHistory says, for findings of a history scan, where each secret first
// appeared: the playbook's "exposure duration".
func writeHistory(w io.Writer, fs []finding.Finding) {
	for _, f := range fs {
		if f.History == nil {
			continue
		}
		fmt.Fprintf(w, "  ↳ %s: %s\n", clean(f.Location.String()), clean(HistoryText(f.History)))
	}
}

// HistoryText describes where a secret first appeared in git history.
func HistoryText(h *finding.History) string {
	commit := h.Commit
	if len(commit) > 12 {
		commit = commit[:12]
	}
	where := "no longer in HEAD"
	if h.InHead {
		where = "still in HEAD"
	}
	s := "first committed in " + commit
	if h.Date != "" {
		s += " on " + h.Date
	}
	if h.Author != "" {
		s += " by " + h.Author
	}
	return s + "; " + where
}

// writeRows prints aligned columns, two spaces apart and indented by two.
// Widths are computed on the plain text so colour codes do not shift them.
func (t tableWriter) writeRows(w io.Writer, rows [][]string, sevs []finding.Severity) {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for ri, row := range rows {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range row {
			last := i == len(row)-1
			pad := ""
			if !last {
				pad = strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+2)
			}
			switch {
			case ri == 0:
				c = t.paint(ansiDim, c)
			case i == 0:
				c = t.paint(severityColor[sevs[ri]], c)
			}
			b.WriteString(c + pad)
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func (t tableWriter) writeProblems(w io.Writer, title, color string, ps []result.Problem) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", t.paint(ansiBold+color, title))
	for _, p := range ps {
		fmt.Fprintf(w, "  %s\n", truncate(clean(problemText(p)), tableProblemWidth))
	}
	fmt.Fprintln(w)
}

// problemText is "source: path: message", leaving out empty parts.
func problemText(p result.Problem) string {
	var parts []string
	for _, s := range []string{p.Source, p.Path, p.Message} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ": ")
}

// summary is the last line: counts, files, and the exit code in words.
func (t tableWriter) summary(r *result.Result, fs []finding.Finding) string {
	s := plural(len(fs), "finding", "findings")
	if c := severityCounts(fs); c != "" {
		s += " (" + c + ")"
	}
	s += " in " + plural(r.Stats.FilesScanned, "file", "files")
	if n := sumCounts(r.Stats.Skipped); n > 0 {
		s += fmt.Sprintf(", %d skipped", n)
	}
	if n := sumCounts(r.Suppressed); n > 0 {
		s += fmt.Sprintf(", %d suppressed", n)
	}
	exit := fmt.Sprintf("exit code %d (%s)", r.Verdict.ExitCode, clean(exitTitle(r.Verdict)))
	color := ansiBold
	if r.Verdict.ExitCode != 0 {
		color += ansiRed
	}
	s += " · " + t.paint(color, exit)
	if len(r.Errors) > 0 {
		s += " · run incomplete: " + plural(len(r.Errors), "error", "errors")
	}
	return s
}
