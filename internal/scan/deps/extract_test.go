package deps

import (
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestExtractGolden parses every fixture under testdata/extract/<case>/ and
// compares the packages with testdata/golden/<case>.json.
func TestExtractGolden(t *testing.T) {
	cases, err := os.ReadDir("testdata/extract")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			got := []Package{}
			dir := filepath.Join("testdata/extract", c.Name())
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(dir, p)
				pkgs, err := Extract(c.Name()+"/"+filepath.ToSlash(rel), data)
				if err != nil {
					t.Errorf("Extract(%s): %v", rel, err)
				}
				got = append(got, pkgs...)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata/golden", c.Name()+".json")
			if *update {
				b, err := json.MarshalIndent(got, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			var want []Package
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("packages mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestExtractErrors checks that malformed input yields an error naming the
// file and, where the format tells, the line.
func TestExtractErrors(t *testing.T) {
	tests := []struct {
		name, path, data string
		want             []string // substrings of the error
	}{
		{"package-lock syntax", "a/package-lock.json", "{\n  \"packages\": {\n    \"x\": [\n}", []string{"a/package-lock.json:4", "invalid JSON"}},
		{"package-lock type", "package-lock.json", "{\n\"packages\": 3}", []string{"package-lock.json:2"}},
		{"composer", "composer.lock", "{\"packages\": [", []string{"composer.lock:1"}},
		{"pipfile", "Pipfile.lock", "[]", []string{"Pipfile.lock:1"}},
		{"nuget", "packages.lock.json", "{", []string{"packages.lock.json"}},
		{"go.mod", "svc/go.mod", "module x\n\nrequire (\n\tfoo\n)\n", []string{"svc/go.mod:4"}},
		{"poetry", "poetry.lock", "[[package]]\nname = \"a\"\nversion = ", []string{"poetry.lock:3", "invalid TOML"}},
		{"cargo", "Cargo.lock", "[[package]]\nname = \"a\"\nversion = 1.2.3.4\n", []string{"Cargo.lock:3"}},
		{"uv", "uv.lock", "x = [", []string{"uv.lock:1"}},
		{"pdm", "pdm.lock", "[[package]]\nname = 1 2", []string{"pdm.lock:2"}},
		{"pnpm", "pnpm-lock.yaml", "packages:\n  a: [\n", []string{"pnpm-lock.yaml", "line"}},
		{"pubspec", "pubspec.lock", "packages:\n\t- x", []string{"pubspec.lock", "line 2"}},
		{"pom", "pom.xml", "<project>\n<dependencies>\n</project>", []string{"pom.xml", "line 3"}},
		{"yarn header", "yarn.lock", "lodash@^4:\n  version \"4.17.15\"\nnot a header\n", []string{"yarn.lock:3"}},
		{"yarn no version", "yarn.lock", "\"a@^1\":\n  resolved \"x\"\n", []string{"yarn.lock:1", "no version"}},
		{"packages.config", "packages.config", "<packages>\n<package id=\"a\" version=\"1\">\n</packages>", []string{"packages.config", "line 3"}},
		{"unsupported", "README.md", "", []string{"README.md", "not a supported"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(tt.path, []byte(tt.data))
			if err == nil {
				t.Fatal("Extract: no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestExtractPartial checks that a malformed yarn.lock still yields the
// entries before and after the bad one.
func TestExtractPartial(t *testing.T) {
	data := "lodash@^4:\n  version \"4.17.15\"\n\nbroken\n\nminimist@^1:\n  version \"1.2.5\"\n"
	pkgs, err := Extract("yarn.lock", []byte(data))
	if err == nil {
		t.Fatal("no error for a broken entry")
	}
	var got []string
	for _, p := range pkgs {
		got = append(got, p.Name+"@"+p.Version)
	}
	if diff := cmp.Diff([]string{"lodash@4.17.15", "minimist@1.2.5"}, got); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
}

func TestSupported(t *testing.T) {
	tests := map[string]bool{
		"package-lock.json": true, "a/b/npm-shrinkwrap.json": true, "yarn.lock": true, "pnpm-lock.yaml": true,
		"go.mod": true, "go.sum": false, "requirements.txt": true, "requirements-dev.txt": true,
		"dev-requirements.txt": true, "test-requirements-py3.txt": true, "requirements/base.txt": false, "requirements.in": false, "poetry.lock": true,
		"Pipfile.lock": true, "Pipfile": false, "uv.lock": true, "pdm.lock": true, "Cargo.lock": true,
		"Cargo.toml": false, "Gemfile.lock": true, "composer.lock": true, "composer.json": false,
		"packages.lock.json": true, "pom.xml": true, "gradle.lockfile": true, "pubspec.lock": true,
		"mix.lock": true, "package.json": false, "packages.config": true,
		"gradle/dependency-locks/compileClasspath.lockfile": true, "other/compileClasspath.lockfile": false, `dir\windows\yarn.lock`: true,
	}
	for path, want := range tests {
		if got := Supported(path); got != want {
			t.Errorf("Supported(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestParsePnpmKey(t *testing.T) {
	tests := []struct {
		key           string
		v5            bool
		name, version string
		ok            bool
	}{
		{"/lodash/4.17.15", true, "lodash", "4.17.15", true},
		{"/@babel/core/7.17.10_eslint@8.0.0", true, "@babel/core", "7.17.10", true},
		{"/@vue/shared@3.2.37", false, "@vue/shared", "3.2.37", true},
		{"/vue-router@4.0.16(vue@3.2.37)", false, "vue-router", "4.0.16", true},
		{"@unhead/vue@1.9.10(vue@3.4.27(typescript@5.4.5))", false, "@unhead/vue", "1.9.10", true},
		{"string-width-cjs@npm:string-width@4.2.3", false, "string-width", "4.2.3", true},
		{"registry.npmjs.org/foo/1.1.0", true, "foo", "1.1.0", true},
		{"registry.npmjs.org/@foo/bar/1.1.0", true, "@foo/bar", "1.1.0", true},
		{"example.com/foo/1.3.0_bar@2.0.0", true, "foo", "1.3.0", true},
		{"/@foo/bar/1.0.0", true, "@foo/bar", "1.0.0", true},
		{"github.com/kevva/is-positive", true, "", "", false},
		{"github.com/my-org/mocks/590f321b4eb3f692bb211bd74e22947639a6f79d", true, "", "", false},
		{"/foo/bar", true, "", "", false},
		{"file:../local-pkg", false, "", "", false},
		{"/pkg@https://codeload.github.com/a/b/tar.gz/abc", false, "", "", false},
		{"/", true, "", "", false},
		{"", false, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			name, version, ok := parsePnpmKey(tt.key, tt.v5)
			if name != tt.name || version != tt.version || ok != tt.ok {
				t.Errorf("parsePnpmKey(%q) = %q, %q, %v; want %q, %q, %v", tt.key, name, version, ok, tt.name, tt.version, tt.ok)
			}
		})
	}
}

func TestParseRequirementLine(t *testing.T) {
	tests := []struct {
		line, name, version string
		ok                  bool
	}{
		{"Django==4.2", "django", "4.2", true},
		{"requests[security]==2.19.0", "requests", "2.19.0", true},
		{"zope.interface===5.4.0", "zope-interface", "5.4.0", true},
		{"pkg==1.0 ; python_version < \"3\"", "pkg", "1.0", true},
		{"pkg==1.0 --hash=sha256:abc", "pkg", "1.0", true},
		{"pkg == 1.0, != 1.1", "pkg", "1.0", true},
		{"pkg (==1.0)", "pkg", "1.0", true},
		{"pkg>=1.0", "", "", false},
		{"pkg~=1.0", "", "", false},
		{"pkg==1.*", "", "", false},
		{"pkg", "", "", false},
		{"pkg @ https://example.com/pkg.whl", "", "", false},
		{"./local/path", "", "", false},
		{"https://example.com/x.whl", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			name, version, ok := parseRequirementLine(tt.line)
			if name != tt.name || version != tt.version || ok != tt.ok {
				t.Errorf("parseRequirementLine(%q) = %q, %q, %v; want %q, %q, %v", tt.line, name, version, ok, tt.name, tt.version, tt.ok)
			}
		})
	}
}

// TestExtractPathological checks that absurd but well-formed input is
// parsed in linear time.
func TestExtractPathological(t *testing.T) {
	tests := []struct {
		path string
		data string
	}{
		{"pom.xml", "<project>" + strings.Repeat("<a>", 50000) + strings.Repeat("</a>", 50000) + "</project>"},
		{"requirements.txt", "pkg==1.0 " + strings.Repeat("\\\n", 200000) + "\n"},
		{"yarn.lock", strings.Repeat("a@^1:\n  version \"1.0.0\"\n", 100000)},
		{"Gemfile.lock", "GEM\n  specs:\n" + strings.Repeat("    a (1.0)\n", 200000)},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			start := time.Now()
			_, _ = Extract(tt.path, []byte(tt.data))
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestExtractEncodings(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range "Django==4.2\r\nsix==1.16.0\r\n" {
		utf16le = append(utf16le, byte(r), 0)
	}
	tests := []struct {
		name, path string
		data       []byte
		want       []string
	}{
		{"utf-8 BOM json", "composer.lock", append([]byte{0xEF, 0xBB, 0xBF}, `{"packages":[{"name":"a/b","version":"1.0.0"}]}`...), []string{"a/b@1.0.0"}},
		{"utf-8 BOM xml", "packages.config", append([]byte{0xEF, 0xBB, 0xBF}, `<?xml version="1.0" encoding="utf-8"?><packages><package id="jQuery" version="1.7.1"/></packages>`...), []string{"jQuery@1.7.1"}},
		{"utf-16le requirements", "requirements.txt", utf16le, []string{"django@4.2", "six@1.16.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkgs, err := Extract(tt.path, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range pkgs {
				got = append(got, p.Name+"@"+p.Version)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPnpmTarballs(t *testing.T) {
	data := `lockfileVersion: 5.4
packages:
  github.com/my-org/mocks/590f321b4eb3f692bb211bd74e22947639a6f79d:
    resolution: {tarball: https://codeload.github.com/my-org/mocks/tar.gz/590f321b4eb3f692bb211bd74e22947639a6f79d}
    name: mocks
    version: 20.0.1
  '@gitlab.example.org/api/v4/projects/1/packages/npm/@my-org/pkg/-/@my-org/pkg-3.2.3.tgz':
    resolution: {tarball: https://gitlab.example.org/api/v4/projects/1/packages/npm/@my-org/pkg/-/@my-org/pkg-3.2.3.tgz}
    name: '@my-org/pkg'
    version: 3.2.3
`
	pkgs, err := Extract("pnpm-lock.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pkgs {
		got = append(got, p.Name+"@"+p.Version)
	}
	if diff := cmp.Diff([]string{"@my-org/pkg@3.2.3"}, got); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
}
