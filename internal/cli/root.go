// Package cli holds the secaudit commands: flags become option structs for
// package app, and exit.go turns the outcome into the process exit code.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X .../internal/cli.version=v1.2.3".
var version = ""

// Version returns the program version: the linked-in one, else the module
// version from the build info, else "dev".
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// Execute runs secaudit with the process's arguments and streams and returns
// the exit code. main calls only this.
func Execute() int {
	// compose-go warns through logrus's global logger (booleans spelled
	// "yes"); the container scanner reports what matters as findings, so the
	// process keeps stderr for secaudit's own messages.
	logrus.SetOutput(io.Discard)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first signal cancels the run (files in flight finish, nothing new
	// starts); a second one ends the process at once.
	go func() {
		<-ctx.Done()
		stop()
	}()
	return Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// Main runs secaudit with the given arguments and streams and returns the
// exit code; tests call it in-process.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	return exitCode(err, stderr)
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "secaudit",
		Short: "Audit a repository for security problems and route failures to their owners",
		Long: `secaudit audits a repository in one pass — exposed secrets, vulnerable
dependencies, Docker/container misconfigurations and code-security issues —
collapses the result into one priority exit code, and routes every failure
to the team that owns it.

Exit codes (precedence top to bottom; see 'secaudit exit-codes'):
  3  exposed secrets              Security Team, page
  2  critical vulnerabilities     Security Team, page
  4  high severity (--fail-on-high) Platform Team
  5  Docker/container issues      Infrastructure Team
  6  code security issues         Development Team
  1  general failure / incomplete DevOps Team
  0  clean`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newScanCmd(), newExitCodesCmd(), newVersionCmd(), newDBCmd(), newRouteCmd(), newConfigCmd())
	return root
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(cmd.OutOrStdout(), "secaudit %s\n", Version())
			return nil
		},
	}
}

// usageError marks a command-line mistake: exit 1 with a hint, never 2-6.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// isUsage reports whether err is a usage error.
func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}
