package container

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// command is one simple command of a RUN script: its program name (without
// directory) and its arguments with quotes removed. A word that is not a
// literal keeps its shell text ("$PKGS"), so checks can tell it apart.
type command struct {
	name string
	args []string
	// sudo is true when the command was run through sudo.
	sudo bool
}

// script is the shell code of one RUN instruction, broken into commands.
type script struct {
	cmds []command
	// pipes are the pipelines: the commands left and right of each "|".
	pipes []pipe
}

type pipe struct{ left, right []command }

// parseScript parses shell source. When the shell parser rejects the source
// (it is not POSIX shell, or uses syntax it does not know), a simple word
// split on control operators is used instead, so checks still see commands.
func parseScript(src string) script {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
	if err != nil {
		return fallbackScript(src)
	}
	var s script
	syntax.Walk(f, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CallExpr:
			if c, ok := callCommand(n); ok {
				s.cmds = append(s.cmds, c)
			}
		case *syntax.BinaryCmd:
			if n.Op == syntax.Pipe || n.Op == syntax.PipeAll {
				s.pipes = append(s.pipes, pipe{left: commandsIn(n.X), right: commandsIn(n.Y)})
			}
		}
		return true
	})
	return s
}

func commandsIn(n syntax.Node) []command {
	var out []command
	syntax.Walk(n, func(n syntax.Node) bool {
		if c, ok := n.(*syntax.CallExpr); ok {
			if cmd, ok := callCommand(c); ok {
				out = append(out, cmd)
			}
		}
		return true
	})
	return out
}

func callCommand(c *syntax.CallExpr) (command, bool) {
	if len(c.Args) == 0 {
		return command{}, false
	}
	words := make([]string, len(c.Args))
	for i, w := range c.Args {
		words[i] = wordText(w)
	}
	return newCommand(words), true
}

// newCommand builds a command from words, looking through wrappers that run
// another command (sudo, env, nohup, xargs is left alone) so that
// "sudo apt-get install x" is seen as apt-get.
func newCommand(words []string) command {
	sudo := false
	for len(words) > 0 {
		name := path.Base(words[0])
		switch name {
		case "sudo", "env", "nohup", "time", "nice", "exec", "command":
			rest := words[1:]
			for len(rest) > 0 && (strings.HasPrefix(rest[0], "-") || (name == "env" && strings.Contains(rest[0], "="))) {
				rest = rest[1:]
			}
			sudo = sudo || name == "sudo"
			if len(rest) == 0 {
				return command{name: name, sudo: sudo}
			}
			words = rest
			continue
		}
		if strings.HasPrefix(name, "python") && len(words) > 2 && words[1] == "-m" && isPip(words[2]) {
			return command{name: "pip", args: words[3:], sudo: sudo}
		}
		return command{name: name, args: words[1:], sudo: sudo}
	}
	return command{}
}

// isPip reports whether a program name is pip ("pip", "pip3", "pip3.12").
func isPip(name string) bool {
	return name == "pip" || strings.HasPrefix(name, "pip2") || strings.HasPrefix(name, "pip3")
}

// wordText renders a shell word: literals and quoted text as their value,
// expansions as their source text.
func wordText(w *syntax.Word) string {
	var b strings.Builder
	for _, p := range w.Parts {
		writePart(&b, p)
	}
	return b.String()
}

func writePart(b *strings.Builder, p syntax.WordPart) {
	switch p := p.(type) {
	case *syntax.Lit:
		b.WriteString(p.Value)
	case *syntax.SglQuoted:
		b.WriteString(p.Value)
	case *syntax.DblQuoted:
		for _, q := range p.Parts {
			writePart(b, q)
		}
	case *syntax.ParamExp:
		b.WriteString("$")
		if p.Param != nil {
			b.WriteString(p.Param.Value)
		}
	case *syntax.CmdSubst:
		b.WriteString("$(...)")
	default:
		b.WriteString("$?")
	}
}

// fallbackScript splits src on shell control operators and white space.
func fallbackScript(src string) script {
	var s script
	r := strings.NewReplacer("&&", "\n", "||", "\n", ";", "\n", "\\\n", " ")
	for _, seg := range strings.Split(r.Replace(src), "\n") {
		parts := strings.Split(seg, "|")
		var cmds []command
		for _, part := range parts {
			if f := strings.Fields(part); len(f) > 0 {
				for i := range f {
					f[i] = strings.Trim(f[i], `"'`)
				}
				cmds = append(cmds, newCommand(f))
			}
		}
		s.cmds = append(s.cmds, cmds...)
		for i := 1; i < len(cmds); i++ {
			s.pipes = append(s.pipes, pipe{left: cmds[:i], right: cmds[i : i+1]})
		}
	}
	return s
}

// has reports whether the script runs a command named name with first
// non-flag argument sub ("" matches any).
func (s script) has(name, sub string) bool {
	for _, c := range s.cmds {
		if c.name == name && (sub == "" || c.sub() == sub) {
			return true
		}
	}
	return false
}

// sub returns the first argument that is neither a flag nor a flag's value.
func (c command) sub() string {
	valued := valuedFlags(c.name)
	for i := 0; i < len(c.args); i++ {
		a := c.args[i]
		if strings.HasPrefix(a, "-") {
			if !strings.Contains(a, "=") && contains(valued, a) {
				i++
			}
			continue
		}
		return a
	}
	return ""
}

// valuedFlags lists, per program, the flags that take the next word as
// their value, so that the value is not mistaken for a subcommand or a
// package name.
func valuedFlags(name string) []string {
	switch name {
	case "apt-get", "apt":
		return []string{"-o", "--option", "-t", "--target-release", "-c", "--config-file"}
	case "apk":
		return []string{"-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file"}
	case "yum", "dnf", "microdnf", "tdnf":
		return []string{"--enablerepo", "--disablerepo", "--setopt", "--installroot", "--releasever", "-c", "--config", "--repo", "--repoid", "-x", "--exclude"}
	case "zypper":
		return []string{"-r", "--repo", "--from", "-D", "--reposd-dir", "-R", "--root"}
	case "npm":
		return []string{"--prefix", "--registry", "--cache", "-C", "--workspace", "-w", "--tag", "--omit", "--include", "--install-strategy", "--loglevel"}
	case "gem":
		return []string{"-i", "--install-dir", "-n", "--bindir", "-s", "--source", "-P", "--trust-policy", "--platform", "-v", "--version"}
	}
	if isPip(name) {
		return []string{"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
			"--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--platform",
			"--python-version", "--implementation", "--abi", "--trusted-host", "--src", "--upgrade-strategy",
			"--progress-bar", "--cache-dir", "--log", "--proxy", "--retries", "--timeout", "--exists-action",
			"--cert", "--client-cert", "--only-binary", "--no-binary", "-C", "--config-settings",
			"--global-option", "--root-user-action", "--report", "--python"}
	}
	return nil
}

// hasFlag reports whether any of the given flags is among the arguments,
// also as "--flag=value".
func (c command) hasFlag(flags ...string) bool {
	for _, a := range c.args {
		for _, f := range flags {
			if a == f || (strings.HasPrefix(f, "--") && strings.HasPrefix(a, f+"=")) {
				return true
			}
		}
	}
	return false
}

// hasShortFlag reports whether a single-dash flag cluster contains ch
// ("-qy" has 'y').
func (c command) hasShortFlag(ch byte) bool {
	for _, a := range c.args {
		if len(a) > 1 && a[0] == '-' && a[1] != '-' && strings.IndexByte(a[1:], ch) >= 0 {
			return true
		}
	}
	return false
}

// operands returns the non-flag arguments after the subcommand, skipping the
// values of flags that take one (see valuedFlags).
func (c command) operands() []string {
	valued := valuedFlags(c.name)
	var out []string
	seenSub := false
	for i := 0; i < len(c.args); i++ {
		a := c.args[i]
		if strings.HasPrefix(a, "-") {
			if !strings.Contains(a, "=") && contains(valued, a) {
				i++
			}
			continue
		}
		if !seenSub {
			seenSub = true
			continue
		}
		out = append(out, a)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// mentions reports whether any argument contains one of the substrings.
func (c command) mentions(subs ...string) bool {
	for _, a := range c.args {
		for _, s := range subs {
			if strings.Contains(a, s) {
				return true
			}
		}
	}
	return false
}

// removes reports whether the script runs rm on a path under dir.
func (s script) removes(dir string) bool {
	for _, c := range s.cmds {
		if c.name == "rm" && c.mentions(dir) {
			return true
		}
	}
	return false
}

// removesAptLists reports whether the script deletes apt's package lists.
func (s script) removesAptLists() bool { return s.removes("/var/lib/apt/lists") }
