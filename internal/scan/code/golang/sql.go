package golang

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// sqlMethods are the database/sql query methods (and sqlx's common
// additions); the value is the index of the query argument.
var sqlMethods = map[string]int{
	"Query": 0, "QueryRow": 0, "Exec": 0, "Prepare": 0,
	"QueryContext": 1, "QueryRowContext": 1, "ExecContext": 1, "PrepareContext": 1,
	"Queryx": 0, "QueryRowx": 0, "QueryxContext": 1, "QueryRowxContext": 1,
	"MustExec": 0, "MustExecContext": 1, "Select": 1, "Get": 1, "SelectContext": 2, "GetContext": 2,
}

// checkSQL flags a query method called with SQL built by concatenation or
// fmt.Sprintf from non-constant values (gosec G201/G202).
func (f *file) checkSQL(call *ast.CallExpr) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !f.enabled("go-sql-injection") {
		return
	}
	idx, ok := sqlMethods[sel.Sel.Name]
	if !ok || idx >= len(call.Args) {
		return
	}
	if _, _, isPkg := f.pkgSel(sel); isPkg {
		return // a package function such as template.Exec, not a query method
	}
	arg := call.Args[idx]
	exprs := []ast.Expr{arg}
	if id, isID := arg.(*ast.Ident); isID && !f.isConst(id) {
		body, _ := f.enclosingFunc()
		exprs = assignedValues(body, id.Name, call.Pos())
	}
	built, sqlLike := false, false
	for _, e := range exprs {
		b, s := f.sqlBuilt(e)
		built, sqlLike = built || b, sqlLike || s
	}
	if built && sqlLike {
		f.hit("go-sql-injection", call)
	}
}

// sqlBuilt reports whether e builds a string from non-constant values, and
// whether its literal parts look like SQL.
func (f *file) sqlBuilt(e ast.Expr) (built, sqlLike bool) {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return f.sqlBuilt(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return false, false
		}
		var lits []string
		collectLits(e, &lits)
		return !f.isConst(e), len(lits) > 0 && rule.LooksLikeSQL(strings.Join(lits, " "))
	case *ast.CallExpr:
		if !f.isPkgFunc(e, "fmt", "Sprintf") || len(e.Args) < 2 {
			return false, false
		}
		format, ok := stringLit(e.Args[0])
		if !ok || !strings.ContainsAny(format, "%") || !hasStringVerb(format) {
			return false, false
		}
		for _, a := range e.Args[1:] {
			if !f.isConst(a) {
				return true, rule.LooksLikeSQL(format)
			}
		}
		return false, rule.LooksLikeSQL(format)
	case *ast.BasicLit:
		s, _ := stringLit(e)
		return false, rule.LooksLikeSQL(s)
	}
	return false, false
}

// hasStringVerb reports whether a format string has a verb that can carry
// arbitrary text (%s, %v, %q, %x...); %d alone cannot inject.
func hasStringVerb(format string) bool {
	for i := 0; i < len(format)-1; i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[j]) >= 0 {
			j++
		}
		if j < len(format) && strings.IndexByte("svqxXT", format[j]) >= 0 {
			return true
		}
		if j < len(format) && format[j] == '%' {
			i = j
		}
	}
	return false
}

// collectLits appends the string literals of a + chain.
func collectLits(e ast.Expr, out *[]string) {
	switch e := e.(type) {
	case *ast.BinaryExpr:
		collectLits(e.X, out)
		collectLits(e.Y, out)
	case *ast.ParenExpr:
		collectLits(e.X, out)
	default:
		if s, ok := stringLit(e); ok {
			*out = append(*out, s)
		}
	}
}
