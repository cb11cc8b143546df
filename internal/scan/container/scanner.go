package container

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
)

// Source is the finding source of every container finding.
const Source = "secaudit/container"

// maxEvidence bounds a finding's evidence, in runes.
const maxEvidence = 200

// Scanner checks Dockerfiles and compose files. It is safe for concurrent use.
type Scanner struct {
	fsys  fs.FS
	rules map[string]Rule
}

var _ scan.Scanner = (*Scanner)(nil)

// New builds the container scanner from env. Rules listed in
// env.Config.Container.Disable do not run; an unknown rule ID there is an
// error, so that a typo does not silently keep a rule on.
func New(env scan.Env) (scan.Scanner, error) {
	s := &Scanner{fsys: env.FS, rules: map[string]Rule{}}
	for _, r := range Rules() {
		s.rules[r.ID] = r
	}
	if env.Config == nil {
		return s, nil
	}
	for _, id := range env.Config.Container.Disable {
		if _, ok := s.rules[id]; !ok {
			return nil, fmt.Errorf("container.disable: unknown rule %q", id)
		}
		delete(s.rules, id)
	}
	return s, nil
}

// Name returns "container".
func (s *Scanner) Name() string { return "container" }

// Wants reports whether path names a Dockerfile, Containerfile or compose
// file: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile,
// Containerfile.*, docker-compose*.yml|yaml and compose*.yml|yaml. Names
// like Dockerfile.md, Dockerfile.j2 or Dockerfile.dockerignore, which are
// documentation, templates or ignore files, are not Dockerfiles. Other YAML
// files are wanted as possible Kubernetes manifests; Scan reports nothing
// for those that are not.
func (s *Scanner) Wants(p string) bool {
	return isDockerfile(p) || isCompose(p) || isManifestCandidate(p)
}

// notDockerfileExt are extensions that, after "Dockerfile.", mark a file
// that is not itself a Dockerfile: documentation, policies, scripts and
// templates whose syntax the Dockerfile parser would reject.
var notDockerfileExt = map[string]bool{".md": true, ".rst": true, ".adoc": true, ".txt": true, ".html": true,
	".rego": true, ".json": true, ".yaml": true, ".yml": true, ".toml": true, ".sh": true, ".py": true,
	".go": true, ".js": true, ".j2": true, ".jinja": true, ".jinja2": true, ".tmpl": true, ".tpl": true,
	".template": true, ".erb": true, ".mustache": true, ".hbs": true, ".gotmpl": true, ".bak": true,
	".orig": true, ".swp": true, ".dockerignore": true}

func isDockerfile(p string) bool {
	base := path.Base(p)
	for _, name := range []string{"Dockerfile", "Containerfile", "dockerfile", "containerfile"} {
		if base == name {
			return true
		}
		if strings.HasPrefix(base, name+".") {
			return !notDockerfileExt[strings.ToLower(path.Ext(base))]
		}
	}
	return strings.HasSuffix(base, ".Dockerfile") || strings.HasSuffix(base, ".dockerfile") ||
		strings.HasSuffix(base, ".Containerfile")
}

func isCompose(p string) bool {
	base := strings.ToLower(path.Base(p))
	ext := path.Ext(base)
	if ext != ".yml" && ext != ".yaml" {
		return false
	}
	return strings.HasPrefix(base, "docker-compose") || strings.HasPrefix(base, "compose")
}

// Scan checks one file. A Dockerfile the BuildKit parser rejects, or a
// compose file compose-go cannot load, yields an error naming the file and,
// when known, the line; findings from the parts that parsed are still
// returned.
func (s *Scanner) Scan(ctx context.Context, f scan.File) (out []finding.Finding, err error) {
	defer func() {
		// The parsers are third-party code fed untrusted input: a panic in
		// them must become a per-file error, not take the run down.
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%s: internal error while checking: %v", f.Path, r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch {
	case isDockerfile(f.Path):
		return s.scanDockerfile(f)
	case isCompose(f.Path):
		return s.scanCompose(ctx, f)
	}
	return s.scanKubernetes(f), nil
}

func (s *Scanner) scanDockerfile(f scan.File) ([]finding.Finding, error) {
	d, perr := parseDockerfile(f.Path, f.Data)
	var out []finding.Finding
	if d != nil {
		e := &emitter{s: s, path: f.Path, kind: "dockerfile"}
		s.checkDockerfile(e, d)
		out = e.finish()
	}
	if perr != nil {
		return out, fmt.Errorf("parse dockerfile %s: %w", f.Path, perr)
	}
	return out, nil
}

// hasDockerignore reports whether a .dockerignore applies to the Dockerfile
// at p: one next to it, one named "<Dockerfile>.dockerignore", or one at the
// root of the scanned tree (the usual build context). ok is false when
// there is no file system to look in.
func (s *Scanner) hasDockerignore(p string) (found, ok bool) {
	if s.fsys == nil {
		return false, false
	}
	for _, c := range []string{path.Join(path.Dir(p), ".dockerignore"), p + ".dockerignore", ".dockerignore"} {
		if _, err := fs.Stat(s.fsys, c); err == nil {
			return true, true
		}
	}
	return false, true
}
