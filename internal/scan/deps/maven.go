package deps

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// pomDep is one <dependency> of a pom.xml with the line it starts on.
type pomDep struct {
	group, artifact, version, scope string
	line                            int
	// managed is true for dependencyManagement entries.
	managed bool
}

// extractPom parses a Maven pom.xml: project/dependencies (direct; a missing
// version is taken from dependencyManagement) and the
// dependencyManagement entries no dependency uses (transitive: they pin
// the version of a dependency pulled in indirectly). BOM imports
// (scope "import") are not dependencies and are skipped.
// "${name}" references are resolved from <properties> and the project's
// own coordinates (project.version, project.parent.version, ...) within the
// file; a dependency whose version cannot be resolved here (it is managed by
// a parent or a BOM) or is a version range is skipped without error.
func extractPom(path string, data []byte) ([]Package, error) {
	deps, props, err := parsePom(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, k := range []string{"version", "groupId"} { // inherited from the parent
		if _, ok := props["project."+k]; !ok && props["project.parent."+k] != "" {
			props["project."+k] = props["project.parent."+k]
			props["pom."+k] = props["project.parent."+k]
		}
	}
	if _, ok := props["version"]; !ok && props["project.version"] != "" {
		props["version"] = props["project.version"]
	}
	managed := make(map[string]string)
	used := make(map[string]bool)
	for i := range deps {
		d := &deps[i]
		d.group, d.artifact = resolveProps(d.group, props), resolveProps(d.artifact, props)
		d.version = resolveProps(d.version, props)
		if d.managed && d.scope != "import" {
			managed[d.group+":"+d.artifact] = d.version
		} else if !d.managed {
			used[d.group+":"+d.artifact] = true
		}
	}
	set := newPackageSet(path)
	for _, d := range deps {
		name := d.group + ":" + d.artifact
		version := d.version
		if d.managed && (used[name] || d.scope == "import") {
			continue
		}
		if version == "" && !d.managed {
			version = managed[name]
		}
		if d.group == "" || d.artifact == "" || version == "" || strings.Contains(name+version, "${") ||
			strings.ContainsAny(version[:1], "[(") {
			continue
		}
		set.add(Package{Ecosystem: Maven, Name: name, Version: version, Line: d.line, Direct: !d.managed})
	}
	return set.sorted(), nil
}

// parsePom streams the XML once, collecting dependencies and properties.
func parsePom(data []byte) ([]pomDep, map[string]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		stack []string
		deps  []pomDep
		cur   *pomDep
		text  strings.Builder
		props = make(map[string]string)
	)
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var serr *xml.SyntaxError
			if errors.As(err, &serr) {
				return deps, props, fmt.Errorf("line %d: invalid XML: %s", serr.Line, serr.Msg)
			}
			return deps, props, fmt.Errorf("invalid XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			text.Reset()
			if isPomDependency(stack) {
				cur = &pomDep{line: lineAt(data, off), managed: stack[1] == "dependencyManagement"}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(stack) == 0 {
				return deps, props, fmt.Errorf("line %d: unexpected </%s>", lineAt(data, off), t.Name.Local)
			}
			value := strings.TrimSpace(text.String())
			pomField(stack, value, cur, props)
			if isPomDependency(stack) && cur != nil {
				deps = append(deps, *cur)
				cur = nil
			}
			stack = stack[:len(stack)-1]
			text.Reset()
		}
	}
	return deps, props, nil
}

// isPomDependency reports whether the element path is a dependency we read.
func isPomDependency(stack []string) bool {
	p := strings.Join(stack, "/")
	return p == "project/dependencies/dependency" || p == "project/dependencyManagement/dependencies/dependency"
}

// pomField records the text of a closed element where it matters.
func pomField(stack []string, value string, cur *pomDep, props map[string]string) {
	n := len(stack)
	p := strings.Join(stack, "/")
	switch {
	case n == 3 && stack[1] == "properties":
		props[stack[2]] = value
	case p == "project/version", p == "project/groupId", p == "project/artifactId":
		props["project."+stack[1]] = value
		props["pom."+stack[1]] = value
		if stack[1] == "version" {
			props["version"] = value
		}
	case p == "project/parent/version", p == "project/parent/groupId", p == "project/parent/artifactId":
		props["project.parent."+stack[2]] = value
		props["parent."+stack[2]] = value
	case cur != nil && n >= 2 && isPomDependency(stack[:n-1]):
		switch stack[n-1] {
		case "groupId":
			cur.group = value
		case "artifactId":
			cur.artifact = value
		case "version":
			cur.version = value
		case "scope":
			cur.scope = value
		}
	}
}

// resolveProps replaces ${name} references from props, repeatedly (a
// property may refer to another), at most a few rounds so that a cycle ends.
func resolveProps(s string, props map[string]string) string {
	for round := 0; round < 8 && strings.Contains(s, "${"); round++ {
		var b strings.Builder
		rest := s
		for {
			i := strings.Index(rest, "${")
			if i < 0 {
				b.WriteString(rest)
				break
			}
			j := strings.Index(rest[i:], "}")
			if j < 0 {
				b.WriteString(rest)
				break
			}
			name := rest[i+2 : i+j]
			b.WriteString(rest[:i])
			if v, ok := props[name]; ok {
				b.WriteString(v)
			} else {
				b.WriteString(rest[i : i+j+1])
			}
			rest = rest[i+j+1:]
		}
		if b.String() == s {
			break
		}
		s = b.String()
	}
	return s
}
