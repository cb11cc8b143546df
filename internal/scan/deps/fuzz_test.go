package deps

import (
	"os"
	"path/filepath"
	"testing"
)

// fuzzExtract fuzzes the parser of base, seeded with the fixtures of that
// name under testdata/extract. Parsers must never panic or hang; an error
// must name the file.
func fuzzExtract(f *testing.F, base string, seeds ...string) {
	matches, _ := filepath.Glob(filepath.Join("testdata/extract", "*", base))
	for _, m := range matches {
		if b, err := os.ReadFile(m); err == nil && len(b) < 8<<10 {
			f.Add(b)
		}
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := Extract("dir/"+base, data)
		if err != nil && len(err.Error()) == 0 {
			t.Fatal("empty error")
		}
		for _, p := range pkgs {
			if p.Name == "" || p.Version == "" || p.Path != "dir/"+base {
				t.Fatalf("bad package %+v", p)
			}
		}
	})
}

func FuzzPackageLock(f *testing.F) {
	fuzzExtract(f, "package-lock.json", `{"dependencies":{"a":{"version":"npm:b@1"}}}`)
}
func FuzzShrinkwrap(f *testing.F) { fuzzExtract(f, "npm-shrinkwrap.json") }
func FuzzYarnLock(f *testing.F) {
	fuzzExtract(f, "yarn.lock", "\"@a/b@npm:^1\":\n  resolution: \"@a/b@npm:1.0.0\"\n")
}
func FuzzPnpmLock(f *testing.F) {
	fuzzExtract(f, "pnpm-lock.yaml", "packages:\n  /a@1(b@2):\n    x: 1\n")
}
func FuzzGoMod(f *testing.F) { fuzzExtract(f, "go.mod", "module m\ngo 1.21\nreplace a => b v1\n") }
func FuzzRequirements(f *testing.F) {
	fuzzExtract(f, "requirements.txt", "a[x]==1 \\\n --hash=sha256:00\n-r other.txt\n")
}
func FuzzPoetryLock(f *testing.F) { fuzzExtract(f, "poetry.lock") }
func FuzzUVLock(f *testing.F)     { fuzzExtract(f, "uv.lock") }
func FuzzPDMLock(f *testing.F)    { fuzzExtract(f, "pdm.lock") }
func FuzzPipfileLock(f *testing.F) {
	fuzzExtract(f, "Pipfile.lock", `{"default":{"a":{"version":"==1"}}}`)
}
func FuzzCargoLock(f *testing.F)   { fuzzExtract(f, "Cargo.lock") }
func FuzzGemfileLock(f *testing.F) { fuzzExtract(f, "Gemfile.lock", "GEM\n  specs:\n    a (1-x)\n") }
func FuzzComposerLock(f *testing.F) {
	fuzzExtract(f, "composer.lock", `{"packages":[{"name":"a/b","version":"v1"}]}`)
}
func FuzzNuGetLock(f *testing.F) { fuzzExtract(f, "packages.lock.json") }
func FuzzPom(f *testing.F) {
	fuzzExtract(f, "pom.xml", "<project><properties><a>${a}</a></properties></project>")
}
func FuzzGradleLock(f *testing.F)  { fuzzExtract(f, "gradle.lockfile", "a:b:c=d\n") }
func FuzzPubspecLock(f *testing.F) { fuzzExtract(f, "pubspec.lock") }
func FuzzMixLock(f *testing.F)     { fuzzExtract(f, "mix.lock") }

func FuzzPackagesConfig(f *testing.F) {
	fuzzExtract(f, "packages.config", `<packages><package id="a" version="1.0"/></packages>`)
}
