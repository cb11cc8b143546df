package golang

import (
	"go/ast"
	"strings"
)

// checkZipSlip flags, in a function of a file that imports archive/zip or
// archive/tar, a path joined or created from an entry's Name when nothing in
// the function checks it (strings.HasPrefix, filepath.IsLocal, filepath.Rel,
// a sanitizing helper): "zip slip", gosec G305.
func (f *file) checkZipSlip(body *ast.BlockStmt) {
	if body == nil || !f.enabled("go-zip-slip") || !f.extracts() {
		return
	}
	tainted := map[string]bool{}
	guarded := false
	var sinks []*ast.CallExpr
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, r := range n.Rhs {
					if id, ok := n.Lhs[i].(*ast.Ident); ok && f.entryName(r, tainted) {
						tainted[id.Name] = true
					}
				}
			}
		case *ast.CallExpr:
			if f.guardsPath(n) {
				guarded = true
			}
			if f.isPkgFunc(n, "path/filepath", "Join") || f.isPkgFunc(n, "path", "Join") ||
				f.isPkgFunc(n, "os", "Create", "OpenFile", "Mkdir", "MkdirAll", "WriteFile") {
				for _, a := range n.Args {
					if f.entryName(a, tainted) {
						sinks = append(sinks, n)
						break
					}
				}
			}
		}
		return true
	})
	if guarded {
		return
	}
	for _, s := range sinks {
		f.hit("go-zip-slip", s)
	}
}

// extracts reports whether the file reads zip or tar archives (it opens a
// reader or handles one), as opposed to only writing them.
func (f *file) extracts() bool {
	if f.readsArchive != nil {
		return *f.readsArchive
	}
	reads := false
	if f.imports("archive/zip") || f.imports("archive/tar") {
		ast.Inspect(f.ast, func(n ast.Node) bool {
			if p, name, ok := f.pkgSel(asExpr(n)); ok {
				switch {
				case p == "archive/zip" && (name == "OpenReader" || name == "NewReader" || name == "Reader" || name == "ReadCloser" || name == "File"):
					reads = true
				case p == "archive/tar" && (name == "NewReader" || name == "Reader"):
					reads = true
				}
			}
			return !reads
		})
	}
	f.readsArchive = &reads
	return reads
}

// asExpr returns n as an expression, or nil.
func asExpr(n ast.Node) ast.Expr {
	e, _ := n.(ast.Expr)
	return e
}

// entryName reports whether e carries an archive entry's name: x.Name, a
// tainted variable, or a join/concatenation/clean of one.
func (f *file) entryName(e ast.Expr, tainted map[string]bool) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return tainted[e.Name]
	case *ast.SelectorExpr:
		_, _, isPkg := f.pkgSel(e)
		return !isPkg && e.Sel.Name == "Name"
	case *ast.ParenExpr:
		return f.entryName(e.X, tainted)
	case *ast.BinaryExpr:
		return f.entryName(e.X, tainted) || f.entryName(e.Y, tainted)
	case *ast.CallExpr:
		if f.isPkgFunc(e, "path/filepath", "Join", "Clean", "FromSlash", "ToSlash") || f.isPkgFunc(e, "path", "Join", "Clean") {
			for _, a := range e.Args {
				if f.entryName(a, tainted) {
					return true
				}
			}
		}
	}
	return false
}

// guardsPath reports whether call checks that a path stays inside a
// directory.
func (f *file) guardsPath(call *ast.CallExpr) bool {
	if f.isPkgFunc(call, "strings", "HasPrefix", "Contains") || f.isPkgFunc(call, "path/filepath", "IsLocal", "Rel", "Localize") {
		return true
	}
	name := strings.ToLower(exprName(call.Fun))
	for _, w := range []string{"sanitiz", "secure", "safe", "valid", "within", "inside"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
