package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/result"
)

// GitHubActions publishes a result to a GitHub Actions job. It appends
// "exit_code=N", "findings=N" and "incomplete=true|false" to the
// $GITHUB_OUTPUT file at outputPath (skipped when outputPath is empty), and
// writes at most limit `::error` workflow commands to annotations (the run's
// errors first, then findings in report order; limit <= 0 means
// DefaultMaxAnnotations). Values are escaped per GitHub's workflow-command
// rules
// (https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions),
// so a crafted path or message cannot inject another command.
func GitHubActions(r *result.Result, outputPath string, annotations io.Writer, limit int) error {
	if outputPath != "" {
		if err := appendOutputs(r, outputPath); err != nil {
			return err
		}
	}
	if annotations == nil {
		return nil
	}
	if limit <= 0 {
		limit = DefaultMaxAnnotations
	}
	bw := bufio.NewWriter(annotations)
	n := 0
	for _, p := range r.Errors {
		if n == limit {
			break
		}
		props := []string{"title=" + escapeProperty("secaudit: "+p.Source+" failed")}
		if p.Path != "" {
			props = append([]string{"file=" + escapeProperty(p.Path)}, props...)
		}
		fmt.Fprintf(bw, "::error %s::%s\n", strings.Join(props, ","), escapeData(clean(problemText(p))))
		n++
	}
	fs := sortedFindings(r)
	for i, f := range fs {
		if n == limit {
			fmt.Fprintf(bw, "::notice title=secaudit::%s\n",
				escapeData(fmt.Sprintf("%d more findings are not annotated; see the report", len(fs)-i)))
			break
		}
		fmt.Fprintln(bw, annotation(f))
		n++
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write github annotations: %w", err)
	}
	return nil
}

func appendOutputs(r *result.Result, path string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("open github output %s: %w", path, err)
	}
	incomplete := r.Verdict.Incomplete || len(r.Errors) > 0
	_, werr := fmt.Fprintf(f, "exit_code=%d\nfindings=%d\nincomplete=%t\n", r.Verdict.ExitCode, len(r.Findings), incomplete)
	cerr := f.Close()
	if werr != nil {
		return fmt.Errorf("write github output %s: %w", path, werr)
	}
	if cerr != nil {
		return fmt.Errorf("close github output %s: %w", path, cerr)
	}
	return nil
}

// annotation renders one finding as an ::error workflow command.
func annotation(f finding.Finding) string {
	var props []string
	if f.Location.Path != "" {
		props = append(props, "file="+escapeProperty(f.Location.Path))
		if l := f.Location; l.StartLine > 0 {
			props = append(props, fmt.Sprintf("line=%d", l.StartLine))
			if l.EndLine >= l.StartLine {
				props = append(props, fmt.Sprintf("endLine=%d", l.EndLine))
			}
			if l.StartColumn > 0 {
				props = append(props, fmt.Sprintf("col=%d", l.StartColumn))
			}
			if l.EndColumn > 0 {
				props = append(props, fmt.Sprintf("endColumn=%d", l.EndColumn))
			}
		}
	}
	title := fmt.Sprintf("[%s] %s", f.Severity, clean(f.RuleID))
	props = append(props, "title="+escapeProperty(title))
	// Each part is cleaned of control characters (an ANSI escape in evidence
	// would colour the job log) and then joined with real newlines.
	msg := clean(f.Title)
	if f.Message != "" && f.Message != f.Title {
		msg += ": " + clean(f.Message)
	}
	if f.Evidence != "" {
		msg += "\nEvidence: " + truncate(clean(f.Evidence), 200)
	}
	if f.Fix != "" {
		msg += "\nFix: " + clean(f.Fix)
	}
	return "::error " + strings.Join(props, ",") + "::" + escapeData(truncate(msg, 2000))
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value, where ':'
// and ',' also separate fields.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
