// Package python holds the Python code-security rules, run by the
// tree-sitter query engine with the tree-sitter-python grammar.
package python

import (
	"path"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"
	tspython "github.com/tree-sitter/tree-sitter-python/bindings/go"

	"github.com/secaudit/secaudit/internal/scan/code/query"
)

// Language returns the Python grammar with its import and call patterns.
func Language() query.Language {
	return query.Language{
		Name:    "python",
		Grammar: sitter.NewLanguage(tspython.Language()),
		Imports: `
(import_statement name: (aliased_import name: (dotted_name) @import.module alias: (identifier) @import.alias))
(import_statement name: (dotted_name) @import.module)
(import_from_statement module_name: (dotted_name) @import.from name: (dotted_name) @import.name)
(import_from_statement module_name: (dotted_name) @import.from name: (aliased_import name: (dotted_name) @import.name alias: (identifier) @import.alias))
`,
		Calls: `(call function: [(identifier) (attribute)] @fn) @call`,
	}
}

// arg returns the i-th positional argument of a call node.
func arg(call sitter.Node, i int) (sitter.Node, bool) {
	args := call.ChildByFieldName("arguments")
	if args == nil {
		return sitter.Node{}, false
	}
	n := 0
	for j := uint(0); j < args.NamedChildCount(); j++ {
		c := args.NamedChild(j)
		switch c.Kind() {
		case "keyword_argument", "comment", "list_splat", "dictionary_splat":
			continue
		}
		if n == i {
			return *c, true
		}
		n++
	}
	return sitter.Node{}, false
}

// kwarg returns the value of the keyword argument name of a call node.
func kwarg(m *query.Match, call sitter.Node, name string) (sitter.Node, bool) {
	args := call.ChildByFieldName("arguments")
	if args == nil {
		return sitter.Node{}, false
	}
	for j := uint(0); j < args.NamedChildCount(); j++ {
		c := args.NamedChild(j)
		if c.Kind() != "keyword_argument" {
			continue
		}
		if k := c.ChildByFieldName("name"); k != nil && m.Text(k) == name {
			if v := c.ChildByFieldName("value"); v != nil {
				return *v, true
			}
		}
	}
	return sitter.Node{}, false
}

// literal reports whether n is a string literal without interpolation (or a
// concatenation of such).
func literal(n sitter.Node) bool {
	switch n.Kind() {
	case "string":
		for j := uint(0); j < n.NamedChildCount(); j++ {
			if n.NamedChild(j).Kind() == "interpolation" {
				return false
			}
		}
		return true
	case "concatenated_string", "parenthesized_expression":
		for j := uint(0); j < n.NamedChildCount(); j++ {
			if !literal(*n.NamedChild(j)) {
				return false
			}
		}
		return n.NamedChildCount() > 0
	}
	return false
}

// falsy reports whether n is the constant False, None or 0.
func falsy(m *query.Match, n sitter.Node) bool {
	switch n.Kind() {
	case "false", "none":
		return true
	case "integer":
		return m.Text(&n) == "0"
	}
	return false
}

// nonLiteralFirstArg approves calls whose first argument is not a constant
// string: eval("1+1") or os.system("ls") cannot be injected.
func nonLiteralFirstArg(m *query.Match) bool {
	a, ok := arg(m.Node, 0)
	return !ok || !literal(a)
}

// testFile reports whether path is a test module: test_*.py, *_test.py,
// conftest.py, or a file under a test directory.
func testFile(p string) bool {
	base := path.Base(p)
	if strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py" || base == "tests.py" {
		return true
	}
	for _, d := range strings.Split(path.Dir(p), "/") {
		switch d {
		case "test", "tests", "testing", "unittests":
			return true
		}
	}
	return false
}
