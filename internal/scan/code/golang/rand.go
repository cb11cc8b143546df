package golang

import (
	"go/ast"
	"strings"

	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

// checkWeakRand flags math/rand used to make a token, key or password: a
// call into math/rand whose result is assigned to, returned from or keyed by
// a sensitive name (gosec G404 flags every use; this is the precise subset).
func (f *file) checkWeakRand(call *ast.CallExpr) {
	p, name, ok := f.pkgSel(call.Fun)
	if !ok || (p != "math/rand" && p != "math/rand/v2") || name == "Seed" || !f.enabled("go-weak-rand") {
		return
	}
	if strings.HasSuffix(f.fset.Position(call.Pos()).Filename, "_test.go") {
		return
	}
	for i := len(f.stack) - 1; i >= 0; i-- {
		switch n := f.stack[i].(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if rule.Sensitive(exprName(l)) {
					f.hit("go-weak-rand", call)
					return
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				if rule.Sensitive(id.Name) {
					f.hit("go-weak-rand", call)
					return
				}
			}
		case *ast.KeyValueExpr:
			if rule.Sensitive(exprName(n.Key)) {
				f.hit("go-weak-rand", call)
				return
			}
		case *ast.FuncDecl:
			if rule.Sensitive(n.Name.Name) {
				f.hit("go-weak-rand", call)
			}
			return
		case *ast.FuncLit:
			if rule.Sensitive(boundName(f.stack[:i])) {
				f.hit("go-weak-rand", call)
			}
			return
		}
	}
}
