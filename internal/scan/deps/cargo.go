package deps

import "strings"

type cargoLock struct {
	Package []struct {
		Name    string   `toml:"name"`
		Version string   `toml:"version"`
		Source  string   `toml:"source"`
		Deps    []string `toml:"dependencies"`
	} `toml:"package"`
}

// extractCargoLock parses Cargo.lock (v1 to v4). Workspace members and path
// dependencies have no source and are skipped: they are the project's own
// crates, not crates.io releases. What they depend on is direct.
func extractCargoLock(path string, data []byte) ([]Package, error) {
	var lock cargoLock
	if err := decodeTOML(path, data, &lock); err != nil {
		return nil, err
	}
	// A dependency is "name", or "name version" when several versions are
	// locked (v2+), or "name version (source)" in v1.
	direct := make(map[string]bool)
	for _, p := range lock.Package {
		if p.Source != "" {
			continue
		}
		for _, d := range p.Deps {
			f := strings.Fields(d)
			if len(f) == 1 {
				direct[f[0]] = true
			} else if len(f) > 1 {
				direct[f[0]+" "+f[1]] = true
			}
		}
	}
	lines := tableLines(data, "package")
	set := newPackageSet(path)
	for i, p := range lock.Package {
		if p.Source == "" {
			continue
		}
		d := direct[p.Name] || direct[p.Name+" "+p.Version]
		set.add(Package{Ecosystem: CratesIO, Name: p.Name, Version: p.Version, Line: lineOrZero(lines, i), Direct: d})
	}
	return set.sorted(), nil
}
