package container

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// dockerfile is a parsed Dockerfile: its stages in order, each instruction
// paired with the parser node it came from (for lines and original text).
type dockerfile struct {
	path    string
	stages  []*stage
	metaArg map[string]string // ARGs before the first FROM with a default value
	escape  rune
	// preamble holds the ARG instructions before the first FROM.
	preamble []instr
}

// stage is one FROM and the instructions after it.
type stage struct {
	index int
	name  string // lower-case stage name, "" when unnamed
	from  instr
	// base is the FROM image reference after ARG substitution; resolved is
	// false when it still depends on a build arg without a default.
	base     string
	resolved bool
	platform string
	// parent is the earlier stage this one builds on, nil for an image.
	parent *stage
	// unknownStage is true when the base depends on an unset build arg but
	// names one of several earlier stages (FROM build-${TARGETOS}): the
	// base is a stage, but which one is decided at build time.
	unknownStage bool
	cmds         []instr
	// shell is the program of the stage's last SHELL instruction, "" when
	// it has none.
	shell string
	// shellPipefail is true when that SHELL sets -o pipefail.
	shellPipefail bool
	// posixShell is false when RUN commands go to a non-POSIX shell
	// (powershell, cmd.exe on Windows images), which disables the checks
	// on RUN commands.
	posixShell bool
}

// instr is one instruction: the typed command and its parser node.
type instr struct {
	node *parser.Node
	cmd  any
}

// parseError is a Dockerfile the parser rejected, with the line when known.
type parseError struct {
	line int
	msg  string
}

func (e *parseError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("line %d: %s", e.line, e.msg)
	}
	return e.msg
}

// parseDockerfile parses data. It returns the instructions it could parse
// together with an error for the first instruction it could not, so that a
// single bad line does not hide the rest of the file.
func parseDockerfile(path string, data []byte) (*dockerfile, error) {
	if len(bytes.TrimSpace(stripComments(data))) == 0 {
		// Nothing to build and nothing to check.
		return &dockerfile{path: path, metaArg: map[string]string{}}, nil
	}
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, &parseError{line: errLine(err), msg: errMsg(err)}
	}
	d := &dockerfile{path: path, metaArg: map[string]string{}, escape: res.EscapeToken}
	var firstErr error
	for _, n := range res.AST.Children {
		v, err := instructions.ParseInstruction(n)
		if err != nil {
			if firstErr == nil {
				firstErr = &parseError{line: n.StartLine, msg: errMsg(err)}
			}
			continue
		}
		d.add(instr{node: n, cmd: v})
	}
	if len(d.stages) == 0 && firstErr == nil && len(res.AST.Children) > 0 {
		firstErr = &parseError{line: res.AST.Children[0].StartLine, msg: "no FROM instruction"}
	}
	d.resolveStages()
	return d, firstErr
}

// add files one instruction into the preamble or the current stage.
func (d *dockerfile) add(in instr) {
	if st, ok := in.cmd.(*instructions.Stage); ok {
		d.stages = append(d.stages, &stage{index: len(d.stages), name: st.Name, from: in, platform: st.Platform, posixShell: true})
		return
	}
	if len(d.stages) == 0 {
		if a, ok := in.cmd.(*instructions.ArgCommand); ok {
			d.preamble = append(d.preamble, in)
			for _, kv := range a.Args {
				if kv.Value != nil {
					d.metaArg[kv.Key] = *kv.Value
				}
			}
		}
		return
	}
	cur := d.stages[len(d.stages)-1]
	if sh, ok := in.cmd.(*instructions.ShellCommand); ok && len(sh.Shell) > 0 {
		cur.shell = sh.Shell[0]
		cur.shellPipefail = strings.Contains(strings.Join(sh.Shell, " "), "pipefail")
	}
	cur.cmds = append(cur.cmds, in)
}

// resolveStages substitutes meta ARGs into each FROM and links stages that
// build on earlier ones.
func (d *dockerfile) resolveStages() {
	lex := shell.NewLex(d.escape)
	env := mapEnv(d.metaArg)
	for i, st := range d.stages {
		raw := st.from.cmd.(*instructions.Stage).BaseName
		st.base, st.resolved = expandImage(lex, raw, env)
		prefix, _, _ := strings.Cut(strings.ToLower(raw), "$")
		for j := i - 1; j >= 0; j-- {
			name := d.stages[j].name
			if name != "" && strings.EqualFold(name, st.base) {
				st.parent = d.stages[j]
				break
			}
			if !st.resolved && prefix != "" && strings.HasPrefix(name, prefix) {
				st.unknownStage = true
			}
		}
		switch {
		case st.shell != "":
			st.posixShell = isPosixShell(st.shell)
		case st.parent != nil:
			st.posixShell = st.parent.posixShell
		default:
			// Windows images run RUN with cmd.exe unless SHELL says otherwise.
			st.posixShell = d.escape != '`' && !windowsImage(st.base)
		}
	}
}

// windowsImage reports whether an image reference names a Windows base.
func windowsImage(ref string) bool {
	r := strings.ToLower(ref)
	return strings.Contains(r, "/windows/") || strings.Contains(r, "nanoserver") || strings.Contains(r, "servercore")
}

// final returns the last stage, the one "docker build" produces by default.
func (d *dockerfile) final() *stage {
	if len(d.stages) == 0 {
		return nil
	}
	return d.stages[len(d.stages)-1]
}

// shipped reports whether st ends up in the final image: it is the final
// stage or one the final stage builds on through FROM.
func (d *dockerfile) shipped(st *stage) bool {
	for s := d.final(); s != nil; s = s.parent {
		if s == st {
			return true
		}
	}
	return false
}

// expandImage substitutes build args into an image reference. ok is false
// when a variable without a value remains, so tag checks must not guess.
func expandImage(lex *shell.Lex, raw string, env shell.EnvGetter) (string, bool) {
	if !strings.Contains(raw, "$") {
		return raw, true
	}
	res, err := lex.ProcessWordWithMatches(raw, env)
	if err != nil {
		return raw, false
	}
	out := res.Result
	if len(res.Unmatched) > 0 && !strings.Contains(raw, ":-") {
		return out, false
	}
	if out == "" || strings.HasSuffix(out, ":") || strings.HasPrefix(out, ":") ||
		strings.HasPrefix(out, "/") || strings.Contains(out, "//") || strings.Contains(out, ":@") {
		return out, false
	}
	return out, true
}

// mapEnv adapts a map to BuildKit's shell.EnvGetter.
type mapEnv map[string]string

func (m mapEnv) Get(k string) (string, bool) { v, ok := m[k]; return v, ok }

func (m mapEnv) Keys() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func isPosixShell(prog string) bool {
	base := strings.ToLower(prog[strings.LastIndexAny(prog, `/\`)+1:])
	switch strings.TrimSuffix(base, ".exe") {
	case "powershell", "pwsh", "cmd":
		return false
	}
	return true
}

// errLine digs the line out of a BuildKit error, 0 when it has none.
func errLine(err error) int {
	var le *parser.LocationError
	if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		return le.Locations[0][0].Start.Line
	}
	return 0
}

// errMsg is the parser's message without BuildKit's stack decorations.
func errMsg(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

// stripComments drops the comment lines of a Dockerfile.
func stripComments(data []byte) []byte {
	var out []byte
	for _, l := range bytes.Split(data, []byte("\n")) {
		if t := bytes.TrimSpace(l); len(t) > 0 && t[0] != '#' {
			out = append(out, l...)
			out = append(out, '\n')
		}
	}
	return out
}
