package version

import (
	"strconv"
	"strings"
)

// maven is a version ordered by Maven's ComparableVersion
// (https://maven.apache.org/ref/3-LATEST/maven-artifact/apidocs/org/apache/maven/artifact/versioning/ComparableVersion.html):
// items split on '.', '-' and digit/letter transitions, well-known qualifiers
// alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp,
// unknown qualifiers after sp in text order, trailing zeros and empty
// qualifiers dropped.
type maven struct {
	text  string
	items *mvnItem
}

type mvnKind int

const (
	mvnInt mvnKind = iota
	mvnString
	mvnList
)

type mvnItem struct {
	kind mvnKind
	s    string     // digits for mvnInt, comparable qualifier for mvnString
	list []*mvnItem // for mvnList
}

var mvnQualifiers = []string{"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"}

// mvnRelease is the comparable form of the empty (release) qualifier.
var mvnRelease = strconv.Itoa(5)

// ParseMaven parses a Maven version (Maven 3 ComparableVersion rules).
func ParseMaven(s string) Version {
	v := strings.ToLower(strings.TrimSpace(s))
	root := &mvnItem{kind: mvnList}
	cur := root
	lists := []*mvnItem{root}
	push := func() {
		l := &mvnItem{kind: mvnList}
		cur.list = append(cur.list, l)
		cur = l
		lists = append(lists, l)
	}
	digit := false
	start := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '.' || c == '-':
			if i == start {
				cur.list = append(cur.list, &mvnItem{kind: mvnInt, s: "0"})
			} else {
				cur.list = append(cur.list, mvnParseItem(digit, v[start:i], false))
			}
			start = i + 1
			if c == '-' {
				push()
			}
		case isDigit(c):
			if !digit && i > start {
				cur.list = append(cur.list, mvnParseItem(false, v[start:i], true))
				start = i
				push()
			}
			digit = true
		default:
			if digit && i > start {
				cur.list = append(cur.list, mvnParseItem(true, v[start:i], false))
				start = i
				push()
			}
			digit = false
		}
	}
	if len(v) > start {
		cur.list = append(cur.list, mvnParseItem(digit, v[start:], false))
	}
	for i := len(lists) - 1; i >= 0; i-- {
		lists[i].normalize()
	}
	return &maven{text: s, items: root}
}

func mvnParseItem(digit bool, s string, followedByDigit bool) *mvnItem {
	if digit {
		return &mvnItem{kind: mvnInt, s: s}
	}
	if followedByDigit && len(s) == 1 {
		switch s {
		case "a":
			s = "alpha"
		case "b":
			s = "beta"
		case "m":
			s = "milestone"
		}
	}
	switch s {
	case "ga", "final", "release":
		s = ""
	case "cr":
		s = "rc"
	}
	for i, q := range mvnQualifiers {
		if q == s {
			return &mvnItem{kind: mvnString, s: strconv.Itoa(i)}
		}
	}
	return &mvnItem{kind: mvnString, s: strconv.Itoa(len(mvnQualifiers)) + "-" + s}
}

func (it *mvnItem) isNull() bool {
	switch it.kind {
	case mvnInt:
		return isZero(it.s)
	case mvnString:
		return it.s == mvnRelease
	}
	return len(it.list) == 0
}

// normalize drops trailing null items, looking past nested lists.
func (it *mvnItem) normalize() {
	for i := len(it.list) - 1; i >= 0; i-- {
		last := it.list[i]
		if last.isNull() {
			it.list = append(it.list[:i], it.list[i+1:]...)
		} else if last.kind != mvnList {
			break
		}
	}
}

// compare orders it against other; other == nil stands for "nothing here".
func (it *mvnItem) compare(other *mvnItem) int {
	switch it.kind {
	case mvnInt:
		if other == nil {
			if isZero(it.s) {
				return 0
			}
			return 1
		}
		if other.kind == mvnInt {
			return compareNum(it.s, other.s)
		}
		return 1 // a number orders after a qualifier or a sub-list
	case mvnString:
		if other == nil {
			return strings.Compare(it.s, mvnRelease)
		}
		switch other.kind {
		case mvnInt, mvnList:
			return -1
		}
		return sign(strings.Compare(it.s, other.s))
	}
	if other == nil {
		if len(it.list) == 0 {
			return 0
		}
		return it.list[0].compare(nil)
	}
	switch other.kind {
	case mvnInt:
		return -1
	case mvnString:
		return 1
	}
	for i := 0; i < max(len(it.list), len(other.list)); i++ {
		var l, r *mvnItem
		if i < len(it.list) {
			l = it.list[i]
		}
		if i < len(other.list) {
			r = other.list[i]
		}
		var c int
		switch {
		case l == nil && r == nil:
			c = 0
		case l == nil:
			c = -r.compare(nil)
		default:
			c = l.compare(r)
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

func (v *maven) String() string { return v.text }

// Compare implements Version.
func (v *maven) Compare(other Version) int {
	w, ok := other.(*maven)
	if !ok {
		return compareText(v, other)
	}
	return sign(v.items.compare(w.items))
}
