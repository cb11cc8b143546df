// Package version orders package versions the way each ecosystem's own tools
// do: SemVer 2.0 for npm, crates.io, Hex and Go (with pseudo-versions), PEP 440
// for PyPI, Maven's ComparableVersion, RubyGems' Gem::Version, Composer/PHP
// for Packagist, NuGet's four-part SemVer and Pub's SemVer variant.
//
// Parsing is lenient, as in osv-scanner: every string parses to something
// comparable, so a malformed version never aborts a scan. Parse never panics.
package version

import "strings"

// Version is one parsed version of one ecosystem.
type Version interface {
	// Compare returns -1, 0 or +1 as the receiver orders before, equal to or
	// after other. Versions of different orderings compare by their text.
	Compare(other Version) int
	// String returns the text the version was parsed from.
	String() string
}

// Ordering parses versions of one ecosystem.
type Ordering func(s string) Version

// For returns the ordering of an ecosystem spelled as OSV spells it
// ("npm", "PyPI", "Maven"). A suffix such as ":12" in "Debian:12" is ignored.
// Unknown ecosystems get a lenient SemVer-like ordering.
func For(ecosystem string) Ordering {
	base, _, _ := strings.Cut(ecosystem, ":")
	switch strings.ToLower(base) {
	case "pypi":
		return ParsePyPI
	case "maven":
		return ParseMaven
	case "rubygems":
		return ParseRubyGems
	case "packagist":
		return ParsePackagist
	case "nuget":
		return ParseNuGet
	case "pub":
		return ParsePub
	case "go":
		return ParseGo
	default: // npm, crates.io, Hex, SwiftURL and the rest
		return ParseSemVer
	}
}

// Compare orders two versions of an ecosystem.
func Compare(ecosystem, a, b string) int {
	parse := For(ecosystem)
	return parse(a).Compare(parse(b))
}

// compareText is the fallback for versions of different orderings.
func compareText(a, b Version) int {
	return strings.Compare(a.String(), b.String())
}

// compareNum compares two strings of ASCII digits by numeric value without
// converting them, so arbitrarily long numbers neither overflow nor allocate.
func compareNum(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return sign(len(a) - len(b))
	}
	return strings.Compare(a, b)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// isZero reports whether a digit string is numerically zero.
func isZero(s string) bool { return strings.TrimLeft(s, "0") == "" }
