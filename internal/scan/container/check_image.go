package container

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// checkDockerfile runs every Dockerfile rule over d.
func (s *Scanner) checkDockerfile(e *emitter, d *dockerfile) {
	checkPreamble(e, d)
	seen := map[string]bool{}
	for _, st := range d.stages {
		checkFrom(e, d, st)
		if st.name != "" {
			if seen[st.name] {
				e.node("dockerfile-duplicate-stage-name", st.from.node, fmt.Sprintf("stage name %q is used twice", st.name))
			}
			seen[st.name] = true
		}
		checkStageInstructions(e, d, st)
		s.checkCopies(e, d, st)
		checkRuns(e, d, st)
	}
	if fin := d.final(); fin != nil {
		checkFinalUser(e, fin)
		checkHealthcheck(e, fin)
	}
}

// checkFrom checks a FROM line: tag, digest and platform.
func checkFrom(e *emitter, d *dockerfile, st *stage) {
	n := st.from.node
	if st.platform != "" && !strings.Contains(st.platform, "$") {
		e.node("dockerfile-from-platform", n, fmt.Sprintf("platform %q is hard-coded", st.platform))
	}
	if st.parent != nil || !st.resolved || strings.EqualFold(st.base, "scratch") {
		return
	}
	ref := parseImageRef(st.base)
	switch {
	case ref.digest != "" || isImageID(ref.name):
	case ref.tag == "" || ref.tag == "latest":
		e.node("dockerfile-image-latest", n, fmt.Sprintf("image %q has %s", st.base, tagProblem(ref.tag)))
	default:
		e.node("dockerfile-image-no-digest", n, fmt.Sprintf("image %q is pinned by tag only", st.base))
	}
}

func tagProblem(tag string) string {
	if tag == "" {
		return "no tag (defaults to :latest)"
	}
	return "the :latest tag"
}

// isImageID reports whether a reference is a bare 64-hex image ID, which
// pins the image like a digest.
func isImageID(s string) bool {
	s = strings.TrimPrefix(s, "sha256:")
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

// imageRef is a parsed image reference: [registry/]name[:tag][@digest].
type imageRef struct{ name, tag, digest string }

func parseImageRef(s string) imageRef {
	var r imageRef
	if i := strings.IndexByte(s, '@'); i >= 0 {
		s, r.digest = s[:i], s[i+1:]
	}
	// A colon after the last slash separates the tag; one before it is a
	// registry port (localhost:5000/app).
	slash := strings.LastIndexByte(s, '/')
	if i := strings.LastIndexByte(s, ':'); i > slash {
		s, r.tag = s[:i], s[i+1:]
	}
	r.name = s
	return r
}

// checkPreamble checks the ARGs declared before the first FROM.
func checkPreamble(e *emitter, d *dockerfile) {
	for _, in := range d.preamble {
		checkArg(e, in)
	}
}

// checkStageInstructions runs the per-instruction rules of one stage.
func checkStageInstructions(e *emitter, d *dockerfile, st *stage) {
	var cmds, entrypoints, healthchecks int
	for _, in := range st.cmds {
		n := in.node
		switch c := in.cmd.(type) {
		case *instructions.CmdCommand:
			cmds++
			if cmds > 1 {
				e.node("dockerfile-multiple-cmd", n, "an earlier CMD in this stage is overridden")
			}
			if c.PrependShell {
				e.node("dockerfile-shell-form-cmd", n, "")
			}
		case *instructions.EntrypointCommand:
			entrypoints++
			if entrypoints > 1 {
				e.node("dockerfile-multiple-entrypoint", n, "an earlier ENTRYPOINT in this stage is overridden")
			}
			if c.PrependShell {
				e.node("dockerfile-shell-form-entrypoint", n, "")
			}
		case *instructions.HealthCheckCommand:
			healthchecks++
			if healthchecks > 1 {
				e.node("dockerfile-multiple-healthcheck", n, "an earlier HEALTHCHECK in this stage is overridden")
			}
		case *instructions.WorkdirCommand:
			if !isAbsPath(c.Path) {
				e.node("dockerfile-relative-workdir", n, fmt.Sprintf("WORKDIR %q is relative", c.Path))
			}
			for _, sys := range []string{"/proc", "/sys", "/dev", "/boot"} {
				if p := strings.Trim(c.Path, `"'`); p == sys || strings.HasPrefix(p, sys+"/") {
					e.node("dockerfile-workdir-system-dir", n, fmt.Sprintf("WORKDIR %q is a system directory", c.Path))
				}
			}
		case *instructions.MaintainerCommand:
			e.node("dockerfile-maintainer", n, "")
		case *instructions.ExposeCommand:
			checkExpose(e, in, c)
		case *instructions.OnbuildCommand:
			expr := strings.ToUpper(strings.TrimSpace(c.Expression))
			if strings.HasPrefix(expr, "ADD ") || strings.HasPrefix(expr, "COPY ") {
				e.node("dockerfile-onbuild-copy", n, "")
			}
		case *instructions.EnvCommand:
			checkEnv(e, in, c)
		case *instructions.ArgCommand:
			checkArg(e, in)
		}
	}
}

// isAbsPath accepts Unix and Windows absolute paths and paths that start
// with a variable (their value is unknown here).
func isAbsPath(p string) bool {
	p = strings.Trim(p, `"'`)
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, "$") || strings.HasPrefix(p, `\`) {
		return true
	}
	return len(p) >= 2 && p[1] == ':' // C:\app or c:/app
}
