package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/secaudit/secaudit/internal/app"
	"github.com/secaudit/secaudit/internal/ci"
	"github.com/secaudit/secaudit/internal/report"
	"github.com/secaudit/secaudit/internal/result"
	"github.com/secaudit/secaudit/internal/scan"
)

// scanFlags are the flags of `secaudit scan`.
type scanFlags struct {
	format       string
	outputs      []string
	severity     string
	failOnHigh   bool
	config       string
	scanners     []string
	maxFileSize  int64
	exclude      []string
	noGitignore  bool
	changedSince string
	staged       bool
	history      bool
	baseline     string
	ignoreFile   string
	imports      []string
	db           string
	workers      int
	noColor      bool
	quiet        bool
	ci           ciFlags
	route        bool
	routeDryRun  bool
}

// ciFlags override what CI detection finds.
type ciFlags struct {
	repo, branch, commit, runURL string
	defaultBranch                bool
}

func (f *ciFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.repo, "repo", "", "repository as owner/name (default: detected from CI)")
	cmd.Flags().StringVar(&f.branch, "branch", "", "branch audited (default: detected from CI)")
	cmd.Flags().StringVar(&f.commit, "commit", "", "commit audited (default: detected from CI)")
	cmd.Flags().StringVar(&f.runURL, "run-url", "", "URL of the CI run (default: detected from CI)")
	cmd.Flags().BoolVar(&f.defaultBranch, "default-branch", false, "treat the run as a default-branch run (enables auto-resolve)")
}

func (f *ciFlags) info(cmd *cobra.Command) ci.Info {
	o := ci.Overrides{Repository: f.repo, Branch: f.branch, Commit: f.commit, RunURL: f.runURL}
	if cmd.Flags().Changed("default-branch") {
		o.DefaultBranch = &f.defaultBranch
	}
	return ci.Detect(os.Getenv).Override(o)
}

func newScanCmd() *cobra.Command {
	var f scanFlags
	cmd := &cobra.Command{
		Use:   "scan [PATH]",
		Short: "Audit a repository and exit with the priority exit code",
		Long: `Audit PATH (default: the current directory) for exposed secrets, vulnerable
dependencies, Docker/container misconfigurations and code-security issues,
print a report and exit with the priority exit code (see 'secaudit exit-codes').`,
		Example: `  secaudit scan
  secaudit scan --severity high --fail-on-high
  secaudit scan --format sarif --output results.sarif --output markdown=summary.md
  secaudit scan --changed-since origin/main
  secaudit scan --staged --scanners secrets        # pre-commit
  secaudit scan --import gosec.sarif --import bandit:bandit.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			root := "."
			if len(args) == 1 {
				root = args[0]
			}
			return runScan(cmd, root, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "table", "report format: "+strings.Join(report.Formats(), ", "))
	fl.StringArrayVarP(&f.outputs, "output", "o", nil, "write the report to FILE instead of stdout, or FORMAT=FILE for an extra report (repeatable)")
	fl.StringVar(&f.severity, "severity", "", "minimum severity reported: info, low, medium, high, critical (default from config: low)")
	fl.BoolVar(&f.failOnHigh, "fail-on-high", false, "exit 4 when high severity dependency findings exist")
	fl.StringVar(&f.config, "config", "", "configuration file (default: PATH/.secaudit.yaml when present)")
	fl.StringSliceVar(&f.scanners, "scanners", nil, "scanners to run, comma-separated (default: all): secrets, deps, container, code")
	fl.Int64Var(&f.maxFileSize, "max-file-size", 0, "skip files larger than this many bytes (default 10 MiB)")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "skip paths matching this glob (repeatable)")
	fl.BoolVar(&f.noGitignore, "no-gitignore", false, "scan files that .gitignore excludes")
	fl.StringVar(&f.changedSince, "changed-since", "", "scan only files changed against this git ref (pull requests)")
	fl.BoolVar(&f.staged, "staged", false, "scan only what 'git diff --cached' adds (pre-commit)")
	fl.BoolVar(&f.history, "history", false, "scan every blob of the git history and report when each secret first appeared")
	fl.StringVar(&f.baseline, "baseline", "", "report only findings not in this previous JSON report")
	fl.StringVar(&f.ignoreFile, "ignore-file", "", "ignore file of accepted fingerprints (default .secauditignore.yaml)")
	fl.StringArrayVar(&f.imports, "import", nil, "import another scanner's results: FILE or FORMAT:FILE (sarif, gitleaks, osv-scanner, bandit, trivy; repeatable)")
	fl.StringVar(&f.db, "db", "", "offline OSV database directory (default $SECAUDIT_DB or the user cache)")
	fl.IntVar(&f.workers, "workers", 0, "files scanned in parallel (default: number of CPUs)")
	fl.BoolVar(&f.noColor, "no-color", false, "never colour the table")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress line")
	fl.BoolVar(&f.route, "route", false, "route the result to the owning teams after the scan (see 'secaudit route')")
	fl.BoolVar(&f.routeDryRun, "route-dry-run", false, "with --route: print the routing plan instead of sending")
	f.ci.register(cmd)
	return cmd
}

func runScan(cmd *cobra.Command, root string, f *scanFlags) error {
	if f.staged && f.history {
		return usageError{fmt.Errorf("--staged and --history exclude each other")}
	}
	outs, err := parseOutputs(f.format, f.outputs)
	if err != nil {
		return usageError{err}
	}
	opts := app.ScanOptions{
		Root: root, ConfigPath: f.config, Severity: f.severity, MaxFileSize: f.maxFileSize,
		Scanners: f.scanners, Exclude: f.exclude, NoGitignore: f.noGitignore,
		ChangedSince: f.changedSince, Staged: f.staged, History: f.history,
		Baseline: f.baseline, IgnoreFile: f.ignoreFile, Imports: f.imports, DB: f.db,
		Workers: f.workers, Version: Version(),
	}
	if cmd.Flags().Changed("fail-on-high") {
		opts.FailOnHigh = &f.failOnHigh
	}
	info := f.ci.info(cmd)
	opts.Run = result.Run{Repository: info.Repository, Branch: info.Branch, Commit: info.Commit, URL: info.RunURL, DefaultBranch: info.DefaultBranch}

	stderr := cmd.ErrOrStderr()
	stop := startProgress(cmd.Context(), stderr, f.quiet, &opts)
	out, err := app.Scan(cmd.Context(), opts)
	stop()
	if err != nil {
		return scanError(err)
	}
	res := out.Result
	ropts := report.Options{Color: !f.noColor && isTerminal(cmd.OutOrStdout()) && os.Getenv("NO_COLOR") == "", Teams: map[int]string{}}
	for _, c := range out.Config.ExitCodes {
		if _, name := out.Config.TeamFor(c.Code); name != "" {
			ropts.Teams[c.Code] = name
		}
	}
	if err := writeReports(cmd.OutOrStdout(), res, outs, ropts); err != nil {
		return err
	}
	if err := githubActions(cmd.OutOrStdout(), res, ropts); err != nil {
		fmt.Fprintf(stderr, "secaudit: github actions outputs: %v\n", err)
	}
	for _, p := range res.Errors {
		fmt.Fprintf(stderr, "secaudit: %s: %s\n", problemWhere(p), p.Message)
	}
	if f.route || f.routeDryRun {
		routeScan(cmd, root, res, out, f)
	}
	return verdictExit{res.Verdict.ExitCode}
}

// scanError adds a hint to errors that stop a scan before it starts.
func scanError(err error) error {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "config"):
		return hintError{err, "run 'secaudit config validate' to see every problem with its position"}
	case strings.Contains(msg, "--scanners"), strings.Contains(msg, "--severity"), strings.Contains(msg, "--staged"), strings.Contains(msg, "--changed-since"):
		return usageError{err}
	}
	return err
}

func problemWhere(p result.Problem) string {
	if p.Path != "" {
		return p.Source + ": " + p.Path
	}
	return p.Source
}

// output is one report to write: a format and a file ("" = stdout).
type output struct{ format, path string }

// parseOutputs turns --format and --output into the list of reports. A plain
// --output FILE redirects the --format report; FORMAT=FILE adds one.
func parseOutputs(format string, specs []string) ([]output, error) {
	if _, err := report.New(format, report.Options{}); err != nil {
		return nil, fmt.Errorf("--format: %w", err)
	}
	main := output{format: format}
	var extra []output
	for _, s := range specs {
		if i := strings.Index(s, "="); i > 0 {
			if _, err := report.New(s[:i], report.Options{}); err == nil {
				extra = append(extra, output{format: s[:i], path: s[i+1:]})
				continue
			}
		}
		if main.path != "" {
			return nil, fmt.Errorf("--output: two files for the %s report (%s, %s); use FORMAT=FILE for extra reports", format, main.path, s)
		}
		main.path = s
	}
	return append([]output{main}, extra...), nil
}

func writeReports(stdout io.Writer, res *result.Result, outs []output, ropts report.Options) error {
	for _, o := range outs {
		opts := ropts
		if o.path != "" {
			opts.Color = false
		}
		w, err := report.New(o.format, opts)
		if err != nil {
			return err
		}
		if o.path == "" {
			if err := w.Write(stdout, res); err != nil {
				return fmt.Errorf("write %s report: %w", o.format, err)
			}
			continue
		}
		var buf bytes.Buffer
		if err := w.Write(&buf, res); err != nil {
			return fmt.Errorf("write %s report: %w", o.format, err)
		}
		if err := writeFileAtomic(o.path, buf.Bytes()); err != nil {
			return fmt.Errorf("write %s report: %w", o.format, err)
		}
	}
	return nil
}

// githubActions writes the step summary, the exit_code output and the
// annotations when running under GitHub Actions.
func githubActions(stdout io.Writer, res *result.Result, ropts report.Options) error {
	if os.Getenv("GITHUB_ACTIONS") != "true" {
		return nil
	}
	if p := os.Getenv("GITHUB_STEP_SUMMARY"); p != "" {
		w, _ := report.New("markdown", ropts)
		var buf bytes.Buffer
		if err := w.Write(&buf, res); err != nil {
			return err
		}
		f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(buf.Bytes())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return report.GitHubActions(res, os.Getenv("GITHUB_OUTPUT"), stdout, report.DefaultMaxAnnotations)
}

func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".secaudit-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// startProgress draws a progress line on a terminal stderr for scans that
// take longer than a second. The returned func stops it and clears the line.
func startProgress(ctx context.Context, stderr io.Writer, quiet bool, opts *app.ScanOptions) func() {
	if quiet || !isTerminal(stderr) {
		return func() {}
	}
	p := &scan.Progress{}
	opts.Progress = p
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		start := time.Now()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		drawn := false
		for {
			select {
			case <-done:
				if drawn {
					fmt.Fprint(stderr, "\r\033[K")
				}
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				if time.Since(start) < time.Second {
					continue
				}
				drawn = true
				fmt.Fprintf(stderr, "\r\033[Kscanning: %d files, %.1f MB, %s", p.Files.Load(), float64(p.Bytes.Load())/1e6, time.Since(start).Round(time.Second))
			}
		}
	}()
	return func() { close(done); <-finished }
}

// routeScan routes a finished scan (`scan --route`). Routing problems are
// reported on stderr but never change the audit's exit code: CI branches on
// that code, and a Slack outage must not turn exit 3 into exit 1.
func routeScan(cmd *cobra.Command, root string, res *result.Result, out *app.ScanOutput, f *scanFlags) {
	stderr := cmd.ErrOrStderr()
	ro, err := app.Route(cmd.Context(), res, out.Config, app.RouteOptions{Root: root, DryRun: f.routeDryRun})
	if err != nil {
		fmt.Fprintf(stderr, "secaudit: route: %v\n", err)
		return
	}
	if err := writeRouteOutcome(stderr, ro, "text", f.routeDryRun); err != nil {
		fmt.Fprintf(stderr, "secaudit: route: %v\n", err)
	}
	for _, w := range ro.Warnings {
		fmt.Fprintf(stderr, "secaudit: route: warning: %s\n", w)
	}
	for _, msg := range ro.Failures {
		fmt.Fprintf(stderr, "secaudit: route: %s\n", msg)
	}
}
