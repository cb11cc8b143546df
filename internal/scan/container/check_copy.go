package container

import (
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// checkCopies runs the ADD and COPY rules of one stage.
func (s *Scanner) checkCopies(e *emitter, d *dockerfile, st *stage) {
	for _, in := range st.cmds {
		switch c := in.cmd.(type) {
		case *instructions.AddCommand:
			srcs := unquoteAll(c.SourcePaths)
			checkAdd(e, in, c, srcs)
			credentialsInAdd(e, in, srcs)
			s.checkContext(e, d, in, srcs, "")
			checkCredentialCopy(e, in, srcs, "")
		case *instructions.CopyCommand:
			srcs := unquoteAll(c.SourcePaths)
			if c.From != "" && st.name != "" && strings.EqualFold(c.From, st.name) {
				e.node("dockerfile-copy-from-self", in.node, fmt.Sprintf("stage %q copies from itself", st.name))
			}
			s.checkContext(e, d, in, srcs, c.From)
			checkCredentialCopy(e, in, srcs, c.From)
			if dest := unquote(c.DestPath); len(srcs) > 1 && !strings.HasSuffix(dest, "/") && !strings.Contains(dest, "$") {
				e.node("dockerfile-copy-dest-not-dir", in.node, fmt.Sprintf("%d sources are copied to %q", len(srcs), dest))
			}
		}
	}
}

// checkAdd reports ADD of a remote URL without --checksum and ADD of local
// files that are not archives (where COPY would do).
func checkAdd(e *emitter, in instr, c *instructions.AddCommand, srcs []string) {
	for _, src := range srcs {
		switch {
		case isGitSource(src):
		case isURL(src):
			if c.Checksum == "" {
				e.node("dockerfile-add-remote", in.node, fmt.Sprintf("%s is downloaded without a checksum", src))
			}
			if u := plainHTTP([]string{src}); u != "" {
				e.node("dockerfile-plain-http-download", in.node, u+" is fetched over plain HTTP")
			}
		case !isArchive(src) && !strings.Contains(src, "$"):
			e.node("dockerfile-add-local", in.node, fmt.Sprintf("%s is a local file", src))
			return
		}
	}
}

// unquote strips the quotes the shell-form parser leaves on a path
// (ADD "a.tar.gz" "dest"); BuildKit removes them only when it expands words.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

func unquoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = unquote(s)
	}
	return out
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func isGitSource(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "git@") || strings.HasPrefix(l, "git://") || strings.HasSuffix(l, ".git") ||
		strings.Contains(l, ".git#")
}

// isArchive reports whether ADD would unpack src: local tar archives, also
// compressed, are extracted into the destination.
func isArchive(src string) bool {
	l := strings.ToLower(src)
	for _, ext := range []string{".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz",
		".tar.zst", ".tzst", ".tar.lz", ".tar.lzma", ".gz", ".bz2", ".xz", ".zst"} {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	return false
}

// checkContext reports COPY/ADD of the whole build context when no
// .dockerignore applies.
func (s *Scanner) checkContext(e *emitter, d *dockerfile, in instr, srcs []string, from string) {
	if from != "" || !e.enabled("dockerfile-copy-context-no-dockerignore") {
		return
	}
	whole := false
	for _, src := range srcs {
		if c := path.Clean(strings.TrimSpace(src)); c == "." || c == "/" || c == "*" || c == "./*" {
			whole = true
		}
	}
	if !whole {
		return
	}
	if found, ok := s.hasDockerignore(d.path); ok && !found {
		e.node("dockerfile-copy-context-no-dockerignore", in.node, "the whole build context is copied and no .dockerignore was found")
	}
}

// checkCredentialCopy reports COPY/ADD of private keys and credential files
// from the build context.
func checkCredentialCopy(e *emitter, in instr, srcs []string, from string) {
	if from != "" {
		return
	}
	for _, src := range srcs {
		if credentialFile(src) {
			e.node("dockerfile-secret-file-copy", in.node, fmt.Sprintf("%s looks like a credential file", src))
			return
		}
	}
}
