package version

import "strings"

// semver is a lenient SemVer 2.0 version: any number of numeric core parts
// (missing ones are zero), dot-separated pre-release identifiers, and build
// metadata that orders nothing unless the ecosystem says otherwise (Pub).
type semver struct {
	text  string
	core  []string // digit strings
	pre   []string // pre-release identifiers; nil for a release
	build []string // build identifiers
	// foldCase makes pre-release identifiers compare case-insensitively (NuGet).
	foldCase bool
	// buildOrders makes build metadata order versions after the release (Pub).
	buildOrders bool
}

// ParseSemVer parses a SemVer 2.0 version as npm, crates.io and Hex use it. A
// leading "v" or "=", missing minor or patch parts and junk after the numbers
// ("1.0.0rc1" reads as "1.0.0-rc1") are tolerated.
func ParseSemVer(s string) Version { return parseSemver(s, false, false) }

// ParseGo parses a Go module version: SemVer with a "v" prefix, where
// pseudo-versions (v0.0.0-20200101000000-abcdef123456) are pre-releases that
// order by timestamp and "+incompatible" is build metadata. Toolchain
// versions ("go1.21.3", the stdlib's versions) read without their "go".
func ParseGo(s string) Version {
	v := parseSemver(strings.TrimPrefix(strings.TrimSpace(s), "go"), false, false)
	v.text = s
	return v
}

// ParseNuGet parses a NuGet version: SemVer 2.0 with an optional fourth
// (revision) number and case-insensitive pre-release labels.
func ParseNuGet(s string) Version { return parseSemver(s, true, false) }

// ParsePub parses a Dart Pub version: SemVer where build metadata orders
// after the plain release (1.0.0 < 1.0.0+1).
func ParsePub(s string) Version { return parseSemver(s, false, true) }

func parseSemver(s string, foldCase, buildOrders bool) *semver {
	v := &semver{text: s, foldCase: foldCase, buildOrders: buildOrders}
	rest := strings.TrimSpace(s)
	rest = strings.TrimLeft(rest, "=")
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "v"), "V")
	if i := strings.IndexByte(rest, '+'); i >= 0 {
		v.build = splitIDs(rest[i+1:])
		rest = rest[:i]
	}
	i := 0
	for i < len(rest) {
		j := i
		for j < len(rest) && isDigit(rest[j]) {
			j++
		}
		if j == i {
			break
		}
		v.core = append(v.core, rest[i:j])
		i = j
		if i < len(rest) && rest[i] == '.' && i+1 < len(rest) && isDigit(rest[i+1]) {
			i++
			continue
		}
		break
	}
	pre := rest[i:]
	if pre != "" {
		pre = strings.TrimLeft(pre, ".-")
		if foldCase {
			pre = strings.ToLower(pre)
		}
		v.pre = splitIDs(pre)
		if v.pre == nil {
			v.pre = []string{}
		}
	}
	return v
}

func splitIDs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ".")
}

func (v *semver) String() string { return v.text }

// Compare implements Version.
func (v *semver) Compare(other Version) int {
	w, ok := other.(*semver)
	if !ok {
		return compareText(v, other)
	}
	if c := compareCore(v.core, w.core); c != 0 {
		return c
	}
	if c := comparePre(v.pre, w.pre); c != 0 {
		return c
	}
	if v.buildOrders {
		switch {
		case v.build == nil && w.build == nil:
			return 0
		case v.build == nil:
			return -1
		case w.build == nil:
			return 1
		}
		return compareIDs(v.build, w.build)
	}
	return 0
}

// compareCore compares numeric parts, padding the shorter with zeros.
func compareCore(a, b []string) int {
	for i := 0; i < max(len(a), len(b)); i++ {
		x, y := "0", "0"
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if c := compareNum(x, y); c != 0 {
			return c
		}
	}
	return 0
}

// comparePre orders pre-releases: a release (nil) follows every pre-release.
func comparePre(a, b []string) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return compareIDs(a, b)
}

// compareIDs applies SemVer 2.0 §11.4: numeric identifiers compare
// numerically and before alphanumeric ones, which compare in ASCII order; a
// shorter list whose identifiers all equal the longer's prefix orders first.
func compareIDs(a, b []string) int {
	for i := 0; i < min(len(a), len(b)); i++ {
		x, y := a[i], b[i]
		xn, yn := allDigits(x), allDigits(y)
		var c int
		switch {
		case xn && yn:
			c = compareNum(x, y)
		case xn:
			c = -1
		case yn:
			c = 1
		default:
			c = strings.Compare(x, y)
		}
		if c != 0 {
			return c
		}
	}
	return sign(len(a) - len(b))
}
