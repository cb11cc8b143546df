package vulndb

import "strings"

// BaseEcosystem strips an OSV ecosystem suffix ("Debian:12" -> "Debian",
// "Alpine:v3.18" -> "Alpine") and surrounding space.
func BaseEcosystem(ecosystem string) string {
	base, _, _ := strings.Cut(strings.TrimSpace(ecosystem), ":")
	return base
}

// ecosystemKey is the case-insensitive key an ecosystem is indexed under.
func ecosystemKey(ecosystem string) string {
	return strings.ToLower(BaseEcosystem(ecosystem))
}

// NormalizeName returns the form of a package name that index lookups use
// for an ecosystem: PyPI names per PEP 503 (lower case, runs of "-", "_" and
// "." become "-"), NuGet and Packagist names lower-cased (both registries
// are case-insensitive), and every other ecosystem's name as is (npm, Go
// module paths, crates.io, RubyGems, Maven "group:artifact", Pub, Hex).
func NormalizeName(ecosystem, name string) string {
	name = strings.TrimSpace(name)
	switch ecosystemKey(ecosystem) {
	case "pypi":
		return pep503(name)
	case "nuget", "packagist":
		return strings.ToLower(name)
	}
	return name
}

// pep503 normalizes a Python project name
// (https://peps.python.org/pep-0503/#normalized-names).
func pep503(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			if !sep {
				b.WriteByte('-')
			}
			sep = true
			continue
		}
		sep = false
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}
