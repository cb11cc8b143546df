package deps

import (
	"fmt"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"
)

// extractGoMod parses go.mod. Requirements marked "// indirect" are
// transitive; replace directives are applied (a module replaced by a local
// directory is dropped, one replaced by another module version becomes that
// module). Versions lose their "v" prefix, as OSV's Go records spell them.
//
// The toolchain, or a go directive of 1.21 or later, yields the package
// "stdlib" at that version, as osv-scanner does: from Go 1.21 the go line is
// the minimum toolchain that builds the module. Before 1.21 it only named
// the language version, so it says nothing about the toolchain in use and
// no stdlib package is recorded.
func extractGoMod(path string, data []byte) ([]Package, error) {
	f, err := modfile.Parse(path, data, func(_, v string) (string, error) { return v, nil })
	if err != nil {
		return nil, fmt.Errorf("parse %w", err) // modfile errors start with path:line
	}
	set := newPackageSet(path)
	for _, r := range f.Require {
		name, version, ok := applyReplace(f.Replace, r.Mod.Path, r.Mod.Version)
		if !ok {
			continue
		}
		line := 0
		if r.Syntax != nil {
			line = r.Syntax.Start.Line
		}
		set.add(Package{Ecosystem: Go, Name: name, Version: strings.TrimPrefix(version, "v"), Line: line, Direct: !r.Indirect})
	}
	if p, ok := goStdlib(f); ok {
		p.Path = path
		set.add(p)
	}
	return set.sorted(), nil
}

// applyReplace returns the module a requirement resolves to after the
// replace directives; ok is false when it is replaced by a local directory.
func applyReplace(reps []*modfile.Replace, path, version string) (string, string, bool) {
	var match *modfile.Replace
	for _, r := range reps {
		if r.Old.Path != path {
			continue
		}
		if r.Old.Version == version {
			match = r // an exact version match wins over a path-only one
			break
		}
		if r.Old.Version == "" {
			match = r
		}
	}
	if match == nil {
		return path, version, true
	}
	if match.New.Version == "" {
		return "", "", false
	}
	return match.New.Path, match.New.Version, true
}

// goStdlib returns the stdlib package a go.mod pins, if any.
func goStdlib(f *modfile.File) (Package, bool) {
	if f.Toolchain != nil {
		v := strings.TrimPrefix(f.Toolchain.Name, "go")
		if i := strings.IndexAny(v, "+-"); i >= 0 { // go1.22.1+auto, go1.21.0-custom
			v = v[:i]
		}
		if v != "" && v[0] >= '0' && v[0] <= '9' {
			return Package{Ecosystem: Go, Name: "stdlib", Version: fullGoVersion(v), Line: f.Toolchain.Syntax.Start.Line, Direct: true}, true
		}
	}
	if f.Go == nil || semver.Compare("v"+f.Go.Version, "v1.21") < 0 {
		return Package{}, false
	}
	return Package{Ecosystem: Go, Name: "stdlib", Version: fullGoVersion(f.Go.Version), Line: f.Go.Syntax.Start.Line, Direct: true}, true
}

// fullGoVersion turns a Go release "1.21" into "1.21.0". Pre-releases such
// as "1.21rc2" are kept as they are.
func fullGoVersion(v string) string {
	if strings.Count(v, ".") == 1 && !strings.ContainsAny(v, "abcdefghijklmnopqrstuvwxyz") {
		return v + ".0"
	}
	return v
}
