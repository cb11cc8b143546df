package python

import (
	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/secaudit/secaudit/internal/scan/code/query"
	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// sqlBuilt approves an execute() call whose query is SQL built with %,
// .format, an f-string or + from non-constant values, directly or through a
// variable assigned in the same function.
func sqlBuilt(m *query.Match) bool {
	q, ok := m.Capture("q")
	if !ok {
		// A call rule: the query is the first argument (sqlalchemy.text).
		if q, ok = arg(m.Node, 0); !ok {
			return false
		}
	}
	if q.Kind() == "identifier" {
		appended, sqlLike := false, false
		for _, v := range assignments(m, q) {
			if v.Kind() == "augmented_assignment" {
				r := v.ChildByFieldName("right")
				appended = appended || (r != nil && !literal(*r))
				continue
			}
			if formattedSQL(m, v) {
				return true
			}
			sqlLike = sqlLike || rule.LooksLikeSQL(m.Text(&v))
		}
		return appended && sqlLike
	}
	return formattedSQL(m, q)
}

// formattedSQL reports whether n formats SQL text with values.
func formattedSQL(m *query.Match, n sitter.Node) bool {
	switch n.Kind() {
	case "string":
		return !literal(n) && rule.LooksLikeSQL(stringContent(m, n))
	case "binary_operator":
		l, r := n.ChildByFieldName("left"), n.ChildByFieldName("right")
		op := n.ChildByFieldName("operator")
		if l == nil || r == nil || op == nil {
			return false
		}
		switch m.Text(op) {
		case "%":
			return literal(*l) && rule.LooksLikeSQL(m.Text(l)) && !literal(*r)
		case "+":
			if literal(*l) && literal(*r) {
				return false
			}
			return hasSQLLiteral(m, n)
		}
	case "call":
		fn := n.ChildByFieldName("function")
		if fn == nil || fn.Kind() != "attribute" {
			return false
		}
		obj, attr := fn.ChildByFieldName("object"), fn.ChildByFieldName("attribute")
		return attr != nil && obj != nil && m.Text(attr) == "format" && literal(*obj) && rule.LooksLikeSQL(m.Text(obj))
	case "parenthesized_expression":
		if n.NamedChildCount() == 1 {
			return formattedSQL(m, *n.NamedChild(0))
		}
	}
	return false
}

// stringContent returns the literal text of a string, f-string
// interpolations left out.
func stringContent(m *query.Match, n sitter.Node) string {
	var out string
	for j := uint(0); j < n.NamedChildCount(); j++ {
		if c := n.NamedChild(j); c.Kind() == "string_content" {
			out += m.Text(c) + " "
		} else if c.Kind() == "interpolation" {
			out += " "
		}
	}
	return out
}

// hasSQLLiteral reports whether a + chain holds a string literal that looks
// like SQL.
func hasSQLLiteral(m *query.Match, n sitter.Node) bool {
	if n.Kind() == "binary_operator" {
		for _, f := range []string{"left", "right"} {
			if c := n.ChildByFieldName(f); c != nil && hasSQLLiteral(m, *c) {
				return true
			}
		}
		return false
	}
	return (n.Kind() == "string" || n.Kind() == "concatenated_string") && rule.LooksLikeSQL(m.Text(&n))
}

// assignments returns the values that reach the use id of a variable in
// the function (or module) around it: the last plain assignment before it
// and the augmented assignments (+=) after that one.
func assignments(m *query.Match, id sitter.Node) []sitter.Node {
	name := m.Text(&id)
	scope := id.Parent()
	for scope != nil && scope.Kind() != "function_definition" && scope.Kind() != "module" {
		scope = scope.Parent()
	}
	if scope == nil {
		return nil
	}
	var out []sitter.Node
	var walk func(n *sitter.Node, depth int)
	walk = func(n *sitter.Node, depth int) {
		if depth > 12 || n.StartByte() > id.StartByte() {
			return
		}
		switch n.Kind() {
		case "assignment", "augmented_assignment":
			l, r := n.ChildByFieldName("left"), n.ChildByFieldName("right")
			switch {
			case l == nil || r == nil || m.Text(l) != name:
			case n.Kind() == "augmented_assignment":
				out = append(out, *n)
			default:
				// A plain assignment replaces what came before: keep the
				// value that reaches the use, not every value ever held.
				out = append(out[:0], *r)
			}
			return
		case "function_definition", "class_definition":
			if depth > 0 {
				return
			}
		}
		for j := uint(0); j < n.NamedChildCount(); j++ {
			walk(n.NamedChild(j), depth+1)
		}
	}
	walk(scope, 0)
	return out
}
