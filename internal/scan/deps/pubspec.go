package deps

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// extractPubspecLock parses Dart's pubspec.lock. Packages from a path or the
// SDK are skipped; "direct main", "direct dev" and "direct overridden" are
// direct.
func extractPubspecLock(path string, data []byte) ([]Package, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: invalid YAML: %w", path, err)
	}
	pkgs := mapValue(mappingRoot(&doc), "packages")
	if pkgs == nil || pkgs.Kind != yaml.MappingNode {
		return nil, nil
	}
	set := newPackageSet(path)
	for i := 0; i+1 < len(pkgs.Content); i += 2 {
		k, v := pkgs.Content[i], pkgs.Content[i+1]
		src, ver, dep := mapValue(v, "source"), mapValue(v, "version"), mapValue(v, "dependency")
		if ver == nil || src != nil && (src.Value == "path" || src.Value == "sdk") {
			continue
		}
		direct := dep != nil && strings.HasPrefix(dep.Value, "direct")
		set.add(Package{Ecosystem: Pub, Name: k.Value, Version: ver.Value, Line: k.Line, Direct: direct})
	}
	return set.sorted(), nil
}
