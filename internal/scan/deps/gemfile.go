package deps

import (
	"strings"
)

// extractGemfileLock parses Gemfile.lock. Gems come from the "specs:" of the
// GEM and GIT sections (PATH sections are local gems and skipped); platform
// suffixes ("1.19.0-x86_64-linux") are stripped, so a gem vendored for
// several platforms is one package. Gems named in DEPENDENCIES are direct.
func extractGemfileLock(path string, data []byte) ([]Package, error) {
	type gem struct {
		name, version string
		line          int
	}
	var (
		gems    []gem
		direct  = make(map[string]bool)
		section string
		inSpecs bool
	)
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimRight(raw, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] != ' ' {
			section, inSpecs = strings.TrimSpace(line), false
			continue
		}
		indent := indentOf(line)
		text := strings.TrimSpace(line)
		switch section {
		case "GEM", "GIT":
			if indent == 2 {
				inSpecs = text == "specs:"
				continue
			}
			if !inSpecs || indent != 4 {
				continue
			}
			name, version, ok := gemSpec(text)
			if ok {
				gems = append(gems, gem{name, version, i + 1})
			}
		case "DEPENDENCIES":
			if indent == 2 {
				name, _, _ := strings.Cut(text, " ")
				direct[strings.TrimSuffix(name, "!")] = true
			}
		}
	}
	set := newPackageSet(path)
	for _, g := range gems {
		set.add(Package{Ecosystem: RubyGems, Name: g.name, Version: g.version, Line: g.line, Direct: direct[g.name]})
	}
	return set.sorted(), nil
}

// gemSpec parses "name (1.2.3-platform)".
func gemSpec(s string) (name, version string, ok bool) {
	name, rest, ok := strings.Cut(s, " (")
	if !ok || !strings.HasSuffix(rest, ")") {
		return "", "", false
	}
	version = strings.TrimSuffix(rest, ")")
	if i := strings.Index(version, "-"); i >= 0 {
		version = version[:i]
	}
	return name, version, name != "" && version != ""
}
