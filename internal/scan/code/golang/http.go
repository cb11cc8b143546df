package golang

import (
	"go/ast"
	"go/types"
)

// checkListen flags the package-level net/http servers, which have no
// timeouts at all (gosec G114).
func (f *file) checkListen(call *ast.CallExpr) {
	if f.isPkgFunc(call, "net/http", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS") {
		f.hit("go-http-listen-no-timeout", call)
	}
}

// checkServer flags an http.Server literal that sets neither
// ReadHeaderTimeout nor ReadTimeout, here or later in the same function
// (gosec G112, Slowloris).
func (f *file) checkServer(lit *ast.CompositeLit) {
	if p, n, ok := f.pkgSel(lit.Type); !ok || p != "net/http" || n != "Server" || !f.enabled("go-http-server-no-timeout") {
		return
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if k := exprName(kv.Key); (k == "ReadHeaderTimeout" || k == "ReadTimeout") && !isZero(kv.Value) {
				return
			}
		}
	}
	target := f.literalTarget()
	if body, _ := f.enclosingFunc(); body != nil {
		set := false
		ast.Inspect(body, func(n ast.Node) bool {
			a, ok := n.(*ast.AssignStmt)
			if !ok || len(a.Lhs) != len(a.Rhs) {
				return !set
			}
			for i, l := range a.Lhs {
				sel, isSel := l.(*ast.SelectorExpr)
				if !isSel || (sel.Sel.Name != "ReadHeaderTimeout" && sel.Sel.Name != "ReadTimeout") || isZero(a.Rhs[i]) {
					continue
				}
				// The timeout must be set on the server this literal
				// creates, when we know which variable holds it.
				if target == "" || types.ExprString(sel.X) == target {
					set = true
				}
			}
			return !set
		})
		if set {
			return
		}
	}
	f.hit("go-http-server-no-timeout", lit)
}

// literalTarget returns the variable or field the composite literal being
// visited is assigned to ("srv", "a.public"), or "" when unknown.
func (f *file) literalTarget() string {
	for i := len(f.stack) - 1; i >= 0 && i >= len(f.stack)-2; i-- {
		switch p := f.stack[i].(type) {
		case *ast.AssignStmt:
			if len(p.Lhs) == 1 {
				return types.ExprString(p.Lhs[0])
			}
		case *ast.ValueSpec:
			if len(p.Names) == 1 {
				return p.Names[0].Name
			}
		}
	}
	return ""
}

// isZero reports whether e is the literal 0.
func isZero(e ast.Expr) bool {
	v, ok := intLit(e)
	return ok && v == 0
}
