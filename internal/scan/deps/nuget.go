package deps

import "encoding/json"

type nugetLock struct {
	Dependencies map[string]map[string]struct {
		Type     string `json:"type"`
		Resolved string `json:"resolved"`
	} `json:"dependencies"`
}

// extractNuGetLock parses NuGet's packages.lock.json, for every target
// framework. "Project" entries are the solution's own projects and skipped.
func extractNuGetLock(path string, data []byte) ([]Package, error) {
	var lock nugetLock
	if err := json.Unmarshal(data, &lock); err != nil {
		return nil, jsonError(path, data, err)
	}
	lines := make(map[string]int)
	jsonKeyLines(data, func(p []string, line int) {
		if len(p) == 3 && p[0] == "dependencies" {
			lines[p[1]+"\x00"+p[2]] = line
		}
	})
	set := newPackageSet(path)
	for fw, deps := range lock.Dependencies {
		for name, d := range deps {
			if d.Type == "Project" || d.Resolved == "" {
				continue
			}
			set.add(Package{Ecosystem: NuGet, Name: name, Version: d.Resolved, Line: lines[fw+"\x00"+name], Direct: d.Type == "Direct"})
		}
	}
	return set.sorted(), nil
}
