// Package deps is the dependency scanner: it extracts the packages pinned by
// manifests and lockfiles (one file per format), matches them against the
// offline OSV database and reports one vulnerability finding per package
// version, advisory group and manifest.
package deps

import (
	"fmt"
	"path"
	"strings"
)

// Package is one dependency a manifest or lockfile pins.
type Package struct {
	// Ecosystem is spelled as OSV spells it ("npm", "PyPI", "Go", "crates.io").
	Ecosystem string
	Name      string
	Version   string
	// Path is the manifest the package comes from, slash-separated.
	Path string
	// Line is the 1-based line that declares the package; 0 when unknown.
	Line int
	// Direct is true when the manifest says the project depends on the
	// package itself; false for transitive packages or when the format does
	// not say.
	Direct bool
}

// The ecosystems, spelled as OSV spells them.
const (
	NPM       = "npm"
	PyPI      = "PyPI"
	Go        = "Go"
	CratesIO  = "crates.io"
	RubyGems  = "RubyGems"
	Packagist = "Packagist"
	NuGet     = "NuGet"
	Maven     = "Maven"
	Pub       = "Pub"
	Hex       = "Hex"
)

// extractor parses one lockfile format. path is only used in errors and in
// the packages' Path.
type extractor func(path string, data []byte) ([]Package, error)

// extractorFor returns the parser for a manifest base name, or nil when the
// file is not a supported manifest.
func extractorFor(p string) extractor {
	p = strings.ReplaceAll(p, "\\", "/")
	base := path.Base(p)
	switch base {
	case "package-lock.json", "npm-shrinkwrap.json":
		return extractPackageLock
	case "yarn.lock":
		return extractYarnLock
	case "pnpm-lock.yaml":
		return extractPnpmLock
	case "go.mod":
		return extractGoMod
	case "poetry.lock":
		return extractPoetryLock
	case "uv.lock":
		return extractUVLock
	case "pdm.lock":
		return extractPDMLock
	case "Pipfile.lock":
		return extractPipfileLock
	case "Cargo.lock":
		return extractCargoLock
	case "Gemfile.lock", "gems.locked":
		return extractGemfileLock
	case "composer.lock":
		return extractComposerLock
	case "packages.lock.json":
		return extractNuGetLock
	case "packages.config":
		return extractPackagesConfig
	case "pom.xml":
		return extractPom
	case "gradle.lockfile", "buildscript-gradle.lockfile":
		return extractGradleLock
	case "pubspec.lock":
		return extractPubspecLock
	case "mix.lock":
		return extractMixLock
	}
	if isRequirementsFile(base) {
		return extractRequirements
	}
	// Gradle before 6.0 kept one lockfile per configuration.
	if strings.HasSuffix(base, ".lockfile") && path.Base(path.Dir(p)) == "dependency-locks" {
		return extractGradleLock
	}
	return nil
}

// Supported reports whether path names a manifest or lockfile this package
// parses, from its base name alone.
func Supported(path string) bool { return extractorFor(path) != nil }

// Extract parses the manifest or lockfile at path (its base name decides the
// format) and returns the packages it pins. A malformed file yields an error
// naming the file and, when known, the line; packages parsed before the
// problem are still returned. A requirements file's -r includes are not
// followed: the scanner does that with its file system.
func Extract(path string, data []byte) ([]Package, error) {
	ex := extractorFor(path)
	if ex == nil {
		return nil, fmt.Errorf("%s: not a supported manifest or lockfile", path)
	}
	return ex(path, decodeText(data))
}
