package deps

import "encoding/json"

type composerLock struct {
	Packages    []composerPackage `json:"packages"`
	PackagesDev []composerPackage `json:"packages-dev"`
}

type composerPackage struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// extractComposerLock parses composer.lock: "packages" and "packages-dev".
// Versions keep their spelling ("v1.2.7"), as Packagist advisories match
// either. Branch versions ("dev-main") name no release and are skipped.
func extractComposerLock(path string, data []byte) ([]Package, error) {
	var lock composerLock
	if err := json.Unmarshal(data, &lock); err != nil {
		return nil, jsonError(path, data, err)
	}
	lines := map[string][]int{}
	jsonKeyLines(data, func(p []string, line int) {
		if len(p) == 3 && p[2] == "name" && (p[0] == "packages" || p[0] == "packages-dev") {
			lines[p[0]] = append(lines[p[0]], line)
		}
	})
	set := newPackageSet(path)
	for _, sec := range []struct {
		key  string
		pkgs []composerPackage
	}{{"packages", lock.Packages}, {"packages-dev", lock.PackagesDev}} {
		for i, p := range sec.pkgs {
			if !isRegistryVersion(p.Version) {
				continue
			}
			set.add(Package{Ecosystem: Packagist, Name: p.Name, Version: p.Version, Line: lineOrZero(lines[sec.key], i)})
		}
	}
	return set.sorted(), nil
}
