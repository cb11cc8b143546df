package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Process exit codes besides the verdict's own.
const (
	exitOK      = 0
	exitFailure = 1
)

// verdictExit carries a finished command's exit code (a scan's verdict, a
// route's delivery outcome) out of cobra's RunE. It is not a failure of the
// command, so nothing is printed for it.
type verdictExit struct{ code int }

func (v verdictExit) Error() string { return fmt.Sprintf("exit code %d", v.code) }

// hintError is an error with a remedy, printed as a "hint:" line.
type hintError struct {
	err  error
	hint string
}

func (h hintError) Error() string { return h.err.Error() }
func (h hintError) Unwrap() error { return h.err }

// exitCode is the ONE place that turns a command's outcome into the process
// exit code: a verdict passes through; every error — a usage mistake, a bad
// configuration, a scan that could not run — is 1 with a message on stderr,
// never one of the finding classes 2-6.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var v verdictExit
	if errors.As(err, &v) {
		return v.code
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "secaudit: ") {
		msg = "secaudit: " + msg
	}
	fmt.Fprintln(stderr, msg)
	var h hintError
	switch {
	case errors.As(err, &h):
		fmt.Fprintln(stderr, "hint: "+h.hint)
	case isUsage(err) || strings.Contains(err.Error(), "unknown command") || strings.Contains(err.Error(), "accepts "):
		fmt.Fprintln(stderr, "hint: run 'secaudit --help' for usage")
	}
	return exitFailure
}
