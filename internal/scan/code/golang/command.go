package golang

import (
	"go/ast"
	"path"
	"strings"
)

// shells are the programs that interpret their argument as a command line.
var shells = map[string]bool{
	"sh": true, "bash": true, "zsh": true, "ksh": true, "dash": true, "ash": true, "fish": true,
	"cmd": true, "cmd.exe": true, "powershell": true, "powershell.exe": true, "pwsh": true, "busybox": true,
}

// checkCommand flags exec.Command/CommandContext running a shell with a
// non-constant argument, or running anything with an argument read from
// the HTTP request (gosec G204 restricted to shells, and G702).
func (f *file) checkCommand(call *ast.CallExpr) {
	if !f.enabled("go-command-injection") ||
		(!f.isPkgFunc(call, "os/exec", "Command", "CommandContext") && !f.isPkgFunc(call, "golang.org/x/sys/execabs", "Command", "CommandContext")) {
		return
	}
	args := call.Args
	if _, n, _ := f.pkgSel(call.Fun); n == "CommandContext" {
		if len(args) == 0 {
			return
		}
		args = args[1:]
	}
	// Any argument read from the HTTP request, shell or not.
	for _, a := range args {
		if f.fromRequest(a, 0) {
			f.hit("go-command-injection", call)
			return
		}
	}
	if len(args) < 2 || call.Ellipsis.IsValid() {
		return
	}
	prog, ok := stringLit(args[0])
	if !ok || !shells[strings.ToLower(path.Base(strings.ReplaceAll(prog, `\`, "/")))] {
		return
	}
	for _, a := range args[1:] {
		if !f.isConst(a) {
			f.hit("go-command-injection", call)
			return
		}
	}
}
