package deps

import (
	"regexp"
	"strings"
)

// mixHex matches a hex entry of mix.lock:
//
//	"plug": {:hex, :plug, "1.14.0", "ba4f...", [:mix], [...], "hexpm", "bf02..."},
//
// The package name is the atom after :hex (it may differ from the key).
var mixHex = regexp.MustCompile(`^\s*"([^"]+)"\s*:\s*\{\s*:hex\s*,\s*:"?([A-Za-z0-9_\-]+)"?\s*,\s*"([^"]+)"`)

// extractMixLock parses Elixir's mix.lock. Only hex packages are kept; git
// and path dependencies name no release.
func extractMixLock(path string, data []byte) ([]Package, error) {
	set := newPackageSet(path)
	for i, line := range strings.Split(string(data), "\n") {
		m := mixHex.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		set.add(Package{Ecosystem: Hex, Name: m[2], Version: m[3], Line: i + 1})
	}
	return set.sorted(), nil
}
