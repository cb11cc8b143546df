package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/secaudit/secaudit/internal/app"
	"github.com/secaudit/secaudit/internal/ci"
	"github.com/secaudit/secaudit/internal/config"
	"github.com/secaudit/secaudit/internal/report"
	"github.com/secaudit/secaudit/internal/result"
	"github.com/secaudit/secaudit/internal/route"
)

// routeFlags are the flags of `secaudit route`.
type routeFlags struct {
	dryRun       bool
	format       string
	config       string
	root         string
	failOnDelErr bool
	ci           ciFlags
}

func newRouteCmd() *cobra.Command {
	var f routeFlags
	cmd := &cobra.Command{
		Use:   "route [REPORT.json]",
		Short: "Route an audit report to the owning teams (GitHub issues, Slack, PagerDuty)",
		Long: `route reads a JSON report written by 'secaudit scan --format json' (from the
file, or from standard input when no file or "-" is given), plans one
incident per (repository, exit-code class, owning team) and carries the plan
out with every notifier whose credentials are set: GitHub issues
(GITHUB_TOKEN), Slack (SLACK_WEBHOOK_<TEAM> or SLACK_WEBHOOK), PagerDuty
(PAGERDUTY_ROUTING_KEY_<TEAM>), webhooks and email. Repeated runs update the
same incidents; a complete run on the default branch resolves incidents
whose problems are gone.

Owners come from the routes of .secaudit.yaml and from CODEOWNERS
(.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS under --root).

Exit codes: 0 when delivered; 1 when a paging incident could not be
delivered (or, with --fail-on-delivery-error, any delivery failed) or the
input is bad. Routing never changes an audit's exit code.`,
		Example: `  secaudit scan --format json --output report.json .
  secaudit route --dry-run report.json
  secaudit route report.json
  secaudit route test --exit-code 3`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRoute(cmd, args, &f)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.dryRun, "dry-run", false, "print the routing plan and send nothing")
	fl.StringVar(&f.format, "format", "text", "output format: text or json")
	fl.StringVar(&f.config, "config", "", "configuration file (default: .secaudit.yaml under --root, else the built-in defaults)")
	fl.StringVar(&f.root, "root", ".", "repository checkout holding CODEOWNERS and .secaudit.yaml")
	fl.BoolVar(&f.failOnDelErr, "fail-on-delivery-error", false, "exit 1 when any delivery fails, not only an undelivered page")
	f.ci.register(cmd)
	cmd.AddCommand(newRouteTestCmd())
	return cmd
}

func runRoute(cmd *cobra.Command, args []string, f *routeFlags) error {
	if f.format != "text" && f.format != "json" {
		return usageError{fmt.Errorf("--format: unknown format %q (want text or json)", f.format)}
	}
	name := "-"
	if len(args) == 1 {
		name = args[0]
	}
	if f, ok := cmd.InOrStdin().(*os.File); ok && name == "-" && isatty.IsTerminal(f.Fd()) {
		return usageError{errors.New("route: no report given (pass REPORT.json or pipe one on stdin)")}
	}
	res, err := readReport(cmd.InOrStdin(), name)
	if err != nil {
		return err
	}
	cfg, err := loadRouteConfig(f.config, f.root)
	if err != nil {
		return err
	}
	fillRun(&res.Run, ci.Detect(os.Getenv))
	opts := app.RouteOptions{
		Root:                f.root,
		DryRun:              f.dryRun,
		FailOnDeliveryError: f.failOnDelErr,
		Overrides:           ci.Overrides{Repository: f.ci.repo, Branch: f.ci.branch, Commit: f.ci.commit, RunURL: f.ci.runURL},
	}
	if cmd.Flags().Changed("default-branch") {
		opts.Overrides.DefaultBranch = &f.ci.defaultBranch
	}
	out, err := app.Route(cmd.Context(), res, cfg, opts)
	if err != nil {
		return err
	}
	if err := writeRouteOutcome(cmd.OutOrStdout(), out, f.format, f.dryRun); err != nil {
		return err
	}
	stderr := cmd.ErrOrStderr()
	for _, w := range out.Warnings {
		fmt.Fprintf(stderr, "secaudit: warning: %s\n", w)
	}
	for _, msg := range out.Failures {
		fmt.Fprintf(stderr, "secaudit: %s\n", msg)
	}
	if out.ExitCode != 0 && len(out.Skipped) > 0 {
		fmt.Fprintf(stderr, "hint: notifiers left out: %s\n", strings.Join(out.Skipped, "; "))
	}
	return verdictExit{out.ExitCode}
}

// fillRun completes what the report does not say about the run from the CI
// environment: a report written outside CI routed from a CI job.
func fillRun(run *result.Run, info ci.Info) {
	if run.Repository == "" {
		run.Repository = info.Repository
	}
	if run.Branch == "" {
		run.Branch = info.Branch
		run.DefaultBranch = info.DefaultBranch
	}
	if run.Commit == "" {
		run.Commit = info.Commit
	}
	if run.URL == "" {
		run.URL = info.RunURL
	}
}

// readReport reads a JSON report from the file name, or from stdin when
// name is "-", through report.ReadJSON. Errors name the file, the line and
// the column.
func readReport(stdin io.Reader, name string) (*result.Result, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(stdin)
		name = "<stdin>"
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, hintError{fmt.Errorf("read report %s: empty input", name), "write one with 'secaudit scan --format json --output report.json'"}
	}
	res, err := report.ReadJSON(bytes.NewReader(data))
	if err != nil {
		return nil, hintError{fmt.Errorf("read report %s: %w", name, err),
			"route reads the JSON report of 'secaudit scan --format json'"}
	}
	return res, nil
}

// loadRouteConfig loads --config, else .secaudit.yaml under root, else the
// defaults.
func loadRouteConfig(path, root string) (*config.Config, error) {
	if path == "" {
		path = config.Find(root)
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, hintError{err, "run 'secaudit config validate' to see every problem with its position"}
	}
	return cfg, nil
}

func writeRouteOutcome(w io.Writer, out *app.RouteOutcome, format string, dryRun bool) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if dryRun {
			return enc.Encode(out.Plan)
		}
		return enc.Encode(struct {
			Plan       *route.Plan `json:"plan"`
			Deliveries any         `json:"deliveries"`
			Skipped    []string    `json:"skipped,omitempty"`
			Warnings   []string    `json:"warnings,omitempty"`
			Failures   []string    `json:"failures,omitempty"`
			ExitCode   int         `json:"exit_code"`
		}{out.Plan, out.Deliveries, out.Skipped, out.Warnings, out.Failures, out.ExitCode})
	}
	if err := route.WritePlan(w, out.Plan); err != nil {
		return err
	}
	if dryRun {
		fmt.Fprintln(w, "\nDry run: nothing was sent.")
		return nil
	}
	fmt.Fprintln(w)
	if len(out.Deliveries) == 0 {
		fmt.Fprintln(w, "Nothing delivered: no notifier is configured (see 'secaudit route --help').")
	} else {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NOTIFIER\tACTION\tEXIT CODE\tINCIDENT\tTARGET\tERROR")
		for _, d := range out.Deliveries {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", d.Notifier, d.Action, d.ExitCode, routeDash(d.IncidentKey), routeDash(d.Target), routeDash(d.Error))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	for _, s := range out.Skipped {
		fmt.Fprintf(w, "skipped: %s\n", s)
	}
	return nil
}

// routeDash shows an empty cell as "-".
func routeDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func newRouteTestCmd() *cobra.Command {
	var code int
	var format, cfgPath, root string
	cmd := &cobra.Command{
		Use:   "test --exit-code N",
		Short: "Show where an exit code is routed (team, channel, mention, page, priority, response)",
		Long: `test shows, without sending anything, where an audit ending with the given
exit code goes under the configuration in force: the owning team, its
GitHub team, Slack channel and mention, PagerDuty service, whether it
pages, its priority and response time. It is the spec's "Testing the
Routing" loop built in:

  for code in 0 1 2 3 4 5 6; do secaudit route test --exit-code $code; done`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("exit-code") {
				return usageError{errors.New("route test: --exit-code is required")}
			}
			if format != "text" && format != "json" {
				return usageError{fmt.Errorf("--format: unknown format %q (want text or json)", format)}
			}
			cfg, err := loadRouteConfig(cfgPath, root)
			if err != nil {
				return err
			}
			d, err := route.Explain(cfg, code)
			if err != nil {
				return usageError{err}
			}
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(d)
			}
			return route.WriteDestination(cmd.OutOrStdout(), d)
		},
	}
	cmd.Flags().IntVar(&code, "exit-code", 0, "exit code to explain (0-6, or any configured code)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&cfgPath, "config", "", "configuration file (default: .secaudit.yaml under --root, else the built-in defaults)")
	cmd.Flags().StringVar(&root, "root", ".", "directory holding .secaudit.yaml")
	return cmd
}
