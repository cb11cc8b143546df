package deps

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

type nugetLock struct {
	Dependencies map[string]map[string]struct {
		Type     string `json:"type"`
		Resolved string `json:"resolved"`
	} `json:"dependencies"`
}

// extractNuGetLock parses NuGet's packages.lock.json, for every target
// framework. "Project" entries are the solution's own projects and skipped.
func extractNuGetLock(path string, data []byte) ([]Package, error) {
	var lock nugetLock
	if err := json.Unmarshal(data, &lock); err != nil {
		return nil, jsonError(path, data, err)
	}
	lines := make(map[string]int)
	jsonKeyLines(data, func(p []string, line int) {
		if len(p) == 3 && p[0] == "dependencies" {
			lines[p[1]+"\x00"+p[2]] = line
		}
	})
	set := newPackageSet(path)
	for fw, deps := range lock.Dependencies {
		for name, d := range deps {
			if d.Type == "Project" || d.Resolved == "" {
				continue
			}
			set.add(Package{Ecosystem: NuGet, Name: name, Version: d.Resolved, Line: lines[fw+"\x00"+name], Direct: d.Type == "Direct"})
		}
	}
	return set.sorted(), nil
}

// extractPackagesConfig parses the legacy NuGet packages.config:
//
//	<packages><package id="Newtonsoft.Json" version="12.0.1" /></packages>
//
// Every package it lists is one the project references itself: direct.
func extractPackagesConfig(path string, data []byte) ([]Package, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	set := newPackageSet(path)
	depth := 0
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var serr *xml.SyntaxError
			if errors.As(err, &serr) {
				return set.sorted(), fmt.Errorf("%s: line %d: invalid XML: %s", path, serr.Line, serr.Msg)
			}
			return set.sorted(), fmt.Errorf("%s: invalid XML: %w", path, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth != 2 || t.Name.Local != "package" {
				continue
			}
			var id, version string
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "id":
					id = a.Value
				case "version":
					version = a.Value
				}
			}
			set.add(Package{Ecosystem: NuGet, Name: id, Version: version, Line: lineAt(data, off), Direct: true})
		case xml.EndElement:
			depth--
		}
	}
	return set.sorted(), nil
}
