package version

import "strings"

// rubygems is a version ordered by Gem::Version#<=>: segments are runs of
// digits or letters, any segment with a letter makes a pre-release that
// orders before the release, and trailing zeros do not count.
type rubygems struct {
	text string
	segs []string // canonical segments: digit strings or letter strings
}

// ParseRubyGems parses a RubyGems version ("1.0.0", "2.0.0.rc1",
// "1.0.0-beta" which RubyGems reads as "1.0.0.pre.beta").
func ParseRubyGems(s string) Version {
	t := strings.ReplaceAll(strings.TrimSpace(s), "-", ".pre.")
	var segs []string
	for i := 0; i < len(t); {
		j := i
		switch {
		case isDigit(t[i]):
			for j < len(t) && isDigit(t[j]) {
				j++
			}
		case isLetter(t[i]):
			for j < len(t) && isLetter(t[j]) {
				j++
			}
		default:
			i++
			continue
		}
		segs = append(segs, t[i:j])
		i = j
	}
	// canonical_segments: drop trailing zeros of the numeric part and of the
	// part from the first letter segment on, separately.
	split := len(segs)
	for i, sg := range segs {
		if !isDigit(sg[0]) {
			split = i
			break
		}
	}
	canon := append(trimZeros(segs[:split:split]), trimZeros(segs[split:])...)
	return &rubygems{text: s, segs: canon}
}

func trimZeros(segs []string) []string {
	n := len(segs)
	for n > 0 && isDigit(segs[n-1][0]) && isZero(segs[n-1]) {
		n--
	}
	return segs[:n]
}

func (v *rubygems) String() string { return v.text }

// Compare implements Version.
func (v *rubygems) Compare(other Version) int {
	w, ok := other.(*rubygems)
	if !ok {
		return compareText(v, other)
	}
	for i := 0; i < max(len(v.segs), len(w.segs)); i++ {
		l, r := "0", "0"
		if i < len(v.segs) {
			l = v.segs[i]
		}
		if i < len(w.segs) {
			r = w.segs[i]
		}
		ln, rn := isDigit(l[0]), isDigit(r[0])
		switch {
		case ln && rn:
			if c := compareNum(l, r); c != 0 {
				return c
			}
		case ln:
			return 1
		case rn:
			return -1
		default:
			if c := strings.Compare(l, r); c != 0 {
				return c
			}
		}
	}
	return 0
}
