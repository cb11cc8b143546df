package deps

import "strings"

// extractGradleLock parses gradle.lockfile lines "group:artifact:version=configs".
// Comments and the "empty=" line are skipped.
func extractGradleLock(path string, data []byte) ([]Package, error) {
	set := newPackageSet(path)
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "empty=") {
			continue
		}
		coord, _, _ := strings.Cut(line, "=")
		parts := strings.Split(coord, ":")
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			continue
		}
		set.add(Package{Ecosystem: Maven, Name: parts[0] + ":" + parts[1], Version: parts[2], Line: i + 1})
	}
	return set.sorted(), nil
}
