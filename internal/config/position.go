package config

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Diagnostic is one problem of a configuration file, with its position when
// known. It is what `secaudit config validate` prints.
type Diagnostic struct {
	File string `json:"file"`
	// Line and Column are 1-based; zero when the problem has no place in the
	// file (a default the file does not mention).
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
	// Path is the setting at fault ("routes[3].team"); empty for syntax
	// errors.
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// String formats d as "file:line:col: message", leaving out unknown parts.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Column > 0 {
			fmt.Fprintf(&b, ":%d", d.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(d.Message)
	return b.String()
}

// Check parses data (named name) like Parse and explains every problem with
// its position: YAML syntax errors, unknown keys, wrong types and each
// validation error, located by its path.
func Check(data []byte, name string) []Diagnostic {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return yamlDiagnostics(err, name, nil)
	}
	_, err := parse(data, name, Default())
	if err == nil {
		return nil
	}
	// parse wraps as "name: err"; a decode error carries yaml line numbers,
	// a validation error is a join of "path: message" errors.
	inner := errors.Unwrap(err)
	if inner == nil {
		inner = err
	}
	var te *yaml.TypeError
	if errors.As(inner, &te) {
		return yamlDiagnostics(te, name, &root)
	}
	var errs []error
	if j, ok := inner.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{inner}
	}
	out := make([]Diagnostic, 0, len(errs))
	for _, e := range errs {
		msg := e.Error()
		d := Diagnostic{File: name, Message: msg}
		if path, _, ok := strings.Cut(msg, ": "); ok && !strings.ContainsAny(path, " \t") {
			d.Path = path
			if n := Locate(&root, path); n != nil {
				d.Line, d.Column = n.Line, n.Column
			}
		}
		out = append(out, d)
	}
	return out
}

var yamlLineRe = regexp.MustCompile(`line (\d+): (.*)`)
var unknownFieldRe = regexp.MustCompile(`field (\S+) not found`)

// yamlDiagnostics turns yaml.v3 errors ("line 5: field x not found in type
// config.Team") into diagnostics, finding the column of an unknown key in
// root when it is given.
func yamlDiagnostics(err error, name string, root *yaml.Node) []Diagnostic {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	out := make([]Diagnostic, 0, len(msgs))
	for _, m := range msgs {
		d := Diagnostic{File: name, Message: m}
		if sm := yamlLineRe.FindStringSubmatch(m); sm != nil {
			d.Line, _ = strconv.Atoi(sm[1])
			d.Message = sm[2]
			if fm := unknownFieldRe.FindStringSubmatch(sm[2]); fm != nil && root != nil {
				d.Message = fmt.Sprintf("unknown key %q", fm[1])
				if k := findKey(root, d.Line, fm[1]); k != nil {
					d.Column = k.Column
				}
			}
		}
		out = append(out, d)
	}
	return out
}

// findKey returns the mapping key node with the given value on the given line.
func findKey(n *yaml.Node, line int, key string) *yaml.Node {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Line == line && k.Value == key {
				return k
			}
		}
	}
	for _, c := range n.Content {
		if k := findKey(c, line, key); k != nil {
			return k
		}
	}
	return nil
}

// Locate returns the node a path such as "routes[3].team" or
// "teams.security.slack_channel" names in a parsed document: the key node for
// a mapping entry, the item for a sequence index. When the full path is not
// in the document it returns the deepest node that is, or nil when not even
// the first step is.
func Locate(root *yaml.Node, path string) *yaml.Node {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	var found *yaml.Node
	for _, step := range splitPath(path) {
		next, at := descend(n, step)
		if next == nil {
			return found
		}
		n, found = next, at
	}
	return found
}

// descend takes one step: a mapping key or a "[i]" index. It returns the
// child value and the node to report (the key for mappings).
func descend(n *yaml.Node, step string) (child, at *yaml.Node) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if strings.HasPrefix(step, "[") {
		i, err := strconv.Atoi(strings.Trim(step, "[]"))
		if err != nil || n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
			return nil, nil
		}
		return n.Content[i], n.Content[i]
	}
	if n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == step {
			return n.Content[i+1], n.Content[i]
		}
	}
	return nil, nil
}

// splitPath splits "routes[3].team" into "routes", "[3]", "team".
func splitPath(path string) []string {
	var steps []string
	for _, part := range strings.Split(path, ".") {
		for part != "" {
			i := strings.Index(part, "[")
			switch {
			case i < 0:
				steps = append(steps, part)
				part = ""
			case i > 0:
				steps = append(steps, part[:i])
				part = part[i:]
			default:
				j := strings.Index(part, "]")
				if j < 0 {
					steps = append(steps, part)
					part = ""
					continue
				}
				steps = append(steps, part[:j+1])
				part = part[j+1:]
			}
		}
	}
	return steps
}
