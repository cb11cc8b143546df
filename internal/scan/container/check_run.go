package container

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// runStep is one RUN instruction with its parsed shell script.
type runStep struct {
	in     instr
	run    *instructions.RunCommand
	script script
	raw    string
}

// substPipe catches downloads executed through command substitution or
// process substitution, which the pipe check cannot see:
// sh -c "$(curl -fsSL url)", bash <(wget -qO- url).
var substPipe = regexp.MustCompile(`\b(?:ba|z|da|k)?sh\b[^|;&]*(?:\$\(|<\()\s*(?:curl|wget)\b`)

var pipeShells = map[string]bool{"sh": true, "bash": true, "zsh": true, "ash": true, "dash": true, "ksh": true,
	"python": true, "python3": true, "python2": true, "perl": true, "ruby": true, "node": true, "php": true}

// checkRuns runs the RUN rules of one stage.
func checkRuns(e *emitter, d *dockerfile, st *stage) {
	var curl, wget bool
	for _, in := range st.cmds {
		run, ok := in.cmd.(*instructions.RunCommand)
		if !ok {
			continue
		}
		if instructions.GetNetwork(run) == instructions.NetworkHost {
			e.node("dockerfile-run-network-host", in.node, "")
		}
		if instructions.GetSecurity(run) == instructions.SecurityInsecure {
			e.node("dockerfile-run-insecure", in.node, "")
		}
		if !st.posixShell {
			continue
		}
		raw := runSource(run)
		step := runStep{in: in, run: run, script: parseScript(raw), raw: raw}
		checkRunCommands(e, step)
		checkPackages(e, d, st, step)
		checkTransport(e, st, step)
		c, w := step.script.has("curl", ""), step.script.has("wget", "")
		if (c && (wget || w)) || (w && curl) {
			if !(curl && wget) {
				e.node("dockerfile-wget-and-curl", in.node, "")
			}
		}
		curl, wget = curl || c, wget || w
	}
}

// runSource returns the shell source a RUN executes: the shell-form command
// line, heredoc scripts run by the shell, or the script of an exec-form
// ["sh", "-c", "..."].
func runSource(run *instructions.RunCommand) string {
	if !run.PrependShell {
		argv := run.CmdLine
		if len(argv) >= 3 && pipeShells[baseName(argv[0])] && argv[1] == "-c" {
			return argv[2]
		}
		return strings.Join(argv, " ")
	}
	src := strings.Join(run.CmdLine, " ")
	// "RUN <<EOF" and "RUN bash <<EOF" run the heredoc body as the script;
	// a heredoc fed to another program (python3 <<EOF) is that program's
	// input, not shell code.
	trimmed := strings.TrimSpace(src)
	first, _, _ := strings.Cut(trimmed, " ")
	if len(run.Files) > 0 && (strings.HasPrefix(trimmed, "<<") || isShellProg(first)) {
		var b strings.Builder
		for _, f := range run.Files {
			if line, _, _ := strings.Cut(f.Data, "\n"); strings.HasPrefix(line, "#!") && !strings.Contains(line, "sh") {
				continue
			}
			b.WriteString(f.Data)
			b.WriteString("\n")
		}
		return b.String()
	}
	return src
}

// isShellProg reports whether a program is a POSIX-style shell.
func isShellProg(p string) bool {
	switch baseName(p) {
	case "sh", "bash", "ash", "dash", "zsh", "ksh":
		return true
	}
	return false
}

func baseName(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

// checkRunCommands runs the rules on individual shell commands.
func checkRunCommands(e *emitter, step runStep) {
	n := step.in.node
	piped := substPipe.MatchString(step.raw)
	for _, p := range step.script.pipes {
		if anyNamed(p.left, "curl", "wget", "fetch") && anyNamed(p.right, keys(pipeShells)...) {
			piped = true
		}
	}
	if piped {
		e.node("dockerfile-curl-pipe-shell", n, "a downloaded script is executed without verification")
	}
	var sudo, cd, chmod, useradd bool
	for _, c := range step.script.cmds {
		sudo = sudo || c.sudo || c.name == "sudo"
		cd = cd || c.name == "cd"
		chmod = chmod || (c.name == "chmod" && worldWritable(c.args))
		useradd = useradd || (c.name == "useradd" && highUIDNoLogInit(c))
	}
	if sudo {
		e.node("dockerfile-sudo", n, "")
	}
	if cd {
		e.node("dockerfile-run-cd", n, "")
	}
	if chmod {
		e.node("dockerfile-chmod-777", n, "a file or directory is made world-writable")
	}
	if useradd {
		e.node("dockerfile-useradd-no-log-init", n, "")
	}
}

func anyNamed(cmds []command, names ...string) bool {
	for _, c := range cmds {
		if contains(names, c.name) {
			return true
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// worldWritable reports whether chmod arguments grant write to others:
// an octal mode whose last digit has the write bit (777, 0666, 1777 is
// excluded: the sticky bit on a shared directory like /tmp is the norm), or
// a symbolic mode like o+w, a+rwx, ugo=rwx.
func worldWritable(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			continue
		}
		if isOctal(a) {
			if len(a) == 4 && a[0] == '1' {
				continue
			}
			d := a[len(a)-1] - '0'
			if d&2 != 0 && len(a) >= 3 {
				return true
			}
			continue
		}
		for _, clause := range strings.Split(a, ",") {
			i := strings.IndexAny(clause, "+=")
			if i <= 0 {
				continue
			}
			who, perm := clause[:i], clause[i+1:]
			if strings.ContainsAny(who, "oa") && strings.Contains(perm, "w") {
				return true
			}
		}
	}
	return false
}

func isOctal(s string) bool {
	if len(s) < 3 || len(s) > 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '7' {
			return false
		}
	}
	return true
}

// highUIDNoLogInit reports useradd -u <uid> with a UID above 65535 and no
// -l/--no-log-init.
func highUIDNoLogInit(c command) bool {
	if c.hasFlag("-l", "--no-log-init") || c.hasShortFlag('l') {
		return false
	}
	for i, a := range c.args {
		var v string
		switch {
		case (a == "-u" || a == "--uid") && i+1 < len(c.args):
			v = c.args[i+1]
		case strings.HasPrefix(a, "--uid="):
			v = strings.TrimPrefix(a, "--uid=")
		case strings.HasPrefix(a, "-u") && len(a) > 2:
			v = a[2:]
		default:
			continue
		}
		if uid, err := strconv.Atoi(v); err == nil && uid > 65535 {
			return true
		}
	}
	return false
}
