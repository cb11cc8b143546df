package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/secaudit/secaudit/internal/config"
)

func newConfigCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Check and show the configuration (.secaudit.yaml)",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newConfigValidateCmd(), newConfigShowCmd())
	return cmd
}

func newConfigValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate [FILE]",
		Short: "Explain every problem of a configuration file with its line and column",
		Long: `validate checks a configuration file (.secaudit.yaml in the current directory
by default) over the built-in defaults: YAML syntax, unknown keys, value
types, and cross-references (every route's team exists, every exit code has
a route, durations parse, priorities are P0-P2, owner policies are class,
codeowners or both, playbook files exist). Every problem is printed as
FILE:LINE:COL: message. Exit code 0 when valid, 1 otherwise.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := config.FileName
			if len(args) == 1 {
				path = args[0]
			}
			data, err := os.ReadFile(path)
			if errors.Is(err, os.ErrNotExist) && len(args) == 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "no %s here: the built-in defaults apply (and are valid)\n", config.FileName)
				return nil
			}
			if err != nil {
				return fmt.Errorf("config validate: %w", err)
			}
			diags := config.Check(data, path)
			if len(diags) == 0 {
				diags = checkPlaybooks(data, path)
			}
			if len(diags) == 0 {
				cfg, err := config.Load(path)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: valid (%d exit codes, %d teams, %d routes)\n", path, len(cfg.ExitCodes), len(cfg.Teams), len(cfg.Routes))
				return nil
			}
			for _, d := range diags {
				fmt.Fprintln(cmd.OutOrStdout(), d.String())
			}
			return fmt.Errorf("config validate: %d problem(s) in %s", len(diags), path)
		},
	}
}

// checkPlaybooks reports playbook files the routes name that cannot be
// read, located in the file.
func checkPlaybooks(data []byte, path string) []config.Diagnostic {
	cfg, err := config.Load(path)
	if err != nil {
		return nil
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root)
	var out []config.Diagnostic
	for i, r := range cfg.Routes {
		if r.Playbook == "" {
			continue
		}
		p := r.Playbook
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(path), p)
		}
		if _, err := os.Stat(p); err != nil {
			where := fmt.Sprintf("routes[%d].playbook", i)
			d := config.Diagnostic{File: path, Path: where, Message: fmt.Sprintf("%s: %v", where, err)}
			if n := config.Locate(&root, where); n != nil {
				d.Line, d.Column = n.Line, n.Column
			}
			out = append(out, d)
		}
	}
	return out
}

func newConfigShowCmd() *cobra.Command {
	var defaults bool
	cmd := &cobra.Command{
		Use:   "show [FILE]",
		Short: "Print the configuration in force (the file merged over the defaults) as YAML",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := config.Find(".")
			if len(args) == 1 {
				path = args[0]
			}
			if defaults {
				path = ""
			}
			cfg, err := config.Load(path)
			if err != nil {
				return hintError{err, "run 'secaudit config validate' to see every problem with its position"}
			}
			enc := yaml.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent(2)
			if err := enc.Encode(cfg); err != nil {
				return fmt.Errorf("config show: %w", err)
			}
			return enc.Close()
		},
	}
	cmd.Flags().BoolVar(&defaults, "defaults", false, "print the built-in defaults only")
	return cmd
}
