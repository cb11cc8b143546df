package golang

import (
	"go/ast"
	"go/token"
	"regexp"
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
	"Raw": 0, "Where": 0, "Having": 0, "Order": 0, "Joins": 0, "Group": 0, "Not": 0, "Or": 0,
}

// conditionMethods take an SQL condition rather than a statement (GORM and
// query builders): their text need not look like a whole statement.
var conditionMethods = map[string]bool{"Where": true, "Having": true, "Order": true, "Joins": true, "Group": true, "Not": true, "Or": true}

// sqlCondition matches literal text of an SQL condition.
var sqlCondition = regexp.MustCompile(`(?i)(=|<|>|\blike\b|\bin\s*\(|\bis\s+(not\s+)?null\b|\b(asc|desc)\b)`)

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
		if conditionMethods[sel.Sel.Name] && !s {
			var lits []string
			collectLits(e, &lits)
			if c, ok := e.(*ast.CallExpr); ok && len(c.Args) > 0 {
				if format, ok := f.formatText(c.Args[0]); ok {
					lits = append(lits, format)
				}
			}
			sqlLike = sqlLike || sqlCondition.MatchString(strings.Join(lits, " "))
		}
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
		return !f.sqlSafe(e), len(lits) > 0 && rule.LooksLikeSQL(strings.Join(lits, " "))
	case *ast.CallExpr:
		if b, s, ok := f.builderCall(e); ok {
			return b, s
		}
		if !f.isPkgFunc(e, "fmt", "Sprintf") || len(e.Args) < 2 {
			return false, false
		}
		format, ok := f.formatText(e.Args[0])
		if !ok || !strings.ContainsAny(format, "%") || !hasStringVerb(format) {
			return false, false
		}
		for _, a := range e.Args[1:] {
			if !f.sqlSafe(a) {
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

// sqlSafe reports whether e cannot carry SQL syntax: a constant, a number
// formatted by strconv, a conversion of a constant, a value quoted by a
// driver's Quote*/Escape* helper (pq.QuoteIdentifier), or a sum of those.
func (f *file) sqlSafe(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return f.sqlSafe(e.X)
	case *ast.BinaryExpr:
		return f.sqlSafe(e.X) && f.sqlSafe(e.Y)
	case *ast.CallExpr:
		if f.isPkgFunc(e, "strconv", "Itoa", "FormatInt", "FormatUint", "FormatFloat", "FormatBool", "Quote") {
			return true
		}
		name := exprName(e.Fun)
		if strings.HasPrefix(name, "Quote") || strings.HasPrefix(name, "Escape") {
			return true
		}
		if id, ok := e.Fun.(*ast.Ident); ok && len(e.Args) == 1 && basicTypes[id.Name] {
			return f.sqlSafe(e.Args[0])
		}
	}
	return f.isConst(e)
}

// basicTypes are the conversions that keep a constant constant.
var basicTypes = map[string]bool{"string": true, "int": true, "int64": true, "int32": true, "uint": true, "uint64": true, "float64": true}

// formatText returns the text of a format argument: a literal, or a sum of
// literals and of variables holding literals.
func (f *file) formatText(e ast.Expr) (string, bool) {
	if s, ok := stringLit(e); ok {
		return s, true
	}
	var lits []string
	collectLits(e, &lits)
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			body, _ := f.enclosingFunc()
			for _, v := range assignedValues(body, id.Name, id.Pos()) {
				if s, ok := stringLit(v); ok {
					lits = append(lits, s)
				}
			}
		}
		return true
	})
	if len(lits) == 0 {
		return "", false
	}
	return strings.Join(lits, " "), true
}

// builderCall handles a call to a function of this file that returns SQL
// it builds ("query := buildQuery(name)"): the returned expressions decide.
func (f *file) builderCall(call *ast.CallExpr) (built, sqlLike, ok bool) {
	id, isID := call.Fun.(*ast.Ident)
	if !isID || f.inBuilder {
		return false, false, false
	}
	var fn *ast.FuncDecl
	for _, d := range f.ast.Decls {
		if fd, isFn := d.(*ast.FuncDecl); isFn && fd.Recv == nil && fd.Name.Name == id.Name && fd.Body != nil {
			fn = fd
		}
	}
	if fn == nil {
		return false, false, false
	}
	f.inBuilder = true
	defer func() { f.inBuilder = false }()
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		if r, isRet := n.(*ast.ReturnStmt); isRet && len(r.Results) >= 1 {
			b, s := f.sqlBuilt(r.Results[0])
			built, sqlLike = built || b, sqlLike || s
		}
		_, isLit := n.(*ast.FuncLit)
		return !isLit
	})
	return built, sqlLike, true
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
