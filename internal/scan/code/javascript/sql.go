package javascript

import (
	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/secaudit/secaudit/internal/scan/code/query"
	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// sqlBuilt approves a query call whose SQL is a template with substitutions
// or a concatenation with non-constant parts, directly or through a
// variable declared or assigned before it in the same function.
func sqlBuilt(m *query.Match) bool {
	q, ok := m.Capture("q")
	if !ok {
		return false
	}
	if q.Kind() == "identifier" {
		for _, v := range jsAssignments(m, q) {
			if formattedSQL(m, v) {
				return true
			}
		}
		return false
	}
	return formattedSQL(m, q)
}

// formattedSQL reports whether n builds SQL text from values: a template
// with substitutions or a + concatenation with non-constant parts, whose
// literal text (not its identifiers) looks like SQL.
func formattedSQL(m *query.Match, n sitter.Node) bool {
	switch n.Kind() {
	case "template_string":
		return !literal(n) && rule.LooksLikeSQL(literalText(m, n))
	case "binary_expression":
		op := n.ChildByFieldName("operator")
		return op != nil && m.Text(op) == "+" && !literal(n) && rule.LooksLikeSQL(literalText(m, n))
	case "parenthesized_expression":
		return n.NamedChildCount() == 1 && formattedSQL(m, *n.NamedChild(0))
	}
	return false
}

// literalText returns the string literal and template text inside n,
// without the substituted expressions and identifiers.
func literalText(m *query.Match, n sitter.Node) string {
	switch n.Kind() {
	case "string", "string_fragment":
		return m.Text(&n)
	case "template_substitution":
		return " "
	}
	var out string
	for j := uint(0); j < n.NamedChildCount(); j++ {
		out += literalText(m, *n.NamedChild(j)) + " "
	}
	return out
}

// jsAssignments returns the value of the last declaration or assignment of
// the variable id before its use, in the enclosing function or program.
func jsAssignments(m *query.Match, id sitter.Node) []sitter.Node {
	name := m.Text(&id)
	scope := id.Parent()
	for scope != nil && !functionLike(scope.Kind()) && scope.Kind() != "program" {
		scope = scope.Parent()
	}
	if scope == nil {
		return nil
	}
	var last *sitter.Node
	var walk func(n *sitter.Node, depth int)
	walk = func(n *sitter.Node, depth int) {
		if depth > 14 || n.StartByte() > id.StartByte() {
			return
		}
		var lhs, rhs *sitter.Node
		switch n.Kind() {
		case "variable_declarator":
			lhs, rhs = n.ChildByFieldName("name"), n.ChildByFieldName("value")
		case "assignment_expression":
			lhs, rhs = n.ChildByFieldName("left"), n.ChildByFieldName("right")
		}
		if lhs != nil && rhs != nil && (m.Text(lhs) == name || binds(m, *lhs, name)) {
			last = rhs
		}
		if depth > 0 && functionLike(n.Kind()) {
			return
		}
		for j := uint(0); j < n.NamedChildCount(); j++ {
			walk(n.NamedChild(j), depth+1)
		}
	}
	walk(scope, 0)
	if last == nil {
		return nil
	}
	return []sitter.Node{*last}
}

// binds reports whether a destructuring pattern binds name
// ("const { file } = req.params").
func binds(m *query.Match, pattern sitter.Node, name string) bool {
	if pattern.Kind() != "object_pattern" && pattern.Kind() != "array_pattern" {
		return false
	}
	for j := uint(0); j < pattern.NamedChildCount(); j++ {
		c := pattern.NamedChild(j)
		switch c.Kind() {
		case "shorthand_property_identifier_pattern", "identifier":
			if m.Text(c) == name {
				return true
			}
		case "pair_pattern":
			if v := c.ChildByFieldName("value"); v != nil && m.Text(v) == name {
				return true
			}
		}
	}
	return false
}

func functionLike(kind string) bool {
	switch kind {
	case "function_declaration", "function_expression", "arrow_function", "method_definition", "generator_function_declaration", "generator_function":
		return true
	}
	return false
}
