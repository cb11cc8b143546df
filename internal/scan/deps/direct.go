package deps

import (
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// siblingManifests names, per lockfile base name, the manifest beside it
// that declares the project's direct dependencies, and how to read their
// names from it. npm lockfiles are handled by their extractors, which need
// the declared ranges too.
var siblingManifests = map[string]struct {
	file  string
	names func([]byte) map[string]bool
}{
	"composer.lock": {"composer.json", composerDirect},
	"Pipfile.lock":  {"Pipfile", pipfileDirect},
	"poetry.lock":   {"pyproject.toml", pyprojectDirect},
	"pdm.lock":      {"pyproject.toml", pyprojectDirect},
}

// markDirect sets Direct on the packages the manifest beside lockfile
// declares, when there is one in fsys. Nothing is marked when it is missing
// or unreadable: "not known to be direct" is the honest default.
func markDirect(fsys fs.FS, lockfile string, pkgs []Package) {
	m, ok := siblingManifests[path.Base(lockfile)]
	if !ok || fsys == nil {
		return
	}
	data, err := fs.ReadFile(fsys, path.Join(path.Dir(lockfile), m.file))
	if err != nil {
		return
	}
	names := m.names(decodeText(data))
	for i := range pkgs {
		if names[pkgs[i].Name] {
			pkgs[i].Direct = true
		}
	}
}

// composerDirect reads the require and require-dev keys of composer.json.
func composerDirect(data []byte) map[string]bool {
	var cj struct {
		Require    map[string]string `json:"require"`
		RequireDev map[string]string `json:"require-dev"`
	}
	if json.Unmarshal(data, &cj) != nil {
		return nil
	}
	out := make(map[string]bool)
	for _, m := range []map[string]string{cj.Require, cj.RequireDev} {
		for k := range m {
			out[strings.ToLower(k)] = true
		}
	}
	return out
}

// pipfileDirect reads the [packages] and [dev-packages] of a Pipfile.
func pipfileDirect(data []byte) map[string]bool {
	var pf struct {
		Packages    map[string]any `toml:"packages"`
		DevPackages map[string]any `toml:"dev-packages"`
	}
	if _, err := toml.Decode(string(data), &pf); err != nil {
		return nil
	}
	out := make(map[string]bool)
	for _, m := range []map[string]any{pf.Packages, pf.DevPackages} {
		for k := range m {
			out[normalizePyName(k)] = true
		}
	}
	return out
}

// pep508Name matches the project name a PEP 508 requirement starts with.
var pep508Name = regexp.MustCompile(`^\s*([A-Za-z0-9][A-Za-z0-9._-]*)`)

// pyprojectDirect reads the dependencies of a pyproject.toml: PEP 621
// [project] dependencies and optional-dependencies, PEP 735
// [dependency-groups], and Poetry's [tool.poetry.*dependencies] tables.
func pyprojectDirect(data []byte) map[string]bool {
	var pp struct {
		Project struct {
			Dependencies         []string            `toml:"dependencies"`
			OptionalDependencies map[string][]string `toml:"optional-dependencies"`
		} `toml:"project"`
		DependencyGroups map[string][]any `toml:"dependency-groups"`
		Tool             struct {
			Poetry struct {
				Dependencies    map[string]any `toml:"dependencies"`
				DevDependencies map[string]any `toml:"dev-dependencies"`
				Group           map[string]struct {
					Dependencies map[string]any `toml:"dependencies"`
				} `toml:"group"`
			} `toml:"poetry"`
		} `toml:"tool"`
	}
	if _, err := toml.Decode(string(data), &pp); err != nil {
		return nil
	}
	out := make(map[string]bool)
	addReq := func(req string) {
		if m := pep508Name.FindStringSubmatch(req); m != nil {
			out[normalizePyName(m[1])] = true
		}
	}
	for _, r := range pp.Project.Dependencies {
		addReq(r)
	}
	for _, group := range pp.Project.OptionalDependencies {
		for _, r := range group {
			addReq(r)
		}
	}
	for _, group := range pp.DependencyGroups {
		for _, r := range group {
			if s, ok := r.(string); ok { // tables are {include-group = ...}
				addReq(s)
			}
		}
	}
	poetry := pp.Tool.Poetry
	tables := []map[string]any{poetry.Dependencies, poetry.DevDependencies}
	for _, g := range poetry.Group {
		tables = append(tables, g.Dependencies)
	}
	for _, t := range tables {
		for k := range t {
			if k != "python" {
				out[normalizePyName(k)] = true
			}
		}
	}
	return out
}
