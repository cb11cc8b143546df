// Package javascript holds the JavaScript and TypeScript code-security
// rules, run by the tree-sitter query engine with the tree-sitter-javascript
// grammar (JSX included).
//
// TypeScript files are parsed with the JavaScript grammar too, because
// tree-sitter-typescript's Go bindings cannot be fetched here: StripTypes
// first blanks their type-only syntax without moving any position (all 33
// TypeScript files on the development machine then parse without an error
// node, against 4 before), and the engine tolerates what is left.
package javascript

import (
	sitter "github.com/tree-sitter/go-tree-sitter"
	tsjs "github.com/tree-sitter/tree-sitter-javascript/bindings/go"

	"github.com/secaudit/secaudit/internal/scan/code/query"
	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// Language returns the JavaScript grammar with its import and call
// patterns: require() and ES imports both bind names.
func Language() query.Language {
	return query.Language{
		Name:    "javascript",
		Grammar: sitter.NewLanguage(tsjs.Language()),
		Imports: `
(variable_declarator name: (identifier) @import.alias value: (call_expression function: (identifier) @_req (#eq? @_req "require") arguments: (arguments . (string) @import.module)))
(variable_declarator name: (object_pattern (shorthand_property_identifier_pattern) @import.name) value: (call_expression function: (identifier) @_req (#eq? @_req "require") arguments: (arguments . (string) @import.from)))
(variable_declarator name: (object_pattern (pair_pattern key: (property_identifier) @import.name value: (identifier) @import.alias)) value: (call_expression function: (identifier) @_req (#eq? @_req "require") arguments: (arguments . (string) @import.from)))
(import_statement (import_clause (identifier) @import.alias) source: (string) @import.module)
(import_statement (import_clause (namespace_import (identifier) @import.alias)) source: (string) @import.module)
(import_statement (import_clause (named_imports (import_specifier name: (identifier) @import.name !alias))) source: (string) @import.from)
(import_statement (import_clause (named_imports (import_specifier name: (identifier) @import.name alias: (identifier) @import.alias))) source: (string) @import.from)
`,
		Calls: `(call_expression function: [(identifier) (member_expression)] @fn) @call`,
	}
}

// firstArg returns the first argument of a call or new expression.
func firstArg(n sitter.Node) (sitter.Node, bool) {
	args := n.ChildByFieldName("arguments")
	if args == nil || args.NamedChildCount() == 0 {
		return sitter.Node{}, false
	}
	for j := uint(0); j < args.NamedChildCount(); j++ {
		if c := args.NamedChild(j); c.Kind() != "comment" {
			return *c, true
		}
	}
	return sitter.Node{}, false
}

// literal reports whether n is a constant: a string, a template without
// substitutions, a number, or a + of constants.
func literal(n sitter.Node) bool {
	switch n.Kind() {
	case "string", "number", "true", "false", "null", "undefined", "regex":
		return true
	case "template_string":
		for j := uint(0); j < n.NamedChildCount(); j++ {
			if n.NamedChild(j).Kind() == "template_substitution" {
				return false
			}
		}
		return true
	case "parenthesized_expression":
		return n.NamedChildCount() == 1 && literal(*n.NamedChild(0))
	case "binary_expression":
		l, r := n.ChildByFieldName("left"), n.ChildByFieldName("right")
		return l != nil && r != nil && literal(*l) && literal(*r)
	}
	return false
}

// nonLiteralFirstArg approves calls whose first argument is not constant.
func nonLiteralFirstArg(m *query.Match) bool {
	a, ok := firstArg(m.Node)
	return ok && !literal(a)
}

// nonLiteralValue approves matches whose @v capture is not constant.
func nonLiteralValue(m *query.Match) bool {
	v, ok := m.Capture("v")
	return ok && !literal(v)
}

// builtString approves calls whose first argument is a template with
// substitutions or a concatenation with a non-constant part (directly, or
// in the variable it names), or reads the request.
func builtString(m *query.Match) bool {
	a, ok := firstArg(m.Node)
	if !ok {
		return false
	}
	if a.Kind() == "identifier" {
		vs := jsAssignments(m, a)
		if len(vs) == 0 {
			return false
		}
		a = vs[0]
	}
	switch a.Kind() {
	case "template_string", "binary_expression":
		return !literal(a)
	}
	return !literal(a) && requestInput.MatchString(m.Text(&a))
}

// randomForSecret approves a Math.random() whose value is bound to a name
// that says token, id, key, password... : the variable, property or
// function it flows into.
func randomForSecret(m *query.Match) bool {
	n := m.Node.Parent()
	for depth := 0; n != nil && depth < 12; depth++ {
		var name *sitter.Node
		switch n.Kind() {
		case "variable_declarator", "function_declaration", "method_definition", "generator_function_declaration":
			name = n.ChildByFieldName("name")
		case "assignment_expression", "augmented_assignment_expression":
			name = n.ChildByFieldName("left")
		case "pair":
			name = n.ChildByFieldName("key")
		case "public_field_definition", "field_definition":
			name = n.ChildByFieldName("property")
		}
		if name != nil && rule.SensitiveOrID(lastName(m, *name)) {
			return true
		}
		switch n.Kind() {
		case "function_declaration", "method_definition", "generator_function_declaration", "program", "class_body":
			return false
		}
		n = n.Parent()
	}
	return false
}

// lastName returns the last identifier of a name, member or string key.
func lastName(m *query.Match, n sitter.Node) string {
	if n.Kind() == "member_expression" {
		if p := n.ChildByFieldName("property"); p != nil {
			return m.Text(p)
		}
	}
	t := m.Text(&n)
	if len(t) >= 2 && (t[0] == '"' || t[0] == '\'') {
		t = t[1 : len(t)-1]
	}
	return t
}
