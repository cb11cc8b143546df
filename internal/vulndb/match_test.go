package vulndb

import (
	"testing"

	"github.com/secaudit/secaudit/internal/vulndb/version"
)

func ev(kv ...string) []Event {
	var out []Event
	for i := 0; i+1 < len(kv); i += 2 {
		switch kv[i] {
		case "i":
			out = append(out, Event{Introduced: kv[i+1]})
		case "f":
			out = append(out, Event{Fixed: kv[i+1]})
		case "l":
			out = append(out, Event{LastAffected: kv[i+1]})
		case "x":
			out = append(out, Event{Limit: kv[i+1]})
		}
	}
	return out
}

func TestAffects(t *testing.T) {
	tests := []struct {
		name      string
		ecosystem string
		affected  Affected
		yes, no   []string
	}{
		{"introduced 0 fixed", "npm", Affected{Ranges: []Range{{Type: RangeSemVer, Events: ev("i", "0", "f", "1.0.0")}}},
			[]string{"0.0.1", "0.9.9", "1.0.0-rc.1"}, []string{"1.0.0", "1.0.1", "2.0.0"}},
		{"last_affected is inclusive", "npm", Affected{Ranges: []Range{{Type: RangeEcosystem, Events: ev("i", "1.0.0", "l", "1.5.0")}}},
			[]string{"1.0.0", "1.2.3", "1.5.0"}, []string{"0.9.0", "1.5.1", "1.0.0-beta"}},
		{"open-ended", "PyPI", Affected{Ranges: []Range{{Type: RangeEcosystem, Events: ev("i", "2.0")}}},
			[]string{"2.0", "2.0.0", "99"}, []string{"1.9", "2.0rc1"}},
		{"two intervals", "Go", Affected{Ranges: []Range{{Type: RangeSemVer, Events: ev("i", "0", "f", "1.0.0", "i", "2.0.0", "f", "2.5.0")}}},
			[]string{"v0.5.0", "v2.0.0", "v2.4.9"}, []string{"v1.0.0", "v1.5.0", "v2.5.0", "v3.0.0"}},
		{"events out of order", "npm", Affected{Ranges: []Range{{Type: RangeSemVer, Events: ev("f", "2.5.0", "i", "2.0.0")}}},
			[]string{"2.1.0"}, []string{"1.0.0", "2.5.0"}},
		{"exact version as introduced == last_affected", "RubyGems", Affected{Ranges: []Range{{Type: RangeEcosystem, Events: ev("i", "1.2.3", "l", "1.2.3")}}},
			[]string{"1.2.3", "1.2.3.0"}, []string{"1.2.2", "1.2.4"}},
		{"limit does not close a range", "npm", Affected{Ranges: []Range{{Type: RangeSemVer, Events: ev("i", "0", "x", "1.0.0")}}},
			[]string{"0.1.0", "5.0.0"}, nil},
		{"git range never matches a version", "PyPI", Affected{Ranges: []Range{{Type: RangeGit, Repo: "https://x", Events: ev("i", "0", "f", "abc123")}}},
			nil, []string{"1.0", "abc123"}},
		{"git range with versions list", "PyPI", Affected{Ranges: []Range{{Type: RangeGit, Events: ev("i", "0", "f", "abc123")}}, Versions: []string{"1.0", "1.1b1"}},
			[]string{"1.0", "1.0.0", "1.1b1", "1.1beta1"}, []string{"1.1", "0.9"}},
		{"versions only", "npm", Affected{Versions: []string{"1.2.3"}}, []string{"1.2.3", "v1.2.3"}, []string{"1.2.4"}},
		{"neither ranges nor versions", "npm", Affected{}, nil, []string{"1.0.0"}},
		{"empty events", "npm", Affected{Ranges: []Range{{Type: RangeSemVer}}}, nil, []string{"1.0.0"}},
		{"maven qualifiers", "Maven", Affected{Ranges: []Range{{Type: RangeEcosystem, Events: ev("i", "2.3-alpha", "l", "2.3.15")}}},
			[]string{"2.3", "2.3.1", "2.3.15", "2.3-beta-1"}, []string{"2.3.15.1", "2.3.16", "2.2.9"}},
		{"packagist stability", "Packagist", Affected{Ranges: []Range{{Type: RangeEcosystem, Events: ev("i", "5.0.0", "f", "5.4.40")}}},
			[]string{"5.0.0", "v5.4.39", "5.4.40-RC1"}, []string{"5.0.0-beta1", "5.4.40", "5.4.40-p1"}},
		{"go pseudo-version", "Go", Affected{Ranges: []Range{{Type: RangeSemVer, Events: ev("i", "0", "f", "0.17.0")}}},
			[]string{"v0.0.0-20220112180741-5e0467b6c7ce", "v0.16.0", "0.17.0-rc.1"}, []string{"v0.17.0", "v0.17.1-0.20240101000000-abcdefabcdef"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parse := version.For(tc.ecosystem)
			for _, v := range tc.yes {
				if !affects(&tc.affected, v, parse(v), parse) {
					t.Errorf("%s %s: not affected, want affected", tc.ecosystem, v)
				}
			}
			for _, v := range tc.no {
				if affects(&tc.affected, v, parse(v), parse) {
					t.Errorf("%s %s: affected, want not affected", tc.ecosystem, v)
				}
			}
		})
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ eco, in, want string }{
		{"PyPI", "PyYAML", "pyyaml"},
		{"PyPI", "Django_Rest.Framework", "django-rest-framework"},
		{"PyPI", "a__-.b", "a-b"},
		{"pypi", "_x_", "-x-"},
		{"NuGet", "Newtonsoft.Json", "newtonsoft.json"},
		{"Packagist", "Symfony/HTTP-Kernel", "symfony/http-kernel"},
		{"npm", "@Scope/Pkg", "@Scope/Pkg"},
		{"Maven", "org.apache.logging.log4j:log4j-core", "org.apache.logging.log4j:log4j-core"},
		{"Go", "github.com/BurntSushi/toml", "github.com/BurntSushi/toml"},
		{"crates.io", "Serde_json", "Serde_json"},
	}
	for _, tc := range tests {
		t.Run(tc.eco+"/"+tc.in, func(t *testing.T) {
			if got := NormalizeName(tc.eco, tc.in); got != tc.want {
				t.Errorf("NormalizeName(%q, %q) = %q, want %q", tc.eco, tc.in, got, tc.want)
			}
		})
	}
}

func TestBaseEcosystem(t *testing.T) {
	for in, want := range map[string]string{"Debian:12": "Debian", "npm": "npm", " PyPI ": "PyPI", "Alpine:v3.18": "Alpine"} {
		if got := BaseEcosystem(in); got != want {
			t.Errorf("BaseEcosystem(%q) = %q, want %q", in, got, want)
		}
	}
}
