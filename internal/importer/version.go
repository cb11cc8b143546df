package importer

import "strings"

// compareVersions orders two version strings the way package managers
// mostly agree on: a leading "v" is ignored, runs of digits compare as
// numbers and other runs as text; a version that is a prefix of the other
// is smaller. It is a display heuristic, not an ecosystem's exact rules.
func compareVersions(a, b string) int {
	a, b = strings.TrimPrefix(a, "v"), strings.TrimPrefix(b, "v")
	for a != "" && b != "" {
		var pa, pb string
		pa, a = nextPart(a)
		pb, b = nextPart(b)
		if c := comparePart(pa, pb); c != 0 {
			return c
		}
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	}
	return 1
}

func nextPart(s string) (part, rest string) {
	digit := s[0] >= '0' && s[0] <= '9'
	i := 1
	for i < len(s) && (s[i] >= '0' && s[i] <= '9') == digit {
		i++
	}
	return s[:i], s[i:]
}

func comparePart(a, b string) int {
	da, db := a[0] >= '0' && a[0] <= '9', b[0] >= '0' && b[0] <= '9'
	if da && db {
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(a) != len(b) {
			if len(a) < len(b) {
				return -1
			}
			return 1
		}
	}
	return strings.Compare(a, b)
}
