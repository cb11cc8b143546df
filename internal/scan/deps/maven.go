package deps

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// pomDep is one <dependency> of a pom.xml with the line it starts on.
type pomDep struct {
	group, artifact, version, scope string
	line                            int
	// managed is true for dependencyManagement entries.
	managed bool
}

// pomFile is what one pom.xml says: its dependencies, its properties
// (with the project's own coordinates as project.version, ...) and where
// its parent is.
type pomFile struct {
	path  string
	deps  []pomDep
	props map[string]string
	// parentArtifact is the declared parent's artifactId; "" without parent.
	parentArtifact string
	// parentPath is the parent's <relativePath>; Maven's default is
	// ../pom.xml.
	parentPath string
}

// maxPomParents bounds the chain of local parent poms followed.
const maxPomParents = 5

// extractPom parses a Maven pom.xml on its own; see extractPomFS.
func extractPom(path string, data []byte) ([]Package, error) {
	return extractPomFS(nil, path, data)
}

// extractPomFS parses a Maven pom.xml: project/dependencies (direct; a
// missing version is taken from dependencyManagement) and the
// dependencyManagement entries no dependency uses (transitive: they pin
// the version of a dependency pulled in indirectly). BOM imports (scope
// "import") are not dependencies and are skipped. "${name}" references are
// resolved from <properties> and the project's coordinates
// (project.version, project.parent.version, ...).
//
// With fsys, local parent poms (<relativePath>, by default ../pom.xml,
// whose artifactId matches the declared parent) are read too, up to
// maxPomParents levels: their properties and dependencyManagement apply,
// and the dependencies they declare are inherited, reported at the parent's
// path and line. A dependency whose version still cannot be resolved (it is
// managed by a remote parent or BOM) or is a version range is skipped
// without error.
func extractPomFS(fsys fs.FS, path string, data []byte) ([]Package, error) {
	child, err := parsePom(path, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	chain := append([]*pomFile{child}, loadPomParents(fsys, child)...)
	props := mergePomProps(chain)
	managed := make(map[string]string)
	used := make(map[string]bool)
	for i := len(chain) - 1; i >= 0; i-- { // the child's management wins
		for j := range chain[i].deps {
			d := &chain[i].deps[j]
			d.group, d.artifact = resolveProps(d.group, props), resolveProps(d.artifact, props)
			d.version = resolveProps(d.version, props)
			switch {
			case d.managed && d.scope != "import":
				managed[d.group+":"+d.artifact] = d.version
			case !d.managed:
				used[d.group+":"+d.artifact] = true
			}
		}
	}
	set := newPackageSet(path)
	for i, f := range chain {
		for _, d := range f.deps {
			name := d.group + ":" + d.artifact
			if d.managed && (i > 0 || used[name] || d.scope == "import") {
				continue
			}
			version := d.version
			if version == "" && !d.managed {
				version = managed[name]
			}
			if d.group == "" || d.artifact == "" || version == "" || strings.Contains(name+version, "${") ||
				strings.ContainsAny(version[:1], "[(") {
				continue
			}
			set.add(Package{Ecosystem: Maven, Name: name, Version: version, Path: f.path, Line: d.line, Direct: !d.managed})
		}
	}
	return set.sorted(), nil
}

// loadPomParents follows the child's local parent poms in fsys. A parent
// that is missing, unreadable, malformed or another project ends the chain
// quietly: the parent is then remote, as Maven would fetch it.
func loadPomParents(fsys fs.FS, child *pomFile) []*pomFile {
	var out []*pomFile
	seen := map[string]bool{path.Clean(child.path): true}
	for cur := child; fsys != nil && cur.parentArtifact != "" && len(out) < maxPomParents; {
		rel := cur.parentPath
		if rel == "" {
			rel = "../pom.xml"
		}
		if !strings.HasSuffix(rel, ".xml") {
			rel = path.Join(rel, "pom.xml")
		}
		target := path.Clean(path.Join(path.Dir(cur.path), rel))
		if seen[target] || !fs.ValidPath(target) {
			break
		}
		seen[target] = true
		data, err := fs.ReadFile(fsys, target)
		if err != nil {
			break
		}
		parent, err := parsePom(target, data)
		if err != nil || parent.props["project.artifactId"] != cur.parentArtifact {
			break
		}
		out = append(out, parent)
		cur = parent
	}
	return out
}

// mergePomProps merges the properties of a chain (child first), the child
// overriding its ancestors, and fills the coordinates a pom inherits.
func mergePomProps(chain []*pomFile) map[string]string {
	props := make(map[string]string)
	for i := len(chain) - 1; i >= 0; i-- {
		for k, v := range chain[i].props {
			props[k] = v
		}
	}
	child := chain[0].props
	for _, k := range []string{"version", "groupId"} { // inherited from the parent
		if _, ok := child["project."+k]; !ok && child["project.parent."+k] != "" {
			props["project."+k] = child["project.parent."+k]
			props["pom."+k] = child["project.parent."+k]
		}
	}
	if _, ok := child["version"]; !ok && props["project.version"] != "" {
		props["version"] = props["project.version"]
	}
	return props
}

// parsePom streams the XML once, collecting dependencies, properties and
// the parent reference.
func parsePom(path string, data []byte) (*pomFile, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	f := &pomFile{path: path, props: make(map[string]string)}
	var (
		stack []string
		cur   *pomDep
		text  strings.Builder
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
				return f, fmt.Errorf("line %d: invalid XML: %s", serr.Line, serr.Msg)
			}
			return f, fmt.Errorf("invalid XML: %w", err)
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
				return f, fmt.Errorf("line %d: unexpected </%s>", lineAt(data, off), t.Name.Local)
			}
			f.field(stack, strings.TrimSpace(text.String()), cur)
			if isPomDependency(stack) && cur != nil {
				f.deps = append(f.deps, *cur)
				cur = nil
			}
			stack = stack[:len(stack)-1]
			text.Reset()
		}
	}
	return f, nil
}

// isPomDependency reports whether the element path is a dependency we read.
func isPomDependency(stack []string) bool {
	if len(stack) != 3 && len(stack) != 4 {
		return false
	}
	p := strings.Join(stack, "/")
	return p == "project/dependencies/dependency" || p == "project/dependencyManagement/dependencies/dependency"
}

// field records the text of a closed element where it matters.
func (f *pomFile) field(stack []string, value string, cur *pomDep) {
	n := len(stack)
	if n > 5 { // nothing deeper matters; keeps absurd nesting linear
		return
	}
	p := strings.Join(stack, "/")
	props := f.props
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
		if stack[2] == "artifactId" {
			f.parentArtifact = value
		}
	case p == "project/parent/relativePath":
		f.parentPath = value
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
