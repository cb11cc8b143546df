package deps

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// extractPnpmLock parses pnpm-lock.yaml: v5 package keys "/name/1.2.3_peer",
// v6 "/name@1.2.3(peer)", v9 "name@1.2.3". Packages the importers list are
// direct. Keys that do not resolve to a registry version (file:, link:, git
// tarballs) are skipped.
func extractPnpmLock(path string, data []byte) ([]Package, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: invalid YAML: %w", path, err)
	}
	root := mappingRoot(&doc)
	if root == nil {
		return nil, nil
	}
	v5 := false
	if n := mapValue(root, "lockfileVersion"); n != nil {
		if f, err := strconv.ParseFloat(strings.Trim(n.Value, `'"`), 64); err == nil && f < 6 {
			v5 = true
		}
	}
	direct := pnpmDirect(root)
	set := newPackageSet(path)
	pkgs := mapValue(root, "packages")
	if pkgs == nil || pkgs.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(pkgs.Content); i += 2 {
		k, v := pkgs.Content[i], pkgs.Content[i+1]
		name, version, ok := parsePnpmKey(k.Value, v5)
		if !ok {
			name, version, ok = pnpmTarball(v)
		}
		if !ok {
			continue
		}
		set.add(Package{Ecosystem: NPM, Name: name, Version: version, Line: k.Line, Direct: direct[name+"@"+version]})
	}
	return set.sorted(), nil
}

// pnpmTarball returns the name and version a package installed from an
// HTTP registry tarball declares (its key is the URL). Tarballs without
// the registry layout ".../-/name-1.2.3.tgz" are git archives
// (codeload.github.com) and name no release.
func pnpmTarball(entry *yaml.Node) (name, version string, ok bool) {
	res := mapValue(entry, "resolution")
	tarball := mapValue(res, "tarball")
	n, v := mapValue(entry, "name"), mapValue(entry, "version")
	if tarball == nil || n == nil || v == nil || !strings.HasPrefix(tarball.Value, "http") || !strings.Contains(tarball.Value, "/-/") {
		return "", "", false
	}
	if !validNPMName(n.Value) || !isRegistryVersion(v.Value) {
		return "", "", false
	}
	return n.Value, v.Value, true
}

// parsePnpmKey splits a "packages" key into name and version. A key may
// start with the registry host ("registry.npmjs.org/foo/1.0.0") when the
// package came from a non-default registry.
func parsePnpmKey(key string, v5 bool) (name, version string, ok bool) {
	if !strings.HasPrefix(key, "/") && !strings.HasPrefix(key, "@") {
		if host, rest, found := strings.Cut(key, "/"); found && strings.Contains(host, ".") && !strings.Contains(host, "@") {
			key = rest
		}
	}
	key = strings.TrimPrefix(key, "/")
	if v5 {
		i := strings.LastIndex(key, "/")
		if i <= 0 {
			return "", "", false
		}
		name, version = key[:i], key[i+1:]
		if j := strings.Index(version, "_"); j >= 0 {
			version = version[:j]
		}
	} else {
		if j := strings.Index(key, "("); j >= 0 {
			key = key[:j]
		}
		var ref string
		name, ref, ok = splitNameAt(key)
		if !ok {
			return "", "", false
		}
		version = ref
		if real, v, isAlias := npmAlias(ref); isAlias { // "alias@npm:real@1.0.0"
			name, version = real, v
		}
	}
	if !isRegistryVersion(version) || !validNPMName(name) {
		return "", "", false
	}
	return name, version, true
}

// pnpmDirect returns "name@version" for every dependency an importer (or a
// v5 single-project lockfile's top level) declares.
func pnpmDirect(root *yaml.Node) map[string]bool {
	out := make(map[string]bool)
	collect := func(section *yaml.Node) {
		for _, kind := range []string{"dependencies", "devDependencies", "optionalDependencies"} {
			deps := mapValue(section, kind)
			if deps == nil || deps.Kind != yaml.MappingNode {
				continue
			}
			for i := 0; i+1 < len(deps.Content); i += 2 {
				v := deps.Content[i+1]
				ver := v.Value
				if v.Kind == yaml.MappingNode {
					if n := mapValue(v, "version"); n != nil {
						ver = n.Value
					}
				}
				if j := strings.IndexAny(ver, "(_"); j >= 0 {
					ver = ver[:j]
				}
				out[deps.Content[i].Value+"@"+ver] = true
			}
		}
	}
	collect(root)
	if imp := mapValue(root, "importers"); imp != nil && imp.Kind == yaml.MappingNode {
		for i := 1; i < len(imp.Content); i += 2 {
			collect(imp.Content[i])
		}
	}
	return out
}

// mappingRoot returns the top-level mapping of a YAML document, or nil.
func mappingRoot(doc *yaml.Node) *yaml.Node {
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return nil
	}
	return doc
}

// mapValue returns the value of key in a YAML mapping node, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
