package version

import "strings"

// packagist is a Composer version ordered like PHP's version_compare after
// Composer's normalization: parts split on '.', '-', '_', '+' and
// digit/letter transitions; stability words order
// dev < alpha = a < beta = b < RC = rc < (number or release) < patch = pl = p.
type packagist struct {
	text  string
	parts []string
}

// ParsePackagist parses a Composer version ("v1.2.3", "2.0.0-RC1",
// "1.0.0-beta.2", "1.0.0-p1", "dev-master").
func ParsePackagist(s string) Version {
	t := strings.TrimSpace(s)
	t = strings.TrimPrefix(strings.TrimPrefix(t, "v"), "V")
	var parts []string
	for i := 0; i < len(t); {
		c := t[i]
		if c == '.' || c == '-' || c == '_' || c == '+' {
			i++
			continue
		}
		j := i
		if isDigit(c) {
			for j < len(t) && isDigit(t[j]) {
				j++
			}
		} else {
			for j < len(t) && !isDigit(t[j]) && !strings.ContainsRune(".-_+", rune(t[j])) {
				j++
			}
		}
		p := t[i:j]
		if !isDigit(c) {
			p = strings.ToLower(p)
		}
		// Composer strips an explicit "stable" flag: 1.0.0-stable == 1.0.0.
		if p != "stable" {
			parts = append(parts, p)
		}
		i = j
	}
	return &packagist{text: s, parts: parts}
}

// phpSpecialOrder is PHP's compare_special_version_forms table, matched by
// prefix (so "patch" is "p" and "develop" is "dev"); numbers weigh as "#".
var phpSpecialOrder = []struct {
	name   string
	weight int
}{
	{"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
	{"rc", 3}, {"#", 4}, {"pl", 5}, {"p", 5},
}

func phpWeight(s string) int {
	for _, f := range phpSpecialOrder {
		if strings.HasPrefix(s, f.name) {
			return f.weight
		}
	}
	return -6 // unknown words order before dev
}

func comparePHPPart(a, b string) int {
	an, bn := allDigits(a), allDigits(b)
	switch {
	case an && bn:
		return compareNum(a, b)
	case an:
		return sign(phpWeight("#") - phpWeight(b))
	case bn:
		return sign(phpWeight(a) - phpWeight("#"))
	}
	return sign(phpWeight(a) - phpWeight(b))
}

func (v *packagist) String() string { return v.text }

// Compare implements Version.
func (v *packagist) Compare(other Version) int {
	w, ok := other.(*packagist)
	if !ok {
		return compareText(v, other)
	}
	a, b := v.parts, w.parts
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if c := comparePHPPart(a[i], b[i]); c != 0 {
			return c
		}
	}
	// Composer pads the shorter version with zeros (1.0 == 1.0.0); a longer
	// tail that is a stability word compares against the release ("#").
	for i := n; i < max(len(a), len(b)); i++ {
		switch {
		case i < len(a):
			if c := comparePHPPart(a[i], padFor(a[i])); c != 0 {
				return c
			}
		default:
			if c := comparePHPPart(padFor(b[i]), b[i]); c != 0 {
				return c
			}
		}
	}
	return 0
}

// padFor is what a missing part stands for when compared with p: a zero
// against numbers, the release marker against stability words.
func padFor(p string) string {
	if allDigits(p) {
		return "0"
	}
	return "#"
}
