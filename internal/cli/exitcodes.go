package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/secaudit/secaudit/internal/app"
	"github.com/secaudit/secaudit/internal/config"
)

func newExitCodesCmd() *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:   "exit-codes",
		Short: "Print the exit-code contract in force (precedence top to bottom)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := app.LoadConfig(configPath, ".")
			if err != nil {
				return err
			}
			printExitCodes(cmd, cfg)
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "configuration file (default: ./.secaudit.yaml when present)")
	return cmd
}

func printExitCodes(cmd *cobra.Command, cfg *config.Config) {
	tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tCLASS\tMATCHES\tTEAM\tPRIORITY\tRESPONSE\tPAGE")
	for _, ec := range cfg.ExitCodes {
		team, prio, resp, page := "-", "-", "-", "no"
		for _, r := range cfg.Routes {
			if r.ExitCode == ec.Code {
				_, name := cfg.TeamFor(ec.Code)
				team, prio, resp = orDash(name), orDash(r.Priority), orDash(r.Response)
				if r.Page {
					page = "yes"
				}
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", ec.Code, ec.Title, describeMatch(ec), team, prio, resp, page)
	}
	fmt.Fprintln(tw, "0\tNo issues found\tnothing above\t-\t-\t-\tno")
	tw.Flush()
	if cfg.Path != "" {
		fmt.Fprintf(cmd.OutOrStdout(), "\n(from %s over the built-in defaults)\n", cfg.Path)
	}
}

func describeMatch(ec config.ExitClass) string {
	m := ec.Match
	var parts []string
	if len(m.Categories) > 0 {
		cats := make([]string, len(m.Categories))
		for i, c := range m.Categories {
			cats[i] = string(c)
		}
		parts = append(parts, "any "+strings.Join(cats, "/")+" finding")
	}
	if m.MinSeverity != "" {
		if len(parts) == 0 {
			parts = append(parts, "any finding")
		}
		parts = append(parts, "severity >= "+m.MinSeverity)
	}
	if m.RequiresFailOnHigh {
		parts = append(parts, "with --fail-on-high")
	}
	if m.Incomplete {
		parts = append(parts, "incomplete run")
	}
	if m.Unclaimed {
		parts = append(parts, "findings no class above took")
	}
	return strings.Join(parts, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
