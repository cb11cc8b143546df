package deps

import (
	"encoding/json"
	"strings"
)

type poetryLock struct {
	Package []struct {
		Name    string `toml:"name"`
		Version string `toml:"version"`
		Source  struct {
			Type string `toml:"type"`
		} `toml:"source"`
	} `toml:"package"`
}

// extractPoetryLock parses poetry.lock. Packages installed from a local
// directory, file or URL are skipped; git checkouts keep their declared
// version (as osv-scanner does) and "legacy" sources are package indexes.
func extractPoetryLock(path string, data []byte) ([]Package, error) {
	var lock poetryLock
	if err := decodeTOML(path, data, &lock); err != nil {
		return nil, err
	}
	lines := tableLines(data, "package")
	set := newPackageSet(path)
	for i, p := range lock.Package {
		switch p.Source.Type {
		case "directory", "file", "url":
			continue
		}
		set.add(Package{Ecosystem: PyPI, Name: normalizePyName(p.Name), Version: p.Version, Line: lineOrZero(lines, i)})
	}
	return set.sorted(), nil
}

type uvLock struct {
	Package []struct {
		Name    string         `toml:"name"`
		Version string         `toml:"version"`
		Source  map[string]any `toml:"source"`
		Deps    []struct {
			Name string `toml:"name"`
		} `toml:"dependencies"`
		DevDeps map[string][]struct {
			Name string `toml:"name"`
		} `toml:"dev-dependencies"`
	} `toml:"package"`
}

// extractUVLock parses uv.lock. Only packages from a registry are kept; the
// project itself (a virtual or editable source) names the direct
// dependencies.
func extractUVLock(path string, data []byte) ([]Package, error) {
	var lock uvLock
	if err := decodeTOML(path, data, &lock); err != nil {
		return nil, err
	}
	direct := make(map[string]bool)
	for _, p := range lock.Package {
		if p.Source["virtual"] != nil || p.Source["editable"] != nil {
			for _, d := range p.Deps {
				direct[normalizePyName(d.Name)] = true
			}
			for _, group := range p.DevDeps {
				for _, d := range group {
					direct[normalizePyName(d.Name)] = true
				}
			}
		}
	}
	lines := tableLines(data, "package")
	set := newPackageSet(path)
	for i, p := range lock.Package {
		if p.Source["registry"] == nil {
			continue
		}
		name := normalizePyName(p.Name)
		set.add(Package{Ecosystem: PyPI, Name: name, Version: p.Version, Line: lineOrZero(lines, i), Direct: direct[name]})
	}
	return set.sorted(), nil
}

type pdmLock struct {
	Package []struct {
		Name    string `toml:"name"`
		Version string `toml:"version"`
		Path    string `toml:"path"`
		URL     string `toml:"url"`
	} `toml:"package"`
}

// extractPDMLock parses pdm.lock, skipping local paths and URLs; git
// checkouts keep their declared version, as in poetry.lock.
func extractPDMLock(path string, data []byte) ([]Package, error) {
	var lock pdmLock
	if err := decodeTOML(path, data, &lock); err != nil {
		return nil, err
	}
	lines := tableLines(data, "package")
	set := newPackageSet(path)
	for i, p := range lock.Package {
		if p.Path != "" || p.URL != "" {
			continue
		}
		set.add(Package{Ecosystem: PyPI, Name: normalizePyName(p.Name), Version: p.Version, Line: lineOrZero(lines, i)})
	}
	return set.sorted(), nil
}

type pipfileLock struct {
	Default map[string]pipfileEntry `json:"default"`
	Develop map[string]pipfileEntry `json:"develop"`
}

type pipfileEntry struct {
	Version string `json:"version"`
}

// extractPipfileLock parses Pipfile.lock ("default" and "develop"). Entries
// without a "==" version (git, path, editable) are skipped.
func extractPipfileLock(path string, data []byte) ([]Package, error) {
	var lock pipfileLock
	if err := json.Unmarshal(data, &lock); err != nil {
		return nil, jsonError(path, data, err)
	}
	lines := make(map[string]int)
	jsonKeyLines(data, func(p []string, line int) {
		if len(p) == 2 && (p[0] == "default" || p[0] == "develop") {
			lines[p[0]+"\x00"+p[1]] = line
		}
	})
	set := newPackageSet(path)
	for _, section := range []string{"default", "develop"} {
		m := lock.Default
		if section == "develop" {
			m = lock.Develop
		}
		for name, e := range m {
			v, ok := strings.CutPrefix(e.Version, "==")
			if !ok {
				continue
			}
			set.add(Package{Ecosystem: PyPI, Name: normalizePyName(name), Version: strings.TrimPrefix(v, "="), Line: lines[section+"\x00"+name]})
		}
	}
	return set.sorted(), nil
}
