package deps

type cargoLock struct {
	Package []struct {
		Name    string `toml:"name"`
		Version string `toml:"version"`
		Source  string `toml:"source"`
	} `toml:"package"`
}

// extractCargoLock parses Cargo.lock (v1 to v4). Workspace members and path
// dependencies have no source and are skipped: they are the project's own
// crates, not crates.io releases.
func extractCargoLock(path string, data []byte) ([]Package, error) {
	var lock cargoLock
	if err := decodeTOML(path, data, &lock); err != nil {
		return nil, err
	}
	lines := tableLines(data, "package")
	set := newPackageSet(path)
	for i, p := range lock.Package {
		if p.Source == "" {
			continue
		}
		set.add(Package{Ecosystem: CratesIO, Name: p.Name, Version: p.Version, Line: lineOrZero(lines, i)})
	}
	return set.sorted(), nil
}
