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
// non-constant argument (gosec G204, restricted to shells).
func (f *file) checkCommand(call *ast.CallExpr) {
	if !f.enabled("go-command-injection") || !f.isPkgFunc(call, "os/exec", "Command", "CommandContext") {
		return
	}
	args := call.Args
	if p, n, _ := f.pkgSel(call.Fun); p == "os/exec" && n == "CommandContext" {
		if len(args) == 0 {
			return
		}
		args = args[1:]
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
