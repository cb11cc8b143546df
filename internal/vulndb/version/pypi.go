package version

import (
	"regexp"
	"strings"
)

// pep440 is the canonical PEP 440 pattern, from
// https://peps.python.org/pep-0440/#appendix-b-parsing-version-strings-with-regular-expressions
var pep440 = regexp.MustCompile(`^\s*v?(?:(?:(?P<epoch>[0-9]+)!)?(?P<release>[0-9]+(?:\.[0-9]+)*)(?P<pre>[-_\.]?(?P<pre_l>(a|b|c|rc|alpha|beta|pre|preview))[-_\.]?(?P<pre_n>[0-9]+)?)?(?P<post>(?:-(?P<post_n1>[0-9]+))|(?:[-_\.]?(?P<post_l>post|rev|r)[-_\.]?(?P<post_n2>[0-9]+)?))?(?P<dev>[-_\.]?(?P<dev_l>dev)[-_\.]?(?P<dev_n>[0-9]+)?)?)(?:\+(?P<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?\s*$`)

// pypi is a PEP 440 version. A string that is not PEP 440 is a legacy
// version: legacy versions order before every PEP 440 version and among
// themselves by text, as pip's old LegacyVersion did.
type pypi struct {
	text    string
	legacy  bool
	epoch   string
	release []string
	preL    string // "a", "b" or "rc"; "" when absent
	preN    string
	post    string // "" when absent
	dev     string // "" when absent
	local   []string
}

// ParsePyPI parses a PyPI version per PEP 440, normalizing spellings
// ("1.0-RC1" == "1.0rc1", "1.0.post" == "1.0.post0", "1.0-1" == "1.0.post1",
// "1.0" == "1.0.0").
func ParsePyPI(s string) Version {
	v := &pypi{text: s}
	m := pep440.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		v.legacy = true
		return v
	}
	get := func(name string) string { return m[pep440.SubexpIndex(name)] }
	v.epoch = get("epoch")
	if v.epoch == "" {
		v.epoch = "0"
	}
	v.release = strings.Split(get("release"), ".")
	if l := get("pre_l"); l != "" {
		switch l {
		case "alpha":
			l = "a"
		case "beta":
			l = "b"
		case "c", "pre", "preview":
			l = "rc"
		}
		v.preL, v.preN = l, orZero(get("pre_n"))
	}
	switch {
	case get("post_n1") != "":
		v.post = get("post_n1")
	case get("post_l") != "":
		v.post = orZero(get("post_n2"))
	}
	if get("dev_l") != "" {
		v.dev = orZero(get("dev_n"))
	}
	if l := get("local"); l != "" {
		v.local = strings.FieldsFunc(l, func(r rune) bool { return r == '.' || r == '-' || r == '_' })
	}
	return v
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

func (v *pypi) String() string { return v.text }

// Compare implements Version with the ordering of packaging.version._cmpkey.
func (v *pypi) Compare(other Version) int {
	w, ok := other.(*pypi)
	if !ok {
		return compareText(v, other)
	}
	switch {
	case v.legacy && w.legacy:
		return strings.Compare(strings.ToLower(v.text), strings.ToLower(w.text))
	case v.legacy:
		return -1
	case w.legacy:
		return 1
	}
	if c := compareNum(v.epoch, w.epoch); c != 0 {
		return c
	}
	if c := compareCore(v.release, w.release); c != 0 {
		return c
	}
	if c := v.comparePre(w); c != 0 {
		return c
	}
	if c := compareOptional(v.post, w.post, -1); c != 0 {
		return c
	}
	if c := compareOptional(v.dev, w.dev, 1); c != 0 {
		return c
	}
	return compareLocal(v.local, w.local)
}

// preRank places a version among pre-releases: a bare dev release (1.0.dev1)
// orders before every pre-release of its release, a final release after them.
func (v *pypi) preRank() int {
	switch {
	case v.preL == "" && v.post == "" && v.dev != "":
		return 0
	case v.preL == "":
		return 4
	case v.preL == "a":
		return 1
	case v.preL == "b":
		return 2
	}
	return 3
}

func (v *pypi) comparePre(w *pypi) int {
	a, b := v.preRank(), w.preRank()
	if a != b {
		return sign(a - b)
	}
	if a == 0 || a == 4 {
		return 0
	}
	return compareNum(v.preN, w.preN)
}

// compareOptional compares numbers that may be absent (""); absent orders as
// absentSign (-1: before any number, +1: after any number).
func compareOptional(a, b string, absentSign int) int {
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return absentSign
	case b == "":
		return -absentSign
	}
	return compareNum(a, b)
}

// compareLocal orders local version labels: absent first, then segment by
// segment with numbers after letters, then the longer label.
func compareLocal(a, b []string) int {
	for i := 0; i < min(len(a), len(b)); i++ {
		x, y := a[i], b[i]
		xn, yn := allDigits(x), allDigits(y)
		var c int
		switch {
		case xn && yn:
			c = compareNum(x, y)
		case xn:
			c = 1
		case yn:
			c = -1
		default:
			c = strings.Compare(x, y)
		}
		if c != 0 {
			return c
		}
	}
	return sign(len(a) - len(b))
}
