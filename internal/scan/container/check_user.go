package container

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// checkFinalUser reports a final image whose effective user is root: the
// last USER of the final stage (or of the stages it builds on) is root, or
// there is none and the base image does not advertise a non-root default
// (distroless ":nonroot" style tags).
func checkFinalUser(e *emitter, fin *stage) {
	for s := fin; s != nil; s = s.parent {
		for i := len(s.cmds) - 1; i >= 0; i-- {
			u, ok := s.cmds[i].cmd.(*instructions.UserCommand)
			if !ok {
				continue
			}
			if isRootUser(u.User) {
				e.node("dockerfile-root-user", s.cmds[i].node, fmt.Sprintf("the last USER of the final image is %q", u.User))
			}
			return
		}
		if s.parent == nil && (nonRootImage(s.base) || s.unknownStage) {
			return
		}
	}
	e.missing("dockerfile-root-user", fin.from.node, "missing-user:"+stageKey(fin),
		"the final stage has no USER instruction, so it runs as the base image's user (root for most images)")
}

// isRootUser reports whether a USER value names root by name or ID.
func isRootUser(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return name == "root" || name == "0"
}

func nonRootImage(ref string) bool {
	r := strings.ToLower(ref)
	return strings.Contains(r, "nonroot") || strings.Contains(r, "rootless") || strings.Contains(r, "non-root")
}

// stageKey names a stage for fingerprints: its name, else its index.
func stageKey(s *stage) string {
	if s.name != "" {
		return s.name
	}
	return strconv.Itoa(s.index)
}

// checkHealthcheck reports a final image with no HEALTHCHECK at all. An
// explicit HEALTHCHECK NONE counts as a decision and is not reported.
func checkHealthcheck(e *emitter, fin *stage) {
	for s := fin; s != nil; s = s.parent {
		if s.parent == nil && s.unknownStage {
			return
		}
		for _, in := range s.cmds {
			if _, ok := in.cmd.(*instructions.HealthCheckCommand); ok {
				return
			}
		}
	}
	e.missing("dockerfile-missing-healthcheck", fin.from.node, "missing-healthcheck:"+stageKey(fin),
		"the final stage defines no HEALTHCHECK")
}

// checkExpose reports port 22 (also inside a range) and ports out of range.
func checkExpose(e *emitter, in instr, c *instructions.ExposeCommand) {
	for _, p := range c.Ports {
		port, _, _ := strings.Cut(p, "/")
		if strings.Contains(port, "$") {
			continue
		}
		loS, hiS, isRange := strings.Cut(port, "-")
		if !isRange {
			hiS = loS
		}
		lo, err1 := strconv.Atoi(loS)
		hi, err2 := strconv.Atoi(hiS)
		if err1 != nil || err2 != nil || lo < 0 || hi > 65535 || lo > hi {
			e.node("dockerfile-expose-invalid-port", in.node, fmt.Sprintf("port %q is not a valid port", p))
			continue
		}
		if lo <= 22 && 22 <= hi {
			e.node("dockerfile-expose-ssh", in.node, "")
		}
	}
}
