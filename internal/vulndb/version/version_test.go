package version

import (
	"fmt"
	"testing"
)

// orderCase lists versions in ascending order; versions in one group are
// equal. Every pair across and within groups is checked both ways.
type orderCase struct {
	ecosystem string
	groups    [][]string
}

func g(vs ...string) []string { return vs }

var orderCases = []orderCase{
	{"npm", [][]string{
		g("0.0.0-0"), g("0.0.0"), g("0.9.9"),
		g("1.0.0-alpha"), g("1.0.0-alpha.1"), g("1.0.0-alpha.beta"), g("1.0.0-beta"),
		g("1.0.0-beta.2"), g("1.0.0-beta.11"), g("1.0.0-rc.1"),
		g("1.0.0", "v1.0.0", "1.0.0+build.5", "1", "1.0", "=1.0.0"),
		g("1.0.1"), g("1.2.3"), g("1.10.0"), g("2.0.0-0"), g("2.0.0"),
		g("4.17.15"), g("4.17.19"), g("4.17.21"),
		g("99999999999999999999.0.0"),
	}},
	{"crates.io", [][]string{g("0.1.0"), g("0.1.1-pre"), g("0.1.1"), g("0.2.0")}},
	{"Go", [][]string{
		g("v0.0.0-20190101000000-aaaaaaaaaaaa"), g("v0.0.0-20201231235959-bbbbbbbbbbbb"),
		g("v0.0.0", "0.0.0"), g("v0.1.0"),
		g("v0.16.0"), g("v0.17.0-rc.1"), g("0.17.0", "v0.17.0"),
		g("v0.17.1-0.20231201000000-abcdefabcdef"), g("v0.17.1"), g("v1.2.3"), g("go1.21.0", "1.21.0", "v1.21.0"), g("go1.21.3"), g("v2.0.0+incompatible", "v2.0.0"),
	}},
	{"PyPI", [][]string{
		g("garbage-version"),
		g("0.9"), g("1.0.dev0"), g("1.0a1", "1.0alpha1", "1.0.a.1", "1.0-A1"), g("1.0a2.dev1"), g("1.0a2"),
		g("1.0b1", "1.0beta1"), g("1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-RC1"),
		g("1.0", "1.0.0", "1.0.0.0", "v1.0", "0!1.0"),
		g("1.0+local.1"), g("1.0+local.2"), g("1.0+1"),
		g("1.0.post0.dev1"), g("1.0.post0", "1.0.post", "1.0-0", "1.0r0", "1.0rev0"),
		g("1.0.post1", "1.0-1"), g("1.1.dev1"), g("1.1"), g("2.19.0"), g("2.20.0"),
		g("5.3"), g("5.3.1"), g("5.4b1"), g("5.4"), g("10.0"),
		g("1!0.1"),
	}},
	{"Maven", [][]string{
		g("1-alpha-1", "1-a1"), g("1-alpha-2"), g("1-beta-1", "1-b1"), g("1-milestone-1", "1-m1"),
		g("1-rc-1", "1-cr-1", "1-rc1"), g("1-snapshot", "1-SNAPSHOT"),
		g("1", "1.0", "1.0.0", "1-ga", "1-final", "1-release", "1.0.0-GA"),
		g("1-sp", "1-sp-0"), g("1-sp-1"), g("1-abc"), g("1-xyz"),
		g("1.0.1"), g("1.1"), g("1.2.0.Beta2"), g("1.2.0.CR1"), g("1.2.0"),
		g("1.10"), g("2.0.0-alpha"), g("2.0.0"), g("2.3.15"), g("2.3.16.1"), g("2.5.10"),
		g("2.5.10.1"), g("10"),
	}},
	{"RubyGems", [][]string{
		g("0.9"), g("1.0.0.a"), g("1.0.0.b1"), g("1.0.0-pre", "1.0.0.pre.pre"), g("1.0.0-rc1"),
		g("1.0.0.pre"), g("1.0.0.rc1"),
		g("1", "1.0", "1.0.0"), g("1.0.0.1"), g("1.0.1"), g("1.1"), g("5.2.4"), g("5.2.4.1"),
		g("5.2.5"), g("6.0.0.beta1"), g("6.0.0"), g("10.0"),
	}},
	{"Packagist", [][]string{
		g("1.0.0-dev"), g("1.0.0-alpha1", "1.0.0a1", "v1.0.0-alpha1"), g("1.0.0-alpha2"),
		g("1.0.0-beta1", "1.0.0-BETA1"), g("1.0.0-RC1", "1.0.0-rc1"),
		g("1.0.0", "1.0", "v1.0.0", "1.0.0.0", "1.0.0-stable"),
		g("1.0.0-p1", "1.0.0-patch1", "1.0.0-pl1"), g("1.0.1"), g("1.10.0"), g("5.4.39"), g("5.4.40"),
	}},
	{"NuGet", [][]string{
		g("1.0.0-alpha"), g("1.0.0-Beta", "1.0.0-beta"), g("1.0.0-rc.1"), g("1.0.0", "1.0", "1.0.0.0"),
		g("1.0.0.1"), g("1.0.1"), g("13.0.1"),
	}},
	{"Pub", [][]string{g("1.0.0-dev"), g("1.0.0"), g("1.0.0+1"), g("1.0.0+2"), g("1.0.1")}},
	{"Debian:12", [][]string{g("1.0.0"), g("1.0.1")}},
}

func TestOrdering(t *testing.T) {
	for _, tc := range orderCases {
		t.Run(tc.ecosystem, func(t *testing.T) {
			var flat []string
			var rank []int
			for i, grp := range tc.groups {
				for _, v := range grp {
					flat = append(flat, v)
					rank = append(rank, i)
				}
			}
			for i := range flat {
				for j := range flat {
					want := sign(rank[i] - rank[j])
					if got := Compare(tc.ecosystem, flat[i], flat[j]); got != want {
						t.Errorf("Compare(%q, %q, %q) = %d, want %d", tc.ecosystem, flat[i], flat[j], got, want)
					}
				}
			}
		})
	}
}

// TestMavenKnownLists checks the ascending lists of Maven's own
// ComparableVersionTest (qualifiers, and numbers mixed with letters).
func TestMavenKnownLists(t *testing.T) {
	lists := map[string][]string{
		"qualifiers": {"1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11", "1-rc", "1-cr2",
			"1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1", "1-1-snapshot", "1-1", "1-2", "1-123"},
		"numbers": {"2.0", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1", "2.1.0.1", "2.2", "2.123",
			"11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m"},
	}
	for name, l := range lists {
		t.Run(name, func(t *testing.T) {
			for i := range l {
				for j := range l {
					if got, want := Compare("Maven", l[i], l[j]), sign(i-j); got != want {
						t.Errorf("Compare(%q, %q) = %d, want %d", l[i], l[j], got, want)
					}
				}
			}
		})
	}
}

// TestPyPIKnownList checks the ascending list of the packaging project's
// version tests (PEP 440 pre, post, dev and local ordering).
func TestPyPIKnownList(t *testing.T) {
	l := []string{"1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
		"1.0b2.post345.dev456", "1.0b2.post345", "1.0b2-346", "1.0c1.dev456", "1.0c1", "1.0rc2", "1.0c3", "1.0",
		"1.0.post456.dev34", "1.0.post456", "1.1.dev1", "1.2+123abc", "1.2+123abc456", "1.2+abc", "1.2+abc123",
		"1.2+abc123def", "1.2+1234.abc", "1.2+123456", "1.2.r32+123456", "1.2.rev33+123456", "1!1.0"}
	for i := range l {
		for j := range l {
			if got, want := Compare("PyPI", l[i], l[j]), sign(i-j); got != want {
				t.Errorf("Compare(%q, %q) = %d, want %d", l[i], l[j], got, want)
			}
		}
	}
}

// TestMavenDashOrdering pins ComparableVersion's treatment of '-' items,
// which order before '.' numbers: 1.2 < 1.2-1 < 1.2.0.1 (Maven 3 semantics).
func TestMavenDashOrdering(t *testing.T) {
	tests := []struct{ a, b string }{{"1.2", "1.2-1"}, {"1.2-1", "1.2.0.1"}, {"1.0-alpha", "1.0"}, {"2.0-SNAPSHOT", "2.0"}}
	for _, tc := range tests {
		t.Run(tc.a+"<"+tc.b, func(t *testing.T) {
			if got := Compare("Maven", tc.a, tc.b); got != -1 {
				t.Errorf("Compare(%q, %q) = %d, want -1", tc.a, tc.b, got)
			}
		})
	}
}

func TestMixedOrderingsCompareByText(t *testing.T) {
	a, b := ParsePyPI("1.0"), ParseMaven("1.0")
	if got := a.Compare(b); got != 0 {
		t.Errorf("cross-ordering compare of equal text = %d, want 0", got)
	}
	if got := ParseSemVer("1").Compare(ParseMaven("2")); got != -1 {
		t.Errorf("cross-ordering compare = %d, want -1", got)
	}
}

func FuzzCompare(f *testing.F) {
	for _, s := range []string{"1.0.0", "v1.2.3-rc.1+b", "1!2.0.post1.dev2+loc", "1-sp-1", "1.0.0.pre.a", "dev-master", "", "-", "..", "1..2"} {
		f.Add("npm", s, "1.0")
	}
	for _, e := range []string{"PyPI", "Maven", "RubyGems", "Packagist", "NuGet", "Pub", "Go"} {
		f.Add(e, "1.0a1", "1.0-1")
	}
	f.Fuzz(func(t *testing.T, eco, a, b string) {
		p := For(eco)
		x, y := p(a), p(b)
		c1, c2 := x.Compare(y), y.Compare(x)
		if c1 != -c2 {
			t.Fatalf("%s: Compare(%q,%q)=%d but reverse=%d", eco, a, b, c1, c2)
		}
		if x.Compare(x) != 0 {
			t.Fatalf("%s: %q != itself", eco, a)
		}
		_ = fmt.Sprint(x)
	})
}
