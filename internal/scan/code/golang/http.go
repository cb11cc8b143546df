package golang

import "go/ast"

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
			if k := exprName(kv.Key); k == "ReadHeaderTimeout" || k == "ReadTimeout" {
				return
			}
		}
	}
	if body, _ := f.enclosingFunc(); body != nil {
		set := false
		ast.Inspect(body, func(n ast.Node) bool {
			if a, ok := n.(*ast.AssignStmt); ok {
				for _, l := range a.Lhs {
					if k := exprName(l); k == "ReadHeaderTimeout" || k == "ReadTimeout" {
						set = true
					}
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
