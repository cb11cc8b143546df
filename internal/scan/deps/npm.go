package deps

import (
	"encoding/json"
	"strings"
)

// packageLock is the part of package-lock.json / npm-shrinkwrap.json we read:
// lockfileVersion 1 has the nested "dependencies" tree, 2 has both, 3 only
// "packages", keyed by node_modules path.
type packageLock struct {
	LockfileVersion int                         `json:"lockfileVersion"`
	Packages        map[string]packageLockEntry `json:"packages"`
	Dependencies    map[string]packageLockDep   `json:"dependencies"`
}

type packageLockEntry struct {
	Name                 string            `json:"name"`
	Version              string            `json:"version"`
	Resolved             string            `json:"resolved"`
	Link                 bool              `json:"link"`
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
}

type packageLockDep struct {
	Version      string                    `json:"version"`
	Dependencies map[string]packageLockDep `json:"dependencies"`
}

// extractPackageLock parses npm's package-lock.json and npm-shrinkwrap.json.
// The "packages" map wins when present (lockfile v2 and v3); v1 files use the
// "dependencies" tree. Links, workspace members and non-registry versions
// (file:, git URLs) are skipped: no advisory can name them.
func extractPackageLock(path string, data []byte) ([]Package, error) {
	return extractPackageLockWith(path, data, nil)
}

// extractPackageLockWith is extractPackageLock knowing the dependencies the
// package.json next to the lockfile declares (name to range), which v1
// lockfiles need to tell direct dependencies from hoisted transitive ones.
func extractPackageLockWith(path string, data []byte, declared map[string]string) ([]Package, error) {
	var lock packageLock
	if err := json.Unmarshal(data, &lock); err != nil {
		return nil, jsonError(path, data, err)
	}
	lines := npmKeyLines(data)
	set := newPackageSet(path)
	if len(lock.Packages) > 0 {
		// The root and the workspace members (keys without node_modules/)
		// declare the direct dependencies.
		var members []packageLockEntry
		for key, e := range lock.Packages {
			if !strings.Contains(key, "node_modules/") {
				members = append(members, e)
			}
		}
		for key, e := range lock.Packages {
			name, ok := nodeModulesName(key)
			if !ok || e.Link || !fromRegistry(e.Resolved) {
				continue
			}
			if e.Name != "" {
				name = e.Name // an alias: "node_modules/x" installed from npm:real@v
			}
			version := e.Version
			if n, v, ok := npmAlias(version); ok {
				name, version = n, v
			}
			if !isRegistryVersion(version) {
				continue
			}
			installed, _ := nodeModulesName(key)
			direct := strings.Count(key, "node_modules/") == 1 && anyDeclares(members, installed)
			set.add(Package{Ecosystem: NPM, Name: name, Version: version, Line: lines["packages\x00"+key], Direct: direct})
		}
		return set.sorted(), nil
	}
	walkPackageLockV1(set, lines, "dependencies", lock.Dependencies, declared)
	return set.sorted(), nil
}

// anyDeclares reports whether one of the entries declares name.
func anyDeclares(entries []packageLockEntry, name string) bool {
	for _, e := range entries {
		if e.declares(name) {
			return true
		}
	}
	return false
}

// declares reports whether the root package lists name as a dependency of
// any kind.
func (e packageLockEntry) declares(name string) bool {
	for _, m := range []map[string]string{e.Dependencies, e.DevDependencies, e.OptionalDependencies, e.PeerDependencies} {
		if _, ok := m[name]; ok {
			return true
		}
	}
	return false
}

// walkPackageLockV1 walks a v1 "dependencies" tree. Only top-level entries
// can be direct: those package.json declares (declared is nil at depth).
func walkPackageLockV1(set *packageSet, lines map[string]int, prefix string, deps map[string]packageLockDep, declared map[string]string) {
	for name, d := range deps {
		key := prefix + "\x00" + name
		pkgName, version := name, d.Version
		if n, v, ok := npmAlias(version); ok {
			pkgName, version = n, v
		}
		if isRegistryVersion(version) {
			_, direct := declared[name]
			set.add(Package{Ecosystem: NPM, Name: pkgName, Version: version, Line: lines[key], Direct: direct})
		}
		if len(d.Dependencies) > 0 {
			walkPackageLockV1(set, lines, key+"\x00dependencies", d.Dependencies, nil)
		}
	}
}

// npmKeyLines maps the keys of "packages" entries and of the v1
// "dependencies" tree (joined with NUL) to their line.
func npmKeyLines(data []byte) map[string]int {
	lines := make(map[string]int)
	jsonKeyLines(data, func(p []string, line int) {
		switch {
		case len(p) == 2 && p[0] == "packages":
			lines["packages\x00"+p[1]] = line
		case len(p)%2 == 0 && p[0] == "dependencies" && isV1DepPath(p):
			lines[strings.Join(p, "\x00")] = line
		}
	})
	return lines
}

func isV1DepPath(p []string) bool {
	for i := 0; i < len(p); i += 2 {
		if p[i] != "dependencies" {
			return false
		}
	}
	return true
}

// nodeModulesName returns the package name a "packages" key installs: the
// part after the last node_modules/. Keys without node_modules/ are the root
// or workspace members.
func nodeModulesName(key string) (string, bool) {
	i := strings.LastIndex(key, "node_modules/")
	if i < 0 {
		return "", false
	}
	name := key[i+len("node_modules/"):]
	return name, name != ""
}

// npmAlias splits an alias "npm:real-name@1.2.3" (or a range after the
// "@"); "npm:real-name" alone has an empty version.
func npmAlias(v string) (name, version string, ok bool) {
	rest, ok := strings.CutPrefix(v, "npm:")
	if !ok || rest == "" {
		return "", "", false
	}
	at := strings.LastIndex(rest, "@")
	if at <= 0 {
		return rest, "", true
	}
	return rest[:at], rest[at+1:], true
}

// isRegistryVersion reports whether v looks like a published version rather
// than a path, URL, tag or commit (file:, link:, git+https:, github:user/repo,
// a bare commit hash).
func isRegistryVersion(v string) bool {
	if v == "" || strings.ContainsAny(v, ":/ ") || isCommitHash(v) {
		return false
	}
	return v[0] >= '0' && v[0] <= '9' || v[0] == 'v' && len(v) > 1 && v[1] >= '0' && v[1] <= '9'
}

// isCommitHash reports whether v is an abbreviated or full git commit
// hash rather than a version: 7 to 40 hex digits, no dot.
func isCommitHash(v string) bool {
	if len(v) < 7 || len(v) > 40 {
		return false
	}
	for _, c := range v {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// fromRegistry reports whether an npm "resolved" location is a registry
// tarball, or unknown (""), rather than a git checkout or local file: a
// package built from a commit has the version of its package.json, which
// names no published release.
func fromRegistry(resolved string) bool {
	for _, p := range []string{"git+", "git:", "git@", "github:", "gitlab:", "bitbucket:", "file:", "link:"} {
		if strings.HasPrefix(resolved, p) {
			return false
		}
	}
	return true
}

// validNPMName reports whether name can be an npm package name: "name" or
// "@scope/name", never a path or URL.
func validNPMName(name string) bool {
	if name == "" || strings.ContainsAny(name, ": ") {
		return false
	}
	scope, rest, scoped := strings.Cut(name, "/")
	if !scoped {
		return true
	}
	return strings.HasPrefix(scope, "@") && len(scope) > 1 && rest != "" && !strings.Contains(rest, "/")
}

// packageJSON is the part of package.json that names direct dependencies.
type packageJSON struct {
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
}

// declaredDeps returns every dependency a package.json declares, name to
// range; nil when data is not a package.json (then nothing is marked
// direct, which is the honest default).
func declaredDeps(data []byte) map[string]string {
	var pj packageJSON
	if json.Unmarshal(data, &pj) != nil {
		return nil
	}
	out := make(map[string]string)
	for _, m := range []map[string]string{pj.PeerDependencies, pj.OptionalDependencies, pj.DevDependencies, pj.Dependencies} {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}
