package cli

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run the real secaudit main in-process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"secaudit": func() {
			os.Exit(Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script, including the
// whole exit-code matrix.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// No CI detection and no colour inside tests.
			for _, k := range []string{"GITHUB_ACTIONS", "GITLAB_CI", "CI", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"} {
				env.Setenv(k, "")
			}
			env.Setenv("SECAUDIT_DB", env.WorkDir+"/no-db")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"exitcode": cmdExitCode},
	})
}

// cmdExitCode runs "exitcode N PROG ARGS..." and fails unless PROG exits
// with N; its output is then checked with stdout/stderr as after exec.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}
