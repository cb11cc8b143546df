package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean makes untrusted text safe for one line of a terminal or a table
// cell: control characters (newlines, ANSI escapes, tabs) become spaces and
// runs of space collapse, so an imported message cannot forge output or move
// the cursor.
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.IsSpace(r) || r == '\u2028' || r == '\u2029' {
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

// truncate shortens s to at most n runes, marking the cut with "…".
func truncate(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

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
